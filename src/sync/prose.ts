/**
 * The prose around the tables, compared across the two files: the headings (which section
 * stands for which, their levels and counts), the table of contents (an entry for the same
 * sections, anchors that resolve) and the keyword lines (one per section where the other file
 * has one, as many keywords). Texts are in two languages, so nothing here compares words: a
 * heading is matched to its translation by its level, its emoji, the papers its tables share,
 * the Latin words both keep (`KV`, `Star`) and its place in the order.
 */
import type { Heading, PaperList } from '../list/index.js';
import type { SyncFinding } from './align.js';
import { pairLists } from './pair-rows.js';

export interface ProseOptions {
  exclude?: readonly string[] | undefined;
  sections?: Readonly<Record<string, string>> | undefined;
}

/** Past this many heading pairs the outline is too big to align (not a list anyone writes). */
const MAX_CELLS = 2_000_000;

/** Variation selectors and joiners are invisible: an anchor written without them is the same. */
const foldAnchor = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\uFE00-\uFE0F\u200D]/g, '');

function decode(anchor: string): string {
  try {
    return decodeURIComponent(anchor);
  } catch {
    return anchor;
  }
}

/** The symbols a heading starts with (its emoji), without invisible selectors. */
function emojiOf(text: string): string {
  const m = /^[^\p{L}\p{N}]*/u.exec(text.trim());
  return (m?.[0] ?? '').replace(/[\s\uFE00-\uFE0F\u200D]/g, '');
}

/** Latin words of two letters or more, lowercased: what a translation keeps (`KV`, `Star`). */
function latinWords(text: string): Set<string> {
  return new Set((text.match(/[A-Za-z][A-Za-z0-9]+/g) ?? []).map((w) => w.toLowerCase()));
}

interface Outlined {
  list: PaperList;
  headings: Heading[];
  /** Paper keys of the tables under each heading (by index in `headings`). */
  keys: Set<string>[];
  emoji: string[];
  words: Set<string>[];
  /** Line where each heading's part of the file ends (the next heading's line, or past the end). */
  until: number[];
}

function outlined(list: PaperList): Outlined {
  const headings = list.outline.headings;
  const byLine = new Map(list.sections.map((s) => [s.line, s]));
  return {
    list,
    headings,
    keys: headings.map(
      (h) => new Set((byLine.get(h.line)?.tables ?? []).flatMap((t) => t.rows.map((r) => r.key))),
    ),
    emoji: headings.map((h) => emojiOf(h.text)),
    words: headings.map((h) => latinWords(h.text)),
    until: headings.map((_, i) => headings[i + 1]?.line ?? list.lines.count + 1),
  };
}

/**
 * Headings of the two files matched: pairs [i, j] of indexes, by i. Category sections the sync
 * pairs are matched with each other, in whatever order; the rest by a weighted longest common
 * subsequence.
 */
