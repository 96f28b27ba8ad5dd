/**
 * Lossless edits: a README is never re-serialised. Every change is a splice of the original text
 * (insert, replace or remove whole rows), so every byte outside the touched rows stays identical.
 */
import type { Column, PaperList, PaperRow, PaperTable } from './parse-list.js';

export interface TextEdit {
  /** Offsets in the original text; `end` exclusive. Insertions have `start === end`. */
  start: number;
  end: number;
  text: string;
}

/** Apply non-overlapping edits to `text`. Throws on overlap: two edits to one row are a bug. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at || e.end < e.start || e.end > text.length) {
      throw new Error(`overlapping or out-of-range edit at ${e.start}-${e.end}`);
    }
    parts.push(text.slice(at, e.start), e.text);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Make a value safe for one table cell: no line breaks, `|` escaped, runs of ASCII white space
 * made one space, outer spaces trimmed. Other spaces (no-break, ideographic) are characters of
 * the text, a link's included, and stay. A pipe after an odd number of backslashes is escaped
 * already (`\|`); after an even number (`\\|`, the backslashes escape each other) it would split
 * the cell, so it is escaped too.
 */
export function escapeCell(value: string): string {
  return value
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
    .replace(/(\\*)\|/g, (m, slashes: string) => (slashes.length % 2 ? m : `${slashes}\\|`))
    .replace(/[ \t\f\v]+/g, ' ')
    .trim();
}

/**
 * Plain text (as parsing gives it, escapes removed) -> cell Markdown that parses back to it: a
 * backslash before ASCII punctuation would be read as an escape, so it is doubled.
 */
function escapeText(text: string): string {
  return text.replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\');
}

/** Render a row from cell values in the table's column order, in the seed's `| a | b |` style. */
export function renderRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => escapeCell(c)).join(' | ')} |`;
}

/** A row's values as plain text, the way parsing reads them (Markdown escapes removed). */
export interface RowFields {
  title: string;
  url: string;
  venue: string;
  tags: readonly string[];
  code: { label: string; url: string } | null;
  tldr: string;
  /** Values for columns with no known role, by header text. */
  other?: Readonly<Record<string, string>>;
}

/** Escape the characters that would end a link's text early. */
export function escapeLinkText(text: string): string {
  return text.replace(/([[\]\\])/g, '\\$1');
}

/** A link destination that reads back as `url`: parentheses and backslashes escaped. */
export function escapeUrl(url: string): string {
  return url.replace(/[()\\]/g, '\\$&');
}

/** Render a paper row for a table, putting each field in the column of its role. */
export function renderPaperRow(columns: readonly Column[], fields: RowFields): string {
  return renderRow(
    columns.map((col) => {
      switch (col.role) {
        case 'title':
          return `[${escapeLinkText(fields.title)}](${escapeUrl(fields.url)})`;
        case 'venue':
          return escapeText(fields.venue);
        case 'date': {
          // Beside a venue column the date column holds the year; alone it holds the venue.
          if (columns.some((c) => c.role === 'venue'))
            return /\b((?:19|20)\d{2})\b/.exec(fields.venue)?.[1] ?? '';
          return escapeText(fields.venue);
        }
        case 'tags':
          return fields.tags.map((t) => `\`${t.replace(/`/g, '')}\``).join(', ');
        case 'code':
          return fields.code
            ? `[${escapeLinkText(fields.code.label)}](${escapeUrl(fields.code.url)})`
            : '-';
        case 'tldr':
        case 'focus':
          return escapeText(fields.tldr);
        default:
          return escapeText(fields.other?.[col.header] ?? '');
      }
    }),
  );
}

/** Replace a row's line (its line ending stays as it was). */
export function replaceRow(row: Pick<PaperRow, 'start' | 'end'>, line: string): TextEdit {
  return { start: row.start, end: row.end, text: line.replace(/[\r\n]+/g, ' ') };
}

/** Remove a row together with its line ending. */
export function removeRow(row: Pick<PaperRow, 'start' | 'lineEnd'>): TextEdit {
  return { start: row.start, end: row.lineEnd, text: '' };
}

/**
 * Insert a row into a table (or an entry into a list of entries) before the row at `index`
 * (0-based; `rows.length` or more appends after the last row). The new line gets the file's line
 * ending. See render-entry.ts for writing the row in the list's shape.
 */
export function insertRow(
  list: Pick<PaperList, 'eol' | 'text'>,
  table: Pick<PaperTable, 'rows' | 'delimiter'> & Partial<Pick<PaperTable, 'kind'>>,
  index: number,
  line: string,
): TextEdit {
  // A table row is one line; a list item may span lines (nested items), in the file's endings.
  const clean =
    table.kind === 'list' ? line.replace(/\r\n|\r|\n/g, list.eol) : line.replace(/[\r\n]+/g, ' ');
  const before = table.rows[index];
  if (before) return { start: before.start, end: before.start, text: clean + list.eol };
  const last = table.rows[table.rows.length - 1] ?? table.delimiter;
  // The last row may be the file's last line, without a line ending of its own.
  if (last.lineEnd === last.end) return { start: last.end, end: last.end, text: list.eol + clean };
  return { start: last.lineEnd, end: last.lineEnd, text: clean + list.eol };
}
