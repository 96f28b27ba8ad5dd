import type { Rule } from '../types.js';
import { COLUMN, exampleRow, exampleTable } from './example-table.js';

export const tldr: Rule = {
  id: 'tldr',
  description: 'Every row has a TL;DR (or Focus) sentence.',
  rationale:
    'The one-line summary is why readers use a curated list instead of a search engine; a row without one is unfinished.',
  defaultSeverity: 'error',
  defaultOn: true,
  fixable: false,
  examples: {
    ok: [{ markdown: exampleTable(exampleRow()) }],
    notOk: [
      {
        markdown: exampleTable(exampleRow({ tldr: '' })),
        findings: [{ line: 5, column: COLUMN.tldr }],
      },
      {
        markdown: exampleTable(exampleRow({ tldr: '-' })),
        findings: [{ line: 5, column: COLUMN.tldr }],
      },
    ],
  },
  create({ list, report }) {
    return {
      row(row) {
        const table = list.tables[row.tableIndex]!;
        const column = table.columns.find((c) => c.role === 'tldr' || c.role === 'focus');
        if (!column) return;
        const text = row.tldr?.trim() ?? '';
        if (text === '' || text === '-' || text === '—' || /^(?:tbd|todo|n\/a)$/i.test(text)) {
          const cell = row.cell.tldr ?? row.cell.focus;
          report({
            line: row.line,
            column: cell?.column ?? 1,
            message: `Unexpected ${text === '' ? 'empty' : `\`${text}\``} ${column.header} cell, expected one sentence saying what the paper does`,
          });
        }
      },
    };
  },
};
