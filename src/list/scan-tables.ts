/**
 * A linear scanner for GFM tables (https://github.github.com/gfm/#tables-extension-).
 *
 * remark-gfm builds tables in time quadratic in the number of cells, which a list of thousands of
 * rows cannot afford, so rows are read here in one pass over the lines. It follows the GFM rules
 * that matter for paper lists: a table is a header row followed by a delimiter row with the same
 * number of cells; the body runs to the first blank line or the start of another block; pipes
 * escaped with a backslash do not split cells; fenced code is skipped. Nested tables (inside block
 * quotes or list items) are not read. tests/list/scan-tables.differential.test.ts checks that
 * these rows and cells agree with remark-gfm's.
 */

export interface Cell {
  /** Cell text with surrounding white space trimmed (escapes kept as written). */
  text: string;
  /** Offsets of `text` in the whole document (`end` exclusive). */
  start: number;
  end: number;
  /** 1-based column of the first character of `text` (or of the cell, when empty). */
  column: number;
}

export interface ScannedRow {
  /** 1-based line number. */
  line: number;
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the line's content, before its line ending. */
  end: number;
  /** Offset just past the line ending (equals `end` on a last line without one). */
  lineEnd: number;
  /** The line as written, without its line ending. */
  raw: string;
  cells: Cell[];
  leadingPipe: boolean;
  trailingPipe: boolean;
}

export interface ScannedTable {
  header: ScannedRow;
  delimiter: ScannedRow;
  /** Column alignment from the delimiter row. */
  align: ('left' | 'right' | 'center' | null)[];
  body: ScannedRow[];
}

export interface Line {
  line: number;
  start: number;
  end: number;
  lineEnd: number;
  text: string;
}

/** Split a document into lines, keeping offsets; `\r\n` and `\n` both end a line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let n = 1;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    if (nl === -1) {
      if (start < text.length)
        lines.push({
          line: n,
          start,
          end: text.length,
          lineEnd: text.length,
          text: text.slice(start),
        });
      break;
    }
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push({ line: n, start, end, lineEnd: nl + 1, text: text.slice(start, end) });
    start = nl + 1;
    n += 1;
  }
  return lines;
}

function indentOf(s: string): number {
  let width = 0;
  for (const ch of s) {
    if (ch === ' ') width += 1;
    else if (ch === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

const SPACE = 32;
const TAB = 9;
const PIPE = 124;

/** Split one row into cells; offsets are relative to the document (`lineStart`). */
export function splitCells(
  raw: string,
  lineStart: number,
): Pick<ScannedRow, 'cells' | 'leadingPipe' | 'trailingPipe'> {
  const cells: Cell[] = [];
  const n = raw.length;
  const push = (from: number, to: number): void => {
    let a = from;
    let b = to;
    while (a < b && (raw.charCodeAt(a) === SPACE || raw.charCodeAt(a) === TAB)) a += 1;
    while (b > a && (raw.charCodeAt(b - 1) === SPACE || raw.charCodeAt(b - 1) === TAB)) b -= 1;
    // An empty cell is placed where its text would start: one space after the pipe.
    if (a === b) a = b = Math.min(from + 1, to);
    cells.push({ text: raw.slice(a, b), start: lineStart + a, end: lineStart + b, column: a + 1 });
  };
  let i = 0;
  while (i < n && (raw.charCodeAt(i) === SPACE || raw.charCodeAt(i) === TAB)) i += 1;
  const leadingPipe = raw.charCodeAt(i) === PIPE;
  if (leadingPipe) i += 1;
  let cellStart = i;
  // Jump from pipe to pipe; a backslash escapes the character after it (GFM: `\|` is no split).
  let slash = raw.indexOf('\\', i);
  for (;;) {
    const pipe = raw.indexOf('|', i);
    if (pipe === -1) break;
    if (slash !== -1 && slash < i) slash = raw.indexOf('\\', i);
    if (slash !== -1 && slash < pipe) {
      i = slash + 2;
      continue;
    }
    push(cellStart, pipe);
    cellStart = i = pipe + 1;
  }
  // What follows the last pipe is a cell unless it is blank (then that pipe was a trailing pipe).
  let rest = cellStart;
  while (rest < n && (raw.charCodeAt(rest) === SPACE || raw.charCodeAt(rest) === TAB)) rest += 1;
  const trailingPipe =
    rest === n &&
    cells.length > 0 &&
    cellStart > 0 &&
    raw.charCodeAt(cellStart - 1) === PIPE &&
    !(leadingPipe && cellStart - 1 === raw.indexOf('|'));
  if (!trailingPipe) push(cellStart, n);
  return { cells, leadingPipe, trailingPipe };
}

