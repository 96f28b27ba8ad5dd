/**
 * Use case: check a pull request's change to the list (used by the App, the Action and the CLI).
 *
 * 1. Parse the head versions of both list files, and read the bases' sections and tables (their
 *    rows are read only where they differ from the head); a list file deleted or renamed is a
 *    finding of its own.
 * 2. Diff the rows as an edited sequence (src/list/diff-lists.ts): added, changed, moved,
 *    removed, and sections renamed.
 * 3. Lint the head; keep findings on touched rows (pairwise rules blame the touched row of a
 *    pair) and whole-file findings the change introduced (the base is linted only when the head
 *    has a finding the base may have had: off the rows, or on an edited or moved row). Fixes of
 *    touched rows become the suggestions, and the corrected rows are what the other language is
 *    offered.
 * 4. Classify the papers added to (or moved within) the primary file; a confident verdict for
 *    another section is a finding.
 * 5. Both languages: rows missing from the other file, and edits, moves and removals made in one
 *    file only, each reported on the row the change touched, with the other file's row.
 * 6. Verify each added arXiv id with arXiv (the id exists, the title matches); offline, say so.
 */
import { readGuidelines } from '../classifier/guidelines.js';
import { offlineClassifier } from '../classifier/offline.js';
import type { ArxivClient, ArxivEntry } from '../arxiv/index.js';
import { rowPaper } from '../classifier/row-paper.js';
import type { CuratorConfig } from '../config/index.js';
import {
  categorySections,
  diffLists,
  normaliseTitle,
  openList,
  parseList,
  listRowCount,
  type ListDiff,
  type PaperList,
  type PaperRow,
  type ParseOptions,
  type RowChange,
} from '../list/index.js';
import { code, fixListRows, lintText, type Finding, type LintOptions } from '../lint/index.js';
import {
  alignLists,
  copyFields,
  fieldValue,
  pairSections,
  sameField,
  type SharedField,
} from '../sync/align.js';
import { lintOptionsFrom, parseOptionsFrom, pinnedStyle } from './lint-files.js';
import { listGlossary } from './list-glossary.js';

export interface FileVersions {
  path: string;
  base: string | null;
  head: string | null;
  /** The file's new path when the change renamed it (its head is then null). */
  renamedTo?: string | undefined;
}

export interface CheckInput {
  primary: FileVersions;
  translation: FileVersions | null;
  config: CuratorConfig;
  /** arXiv look-ups; null when offline. */
  arxiv: ArxivClient | null;
  /**
   * The change is the App's own pull request (sync or suggestion): its rows were placed by the
   * App from their abstracts, so the placement is not guessed again from the TL;DR; a TL;DR it
   * copied untranslated (no LLM; its body says so) is an info, not a warning.
   */
  ownChange?: boolean;
  /**
   * The caller keeps no use for the versions' texts: once the base versions are compared, the
   * check sets `base` to null on `primary` and `translation`, so a large base is not kept in
   * memory while the head is read whole (the CLI, which reads both versions only for this).
   */
  releaseBases?: boolean;
}

export interface RowRef {
  key: string;
  file: string;
  section: string | null;
  line: number;
  title: string;
  /** The row's arXiv id, when its link is an arXiv link. */
  arxivId: string | null;
  tldr: string | null;
}

export interface MovedRef extends RowRef {
  /** Where the row was in the base version. */
  from: { section: string | null; line: number };
  /** The row's text changed too. */
  edited: boolean;
}

export interface RenamedSection {
  file: string;
  from: string;
  to: string;
  /** The heading's line in the head version. */
  line: number;
}

export interface CheckFinding extends Finding {
  file: string;
}

export interface SyncRow {
  file: string;
  section: string;
  row: string;
  /** The line of the other file's row this one replaces; absent for a row to insert. */
  replaces?: number;
}

