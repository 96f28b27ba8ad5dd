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
  entries: true,
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
  create({ list, blame, report }) {
    // Lines by code URL (most URLs are unique); on a repeat, the earlier rows are read again.
    const byUrl = new Map<string, number | number[]>();
    return {
      row(row) {
        if (typeof row.code !== 'object' || row.code === null || !row.tldr?.trim()) return;
        const url = row.code.url;
        // GitHub paths are case-insensitive; most are written in lower case already.
        const key = /[A-Z]|\/$/.test(url) ? url.toLowerCase().replace(/\/$/, '') : url;
        const seen = byUrl.get(key);
        if (seen === undefined) {
          byUrl.set(key, row.line);
          return;
        }
        const earlier = typeof seen === 'number' ? [seen] : seen;
        const tldr = normal(row.tldr);
        for (const line of earlier) {
          const other = list.rowAt(line);
          if (!other || other.key === row.key || normal(other.tldr ?? '') !== tldr) continue;
          // The copy is the row a change touched, above or below the row it was copied from.
          const [at, source] =
            blame(other.line, row.line) === row.line ? [row, other] : [other, row];
          report({
            line: at.line,
            column: at.cell.title?.column ?? 1,
            message: `Unexpected code link and TL;DR identical to ${code(source.title ?? '')} (line ${source.line}), expected this paper's own: was the row copied?`,
          });
          break;
        }
        byUrl.set(key, [...earlier, row.line]);
      },
    };
  },
};
