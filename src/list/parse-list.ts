/**
 * README text -> model: sections, paper tables and paper rows, each with its source position.
 *
 * Steps: 1. split lines; 2. scan tables linearly; 3. read the outline with remark on the text with
 * table rows blanked; 4. attach tables to the heading above them; 5. read each row's fields from
 * its cells by column role.
 */
import { parseArxivRef, type ArxivRef } from './arxiv-id.js';
import { applyEdits, type TextEdit } from './edit.js';
import {
  classifyLinks,
  cleanPlainTitle,
  cleanTitle,
  findLinks,
  findVenue,
  isPaperUrl,
  isTitleText,
  linkLabel,
  readDate,
  type FoundLink,
} from './entry-content.js';
import { scanEntries, type ScannedEntry } from './scan-entries.js';
import { columnRoles, type ColumnAliases, type ColumnRole } from './columns.js';
import {
  parseLinkCell,
  parseTagsCell,
  unescapeMarkdown,
  type LinkCell,
  type NotLinkCell,
} from './inline.js';
import { readOutline, type Heading, type Outline } from './outline.js';
import { fastRowReader, type FastRow, type FastRowReader } from './fast-row.js';
import { paperKey } from './paper-key.js';
import { scanOutline } from './scan-outline.js';
import { parseVenue, type Venue } from './venue.js';
import {
  LineIndex,
  scanTables,
  splitCells,
  type Cell,
  type ScannedRow,
  type ScannedTable,
} from './scan-tables.js';

export interface Column {
  role: ColumnRole;
  header: string;
}

export interface PaperRow extends ScannedRow {
  /**
   * `row` for a table row; `item` for a list item (bullet or numbered), whose `raw` runs from
   * `line` to `lastLine` (nested items included) and which has no cells.
   */
  shape: 'row' | 'item';
  /** Last line of the entry (equals `line` for a table row). */
  lastLine: number;
  /** Index of the row's table in `PaperList.tables`. */
  tableIndex: number;
  /** How many cells the row has (`cells.length`, without splitting the row again). */
  cellCount: number;
  /** Whether the row has a cell for this role (the table has the column and the row the cell). */
  has(role: Exclude<ColumnRole, 'other'>): boolean;
  /** The cell of each role, when the table has that column and the row that cell. */
  cell: Partial<Record<Exclude<ColumnRole, 'other'>, Cell>>;
  /** The title cell read as a link (or why it is not one). */
  titleLink: LinkCell | NotLinkCell | null;
  /** Paper title: the link text, or the whole cell when it is not a link. */
  title: string | null;
  url: string | null;
  arxiv: ArxivRef | null;
  venue: string | null;
  /** The venue cell read (see venue.ts); `missing` when the table has no venue column. */
  venueInfo: Venue;
  tags: string[] | null;
  tagsWellFormed: boolean;
  /** `null` when the table has no code column; `'none'` for `-`. */
  code: { label: string; url: string } | 'none' | 'invalid' | null;
  tldr: string | null;
  /** arXiv id, else the normalised title (see paper-key.ts). */
  key: string;
  /** The year: the venue's, else the date column's. */
  year: number | null;
  /** The date column's text, when the table has one. */
  date: string | null;
  /** Authors as written: the authors column, or an item's `Authors:` / `作者:` line. */
  authors: string | null;
  /** Where the paper's link was found: the title, another cell or the item's text. */
  urlSource: 'title' | 'cell' | 'text' | null;
  /** The paper link as written (`[[pdf]](…)`), when it is not the title cell itself. */
  paperLink: { text: string; url: string } | null;
  /** The text of the code cell (or `-`) when the row has no code link: the list's "no code". */
  codeNone: string | null;
}

export interface PaperTable extends ScannedTable {
  /**
   * `table` for a Markdown table; `list` for a run of list-item entries under one heading. A list
   * has no header, delimiter or columns: `header` and `delimiter` stand for its first entry's line.
   */
  kind: 'table' | 'list';
  /** For `list`: the entries, in order. */
  entries: ScannedEntry[];
  index: number;
  /** The heading the table stands under, or null before any heading. */
  section: Section | null;
  columns: Column[];
  /** A paper table has a title column. */
  isPaperTable: boolean;
  rows: PaperRow[];
}

