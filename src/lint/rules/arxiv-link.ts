import { canonicalArxivUrl } from '../../list/index.js';
import { code, withCell, type Rule } from '../types.js';
import { exampleRow, exampleTable } from './example-table.js';

const title = (url: string): string =>
  `[LLMLingua-2: Data Distillation for Efficient and Faithful Task-Agnostic Prompt Compression](${url})`;

export const arxivLink: Rule = {
  id: 'arxiv-link',
  description:
    'arXiv links point at the canonical abstract page `https://arxiv.org/abs/<id>`, without a version.',
  rationale:
    'A `pdf/` link downloads a file instead of showing the abstract; a `v2` link freezes an old version; `http:` and `export.` hosts are not the public page. One canonical form also lets tools find the same paper in both READMEs and spot duplicates.',
  defaultSeverity: 'error',
  defaultOn: true,
  fixable: true,
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
  create({ report }) {
    return {
      row(row) {
        if (!row.arxiv || row.arxiv.canonical || row.titleLink?.kind !== 'link') return;
        const cell = row.cell.title;
        if (!cell) return;
        const url = row.titleLink.url;
        const expected = canonicalArxivUrl(row.arxiv.id);
        const i = cell.text.lastIndexOf(`(${url})`);
        const fixedCell =
          i === -1
            ? null
            : `${cell.text.slice(0, i)}(${expected})${cell.text.slice(i + url.length + 2)}`;
        report({
          line: row.line,
          column: cell.column,
          message: `Unexpected ${code(url)}, expected ${code(expected)} (the abstract page, without version)`,
          ...(fixedCell === null
            ? {}
            : { fix: { line: row.line, text: withCell(row, 'title', fixedCell) } }),
        });
      },
    };
  },
};
