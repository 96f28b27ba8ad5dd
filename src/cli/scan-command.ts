import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CuratorError } from '../errors.js';
import { encodeMarkdown } from '../tasks/list-bytes.js';
import { llmFromConfig } from '../tasks/classify-papers.js';
import { renderSuggestionBody } from '../tasks/suggestion-pr.js';
import { scanArxiv, type ScanResult } from '../tasks/scan-arxiv.js';
import type { CliIo } from './io.js';
import { spendLine } from './classify-command.js';
import { arxivSource } from './arxiv-source.js';
import { loadCliConfig, readMarkdown, translationPath, usageError } from './read-input.js';
import { openCacheFile } from './verdict-cache.js';

export const SCAN_USAGE = `Usage: curator scan [--since DATE] [--until DATE] [--max N] [--offline] [--cache FILE | --no-cache] [--arxiv-url URL] [--dry-run | --write] [--format text|json|markdown]

Searches arXiv for new papers that match the list's keywords, drops those already listed or
rejected, classifies the rest and proposes rows for both READMEs (for README.md alone when the
list has one language). A dry run by default.

Options:
  --since DATE     first submission date (YYYY-MM-DD; default: arxiv.windowDays ago)
  --until DATE     last submission date (default: today)
  --max N          at most N suggestions (default: arxiv.maxPapers)
  --offline        make no network request: search a saved feed (--arxiv-url file:PATH) and
                   classify offline even when OPENAI_API_KEY is set; without a saved feed,
                   scan says at once that it needs arXiv (exit 2)
  --cache FILE     keep LLM verdicts in FILE (default: ~/.cache/awesome-curator/verdicts.json,
                   shared with curator classify; see the README)
  --no-cache       neither read nor write a verdict cache
  --arxiv-url URL  the arXiv API endpoint (default: arxiv.apiUrl); file:PATH replays a saved
                   arXiv Atom feed instead (no network, no retries)
  --dry-run        print the plan only and write nothing (the default; for scripts that say so)
  --write          write the rows into the files
  --format NAME    text (default), json, or markdown (the body of the App's suggestion PR)
  --config PATH    config file (default: .github/curator.yml when it exists)

Exit codes: 0 done (suggestions or none), 2 usage, file or config problem, 3 internal error
(a bug; please report it), 4 arXiv did not answer (down, busy or no network; run again later).`;

function date(flag: string, value: string | undefined, fallback: Date, endOfDay = false): Date {
  if (value === undefined) return fallback;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m
    ? new Date(
        Date.UTC(
          Number(m[1]),
          Number(m[2]) - 1,
          Number(m[3]),
          endOfDay ? 23 : 0,
          endOfDay ? 59 : 0,
        ),
      )
    : null;
  // Date.UTC rolls 2025-13-01 over to 2026-01-01: a date that does not read back is no date.
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value)
    throw usageError(`${flag}: "${value}" is not a date`, 'Write it as YYYY-MM-DD');
  return d;
}

