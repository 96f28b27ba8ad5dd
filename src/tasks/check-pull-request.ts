/**
 * Use case: check a pull request's change to the list (used by the App, the Action and the CLI).
 *
 * 1. Parse the base and head versions of both list files.
 * 2. Find the rows added, changed and removed (by paper key).
 * 3. Lint the head; keep findings on touched lines, and whole-file findings the change introduced.
 * 4. Classify the added papers; a confident verdict for another section is a finding.
 * 5. Check the two languages for the added and changed papers; propose the missing rows.
 * 6. Verify each added arXiv id with arXiv (the id exists, the title matches); offline, say so.
 */
import { readGuidelines } from '../classifier/guidelines.js';
import { offlineClassifier } from '../classifier/offline.js';
import type { ArxivClient } from '../arxiv/index.js';
import type { CuratorConfig } from '../config/index.js';
import {
  categorySections,
  normaliseTitle,
  parseList,
  type PaperList,
  type PaperRow,
} from '../list/index.js';
import { fixText, lintList, type Finding } from '../lint/index.js';
import { alignLists } from '../sync/align.js';
import { learnGlossary } from '../sync/glossary.js';
import { lintOptionsFrom, parseOptionsFrom } from './lint-files.js';

export interface FileVersions {
  path: string;
  base: string | null;
  head: string | null;
}

