/**
 * Use case: the papers of a list, as data for scripts (`curator papers`): one entry per paper row,
 * in file order, and the same entries as CSV or BibTeX.
 */
import {
  arxivYearMonth,
  listRowCount,
  openList,
  parseList,
  tableRowCount,
  type PaperList,
  type PaperRow,
  type PaperTable,
  type ParseOptions,
} from '../list/index.js';

export interface PaperEntry {
  file: string;
  line: number;
  section: string | null;
  title: string | null;
  url: string | null;
  arxivId: string | null;
  venue: string | null;
  year: number | null;
  code: string | null;
  tags: string[] | null;
  tldr: string | null;
}

export function listPapers(
  files: readonly { path: string; text: string }[],
  parseOptions: ParseOptions = {},
): PaperEntry[] {
  const out: PaperEntry[] = [];
  for (const f of files) {
    const list = parseList(f.text, f.path, parseOptions);
    for (const row of list.rows) out.push(paperEntry(f.path, list, row));
  }
  return out;
}

function paperEntry(file: string, list: PaperList, row: PaperRow): PaperEntry {
  // The venue's year, else the date column's, else the year of the arXiv id.
  const year = row.year ?? (row.arxiv ? arxivYearMonth(row.arxiv.id).year : null);
  return {
    file,
    line: row.line,
    section: list.tables[row.tableIndex]?.section?.text ?? null,
    title: row.title,
    url: row.url,
    arxivId: row.arxiv?.id ?? null,
    venue: row.venue && row.venue !== '-' ? row.venue : null,
    year,
    code: typeof row.code === 'object' && row.code ? row.code.url : null,
    tags: row.tags,
    tldr: row.tldr,
  };
}

/** Rows read at a time by `eachPaper` (a piece of a table, read as the table is). */
const ROWS_AT_A_TIME = 2000;

/**
 * The papers of each file, as `listPapers` gives them, a few thousand at a time and without
 * keeping the parsed rows (a 100k-row list is never in memory as rows and entries at once).
 * `papers` is how many each file holds, known before the first is read.
 */
export function eachPaper(
  files: readonly { path: string; text: string }[],
  parseOptions: ParseOptions = {},
): { papers: number[]; batches(): Generator<PaperEntry[]> } {
  const readers = files.map((f) => openList(f.text, f.path, parseOptions));
  const papers = readers.map(({ list }) => listRowCount(list));
  return {
    papers,
    *batches() {
      for (const [i, f] of files.entries()) {
        const { list, eachRow } = readers[i]!;
        for (const table of list.tables) {
          if (!table.isPaperTable) continue;
          // A piece of the table is read as the table is: the same rows, the same index.
          for (let from = 0; from < tableRowCount(table); from += ROWS_AT_A_TIME) {
            const to = Math.min(tableRowCount(table), from + ROWS_AT_A_TIME);
            const piece: PaperTable =
              table.kind === 'list'
                ? { ...table, entries: table.entries.slice(from, to) }
                : {
                    ...table,
                    bodyFirst: table.bodyFirst + from,
                    bodyLast: table.bodyFirst + to - 1,
                  };
            const batch: PaperEntry[] = [];
            eachRow(piece, (row) => batch.push(paperEntry(f.path, list, row)));
            yield batch;
          }
        }
      }
    },
  };
}

/** `JSON.stringify({ papers }, null, 2)` and a newline, a piece per batch of papers. */
export function* papersJson(batches: Iterable<readonly PaperEntry[]>): Generator<string> {
  let first = true;
  yield '{\n  "papers": [';
  for (const batch of batches) {
    let piece = '';
    for (const paper of batch) {
      // An entry two levels deep: its own lines indented by four more spaces (strings hold no
      // raw line breaks in JSON, so every line break is the layout's).
      piece += `${first ? '' : ','}\n    ${JSON.stringify(paper, null, 2).replace(/\n/g, '\n    ')}`;
      first = false;
    }
    if (piece) yield piece;
  }
  yield `${first ? ']' : '\n  ]'}\n}\n`;
}

const CSV_COLUMNS = [
  'file',
  'line',
  'section',
  'title',
  'url',
  'arxivId',
  'venue',
  'year',
  'code',
  'tags',
  'tldr',
] as const;

/** RFC 4180: every field quoted, quotes doubled, CRLF between records. */
export function papersCsv(papers: readonly PaperEntry[]): string {
  const field = (v: unknown) =>
    `"${(v === null || v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v)).replace(/"/g, '""')}"`;
  return `${[CSV_COLUMNS.join(','), ...papers.map((p) => CSV_COLUMNS.map((c) => field(p[c])).join(','))].join('\r\n')}\r\n`;
}

/** A BibTeX value: braces balanced, the characters BibTeX and LaTeX treat specially escaped. */
function bibValue(text: string): string {
  return text
    .replace(/[\\{}]/g, '')
    .replace(/([&%$#_])/g, '\\$1')
    .replace(/~/g, '\\textasciitilde{}')
    .replace(/\^/g, '\\textasciicircum{}');
}

/**
 * One `@misc` entry per paper: keyed by the arXiv id where there is one (`arxiv:2403.12968`),
 * else by file and line; duplicates of a key (a paper listed twice) are written once.
 */
export function papersBibtex(papers: readonly PaperEntry[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const p of papers) {
    const key = p.arxivId
      ? `arxiv:${p.arxivId}`
      : `${p.file.replace(/[^A-Za-z0-9]+/g, '-')}-${p.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const fields: [string, string][] = [];
    if (p.title) fields.push(['title', `{${bibValue(p.title)}}`]);
    if (p.year !== null) fields.push(['year', `{${p.year}}`]);
    if (p.venue && !/^arxiv\b/i.test(p.venue)) fields.push(['note', `{${bibValue(p.venue)}}`]);
    if (p.arxivId) {
      fields.push(['eprint', `{${p.arxivId}}`], ['archiveprefix', '{arXiv}']);
    }
    if (p.url) fields.push(['url', `{${p.url.replace(/[{}\\]/g, '')}}`]);
    out.push(`@misc{${key},\n${fields.map(([k, v]) => `  ${k} = ${v}`).join(',\n')}\n}`);
  }
  return out.length ? `${out.join('\n\n')}\n` : '';
}
