/**
 * A list's own conventions, learned from its entries: which arXiv page its links open, how it
 * labels code links, what it writes when there is no code, whether its venue cells follow the
 * seed's `VENUE YYYY` form, its date format, its order, whether titles are links. Rules judge a
 * list by its majority, so a list consistent in its own style gets no style findings; the seed's
 * conventions decide ties and fill in what a list does not show (see SEED_STYLE).
 *
 * Learning reads every entry of a list of up to 300 entries; a longer list is read in 10
 * windows of 30 consecutive entries spread over it (windows, so that the order can be seen), so
 * the cost stays flat however long the list is.
 */
import { dateShape, readDate, repoPath } from './entry-content.js';
import type { PaperList, PaperRow, PaperTable } from './parse-list.js';
import { venueDate } from './venue.js';

export interface ListStyle {
  /** arXiv links open the abstract page (`abs`) or the PDF (`pdf`). */
  arxivLink: 'abs' | 'pdf';
  /** PDF links end in `.pdf` (`https://arxiv.org/pdf/2403.12968.pdf`). */
  arxivPdfSuffix: boolean;
  /** arXiv links name a version (`…/2403.12968v2`, `keep`) or not (`drop`, the default). */
  arxivVersions: 'keep' | 'drop';
  /**
   * The label of code links: a text written on every link (`GitHub`, `[Code]`), `<repo>` for the
   * repository's name (`[LLMLingua](…/LLMLingua)`; `[<repo>]` for `[[LLMLingua]](…)`), `<badge>`
   * for a stars badge, or null when
   * the list has no common label (labels are not judged).
   */
  codeLabel: string | null;
  /** What a code cell holds when there is no code (`-`, or empty). */
  codeNone: string;
  /** Venue cells read `VENUE YYYY` / `arXiv YYYY.MM` (`seed`), or something else (`free`, not judged). */
  venue: 'seed' | 'free';
  /** The shape of date cells (`9999.99` for `2024.03`), null when the list has no date column. */
  date: string | null;
  /** Order by date within each table; null when the list keeps none. */
  order: 'newest-first' | 'oldest-first' | null;
  /** Titles are links to the paper; false when the title is plain text and the link sits elsewhere. */
  titleLink: boolean;
}

export const SEED_STYLE: ListStyle = {
  arxivLink: 'abs',
  arxivVersions: 'drop',
  arxivPdfSuffix: false,
  codeLabel: 'GitHub',
  codeNone: '-',
  venue: 'seed',
  date: null,
  order: null,
  titleLink: true,
};

/** What was counted, for `curator init` and for tests. */
export interface StyleEvidence {
  entries: number;
  sampled: boolean;
}

const MAX_ALL = 300;
const WINDOWS = 10;
const WINDOW = 30;
/** Conventions are learned from a list of at least this many entries; a shorter one keeps the seed's. */
export const MIN_EVIDENCE = 3;

/** The label kind of a code link (see `ListStyle.codeLabel`). */
export function codeLabelKind(label: string, url: string): string {
  const t = label.trim();
  if (t.startsWith('![')) return '<badge>';
  const bracketed = /^\[.*\]$/.test(t);
  const bare = t
    .replace(/^\[(.*)\]$/, '$1')
    .trim()
    .toLowerCase();
  const repo = repoPath(url)?.split('/')[1]?.toLowerCase() ?? null;
  if (repo && bare === repo && !/^(?:code|github|repo)$/.test(bare))
    return bracketed ? '[<repo>]' : '<repo>';
  return t;
}

/** Whether a code link's label follows the list's style. */
export function codeLabelFits(
  style: Pick<ListStyle, 'codeLabel'>,
  label: string,
  url: string,
): boolean {
  if (style.codeLabel === null) return true;
  return codeLabelKind(label, url) === style.codeLabel;
}

/** The label a code link gets in a list of this style (`null`: keep the one it has). */
export function codeLabelFor(style: Pick<ListStyle, 'codeLabel'>, url: string): string | null {
  if (style.codeLabel === null || style.codeLabel === '<badge>') return null;
  if (style.codeLabel === '<repo>' || style.codeLabel === '[<repo>]') {
    const name = repoPath(url)?.split('/')[1];
    if (!name) return null;
    return style.codeLabel === '<repo>' ? name : `[${name}]`;
  }
  return style.codeLabel;
}

