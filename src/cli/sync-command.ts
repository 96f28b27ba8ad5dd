import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { oneLanguage } from '../config/index.js';
import { encodeMarkdown } from '../tasks/list-bytes.js';
import { formatReport } from '../tasks/lint-files.js';
import { syncReadmes } from '../tasks/sync-readmes.js';
import { llmFromConfig } from '../tasks/classify-papers.js';
import type { CliIo } from './io.js';
import { loadCliConfig, readMarkdown, translationPath, usageError } from './read-input.js';

export const SYNC_USAGE = `Usage: curator sync [--fix] [--glossary] [--format text|json] [--config PATH]

Compares README.md with README_CN.md (files.primary and files.translation of the config) paper
by paper: missing papers, different sections, titles, links, venues, code links, tags through the
glossary, TL;DRs left untranslated. Without files.translation, the translation is the first of
README_CN.md, README_zh.md, README.zh-CN.md, … next to README.md; with none (or files.translation:
null) the list has one language: one line says so, and the exit code is 0.

Options:
  --fix          bring README_CN.md in line with README.md: copy titles, links, venues and
                 code links that differ; write the missing rows (links, venue and code copied,
                 tags through the glossary; TL;DR translated by the LLM when OPENAI_API_KEY is
                 set, within llm.maxRequests / llm.maxTokens, else kept in the source language
                 and listed; TL;DRs left untranslated are counted on stderr with the reason),
                 into README.md too for a paper only README_CN.md lists; delete the copies beyond
                 the ones README.md lists, and the papers README.md dropped (only README_CN.md
                 lists them, and README.md lists a newer paper README_CN.md lacks: an old
                 translation restored); move rows to the section README.md has them in; every
                 row written gets every lint fix
  --glossary     print the tag glossary learned from the papers in both files (rows of the same
                 paper with as many tags, tag by tag; sync.glossary wins; built-in translations
                 of the field's common words fill the rest); conflicts (a tag translated several
                 ways, one word for several tags) are listed on stderr, the output is unchanged
  --offline      with --fix, do not ask the LLM to translate TL;DRs even when OPENAI_API_KEY is set
  --format NAME  text (default) or json (the shape of curator lint --format json)

Exit codes: 0 in sync, 1 drift found, 2 usage, file or config problem.`;

export async function syncCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      fix: { type: 'boolean', default: false },
      glossary: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${SYNC_USAGE}\n`);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json')
    throw usageError(`--format: unknown format "${values.format}"`, 'Use text or json');
  const config = await loadCliConfig(io, values.config);
  const translation = await translationPath(io, config);
  if (!translation) {
    // One language (none of the usual names next to the primary file, or files.translation:
    // null): nothing to compare. One line, and how to add a translation; exit 0.
    const line = oneLanguage(config.files, 'nothing to sync');
    io.stdout(
      values.format === 'json'
        ? `${JSON.stringify({ files: [], summary: { errors: 0, warnings: 0, infos: 0 }, note: line })}\n`
        : `${line}\n`,
    );
    return 0;
  }
  const read = (path: string) => readMarkdown(io, path);
  const llm =
    values.fix && !values.offline
      ? llmFromConfig(config, {
          apiKey: io.env['OPENAI_API_KEY'],
          baseURL: io.env['OPENAI_BASE_URL'],
        })
      : undefined;
  const inputs = [await read(config.files.primary), await read(translation)];
  const outcome = await syncReadmes({
    llm,
    primary: inputs[0]!,
    translation: inputs[1]!,
    config,
    fix: values.fix,
  });

  if (values.glossary) {
    io.stdout(
      values.format === 'json'
        ? `${JSON.stringify(Object.fromEntries(outcome.glossary))}\n`
        : outcome.glossary.map(([a, b]) => `${a} = ${b}\n`).join(''),
    );
    // Conflicts go to stderr, so the glossary printed (and its JSON) keeps its shape.
    const n = outcome.glossaryConflicts.length;
    if (n)
      io.stderr(
        `curator sync: ${n} glossary conflict${n === 1 ? '' : 's'} between ${config.files.primary} and ${inputs[1]!.path}:\n${outcome.glossaryConflicts.map((c) => `  - ${c.message}\n`).join('')}`,
      );
    return 0;
  }
  for (const change of outcome.changes)
    await io.writeFile(
      resolve(io.cwd, change.path),
      encodeMarkdown(change.text, inputs.find((f) => f.path === change.path)?.bom ?? false),
    );
  if (values.fix) {
    if (outcome.rowsCorrected)
      io.stderr(
        `${translation}: ${outcome.rowsCorrected} row${outcome.rowsCorrected === 1 ? '' : 's'} corrected from ${config.files.primary} (title, link, venue or code)\n`,
      );
    for (const f of outcome.rowsLintFixed)
      io.stderr(
        `${f.path}: lint fixes applied to the copied row${f.lines.length === 1 ? '' : 's'} on line${f.lines.length === 1 ? '' : 's'} ${f.lines.join(', ')}\n`,
      );
    for (const row of outcome.rows) {
      io.stderr(
        `${row.file}: added under "${row.section}"${row.needsTranslation ? ' (TL;DR needs translation)' : ''}${row.unknownTags.length ? `; tags not in the glossary: ${row.unknownTags.join(', ')}` : ''}\n`,
      );
    }
    for (const r of outcome.rowsRemoved)
      io.stderr(
        `${r.path}: deleted line ${r.line} under "${r.section}" (${r.reason === 'extra-copy' ? `an extra copy: ${config.files.primary} lists the paper fewer times` : `${config.files.primary} no longer lists the paper`})\n`,
      );
    for (const m of outcome.rowsMoved)
      io.stderr(
        `${m.path}: moved line ${m.fromLine} from "${m.fromSection}" to "${m.section}" (as in ${config.files.primary})\n`,
      );
    const notTranslated = outcome.untranslated.reduce((n, u) => n + u.count, 0);
    if (notTranslated)
      io.stderr(
        `curator sync: ${notTranslated} TL;DR${notTranslated === 1 ? ' was' : 's were'} not translated and keep${notTranslated === 1 ? 's' : ''} the source text: ${outcome.untranslated.map((u) => `${u.count} because ${u.reason}`).join('; ')}\n`,
      );
  }
  io.stdout(formatReport(outcome.report, values.format === 'json' ? 'json' : 'stylish'));
  return outcome.report.summary.errors > 0 ? 1 : 0;
}
