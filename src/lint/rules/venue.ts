import { arxivVenue, arxivYearMonth } from '../../list/index.js';
import { code, withCell, type Rule } from '../types.js';
import { COLUMN, exampleRow, exampleTable } from './example-table.js';

export const venue: Rule = {
  id: 'venue',
  description:
    'The venue cell reads `<VENUE> <YYYY>` (optionally with a qualifier such as `Findings` or `(Oral)`), or `arXiv YYYY.MM` matching the arXiv id.',
  rationale:
    'Readers scan the venue column to judge a paper; `-` tells them nothing, and a preprint date that disagrees with its arXiv id is simply wrong. The fix writes the preprint date from the id.',
  defaultSeverity: 'error',
  defaultOn: true,
  fixable: true,
  examples: {
    ok: [
      { markdown: exampleTable(exampleRow({ venue: 'ACL 2024 Findings' })) },
      { markdown: exampleTable(exampleRow({ venue: 'arXiv 2024.03' })) },
      { markdown: exampleTable(exampleRow({ venue: 'NeurIPS 2023 (Oral)' })) },
    ],
    notOk: [
      {
        markdown: exampleTable(exampleRow({ venue: '-' })),
        findings: [{ line: 5, column: COLUMN.venue }],
        fixed: exampleTable(exampleRow({ venue: 'arXiv 2024.03' })),
      },
      {
        markdown: exampleTable(exampleRow({ venue: 'arXiv 2024.05' })),
        findings: [{ line: 5, column: COLUMN.venue }],
        fixed: exampleTable(exampleRow({ venue: 'arXiv 2024.03' })),
      },
      {
        markdown: exampleTable(exampleRow({ venue: 'arXiv 2024.3' })),
        findings: [{ line: 5, column: COLUMN.venue }],
        fixed: exampleTable(exampleRow({ venue: 'arXiv 2024.03' })),
      },
      {
        markdown: exampleTable(exampleRow({ venue: 'accepted somewhere' })),
        findings: [{ line: 5, column: COLUMN.venue }],
      },
    ],
  },
  create({ list, report }) {
    return {
      row(row) {
        const v = row.venueInfo;
        if (v.kind === 'venue' || (v.kind === 'arxiv' && !row.arxiv)) return; // the usual, valid cases
        if (v.kind === 'arxiv' && row.arxiv && v.padded) {
          const id = arxivYearMonth(row.arxiv.id);
          if (v.year === id.year && (v.month === null || v.month === id.month)) return;
        }
        const table = list.tables[row.tableIndex]!;
        if (!table.columns.some((c) => c.role === 'venue')) return;
        const cell = row.cell.venue;
        const where = { line: row.line, column: cell?.column ?? 1 };
        const fromId = row.arxiv ? arxivVenue(row.arxiv.id) : null;
        const fix = (text: string) => ({
          fix: { line: row.line, text: withCell(row, 'venue', text) },
        });
        const expected =
          'expected a venue and year such as `ACL 2024`, or `arXiv YYYY.MM` for a preprint';
        if (v.kind === 'missing') {
          report({
            ...where,
            message: `Unexpected ${cell?.text ? code(cell.text) : 'empty venue'}, ${expected}`,
            ...(fromId && cell ? fix(fromId) : {}),
          });
        } else if (v.kind === 'invalid') {
          report({ ...where, message: `Unexpected venue ${code(cell?.text ?? '')}, ${expected}` });
        } else if (v.kind === 'arxiv' && row.arxiv) {
          const id = arxivYearMonth(row.arxiv.id);
          if (v.year !== id.year || (v.month !== null && v.month !== id.month)) {
            const want = v.month === null ? `arXiv ${id.year}` : fromId!;
            report({
              ...where,
              message: `Unexpected ${code(cell!.text)}, expected ${code(want)}: the arXiv id ${row.arxiv.id} was assigned in ${id.year}.${String(id.month).padStart(2, '0')}`,
              ...fix(want),
            });
          } else if (!v.padded) {
            report({
              ...where,
              message: `Unexpected ${code(cell!.text)}, expected ${code(fromId!)}`,
              ...fix(fromId!),
            });
          }
        }
      },
    };
  },
};
