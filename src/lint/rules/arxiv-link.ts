import { arxivUrlFor } from '../../list/index.js';
import { code, replaceInEntry, withCell, type Rule } from '../types.js';
import { exampleRow, exampleTable } from './example-table.js';

const title = (url: string): string =>
  `[LLMLingua-2: Data Distillation for Efficient and Faithful Task-Agnostic Prompt Compression](${url})`;

export const arxivLink: Rule = {
  id: 'arxiv-link',
  description:
    'arXiv links point at one page of the paper, the one the list uses for most of its links: the abstract page `https://arxiv.org/abs/<id>` (the default) or the PDF `https://arxiv.org/pdf/<id>`, without a version.',
  rationale:
    'A `pdf/` link downloads a file instead of showing the abstract; a `v2` link freezes an old version; `http:` and `export.` hosts are not the public page. One form also lets tools find the same paper in both READMEs and spot duplicates. A list whose links mostly open the PDF keeps that form (`style.arxivLink: pdf` pins it).',
  defaultSeverity: 'error',
  defaultOn: true,
  fixable: true,
  entries: true,
  examples: {
    ok: [{ markdown: exampleTable(exampleRow()) }],
    notOk: [
      {
        markdown: exampleTable(exampleRow({ title: title('https://arxiv.org/pdf/2403.12968') })),
        findings: [{ line: 5, column: 3 }],
        fixed: exampleTable(exampleRow()),
      },
      {
        markdown: exampleTable(exampleRow({ title: title('https://arxiv.org/abs/2403.12968v2') })),
        findings: [{ line: 5, column: 3 }],
        fixed: exampleTable(exampleRow()),
      },
      {
        markdown: exampleTable(
          exampleRow({ title: title('http://export.arxiv.org/pdf/2403.12968v1.pdf') }),
        ),
        findings: [{ line: 5, column: 3 }],
        fixed: exampleTable(exampleRow()),
      },
    ],
  },
  create({ report, style }) {
    return {
      row(row) {
        if (!row.arxiv || !row.url || !row.urlSource) return;
        const expected = arxivUrlFor(style, row.arxiv.id);
        if (row.url === expected) return;
        // A list that writes versions keeps them (`…/2403.12968v2`).
        if (
          style.arxivVersions === 'keep' &&
          row.url === expected.replace(/(\.pdf)?$/, `v${row.arxiv.version}$1`)
        )
          return;
        const url = row.url;
        const pdfList = style.arxivLink === 'pdf';
        const why = pdfList
          ? "the list's arXiv links open the PDF, without a version"
          : 'the abstract page, without version';
        const cell = row.urlSource === 'title' ? row.cell.title : undefined;
        let fix: { line: number; text: string } | null = null;
        if (cell) {
          const i = cell.text.lastIndexOf(`(${url})`);
          if (i !== -1)
            fix = {
              line: row.line,
              text: withCell(
                row,
                'title',
                `${cell.text.slice(0, i)}(${expected})${cell.text.slice(i + url.length + 2)}`,
              ),
            };
        } else if (row.urlSource === 'cell' || row.urlSource === 'text') {
          fix = replaceInEntry(row, `](${url})`, `](${expected})`);
        }
        const column = cell?.column ?? (fix ? fix.text.indexOf(expected) + 1 : 1);
        report({
          line: fix?.line ?? row.line,
          column: Math.max(1, column),
          message: `Unexpected ${code(url)}, expected ${code(expected)} (${why})`,
          ...(fix ? { fix } : {}),
        });
      },
    };
  },
};
