/** The linear outline reader must give remark's outline whenever it does not defer to remark. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex, readOutline, scanOutline, scanTables } from '../../src/list/index.js';
import { fixture } from '../helpers/fixtures.js';

function both(text: string) {
  const lines = new LineIndex(text);
  const blocks = scanTables(lines).map((t) => ({
    first: t.header.line,
    last: Math.max(t.bodyLast, t.delimiter.line),
  }));
  const fast = scanOutline(lines, blocks);
  const reference = readOutline(text, lines, blocks);
  return {
    fast,
    reference: {
      headings: reference.headings,
      anchorLinks: reference.anchorLinks,
      htmlAnchors: reference.htmlAnchors,
    },
  };
}

describe('outline reader agrees with remark', () => {
  it.each([
    'lists/seed-like/README.md',
    'lists/seed-like/README_CN.md',
    'lists/mistakes/README.md',
    '../../examples/context-compression/README.md',
    '../../examples/context-compression/README_CN.md',
  ])('reads %s without remark, identically', (path) => {
    const { fast, reference } = both(fixture(path));
    expect(fast).not.toBeNull();
    expect(fast).toEqual(reference);
    expect(reference.headings.length).toBeGreaterThan(3);
  });

  it.each([
    ['a setext heading', 'Title\n=====\n'],
    ['a heading with inline code', '## The `x` rule\n'],
    ['a heading with a link', '## [Docs](https://x.org)\n'],
    ['a link split over lines', '- [Intro\n  part](#intro)\n\n## Intro\n'],
    ['an HTML comment', '<!--\n\n# not a heading\n-->\n'],
  ])('defers to remark on %s', (_name, text) => {
    expect(both(text).fast).toBeNull();
  });

  const line = fc.oneof(
    fc.constantFrom(
      '',
      '---',
      '***',
      '```',
      '~~~',
      '    indented',
      '<div align="center">',
      '</div>',
      '<a name="x"></a>',
      "<p id='y'>",
      '- item',
      '1. one',
      '> quote',
    ),
    fc
      .tuple(
        fc.constantFrom('# ', '## ', '### ', '#### '),
        fc.stringMatching(/^[A-Za-z0-9 ()/:?.,#-]{0,20}$/),
        fc.constantFrom('', ' #', ' ##'),
      )
      .map(([h, t, c]) => `${h}${t}${c}`),
    fc
      .tuple(
        fc.constantFrom('- ', '', '  * '),
        fc.stringMatching(/^[A-Za-z ]{0,8}$/),
        fc.stringMatching(/^[a-z0-9-]{0,10}$/),
      )
      .map(([p, t, a]) => `${p}[${t}](#${a})`),
    fc.stringMatching(/^[A-Za-z0-9 .,:(#)-]{0,30}$/),
    fc.constantFrom(
      '| Paper Title | Venue/Date |',
      '| --- | --- |',
      '| [A](https://a.org) | ACL 2024 |',
      '[toc]: #top',
      'see (#12) here',
      '![img](#x)',
    ),
  );

  it('on generated documents', () => {
    let fastRuns = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (docLines) => {
        const { fast, reference } = both(`${docLines.join('\n')}\n`);
        if (fast) {
          fastRuns += 1;
          expect(fast).toEqual(reference);
        }
      }),
      { numRuns: 1500, seed: 3 },
    );
    // The property must exercise the fast reader, not only its fallback.
    expect(fastRuns).toBeGreaterThan(300);
  });
});
