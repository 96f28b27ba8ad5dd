import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/index.js';
import { lintList, RULES, type Finding } from '../../src/lint/index.js';
import { fixture, SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const rule = RULES.find((r) => r.id === 'tldr-markup')!;

function lint(markdown: string): Finding[] {
  return lintList(parseList(markdown, 'README.md'), {}, [rule]);
}

const table = (header: string, cell: string) =>
  [
    '## Papers',
    '',
    `| Paper Title | Venue/Date | Tags | Code | ${header} |`,
    '| :--- | :--- | :--- | :--- | :--- |',
    `| [Gist Tokens](https://arxiv.org/abs/2304.08467) | NeurIPS 2023 | \`Gist\` | - | ${cell} |`,
    '',
  ].join('\n');

/** 1-based column of `part` in the row on line 5. */
const columnOf = (markdown: string, part: string) => markdown.split('\n')[4]!.indexOf(part) + 1;

describe('tldr-markup', () => {
  it('is on by default as a warning, with no fix', () => {
    expect(rule).toMatchObject({ defaultSeverity: 'warning', defaultOn: true, fixable: false });
    const md = table('TL;DR', 'Learns gist tokens, see [demo](https://example.com/d).');
    const findings = lint(md);
    expect(findings).toEqual([
      {
        ruleId: 'tldr-markup',
        severity: 'warning',
        line: 5,
        column: columnOf(md, '[demo]'),
        message:
          'Unexpected link `[demo](https://example.com/d)` in the TL;DR cell, expected plain text (links belong in the title and code cells)',
      },
    ]);
  });

  it('names each kind of markup, where it starts, and the column by its header', () => {
    const cell =
      '<img src=x onerror=alert(1)> Gist ![p](https://evil.example/p.png) <https://evil.example/a> www.evil.example/b, https://evil.example/c.';
    const md = table('Focus', cell);
    expect(lint(md).map((f) => [f.column, f.message])).toEqual([
      [
        columnOf(md, '<img'),
        'Unexpected HTML `<img>` in the Focus cell, expected plain text (links belong in the title and code cells)',
      ],
      [
        columnOf(md, '![p]'),
        'Unexpected image `![p](https://evil.example/p.png)` in the Focus cell, expected plain text (links belong in the title and code cells)',
      ],
      [
        columnOf(md, '<https'),
        'Unexpected autolink `<https://evil.example/a>` in the Focus cell, expected plain text (links belong in the title and code cells)',
      ],
      [
        columnOf(md, 'www.'),
        'Unexpected URL `www.evil.example/b` in the Focus cell, expected plain text (links belong in the title and code cells)',
      ],
      [
        columnOf(md, 'https://evil.example/c'),
        'Unexpected URL `https://evil.example/c` in the Focus cell, expected plain text (links belong in the title and code cells)',
      ],
    ]);
  });

  it('names HTML by its tag, never repeating a comment or attributes', () => {
    const md = table(
      'TL;DR',
      'Gist <!-- awesome-curator:check --> <a href="https://evil.example">x</a>.',
    );
    expect(lint(md).map((f) => /`[^`]*`/.exec(f.message)![0])).toEqual([
      '`<!-- -->`',
      '`<a>`',
      '`</a>`',
    ]);
  });

  it.each([
    'Compresses prompts into `<gist>` tokens with 26x compression.',
    'Escaped \\[brackets\\] and \\<b\\> stay text; a < b and b > c.',
    'Uses a 2:1 ratio and the arxiv.org listing (no scheme, not linked).',
    'Keeps pipes \\| in one cell.',
    'Translated: 将提示压缩为要点令牌。',
  ])('leaves %j alone', (cell) => {
    expect(lint(table('TL;DR', cell))).toEqual([]);
  });

  it('finds nothing in the fixture lists, which hold no such markup', () => {
    for (const [path, text] of [
      ['README.md', SEED_EN()],
      ['README_CN.md', SEED_CN()],
      ['mistakes/README.md', fixture('lists/mistakes/README.md')],
    ] as const)
      expect(lintList(parseList(text, path), {}, [rule]), path).toEqual([]);
  });
});
