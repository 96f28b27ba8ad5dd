/**
 * table-cut: what ends a paper table early on GitHub (scan-tables.ts ends it at the same line, so
 * the rows after it were silently not checked before this rule).
 */
import { describe, expect, it } from 'vitest';
import { lintText, type Finding } from '../../src/lint/index.js';
import { tableCut } from '../../src/lint/rules/table-cut.js';
import { exampleRow } from '../../src/lint/rules/example-table.js';
import { parseList } from '../../src/list/index.js';

const HEADER = [
  '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
  '| :--- | :--- | :--- | :--- | :--- |',
];
const row = (i: number) =>
  exampleRow({
    title: `[Paper number ${i}](https://arxiv.org/abs/2403.1${String(i).padStart(4, '0')})`,
  });

function cuts(...lines: string[]): Finding[] {
  return lintText([...lines, ''].join('\n'), 'README.md', {}, {}, [tableCut]);
}

describe('table-cut', () => {
  it('what curator did before: the rows after a comment are not read as rows at all', () => {
    const text = [
      '## Prompt Compression',
      '',
      ...HEADER,
      row(1),
      '<!-- x -->',
      row(2),
      row(3),
      '',
    ].join('\n');
    const list = parseList(text, 'README.md');
    expect(list.tables).toHaveLength(1);
    expect(list.rows.map((r) => r.line)).toEqual([5]);
  });

  it('reports an HTML comment, with the section and the number of rows cut off', () => {
    const rows = Array.from({ length: 7 }, (_, i) => row(i + 2));
    expect(
      cuts('## Prompt Compression', '', ...HEADER, row(1), '<!-- added by hand -->', ...rows),
    ).toEqual([
      {
        ruleId: 'table-cut',
        severity: 'warning',
        line: 6,
        column: 1,
        message:
          'Unexpected HTML comment inside the table "Prompt Compression": the 7 rows after it no longer render as a table on GitHub. Move the comment above the table',
      },
    ]);
  });

  it('counts one row in the singular, and a cut right below the delimiter row', () => {
    const [f] = cuts('## A', '', ...HEADER, '<!-- x -->', row(1));
    expect(f).toMatchObject({ line: 5 });
    expect(f!.message).toContain('the row after it no longer renders as a table');
  });

  it('reports a blank line followed by more rows, not one followed by text or a new table', () => {
    expect(
      cuts('## A', '', ...HEADER, row(1), '', '', row(2), row(3)).map((f) => [f.line, f.message]),
    ).toEqual([
      [
        6,
        'Unexpected blank line inside the table "A": the 2 rows after it no longer render as a table on GitHub. Remove the blank line',
      ],
    ]);
    expect(cuts('## A', '', ...HEADER, row(1), '', 'Some text.')).toEqual([]);
    expect(cuts('## A', '', ...HEADER, row(1), '', ...HEADER, row(2))).toEqual([]);
    expect(cuts('## A', '', ...HEADER, row(1), '<!-- end of A -->', '', ...HEADER, row(2))).toEqual(
      [],
    );
  });

  it('names a directive inside the table and says where it belongs', () => {
    const [f] = cuts('## A', '', ...HEADER, row(1), '<!-- curator-disable venue -->', row(2));
    expect(f!.message).toMatch(
      /^Unexpected `curator-disable` directive inside the table "A": the row after it .* put `<!-- curator-disable RULE: KEY -->` \(an arXiv id or a title\) above the table$/,
    );
  });

  it('reports other blocks: a multi-line comment, an HTML block, a list item, a quote, a fence', () => {
    const at = (...cut: string[]) =>
      cuts('## A', '', ...HEADER, row(1), ...cut, row(2), row(3)).map(
        (f) => f.message.split(' inside')[0],
      );
    expect(at('<!--', 'a note', '-->')).toEqual(['Unexpected HTML comment']);
    expect(at('<details>')).toEqual(['Unexpected HTML block']);
    expect(at('- an item')).toEqual(['Unexpected list item']);
    expect(at('> a quote')).toEqual(['Unexpected block quote']);
    expect(at('```', 'code', '```')).toEqual(['Unexpected code block']);
    expect(at('---')).toEqual(['Unexpected thematic break']);
  });

  it('says nothing of a heading, of a table at the end, or of a table without a section name', () => {
    expect(cuts('## A', '', ...HEADER, row(1), '## B', row(2))).toEqual([]);
    expect(cuts('## A', '', ...HEADER, row(1))).toEqual([]);
    expect(cuts(...HEADER, row(1), '<!-- x -->', row(2))[0]!.message).toContain(
      'inside the table at line 1:',
    );
  });

  it('is on by default', () => {
    const text = ['## A', '', ...HEADER, row(1), '', row(2), ''].join('\n');
    expect(lintText(text, 'README.md').filter((f) => f.ruleId === 'table-cut')).toHaveLength(1);
  });
});
