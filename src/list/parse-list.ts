/**
 * README text -> model: sections, paper tables and paper rows, each with its source position.
 *
 * Steps: 1. split lines; 2. scan tables linearly; 3. read the outline with remark on the text with
 * table rows blanked; 4. attach tables to the heading above them; 5. read each row's fields from
 * its cells by column role.
 */
import { parseArxivRef, type ArxivRef } from './arxiv-id.js';
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
}

export interface PaperTable extends ScannedTable {
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
}

export interface ParseOptions {
  columnAliases?: ColumnAliases | undefined;
  /** Read every row by the general path (for tests that compare it with the fast path). */
  fastPath?: boolean;
}

type Role = Exclude<ColumnRole, 'other'>;

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
  ) {}

  get cells(): Cell[] {
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
    parseVenue(fast.venue),
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
      default:
        break;
    }
  }
  const titleLink = titleCell !== null ? parseLinkCell(titleCell) : null;
  const title =
    titleLink?.kind === 'link'
      ? titleLink.text.trim()
      : titleCell !== null
        ? unescapeMarkdown(titleCell)
        : null;
  const url = titleLink?.kind === 'link' ? titleLink.url : (titleLink?.first?.url ?? null);
  const arxiv = url ? parseArxivRef(url) : null;
  const venue = venueCell !== null ? unescapeMarkdown(venueCell) : null;
  const tagsRead = tagsCell !== null ? parseTagsCell(tagsCell) : null;
  let code: PaperRow['code'] = null;
  if (roles.includes('code')) {
    const text = codeCell ?? '';
    if (text === '-' || text === '—') code = 'none';
    else {
      const link = parseLinkCell(text);
      code = link.kind === 'link' ? { label: link.text, url: link.url } : 'invalid';
    }
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
    parseVenue(venue),
    tagsRead?.tags ?? null,
    tagsRead?.wellFormed ?? false,
    code,
    summary !== null ? unescapeMarkdown(summary) : null,
    paperKey(arxiv, title),
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
  const lines = new LineIndex(text);
  const scanned = scanTables(lines);
  const blocks = scanned.map((t) => ({
    first: t.header.line,
    last: Math.max(t.bodyLast, t.delimiter.line),
  }));
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

  const tables: PaperTable[] = [];
  let s = -1;
  for (const t of scanned) {
    while (s + 1 < sections.length && sections[s + 1]!.line < t.header.line) s += 1;
    const section = s >= 0 ? sections[s]! : null;
    const roles = columnRoles(
      t.header.cells.map((c) => unescapeMarkdown(c.text)),
      options.columnAliases,
    );
    const columns = t.header.cells.map((c, i) => ({ role: roles[i]!, header: c.text }));
    const table: PaperTable = {
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
  const readers = new Map<PaperTable, { roles: ColumnRole[]; reader: FastRowReader }>();
  const readerOf = (table: PaperTable) => {
    let r = readers.get(table);
    if (!r) {
      const roles = table.columns.map((c) => c.role);
      r = {
        roles,
        reader: options.fastPath === false ? { read: () => null } : fastRowReader(roles),
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
    rowAt(line) {
      const table = tables.find((t) => t.isPaperTable && line >= t.bodyFirst && line <= t.bodyLast);
      if (!table) return null;
      const { roles, reader } = readerOf(table);
      return readRow(lines, line, table, roles, reader);
    },
  };
  return {
    list,
    eachRow(table, visit) {
      if (!table.isPaperTable) return;
      const { roles, reader } = readerOf(table);
      for (let n = table.bodyFirst; n <= table.bodyLast; n += 1)
        visit(readRow(lines, n, table, roles, reader));
    },
  };
}

/** README text -> the whole model, rows included. */
export function parseList(text: string, path = 'README.md', options: ParseOptions = {}): PaperList {
  const { list, eachRow } = openList(text, path, options);
  for (const table of list.tables) {
    eachRow(table, (row) => {
      table.rows.push(row);
      list.rows.push(row);
    });
  }
  return list;
}
