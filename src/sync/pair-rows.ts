/**
 * The two files' sections and rows, paired: category sections by the config's names, else by
 * order; rows by paper (arXiv id, else normalised title), a copy in the matching section first,
 * the rest in document order. The glossary learns from these pairs and the sync compares them.
 */
import { categorySections, type PaperList, type PaperRow, type Section } from '../list/index.js';

/**
 * Category sections of both files, paired: those named in the config first, the rest by order
 * (or, when one file has more of them, by the papers they share).
 */
export function pairSections(
  a: PaperList,
  b: PaperList,
  exclude?: readonly string[],
  overrides: Readonly<Record<string, string>> = {},
): [Section, Section][] {
  const inA = categorySections(a, exclude);
  const inB = categorySections(b, exclude);
  const left = a.sections.filter((s) => inA.has(s));
  const right = b.sections.filter((s) => inB.has(s));
  const has = (text: string, part: string) => text.toLowerCase().includes(part.toLowerCase());
  const pairs: [Section, Section][] = [];
  const taken = new Set<Section>();
  for (const [from, to] of Object.entries(overrides)) {
    const l = left.find((s) => has(s.text, from));
    const r = right.find((s) => has(s.text, to));
    if (l && r) {
      pairs.push([l, r]);
      taken.add(l).add(r);
    }
  }
  const restLeft = left.filter((s) => !taken.has(s));
  const restRight = right.filter((s) => !taken.has(s));
  if (restLeft.length === restRight.length) {
    restLeft.forEach((s, i) => pairs.push([s, restRight[i]!]));
    return pairs;
  }
  // One file has a category the other lacks: pairing by order would pair every later section
  // with the wrong one. Sections are paired by the papers they share (and their emoji), in order.
  return [...pairs, ...alignSections(restLeft, restRight)];
}

const emoji = (text: string) =>
  (/^[^\p{L}\p{N}]*/u.exec(text.trim())?.[0] ?? '').replace(/[\s\uFE00-\uFE0F\u200D]/g, '');

/** A weighted longest common subsequence of two runs of sections. */
function alignSections(left: readonly Section[], right: readonly Section[]): [Section, Section][] {
  const keys = (s: Section) => new Set(s.tables.flatMap((t) => t.rows.map((r) => r.key)));
  const rightKeys = right.map(keys);
  const score = left.map((l) => {
    const mine = keys(l);
    return right.map((r, j) => {
      let shared = 0;
      for (const k of mine) if (rightKeys[j]!.has(k)) shared += 1;
      const e = emoji(l.text);
      return 0.1 + shared + (e && e === emoji(r.text) ? 0.5 : 0);
    });
  });
  const n = left.length;
  const m = right.length;
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  for (let i = n - 1; i >= 0; i -= 1)
    for (let j = m - 1; j >= 0; j -= 1)
      best[i]![j] = Math.max(
        score[i]![j]! + best[i + 1]![j + 1]!,
        best[i + 1]![j]!,
        best[i]![j + 1]!,
      );
  const out: [Section, Section][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (best[i]![j] === score[i]![j]! + best[i + 1]![j + 1]!) {
      out.push([left[i]!, right[j]!]);
      i += 1;
      j += 1;
    } else if (best[i]![j] === best[i + 1]![j]) i += 1;
    else j += 1;
  }
  return out;
}

export interface RowPairing {
  /** [primary row, translation row]: the same paper, in primary document order. */
  pairs: [PaperRow, PaperRow][];
  /** Rows of the primary file with no copy left in the translation, in document order. */
  primaryOnly: PaperRow[];
  /** Rows of the translation with no copy left in the primary file, in document order. */
  translationOnly: PaperRow[];
}

/** Rows by paper key, in document order (rows without a title are nobody's copy). */
export function rowsByKey(list: PaperList): Map<string, PaperRow[]> {
  const map = new Map<string, PaperRow[]>();
  for (const r of list.rows) {
    if (r.key === 'title:') continue;
    const same = map.get(r.key);
    if (same) same.push(r);
    else map.set(r.key, [r]);
  }
  return map;
}

/**
 * Rows of the same paper, paired. A paper listed in two sections pairs each row with the copy
 * in the matching section of the other file, so the Explicit row's tags are never compared with
 * the Implicit row's; copies left over pair in document order. What is left unpaired on either
 * side has no counterpart: missing from the other file, or one copy too many.
 */
export function pairRows(
  primary: PaperList,
  translation: PaperList,
  sections: readonly [Section, Section][],
): RowPairing {
  return pairRowsBy(primary, translation, sections, rowsByKey(primary), rowsByKey(translation));
}

