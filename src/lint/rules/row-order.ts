import { entryDate } from '../../list/index.js';
import { code, type Rule } from '../types.js';

import { COLUMN, exampleRow, exampleTable } from './example-table.js';

export const rowOrder: Rule = {
  id: 'row-order',
  description:
    'Rows in each table are ordered by date, newest first (option `order: oldest-first` reverses it). Off by default; on by itself in a list that keeps an order (nine in ten neighbouring entries in it), in that order.',
  rationale:
    'Lists that promise "newest first" lose the promise one out-of-place row at a time. The date is the venue year, or the month of an `arXiv YYYY.MM` preprint.',
  defaultSeverity: 'warning',
  defaultOn: false,
  fixable: false,
  entries: true,
  onWhen: (style) => style.order !== null,
  options: (z) =>
    z.strictObject({
      order: z
        .optional(z.enum(['newest-first', 'oldest-first']))
        .check(
          z.describe(
            "The order of rows by date. Not set: the list's own order (`style.order`), newest first when it keeps none.",
          ),
        ),
    }),
  examples: {
    ok: [
      {
        markdown: exampleTable(
          exampleRow({ venue: 'arXiv 2024.06' }),
          exampleRow({ venue: 'ACL 2024' }),
          exampleRow({ venue: 'EMNLP 2023' }),
        ),
      },
    ],
    notOk: [
      {
        markdown: exampleTable(
          exampleRow({ venue: 'EMNLP 2023' }),
          exampleRow({ venue: 'ACL 2024' }),
        ),
        findings: [{ line: 6, column: COLUMN.venue }],
      },
      {
        markdown: exampleTable(
          exampleRow({ venue: 'ACL 2024' }),
          exampleRow({ venue: 'EMNLP 2023' }),
        ),
        options: { order: 'oldest-first' },
        findings: [{ line: 6, column: COLUMN.venue }],
      },
    ],
  },
  create({ report, options, style }) {
    const newestFirst =
      options['order'] === undefined
        ? style.order !== 'oldest-first'
        : options['order'] !== 'oldest-first';
    // Venues without a month (date % 100 === 0) compare by year only.
    const cmp = (a: number, b: number): number =>
      a % 100 === 0 || b % 100 === 0 ? Math.floor(a / 100) - Math.floor(b / 100) : a - b;
    let previous: { date: number; venue: string } | null = null;
    return {
      table() {
        previous = null;
      },
      row(row) {
        const date = entryDate(row);
        if (date === null) return;
        if (
          previous &&
          (newestFirst ? cmp(date, previous.date) > 0 : cmp(date, previous.date) < 0)
        ) {
          report({
            line: row.line,
            column: (row.cell.venue ?? row.cell.date)?.column ?? 1,
            message: `Unexpected ${code(row.venue ?? row.date ?? '')} after ${code(previous.venue)}, expected ${newestFirst ? 'newest' : 'oldest'} first`,
          });
        }
        previous = { date, venue: row.venue ?? row.date ?? '' };
      },
    };
  },
};
