/**
 * Two versions of a list as an edited sequence of rows: every row of either version is added,
 * removed, changed (same place, other text), moved (to another table or out of order) or
 * unchanged, and a table whose heading changed but whose rows stayed is a renamed section.
 *
 * A change is modelled as an edit of a sequence, not as a set keyed by paper: two identical rows
 * are two rows (removing one of them is one removal), a copy inserted above its source is the new
 * row (the one the diff adds), and a paper moved into a table that already lists it is a move.
 *
 * Steps:
 * 1. Pair the paper tables: same heading text (and occurrence), then a renamed heading by the
 *    papers the two tables share.
 * 2. In each pair, align rows by their text with a real sequence diff (Myers, from `diff`); rows
 *    left between two aligned rows are paired by paper, then by title: "changed".
 * 3. Rows still left over anywhere in the file are paired by paper: "moved"; the rest are added or
 *    removed.
 *
 * Time: linear in the rows plus the diff's cost, which is bounded (Myers gives up past an edit
 * budget and a patience-style alignment, O(n log n), takes over), so a 100k-row pair with a few
 * edits costs a few passes over the rows.
 *
 * Either version may come from `openList` (sections and tables, no rows read): its rows are then
 * compared by their text and read only where the versions differ, so a version that is only
 * compared is never parsed whole. The result is the same as with parsed lists.
 */
import { diffArrays } from 'diff';
import { normaliseTitle } from './paper-key.js';
import {
  readTableRow,
  tableRowCount,
  tableRowRaw,
  type PaperList,
  type PaperRow,
  type PaperTable,
} from './parse-list.js';

export type RowChangeKind = 'added' | 'removed' | 'changed' | 'moved';

export interface RowChange {
  kind: RowChangeKind;
  /** The row in the base version (null when added). */
  base: PaperRow | null;
  /** The row in the head version (null when removed). */
  head: PaperRow | null;
  /** For a moved row: its text changed too. */
  edited: boolean;
}

export interface SectionRename {
  from: string;
  to: string;
  /** The heading's line in each version. */
  baseLine: number;
  headLine: number;
}

export interface ListDiff {
  /** Rows with a head version (added, changed, moved), in head order. */
  head: RowChange[];
  /** Removed rows, in base order. */
  removed: RowChange[];
  /** How many rows are the same text at the same place. */
  unchanged: number;
  renamed: SectionRename[];
}

const NO_KEY = 'title:';

/**
 * One version's rows, table by table: its parsed rows, or, for a table read by `openList` (no
 * rows yet), rows read from the text when first asked for, each once (rows are compared by
 * identity).
 */
class VersionRows {
  readonly #read = new Map<PaperTable, (PaperRow | undefined)[]>();
  constructor(readonly list: PaperList | null) {}