function alignHeadings(a: Outlined, b: Outlined, forced: Map<number, number>): [number, number][] {
  const n = a.headings.length;
  const m = b.headings.length;
  const forcedB = new Set(forced.values());
  const score = (i: number, j: number): number => {
    // Pairs the sync uses are matched whatever their order (sync.sections may cross them).
    if (forced.has(i) || forcedB.has(j)) return -1;
    const ha = a.headings[i]!;
    const hb = b.headings[j]!;
    let shared = 0;
    for (const k of a.keys[i]!) if (b.keys[j]!.has(k)) shared += 1;
    const sameEmoji = a.emoji[i] !== '' && a.emoji[i] === b.emoji[j];
    const otherEmoji = a.emoji[i] !== '' && b.emoji[j] !== '' && a.emoji[i] !== b.emoji[j];
    let s = ha.depth === hb.depth ? 2 : 0.5;
    if (sameEmoji) s += 2;
    if (otherEmoji) s -= 1;
    if (shared) s += 3;
    if (ha.text === hb.text) s += 2;
    let words = 0;
    for (const w of a.words[i]!) if (b.words[j]!.has(w)) words += 1;
    s += Math.min(1, words / 2);
    return s > 0 ? s : -1;
  };
  // dp[i][j]: best total for a[i..], b[j..].
  const dp = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  const memo = Array.from({ length: n }, () => new Float64Array(m));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      const s = score(i, j);
      memo[i]![j] = s;
      const take = s > 0 ? s + dp[i + 1]![j + 1]! : -Infinity;
      dp[i]![j] = Math.max(take, dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const pairs: [number, number][] = [...forced];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = memo[i]![j]!;
    if (s > 0 && dp[i]![j] === s + dp[i + 1]![j + 1]!) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if (dp[i]![j] === dp[i + 1]![j]) i += 1;
    else j += 1;
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

/** The table of contents: the heading named so, and the in-page links under it. */
function tocOf(
  o: Outlined,
): { heading: number; links: PaperList['outline']['anchorLinks'] } | null {
  const at = o.headings.findIndex((h) =>
    /^(?:table of contents|contents|toc|目录|目次|內容|内容目录)$/i.test(
      h.text.replace(/^[^\p{L}\p{N}]+/u, '').trim(),
    ),
  );
  if (at < 0) return null;
  const from = o.headings[at]!.line;
  const until = o.until[at]!;
  return {
    heading: at,
    links: o.list.outline.anchorLinks.filter((l) => l.line > from && l.line < until),
  };
}

const KEYWORDS =
  /^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(?:keywords?|key words|关键词|关键字|關鍵詞)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?(.*)$/i;

/** The keyword line of a heading's part of the file: its line and how many keywords it lists. */
function keywordsOf(o: Outlined, index: number): { line: number; count: number } | null {
  const from = o.headings[index]!.line + 1;
  const until = Math.min(o.until[index]!, o.list.lines.count + 1);
  for (let n = from; n < until; n += 1) {
    const m = KEYWORDS.exec(o.list.lines.line(n).text.replace(/\r$/, ''));
    if (!m) continue;
    const rest = m[1]!.trim();
    const coded = rest.match(/`[^`]+`/g);
    const count = coded
      ? coded.length
      : rest
          .split(/[,，、;；]/)
          .map((w) => w.trim())
          .filter(Boolean).length;
    return { line: n, count };
  }
  return null;
}

export function compareProse(
  primary: PaperList,
  translation: PaperList,
  options: ProseOptions = {},
): SyncFinding[] {
  const a = outlined(primary);
  const b = outlined(translation);
  if (!a.headings.length && !b.headings.length) return [];
  if (a.headings.length * b.headings.length > MAX_CELLS) return [];
  const findings: SyncFinding[] = [];
  const add = (
    list: PaperList,
    line: number,
    ruleId: string,
    severity: SyncFinding['severity'],
    message: string,
    column = 1,
  ) => findings.push({ file: list.path, ruleId, severity, line, column, message });

  // The category sections the rows are synced by are one another's counterparts, whatever else.
  const forced = new Map<number, number>();
  const indexOf = (o: Outlined, line: number) => o.headings.findIndex((h) => h.line === line);
  for (const [s, t] of pairLists(primary, translation, options.exclude, options.sections)
    .sections) {
    const i = indexOf(a, s.line);
    const j = indexOf(b, t.line);
    if (i >= 0 && j >= 0) forced.set(i, j);
  }
  const pairs = alignHeadings(a, b, forced);
  const toB = new Map(pairs.map(([i, j]) => [i, j]));
  const toA = new Map(pairs.map(([i, j]) => [j, i]));
  const counts = `${primary.path} has ${a.headings.length} heading${a.headings.length === 1 ? '' : 's'}, ${translation.path} ${b.headings.length}`;

  // Where a section missing from one file goes there: after the counterpart of the heading
  // before it.
  const placeIn = (from: Outlined, to: Outlined, index: number, map: Map<number, number>) => {
    for (let k = index - 1; k >= 0; k -= 1) {
      const there = map.get(k);
      if (there !== undefined) {
        const h = to.headings[there]!;
        return `after ${quote(h)} (line ${h.line})`;
      }
    }
    return 'before its first heading';
  };
  const holdsPapers = (o: Outlined, i: number) => o.keys[i]!.size > 0;
  a.headings.forEach((h, i) => {
    if (toB.has(i)) return;
    add(
      primary,
      h.line,
      'sync-section',
      holdsPapers(a, i) ? 'error' : 'warning',
      `Unexpected section ${quote(h)} missing from ${translation.path}, expected its translation there ${placeIn(a, b, i, toB)} (${counts})`,
    );
  });
  b.headings.forEach((h, j) => {
    if (toA.has(j)) return;
    add(
      translation,
      h.line,
      'sync-section',
      holdsPapers(b, j) ? 'error' : 'warning',
      `Unexpected section ${quote(h)} that ${primary.path} does not have, expected it deleted or added to ${primary.path} ${placeIn(b, a, j, toA)} (${counts})`,
    );
  });
  for (const [i, j] of pairs) {
    const ha = a.headings[i]!;
    const hb = b.headings[j]!;
    if (ha.depth !== hb.depth)
      add(
        translation,
        hb.line,
        'sync-section',
        'warning',
        `Unexpected heading level ${hb.depth} for ${quote(hb)}, expected level ${ha.depth} as ${quote(ha)} in ${primary.path} (line ${ha.line})`,
      );
  }

  compareToc(a, b, toB, toA, add);
  compareKeywords(a, b, pairs, add);
  return findings;
}

const quote = (h: Heading | string) => `"${typeof h === 'string' ? h : h.text}"`;

type Add = (
  list: PaperList,
  line: number,
  ruleId: string,
  severity: SyncFinding['severity'],
  message: string,
  column?: number,
) => void;

function compareToc(
  a: Outlined,
  b: Outlined,
  toB: Map<number, number>,
  toA: Map<number, number>,
  add: Add,
): void {
  const ta = tocOf(a);
  const tb = tocOf(b);
  // A table of contents in one file only is its heading missing from the other: sync-section.
  if (!ta || !tb) return;
  const resolve = (o: Outlined, anchor: string) => {
    const folded = foldAnchor(decode(anchor));
    return o.headings.findIndex((h) => foldAnchor(h.slug) === folded);
  };
  const targetsA = ta.links.map((l) => resolve(a, l.anchor));
  const targetsB = tb.links.map((l) => resolve(b, l.anchor));
  const linkedB = new Set(targetsB);
  const linkedA = new Set(targetsA);
  const tocLineB = b.headings[tb.heading]!.line;
  const tocLineA = a.headings[ta.heading]!.line;
  // An entry of the primary's TOC whose section the translation has, but its TOC does not link.
  targetsA.forEach((i, k) => {
    if (i < 0) return;
    const j = toB.get(i);
    if (j === undefined || linkedB.has(j)) return;
    const link = ta.links[k]!;
    const h = b.headings[j]!;
    // An entry at the same place whose anchor leads nowhere: its anchor is what is wrong.
    const same = tb.links[k];
    if (same && targetsB[k]! < 0) {
      add(
        b.list,
        same.line,
        'sync-toc',
        'warning',
        `Unexpected anchor \`#${same.anchor}\` in the table of contents, no heading has it; expected \`#${h.slug}\` for ${quote(h)} (line ${h.line}), as ${a.list.path} links ${quote(a.headings[i]!)} (line ${link.line})`,
        same.column,
      );
      return;
    }
    // Where it goes: after the entry for the section before it, when there is one.
    const before = targetsA
      .slice(0, k)
      .map((x) => (x < 0 ? undefined : toB.get(x)))
      .reverse()
      .find((x) => x !== undefined && linkedB.has(x));
    const after = before === undefined ? undefined : tb.links[targetsB.indexOf(before)];
    add(
      b.list,
      tocLineB,
      'sync-toc',
      'warning',
      `Unexpected table of contents without an entry for ${quote(h)} (line ${h.line}), expected one ${after ? `after line ${after.line}` : 'at its top'}, as ${a.list.path} has (line ${link.line}: \`#${link.anchor}\`)`,
    );
  });
  // An entry of the translation's TOC that the primary's TOC does not have.
  targetsB.forEach((j, k) => {
    if (j < 0) return;
    const i = toA.get(j);
    const link = tb.links[k]!;
    if (i === undefined) {
      // Its section is missing from the primary file: sync-section says so.
      return;
    }
    if (linkedA.has(i)) return;
    add(
      b.list,
      link.line,
      'sync-toc',
      'warning',
      `Unexpected table of contents entry for ${quote(b.headings[j]!.text)}: ${a.list.path}'s table of contents (line ${tocLineA}) has no entry for ${quote(a.headings[i]!.text)}; expected both or neither`,
      link.column,
    );
  });
}

function compareKeywords(a: Outlined, b: Outlined, pairs: [number, number][], add: Add): void {
  for (const [i, j] of pairs) {
    const ka = keywordsOf(a, i);
    const kb = keywordsOf(b, j);
    if (!ka && !kb) continue;
    const ha = a.headings[i]!;
    const hb = b.headings[j]!;
    if (ka && !kb) {
      add(
        b.list,
        hb.line,
        'sync-keywords',
        'warning',
        `Unexpected section ${quote(hb.text)} without a keyword line, expected one with ${ka.count} keyword${ka.count === 1 ? '' : 's'} as in ${a.list.path} (line ${ka.line})`,
      );
    } else if (!ka && kb) {
      add(
        b.list,
        kb.line,
        'sync-keywords',
        'warning',
        `Unexpected keyword line: ${a.list.path}'s section ${quote(ha.text)} (line ${ha.line}) has none; expected both or neither`,
      );
    } else if (ka && kb && ka.count !== kb.count) {
      add(
        b.list,
        kb.line,
        'sync-keywords',
        'warning',
        `Unexpected ${kb.count} keyword${kb.count === 1 ? '' : 's'}, expected ${ka.count} as in ${a.list.path} (line ${ka.line})`,
      );
    }
  }
}
