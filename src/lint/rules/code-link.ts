import { codeLabelFits, codeLabelFor } from '../../list/index.js';
import { code, locate, replaceInEntry, withCell, type Rule } from '../types.js';
import { COLUMN, exampleRow, exampleTable } from './example-table.js';

const GITHUB_REPO = /^https:\/\/github\.com\/[A-Za-z0-9-]+\/[A-Za-z0-9._-]+(?:\/[^\s]*)?$/;
export const DEFAULT_HOSTS = [
  'github.com',
  'gitlab.com',
  'huggingface.co',
  'codeberg.org',
  'bitbucket.org',
];

export const codeLink: Rule = {
  id: 'code-link',
  description:
    "Code links are labelled the way the list labels most of its code links (`[GitHub](https://github.com/owner/repo)` by default; `[Code]`, the repository's name or a stars badge in lists that write so), and a code cell without code holds what the list writes there (`-` by default).",
  rationale:
    'One spelling and one form keep the column scannable and let tools detect copied code links. Other code hosts are accepted when listed in the rule option `hosts` (default: github.com, gitlab.com, huggingface.co, codeberg.org, bitbucket.org).',
  defaultSeverity: 'error',
  defaultOn: true,
  fixable: true,
  entries: true,
  options: (z) =>
    z.strictObject({
      hosts: z
        ._default(z.array(z.string().check(z.minLength(1))), DEFAULT_HOSTS)
        .check(
          z.describe(
            'Code hosts accepted besides github.com (a list of host names; a link elsewhere is a warning).',
          ),
        ),
    }),
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
  create({ report, options, style }) {
    const hosts = Array.isArray(options['hosts']) ? (options['hosts'] as string[]) : DEFAULT_HOSTS;
    const seedLabel = style.codeLabel === 'GitHub';
    const describe =
      style.codeLabel === null
        ? null
        : style.codeLabel === '<repo>' || style.codeLabel === '[<repo>]'
          ? "the list labels code links with the repository's name"
          : style.codeLabel === '<badge>'
            ? 'the list shows code as a stars badge'
            : `the list labels code links ${code(style.codeLabel)}`;
    return {
      row(row) {
        if (row.code === null || row.code === 'none') return;
        if (typeof row.code === 'object') {
          const { label, url } = row.code;
          // The usual case, decided without splitting the row or parsing a URL.
          if (
            seedLabel &&
            label === 'GitHub' &&
            GITHUB_REPO.test(url) &&
            !/(?:\.git|\/)$/.test(url)
          )
            return;
        }
        const cell = row.shape === 'row' ? row.cell.code : undefined;
        const text = cell?.text ?? '';
        const where = cell
          ? { line: row.line, column: cell.column }
          : typeof row.code === 'object'
            ? locate(row, `[${row.code.label}](${row.code.url})`)
            : { line: row.line, column: 1 };
        const fix = (t: string) =>
          cell ? { fix: { line: row.line, text: withCell(row, 'code', t) } } : {};
        const wantLabel = (url: string) => codeLabelFor(style, url) ?? 'GitHub';
        const expected = seedLabel
          ? 'expected `[GitHub](https://github.com/owner/repo)` or `-`'
          : `expected a link to the code or ${code(style.codeNone || '-')}`;
        if (row.code === 'invalid') {
          // The list's own way of saying "no code" (an empty cell in most of its rows).
          if (text === style.codeNone) return;
          const bare = /^<?(https?:\/\/github\.com\/[^\s>]+?)\/?>?$/i.exec(text);
          const url = bare ? bare[1]!.replace(/^http:/i, 'https:').replace(/\.git$/, '') : null;
          report({
            ...where,
            message: `Unexpected ${text === '' ? 'empty code cell' : code(text)}, ${expected}`,
            ...(text === '' || text === '-'
              ? fix(style.codeNone)
              : url
                ? fix(`[${wantLabel(url)}](${url})`)
                : {}),
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
        // Replace the link where it stands: the code cell, or the entry's text.
        const relink = (newLabel: string, newUrl: string) => {
          if (cell) return fix(`[${newLabel}](${newUrl})`);
          const f = replaceInEntry(row, `[${label}](${url})`, `[${newLabel}](${newUrl})`);
          return f ? { fix: f } : {};
        };
        const labelOk = codeLabelFits(style, label, url);
        if (host === 'github.com') {
          const clean = url
            .replace(/^http:/i, 'https:')
            .replace(/^https:\/\/www\./i, 'https://')
            .replace(/(?:\.git)?\/?$/, '');
          if (!labelOk || clean !== url) {
            const newLabel = labelOk ? label : wantLabel(clean);
            const problems = [
              !labelOk ? `label ${code(label)}` : null,
              clean !== url ? code(url) : null,
            ]
              .filter(Boolean)
              .join(' and ');
            report({
              ...where,
              message: `Unexpected ${problems}, expected ${code(`[${newLabel}](${clean})`)}${!labelOk && !seedLabel && describe ? ` (${describe})` : ''}`,
              ...(GITHUB_REPO.test(clean) && (labelOk || codeLabelFor(style, clean) !== null)
                ? relink(newLabel, clean)
                : {}),
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
        } else if (!labelOk && codeLabelFor(style, url) !== null && !seedLabel) {
          const newLabel = codeLabelFor(style, url)!;
          report({
            ...where,
            message: `Unexpected label ${code(label)}, expected ${code(`[${newLabel}](${url})`)}${describe ? ` (${describe})` : ''}`,
            ...relink(newLabel, url),
          });
        }
      },
    };
  },
};
