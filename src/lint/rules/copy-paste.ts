import { code, type Rule } from '../types.js';
import { exampleRow, exampleTable } from './example-table.js';

const normal = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();

export const copyPaste: Rule = {
  id: 'copy-paste',
  description: 'Two different papers do not share both the same code link and the same TL;DR.',
  rationale:
    'When a new row is made by copying the row above, the code link and TL;DR are often left as they were. Two papers may share a repository (LLMLingua and LongLLMLingua do), but not a repository and a summary.',
  defaultSeverity: 'warning',
  defaultOn: true,
  fixable: false,
  examples: {
    ok: [
      {
        markdown: exampleTable(
          exampleRow(),
          exampleRow({
            title: '[LongLLMLingua](https://arxiv.org/abs/2310.06839)',
            tldr: 'Ranks retrieved documents by question relevance before compressing them.',
          }),
        ),
      },
    ],
    notOk: [
      {
        markdown: exampleTable(
          exampleRow(),
          exampleRow({ title: '[LongLLMLingua](https://arxiv.org/abs/2310.06839)' }),
        ),
        findings: [{ line: 6, column: 3 }],
      },
    ],
  },
  create({ report }) {
    // Rows by code URL first (most URLs are unique); TL;DRs are compared only within a URL.
    const byUrl = new Map<string, { key: string; line: number; title: string; tldr: string }[]>();
    return {
      row(row) {
        if (typeof row.code !== 'object' || row.code === null || !row.tldr?.trim()) return;
        const lower = row.code.url.toLowerCase();
        const url = lower.endsWith('/') ? lower.slice(0, -1) : lower;
        const earlier = byUrl.get(url);
        const tldr = earlier ? normal(row.tldr) : row.tldr;
        const other = earlier?.find((e) => normal(e.tldr) === tldr && e.key !== row.key);
        if (other) {
          report({
            line: row.line,
            column: row.cell.title?.column ?? 1,
            message: `Unexpected code link and TL;DR identical to ${code(other.title)} (line ${other.line}), expected this paper's own: was the row copied?`,
          });
        }
        const entry = { key: row.key, line: row.line, title: row.title ?? '', tldr };
        if (earlier) earlier.push(entry);
        else byUrl.set(url, [entry]);
      },
    };
  },
};