  /** The table's rows are not in `table.rows`: they are read from the text. */
  #lazy(table: PaperTable): boolean {
    return table.rows.length !== tableRowCount(table);
  }

  count(table: PaperTable): number {
    return this.#lazy(table) ? tableRowCount(table) : table.rows.length;
  }

  /** Each row's text, in order. */
  raws(table: PaperTable): string[] {
    if (!this.#lazy(table)) return table.rows.map((r) => r.raw);
    const out = new Array<string>(tableRowCount(table));
    for (let i = 0; i < out.length; i++) out[i] = tableRowRaw(this.list!, table, i);
    return out;
  }

  row(table: PaperTable, i: number): PaperRow {
    if (!this.#lazy(table)) return table.rows[i]!;
    let read = this.#read.get(table);
    if (!read) this.#read.set(table, (read = []));
    return (read[i] ??= readTableRow(this.list!, table, i));
  }

  /** Rows `from` (inclusive) to `to` (exclusive). */
  slice(table: PaperTable, from: number, to: number): PaperRow[] {
    const out: PaperRow[] = [];
    for (let i = from; i < to; i++) out.push(this.row(table, i));
    return out;
  }

  all(table: PaperTable): PaperRow[] {
    return this.slice(table, 0, this.count(table));
  }
}

/** Paper tables of a version, each with a name that is stable across versions. */
function namedTables(list: PaperList | null): { table: PaperTable; name: string }[] {
  if (!list) return [];
  const seen = new Map<string, number>();
  return list.tables
    .filter((t) => t.isPaperTable)
    .map((table) => {
      const text = table.section?.text ?? '';
      const k = seen.get(text) ?? 0;
      seen.set(text, k + 1);
      return { table, name: `${text}\u0000${k}` };
    });
}

/**
 * Tables of the two versions, paired. A heading whose text changed pairs by the papers its table
 * shares with the old one (at least half of the larger table), so renaming a section is a rename,
 * not every row removed and added again.
 */
function pairTables(
  base: VersionRows,
  head: VersionRows,
): { pairs: [PaperTable, PaperTable][]; baseOnly: PaperTable[]; headOnly: PaperTable[] } {
  const before = namedTables(base.list);
  const after = namedTables(head.list);
  const byName = new Map(before.map((t) => [t.name, t.table]));
  const pairs: [PaperTable, PaperTable][] = [];
  const taken = new Set<PaperTable>();
  const headLeft: PaperTable[] = [];
  for (const { table, name } of after) {
    const match = byName.get(name);
    if (match) {
      pairs.push([match, table]);
      taken.add(match);
    } else headLeft.push(table);
  }
  const baseLeft = before.map((t) => t.table).filter((t) => !taken.has(t));
  if (baseLeft.length && headLeft.length) {
    const keys = (v: VersionRows, t: PaperTable) =>
      new Set(
        v
          .all(t)
          .map((r) => r.key)
          .filter((k) => k !== NO_KEY),
      );
    const baseKeys = new Map(baseLeft.map((t) => [t, keys(base, t)]));
    const candidates: { b: PaperTable; h: PaperTable; score: number }[] = [];
    for (const h of headLeft) {
      const hk = keys(head, h);
      for (const b of baseLeft) {
        const bk = baseKeys.get(b)!;
        let shared = 0;
        for (const k of hk) if (bk.has(k)) shared++;
        const score = shared / Math.max(1, hk.size, bk.size);
        if (shared > 0 && score >= 0.5) candidates.push({ b, h, score });
      }
    }
    candidates.sort((x, y) => y.score - x.score);
    for (const { b, h } of candidates) {
      if (taken.has(b) || taken.has(h)) continue;
      pairs.push([b, h]);
      taken.add(b).add(h);
    }
    // Empty tables have no papers to pair by: in order, one for one, when both sides agree.
    const emptyBase = baseLeft.filter((t) => !taken.has(t) && base.count(t) === 0);
    const emptyHead = headLeft.filter((t) => !taken.has(t) && head.count(t) === 0);
    if (emptyBase.length === emptyHead.length)
      emptyBase.forEach((b, i) => {
        pairs.push([b, emptyHead[i]!]);
        taken.add(b).add(emptyHead[i]!);
      });
  }
  return {
    pairs,
    baseOnly: baseLeft.filter((t) => !taken.has(t)),
    headOnly: headLeft.filter((t) => !taken.has(t)),
  };
}

/** Myers is O((n + m) · d): it is given up past this many operations for the d it reaches. */
const DIFF_BUDGET = 4_000_000;

/**
 * Pairs [i, j] of equal items, increasing in both: a longest common subsequence after the common
 * prefix and suffix are set aside. Past the budget, a patience-style alignment instead: the k-th
 * occurrence of a text in `a` paired with its k-th occurrence in `b`, and of those pairs the
 * longest run increasing in both (O(n log n)).
 */
export function alignSequences(a: readonly string[], b: readonly string[]): [number, number][] {
  const pairs: [number, number][] = [];
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pairs.push([pre, pre++]);
  let suf = 0;
  while (
    suf < a.length - pre &&
    suf < b.length - pre &&
    a[a.length - 1 - suf] === b[b.length - 1 - suf]
  )
    suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  if (am.length && bm.length) {
    const maxEditLength = Math.max(16, Math.floor(DIFF_BUDGET / (am.length + bm.length)));
    const parts = diffArrays(am, bm, { maxEditLength });
    if (parts) {
      let i = 0;
      let j = 0;
      for (const part of parts) {
        if (part.added) j += part.count;
        else if (part.removed) i += part.count;
        else for (let k = 0; k < part.count; k++) pairs.push([pre + i++, pre + j++]);
      }
    } else {
      for (const [i, j] of patience(am, bm)) pairs.push([pre + i, pre + j]);
    }
  }
  for (let k = suf; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return pairs;
}

function patience(a: readonly string[], b: readonly string[]): [number, number][] {
  const where = new Map<string, number[]>();
  a.forEach((text, i) => {
    const at = where.get(text);
    if (at) at.push(i);
    else where.set(text, [i]);
  });
  const used = new Map<string, number>();
  const candidates: [number, number][] = []; // [i in a, j in b], j increasing
  b.forEach((text, j) => {
    const at = where.get(text);
    const k = used.get(text) ?? 0;
    if (at && k < at.length) {
      candidates.push([at[k]!, j]);
      used.set(text, k + 1);
    }
  });
  // Longest increasing subsequence of the a-positions (patience sorting with back links).
  const tails: number[] = [];
  const back = new Int32Array(candidates.length).fill(-1);
  candidates.forEach(([i], c) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (candidates[tails[mid]!]![0] < i) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) back[c] = tails[lo - 1]!;
    tails[lo] = c;
  });
  const out: [number, number][] = [];
  for (let c = tails.at(-1) ?? -1; c >= 0; c = back[c]!) out.push(candidates[c]!);
  return out.reverse();
}