/** The arXiv URL of an id in a list of this style. */
export function arxivUrlFor(
  style: Pick<ListStyle, 'arxivLink'> & Partial<Pick<ListStyle, 'arxivPdfSuffix'>>,
  id: string,
): string {
  const suffix = style.arxivLink === 'pdf' && style.arxivPdfSuffix ? '.pdf' : '';
  return `https://arxiv.org/${style.arxivLink}/${id}${suffix}`;
}

/** The value most entries show, when at least `min` of them do and the list is long enough. */
function majority<T>(counts: Map<T, number>, fallback: T, enough: boolean, min = 0.5): T {
  let best: T = fallback;
  let bestN = -1;
  let total = 0;
  for (const [k, n] of counts) {
    total += n;
    if (n > bestN || (n === bestN && k === fallback)) {
      best = k;
      bestN = n;
    }
  }
  return enough && total > 0 && bestN / total >= min ? best : fallback;
}

function bump<T>(m: Map<T, number>, k: T): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Entries to learn from: all of a short list, windows of a long one. */
function sample(
  list: PaperList,
  eachRow: ((table: PaperTable, visit: (row: PaperRow) => void) => void) | null,
  whole: boolean,
  visit: (row: PaperRow, table: PaperTable, adjacent: boolean) => void,
): StyleEvidence {
  const tables = list.tables.filter((t) => t.isPaperTable);
  const counts = tables.map((t) =>
    t.kind === 'list' ? t.entries.length : Math.max(0, t.bodyLast - t.bodyFirst + 1),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  // Rows are looked at through `sampleRow` when the list streams its rows (lint): the streaming
  // pass then gets them without reading them again.
  const at = (line: number) => (list.sampleRow ?? list.rowAt)(line);
  if (whole || total <= MAX_ALL) {
    for (const table of tables) {
      let first = true;
      const each = (v: (r: PaperRow) => void) => {
        if (list.rows.length || !eachRow) return table.rows.forEach(v);
        if (table.kind === 'list') {
          for (const e of table.entries) {
            const row = at(e.first);
            if (row) v(row);
          }
        } else
          for (let n = table.bodyFirst; n <= table.bodyLast; n += 1) {
            const row = at(n);
            if (row) v(row);
          }
      };
      each((row) => {
        visit(row, table, !first);
        first = false;
      });
    }
    return { entries: total, sampled: false };
  }
  // Windows of consecutive entries, by position in the whole list.
  const starts = new Set<number>();
  for (let w = 0; w < WINDOWS; w += 1) starts.add(Math.floor((w * total) / WINDOWS));
  let offset = 0;
  for (let i = 0; i < tables.length; i += 1) {
    const table = tables[i]!;
    const n = counts[i]!;
    for (const s of starts) {
      if (s + WINDOW <= offset || s >= offset + n) continue;
      const from = Math.max(0, s - offset);
      const to = Math.min(n, s - offset + WINDOW);
      for (let k = from; k < to; k += 1) {
        const line = table.kind === 'list' ? table.entries[k]!.first : table.bodyFirst + k;
        const row = at(line);
        if (row) visit(row, table, k > from);
      }
    }
    offset += n;
  }
  return { entries: total, sampled: true };
}

/** What a list's entries show of each convention (see `countStyle`). */
export interface StyleCounts {
  arxiv: Map<'abs' | 'pdf', number>;
  versions: Map<'keep' | 'drop', number>;
  /** Among PDF links: ending in `.pdf` or not. */
  suffix: Map<boolean, number>;
  /** Code links by label kind (see `codeLabelKind`). */
  labels: Map<string, number>;
  /** Code cells without a link, by text. */
  none: Map<string, number>;
  venues: Map<'seed' | 'free', number>;
  /** Date cells by shape. */
  dates: Map<string, number>;
  /** Rows with a paper link: the link is the title (true) or elsewhere (false). */
  titles: Map<boolean, number>;
  /** Neighbouring entries with different dates: newer after older (`older`) or before (`newer`). */
  newer: number;
  older: number;
  evidence: StyleEvidence;
}

/** An entry's date for ordering: the venue's, else the date column's year and month. */
export function entryDate(row: PaperRow): number | null {
  const venue = venueDate(row.venueInfo);
  if (venue !== null || row.date === null || row.year === null) return venue;
  return row.year * 100 + (readDate(row.date)?.month ?? 0);
}

/**
 * Count what the entries show of each convention: those `learnStyle` samples, or (`whole`) every
 * entry of a parsed list, as `curator init` reports them.
 */
export function countStyle(
  list: PaperList,
  eachRow: ((table: PaperTable, visit: (row: PaperRow) => void) => void) | null = null,
  whole = false,
): StyleCounts {
  const c: Omit<StyleCounts, 'evidence'> = {
    arxiv: new Map(),
    versions: new Map(),
    suffix: new Map(),
    labels: new Map(),
    none: new Map(),
    venues: new Map(),
    dates: new Map(),
    titles: new Map(),
    newer: 0,
    older: 0,
  };
  let previous: number | null = null;
  const evidence = sample(list, eachRow, whole, (row, table, adjacent) => {
    if (row.arxiv && (row.arxiv.form === 'abs' || row.arxiv.form === 'pdf')) {
      bump(c.arxiv, row.arxiv.form);
      bump(c.versions, row.arxiv.version === null ? 'drop' : 'keep');
      if (row.arxiv.form === 'pdf' && row.url) bump(c.suffix, /\.pdf$/i.test(row.url));
    }
    if (row.code && typeof row.code === 'object')
      bump(c.labels, codeLabelKind(row.code.label, row.code.url));
    if (row.codeNone !== null) bump(c.none, row.codeNone);
    if (row.shape === 'row') {
      const roles = table.columns.map((col) => col.role);
      if (roles.includes('venue')) {
        // The venue cell as read (`row.venueInfo` is the cell's own reading when there is no
        // date column), without splitting the row into cells again.
        const seed =
          !roles.includes('date') &&
          row.venue !== null &&
          (row.venueInfo.kind === 'venue' || row.venueInfo.kind === 'arxiv');
        bump(c.venues, seed ? 'seed' : 'free');
      }
      if (row.date !== null && row.date.trim() !== '') bump(c.dates, dateShape(row.date));
      if (row.url) bump(c.titles, row.urlSource === 'title');
    }
    const date = entryDate(row);
    if (!adjacent) previous = null;
    if (date === null) return;
    if (previous !== null) {
      // Two dates of one year, one without a month, are not an order.
      const vague =
        Math.floor(previous / 100) === Math.floor(date / 100) &&
        (previous % 100 === 0 || date % 100 === 0);
      if (!vague && date < previous) c.newer += 1;
      else if (!vague && date > previous) c.older += 1;
    }
    previous = date;
  });
  return { ...c, evidence };
}

/** An order is learned from at least this many neighbouring pairs, nine in ten of them agreeing. */
export const MIN_ORDERED = 5;

/** The conventions the counts show (see the module comment). */
export function styleFrom(c: StyleCounts): ListStyle {
  // A list of one or two entries (a rule's example, a list just started) keeps the seed's style.
  const enough = c.evidence.entries >= MIN_EVIDENCE;
  const pick = <T>(counts: Map<T, number>, fallback: T, min?: number) =>
    majority(counts, fallback, enough, min);
  const ordered = c.newer + c.older;
  const order =
    ordered >= MIN_ORDERED && c.newer / ordered >= 0.9
      ? 'newest-first'
      : ordered >= MIN_ORDERED && c.older / ordered >= 0.9
        ? 'oldest-first'
        : null;
  return {
    arxivLink: pick(c.arxiv, SEED_STYLE.arxivLink),
    arxivVersions: pick(c.versions, SEED_STYLE.arxivVersions, 0.5 + 1e-9),
    arxivPdfSuffix: pick(c.suffix, SEED_STYLE.arxivPdfSuffix, 0.5 + 1e-9),
    // No code links to tell: the seed's label; several with no common label: not judged.
    codeLabel:
      !enough || c.labels.size === 0 ? SEED_STYLE.codeLabel : pick<string | null>(c.labels, null),
    codeNone: pick(c.none, SEED_STYLE.codeNone),
    venue: pick(c.venues, SEED_STYLE.venue),
    date: c.dates.size === 0 ? null : pick<string | null>(c.dates, null),
    order,
    titleLink: pick(c.titles, SEED_STYLE.titleLink),
  };
}

/** Learn a list's style (see the module comment). `eachRow` streams rows of an unparsed list. */
export function learnStyle(
  list: PaperList,
  eachRow: ((table: PaperTable, visit: (row: PaperRow) => void) => void) | null = null,
): ListStyle & { evidence: StyleEvidence } {
  const counts = countStyle(list, eachRow);
  return { ...styleFrom(counts), evidence: counts.evidence };
}
