/**
 * Use case: keep README.md and README_CN.md in step.
 *
 * 1. Parse both files; learn the tag glossary from the papers in both (config entries win).
 * 2. Align them: missing papers, extra copies, papers the primary file dropped (only the
 *    translation lists them, and the primary lists a newer paper it lacks: an old translation
 *    restored), different sections, fields, tags, untranslated TL;DRs; and their prose
 *    (headings, table of contents, keyword lines).
 * 3. With `fix`, bring the translation in line (losslessly, whole rows): insert the missing rows
 *    (in either file), delete extra copies and dropped papers, move rows to the primary's
 *    section, copy cells; give the rows written every lint fix; then align again.
 */
import type { CuratorConfig } from '../config/index.js';
import {
  diffLists,
  parseList,
  parseListEdited,
  type PaperList,
  type PaperRow,
  type ParseOptions,
  type TextEdit,
} from '../list/index.js';
import { summarise, type LintReport } from '../lint/index.js';
import { alignLists, type MissingRow, type SyncResult } from '../sync/align.js';
import type { GlossaryConflict } from '../sync/glossary.js';
import { listGlossary } from './list-glossary.js';
import { editedRows } from '../sync/edited-rows.js';
import { forgetPairing } from '../sync/pair-rows.js';
import { compareProse } from '../sync/prose.js';
import { translateTexts, type TranslateSpend } from '../sync/translate.js';
import { inertText, sanitizeText } from '../classifier/sanitize.js';
import type { Llm } from '../llm/client.js';
import { fixRows, lintOptionsFrom, parseOptionsFrom, pinnedStyle } from './lint-files.js';

export interface SyncInput {
  primary: { path: string; text: string };
  translation: { path: string; text: string };
  config: CuratorConfig;
  fix?: boolean;
  /** With an LLM, the copied rows' TL;DRs are translated (glossary in the prompt). */
  llm?: Llm | undefined;
  /** Papers the translation gained since the last sync: copied to the primary, never deleted. */
  keepTranslationOnly?: ReadonlySet<string> | undefined;
  /** Translations already paid for (see `translationKey`), used first and added to. */
  translations?: Map<string, string> | undefined;
  /**
   * What the run has spent on the LLM so far (the classifier's `Spend` fits), counted on here:
   * the translations stay under config.llm.maxRequests / maxTokens together with the rest.
   */
  spend?: TranslateSpend | undefined;
}

export interface SyncOutcome {
  /** Findings in lint's report shape, one entry per file. */
  report: LintReport;
  glossary: [string, string][];
  /**
   * Where the two files disagree on a tag's translation: a tag translated several ways, or one
   * word used for several tags (see buildGlossary).
   */
  glossaryConflicts: GlossaryConflict[];
  /** Rows written (with fix) or proposed (without). */
  rows: Omit<MissingRow, 'edit' | 'withTldr'>[];
  /** LLM requests spent on translations. */
  llmRequests: number;
  /**
   * Copied TL;DRs the LLM was asked to translate but that keep their source text, and why
   * (each reason once, with how many). Empty without an LLM: nothing was asked.
   */
  untranslated: { reason: string; count: number }[];
  /** Rows of the translation whose title, link, venue or code were copied from the primary file. */
  rowsCorrected: number;
  /** Rows a lint fix corrected (copied rows and their sources), by file, with fix. */
  rowsLintFixed: { path: string; lines: number[] }[];
  /**
   * Rows deleted from the translation (with fix) or to delete (without): papers the primary file
   * dropped, and copies beyond the number of times it lists a paper. Lines of the input.
   */
  rowsRemoved: {
    path: string;
    line: number;
    key: string;
    section: string;
    reason: 'not-in-primary' | 'extra-copy';
  }[];
  /**
   * Rows of the translation moved to the section matching the primary file's (with fix) or to
   * move (without): `fromLine` in the input, `row` as written.
   */
  rowsMoved: {
    path: string;
    key: string;
    fromLine: number;
    fromSection: string;
    section: string;
    row: string;
  }[];
  /** New file texts, with fix. */
  changes: { path: string; text: string }[];
}

type Lists = { primary: PaperList; translation: PaperList };

/** What the first pass found: the lists as read, and how they compare. */
interface Compared {
  /** The lists as read; null once the fix has moved on to the edited versions. */
  lists: Lists | null;
  learned: ReturnType<typeof listGlossary>;
  align: (l: Lists) => SyncResult;
  /**
   * The alignment of the lists as read; null once its parts are taken (its missing rows hold
   * the alignment, lists included).
   */
  result: SyncResult | null;
  prose: SyncResult['findings'];
}