export async function scanCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      max: { type: 'string' },
      offline: { type: 'boolean', default: false },
      cache: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      'arxiv-url': { type: 'string' },
      write: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${SCAN_USAGE}\n`);
    return 0;
  }
  if (values.write && values['dry-run'])
    throw usageError('--dry-run and --write contradict each other', 'Give one of them');
  if (values.format !== 'text' && values.format !== 'json' && values.format !== 'markdown')
    throw usageError(`--format: unknown format "${values.format}"`, 'Use text, json or markdown');
  const max = values.max === undefined ? undefined : Number(values.max);
  if (max !== undefined && (!Number.isInteger(max) || max < 0))
    throw usageError(
      `--max: "${values.max}" is not a whole number`,
      'Give the most suggestions to make, e.g. --max 5',
    );
  const config = await loadCliConfig(io, values.config);
  // Before anything is read or asked: offline, only a saved feed can stand in for arXiv.
  const client = arxivSource(io, config, values['arxiv-url'], values.offline);
  if (client === null)
    throw usageError(
      'scan searches arXiv, which needs the network, and --offline makes no request',
      'Replay a saved arXiv feed with --arxiv-url file:FEED.xml, or drop --offline (to search arXiv but classify without the LLM, run with OPENAI_API_KEY unset)',
    );
  const now = io.now();
  const until = date('--until', values.until, now, true);
  const since = date(
    '--since',
    values.since,
    new Date(now.getTime() - config.arxiv.windowDays * 86_400_000),
  );
  if (since > until)
    throw usageError('--since is after --until', 'Give a window that runs forward in time');

  const read = (path: string) => readMarkdown(io, path);
  const primary = await read(config.files.primary);
  // One language (no translation found, or files.translation: null): one row per paper.
  const translationFile = await translationPath(io, config);
  const translation = translationFile ? await read(translationFile) : null;

  const llm = !values.offline
    ? llmFromConfig(config, {
        apiKey: io.env['OPENAI_API_KEY'],
        baseURL: io.env['OPENAI_BASE_URL'],
      })
    : undefined;
  if (!llm)
    io.stderr(
      `curator scan: ${values.offline ? 'offline (--offline)' : 'no OPENAI_API_KEY or OPENAI_BASE_URL set'}: classifying offline${translation ? `; the TL;DRs of ${translation.path} are left in English and marked` : ''}.\n`,
    );
  // Checked before any request: a path that is no cache file is refused, not paid for.
  const cacheFile = await openCacheFile(io, {
    flag: values.cache,
    // Offline, the default cache is not touched; a --cache path is still checked.
    noCache: values['no-cache'] || (!llm && values.cache === undefined),
    command: 'scan',
  });
  const result = await scanArxiv({
    primary,
    translation,
    config,
    client,
    since,
    until,
    max,
    llm,
    cache: cacheFile?.cache,
    progress: io.isTerminal ? (line) => io.stderr(`\r${line}\x1b[K`) : undefined,
    // The new texts are read only with --write: a dry run does not make them.
    lazyTexts: true,
  });
  if (io.isTerminal) io.stderr('\n');
  if (result.spend) io.stderr(spendLine(result.spend, 'scan'));
  for (const note of result.notes ?? []) io.stderr(`curator scan: ${note}\n`);

  if (values.write) {
    for (const change of result.changes) {
      try {
        const bom = [primary, translation].find((f) => f?.path === change.path)?.bom ?? false;
        await io.writeFile(resolve(io.cwd, change.path), encodeMarkdown(change.text, bom));
      } catch (cause) {
        throw new CuratorError(
          `${change.path}: cannot be written (${(cause as { code?: string }).code ?? String(cause)})`,
          { hint: 'Check that the file is writable', cause },
        );
      }
    }
  }
  io.stdout(
    values.format === 'json'
      ? `${JSON.stringify(toJson(result))}\n`
      : values.format === 'markdown'
        ? renderSuggestionBody(
            result,
            {
              v: 1,
              ids: result.suggested.map((s) => s.arxivId),
              rejected: [...config.arxiv.ignore].sort(),
              base: 'local',
              commit: 'local',
              venues: result.venueUpdates
                .filter((v) => v.file === config.files.primary)
                .map((v): [string, string] => [v.arxivId, v.to]),
              rejectedVenues: [],
              verdicts: result.llmVerdicts,
            },
            { since, until },
          )
        : toText(result, values.write),
  );
  // After the plan is out: a cache that cannot be written costs a warning, not the answer.
  await cacheFile?.save();
  return 0;
}

function toJson(r: ScanResult) {
  return {
    candidates: r.candidates,
    suggested: r.suggested.map((s) => ({
      arxivId: s.arxivId,
      title: s.title,
      category: s.category,
      section: s.section,
      confidence: s.confidence,
      rationale: s.rationale,
      rows: s.rows,
      needsTranslation: s.needsTranslation,
    })),
    skipped: r.skipped,
    venueUpdates: r.venueUpdates,
  };
}

function toText(r: ScanResult, written: boolean): string {
  const out = [
    `${r.candidates} candidates from arXiv; ${r.suggested.length} suggested, ${r.skipped.length} skipped.`,
  ];
  for (const s of r.suggested)
    out.push(
      '',
      `${s.arxivId}  ${s.title}`,
      `  -> ${s.section} (confidence ${s.confidence.toFixed(2)}, ${s.source}): ${s.rationale}`,
      ...Object.entries(s.rows).map(([file, row]) => `  ${file}: ${row}`),
    );
  const reasons = new Map<string, number>();
  for (const s of r.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  if (reasons.size)
    out.push('', `Skipped: ${[...reasons].map(([k, n]) => `${n} ${k}`).join(', ')}.`);
  for (const v of r.venueUpdates)
    out.push(`Venue update ${v.file}:${v.line} ${v.arxivId}: "${v.from}" -> "${v.to}"`);
  out.push(
    '',
    r.changes.length === 0
      ? 'Nothing to change.'
      : written
        ? `Wrote ${r.changes.map((c) => c.path).join(' and ')}.`
        : 'Dry run: nothing written (add --write).',
  );
  return `${out.join('\n')}\n`;
}
