import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CuratorError } from '../errors.js';
import { llmFromConfig } from '../tasks/classify-papers.js';
import { decodeMarkdown, encodeMarkdown } from '../tasks/list-bytes.js';
import {
  DEFAULT_LANGUAGE,
  defaultTranslationPath,
  translateList,
  type TranslateListOutcome,
} from '../tasks/translate-list.js';
import type { CliIo } from './io.js';
import { loadCliConfig, readInput, readMarkdown, usageError } from './read-input.js';
import { openTranslationCache } from './translation-cache.js';

export const TRANSLATE_USAGE = `Usage: curator translate [--to FILE] [--language NAME] [--offline] [--dry-run] [--format text|json] [--no-cache] [--config PATH]

Writes the translation of the list (files.primary) with the same structure line for line, or
completes an existing one with the sections and paper rows it lacks (nothing it has is changed,
except TL;DRs still a verbatim copy of the primary's, which the LLM translates when there is one).
Table headers, common headings and the Definition / Keywords labels come from a built-in
dictionary (Simplified Chinese), tags and keywords through the tag glossary; other headings,
prose lines and TL;DRs are translated by the LLM when OPENAI_API_KEY or OPENAI_BASE_URL is set
(within llm.maxRequests / llm.maxTokens, as plain text; links, code, badges and HTML are kept
from the source), else kept in the source language (curator sync then lists the TL;DRs). Every
paper row written gets every lint fix. A second run changes nothing.

Options:
  --to FILE        the translation to write or complete (default: files.translation, else the
                   usual name that exists next to the primary file, else README_CN.md)
  --language NAME  the language to translate into (default: Simplified Chinese)
  --offline        ask no LLM, even when OPENAI_API_KEY or OPENAI_BASE_URL is set
  --dry-run        print the translation on stdout and write nothing (the summary goes to stderr)
  --format NAME    text (default) or json: {"written","dryRun","path","created","language",
                   "sections","rows","translated","untranslated","untranslatedTldrs","reasons",
                   "llmRequests","cacheHits","unknownTerms","notes"} (with --dry-run also "text")
  --no-cache       keep no translation cache (default: translations.json next to the verdict
                   cache, see curator classify --help; in memory when there is no such folder)
  --config PATH    config file (default: .github/curator.yml when it exists)

Exit codes: 0 written (or nothing to do), 2 usage, file or config problem.`;

/** A language name for the prompt: words, spaces, hyphens and parentheses, at most 60 characters. */
const LANGUAGE = /^[\p{L}\p{M}][\p{L}\p{M} ()-]{0,59}$/u;