export interface CheckResult {
  added: RowRef[];
  changed: RowRef[];
  removed: RowRef[];
  /** Rows moved to another table or out of order (not in `added`, `changed` or `removed`). */
  moved: MovedRef[];
  renamedSections: RenamedSection[];
  findings: CheckFinding[];
  classifications: {
    key: string;
    category: string | null;
    section: string | null;
    confidence: number;
    rationale: string;
    source: 'llm' | 'offline';
    placedIn: string | null;
    /** The category id of the section it was placed in (what a maintainer's pin would name). */
    placedInCategory: string | null;
  }[];
  syncRows: SyncRow[];
  /**
   * Touched lines whose findings have a known fix: the whole corrected line (every fix applied),
   * for review suggestions.
   */
  suggestions: { file: string; line: number; text: string }[];
  notes: string[];
}

const sectionOf = (list: PaperList, row: PaperRow): string | null =>
  list.tables[row.tableIndex]?.section?.text ?? null;

const refOf = (list: PaperList, row: PaperRow): RowRef => ({
  key: row.key,
  file: list.path,
  section: sectionOf(list, row),
  line: row.line,
  title: row.title ?? '',
  arxivId: row.arxiv?.id ?? null,
  tldr: row.tldr,
});

interface FileState {
  path: string;
  /**
   * The base as `openList` reads it: sections and tables, its rows read only where the head
   * differs (see `diffLists`). Null when the file is not in the base, and once steps 2-3 are done.
   */
  base: PaperList | null;
  /** The head as `openList` reads it (see `base`); `full` reads every row when a step needs them. */
  head: PaperList | null;
  diff: ListDiff | null;
  /** For each moved row: the section it was in, in the base. */
  movedFrom: Map<RowChange, string | null>;
  /** Head lines of rows the change added, edited or moved. */
  touched: Set<number>;
  /** The head with every fix of the touched rows applied (null when none applies). */
  corrected: PaperList | null;
  /** The head with all its rows (read once, when first needed). */
  parsed: PaperList | null;
  parseOptions: ParseOptions;
}

/** The head with all its rows. */
function full(f: FileState): PaperList {
  return (f.parsed ??= parseList(f.head!.text, f.path, f.parseOptions));
}

/** The head with every fix of the touched rows applied (the head itself when none applies). */
const corrected = (f: FileState): PaperList => f.corrected ?? full(f);

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Every paper row's line (an item's first line), read from the tables without reading rows. */
function rowLinesOf(list: PaperList): Set<number> {
  const lines = new Set<number>();
  for (const t of list.tables) {
    if (!t.isPaperTable) continue;
    if (t.kind === 'list') for (const e of t.entries) lines.add(e.first);
    else for (let n = t.bodyFirst; n <= t.bodyLast; n++) lines.add(n);
  }
  return lines;
}

