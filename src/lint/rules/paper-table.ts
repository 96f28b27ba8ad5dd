import { code, type Rule } from '../types.js';
import { exampleRow, exampleTable } from './example-table.js';

export const paperTable: Rule = {
  id: 'paper-table',
  description:
    'The file holds papers: at least one table whose header names a title column, or list items that link papers.',
  rationale:
    'A list file with no table curator can read is either the wrong file or a list whose headers use other words. Rather than report "no problems", curator says so; add the header word under `columns.title` in `.github/curator.yml` to teach it.',
  defaultSeverity: 'warning',
  defaultOn: true,
  fixable: false,
  examples: {
    ok: [{ markdown: exampleTable(exampleRow()) }],
    notOk: [
      { markdown: '# A list\n\nOnly prose here.\n', findings: [{ line: 1, column: 1 }] },
      {
        markdown: '# A list\n\n| Werk | Jahr |\n| --- | --- |\n| [A](https://a.org) | 2024 |\n',
        findings: [{ line: 3, column: 1 }],
      },
    ],
  },
  create({ list, report }) {
    if (list.tables.some((t) => t.isPaperTable)) return {};
    const first = list.tables[0];
    if (first) {
      const headers = first.columns.map((c) => c.header).join(' | ');
      report({
        line: first.header.line,
        column: 1,
        message: `Unexpected table header ${code(headers)}, expected a title column (\`Paper Title\`, \`Title\`, \`论文标题\` …): no paper table in this file; name yours under \`columns.title\` in .github/curator.yml`,
      });
    } else {
      report({
        line: 1,
        column: 1,
        message: `Unexpected ${list.text.trim() === '' ? 'empty file' : 'file without tables'}, expected a Markdown table of papers (header \`| Paper Title | Venue/Date | … |\`) or list items that link papers (\`- [Title](https://arxiv.org/abs/…)\`)`,
      });
    }
    return {};
  },
};