export async function translateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      language: { type: 'string' },
      offline: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      'no-cache': { type: 'boolean', default: false },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${TRANSLATE_USAGE}\n`);
    return 0;
  }
  if (positionals.length)
    throw usageError(
      `unexpected argument "${positionals[0]}"`,
      'Name the translation with --to FILE; the primary file is files.primary of the config',
    );
  if (values.format !== 'text' && values.format !== 'json')
    throw usageError(`--format: unknown format "${values.format}"`, 'Use text or json');
  const language = (values.language ?? DEFAULT_LANGUAGE).trim();
  if (!LANGUAGE.test(language))
    throw usageError(
      `--language: "${language.slice(0, 60)}" is not a language name`,
      'Give a name such as "Simplified Chinese" or "Japanese" (letters, spaces, hyphens; at most 60 characters)',
    );
  if (values.to !== undefined && values.to.trim() === '')
    throw usageError('--to needs a file path', 'Give a file such as --to README_CN.md');

  const config = await loadCliConfig(io, values.config);
  const primaryPath = config.files.primary;
  const to = values.to ?? config.files.translation ?? defaultTranslationPath(primaryPath);
  if (resolve(io.cwd, to) === resolve(io.cwd, primaryPath))
    throw usageError(
      `--to ${to} is the primary file (files.primary) itself`,
      'Name the translation, e.g. --to README_CN.md',
    );
  const primary = await readMarkdown(io, primaryPath);
  const abs = resolve(io.cwd, to);
  let existing: { text: string; bom: boolean } | null = null;
  if (await io.isFile(abs)) existing = decodeMarkdown(await readInput(io, abs, to), to);

  const llm = values.offline
    ? undefined
    : llmFromConfig(config, {
        apiKey: io.env['OPENAI_API_KEY'],
        baseURL: io.env['OPENAI_BASE_URL'],
      });
  const cache = await openTranslationCache(io, { noCache: values['no-cache'] });
  const outcome = await translateList({
    primary: { path: primaryPath, text: primary.text },
    translation: { path: to, text: existing?.text ?? null },
    config,
    language,
    llm,
    translations: cache.entries,
    offlineReason: values.offline
      ? '--offline'
      : 'no LLM is configured (set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server)',
  });
  // Translations paid for are kept, a dry run's too: the real run then asks nothing again.
  await cache.save();

  const dryRun = values['dry-run'];
  const written = !dryRun && outcome.changed;
  if (written) {
    try {
      await io.writeFile(abs, encodeMarkdown(outcome.text, existing?.bom ?? primary.bom));
    } catch (cause) {
      const code = (cause as { code?: string }).code ?? String(cause);
      throw new CuratorError(`${to}: cannot be written (${code})`, {
        hint: 'Check the path and its permissions, or give another file with --to',
        cause,
      });
    }
  }
  const notes = [...outcome.notes];
  const named = config.files.translation;
  if (outcome.changed && named === null && config.files.translationSource !== 'found')
    notes.push(
      `the config has files.translation: null (one language); set files.translation: ${to} in .github/curator.yml so that curator sync keeps the two files in step`,
    );
  else if (outcome.changed && named !== null && named !== to)
    notes.push(
      `curator sync compares ${primaryPath} with ${named} (files.translation), not with ${to}`,
    );

  if (values.format === 'json') {
    io.stdout(
      `${JSON.stringify({
        written,
        dryRun,
        path: to,
        created: outcome.created,
        language: outcome.language,
        sections: outcome.sections,
        rows: outcome.rows,
        translated: outcome.translated,
        untranslated: outcome.untranslated,
        untranslatedTldrs: outcome.untranslatedTldrs,
        reasons: outcome.reasons,
        llmRequests: outcome.llmRequests,
        cacheHits: outcome.cacheHits,
        unknownTerms: outcome.unknownTerms,
        notes,
        ...(dryRun ? { text: outcome.text } : {}),
      })}\n`,
    );
    return 0;
  }
  const summary = describe(outcome, { primary: primaryPath, dryRun, written, cache: cache.path });
  if (dryRun) {
    io.stdout(outcome.text);
    io.stderr(summary.map((l) => `curator translate: ${l}\n`).join(''));
  } else io.stdout(summary.map((l) => `${l}\n`).join(''));
  for (const note of notes) io.stderr(`curator translate: ${note}\n`);
  return 0;
}

function describe(
  o: TranslateListOutcome,
  at: { primary: string; dryRun: boolean; written: boolean; cache: string | null },
): string[] {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (!o.changed)
    return [
      `${o.path}: nothing to add; it has every section and paper row of ${at.primary}${o.untranslatedTldrs ? ` (${plural(o.untranslatedTldrs, 'TL;DR')} still in the source language: ${reasonsOf(o)})` : ''}.`,
    ];
  const what = o.created
    ? `written from ${at.primary} in ${o.language}`
    : `completed from ${at.primary} in ${o.language}`;
  const lines = [
    `${o.path}: ${at.dryRun ? 'would be ' : ''}${what}: ${plural(o.sections, 'section')}, ${plural(o.rows, 'paper row')}.`,
    `Translated: ${o.translated} (headings, prose lines, TL;DRs); kept in the source language: ${o.untranslated}${o.untranslated ? ` (${plural(o.untranslatedTldrs, 'TL;DR')}, which curator sync lists as sync-untranslated), because ${reasonsOf(o)}` : ''}.`,
  ];
  if (o.llmRequests || o.cacheHits)
    lines.push(
      `LLM: ${plural(o.llmRequests, 'request')}, ${o.cacheHits} text${o.cacheHits === 1 ? '' : 's'} from the translation cache${at.cache ? ` (${at.cache})` : ' (in memory)'}.`,
    );
  if (o.unknownTerms.length)
    lines.push(
      `Tags and keywords not in the glossary, kept as they are: ${o.unknownTerms.join(', ')}; add them to sync.glossary in .github/curator.yml to translate them.`,
    );
  return lines;
}

const reasonsOf = (o: TranslateListOutcome) =>
  o.reasons.map((r) => `${r.reason} (${r.count})`).join('; ') || 'no translation was asked for';
