import type { Rule } from '../types.js';
import { exampleRow, exampleTable } from './example-table.js';

export const tableShape: Rule = {
  id: 'table-shape',
  description:
    'Every row of a paper table has as many cells as the header, between leading and trailing pipes.',
  rationale:
    'A row with a missing or extra cell renders with its values under the wrong headers, and GitHub silently drops extra cells. An unescaped `|` inside a title or TL;DR is the usual cause: write it as `\\|`.',
  defaultSeverity: 'error',
  defaultOn: true,
  fixable: true,
  examples: {
    ok: [{ markdown: exampleTable(exampleRow()) }],
    notOk: [
      {
        markdown: exampleTable(exampleRow({ tldr: 'Keeps tokens | drops others' })),
        findings: [{ line: 5, column: 1 }],
      },
      {
        markdown: exampleTable(exampleRow().replace(/^\| /, '').replace(/ \|$/, '')),
        findings: [{ line: 5, column: 1 }],
        fixed: exampleTable(exampleRow()),
      },
    ],
  },
  create({ report }) {
    let expected = 0;
    let headerLine = 0;
    const check = (row: {
      line: number;
      raw: string;
      leadingPipe: boolean;
      trailingPipe: boolean;
      n: number;
    }): void => {
      if (row.n !== expected) {
        report({
          line: row.line,
          column: 1,
          message: `Unexpected ${row.n} cells, expected ${expected} as in the header (line ${headerLine}); an unescaped \`|\` inside a cell splits it, write it as \`\\|\``,
        });
      } else if (!row.leadingPipe || !row.trailingPipe) {
        const trimmed = row.raw.trim();
        const fixed = `${row.leadingPipe ? '' : '| '}${trimmed}${row.trailingPipe ? '' : ' |'}`;
        report({
          line: row.line,
          column: 1,
          message: `Unexpected row without ${row.leadingPipe ? 'a trailing' : row.trailingPipe ? 'a leading' : 'leading and trailing'} \`|\`, expected \`| … |\``,
          fix: { line: row.line, text: fixed },
        });
      }
    };
    return {
      table(table) {
        expected = table.header.cells.length;
        headerLine = table.header.line;
        for (const row of [table.header, table.delimiter]) check({ ...row, n: row.cells.length });
      },
      row(row) {
        if (row.cellCount === expected && row.leadingPipe && row.trailingPipe) return;
        check({
          line: row.line,
          raw: row.raw,
          leadingPipe: row.leadingPipe,
          trailingPipe: row.trailingPipe,
          n: row.cellCount,
        });
      },
    };
  },
};
