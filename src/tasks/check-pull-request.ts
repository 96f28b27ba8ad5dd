/**
 * Use case: check a pull request's change to the list (used by the App, the Action and the CLI).
 *
 * 1. Parse the base and head versions of both list files; a list file deleted or renamed is a
 *    finding of its own.
 * 2. Diff the rows as an edited sequence (src/list/diff-lists.ts): added, changed, moved,
 *    removed, and sections renamed.
 * 3. Lint the head; keep findings on touched rows (pairwise rules blame the touched row of a
 *    pair) and whole-file findings the change introduced. Fixes of touched rows become the
 *    suggestions, and the corrected rows are what the other language is offered.
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
  parseList,
  type ListDiff,
  type PaperList,
  type PaperRow,
} from '../list/index.js';
import { code, fixText, lintList, type Finding, type LintOptions } from '../lint/index.js';
import {
  alignLists,
  copyFields,
  fieldValue,
  pairSections,
  sameField,
  type SharedField,
} from '../sync/align.js';
import { learnGlossary } from '../sync/glossary.js';
import { lintOptionsFrom, parseOptionsFrom, pinnedStyle } from './lint-files.js';

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
  base: PaperList | null;
  head: PaperList | null;
  diff: ListDiff | null;
  /** Head lines of rows the change added, edited or moved. */
  touched: Set<number>;
  /** The head with every fix of the touched rows applied (the head itself when none applies). */
  corrected: PaperList | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function checkPullRequest(input: CheckInput): Promise<CheckResult> {
  const { config } = input;
  const parseOptions = parseOptionsFrom(config);
  const parse = (text: string | null, path: string) =>
    text === null ? null : parseList(text, path, parseOptions);
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
    base: parse(f.base, f.path),
    head: parse(f.head, f.path),
    diff: null,
    touched: new Set(),
    corrected: null,
  }));

  // 1. A list file deleted or renamed.
  versions.forEach((v, i) => {
    const f = files[i]!;
    if (!f.base || f.head || config.check.fileRemoved === 'off') return;
    const papers = plural(f.base.rows.length, 'paper row');
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
  for (const f of files) {
    if (!f.head) continue;
    const d = diffLists(f.base, f.head);
    f.diff = d;
    for (const c of d.head) {
      const row = c.head!;
      f.touched.add(row.line);
      if (c.kind === 'added') result.added.push(refOf(f.head, row));
      else if (c.kind === 'changed') result.changed.push(refOf(f.head, row));
      else
        result.moved.push({
          ...refOf(f.head, row),
          from: { section: sectionOf(f.base!, c.base!), line: c.base!.line },
          edited: c.edited,
        });
    }
    if (f.base) for (const c of d.removed) result.removed.push(refOf(f.base, c.base!));
    for (const r of d.renamed)
      result.renamedSections.push({ file: f.path, from: r.from, to: r.to, line: r.headLine });

    const options: LintOptions = { ...checkOptions, touchedLines: f.touched };
    const rowLines = (list: PaperList) => new Set(list.rows.map((r) => r.line));
    const baseRowLines = f.base ? rowLines(f.base) : new Set<number>();
    const headRowLines = rowLines(f.head);
    const said = (x: Finding) => `${x.ruleId}\u0000${x.message}`;
    const baseFindings = new Set<string>();
    // What the base already said about each row a change edited or moved: not news on the head.
    const wasSaid = new Map<number, Set<string>>();
    const baseLineOf = new Map<number, number>();
    for (const c of d.head) if (c.base) baseLineOf.set(c.base.line, c.head!.line);
    for (const x of f.base ? lintList(f.base, options) : []) {
      if (!baseRowLines.has(x.line)) baseFindings.add(said(x));
      const headLine = baseLineOf.get(x.line);
      if (headLine === undefined) continue;
      const set = wasSaid.get(headLine);
      if (set) set.add(said(x));
      else wasSaid.set(headLine, new Set([said(x)]));
    }
    let fixable = false;
    for (const finding of lintList(f.head, options)) {
      const onTouched =
        f.touched.has(finding.line) && !wasSaid.get(finding.line)?.has(said(finding));
      const introduced = !headRowLines.has(finding.line) && !baseFindings.has(said(finding));
      if (onTouched || introduced) result.findings.push({ ...finding, file: f.path });
      if (onTouched && finding.fix) fixable = true;
    }
    f.corrected = f.head;
    if (fixable) {
      // Every fix of the touched rows together (a row can have a wrong label and a wrong link);
      // fixes replace whole lines, so line n of the fixed text is the corrected line n.
      const fixed = fixText(f.head.text, f.path, options, parseOptions, 10, f.touched).text;
      if (fixed !== f.head.text) {
        f.corrected = parseList(fixed, f.path, parseOptions);
        const before = f.head.lines;
        const after = f.corrected.lines;
        for (const n of [...f.touched].sort((a, b) => a - b)) {
          const text = after.line(n).text;
          if (text !== before.line(n).text)
            result.suggestions.push({ file: f.path, line: n, text: text.replace(/\r$/, '') });
        }
      }
    }
  }

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
  if (primaryHead && p!.diff && !input.ownChange) {
    const placed = placedRows.map((head) => ({ head }));
    if (placed.length) {
      const guidelines = readGuidelines(
        primaryHead,
        categorySections(primaryHead, config.categories.exclude),
        config.categories.overrides,
        config.categories.pin,
      );
      const classifier = offlineClassifier(guidelines);
      result.notes.push(...(guidelines.pinProblems ?? []));
      for (const { head: row } of placed) {
        const placedIn = sectionOf(primaryHead, row!);
        const abstract = (row!.arxiv && found?.get(row!.arxiv.id)?.abstract) || '';
        const v = classifier.classify(rowPaper(row!, abstract), { exclude: row!.key });
        result.classifications.push({
          key: row!.key,
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
            file: primaryHead.path,
            ruleId: 'category',
            severity: 'warning',
            line: row!.line,
            column: row!.cell.title?.column ?? 1,
            message: `Unexpected ${code(row!.title ?? row!.key)} under "${placedIn}", expected "${v.section}" (confidence ${v.confidence.toFixed(2)}): ${v.rationale}`,
          });
      }
    }
  }

  // 5. Both languages, for what the change touched.
  if (p?.head && t?.head) checkLanguages(p, t, config, result, input.ownChange ?? false);

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
  const ph = p.head!;
  const th = t.head!;
  const glossary = learnGlossary(ph, th, config.sync.glossary);
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
    const yHead = y.head!;
    const yByKey = new Map<string, PaperRow>();
    for (const r of yHead.rows) if (r.key !== 'title:' && !yByKey.has(r.key)) yByKey.set(r.key, r);
    const counterpart = (row: PaperRow, also: PaperRow | null) => {
      const found = yByKey.get(row.key) ?? (also ? yByKey.get(also.key) : undefined);
      return found && !y.touched.has(found.line) ? found : null;
    };
    for (const c of x.diff?.head ?? []) {
      if (c.kind === 'added' || !c.base) continue;
      const before = c.base;
      const after = x.corrected!.rowAt(c.head!.line) ?? c.head!;
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
        const from = sectionOf(x.base!, before);
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
    const stillInX = new Set(x.head ? x.head.rows.map((r) => r.key) : []);
    for (const c of x.diff?.removed ?? []) {
      const gone = c.base!;
      if (gone.key === 'title:' || stillInX.has(gone.key)) continue;
      const other = yByKey.get(gone.key);
      if (!other || y.touched.has(other.line)) continue;
      const removedInY = y.diff?.removed.some((r) => r.base!.key === gone.key);
      if (removedInY) continue;
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
  const cp = p.corrected!;
  const ct = t.corrected!;
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