/** Steps 1-2: both files read, the glossary learned, the rows aligned and the prose compared. */
function compareReadmes(input: SyncInput, parseOptions: ParseOptions): Compared {
  const lists: Lists = {
    primary: parseList(input.primary.text, input.primary.path, parseOptions),
    translation: parseList(input.translation.text, input.translation.path, parseOptions),
  };
  const { exclude } = input.config.categories;
  const { sections, checkOrder } = input.config.sync;
  // Rows written follow each file's learned style; what the config pins wins.
  const style = pinnedStyle(input.config);
  const learned = listGlossary(lists.primary, lists.translation, input.config);
  const glossary = learned.glossary;
  // The primary file decides which papers the list holds: the translation follows it.
  const align = (l: Lists): SyncResult =>
    alignLists(l.primary, l.translation, glossary, exclude, {
      sections,
      checkOrder,
      style,
      primaryDecides: true,
      ...(input.keepTranslationOnly ? { keepTranslationOnly: input.keepTranslationOnly } : {}),
    });
  const result = align(lists);
  const prose = compareProse(lists.primary, lists.translation, { exclude, sections });
  // The pairing the glossary, the alignment and the prose shared is not needed again.
  forgetPairing(lists.primary);
  return { lists, learned, align, result, prose };
}

export async function syncReadmes(
  input: SyncInput,
  how: { wholeFile?: boolean } = {},
): Promise<SyncOutcome> {
  // For tests: the reference path, which finds the rows written by diffing whole versions.
  const wholeFile = how.wholeFile === true;
  const parseOptions = parseOptionsFrom(input.config);
  // Held in one object, so that the fix can let go of each version of the lists as it moves on
  // (a 100k-row pair is ~200 MB of rows): nothing here keeps a version in a local of its own.
  const compared = compareReadmes(input, parseOptions);
  const { learned } = compared;
  const glossary = learned.glossary;
  const { removals, moves, fieldFixes, findings: firstFindings } = compared.result!;
  // The rows to add (in a holder: let go of once planned, see below).
  const pending = { missing: compared.result!.missing };
  compared.result = null;
  const rowsRemoved: SyncOutcome['rowsRemoved'] = removals.map((r) => ({
    path: r.file,
    line: r.line,
    key: r.key,
    section: r.section,
    reason: r.reason,
  }));
  const rowsMoved: SyncOutcome['rowsMoved'] = moves.map((m) => ({
    path: m.file,
    key: m.key,
    fromLine: m.fromLine,
    fromSection: m.fromSection,
    section: m.section,
    row: m.row,
  }));
  const fieldFixCount = fieldFixes.length + moves.filter((m) => m.corrected).length;
  let llmRequests = 0;
  const untranslated: SyncOutcome['untranslated'] = [];
  if (input.fix && input.llm && pending.missing.length) {
    const spend = input.spend ?? { requests: 0, promptTokens: 0, completionTokens: 0 };
    // Rows going into the translation file want its language; rows going the other way, the primary's.
    const translated: MissingRow[] = [];
    for (const [file, language, terms] of [
      [input.translation.path, 'Simplified Chinese', glossary],
      [input.primary.path, 'English', new Map([...glossary].map(([a, b]) => [b, a]))],
    ] as const) {
      const all = pending.missing.filter((m) => m.file === file);
      // Rows without a TL;DR (list items have none) have nothing to translate.
      const group = all.filter((m) => m.sourceTldr.trim() !== '');
      if (!group.length) {
        translated.push(...all);
        continue;
      }
      const done = await translateTexts(input.llm, {
        texts: group.map((m) => m.sourceTldr),
        language,
        glossary: terms,
        budget: {
          maxRequests: input.config.llm.maxRequests,
          maxTokens: input.config.llm.maxTokens,
        },
        spend,
        clean: (text) => inertText(text, 300),
        cache: input.translations,
      });
      llmRequests += done.requests;
      for (const f of done.failures) {
        const reason = sanitizeText(f.reason, 300);
        const same = untranslated.find((u) => u.reason === reason);
        if (same) same.count += f.count;
        else untranslated.push({ reason, count: f.count });
      }
      // The model's words go into the row as plain text (translateTexts cleaned them already).
      const replies = new Map(group.map((m, i) => [m, done.translations[i] ?? '']));
      for (const m of all) {
        const text = replies.has(m) ? inertText(replies.get(m)!) : '';
        translated.push(text ? m.withTldr(text) : m);
      }
    }
    pending.missing = translated;
  }
  const rows = pending.missing.map(({ edit: _edit, withTldr: _withTldr, ...rest }) => rest);
  // What the fix writes, as plain edits: a missing row's `withTldr` holds the whole alignment.
  const plan: WritePlan = {
    added: pending.missing.map((m) => ({ file: m.file, edit: m.edit })),
    fieldFixes,
    removals: removals.map((r) => r.edit),
    moves: moves.map((m) => m.edits),
  };
  pending.missing = [];
  let findings = firstFindings;
  const prose = compared.prose;
  const changes: SyncOutcome['changes'] = [];
  const rowsLintFixed: SyncOutcome['rowsLintFixed'] = [];
  if (
    input.fix &&
    (plan.added.length || plan.fieldFixes.length || plan.removals.length || plan.moves.length)
  ) {
    const out = writeSync(input, compared, plan, parseOptions, wholeFile);
    findings = out.findings;
    changes.push(...out.changes);
    rowsLintFixed.push(...out.rowsLintFixed);
    for (const r of rows) r.row = out.written.get(`${r.file}\u0000${r.key}`)?.shift() ?? r.row;
    for (const m of rowsMoved) {
      const k = `${m.path}\u0000${m.key}`;
      m.row = out.movedTo.get(k)?.shift() ?? out.written.get(k)?.shift() ?? m.row;
    }
  }
  compared.lists = null;
  const byFile = [input.primary.path, input.translation.path].map((path) => ({
    path,
    findings: [...findings, ...prose]
      .filter((f) => f.file === path)
      .sort((a, b) => a.line - b.line || a.column - b.column)
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
    glossaryConflicts: learned.conflicts,
    rowsRemoved,
    rowsMoved,
    rows,
    changes,
    rowsLintFixed,
    llmRequests,
    untranslated,
    rowsCorrected: input.fix ? fieldFixCount : 0,
  };
}

/** The first alignment's edits: rows added to either file, and the translation's corrections. */
interface WritePlan {
  added: { file: string; edit: TextEdit }[];
  fieldFixes: TextEdit[];
  removals: TextEdit[];
  /** Each moved row's edits: delete it, then insert it in the other table. */
  moves: TextEdit[][];
}

interface Written {
  /** The findings of the last alignment (on the texts written). */
  findings: SyncResult['findings'];
  changes: SyncOutcome['changes'];
  rowsLintFixed: SyncOutcome['rowsLintFixed'];
  /** By `file\0key`: the rows each file gained, and the rows moved, as they now read. */
  written: Map<string, string[]>;
  movedTo: Map<string, string[]>;
}

/**
 * Step 3: apply the plan to each file, give the rows written every lint fix, copy the fixed cells
 * across once more, and align again. Each version of a file is parsed once, taking the rows its
 * edits left alone over from the version before (a 100k-row file is not read again from scratch
 * at every step), and let go of as soon as the next one is read.
 */
function writeSync(
  input: SyncInput,
  compared: Compared,
  plan: WritePlan,
  parseOptions: ParseOptions,
  wholeFile: boolean,
): Written {
  const edited = editVersions(compared, plan, parseOptions, wholeFile);
  // Only the whole-file path diffs the final texts with the inputs: the rest let go of them.
  const originals = wholeFile ? compared.lists : null;
  compared.lists = null;
  const { parsed, touchedKeys, writtenAt } = edited;
  const lintOptions = lintOptionsFrom(input.config);
  const texts = new Map<string, string>();
  // The rows written (inserted or with cells copied) and their sources in the other file get
  // every lint fix, so the sync never copies a defect ([Github], venue '-', a pdf link) that
  // the check proposed to correct; then the fixed cells are copied across once more.
  const rowsLintFixed: SyncOutcome['rowsLintFixed'] = [];
  for (const path of [input.primary.path, input.translation.path]) {
    const fixed = fixRows(
      parsed.get(path)!.text,
      path,
      touchedKeys,
      lintOptions,
      parseOptions,
      parsed.get(path)!,
    );
    texts.set(path, fixed.text);
    // No list back: nothing was fixed, the text is the one parsed.
    if (fixed.list) parsed.set(path, fixed.list);
    if (fixed.lines.length) rowsLintFixed.push({ path, lines: fixed.lines });
  }
  const final = (): Lists => ({
    primary: parsed.get(input.primary.path)!,
    translation: parsed.get(input.translation.path)!,
  });
  let result = compared.align(final());
  for (let round = 1; result.fieldFixes.length && round <= 2; round += 1) {
    const next = parseListEdited(
      parsed.get(input.translation.path)!,
      result.fieldFixes,
      parseOptions,
    );
    texts.set(input.translation.path, next.text);
    parsed.set(input.translation.path, next);
    result = compared.align(final());
  }
  const lists = final();
  forgetPairing(lists.primary);
  const changes: SyncOutcome['changes'] = [];
  for (const [path, original] of [
    [input.primary.path, input.primary.text],
    [input.translation.path, input.translation.text],
  ] as const) {
    const text = texts.get(path)!;
    if (text !== original) changes.push({ path, text });
  }
  // The rows reported are the rows written, fixes included: the rows each file gained.
  // Moved rows likewise: the row now standing in the section it was moved to.
  const written = new Map<string, string[]>();
  const movedTo = new Map<string, string[]>();
  const note = (list: PaperList, row: PaperRow, kind: 'added' | 'moved') => {
    const k = `${list.path}\u0000${row.key}`;
    // A list item may span lines (nested items): all of it.
    const text =
      row.shape === 'item'
        ? row.raw.replace(/\r\n?/g, '\n')
        : list.lines.line(row.line).text.replace(/\r$/, '');
    const into = kind === 'added' ? written : movedTo;
    into.set(k, [...(into.get(k) ?? []), text]);
  };
  for (const [list, original] of [
    [lists.primary, input.primary.text],
    [lists.translation, input.translation.text],
  ] as const) {
    // The same text is the same rows: nothing added or moved (and no diff of 100k rows).
    if (list.text === original) continue;
    if (originals) {
      const before =
        list.path === originals.primary.path ? originals.primary : originals.translation;
      for (const c of diffLists(before, list).head)
        if (c.kind === 'added' || c.kind === 'moved') note(list, c.head!, c.kind);
      continue;
    }
    // Fixes replace rows in place: the rows written stand on the lines they were written to.
    const at = (writtenAt.get(list.path) ?? []).sort((a, b) => a[0] - b[0]);
    for (const [line, kind] of at) {
      const row = rowOnLine(list, line);
      if (row) note(list, row, kind);
    }
  }
  return { findings: result.findings, changes, rowsLintFixed, written, movedTo };
}

/**
 * The plan applied to each file's text, each edited version parsed reusing the rows of the
 * version read; the papers whose rows were written, and the lines they were written to.
 */
function editVersions(
  compared: Compared,
  plan: WritePlan,
  parseOptions: ParseOptions,
  wholeFile: boolean,
): {
  parsed: Map<string, PaperList>;
  touchedKeys: Set<string>;
  writtenAt: Map<string, [number, 'added' | 'moved'][]>;
} {
  const lists = compared.lists!;
  // Rows written into each file: inserted (missing here) or moved here from another section.
  const kinds = new Map<TextEdit, 'added' | 'moved'>();
  for (const m of plan.added) kinds.set(m.edit, 'added');
  for (const m of plan.moves) kinds.set(m[1]!, 'moved');
  const editsOf = (list: PaperList): TextEdit[] => [
    ...plan.added.filter((m) => m.file === list.path).map((m) => m.edit),
    ...(list === lists.translation
      ? [...plan.fieldFixes, ...plan.removals, ...plan.moves.flat()]
      : []),
  ];
  const parsed = new Map<string, PaperList>();
  const touchedKeys = new Set<string>();
  /** By file, the lines (of the edited version) of the rows written, and how. */
  const writtenAt = new Map<string, [number, 'added' | 'moved'][]>();
  for (const list of [lists.primary, lists.translation]) {
    const edits = editsOf(list);
    if (!edits.length) {
      parsed.set(list.path, list);
      continue;
    }
    const edited = parseListEdited(list, edits, parseOptions);
    parsed.set(list.path, edited);
    if (wholeFile) {
      for (const c of diffLists(list, edited).head) touchedKeys.add(c.head!.key);
      continue;
    }
    // The rows the edits wrote, found from the edits (no diff of the two versions).
    const at: [number, 'added' | 'moved'][] = [];
    for (const { row, edit } of editedRows(list, edited, edits)) {
      touchedKeys.add(row.key);
      const kind = edit && kinds.get(edit);
      if (kind) at.push([row.line, kind]);
    }
    writtenAt.set(list.path, at);
  }
  return { parsed, touchedKeys, writtenAt };
}

/** The row starting on `line` (rows are in document order), or null. */
function rowOnLine(list: PaperList, line: number): PaperRow | null {
  const rows = list.rows;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.line < line) lo = mid + 1;
    else hi = mid;
  }
  const row = rows[lo];
  return row && row.line === line ? row : null;
}
