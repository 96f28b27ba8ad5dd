/**
 * The linear scanner must find the same tables, rows and cells as remark-gfm (the reference
 * parser, quadratic in cells): on the seed-like lists, the example list, and generated tables
 * small enough for remark.
 */
import fc from 'fast-check';
import type { Root, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { LineIndex, rowAt, scanTables } from '../../src/list/index.js';
import { fixture } from '../helpers/fixtures.js';

const reference = unified().use(remarkParse).use(remarkGfm).freeze();

/** Tables as [line, cell texts][] per table, from remark (top-level tables only). */
function fromRemark(text: string): [number, string[]][][] {
  const tree = reference.parse(text) as Root;
  return tree.children
    .filter((n): n is Table => n.type === 'table')
    .map((t) =>
      t.children.map((row) => [
        row.position!.start.line,
        row.children.map((cell) =>
          text
            .slice(cell.position!.start.offset, cell.position!.end.offset)
            .trim()
            .replace(/^\|/, '')
            .replace(/(?<!\\)\|$/, '')
            .trim(),
        ),
      ]),
    );
}

function fromScanner(text: string): [number, string[]][][] {
  const index = new LineIndex(text);
  return scanTables(index).map((t) =>
    [
      t.header,
      ...Array.from({ length: t.bodyLast - t.bodyFirst + 1 }, (_, i) =>
        rowAt(index, t.bodyFirst + i),
      ),
    ].map((r) => [r.line, r.cells.map((c) => c.text)] as [number, string[]]),
  );
}

describe('scanner agrees with remark-gfm', () => {
  it.each([
    'lists/seed-like/README.md',
    'lists/seed-like/README_CN.md',
    'lists/mistakes/README.md',
    '../../examples/context-compression/README.md',
    '../../examples/context-compression/README_CN.md',
  ])('on %s', (path) => {
    const text = fixture(path);
    const expected = fromRemark(text);
    expect(expected.length).toBeGreaterThan(0);
    expect(fromScanner(text)).toEqual(expected);
  });

  // Found by tests/fuzz: a fence whose info string holds U+2028 was not a fence to the scanner
  // (`.` does not match it), so a table in the code block was read; a line indented as code set
  // the paragraph flag, so an HTML block below it was missed and the table in it read; a line of
  // NBSP or U+3000 ended a table.
  it.each([
    [
      'a fence with U+2028 in its info string',
      '```js\u2028\n| Paper Title |\n| --- |\n| [x](https://a.org) |\n```\n',
    ],
    [
      'an HTML block after indented code',
      'para\n\n    code\n<Prompttable>\n| Paper Title |\n| --- |\n| [x](https://a.org) |\n',
    ],
    ['a line of NBSP in the body', '| Paper Title |\n| --- |\n| a |\n\u00a0\n| b |\n'],
    ['a line of U+3000 in the body', '| Paper Title |\n| --- |\n| a |\n\u3000\n| b |\n'],
  ])('on %s', (_name, text) => {
    // Rows by line (the helper trims remark's cells with String#trim, which also takes NBSP).
    const rowLines = (tables: [number, string[]][][]) => tables.map((t) => t.map(([n]) => n));
    expect(rowLines(fromScanner(text))).toEqual(rowLines(fromRemark(text)));
  });

  const cellText = fc.stringMatching(/^[a-zA-Z0-9 `*_[\]()\\|:.-]{0,12}$/);
  const rowLine = fc
    .array(cellText, { minLength: 1, maxLength: 5 })
    .chain((cells) =>
      fc
        .tuple(fc.constant(cells), fc.boolean(), fc.boolean())
        .map(([c, lead, trail]) => `${lead ? '| ' : ''}${c.join(' | ')}${trail ? ' |' : ''}`),
    );
  const interrupting = fc.constantFrom(
    '',
    '# Heading',
    '> quote',
    '```',
    '- item',
    '1. item',
    '---',
    '<div>',
    '    code',
    'plain text',
    '<span>x</span>',
    '***',
    '| x |',
  );

  it('on generated tables with stray pipes, escapes, code spans and interrupting lines', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.oneof(rowLine, interrupting), { maxLength: 8 }),
        fc.constantFrom(
          '',
          'Some paragraph.\n',
          '## H\n\n',
          '<div align="center">\n',
          '<!-- note\n\n-->\n',
          '<a name="x"></a>\n',
          '<p>\n\n',
        ),
        (columns, body, before) => {
          const header = `| ${Array.from({ length: columns }, (_, i) => `H${i}`).join(' | ')} |`;
          const delimiter = `| ${Array.from({ length: columns }, () => ':---').join(' | ')} |`;
          const text = `${before}${header}\n${delimiter}\n${body.join('\n')}\n`;
          expect(fromScanner(text)).toEqual(fromRemark(text));
        },
      ),
      { numRuns: 400, seed: 42 },
    );
  });
});
