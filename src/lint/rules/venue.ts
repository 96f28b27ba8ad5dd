import { arxivVenue, arxivYearMonth, dateShape } from '../../list/index.js';
import { code, withCell, type Rule } from '../types.js';
import { COLUMN, exampleRow, exampleTable } from './example-table.js';

export const venue: Rule = {
  id: 'venue',
  description:
    "The venue cell reads `<VENUE> <YYYY>` (optionally with a qualifier such as `Findings` or `(Oral)`), or `arXiv YYYY.MM` matching the arXiv id; a date column keeps the list's own date format. Lists whose venue cells mostly use another form are not judged by this one.",
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
  create({ list, report, style }) {
    return {
      row(row) {
        if (style.date !== null && row.date !== null && row.date.trim() !== '') {
          // The date column follows the list's own format (`2024.03`, `2024`, `2024-03-15`).
          const shape = dateShape(row.date);
          if (shape !== style.date) {
            const cell = row.cell.date;
            report({
              line: row.line,
              column: cell?.column ?? 1,
              severity: 'warning',
              message: `Unexpected date ${code(row.date)}, expected the list's format ${code(style.date.replace(/9/g, 'N'))}`,
            });
          }
        }
        // A list whose venue cells are not in the `VENUE YYYY` form is not judged by it.
        if (style.venue !== 'seed') return;
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