export async function checkPullRequest(input: CheckInput): Promise<CheckResult> {
  const { config } = input;
  const parseOptions = parseOptionsFrom(config);
  // Both versions are read as sections and tables first: the diff reads only the rows that
  // differ, lint streams the head's rows, and the head is read whole only for the steps that
  // compare it with the whole list (placement, the other language).
  const open = (text: string | null, path: string) =>
    text === null ? null : openList(text, path, parseOptions).list;
  const baseOptions = lintOptionsFrom(config);
  const result: CheckResult = {
    added: [],
    changed: [],
    removed: [],
    moved: [],
    renamedSections: [],
    findings: [],
    classifications: [],
    syncRows: [],
    suggestions: [],
    notes: [],
  };
  const versions = [input.primary, ...(input.translation ? [input.translation] : [])];
  const files: FileState[] = versions.map((f) => ({
    path: f.path,
    base: open(f.base, f.path),
    head: open(f.head, f.path),
    diff: null,
    movedFrom: new Map(),
    touched: new Set(),
    corrected: null,
    parsed: null,
    parseOptions,
  }));

  // 1. A list file deleted or renamed.
  versions.forEach((v, i) => {
    const f = files[i]!;
    if (!f.base || f.head || config.check.fileRemoved === 'off') return;
    const papers = plural(listRowCount(f.base), 'paper row');
    const isPrimary = v === input.primary;
    const what = v.renamedTo ? `renamed to ${code(v.renamedTo)}` : 'deleted';
    const key = isPrimary ? 'files.primary' : 'files.translation';
    result.findings.push({
      file: f.path,
      ruleId: 'file-removed',
      severity: config.check.fileRemoved,
      line: 1,
      column: 1,
      message: isPrimary
        ? `Unexpected ${code(f.path)} ${what} (it held ${papers}), expected the list file to stay: if the list lives elsewhere now, set \`${key}\` in .github/curator.yml to its path`
        : `Unexpected ${code(f.path)} ${what} (it held ${papers}), expected the translation to stay: to make the list one-language on purpose, set \`${key}: null\` in .github/curator.yml${v.renamedTo ? `, or set it to ${code(v.renamedTo)}` : ''}`,
    });
  });

  // 2-3. What changed, and what lint says about it.
  const checkOptions: LintOptions = {
    ...baseOptions,
    rules: { ...baseOptions.rules, category: { severity: 'off' } },
  };
  for (const f of files) if (f.head) compareFile(f, f.head, checkOptions, parseOptions, result);
  // The bases are compared: what later steps need of them is in the diffs.
  for (const f of files) f.base = null;
  if (input.releaseBases) for (const v of versions) v.base = null;

  // The added rows' ids are verified on arXiv (step 6), and the placed papers are judged by their
  // abstracts (step 4): one batched look-up serves both.
  const [p, t] = files;
  const primaryHead = p?.head ?? null;
  const placedRows =
    primaryHead && p!.diff && !input.ownChange
      ? p!.diff.head.filter((c) => c.kind === 'added' || c.kind === 'moved').map((c) => c.head!)
      : [];
  const addedRows = files.flatMap((f) =>
    (f.diff?.head ?? [])
      .filter((c) => c.kind === 'added')
      .map((c) => ({ list: f.head!, row: c.head! })),
  );
  const ids = [
    ...new Set(addedRows.map((a) => a.row.arxiv?.id).filter((id): id is string => Boolean(id))),
  ];
  const lookupIds = [
    ...new Set([...ids, ...placedRows.flatMap((r) => (r.arxiv ? [r.arxiv.id] : []))]),
  ];
  let found: Map<string, ArxivEntry> | null = null;
  let lookupError: unknown = null;
  if (lookupIds.length && input.arxiv) {
    try {
      found = new Map((await input.arxiv.lookup(lookupIds)).map((e) => [e.id, e]));
    } catch (error) {
      lookupError = error;
    }
  }

  // 4. Where the added and moved papers belong.
  if (primaryHead && p!.diff && !input.ownChange && placedRows.length)
    placePapers(p!, placedRows, found, config, result);

  // 5. Both languages, for what the change touched.
  // Nothing touched in either file: nothing to report of the other language (it would all be
  // filtered out by the touched rows), so neither file is read whole for it.
  const changed = (f: FileState) =>
    Boolean(f.diff && (f.diff.head.length || f.diff.removed.length));
  if (p?.head && t?.head && (changed(p) || changed(t)))
    checkLanguages(p, t, config, result, input.ownChange ?? false);

  // 6. The added ids exist on arXiv, with the title the row gives.
  if (ids.length && !input.arxiv) result.notes.push('arXiv ids were not verified (offline).');
  if (ids.length && input.arxiv) {
    try {
      if (lookupError) throw lookupError;
      for (const { list, row } of addedRows) {
        if (!row.arxiv) continue;
        const e = found?.get(row.arxiv.id);
        const at = { file: list.path, line: row.line, column: row.cell.title?.column ?? 1 };
        if (!e)
          result.findings.push({
            ...at,
            ruleId: 'arxiv-id',
            severity: 'error',
            message: `Unexpected arXiv id ${row.arxiv.id}: arXiv has no such paper; check the link`,
          });
        else if (!sameTitle(e.title, row.title ?? ''))
          result.findings.push({
            ...at,
            ruleId: 'arxiv-id',
            severity: 'error',
            message: `Unexpected title for ${row.arxiv.id}, expected ${code(e.title)}: the id belongs to that paper; check the link or the title`,
          });
      }
    } catch (error) {
      result.notes.push(
        `arXiv ids were not verified: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  result.findings.sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
  return result;
}

/**
 * Steps 2-3 for one file: its diff, and the lint findings the change brought. A function of its
 * own, so that what it builds (the lint's state, the base's findings) is gone when it returns.
 */
function compareFile(
  f: FileState,
  head: PaperList,
  checkOptions: LintOptions,
  parseOptions: ParseOptions,
  result: CheckResult,
): void {
  const d = diffLists(f.base, head);
  f.diff = d;
  for (const c of d.head) {
    const row = c.head!;
    f.touched.add(row.line);
    if (c.kind === 'added') result.added.push(refOf(head, row));
    else if (c.kind === 'changed') result.changed.push(refOf(head, row));
    else {
      const from = sectionOf(f.base!, c.base!);
      f.movedFrom.set(c, from);
      result.moved.push({
        ...refOf(head, row),
        from: { section: from, line: c.base!.line },
        edited: c.edited,
      });
    }
  }
  if (f.base) for (const c of d.removed) result.removed.push(refOf(f.base, c.base!));
  for (const r of d.renamed)
    result.renamedSections.push({ file: f.path, from: r.from, to: r.to, line: r.headLine });

  // The same text (a file the change did not touch): nothing touched, and every finding off the
  // rows is one the base had, so lint has nothing to add.
  if (f.base && f.base.text === head.text) return;
  const options: LintOptions = { ...checkOptions, touchedLines: f.touched };
  const said = (x: Finding) => `${x.ruleId}\u0000${x.message}`;
  // Streamed: the rows lint reads are not kept (the head is read whole later if needed).
  const headFindings = lintText(head.text, f.path, parseOptions, options);
  const headRowLines = rowLinesOf(head);
  // Head lines of the rows a change edited or moved, by their base line.
  const baseLineOf = new Map<number, number>();
  for (const c of d.head) if (c.base) baseLineOf.set(c.base.line, c.head!.line);
  const hadBase = new Set(baseLineOf.values());
  // Whole-file findings the base had (not news), and what the base said about each row a change
  // edited or moved. Only a head finding off the rows or on such a row asks for them.
  const baseFindings = new Set<string>();
  const wasSaid = new Map<number, Set<string>>();
  const asksBase = headFindings.some(
    (x) => !headRowLines.has(x.line) || (f.touched.has(x.line) && hadBase.has(x.line)),
  );
  if (f.base && asksBase) {
    const baseRowLines = rowLinesOf(f.base);
    for (const x of lintText(f.base.text, f.path, parseOptions, options)) {
      if (!baseRowLines.has(x.line)) baseFindings.add(said(x));
      const headLine = baseLineOf.get(x.line);
      if (headLine === undefined) continue;
      const set = wasSaid.get(headLine);
      if (set) set.add(said(x));
      else wasSaid.set(headLine, new Set([said(x)]));
    }
  }
  let fixable = false;
  for (const finding of headFindings) {
    const onTouched = f.touched.has(finding.line) && !wasSaid.get(finding.line)?.has(said(finding));
    const introduced = !headRowLines.has(finding.line) && !baseFindings.has(said(finding));
    if (onTouched || introduced) result.findings.push({ ...finding, file: f.path });
    if (onTouched && finding.fix) fixable = true;
  }
  if (fixable) {
    // Every fix of the touched rows together (a row can have a wrong label and a wrong link),
    // worked out on the whole head (read once, later steps read it too) without linting it again;
    // fixes replace whole lines, so line n of the fixed text is the corrected line n.
    const fixed = fixListRows(full(f), options, parseOptions, f.touched);
    if (fixed.text !== head.text) {
      f.corrected = fixed.list;
      const before = head.lines;
      const after = fixed.list.lines;
      for (const n of [...f.touched].sort((a, b) => a - b)) {
        const text = after.line(n).text;
        if (text !== before.line(n).text)
          result.suggestions.push({ file: f.path, line: n, text: text.replace(/\r$/, '') });
      }
    }
  }
}

/**
 * Step 4: the offline classifier's verdict on each placed row, built from the whole primary
 * file. A function of its own, so that the classifier is gone when it returns.
 */
function placePapers(
  p: FileState,
  placed: readonly PaperRow[],
  found: Map<string, ArxivEntry> | null,
  config: CuratorConfig,
  result: CheckResult,
): void {
  const whole = full(p);
  const guidelines = readGuidelines(
    whole,
    categorySections(whole, config.categories.exclude),
    config.categories.overrides,
    config.categories.pin,
  );
  const classifier = offlineClassifier(guidelines);
  result.notes.push(...(guidelines.pinProblems ?? []));
  for (const row of placed) {
    const placedIn = sectionOf(whole, row);
    const abstract = (row.arxiv && found?.get(row.arxiv.id)?.abstract) || '';
    const v = classifier.classify(rowPaper(row, abstract), { exclude: row.key });
    result.classifications.push({
      key: row.key,
      category: v.category,
      section: v.section,
      confidence: v.confidence,
      rationale: v.rationale,
      source: v.source,
      placedIn,
      placedInCategory: guidelines.categories.find((c) => c.section === placedIn)?.id ?? null,
    });
    if (v.section && placedIn && v.section !== placedIn && v.confidence >= 0.5)
      result.findings.push({
        file: whole.path,
        ruleId: 'category',
        severity: 'warning',
        line: row.line,
        column: row.cell.title?.column ?? 1,
        message: `Unexpected ${code(row.title ?? row.key)} under "${placedIn}", expected "${v.section}" (confidence ${v.confidence.toFixed(2)}): ${v.rationale}`,
      });
  }
}

const FIELDS: readonly SharedField[] = ['title', 'link', 'venue', 'code link', 'tags'];

/**
 * Step 5. The sync findings on touched rows; the rows the other file lacks for the papers the
 * change added there; and what a change did to a row in one file only (edited a shared field,
 * moved it to another category, removed it), reported on the row the change touched (or, for a
 * removal, on the other file's row, the only one left) with the other file's corrected row.
 */
function checkLanguages(
  p: FileState,
  t: FileState,
  config: CuratorConfig,
  result: CheckResult,
  own: boolean,
): void {
  const ph = full(p);
  const th = full(t);
  const glossary = listGlossary(ph, th, config).glossary;
  const reverse = new Map([...glossary].map(([en, cn]) => [cn, en]));
  const align = (a: PaperList, b: PaperList) =>
    alignLists(a, b, glossary, config.categories.exclude, {
      sections: config.sync.sections,
      checkOrder: config.sync.checkOrder,
      style: pinnedStyle(config),
    });
  const aligned = align(ph, th);
  const touchedIn = (file: string) => (file === p.path ? p.touched : t.touched);

  // One-language edits first: their findings replace the sync findings on the same row.
  const oneSided = new Set<string>();
  const sections = pairSections(ph, th, config.categories.exclude, config.sync.sections);
  const counterpartSection = new Map<string, string>();
  for (const [a, b] of sections) {
    counterpartSection.set(`${p.path}\u0000${a.text}`, b.text);
    counterpartSection.set(`${t.path}\u0000${b.text}`, a.text);
  }
  for (const [x, y, toY] of [
    [p, t, glossary],
    [t, p, reverse],
  ] as const) {
    const yHead = full(y);
    // The other file's first row of each paper, indexed when a change first asks for one.
    let yByKey: Map<string, PaperRow> | null = null;
    const firstIn = (key: string): PaperRow | undefined => {
      if (!yByKey) {
        yByKey = new Map();
        for (const r of yHead.rows)
          if (r.key !== 'title:' && !yByKey.has(r.key)) yByKey.set(r.key, r);
      }
      return yByKey.get(key);
    };
    const counterpart = (row: PaperRow, also: PaperRow | null) => {
      const found = firstIn(row.key) ?? (also ? firstIn(also.key) : undefined);
      return found && !y.touched.has(found.line) ? found : null;
    };
    for (const c of x.diff?.head ?? []) {
      if (c.kind === 'added' || !c.base) continue;
      const before = c.base;
      const after = corrected(x).rowAt(c.head!.line) ?? c.head!;
      const other = counterpart(before, after);
      if (!other) continue;
      // The fields this change edited, which the other file still has as they were.
      const edited = FIELDS.filter(
        (f) =>
          !sameField(fieldValue(before, f), fieldValue(after, f)) &&
          !sameField(fieldValue(other, f), fieldValue(after, f, toY)),
      );
      const findingAt = {
        file: x.path,
        line: c.head!.line,
        column: c.head!.cell.title?.column ?? 1,
      };
      if (edited.length) {
        oneSided.add(`${x.path}\u0000${c.head!.line}`);
        const row = copyFields(after, other, edited, toY);
        const fields = edited.join(', ');
        const had = edited.map((f) => code(fieldValue(other, f) ?? '')).join(', ');
        result.findings.push({
          ...findingAt,
          ruleId: 'sync-edit',
          severity: 'error',
          message: `Unexpected change of the ${fields} in ${x.path} only, expected the same change in ${y.path} (line ${other.line} still has ${had}): its corrected row is in the comment`,
        });
        result.syncRows.push({
          file: y.path,
          section: sectionOf(yHead, other) ?? '',
          row,
          replaces: other.line,
        });
      }
      if (c.kind === 'moved') {
        const from = x.movedFrom.get(c) ?? null;
        const to = sectionOf(x.head!, c.head!);
        const expected = to ? counterpartSection.get(`${x.path}\u0000${to}`) : undefined;
        const now = sectionOf(yHead, other);
        if (from !== to && expected && now !== expected) {
          oneSided.add(`${x.path}\u0000${c.head!.line}`);
          result.findings.push({
            ...findingAt,
            ruleId: 'sync-edit',
            severity: 'error',
            message: `Unexpected move to "${to}" in ${x.path} only, expected the paper moved in ${y.path} too: line ${other.line} still lists it under "${now ?? '?'}", not "${expected}"`,
          });
        }
      }
    }
    // A paper removed from one file that the other still lists.
    const removals = x.diff?.removed ?? [];
    const stillInX = new Set(removals.length ? full(x).rows.map((r) => r.key) : []);
    const removedInY = new Set((y.diff?.removed ?? []).map((r) => r.base!.key));
    for (const c of removals) {
      const gone = c.base!;
      if (gone.key === 'title:' || stillInX.has(gone.key)) continue;
      const other = firstIn(gone.key);
      if (!other || y.touched.has(other.line)) continue;
      if (removedInY.has(gone.key)) continue;
      oneSided.add(`${y.path}\u0000${other.line}`);
      result.findings.push({
        file: y.path,
        line: other.line,
        column: other.cell.title?.column ?? 1,
        ruleId: 'sync-edit',
        severity: 'error',
        message: `Unexpected ${code(other.title ?? other.key)}: this pull request removes it from ${x.path} (line ${gone.line}) but not from ${y.path}; delete this row too, or keep the paper in both`,
      });
    }
  }

  for (const f of aligned.findings) {
    if (!touchedIn(f.file).has(f.line)) continue;
    if (
      oneSided.has(`${f.file}\u0000${f.line}`) &&
      ['sync-field', 'sync-tags', 'sync-category'].includes(f.ruleId)
    )
      continue;
    // The App's own sync PR copies a TL;DR untranslated when it has no LLM and says so in its
    // body: a note for the translator, not a problem that should turn the App's own check grey.
    if (own && f.ruleId === 'sync-untranslated') result.findings.push({ ...f, severity: 'info' });
    else result.findings.push(f);
  }

  // The rows proposed for the other file are built from the corrected rows (with the fixes the
  // suggestions offer), so a PDF link is not copied into the translation.
  const cp = corrected(p);
  const ct = corrected(t);
  const proposals = cp === ph && ct === th ? aligned : align(cp, ct);
  const placedKeys = new Set(
    [p, t].flatMap((f) =>
      (f.diff?.head ?? [])
        .filter((c) => c.kind === 'added' || c.kind === 'moved')
        .map((c) => c.head!.key),
    ),
  );
  for (const m of proposals.missing)
    if (placedKeys.has(m.key))
      result.syncRows.push({ file: m.file, section: m.section, row: m.row });
}

/** Titles match when their words match, or one is the other with a subtitle cut. */
function sameTitle(a: string, b: string): boolean {
  const x = normaliseTitle(a);
  const y = normaliseTitle(b);
  return x === y || (y.length > 10 && x.startsWith(y)) || (x.length > 10 && y.startsWith(x));
}
