import { code, withCell, type Rule } from '../types.js';
import { COLUMN, exampleRow, exampleTable } from './example-table.js';

const GITHUB_REPO = /^https:\/\/github\.com\/[A-Za-z0-9-]+\/[A-Za-z0-9._-]+(?:\/[^\s]*)?$/;
const DEFAULT_HOSTS = [
  'github.com',
  'gitlab.com',
  'huggingface.co',
  'codeberg.org',
  'bitbucket.org',
];

export const codeLink: Rule = {
  id: 'code-link',
  description:
    'The code cell is `[GitHub](https://github.com/owner/repo)` (label spelled `GitHub`) or `-` when there is no code.',
  rationale:
    'One spelling and one form keep the column scannable and let tools detect copied code links. Other code hosts are accepted when listed in the rule option `hosts` (default: github.com, gitlab.com, huggingface.co, codeberg.org, bitbucket.org).',
  defaultSeverity: 'error',
  defaultOn: true,
  fixable: true,
  examples: {
    ok: [
      { markdown: exampleTable(exampleRow()) },
      { markdown: exampleTable(exampleRow({ code: '-' })) },
    ],
    notOk: [
      {
        markdown: exampleTable(
          exampleRow({ code: '[Github](https://github.com/microsoft/LLMLingua)' }),
        ),
        findings: [{ line: 5, column: COLUMN.code }],
        fixed: exampleTable(exampleRow()),
      },
      {
        markdown: exampleTable(
          exampleRow({ code: '[GitHub](http://github.com/microsoft/LLMLingua/)' }),
        ),
        findings: [{ line: 5, column: COLUMN.code }],
        fixed: exampleTable(exampleRow()),
      },
      {
        markdown: exampleTable(exampleRow({ code: 'https://github.com/microsoft/LLMLingua' })),
        findings: [{ line: 5, column: COLUMN.code }],
        fixed: exampleTable(exampleRow()),
      },
      {
        markdown: exampleTable(exampleRow({ code: '' })),
        findings: [{ line: 5, column: COLUMN.code }],
        fixed: exampleTable(exampleRow({ code: '-' })),
      },
      {
        markdown: exampleTable(exampleRow({ code: '[Code](https://example.com/code.zip)' })),
        findings: [{ line: 5, column: COLUMN.code }],
      },
    ],
  },
  create({ report, options }) {
    const hosts = Array.isArray(options['hosts']) ? (options['hosts'] as string[]) : DEFAULT_HOSTS;
    return {
      row(row) {
        if (row.code === null || row.code === 'none') return;
        if (typeof row.code === 'object') {
          const { label, url } = row.code;
          // The usual case, decided without splitting the row or parsing a URL.
          if (label === 'GitHub' && GITHUB_REPO.test(url) && !/(?:\.git|\/)$/.test(url)) return;
        }
        const cell = row.cell.code;
        const text = cell?.text ?? '';
        const where = { line: row.line, column: cell?.column ?? 1 };
        const fix = (t: string) =>
          cell ? { fix: { line: row.line, text: withCell(row, 'code', t) } } : {};
        const expected = 'expected `[GitHub](https://github.com/owner/repo)` or `-`';
        if (row.code === 'invalid') {
          const bare = /^<?(https?:\/\/github\.com\/[^\s>]+?)\/?>?$/i.exec(text);
          const url = bare ? bare[1]!.replace(/^http:/i, 'https:').replace(/\.git$/, '') : null;
          report({
            ...where,
            message: `Unexpected ${text === '' ? 'empty code cell' : code(text)}, ${expected}`,
            ...(text === '' ? fix('-') : url ? fix(`[GitHub](${url})`) : {}),
          });
          return;
        }
        const { label, url } = row.code;
        let host: string;
        try {
          host = new URL(url).hostname.replace(/^www\./, '').toLowerCase();
        } catch {
          report({ ...where, message: `Unexpected code link ${code(url)}, ${expected}` });
          return;
        }
        if (host === 'github.com') {
          const clean = url
            .replace(/^http:/i, 'https:')
            .replace(/^https:\/\/www\./i, 'https://')
            .replace(/(?:\.git)?\/?$/, '');
          if (label !== 'GitHub' || clean !== url) {
            const problems = [
              label !== 'GitHub' ? `label ${code(label)}` : null,
              clean !== url ? code(url) : null,
            ]
              .filter(Boolean)
              .join(' and ');
            report({
              ...where,
              message: `Unexpected ${problems}, expected ${code(`[GitHub](${clean})`)}`,
              ...(GITHUB_REPO.test(clean) ? fix(`[GitHub](${clean})`) : {}),
            });
          } else if (!GITHUB_REPO.test(url)) {
            report({
              ...where,
              message: `Unexpected ${code(url)}, expected a repository link \`https://github.com/owner/repo\``,
            });
          }
        } else if (!hosts.includes(host)) {
          report({
            ...where,
            severity: 'warning',
            message: `Unexpected code host ${code(host)}, ${expected} (add the host to the rule option \`hosts\` to allow it)`,
          });
        }
      },
    };
  },
};