export interface Section extends Heading {
  /** Paper tables directly under this heading. */
  tables: PaperTable[];
}

export interface PaperList {
  path: string;
  text: string;
  /** Line offsets; `lines.line(n)` gives line n with its text. */
  lines: LineIndex;
  /** The line ending the file mostly uses; inserted rows get the same. */
  eol: '\n' | '\r\n';
  sections: Section[];
  tables: PaperTable[];
  /** Every row of every paper table, in document order. */
  rows: PaperRow[];
  outline: Outline;
  /** Read line n again as a row of its paper table (null when it is not a paper row). */
  rowAt(line: number): PaperRow | null;
  /**
   * `rowAt` for a reader that looks at rows before the streaming pass (style learning): the row
   * is kept and handed to `eachRow` when it gets there, so it is read once.
   */
  sampleRow?(line: number): PaperRow | null;
}

export interface ParseOptions {
  columnAliases?: ColumnAliases | undefined;
  /** Read every row by the general path (for tests that compare it with the fast path). */
  fastPath?: boolean;
}

type Role = Exclude<ColumnRole, 'other'>;

interface RowMore {
  shape: 'row' | 'item';
  lastLine?: number;
  year?: number | null;
  date: string | null;
  authors?: string | null;
  urlSource?: PaperRow['urlSource'];
  paperLink: PaperRow['paperLink'];
  codeNone?: string | null;
}

const NO_MORE: RowMore = { shape: 'row', date: null, paperLink: null };

function yearOf(v: Venue): number | null {
  return v.kind === 'venue' || v.kind === 'arxiv' ? v.year : null;
}

/** The cell is exactly one link (`[[Open-Sora]](…)`, `[Link](…)`), read without remark. */
function singleLink(text: string): FoundLink | null {
  const links = findLinks(text);
  return links.length === 1 &&
    links[0]!.start === 0 &&
    links[0]!.end === text.length &&
    !links[0]!.image
    ? links[0]!
    : null;
}

/** The first `<br>`-separated part of a cell (`**Title** <br> authors <br> badge`). */
function firstPart(text: string): string {
  const i = text.search(/<br\s*\/?>/i);
  return i === -1 ? text : text.slice(0, i);
}

/**
 * A paper row. Its fields are read once, at parse time; its cells (objects with offsets) are
 * split again only when a caller asks for them, which is rare (a rule reporting a finding), so a
 * 100k-row list does not keep half a million cell objects alive.
 */
class Row implements PaperRow {
  #cells: Cell[] | null = null;
  #cell: PaperRow['cell'] | null = null;

  constructor(
    readonly line: number,
    readonly start: number,
    readonly end: number,
    readonly lineEnd: number,
    readonly raw: string,
    readonly leadingPipe: boolean,
    readonly trailingPipe: boolean,
    readonly cellCount: number,
    readonly tableIndex: number,
    private readonly roles: readonly ColumnRole[],
    readonly titleLink: LinkCell | NotLinkCell | null,
    readonly title: string | null,
    readonly url: string | null,
    readonly arxiv: ArxivRef | null,
    readonly venue: string | null,
    readonly venueInfo: Venue,
    readonly tags: string[] | null,
    readonly tagsWellFormed: boolean,
    readonly code: PaperRow['code'],
    readonly tldr: string | null,
    readonly key: string,
    more: RowMore = NO_MORE,
  ) {
    this.shape = more.shape;
    this.lastLine = more.lastLine ?? line;
    this.year = more.year !== undefined ? more.year : yearOf(venueInfo);
    this.date = more.date;
    this.authors = more.authors ?? null;
    this.urlSource = more.urlSource !== undefined ? more.urlSource : url ? 'title' : null;
    this.paperLink = more.paperLink;
    this.codeNone = more.codeNone !== undefined ? more.codeNone : code === 'none' ? '-' : null;
  }

