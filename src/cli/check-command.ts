import { Buffer } from 'node:buffer';
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findTranslation, missingTranslation } from '../config/index.js';
import { CuratorError } from '../errors.js';
import {
  checkPullRequest,
  type CheckResult,
  type FileVersions,
} from '../tasks/check-pull-request.js';
import { decodeMarkdown } from '../tasks/list-bytes.js';
import { renderCheckComment } from '../tasks/render-check.js';
import type { CliIo } from './io.js';
import { arxivSource } from './arxiv-source.js';
import { loadCliConfig, usageError } from './read-input.js';

export const CHECK_USAGE = `Usage: curator check --base <git-ref|dir> [--head <git-ref|dir>] [--offline] [--arxiv-url URL] [--format text|markdown|json]

Checks what a change does to the list: rows added, changed, moved and removed, sections renamed;
lint findings on the touched lines only; where the added papers belong; edits made in one
language only and the other language's rows; the added arXiv ids; a list file deleted.
Without --head, the head is the working tree. --format markdown prints the pull-request comment.

Options:
  --base REF|DIR   the version to compare with: a git ref (main, HEAD~1) or a folder
  --head REF|DIR   the changed version (default: the working tree)
  --format NAME    text (default), markdown (the pull-request comment) or json
  --config PATH    config file (default: .github/curator.yml when it exists)
  --offline        make no network request: the added arXiv ids are checked only against a saved
                   feed (--arxiv-url file:PATH), else not at all (a note says so)
  --arxiv-url URL  the arXiv API endpoint (default: arxiv.apiUrl); file:PATH replays a saved
                   arXiv Atom feed instead (no network)

Exit codes: 0 no errors, 1 errors, 2 usage, file or config problem, 3 internal error (a bug;
please report it), 4 arXiv did not answer (down, busy or no network; run again later).`;

