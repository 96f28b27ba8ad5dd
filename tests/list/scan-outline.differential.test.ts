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

  // Found by tests/fuzz/parse-lint.fuzz.test.ts: documents on which the linear reader answered
  // and differed from remark (or remark's own reading was wrong, for anchors in an HTML block).
  // Now it either agrees or defers; remark's outline is pinned too.
  it.each([
    ['a heading holding U+2028', '# Head\u2028ing\n', ['Head\u2028ing'], [], []],
    ['a heading holding a lone CR', '# a\rb\n', ['a b'], [], []],
    ['a line of NBSP inside a paragraph above ---', 'para\n\u00a0\n---\n', ['para'], [], []],
    ['an anchor in a code span over two lines', 'a `b\n<a id="x"> c` d\n', [], [], []],
    ['an escaped tag', '\\<a id="x">\n', [], [], []],
    ['an unquoted value holding a quote', 'text <a name=Prompt"top"></a>\n', [], [], []],
    ['an unclosed quote', 'text <a name="t></a>\n', [], [], []],
    ['a tag in alt text', '[![<a id="x">A](https://a.org/b.svg)](https://a.org)\n', [], [], []],
    [
      '`id=` in a URL in an HTML block',
      '<details>\n[x](https://a.org/?id=abc)\n</details>\n',
      [],
      [],
      [],
    ],
    [
      'a thematic break, then an HTML block holding a heading',
      '---\n<br/>\n## Not one\n',
      [],
      [],
      [],
    ],
    ['code indented by a space and a tab', 'para\n\n \t<a id="x">\n', [], [], []],
    ['a heading in a quote without a space', '># h\n', ['h'], [], []],
    ['a heading in nested quotes', '> > # h\n', ['h'], [], []],
    ['a nested item after a blank line', '- [A](#a)\n\n    - [B](#b)\n', [], ['a', 'b'], []],
    ['a heading inside a list item', '- item\n    ## Inside\n', ['Inside'], [], []],
    [
      'a setext underline inside a list item',
      '1. Create a fork\n    - \n',
      ['Create a fork'],
      [],
      [],
    ],
    ['a definition in a quote', '> [toc]: #top\n', [], ['top'], []],
    ['an escaped bracket', '\\[Intro](#intro)\n', [], [], []],
    ['an empty quote line, then indented code', '> \n    - [x](#x)\n', [], [], []],
    // A text read through GitHub's API keeps the file's byte-order mark.
    ['a byte-order mark before the first heading', '\uFEFF# Title\n', ['Title'], [], []],
  ])('agrees with remark on %s', (_name, text, headings, links, anchors) => {
    const { fast, reference } = both(text);
    if (fast) expect(fast).toEqual(reference);
    expect(reference.headings.map((h) => h.text)).toEqual(headings);
    expect(reference.anchorLinks.map((l) => l.anchor)).toEqual(links);
    expect(reference.htmlAnchors).toEqual(anchors);
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
