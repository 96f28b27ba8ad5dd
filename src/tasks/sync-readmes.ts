/**
 * Use case: keep README.md and README_CN.md in step.
 *
 * 1. Parse both files; learn the tag glossary from the papers in both (config entries win).
 * 2. Align them: missing papers, different sections, fields, tags, untranslated TL;DRs.
 * 3. With `fix`, insert the missing rows in the other file (losslessly) and align again.
 */
import type { CuratorConfig } from '../config/index.js';
import { applyEdits, parseList } from '../list/index.js';
import { summarise, type LintReport } from '../lint/index.js';
import { alignLists, type MissingRow } from '../sync/align.js';
import { learnGlossary } from '../sync/glossary.js';
import { translateTexts } from '../sync/translate.js';
import type { Llm } from '../llm/client.js';
import { parseOptionsFrom } from './lint-files.js';

export interface SyncInput {
  primary: { path: string; text: string };
  translation: { path: string; text: string };
  config: CuratorConfig;
  fix?: boolean;
  /** With an LLM, the copied rows' TL;DRs are translated (glossary in the prompt). */
  llm?: Llm | undefined;
}

export interface SyncOutcome {
  /** Findings in lint's report shape, one entry per file. */
  report: LintReport;
  glossary: [string, string][];
  /** Rows written (with fix) or proposed (without). */
  rows: Omit<MissingRow, 'edit' | 'withTldr'>[];
  /** LLM requests spent on translations. */
  llmRequests: number;
  /** Rows of the translation whose title, link, venue or code were copied from the primary file. */
  rowsCorrected: number;
  /** New file texts, with fix. */
  changes: { path: string; text: string }[];
}

export async function syncReadmes(input: SyncInput): Promise<SyncOutcome> {
  const parseOptions = parseOptionsFrom(input.config);
  const read = () => ({
    primary: parseList(input.primary.text, input.primary.path, parseOptions),
    translation: parseList(input.translation.text, input.translation.path, parseOptions),
  });
  let lists = read();
  const glossary = learnGlossary(lists.primary, lists.translation, input.config.sync.glossary);
  let result = alignLists(
    lists.primary,
    lists.translation,
    glossary,
    input.config.categories.exclude,
    {
      sections: input.config.sync.sections,
      checkOrder: input.config.sync.checkOrder,
    },
  );
  const fieldFixCount = result.fieldFixes.length;
  let missing = result.missing;
  let llmRequests = 0;
  if (input.fix && input.llm && missing.length) {
    // Rows going into the translation file want its language; rows going the other way, the primary's.
    const translated: MissingRow[] = [];
    for (const [file, language, terms] of [
      [input.translation.path, 'Simplified Chinese', glossary],
      [input.primary.path, 'English', new Map([...glossary].map(([a, b]) => [b, a]))],
    ] as const) {
      const group = missing.filter((m) => m.file === file);
      if (!group.length) continue;
      const done = await translateTexts(input.llm, {
        texts: group.map((m) => m.sourceTldr),
        language,
        glossary: terms,
      });
      llmRequests += done.requests;
      group.forEach((m, i) =>
        translated.push(done.translations[i] ? m.withTldr(done.translations[i]!) : m),
      );
    }
    missing = translated;
    result = { ...result, missing };
  }
  const rows = missing.map(({ edit: _edit, withTldr: _withTldr, ...rest }) => rest);
  const changes: SyncOutcome['changes'] = [];
  if (input.fix && (result.missing.length || result.fieldFixes.length)) {
    for (const list of [lists.primary, lists.translation]) {
      const edits = [
        ...result.missing.filter((m) => m.file === list.path).map((m) => m.edit),
        ...(list === lists.translation ? result.fieldFixes : []),
      ];
      if (edits.length) changes.push({ path: list.path, text: applyEdits(list.text, edits) });
    }
    const textOf = (path: string, text: string) =>
      changes.find((c) => c.path === path)?.text ?? text;
    lists = {
      primary: parseList(
        textOf(input.primary.path, input.primary.text),
        input.primary.path,
        parseOptions,
      ),
      translation: parseList(
        textOf(input.translation.path, input.translation.text),
        input.translation.path,
        parseOptions,
      ),
    };
    result = alignLists(
      lists.primary,
      lists.translation,
      glossary,
      input.config.categories.exclude,
      { sections: input.config.sync.sections, checkOrder: input.config.sync.checkOrder },
    );
  }
  const byFile = [input.primary.path, input.translation.path].map((path) => ({
    path,
    findings: result.findings
      .filter((f) => f.file === path)
      .map(({ ruleId, severity, line, column, message }) => ({
        ruleId,
        severity,
        line,
        column,
        message,
      })),
  }));
  return {
    report: summarise(byFile),
    glossary: [...glossary].sort((a, b) => a[0].localeCompare(b[0])),
    rows,
    changes,
    llmRequests,
    rowsCorrected: input.fix ? fieldFixCount : 0,
  };
}
