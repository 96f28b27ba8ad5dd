import { arxivYearMonth } from '../../list/index.js';
import { code, type Rule } from '../types.js';
import { COLUMN, exampleRow, exampleTable } from './example-table.js';

export const venueYear: Rule = {
  id: 'venue-year',
  description: "A venue year is not earlier than the year of the paper's arXiv id.",
  rationale:
    'A paper cannot appear at a venue the year before its preprint was posted; a venue off by one year is a common slip when copying rows. Check the proceedings and correct the year.',
  defaultSeverity: 'warning',
  defaultOn: true,
  fixable: false,
  examples: {
    ok: [
      { markdown: exampleTable(exampleRow({ venue: 'ACL 2024' })) },
      { markdown: exampleTable(exampleRow({ venue: 'ICLR 2025' })) },
    ],
    notOk: [
      {
        markdown: exampleTable(exampleRow({ venue: 'ACL 2023' })),
        findings: [{ line: 5, column: COLUMN.venue }],
      },
    ],
  },
  create({ report }) {
    return {
      row(row) {
        if (!row.arxiv || !row.has('venue')) return;
        const v = row.venueInfo;
        if (v.kind !== 'venue') return;
        const { year } = arxivYearMonth(row.arxiv.id);
        if (v.year < year) {
          const cell = row.cell.venue!;
          report({
            line: row.line,
            column: cell.column,
            message: `Unexpected ${code(cell.text)}, expected ${year} or later: the arXiv preprint ${row.arxiv.id} dates from ${year}; check the proceedings`,
          });
        }
      },
    };
  },
};
