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
import { paperKey } from './paper-key.js';
import { parseVenue, type Venue } from './venue.js';
import {
  scanTables,
  splitLines,
  type Cell,
  type Line,
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

export interface PaperTable extends Omit<ScannedTable, 'body'> {
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
  lines: Line[];
  /** The line ending the file mostly uses; inserted rows get the same. */
  eol: '\n' | '\r\n';
  sections: Section[];
  tables: PaperTable[];
  /** Every row of every paper table, in document order. */
  rows: PaperRow[];
  outline: Outline;
}

export interface ParseOptions {
  columnAliases?: ColumnAliases | undefined;
}

function readRow(row: ScannedRow, table: Pick<PaperTable, 'columns' | 'index'>): PaperRow {
  const cell: PaperRow['cell'] = {};
  table.columns.forEach((col, i) => {
    const c = row.cells[i];
    if (col.role !== 'other' && c) cell[col.role] = c;
  });
  const titleLink = cell.title ? parseLinkCell(cell.title.text) : null;
  const title =
    titleLink?.kind === 'link'
      ? titleLink.text.trim()
      : cell.title
        ? unescapeMarkdown(cell.title.text)
        : null;
  const url = titleLink?.kind === 'link' ? titleLink.url : (titleLink?.first?.url ?? null);
  const arxiv = url ? parseArxivRef(url) : null;
  const venue = cell.venue ? unescapeMarkdown(cell.venue.text) : null;
  const tagsCell = cell.tags ? parseTagsCell(cell.tags.text) : null;
  let code: PaperRow['code'] = null;
  if (table.columns.some((c) => c.role === 'code')) {
    const text = cell.code?.text ?? '';
    if (text === '-' || text === '—') code = 'none';
    else {
      const link = parseLinkCell(text);
      code = link.kind === 'link' ? { label: link.text, url: link.url } : 'invalid';
    }
  }
  return {
    line: row.line,
    start: row.start,
    end: row.end,
    lineEnd: row.lineEnd,
    raw: row.raw,
    cells: row.cells,
    leadingPipe: row.leadingPipe,
    trailingPipe: row.trailingPipe,
    tableIndex: table.index,
    cell,
    titleLink,
    title,
    url,
    arxiv,
    venue,
    venueInfo: parseVenue(venue),
    tags: tagsCell?.tags ?? null,
    tagsWellFormed: tagsCell?.wellFormed ?? false,
    code,
    tldr: cell.tldr
      ? unescapeMarkdown(cell.tldr.text)
      : cell.focus
        ? unescapeMarkdown(cell.focus.text)
        : null,
    key: paperKey(arxiv, title),
  };
}

export function parseList(text: string, path = 'README.md', options: ParseOptions = {}): PaperList {
  const lines = splitLines(text);
  const scanned = scanTables(lines);
  const blocks = scanned.map((t) => ({
    first: t.header.line,
    last: (t.body[t.body.length - 1] ?? t.delimiter).line,
  }));
  const outline = readOutline(text, lines, blocks);
  const sections: Section[] = outline.headings.map((h) => ({ ...h, tables: [] }));

  const tables: PaperTable[] = [];
  const rows: PaperRow[] = [];
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
      index: tables.length,
      section,
      columns,
      isPaperTable: roles.includes('title'),
      rows: [],
    };
    if (table.isPaperTable) {
      table.rows = t.body.map((r) => readRow(r, table));
      rows.push(...table.rows);
      section?.tables.push(table);
    }
    tables.push(table);
  }
  const crlf = lines.filter((l) => l.lineEnd - l.end === 2).length;
  const lf = lines.filter((l) => l.lineEnd - l.end === 1).length;
  return { path, text, lines, eol: crlf > lf ? '\r\n' : '\n', sections, tables, rows, outline };
}