function pairRowsBy(
  primary: PaperList,
  translation: PaperList,
  sections: readonly [Section, Section][],
  inPrimary: ReadonlyMap<string, PaperRow[]>,
  inTranslation: ReadonlyMap<string, PaperRow[]>,
): RowPairing {
  const counterpart = new Map<Section, Section>();
  for (const [a, b] of sections) counterpart.set(a, b);
  const sectionOf = (list: PaperList, row: PaperRow) => list.tables[row.tableIndex]!.section;
  const pairs: [PaperRow, PaperRow][] = [];
  const primaryOnly: PaperRow[] = [];
  // Translation rows paired among the papers with more than one row on a side; a paper with one
  // row on each side (most of them) pairs without being noted here.
  const pairedT = new Set<PaperRow>();
  for (const [key, rowsP] of inPrimary) {
    const rowsT = inTranslation.get(key);
    if (rowsT === undefined) {
      for (const p of rowsP) primaryOnly.push(p);
      continue;
    }
    if (rowsP.length === 1 && rowsT.length === 1) {
      // One row on each side (most papers): they pair, in whatever section each stands.
      pairs.push([rowsP[0]!, rowsT[0]!]);
      continue;
    }
    const match: (PaperRow | undefined)[] = rowsP.map((p) => {
      const want = sectionOf(primary, p);
      const target = want ? counterpart.get(want) : undefined;
      if (!target) return undefined;
      const t = rowsT.find((r) => !pairedT.has(r) && sectionOf(translation, r) === target);
      if (t) pairedT.add(t);
      return t;
    });
    rowsP.forEach((p, i) => {
      const t = match[i] ?? rowsT.find((r) => !pairedT.has(r));
      if (t) {
        pairedT.add(t);
        pairs.push([p, t]);
      } else primaryOnly.push(p);
    });
  }
  // The rest of the translation's rows, paper by paper: all of a paper the primary file lacks,
  // and the copies left unpaired of a paper with more than one row on a side.
  const translationOnly: PaperRow[] = [];
  for (const [key, rowsT] of inTranslation) {
    const rowsP = inPrimary.get(key);
    if (rowsP === undefined) for (const r of rowsT) translationOnly.push(r);
    else if (rowsP.length !== 1 || rowsT.length !== 1)
      for (const r of rowsT) if (!pairedT.has(r)) translationOnly.push(r);
  }
  translationOnly.sort((a, b) => a.line - b.line);
  pairs.sort((a, b) => a[0].line - b[0].line);
  primaryOnly.sort((a, b) => a.line - b.line);
  return { pairs, primaryOnly, translationOnly };
}

/** Both files paired once: their sections, their rows, and each file's rows by paper key. */
export interface PairedLists {
  sections: [Section, Section][];
  rows: RowPairing;
  primaryByKey: ReadonlyMap<string, PaperRow[]>;
  translationByKey: ReadonlyMap<string, PaperRow[]>;
}

interface Paired {
  translation: PaperList;
  primaryRows: number;
  translationRows: number;
  exclude: readonly string[] | undefined;
  overrides: Readonly<Record<string, string>> | undefined;
  paired: PairedLists;
}

/** The last pairing of each primary list (the sync pairs the same two lists three times). */
const lastPaired = new WeakMap<PaperList, Paired>();

/**
 * `pairSections`, `pairRows` and `rowsByKey` of both files, computed once for the same two lists
 * and settings (the glossary, the alignment and the prose all pair them: on 100k-row files each
 * pairing cost a few hundred milliseconds). The result is shared: callers must not change it.
 */
export function pairLists(
  primary: PaperList,
  translation: PaperList,
  exclude?: readonly string[],
  overrides?: Readonly<Record<string, string>>,
): PairedLists {
  const last = lastPaired.get(primary);
  if (
    last &&
    last.translation === translation &&
    last.primaryRows === primary.rows.length &&
    last.translationRows === translation.rows.length &&
    last.exclude === exclude &&
    last.overrides === overrides
  )
    return last.paired;
  const sections = pairSections(primary, translation, exclude, overrides);
  const primaryByKey = rowsByKey(primary);
  const translationByKey = rowsByKey(translation);
  const paired: PairedLists = {
    sections,
    rows: pairRowsBy(primary, translation, sections, primaryByKey, translationByKey),
    primaryByKey,
    translationByKey,
  };
  lastPaired.set(primary, {
    translation,
    primaryRows: primary.rows.length,
    translationRows: translation.rows.length,
    exclude,
    overrides,
    paired,
  });
  return paired;
}

/** Drop the pairing `pairLists` keeps for `primary` (its memory, for a caller done with it). */
export function forgetPairing(primary: PaperList): void {
  lastPaired.delete(primary);
}
