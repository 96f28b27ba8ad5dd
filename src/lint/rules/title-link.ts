import { code, withCell, type Rule } from '../types.js';
import { exampleRow, exampleTable } from './example-table.js';

export const titleLink: Rule = {
  id: 'title-link',
  description:
    'The title cell is exactly one Markdown link to the paper, over https, not to a PDF.',
  rationale:
    'Readers click the title to reach the paper; tools read the link to know which paper a row is. A list whose titles are mostly plain text, with the paper linked in another column (`| Title | Paper |`), keeps that form. Link the abstract page (for arXiv, `https://arxiv.org/abs/<id>`), not a PDF that downloads.',
  defaultSeverity: 'error',
  defaultOn: true,
  fixable: true,
  examples: {
    ok: [
      {
        markdown: exampleTable(
          exampleRow({
            title:
              '[Nugget: Neural Compression for Efficient Prompt Decoding](https://openreview.net/forum?id=abc)',
          }),
        ),
      },
    ],
    notOk: [
      {
        markdown: exampleTable(exampleRow({ title: 'LLMLingua-2' })),
        findings: [{ line: 5, column: 3 }],
      },
      {
        markdown: exampleTable(
          exampleRow({ title: '[Nugget](http://openreview.net/forum?id=abc)' }),
        ),
        findings: [{ line: 5, column: 3 }],
        fixed: exampleTable(exampleRow({ title: '[Nugget](https://openreview.net/forum?id=abc)' })),
      },
      {
        markdown: exampleTable(
          exampleRow({ title: '[Nugget](https://aclanthology.org/2024.acl-long.1.pdf)' }),
        ),
        findings: [{ line: 5, column: 3 }],
      },
      {
        markdown: exampleTable(
          exampleRow({
            title: '[A](https://arxiv.org/abs/2403.12968) [B](https://arxiv.org/abs/2310.06839)',
          }),
        ),
        findings: [{ line: 5, column: 3 }],
      },
    ],
  },
  create({ report, style }) {
    return {
      row(row) {
        if (!row.has('title')) return;
        // A list whose titles are plain text with the paper in another column (`| Title | Paper |`).
        if (!style.titleLink && row.urlSource === 'cell' && row.title) return;
        if (
          row.titleLink?.kind === 'link' &&
          row.title !== '' &&
          (row.arxiv || /^https:\/\/[^\s]*$/i.test(row.titleLink.url)) &&
          !/\.pdf(?:$|[?#])/i.test(row.titleLink.url)
        )
          return;
        const cell = row.cell.title!;
        const where = { line: row.line, column: cell.column };
        if (row.titleLink?.kind !== 'link') {
          const links = row.titleLink?.links ?? 0;
          const found =
            cell.text === ''
              ? 'an empty title cell'
              : links === 0
                ? `${code(cell.text)} without a link`
                : `${links === 1 ? 'a link with other text' : `${links} links`} in ${code(cell.text)}`;
          report({
            ...where,
            message: `Unexpected ${found}, expected one Markdown link \`[Paper title](https://…)\``,
          });
          return;
        }
        if (row.title === '')
          report({ ...where, message: 'Unexpected empty link text, expected the paper title' });
        if (row.arxiv) return; // arxiv-link checks arXiv URLs
        const url = row.titleLink.url;
        if (/^http:\/\//i.test(url)) {
          const fixedUrl = url.replace(/^http:/i, 'https:');
          const text = withCell(row, 'title', cell.text.replace(`(${url})`, `(${fixedUrl})`));
          report({
            ...where,
            message: `Unexpected ${code(url)}, expected ${code(fixedUrl)}`,
            fix: { line: row.line, text },
          });
        } else if (!/^https:\/\//i.test(url)) {
          report({
            ...where,
            message: `Unexpected link ${code(url)}, expected an https URL of the paper's page`,
          });
        } else if (/\.pdf(?:$|[?#])/i.test(url)) {
          report({
            ...where,
            severity: 'warning',
            message: `Unexpected PDF link ${code(url)}, expected the paper's abstract page (arXiv \`https://arxiv.org/abs/<id>\` when it has one)`,
          });
        }
      },
    };
  },
};
