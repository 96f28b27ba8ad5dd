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
  /**
   * Body rows are the lines `bodyFirst..bodyLast` (1-based, inclusive; empty when
   * `bodyLast < bodyFirst`). A range, not row objects: a 100k-row list would otherwise build
   * and throw away 100k objects before the rows are read (see `rowAt`).
   */
  bodyFirst: number;
  bodyLast: number;
}

export interface Line {
  line: number;
  start: number;
  end: number;
  lineEnd: number;
  text: string;
}

/**
 * Line starts of a document, computed once; a line's text is sliced only when asked for.
 * `\r\n` and `\n` both end a line.
 */
export class LineIndex {
  /**
   * Offset of the first character of each line; line n (1-based) starts at `starts[n - 1]`. After
   * a final line ending, one more entry (equal to the text's length) closes the last line.
   */
  private readonly starts: number[] = [0];
  readonly count: number;

  constructor(readonly text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1))
      this.starts.push(at + 1);
    // A final line ending (or an empty text) does not open another line.
    this.count =
      this.starts[this.starts.length - 1] === text.length
        ? this.starts.length - 1
        : this.starts.length;
  }

  /** Offset of line n's first character. */
  start(n: number): number {
    return this.starts[n - 1] ?? this.text.length;
  }

  /** Offset just past line n's line ending (or the end of the text). */
  lineEnd(n: number): number {
    return this.starts[n] ?? this.text.length;
  }

  /** Offset just past line n's content, before its `\n` or `\r\n`. */
  end(n: number): number {
    const next = this.starts[n];
    if (next === undefined) return this.text.length;
    return next >= 2 && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  line(n: number): Line {
    const start = this.start(n);
    const end = this.end(n);
    return { line: n, start, end, lineEnd: this.lineEnd(n), text: this.text.slice(start, end) };
  }
}

/** Every line with its offsets (for callers that want them all). */
export function splitLines(text: string): Line[] {
  const index = new LineIndex(text);
  return Array.from({ length: index.count }, (_, i) => index.line(i + 1));
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
// `s`: a line may hold U+2028, U+2029 or a lone CR, which `.` would not match (no line ends there).
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/s;
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
  (line: string) => htmlBlockKind(line) !== 0,
];

const HTML_KIND_1 = /^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i;
const HTML_KIND_2 = /^ {0,3}<!--/;
const HTML_KIND_3 = /^ {0,3}<\?/;
const HTML_KIND_4 = /^ {0,3}<![A-Za-z]/;
const HTML_KIND_5 = /^ {0,3}<!\[CDATA\[/;
const HTML_KIND_6 = new RegExp(`^ {0,3}</?(?:${BLOCK_TAGS})(?:[ \\t>]|/>|$)`, 'i');
const HTML_KIND_7 =
  /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;

/** What closes each HTML block kind (CommonMark 4.6); kinds 6 and 7 end at a blank line. */
const HTML_BLOCK_END: Record<number, RegExp> = {
  1: /<\/(?:script|pre|style|textarea)>/i,
  2: /-->/,
  3: /\?>/,
  4: />/,
  5: /\]\]>/,
};

/** Which CommonMark HTML block a line starts: 1 to 7, or 0 for none. */
export function htmlBlockKind(line: string): number {
  if (!line.includes('<')) return 0;
  if (HTML_KIND_1.test(line)) return 1;
  if (HTML_KIND_2.test(line)) return 2;
  if (HTML_KIND_3.test(line)) return 3;
  if (HTML_KIND_4.test(line)) return 4;
  if (HTML_KIND_5.test(line)) return 5;
  if (HTML_KIND_6.test(line)) return 6;
  if (HTML_KIND_7.test(line)) return 7;
  return 0;
}

function interrupts(text: string): boolean {
  return (
    indentOf(text) >= 4 ||
    INTERRUPTS.some((test) => (typeof test === 'function' ? test(text) : test.test(text)))
  );
}

/** Read line n of the index as a table row. */
export function rowAt(index: LineIndex, n: number): ScannedRow {
  return rowOf(index.line(n));
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

/**
 * A blank line holds only spaces and tabs (CommonMark; a lone CR, a line ending elsewhere, counts
 * too). Other white space is content: a line of no-break or ideographic spaces (U+00A0, U+3000)
 * is a table row to GitHub, not the end of the table.
 */
function isBlank(s: string): boolean {
  return !/[^ \t\r]/.test(s);
}

const PIPE_CODE = 124;

/** Find every top-level table in one pass. */
export function scanTables(index: LineIndex): ScannedTable[] {
  const tables: ScannedTable[] = [];
  const text = index.text;
  let fence: { char: string; length: number } | null = null;
  // An open HTML block: `end` is the marker that closes it, or null when a blank line does.
  let html: { end: RegExp | null } | null = null;
  let paragraph = false;
  let n = 1;
  while (n <= index.count) {
    const lineText = text.slice(index.start(n), index.end(n));
    if (html) {
      if (html.end ? html.end.test(lineText) : isBlank(lineText)) html = null;
      paragraph = false;
      n += 1;
      continue;
    }
    const kind = htmlBlockKind(lineText);
    if (kind !== 0 && (kind !== 7 || !paragraph)) {
      const end = HTML_BLOCK_END[kind] ?? null;
      html = end && end.test(lineText) ? null : { end };
      if (!end) html = isBlank(lineText) ? null : html;
      paragraph = false;
      n += 1;
      continue;
    }
    const fenceMatch = FENCE.exec(lineText);
    if (fence) {
      if (
        fenceMatch &&
        fenceMatch[1]![0] === fence.char &&
        fenceMatch[1]!.length >= fence.length &&
        isBlank(fenceMatch[2]!)
      )
        fence = null;
      n += 1;
      continue;
    }
    if (fenceMatch && !(fenceMatch[1]![0] === '`' && fenceMatch[2]!.includes('`'))) {
      fence = { char: fenceMatch[1]![0]!, length: fenceMatch[1]!.length };
      n += 1;
      continue;
    }
    if (n < index.count && lineText.includes('|') && indentOf(lineText) < 4) {
      const next = index.line(n + 1);
      if (indentOf(next.text) < 4 && next.text.includes('-')) {
        const header = rowOf({
          line: n,
          start: index.start(n),
          end: index.end(n),
          lineEnd: index.lineEnd(n),
          text: lineText,
        });
        const delimiter = rowOf(next);
        const align = delimiterAlign(delimiter);
        if (
          align &&
          header.cells.length === delimiter.cells.length &&
          !interrupts(lineText) &&
          !interrupts(next.text)
        ) {
          let m = n + 2;
          while (m <= index.count) {
            const start = index.start(m);
            // A row that starts with a pipe can be neither blank nor another block: skip the slice.
            if (text.charCodeAt(start) !== PIPE_CODE) {
              const body = text.slice(start, index.end(m));
              if (isBlank(body) || interrupts(body)) break;
            }
            m += 1;
          }
          tables.push({ header, delimiter, align, bodyFirst: n + 2, bodyLast: m - 1 });
          paragraph = false;
          n = m;
          continue;
        }
      }
    }
    // A line indented as code continues an open paragraph, else it is code (no paragraph: an HTML
    // block of kind 7 may start right below it).
    paragraph =
      !isBlank(lineText) &&
      !/^ {0,3}#{1,6}(?:[ \t]|$)/.test(lineText) &&
      (paragraph || indentOf(lineText) < 4);
    n += 1;
  }
  return tables;
}