  readonly shape: 'row' | 'item';
  readonly lastLine: number;
  readonly year: number | null;
  readonly date: string | null;
  readonly authors: string | null;
  readonly urlSource: PaperRow['urlSource'];
  readonly paperLink: PaperRow['paperLink'];
  readonly codeNone: string | null;

  get cells(): Cell[] {
    if (this.shape === 'item') return [];
    return (this.#cells ??= splitCells(this.raw, this.start).cells);
  }

  get cell(): PaperRow['cell'] {
    if (this.#cell) return this.#cell;
    const map: PaperRow['cell'] = {};
    const cells = this.cells;
    for (let i = 0; i < this.roles.length && i < cells.length; i += 1) {
      const role = this.roles[i]!;
      if (role !== 'other' && map[role] === undefined) map[role] = cells[i]!;
    }
    return (this.#cell = map);
  }

  has(role: Role): boolean {
    const i = this.roles.indexOf(role);
    return i !== -1 && i < this.cellCount;
  }

  /** Whether this is a table row read for these column roles (so `raw` alone decides its fields). */
  readFor(roles: readonly ColumnRole[]): boolean {
    if (this.shape !== 'row' || roles.length !== this.roles.length) return false;
    for (let i = 0; i < roles.length; i += 1) if (roles[i] !== this.roles[i]) return false;
    return true;
  }

  /** The same table row at another place (its fields depend on its text and columns only). */
  at(line: number, start: number, lineEnd: number, tableIndex: number): Row {
    return new Row(
      line,
      start,
      start + this.raw.length,
      lineEnd,
      this.raw,
      this.leadingPipe,
      this.trailingPipe,
      this.cellCount,
      tableIndex,
      this.roles,
      this.titleLink,
      this.title,
      this.url,
      this.arxiv,
      this.venue,
      this.venueInfo,
      this.tags,
      this.tagsWellFormed,
      this.code,
      this.tldr,
      this.key,
      {
        shape: 'row',
        year: this.year,
        date: this.date,
        authors: this.authors,
        urlSource: this.urlSource,
        paperLink: this.paperLink,
        codeNone: this.codeNone,
      },
    );
  }
}

function readFastRow(
  lines: LineIndex,
  n: number,
  start: number,
  end: number,
  raw: string,
  fast: FastRow,
  tableIndex: number,
  roles: readonly ColumnRole[],
): PaperRow {
  const arxiv = fast.url ? parseArxivRef(fast.url) : null;
  const titleLink: LinkCell | null =
    fast.title !== null ? { kind: 'link', text: fast.title, url: fast.url! } : null;
  const summary = fast.tldr ?? fast.focus;
  return new Row(
    n,
    start,
    end,
    lines.lineEnd(n),
    raw,
    true,
    true,
    roles.length,
    tableIndex,
    roles,
    titleLink,
    fast.title,
    fast.url,
    arxiv,
    fast.venue,
    fast.venueInfo,
    fast.tags,
    fast.tags !== null,
    fast.code,
    summary,
    paperKey(arxiv, fast.title),
  );
}

function readRow(
  lines: LineIndex,
  n: number,
  table: Pick<PaperTable, 'columns' | 'index'>,
  roles: readonly ColumnRole[],
  reader: FastRowReader,
): PaperRow {
  const start = lines.start(n);
  const end = lines.end(n);
  const raw = lines.text.slice(start, end);
  const fast = reader.read(raw);
  if (fast) return readFastRow(lines, n, start, end, raw, fast, table.index, roles);
  const { cells, leadingPipe, trailingPipe } = splitCells(raw, start);
  let titleCell: string | null = null;
  let venueCell: string | null = null;
  let tagsCell: string | null = null;
  let codeCell: string | null = null;
  let tldrCell: string | null = null;
  let focusCell: string | null = null;
  let dateCell: string | null = null;
  let authorsCell: string | null = null;
  const linkCells: string[] = [];
  for (let i = 0; i < roles.length && i < cells.length; i += 1) {
    const text = cells[i]!.text;
    switch (roles[i]) {
      case 'title':
        titleCell ??= text;
        break;
      case 'venue':
        venueCell ??= text;
        break;
      case 'tags':
        tagsCell ??= text;
        break;
      case 'code':
        codeCell ??= text;
        break;
      case 'tldr':
        tldrCell ??= text;
        break;
      case 'focus':
        focusCell ??= text;
        break;
      case 'date':
        dateCell ??= text;
        break;
      case 'authors':
        authorsCell ??= text;
        break;
      case 'link':
      case 'other':
        if (text.includes('](')) linkCells.push(text);
        break;
      default:
        break;
    }
  }
  const titleLink = titleCell !== null ? parseLinkCell(titleCell) : null;
  let title =
    titleLink?.kind === 'link'
      ? titleLink.text.trim()
      : titleCell !== null
        ? unescapeMarkdown(titleCell)
        : null;
  let url = titleLink?.kind === 'link' ? titleLink.url : (titleLink?.first?.url ?? null);
  let urlSource: PaperRow['urlSource'] = titleLink?.kind === 'link' ? 'title' : null;
  let paperLink: PaperRow['paperLink'] = null;
  if (titleLink?.kind === 'not-link' && titleCell !== null) {
    // `**Title** <br> authors <br> badge`, or a plain title with the paper in another cell.
    const head = firstPart(titleCell);
    const headLinks = findLinks(head);
    const own = headLinks.find((l) => !l.image && isPaperUrl(l.url) && isTitleText(l.text));
    if (own) {
      title = cleanTitle(own.text);
      url = own.url;
      urlSource = 'title';
    } else {
      title = cleanPlainTitle(head) || title;
      const found = classifyLinks(linkCells.flatMap((c) => findLinks(c))).paper;
      const inTitle = classifyLinks(findLinks(titleCell)).paper;
      const paper = found ?? inTitle;
      if (paper) {
        url = paper.url;
        urlSource = 'cell';
        paperLink = { text: paper.text, url: paper.url };
      } else if (!titleLink.first || !isPaperUrl(titleLink.first.url))
        url = titleLink.first?.url ?? null;
    }
  }
  const arxiv = url ? parseArxivRef(url) : null;
  const dateRead = dateCell !== null ? readDate(dateCell) : null;
  let venue = venueCell !== null ? unescapeMarkdown(venueCell) : null;
  let venueInfo = parseVenue(venue);
  if (venueCell !== null && venueInfo.kind === 'invalid' && dateRead && !/\d{4}/.test(venueCell)) {
    // `| Year | … | Venue |`: the venue cell names the venue, the year stands in its own column.
    const joined = parseVenue(`${venue} ${dateRead.year}`);
    if (joined.kind === 'venue' || joined.kind === 'arxiv') {
      venue = `${venue} ${dateRead.year}`;
      venueInfo = joined;
    }
  }
  if (venueCell === null && dateCell !== null) {
    // `| Title | Date |` holding `ACL 2024` reads as a venue; `2024.03` is a date only.
    const asVenue = parseVenue(unescapeMarkdown(dateCell));
    if (asVenue.kind === 'venue' || asVenue.kind === 'arxiv') {
      venue = unescapeMarkdown(dateCell);
      venueInfo = asVenue;
    } else {
      // `Arxiv2023`, `SOSP2023` in a Year column: a venue written without a space.
      const found = findVenue(dateCell, []);
      if (found) {
        venue = found.venue;
        venueInfo = parseVenue(found.venue);
      }
    }
  }
  if (venue === null && dateCell === null) {
    // A venue badge or a venue in the title cell (`Title & Authors` lists).
    const found = findVenue([titleCell ?? '', ...linkCells].join(' '));
    if (found) {
      venue = found.venue;
      venueInfo = parseVenue(found.venue);
    }
  }
  const year = yearOf(venueInfo) ?? dateRead?.year ?? null;
  const tagsRead = tagsCell !== null ? parseTagsCell(tagsCell) : null;
  let code: PaperRow['code'] = null;
  let codeNone: string | null = null;
  if (roles.includes('code')) {
    const text = codeCell ?? '';
    if (text === '-' || text === '—') code = 'none';
    else {
      const one = text.includes('\\') ? null : singleLink(text);
      const link = one
        ? { kind: 'link' as const, text: one.text, url: one.url }
        : parseLinkCell(text);
      code = link.kind === 'link' ? { label: link.text, url: link.url } : 'invalid';
    }
    if (typeof code !== 'object' || code === null) codeNone = text;
  } else if (linkCells.length) {
    const found = classifyLinks(linkCells.flatMap((c) => findLinks(c))).code;
    if (found) code = { label: found.text, url: found.url };
  }
  const summary = tldrCell ?? focusCell;
  return new Row(
    n,
    start,
    end,
    lines.lineEnd(n),
    raw,
    leadingPipe,
    trailingPipe,
    cells.length,
    table.index,
    roles,
    titleLink,
    title,
    url,
    arxiv,
    venue,
    venueInfo,
    tagsRead?.tags ?? null,
    tagsRead?.wellFormed ?? false,
    code,
    summary !== null ? unescapeMarkdown(summary) : null,
    paperKey(arxiv, title),
    {
      shape: 'row',
      year,
      date: dateCell,
      authors: authorsCell !== null ? unescapeMarkdown(authorsCell) : null,
      urlSource,
      paperLink,
      codeNone: roles.includes('code') ? codeNone : null,
    },
  );
}

const ITEM_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]*/;

/** A list-item entry (see scan-entries.ts), read by its content. */
function readItem(lines: LineIndex, entry: ScannedEntry, tableIndex: number): PaperRow {
  const start = lines.start(entry.first);
  const end = lines.end(entry.last);
  const raw = lines.text.slice(start, end);
  const links = findLinks(raw);
  const { paper, code: codeLink } = classifyLinks(links);
  const firstLineEnd = raw.indexOf('\n');
  const head = (firstLineEnd === -1 ? raw : raw.slice(0, firstLineEnd)).replace(/\r$/, '');
  let title: string | null;
  if (paper && isTitleText(paper.text)) title = cleanTitle(paper.text);
  else {
    // The title is the item's leading text: up to a `<br>`, a link or a dash before the links.
    let lead = head.replace(ITEM_MARKER, '');
    const cut = lead.search(/<br\s*\/?>|!?\[[^\]]*\]\(|\s[-–—|]\s/i);
    if (cut !== -1) lead = lead.slice(0, cut);
    title =
      cleanPlainTitle(lead.replace(/[\s:：,，-]+$/, '')) || (paper ? linkLabel(paper.text) : null);
  }
  const url = paper?.url ?? null;
  const arxiv = url ? parseArxivRef(url) : null;
  const found = findVenue(raw, links);
  const venue = found?.venue ?? null;
  const venueInfo = parseVenue(venue);
  const code = codeLink ? { label: codeLink.text, url: codeLink.url } : null;
  // Labelled lines of a nested entry: `  - 摘要: …` / `  - TL;DR: …`, `  - Authors: …`.
  const labelled = (names: RegExp): string | null => {
    const m = new RegExp(
      String.raw`^[ \t]*(?:[-*+][ \t]+)?(?:\*\*|__)?(?:${names.source})(?:\*\*|__)?[ \t]*[:：](?:\*\*|__)?[ \t]*(.+?)[ \t]*$`,
      'im',
    ).exec(raw);
    return m ? unescapeMarkdown(m[1]!) : null;
  };
  const tldr = labelled(/tl;?dr|summary|abstract|摘要|简介|简述|概述/);
  const authors = labelled(/authors?|作者/);
  return new Row(
    entry.first,
    start,
    end,
    lines.lineEnd(entry.last),
    raw,
    false,
    false,
    0,
    tableIndex,
    [],
    paper ? { kind: 'link', text: paper.text, url: paper.url } : null,
    title,
    url,
    arxiv,
    venue,
    venueInfo,
    null,
    false,
    code,
    tldr,
    paperKey(arxiv, title),
    {
      shape: 'item',
      lastLine: entry.last,
      year: found?.year ?? null,
      date: null,
      authors,
      urlSource: paper ? 'text' : null,
      paperLink: paper ? { text: paper.text, url: paper.url } : null,
      codeNone: null,
    },
  );
}

export interface ListReader {
  /** Sections, tables (with empty `rows`) and outline; no rows yet. */
  list: PaperList;
  /** Read a paper table's rows one by one, in order, without keeping them. */
  eachRow(table: PaperTable, visit: (row: PaperRow) => void): void;
}

/**
 * Read everything but the rows, and give a way to stream them: a linter that keeps only what it
 * must remember across rows never holds a 100k-row list in memory.
 */
export function openList(text: string, path = 'README.md', options: ParseOptions = {}): ListReader {
  return openListEditing(text, path, options, null, null);
}

/** The row of the previous version a table row at [start, end) of the text may be taken from. */
type Reusable = (start: number, end: number) => Row | undefined;

/** [start, end) of the edited text at its offset in the previous one, or -1 if an edit touched it. */
type OldOffset = (start: number, end: number) => number;

/** `openList`, for an edited version of `previous` (see `parseListEdited`) when one is given. */
function openListEditing(
  text: string,
  path: string,
  options: ParseOptions,
  previous: PaperList | null,
  oldOffset: OldOffset | null,
): ListReader & { forgetPrevious(): void } {
  const lines = new LineIndex(text);
  const scanned = scanTables(lines);
  const entryBlocks = scanEntries(lines, scanned);
  const blocks = [
    ...scanned.map((t) => ({
      first: t.header.line,
      last: Math.max(t.bodyLast, t.delimiter.line),
    })),
    ...entryBlocks.flatMap((b) => b.entries.map((e) => ({ first: e.first, last: e.last }))),
  ].sort((a, b) => a.first - b.first);
  // The linear outline reader covers typical lists; anything it is unsure of goes to remark.
  // Prose blocks (for readers of definitions and guidelines) always come from remark, on demand.
  const scannedOutline = scanOutline(lines, blocks);
  let full: Outline | null = scannedOutline ? null : readOutline(text, lines, blocks);
  const outline: Outline = {
    headings: (scannedOutline ?? full!).headings,
    anchorLinks: (scannedOutline ?? full!).anchorLinks,
    htmlAnchors: (scannedOutline ?? full!).htmlAnchors,
    get blocks() {
      full ??= readOutline(text, lines, blocks);
      return full.blocks;
    },
  };
  const sections: Section[] = outline.headings.map((h) => ({ ...h, tables: [] }));

  // Tables and entry lists in document order.
  type Found =
    | { kind: 'table'; first: number; t: (typeof scanned)[number] }
    | { kind: 'list'; first: number; entries: ScannedEntry[] };
  const found: Found[] = scanned.map((t) => ({ kind: 'table' as const, first: t.header.line, t }));
  if (entryBlocks.length) {
    for (const b of entryBlocks)
      found.push({ kind: 'list', first: b.entries[0]!.first, entries: b.entries });
    found.sort((a, b) => a.first - b.first);
  }
  const tables: PaperTable[] = [];
  let s = -1;
  for (const f of found) {
    while (s + 1 < sections.length && sections[s + 1]!.line < f.first) s += 1;
    const section = s >= 0 ? sections[s]! : null;
    let table: PaperTable;
    if (f.kind === 'table') {
      const t = f.t;
      const roles = columnRoles(
        t.header.cells.map((c) => unescapeMarkdown(c.text)),
        options.columnAliases,
      );
      const columns = t.header.cells.map((c, i) => ({ role: roles[i]!, header: c.text }));
      table = {
        kind: 'table',
        entries: [],
        header: t.header,
        delimiter: t.delimiter,
        align: t.align,
        bodyFirst: t.bodyFirst,
        bodyLast: t.bodyLast,
        index: tables.length,
        section,
        columns,
        isPaperTable: roles.includes('title'),
        rows: [],
      };
    } else {
      const first = lines.line(f.first);
      const stand: ScannedRow = {
        line: first.line,
        start: first.start,
        end: first.end,
        lineEnd: first.lineEnd,
        raw: first.text,
        cells: [],
        leadingPipe: false,
        trailingPipe: false,
      };
      table = {
        kind: 'list',
        entries: f.entries,
        header: stand,
        delimiter: stand,
        align: [],
        bodyFirst: f.first,
        bodyLast: f.entries[f.entries.length - 1]!.last,
        index: tables.length,
        section,
        columns: [],
        isPaperTable: true,
        rows: [],
      };
    }
    if (table.isPaperTable) section?.tables.push(table);
    tables.push(table);
  }
  let crlf = 0;
  let lf = 0;
  for (let n = 1; n <= lines.count; n += 1) {
    const ending = lines.lineEnd(n) - lines.end(n);
    if (ending === 2) crlf += 1;
    else if (ending === 1) lf += 1;
  }
  const readers = new Map<
    PaperTable,
    { roles: ColumnRole[]; reader: FastRowReader; reuse: Reusable | null }
  >();
  // A row whose line no edit touched, read under the same column roles (a table's roles decide
  // how its rows are read), is taken over from `previous`, not read again: the row of `previous`
  // that started where the line stood (`oldOffset` maps the new text's offsets to the old's).
  let byStart: Map<number, Row> | null = null;
  const reuseFor =
    (roles: readonly ColumnRole[], at: OldOffset): Reusable =>
    (start, end) => {
      const old = at(start, end);
      if (old < 0) return undefined;
      if (!byStart) {
        byStart = new Map();
        for (const r of previous?.rows ?? []) if (r instanceof Row) byStart.set(r.start, r);
      }
      const r = byStart.get(old);
      return r && r.raw.length === end - start && r.readFor(roles) ? r : undefined;
    };
  const sampled = new Map<number, PaperRow>();
  const none: FastRowReader = { read: () => null };
  const readerOf = (table: PaperTable) => {
    let r = readers.get(table);
    if (!r) {
      const roles = table.columns.map((c) => c.role);
      // Tables with a date, link or authors column are read by content, never by the fast path.
      const seedShaped = !roles.some((x) => x === 'date' || x === 'link' || x === 'authors');
      r = {
        roles,
        reader: options.fastPath === false || !seedShaped ? none : fastRowReader(roles),
        reuse: previous && oldOffset ? reuseFor(roles, oldOffset) : null,
      };
      readers.set(table, r);
    }
    return r;
  };
  const list: PaperList = {
    path,
    text,
    lines,
    eol: crlf > lf ? '\r\n' : '\n',
    sections,
    tables,
    rows: [],
    outline,
    sampleRow(line) {
      const kept = sampled.get(line);
      if (kept) return kept;
      const row = list.rowAt(line);
      if (row) sampled.set(row.line, row);
      return row;
    },
    rowAt(line) {
      const table = tables.find((t) => t.isPaperTable && line >= t.bodyFirst && line <= t.bodyLast);
      if (!table) return null;
      if (table.kind === 'list') {
        const entry = table.entries.find((e) => line >= e.first && line <= e.last);
        return entry ? readItem(lines, entry, table.index) : null;
      }
      const { roles, reader } = readerOf(table);
      return readRow(lines, line, table, roles, reader);
    },
  };
  // Rows read ahead by `sampleRow`, waiting for the streaming pass (each taken once).
  const take = (n: number): PaperRow | undefined => {
    if (sampled.size === 0) return undefined;
    const row = sampled.get(n);
    if (row) sampled.delete(n);
    return row;
  };
  return {
    list,
    // Once every row is read, `previous` is of no more use: the list must not keep it (and its
    // rows by offset) alive, or each version of an edited file would hold every version before it.
    forgetPrevious() {
      previous = null;
      byStart = null;
      for (const r of readers.values()) r.reuse = null;
    },
    eachRow(table, visit) {
      if (!table.isPaperTable) return;
      if (table.kind === 'list') {
        for (const e of table.entries) visit(take(e.first) ?? readItem(lines, e, table.index));
        return;
      }
      const { roles, reader, reuse } = readerOf(table);
      if (reuse) {
        for (let n = table.bodyFirst; n <= table.bodyLast; n += 1) {
          const kept = take(n);
          if (kept) {
            visit(kept);
            continue;
          }
          const start = lines.start(n);
          const same = reuse(start, lines.end(n));
          visit(
            same
              ? same.at(n, start, lines.lineEnd(n), table.index)
              : readRow(lines, n, table, roles, reader),
          );
        }
        return;
      }
      for (let n = table.bodyFirst; n <= table.bodyLast; n += 1)
        visit(take(n) ?? readRow(lines, n, table, roles, reader));
    },
  };
}

/**
 * Row `i` (0-based) of a paper table, read from the text: for a list from `openList`, whose tables
 * hold no rows, when only a few rows are wanted. The row is what `parseList` and `eachRow` read.
 */
export function readTableRow(list: PaperList, table: PaperTable, i: number): PaperRow {
  if (table.kind === 'list') return readItem(list.lines, table.entries[i]!, table.index);
  const row = list.rowAt(table.bodyFirst + i);
  if (!row || row.tableIndex !== table.index)
    throw new Error(`readTableRow: line ${table.bodyFirst + i} is no row of table ${table.index}`);
  return row;
}

/** How many rows a paper table has (its body lines, or its entries), without reading them. */
export function tableRowCount(table: PaperTable): number {
  if (!table.isPaperTable) return 0;
  return table.kind === 'list'
    ? table.entries.length
    : Math.max(0, table.bodyLast - table.bodyFirst + 1);
}

/** How many paper rows a list has (its tables' rows and entries), without reading them. */
export function listRowCount(list: PaperList): number {
  return list.tables.reduce((n, t) => n + tableRowCount(t), 0);
}

/** The `raw` text of row `i` of a paper table (as `readTableRow` would give it), without reading it. */
export function tableRowRaw(list: PaperList, table: PaperTable, i: number): string {
  const { lines } = list;
  if (table.kind === 'list') {
    const e = table.entries[i]!;
    return lines.text.slice(lines.start(e.first), lines.end(e.last));
  }
  const n = table.bodyFirst + i;
  return lines.text.slice(lines.start(n), lines.end(n));
}

/** README text -> the whole model, rows included. */
export function parseList(text: string, path = 'README.md', options: ParseOptions = {}): PaperList {
  return readAll(openListEditing(text, path, options, null, null));
}

/**
 * `previous` with `edits` applied (as `applyEdits` applies them), parsed with the same options:
 * a table row no edit touched, under the same columns, is taken over from `previous` by its place
 * (no text is compared), the others are read. The list `parseList` gives for the edited text; on
 * 100k-row lists with a few thousand rows edited it costs a fraction of a parse.
 */
export function parseListEdited(
  previous: PaperList,
  edits: readonly TextEdit[],
  options: ParseOptions = {},
): PaperList {
  const text = applyEdits(previous.text, edits);
  // The runs of the new text that no edit touched: [start, end) and how far each moved.
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const runStart: number[] = [];
  const runEnd: number[] = [];
  const shift: number[] = [];
  let oldAt = 0;
  let newAt = 0;
  for (const e of [
    ...sorted,
    { start: previous.text.length, end: previous.text.length, text: '' },
  ]) {
    const length = e.start - oldAt;
    runStart.push(newAt);
    runEnd.push(newAt + length);
    shift.push(newAt - oldAt);
    newAt += length + e.text.length;
    oldAt = e.end;
  }
  // [start, end) of the new text at its offset in the old one, or -1 when an edit touched it.
  const oldOffset = (start: number, end: number): number => {
    let lo = 0;
    let hi = runStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runStart[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    return runStart[lo]! <= start && end <= runEnd[lo]! ? start - shift[lo]! : -1;
  };
  return readAll(openListEditing(text, previous.path, options, previous, oldOffset));
}

function readAll({ list, eachRow, forgetPrevious }: ReturnType<typeof openListEditing>): PaperList {
  for (const table of list.tables) {
    eachRow(table, (row) => {
      table.rows.push(row);
      list.rows.push(row);
    });
  }
  forgetPrevious();
  return list;
}