export interface CheckInput {
  primary: FileVersions;
  translation: FileVersions | null;
  config: CuratorConfig;
  /** arXiv look-ups; null when offline. */
  arxiv: ArxivClient | null;
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

export interface CheckFinding extends Finding {
  file: string;
}

export interface CheckResult {
  added: RowRef[];
  changed: RowRef[];
  removed: RowRef[];
  findings: CheckFinding[];
  classifications: {
    key: string;
    category: string | null;
    section: string | null;
    confidence: number;
    rationale: string;
    source: 'llm' | 'offline';
    placedIn: string | null;
  }[];
  syncRows: { file: string; section: string; row: string }[];
  /**
   * Touched lines whose findings have a known fix: the whole corrected line (every fix applied),
   * for review suggestions.
   */
  suggestions: { file: string; line: number; text: string }[];
  notes: string[];
}

const refOf = (list: PaperList, row: PaperRow): RowRef => ({
  key: row.key,
  file: list.path,
  section: list.tables[row.tableIndex]?.section?.text ?? null,
  line: row.line,
  title: row.title ?? '',
  arxivId: row.arxiv?.id ?? null,
  tldr: row.tldr,
});

function diff(base: PaperList | null, head: PaperList) {
  const before = new Map(
    (base?.rows ?? []).map((r) => [
      `${r.key}\u0000${base!.tables[r.tableIndex]?.section?.text ?? ''}`,
      r,
    ]),
  );
  const after = new Map(
    head.rows.map((r) => [`${r.key}\u0000${head.tables[r.tableIndex]?.section?.text ?? ''}`, r]),
  );
  const added = [...after].filter(([k]) => !before.has(k)).map(([, r]) => r);
  const changed = [...after]
    .filter(([k, r]) => before.has(k) && before.get(k)!.raw !== r.raw)
    .map(([, r]) => r);
  const removed = [...before].filter(([k]) => !after.has(k)).map(([, r]) => r);
  return { added, changed, removed };
}

export async function checkPullRequest(input: CheckInput): Promise<CheckResult> {
  const { config } = input;
  const parse = (text: string | null, path: string) =>
    text === null ? null : parseList(text, path, parseOptionsFrom(config));
  const files = [input.primary, ...(input.translation ? [input.translation] : [])].map((f) => ({
    path: f.path,
    base: parse(f.base, f.path),
    head: parse(f.head, f.path),
  }));
  const result: CheckResult = {
    added: [],
    changed: [],
    removed: [],
    findings: [],
    classifications: [],
    syncRows: [],
    suggestions: [],
    notes: [],
  };
  const texts = new Map<string, string>();
  for (const f of [input.primary, input.translation])
    if (f?.head != null) texts.set(f.path, f.head);
  const touched = new Map<string, Set<number>>();
  const addedRows: { list: PaperList; row: PaperRow }[] = [];

  // 2-3. What changed, and what lint says about it.
  for (const f of files) {
    if (!f.head) continue;
    const d = diff(f.base, f.head);
    result.added.push(...d.added.map((r) => refOf(f.head!, r)));
    result.changed.push(...d.changed.map((r) => refOf(f.head!, r)));
    if (f.base) result.removed.push(...d.removed.map((r) => refOf(f.base!, r)));
    addedRows.push(...d.added.map((row) => ({ list: f.head!, row })));
    const lines = new Set([...d.added, ...d.changed].map((r) => r.line));
    touched.set(f.path, lines);
    const options = {
      ...lintOptionsFrom(config),
      rules: { ...lintOptionsFrom(config).rules, category: { severity: 'off' as const } },
    };
    const baseFindings = new Set(
      (f.base ? lintList(f.base, options) : [])
        .filter((x) => !isRowFinding(f.base!, x))
        .map((x) => `${x.ruleId}\u0000${x.message}`),
    );
    for (const finding of lintList(f.head, options)) {
      const onTouched = lines.has(finding.line);
      const introduced =
        !isRowFinding(f.head, finding) &&
        !baseFindings.has(`${finding.ruleId}\u0000${finding.message}`);
      if (onTouched || introduced) result.findings.push({ ...finding, file: f.path });
    }
    const fixable = new Set(
      result.findings
        .filter((x) => x.file === f.path && x.fix && lines.has(x.line))
        .map((x) => x.line),
    );
    const headText = texts.get(f.path);
    if (fixable.size && headText !== undefined) {
      // Every fix applied together (a row can have a wrong label and a wrong link); fixes replace
      // whole lines, so line n of the fixed text is the corrected line n.
      const fixed = fixText(headText, f.path, options, parseOptionsFrom(config)).text.split('\n');
      const original = headText.split('\n');
      if (fixed.length === original.length)
        for (const n of [...fixable].sort((a, b) => a - b))
          if (fixed[n - 1] !== original[n - 1])
            result.suggestions.push({
              file: f.path,
              line: n,
              text: fixed[n - 1]!.replace(/\r$/, ''),
            });
    }
  }

  // 4. Where the added papers belong.
  const primaryHead = files[0]!.head;
  if (primaryHead && addedRows.length) {
    const guidelines = readGuidelines(
      primaryHead,
      categorySections(primaryHead, config.categories.exclude),
      config.categories.overrides,
    );
    const classifier = offlineClassifier(guidelines);
    for (const { list, row } of addedRows) {
      if (list !== primaryHead) continue;
      const placedIn = list.tables[row.tableIndex]?.section?.text ?? null;
      const v = classifier.classify(
        {
          id: row.key,
          title: row.title ?? '',
          abstract: [row.tldr ?? '', (row.tags ?? []).join(', ')].join('. '),
        },
        { exclude: row.key },
      );
      result.classifications.push({
        key: row.key,
        category: v.category,
        section: v.section,
        confidence: v.confidence,
        rationale: v.rationale,
        source: v.source,
        placedIn,
      });
      if (v.section && placedIn && v.section !== placedIn && v.confidence >= 0.5) {
        result.findings.push({
          file: list.path,
          ruleId: 'category',
          severity: 'warning',
          line: row.line,
          column: row.cell.title?.column ?? 1,
          message: `Unexpected \`${row.title ?? row.key}\` under "${placedIn}", expected "${v.section}" (confidence ${v.confidence.toFixed(2)}): ${v.rationale}`,
        });
      }
    }
  }

  // 5. Both languages, for what the change touched.
  const [p, t] = files;
  if (p?.head && t?.head) {
    const align = (a: PaperList, b: PaperList) =>
      alignLists(a, b, learnGlossary(a, b, config.sync.glossary), config.categories.exclude, {
        sections: config.sync.sections,
        checkOrder: config.sync.checkOrder,
      });
    const aligned = align(p.head, t.head);
    for (const f of aligned.findings) if (touched.get(f.file)?.has(f.line)) result.findings.push(f);
    // The rows proposed for the other file are built from the corrected rows (with the fixes the
    // suggestions offer), so a PDF link is not copied into the translation.
    const corrected = (list: PaperList): PaperList => {
      const fixes = result.suggestions.filter((x) => x.file === list.path);
      if (fixes.length === 0) return list;
      const lines = list.text.split('\n');
      for (const x of fixes)
        lines[x.line - 1] = `${x.text}${lines[x.line - 1]!.endsWith('\r') ? '\r' : ''}`;
      return parseList(lines.join('\n'), list.path, parseOptionsFrom(config));
    };
    const [cp, ct] = [corrected(p.head), corrected(t.head)];
    const proposals = cp === p.head && ct === t.head ? aligned : align(cp, ct);
    const addedKeys = new Set(result.added.map((a) => a.key));
    for (const m of proposals.missing) {
      const from = m.file === p.path ? ct : cp;
      if (from.rows.some((r) => addedKeys.has(r.key) && m.row.includes(`(${r.url})`)))
        result.syncRows.push({ file: m.file, section: m.section, row: m.row });
    }
  }

  // 6. The added ids exist on arXiv, with the title the row gives.
  const ids = [
    ...new Set(addedRows.map((a) => a.row.arxiv?.id).filter((id): id is string => Boolean(id))),
  ];
  if (ids.length && !input.arxiv) result.notes.push('arXiv ids were not verified (offline).');
  if (ids.length && input.arxiv) {
    try {
      const found = new Map((await input.arxiv.lookup(ids)).map((e) => [e.id, e]));
      for (const { list, row } of addedRows) {
        if (!row.arxiv) continue;
        const e = found.get(row.arxiv.id);
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
            message: `Unexpected title for ${row.arxiv.id}, expected \`${e.title}\`: the id belongs to that paper; check the link or the title`,
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

/** Findings that belong to a paper row (not to the file as a whole). */
function isRowFinding(list: PaperList, f: Finding): boolean {
  return list.rows.some((r) => r.line === f.line);
}

/** Titles match when their words match, or one is the other with a subtitle cut. */
function sameTitle(a: string, b: string): boolean {
  const x = normaliseTitle(a);
  const y = normaliseTitle(b);
  return x === y || (y.length > 10 && x.startsWith(y)) || (x.length > 10 && y.startsWith(x));
}