/** Queues of rows by a key, taken first in, first out. */
class Pool {
  readonly #by = new Map<string, PaperRow[]>();
  add(key: string, row: PaperRow): void {
    const q = this.#by.get(key);
    if (q) q.push(row);
    else this.#by.set(key, [row]);
  }
  take(key: string, taken: Set<PaperRow>): PaperRow | undefined {
    const q = this.#by.get(key);
    while (q?.length) {
      const row = q.shift()!;
      if (!taken.has(row)) return row;
    }
    return undefined;
  }
}

/** Who a row is: its paper (arXiv id, else title), then, for a second pass, its title alone. */
const KEYS: readonly ((row: PaperRow) => string | null)[] = [
  (row) => (row.key === NO_KEY ? null : row.key),
  (row) => normaliseTitle(row.title ?? '') || null,
];

/**
 * Rows left between two aligned rows, paired by paper, then by title: the same paper edited in
 * place. Returns what it could not pair.
 */
function pairInGap(
  removed: PaperRow[],
  added: PaperRow[],
  out: RowChange[],
): { removed: PaperRow[]; added: PaperRow[] } {
  if (!removed.length || !added.length) return { removed, added };
  const taken = new Set<PaperRow>();
  for (const keyOf of KEYS) {
    const pool = new Pool();
    for (const r of removed) {
      const k = keyOf(r);
      if (k && !taken.has(r)) pool.add(k, r);
    }
    for (const h of added) {
      if (taken.has(h)) continue;
      const k = keyOf(h);
      const b = k ? pool.take(k, taken) : undefined;
      if (!b) continue;
      taken.add(b).add(h);
      out.push({ kind: 'changed', base: b, head: h, edited: true });
    }
  }
  return {
    removed: removed.filter((r) => !taken.has(r)),
    added: added.filter((r) => !taken.has(r)),
  };
}

export function diffLists(base: PaperList | null, head: PaperList | null): ListDiff {
  const before = new VersionRows(base);
  const after = new VersionRows(head);
  const { pairs, baseOnly, headOnly } = pairTables(before, after);
  const changes: RowChange[] = [];
  const leftRemoved: PaperRow[] = [];
  const leftAdded: PaperRow[] = [];
  const renamed: SectionRename[] = [];
  let unchanged = 0;

  for (const [bt, ht] of pairs) {
    const bs = bt.section;
    const hs = ht.section;
    if (bs && hs && bs.text !== hs.text)
      renamed.push({ from: bs.text, to: hs.text, baseLine: bs.line, headLine: hs.line });
    const aligned = alignSequences(before.raws(bt), after.raws(ht));
    unchanged += aligned.length;
    aligned.push([before.count(bt), after.count(ht)]);
    let i = 0;
    let j = 0;
    for (const [ai, bj] of aligned) {
      if (ai > i || bj > j) {
        const left = pairInGap(before.slice(bt, i, ai), after.slice(ht, j, bj), changes);
        for (const r of left.removed) leftRemoved.push(r);
        for (const r of left.added) leftAdded.push(r);
      }
      i = ai + 1;
      j = bj + 1;
    }
  }
  for (const t of baseOnly) for (const r of before.all(t)) leftRemoved.push(r);
  for (const t of headOnly) for (const r of after.all(t)) leftAdded.push(r);

  // What is left anywhere in the file: the same paper elsewhere is a move.
  const taken = new Set<PaperRow>();
  if (leftRemoved.length && leftAdded.length) {
    leftRemoved.sort((x, y) => x.line - y.line);
    leftAdded.sort((x, y) => x.line - y.line);
    for (const keyOf of KEYS) {
      const pool = new Pool();
      for (const r of leftRemoved) {
        const k = keyOf(r);
        if (k && !taken.has(r)) pool.add(k, r);
      }
      for (const h of leftAdded) {
        if (taken.has(h)) continue;
        const k = keyOf(h);
        const b = k ? pool.take(k, taken) : undefined;
        if (!b) continue;
        taken.add(b).add(h);
        changes.push({ kind: 'moved', base: b, head: h, edited: b.raw !== h.raw });
      }
    }
  }
  for (const h of leftAdded)
    if (!taken.has(h)) changes.push({ kind: 'added', base: null, head: h, edited: false });
  const removed: RowChange[] = leftRemoved
    .filter((r) => !taken.has(r))
    .sort((x, y) => x.line - y.line)
    .map((r) => ({ kind: 'removed', base: r, head: null, edited: false }));
  changes.sort((x, y) => x.head!.line - y.head!.line);
  return { head: changes, removed, unchanged, renamed };
}
