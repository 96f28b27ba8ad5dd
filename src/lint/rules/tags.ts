import { code, withCell, type Rule } from '../types.js';
import { COLUMN, exampleRow, exampleTable } from './example-table.js';

export const tags: Rule = {
  id: 'tags',
  description:
    'The tags cell holds one or more backticked tags separated by commas: `` `Pruning`, `RAG` ``.',
  rationale:
    "Tags render as chips only when backticked, and tools read them to build the list's vocabulary and translate them between languages.",
  defaultSeverity: 'error',
  defaultOn: true,
  fixable: true,
  examples: {
    ok: [{ markdown: exampleTable(exampleRow({ tags: '`Pruning`, `RAG`' })) }],
    notOk: [
      {
        markdown: exampleTable(exampleRow({ tags: 'Pruning, RAG' })),
        findings: [{ line: 5, column: COLUMN.tags }],
        fixed: exampleTable(exampleRow({ tags: '`Pruning`, `RAG`' })),
      },
      {
        markdown: exampleTable(exampleRow({ tags: '' })),
        findings: [{ line: 5, column: COLUMN.tags }],
      },
      {
        markdown: exampleTable(exampleRow({ tags: '`Pruning` `RAG`' })),
        findings: [{ line: 5, column: COLUMN.tags }],
        fixed: exampleTable(exampleRow({ tags: '`Pruning`, `RAG`' })),
      },
    ],
  },
  create({ list, report }) {
    return {
      row(row) {
        // Most rows' tags are well formed: that is known without looking at the columns.
        if (row.tagsWellFormed) return;
        const table = list.tables[row.tableIndex]!;
        if (!table.columns.some((c) => c.role === 'tags')) return;
        const cell = row.cell.tags;
        const text = cell?.text ?? '';
        const where = { line: row.line, column: cell?.column ?? 1 };
        if (text === '' || text === '-') {
          report({
            ...where,
            message:
              'Unexpected empty tags cell, expected at least one tag such as `` `Pruning` ``',
          });
          return;
        }
        // Rebuild from backticked tags when there are any, else from comma-separated words.
        const words =
          row.tags && row.tags.length > 0
            ? row.tags
            : text
                .split(/[,，、]/)
                .map((w) => w.trim())
                .filter((w) => w !== '' && !w.includes('`'));
        const fixed = words.map((w) => `\`${w}\``).join(', ');
        report({
          ...where,
          message: `Unexpected ${code(text)}, expected backticked tags separated by commas: ${code(fixed)}`,
          ...(words.length > 0 && cell
            ? { fix: { line: row.line, text: withCell(row, 'tags', fixed) } }
            : {}),
        });
      },
    };
  },
};