const DELIMITER_CELL = /^:?-+:?$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const BLOCK_TAGS =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
/**
 * Lines that start another block and so end a table body (CommonMark block starts; checked against
 * remark-gfm in the differential test): headings, quotes, fences, thematic breaks, list items,
 * HTML blocks (kinds 1 to 7) and anything indented as code.
 */
const INTERRUPTS = [
  /^ {0,3}#{1,6}(?:[ \t]|$)/, // ATX heading
  /^ {0,3}>/, // block quote
  /^ {0,3}(?:`{3,}|~{3,})/, // code fence
  /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/, // thematic break
  /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/, // list item
  /^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, // HTML kind 1
  /^ {0,3}<(?:!--|\?|![A-Za-z]|!\[CDATA\[)/, // HTML kinds 2 to 5
  new RegExp(`^ {0,3}</?(?:${BLOCK_TAGS})(?:[ \\t>]|/>|$)`, 'i'), // HTML kind 6
  /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/, // HTML kind 7
];

function interrupts(text: string): boolean {
  return indentOf(text) >= 4 || INTERRUPTS.some((re) => re.test(text));
}

function rowOf(l: Line): ScannedRow {
  // Fields spelled out: an object spread here made every row a slow dictionary-mode object.
  const { cells, leadingPipe, trailingPipe } = splitCells(l.text, l.start);
  return {
    line: l.line,
    start: l.start,
    end: l.end,
    lineEnd: l.lineEnd,
    raw: l.text,
    cells,
    leadingPipe,
    trailingPipe,
  };
}

function delimiterAlign(row: ScannedRow): ScannedTable['align'] | null {
  if (!row.raw.includes('|') && row.cells.length < 2) return null;
  const align: ScannedTable['align'] = [];
  for (const cell of row.cells) {
    if (!DELIMITER_CELL.test(cell.text)) return null;
    const left = cell.text.startsWith(':');
    const right = cell.text.endsWith(':');
    align.push(left && right ? 'center' : left ? 'left' : right ? 'right' : null);
  }
  return align;
}

function isBlank(s: string): boolean {
  return s.trim() === '';
}

/** Find every top-level table in one pass. */
export function scanTables(lines: readonly Line[]): ScannedTable[] {
  const tables: ScannedTable[] = [];
  let fence: { char: string; length: number } | null = null;
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    const fenceMatch = FENCE.exec(l.text);
    if (fence) {
      if (
        fenceMatch &&
        fenceMatch[1]![0] === fence.char &&
        fenceMatch[1]!.length >= fence.length &&
        isBlank(fenceMatch[2]!)
      )
        fence = null;
      i += 1;
      continue;
    }
    if (fenceMatch && !(fenceMatch[1]![0] === '`' && fenceMatch[2]!.includes('`'))) {
      fence = { char: fenceMatch[1]![0]!, length: fenceMatch[1]!.length };
      i += 1;
      continue;
    }
    const next = lines[i + 1];
    if (
      next &&
      l.text.includes('|') &&
      indentOf(l.text) < 4 &&
      indentOf(next.text) < 4 &&
      next.text.includes('-')
    ) {
      const header = rowOf(l);
      const delimiter = rowOf(next);
      const align = delimiterAlign(delimiter);
      if (
        align &&
        header.cells.length === delimiter.cells.length &&
        !interrupts(l.text) &&
        !interrupts(next.text)
      ) {
        const body: ScannedRow[] = [];
        let j = i + 2;
        while (j < lines.length) {
          const b = lines[j]!;
          if (isBlank(b.text) || interrupts(b.text)) break;
          body.push(rowOf(b));
          j += 1;
        }
        tables.push({ header, delimiter, align, body });
        i = j;
        continue;
      }
    }
    i += 1;
  }
  return tables;
}
