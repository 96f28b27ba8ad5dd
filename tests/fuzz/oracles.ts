/**
 * Checks shared by the fuzz properties. Hot loops use `check` (a plain throw with the values)
 * rather than `expect`, which costs microseconds per call over thousands of cells per case.
 */
import { CuratorError } from '../../src/errors.js';
import { LineIndex, type PaperList, type PaperRow } from '../../src/list/index.js';
// What tldr-markup looks for before it reads a row's cells.
import { SUSPECT as MARKUP_SUSPECT } from '../../src/lint/rules/tldr-markup.js';

/** Fail the property with `message` (and the values involved) unless `condition` holds. */
export function check(
  condition: boolean,
  message: string,
  ...values: unknown[]
): asserts condition {
  if (!condition)
    throw new Error(
      `${message}${values.length ? `: ${values.map((v) => JSON.stringify(v)).join(', ')}` : ''}`,
    );
}

/**
 * Run `fn`; a CuratorError (a clear message for the user) is an allowed outcome and is returned,
 * any other exception propagates and fails the property.
 */
export function allowingCuratorError<T>(fn: () => T): T | CuratorError {
  try {
    return fn();
  } catch (error) {
    if (error instanceof CuratorError) return error;
    throw error;
  }
}

export async function allowingCuratorErrorAsync<T>(
  fn: () => Promise<T>,
): Promise<T | CuratorError> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof CuratorError) return error;
    throw error;
  }
}

/** Every line of a text with its ending, as `[content, ending]`. */
export function linesWithEndings(text: string): [string, string][] {
  const index = new LineIndex(text);
  return Array.from({ length: index.count }, (_, i) => {
    const l = index.line(i + 1);
    return [l.text, text.slice(l.end, l.lineEnd)];
  });
}

/** A row's fields as parsed (for comparing two parses). */
export function rowFields(r: PaperRow) {
  return {
    line: r.line,
    start: r.start,
    end: r.end,
    lineEnd: r.lineEnd,
    raw: r.raw,
    cellCount: r.cellCount,
    leadingPipe: r.leadingPipe,
    trailingPipe: r.trailingPipe,
    titleLink: r.titleLink,
    title: r.title,
    url: r.url,
    arxiv: r.arxiv,
    venue: r.venue,
    venueInfo: r.venueInfo,
    tags: r.tags,
    tagsWellFormed: r.tagsWellFormed,
    code: r.code,
    tldr: r.tldr,
    key: r.key,
    cells: r.cells,
  };
}

/** The model points into the text it was read from: offsets, lines and ranges agree. */
export function checkConsistentModel(list: PaperList): void {
  const { text, lines } = list;
  let previous = 0;
  for (const t of list.tables) {
    const where = `table at line ${t.header.line}`;
    check(t.header.line > previous, `${where} overlaps the one before`);
    if (t.kind === 'list') {
      // A list of entries: entries in order, inside the list's range, one row each.
      let last = previous;
      for (const e of t.entries) {
        check(e.first > last && e.last >= e.first, `${where}: entry ${e.first} out of order`);
        last = e.last;
      }
      check(t.bodyFirst === t.entries[0]?.first && t.bodyLast === last, `${where}: list range`);
      check(t.rows.length === t.entries.length, `${where}: rows and entries differ`);
      previous = t.bodyLast;
      continue;
    }
    check(t.delimiter.line === t.header.line + 1, `${where}: delimiter not on the next line`);
    check(t.bodyFirst === t.header.line + 2, `${where}: body does not follow the delimiter`);
    check(t.bodyLast >= t.bodyFirst - 1 && t.bodyLast <= lines.count, `${where}: body range`);
    check(t.header.cells.length === t.delimiter.cells.length, `${where}: header/delimiter cells`);
    if (t.isPaperTable)
      check(t.rows.length === t.bodyLast - t.bodyFirst + 1, `${where}: rows and range differ`);
    previous = Math.max(t.bodyLast, t.delimiter.line);
    // GFM: the body runs to a blank line (spaces and tabs only) or to the start of another block.
    const next = previous + 1;
    if (next <= lines.count) {
      const text = lines.line(next).text;
      check(
        BLANK.test(text) || BLOCK_START.test(text),
        `${where}: ends before a line that is neither blank nor a block start`,
        text,
      );
    }
  }
  for (const row of list.rows) {
    const where = `row at line ${row.line}`;
    check(text.slice(row.start, row.end) === row.raw, `${where}: raw is not its slice`);
    if (row.shape === 'row') check(!row.raw.includes('\n'), `${where}: raw holds a line break`);
    check(row.lineEnd === lines.lineEnd(row.lastLine), `${where}: lineEnd`);
    const ending = text.slice(row.end, row.lineEnd);
    check(ending === '' || ending === '\n' || ending === '\r\n', `${where}: ending`, ending);
    for (const cell of row.cells) {
      check(text.slice(cell.start, cell.end) === cell.text, `${where}: cell text`, cell);
      check(cell.start >= row.start && cell.end <= row.end, `${where}: cell outside row`, cell);
    }
    // tldr-markup splits a row's cells only when its `tldr` looks suspect: whatever looks suspect
    // in the TL;DR (else focus) cell must look so in `tldr` (its text, escaped pipes read).
    if (row.shape === 'row') {
      const summary = row.cell.tldr ?? row.cell.focus;
      check((summary === undefined) === (row.tldr === null), `${where}: tldr without its cell`);
      if (summary && MARKUP_SUSPECT.test(summary.text))
        check(MARKUP_SUSPECT.test(row.tldr ?? ''), `${where}: tldr hides the cell's markup`, [
          row.tldr,
          summary.text,
        ]);
    }
  }
  for (const h of list.outline.headings) {
    check(h.line >= 1 && h.line <= Math.max(1, lines.count), `heading line ${h.line}`);
    check(
      looksLikeHeading(lines, h.line),
      `heading "${h.text}" placed at a line that is none`,
      lines.line(h.line).text,
    );
  }
}

const BLANK = /^[ \t\r]*$/;
/**
 * Lines that may start another block (a superset, kept simple: ATX headings, quotes, list items,
 * fences, HTML, thematic breaks, indented code); a table body cannot end anywhere else.
 */
const BLOCK_START =
  /^(?: {0,3}(?:#|>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|`{3,}|~{3,}|<|([-*_])(?:[ \t]*\1){2,}[ \t]*$)| {0,3}\t| {4})/;

const CONTAINERS = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)))*[ \t]*/;
const SETEXT = /^[ \t]*(?:>[ \t]*)*(?:=+|-+)[ \t\r]*$/;

/**
 * Line n starts a heading: an ATX `#` once block quote and list markers are set aside, or a
 * paragraph line with a setext underline below it before a blank line. (Loose on purpose: it
 * catches headings numbered a line or more away from their line.)
 */
function looksLikeHeading(lines: PaperList['lines'], n: number): boolean {
  // remark skips a byte-order mark at the start (decodeMarkdown keeps it out of the text anyway).
  // A lone CR is a space to the outline readers.
  const line = lines
    .line(n)
    .text.replace(/^\uFEFF/, '')
    .replace(/\r/g, ' ');
  if (/^#{1,6}(?:[ \t]|$)/.test(line.replace(CONTAINERS, ''))) return true;
  for (let m = n + 1; m <= lines.count; m += 1) {
    const text = lines.line(m).text;
    if (SETEXT.test(text)) return true;
    if (!/[^ \t\r]/.test(text)) return false; // blank: spaces and tabs only (CommonMark)
  }
  return false;
}
