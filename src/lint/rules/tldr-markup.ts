import { parseMarkdown } from '../../list/markdown.js';
import type { Nodes } from 'mdast';
import { code, type Rule } from '../types.js';
import { COLUMN, exampleRow, exampleTable } from './example-table.js';

/** Cheap test first: only a cell with one of these can hold a link, an image, HTML or a URL. */
/** Text with none of these holds no link, image, HTML or bare URL. */
export const SUSPECT = /[[<]|https?:\/\/|www\./i;
/** A URL GitHub links without brackets (GFM extended autolinks). */
const BARE_URL = /(?:https?:\/\/|(?<![\w.-])www\.)[^\s<>]+/gi;

interface Markup {
  kind: 'link' | 'image' | 'autolink' | 'URL' | 'HTML';
  /** 0-based offset in the cell text. */
  offset: number;
  text: string;
}

/**
 * Links, images, autolinks, bare URLs and HTML in a cell's Markdown, as CommonMark reads them
 * (remark): escaped brackets and code spans (`<T>` in `` `Vec<T>` ``) are not markup.
 */
export function markupIn(cell: string): Markup[] {
  if (!SUSPECT.test(cell)) return [];
  const out: Markup[] = [];
  const visit = (node: Nodes): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      const source = cell.slice(start, end);
      if (node.type === 'link') {
        out.push({
          kind: source.startsWith('<') ? 'autolink' : 'link',
          offset: start,
          text: source,
        });
        return;
      }
      if (node.type === 'image') {
        out.push({ kind: 'image', offset: start, text: source });
        return;
      }
      if (node.type === 'html') {
        // Named by its tag only: the message never repeats a comment or an attribute verbatim.
        const tag = /^<(\/?[a-z][a-z0-9-]*)/i.exec(source);
        out.push({ kind: 'HTML', offset: start, text: tag ? `<${tag[1]}>` : '<!-- -->' });
        return;
      }
      if (node.type === 'text') {
        for (const m of source.matchAll(BARE_URL))
          out.push({
            kind: 'URL',
            offset: start + m.index,
            text: m[0].replace(/[.,;:!?'")]+$/, ''),
          });
        return;
      }
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(parseMarkdown(cell));
  return out.sort((a, b) => a.offset - b.offset);
}

export const tldrMarkup: Rule = {
  id: 'tldr-markup',
  description:
    'The TL;DR (or Focus) cell is plain text: no links, images, autolinks, bare URLs or HTML.',
  rationale:
    "A TL;DR says in one sentence what the paper does; the row's links belong in its title and code cells. A link, an image (a tracking pixel) or HTML in the summary is often pasted by accident, or written by a model that an abstract talked into it, so it is flagged wherever it comes from. Rewrite the sentence without it; nothing is fixed automatically, because only a person can tell what the words around it should say.",
  defaultSeverity: 'warning',
  defaultOn: true,
  fixable: false,
  examples: {
    ok: [
      { markdown: exampleTable(exampleRow()) },
      {
        markdown: exampleTable(
          exampleRow({ tldr: 'Keeps `Vec<T>` buffers \\[sic\\] when a < b, at 2x speed.' }),
        ),
      },
    ],
    notOk: [
      {
        markdown: exampleTable(
          exampleRow({ tldr: 'Prunes tokens; see [the demo](https://example.com/demo).' }),
        ),
        findings: [{ line: 5, column: COLUMN.tldr + 19 }],
      },
      {
        markdown: exampleTable(
          exampleRow({
            tldr: '![x](https://example.com/p.png) Prunes tokens <b>fast</b>, code at https://example.com/c.',
          }),
        ),
        findings: [
          { line: 5, column: COLUMN.tldr },
          { line: 5, column: COLUMN.tldr + 46 },
          { line: 5, column: COLUMN.tldr + 53 },
          { line: 5, column: COLUMN.tldr + 67 },
        ],
      },
      {
        markdown: exampleTable(exampleRow({ tldr: 'Prunes tokens <https://example.com/x>.' })),
        findings: [{ line: 5, column: COLUMN.tldr + 14 }],
      },
    ],
  },
  create({ list, report }) {
    return {
      row(row) {
        // A row's TL;DR is its TL;DR (else focus) cell's text: most hold nothing suspect, and
        // their cells are not split (a row keeps the cells it was asked for).
        if (row.shape !== 'row' || row.tldr === null || !SUSPECT.test(row.tldr)) return;
        const cell = row.cell.tldr ?? row.cell.focus;
        if (!cell) return;
        const found = markupIn(cell.text);
        if (found.length === 0) return;
        const header =
          list.tables[row.tableIndex]!.columns.find((c) => c.role === 'tldr' || c.role === 'focus')
            ?.header ?? 'TL;DR';
        for (const m of found)
          report({
            line: row.line,
            column: cell.column + m.offset,
            message: `Unexpected ${m.kind} ${code(m.text)} in the ${header} cell, expected plain text (links belong in the title and code cells)`,
          });
      },
    };
  },
};
