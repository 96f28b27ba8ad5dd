import { code, type Rule } from '../types.js';
import { exampleRow, exampleTable } from './example-table.js';

export const duplicateInTable: Rule = {
  id: 'duplicate-in-table',
  description: 'A paper (same arXiv id, or same title when it has none) appears once per table.',
  rationale:
    'A second row for the same paper is a merge leftover; delete one of them, keeping the row with the better TL;DR.',
  defaultSeverity: 'error',
  defaultOn: true,
  fixable: false,
  entries: true,
  examples: {
    ok: [
      {
        markdown: exampleTable(
          exampleRow(),
          exampleRow({ title: '[LongLLMLingua](https://arxiv.org/abs/2310.06839)' }),
        ),
      },
    ],
    notOk: [
      {
        markdown: exampleTable(
          exampleRow(),
          exampleRow({ title: '[LLMLingua-2](https://arxiv.org/pdf/2403.12968v1)' }),
        ),
        findings: [{ line: 6, column: 3 }],
      },
      {
        markdown: exampleTable(
          exampleRow({ title: '[Some Paper](https://example.org/a)' }),
          exampleRow({ title: '[Some paper.](https://example.org/b)' }),
        ),
        findings: [{ line: 6, column: 3 }],
      },
    ],
  },
  create({ list, blame, report }) {
    let first = new Map<string, number>();
    // An earlier row reported for a later copy (see RuleContext.blame) is reported once.
    const reportedEarlier = new Set<number>();
    return {
      table() {
        first = new Map();
      },
      row(row) {
        if (row.key === 'title:') return;
        // The arXiv id itself (a flat string) is the cheaper map key; titles keep their prefix.
        const key = row.arxiv?.id ?? row.key;
        const seen = first.get(key);
        if (seen === undefined) {
          first.set(key, row.line);
          return;
        }
        if (blame(seen, row.line) === row.line)
          report({
            line: row.line,
            column: row.cell.title?.column ?? 1,
            message: `Unexpected second row for ${code(row.title ?? row.key)}, expected each paper once per table (first at line ${seen}); delete one of the rows`,
          });
        else if (!reportedEarlier.has(seen)) {
          reportedEarlier.add(seen);
          report({
            line: seen,
            column: list.rowAt(seen)?.cell.title?.column ?? 1,
            message: `Unexpected second row for ${code(row.title ?? row.key)}, expected each paper once per table (also at line ${row.line}); delete one of the rows`,
          });
        }
      },
    };
  },
};
