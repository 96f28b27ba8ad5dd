/** The fast path for well-formed rows must read exactly what the general path reads. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseList, type PaperRow } from '../../src/list/index.js';
import { fixture } from '../helpers/fixtures.js';

const fields = (r: PaperRow) => ({
  line: r.line,
  start: r.start,
  end: r.end,
  lineEnd: r.lineEnd,
  raw: r.raw,
  cellCount: r.cellCount,
  leadingPipe: r.leadingPipe,
  trailingPipe: r.trailingPipe,
  titleLink: r.titleLink,
  title: r.title,
  url: r.url,
  arxiv: r.arxiv,
  venue: r.venue,
  venueInfo: r.venueInfo,
  tags: r.tags,
  tagsWellFormed: r.tagsWellFormed,
  code: r.code,
  tldr: r.tldr,
  key: r.key,
  cells: r.cells,
  cell: r.cell,
});

function same(text: string): number {
  const fast = parseList(text, 'x.md').rows.map(fields);
  const slow = parseList(text, 'x.md', { fastPath: false }).rows.map(fields);
  expect(fast).toEqual(slow);
  return fast.length;
}

describe('fast and general row readers agree', () => {
  it.each([
    'lists/seed-like/README.md',
    'lists/seed-like/README_CN.md',
    'lists/mistakes/README.md',
    '../../examples/context-compression/README.md',
  ])('on %s', (path) => {
    expect(same(fixture(path))).toBeGreaterThan(10);
  });

  const word = fc.stringMatching(/^[A-Za-z0-9 .:*<>()[\]`\\|_-]{0,14}$/);
  const cellValue = fc.oneof(
    word,
    fc.constantFrom(
      '-',
      '—',
      '',
      ' x ',
      '`A`, `B`',
      '`A`,`B`',
      '[GitHub](https://github.com/a/b)',
      '[Github](https://github.com/a/b)',
      'arXiv 2024.03',
      'ACL 2024',
    ),
  );
  const title = fc.oneof(
    fc
      .tuple(
        word,
        fc.constantFrom(
          'https://arxiv.org/abs/2403.12968',
          'https://arxiv.org/pdf/2403.12968v2',
          'http://x.org/a',
          'https://x.org/a(b)',
        ),
      )
      .map(([t, u]) => `[${t}](${u})`),
    word,
  );
  it('on generated rows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(title, cellValue, cellValue, cellValue, cellValue), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.constantFrom(' ', '  ', ''),
        (rows, pad) => {
          const lines = rows.map((cells) => `|${pad}${cells.join(`${pad}|${pad}`)}${pad}|`);
          same(
            [
              '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
              '| --- | --- | --- | --- | --- |',
              ...lines,
              '',
            ].join('\n'),
          );
        },
      ),
      { numRuns: 500, seed: 11 },
    );
  });
});

describe('the fast reader', () => {
  it('takes the rows of a list written like the seed', async () => {
    const { fastRowReader } = await import('../../src/list/fast-row.js');
    const list = parseList(fixture('lists/seed-like/README.md'), 'README.md');
    const table = list.tables[0]!;
    const reader = fastRowReader(table.columns.map((c) => c.role));
    expect(table.rows.every((r) => reader.read(r.raw) !== null)).toBe(true);
    expect(
      reader.read('| [T](https://arxiv.org/abs/2403.12968) | ACL 2024 | `A` | - | x \\| y |'),
    ).toBeNull();
    expect(
      reader.read('| [T](https://arxiv.org/abs/2403.12968) | ACL 2024 | `A` | - | summary |'),
    ).toEqual({
      title: 'T',
      url: 'https://arxiv.org/abs/2403.12968',
      venue: 'ACL 2024',
      venueInfo: { kind: 'venue', name: 'ACL', year: 2024, qualifier: null },
      tags: ['A'],
      code: 'none',
      tldr: 'summary',
      focus: null,
    });
  });

  it('reads each venue and tag set of a table once: rows that repeat them share the reading', async () => {
    const { fastRowReader } = await import('../../src/list/fast-row.js');
    const reader = fastRowReader(['title', 'venue', 'tags', 'code', 'tldr']);
    const row = (id: string, tags: string) =>
      reader.read(`| [T](https://arxiv.org/abs/${id}) | ACL 2024 | ${tags} | - | x |`)!;
    const [a, b, c] = [row('2403.1', '`A`, `B`'), row('2403.2', '`A`, `B`'), row('2403.3', '`A`')];
    expect(a.venueInfo).toBe(b.venueInfo);
    expect(a.tags).toBe(b.tags);
    expect(c.tags).toEqual(['A']);
    // Shared, so no reader may change them.
    expect(Object.isFrozen(a.tags)).toBe(true);
  });
});