/** A file's bytes at a git ref, or null when it does not exist there. */
function gitShow(cwd: string, ref: string, path: string): Promise<Uint8Array | null> {
  return new Promise((done, fail) => {
    execFile(
      'git',
      ['show', `${ref}:${path}`],
      { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' },
      (error, stdout, stderr) => {
        const why = stderr.toString('utf8');
        if (!error) done(stdout);
        else if (/does not exist|exists on disk, but not in/.test(why)) done(null);
        else
          fail(
            new CuratorError(
              `--base/--head: git cannot read ${ref}:${path} (${why.trim().split('\n')[0] ?? error.message})`,
              { hint: 'Give a branch, tag or commit of this repository, or a folder' },
            ),
          );
      },
    );
  });
}

/** A file's bytes at a version (a folder, the working tree or a git ref), and its name there. */
async function bytesAt(
  io: CliIo,
  where: string | undefined,
  path: string,
): Promise<{ bytes: Uint8Array; shown: string } | null> {
  const dir = where === undefined ? io.cwd : resolve(io.cwd, where);
  const isDir =
    where === undefined ||
    (await stat(dir)
      .then((s) => s.isDirectory())
      .catch(() => false));
  let bytes: Uint8Array | null;
  let shown: string;
  if (isDir) {
    const abs = resolve(dir, path);
    bytes = (await io.isFile(abs)) ? await io.readFile(abs) : null;
    shown = where === undefined ? path : join(where, path);
  } else {
    bytes = await gitShow(io.cwd, where!, path);
    shown = `${where}:${path}`;
  }
  return bytes && { bytes, shown };
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

/**
 * A file's base and head texts, read as `curator lint` reads them: UTF-8 checked (a clear error
 * naming the file), the BOM set aside. A file the change did not touch is decoded once: its head
 * is the base's text.
 */
async function versionsAt(
  io: CliIo,
  base: string | undefined,
  head: string | undefined,
  path: string,
): Promise<FileVersions> {
  const before = await bytesAt(io, base, path);
  const baseText = before && decodeMarkdown(before.bytes, before.shown).text;
  const after = await bytesAt(io, head, path);
  const headText =
    after === null
      ? null
      : before && baseText !== null && sameBytes(after.bytes, before.bytes)
        ? baseText
        : decodeMarkdown(after.bytes, after.shown).text;
  return { path, base: baseText, head: headText };
}

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      offline: { type: 'boolean', default: false },
      'arxiv-url': { type: 'string' },
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${CHECK_USAGE}\n`);
    return 0;
  }
  if (!['text', 'markdown', 'json'].includes(values.format))
    throw usageError(`--format: unknown format "${values.format}"`, 'Use text, markdown or json');
  if (values.base === undefined)
    throw usageError(
      '--base is missing',
      'Give the version to compare with: a git ref (main, HEAD~1) or a folder',
    );
  const loaded = await loadCliConfig(io, values.config, { find: false });
  const versions = (path: string) => versionsAt(io, values.base, values.head, path);
  const primary = await versions(loaded.files.primary);
  // Deleted by the change (in the base, not in the head): a finding. In neither: a wrong place.
  if (primary.head === null && primary.base === null)
    throw new CuratorError(`${loaded.files.primary}: not found in the base or the head version`, {
      hint: "Run curator check in the list's repository, or set files.primary in the config",
    });
  // The translation is the first usual name in the base or the head (as the App finds it in a
  // pull request), unless the config names it; none is a one-language list.
  const seen = new Map<string, Awaited<ReturnType<typeof versions>>>();
  const config = await findTranslation(loaded, async (path) => {
    const v = await versions(path);
    seen.set(path, v);
    return v.base !== null || v.head !== null;
  });
  const path = config.files.translation;
  const translation = path === null ? null : (seen.get(path) ?? (await versions(path)));
  if (translation && translation.base === null && translation.head === null)
    throw missingTranslation(translation.path, ' in the base or the head version');
  const arxiv = arxivSource(io, config, values['arxiv-url'], values.offline);
  // This command reads the versions only for the check: their bases may go once compared.
  const result = await checkPullRequest({
    primary,
    translation,
    config,
    arxiv,
    releaseBases: true,
  });
  io.stdout(
    values.format === 'json'
      ? `${JSON.stringify(toJson(result))}\n`
      : values.format === 'markdown'
        ? renderCheckComment(result)
        : toText(result),
  );
  return result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function toJson(r: CheckResult) {
  return {
    added: r.added,
    changed: r.changed,
    removed: r.removed,
    moved: r.moved,
    renamedSections: r.renamedSections,
    findings: r.findings.map((f) => ({
      file: f.file,
      ruleId: f.ruleId,
      severity: f.severity,
      line: f.line,
      column: f.column,
      message: f.message,
      ...(f.fix ? { fix: f.fix } : {}),
    })),
    classifications: r.classifications,
    syncRows: r.syncRows,
    notes: r.notes,
    suggestions: r.suggestions,
  };
}

function toText(r: CheckResult): string {
  const out = [
    `${r.added.length} added, ${r.changed.length} changed, ${r.moved.length ? `${r.moved.length} moved, ` : ''}${r.removed.length} removed.`,
  ];
  for (const s of r.renamedSections)
    out.push(`${s.file}:${s.line}  section renamed: "${s.from}" -> "${s.to}"`);
  for (const f of r.findings)
    out.push(`${f.file}:${f.line}:${f.column}  ${f.severity.padEnd(7)}  ${f.message}  ${f.ruleId}`);
  for (const c of r.classifications)
    out.push(
      `${c.key}: ${c.section ?? 'does not belong'} (confidence ${c.confidence.toFixed(2)}; placed in ${c.placedIn ?? '-'})`,
    );
  for (const s of r.syncRows)
    out.push(
      s.replaces === undefined
        ? `${s.file} needs, under "${s.section}":\n  ${s.row}`
        : `${s.file} line ${s.replaces}, under "${s.section}", should read:\n  ${s.row}`,
    );
  for (const n of r.notes) out.push(n);
  return `${out.join('\n')}\n`;
}
