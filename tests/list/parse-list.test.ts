import { describe, expect, it } from 'vitest';
import { parseList, parseVenue } from '../../src/list/index.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

describe('parseList on the seed-like pair', () => {
  const en = parseList(SEED_EN(), 'README.md');
  const cn = parseList(SEED_CN(), 'README_CN.md');

  it('finds the sections with their depth, slug and line', () => {
    const explicit = en.sections.find((s) => s.text.includes('Explicit Context Compression'));
    expect(explicit).toMatchObject({
      depth: 2,
      slug: '-explicit-context-compression-promptinput-level',
      line: 52,
    });
    expect(en.sections.filter((s) => s.tables.length > 0).map((s) => s.line)).toEqual([
      52, 74, 96, 124,
    ]);
    const cnExplicit = cn.sections.find((s) => s.line === 52);
    expect(cnExplicit?.slug).toBe('-显式上下文压缩提示输入层面');
  });

  it('reads every paper row with its fields', () => {
    expect(en.rows).toHaveLength(44);
    expect(cn.rows).toHaveLength(44);
    const keyformer = en.rows.find((r) => r.arxiv?.id === '2403.09054')!;
    expect(keyformer).toMatchObject({
      line: 62,
      title:
        'Keyformer: KV Cache Reduction through Key Tokens Selection for Efficient Generative Inference',
      url: 'https://arxiv.org/abs/2403.09054',
      venue: 'MLSys 2024',
      tags: ['Pruning'],
      tagsWellFormed: true,
      code: { label: 'GitHub', url: 'https://github.com/d-matrix-ai/keyformer' },
      key: 'arxiv:2403.09054',
    });
    expect(en.text.slice(keyformer.start, keyformer.end)).toBe(keyformer.raw);
    expect(en.text.slice(keyformer.cell.venue!.start, keyformer.cell.venue!.end)).toBe(
      'MLSys 2024',
    );
  });

  it('recognises Chinese headers and the 3-column Surveys table', () => {
    const cnTable = cn.tables[0]!;
    expect(cnTable.columns.map((c) => c.role)).toEqual(['title', 'venue', 'tags', 'code', 'tldr']);
    const surveys = en.tables[3]!;
    expect(surveys.columns.map((c) => c.role)).toEqual(['title', 'venue', 'focus']);
    expect(surveys.rows[0]!.tldr).not.toBe('');
    expect(surveys.rows[0]!.code).toBeNull();
  });
});

describe('parseList on other shapes', () => {
  it('takes column roles from the header, in any order, with config aliases', () => {
    const list = parseList(
      [
        '## Papers',
        '',
        '| Year | Paper | Summary | Repo |',
        '|---|---|---|---|',
        '| ICLR 2024 | [A](https://arxiv.org/abs/2307.06945) | Short. | [GitHub](https://github.com/a/b) |',
        '',
      ].join('\n'),
      'x.md',
    );
    expect(list.rows[0]).toMatchObject({
      venue: 'ICLR 2024',
      title: 'A',
      tldr: 'Short.',
      code: { label: 'GitHub', url: 'https://github.com/a/b' },
    });
    const custom = parseList(
      '| Werk | Ort |\n|---|---|\n| [B](https://x.org) | ACL 2024 |\n',
      'y.md',
      { columnAliases: { title: ['Werk'], venue: ['Ort'] } },
    );
    expect(custom.rows[0]).toMatchObject({ title: 'B', venue: 'ACL 2024' });
  });

  it('keys papers without an arXiv link by normalised title', () => {
    const list = parseList(
      '| Title |\n|---|\n| [Some  Paper: A Study!](https://aclanthology.org/x) |\n',
      'z.md',
    );
    expect(list.rows[0]!.key).toBe('title:some paper a study');
  });

  it('handles CRLF line endings, a table at the end of the file and no tables', () => {
    const crlf = parseList(
      '# T\r\n\r\n| Paper Title | Venue/Date |\r\n| --- | --- |\r\n| [A](https://arxiv.org/abs/2401.00001) | ACL 2024 |',
      'c.md',
    );
    expect(crlf.eol).toBe('\r\n');
    expect(crlf.rows[0]).toMatchObject({ line: 5, venue: 'ACL 2024' });
    expect(crlf.sections[0]).toMatchObject({ text: 'T', line: 1 });
    const none = parseList('# Just prose\n\nNo tables here.\n', 'n.md');
    expect(none.tables).toEqual([]);
    expect(none.rows).toEqual([]);
  });

  it('ignores tables in fenced code and keeps line numbers of headings after tables', () => {
    const text = [
      '# A',
      '```',
      '| Paper Title |',
      '| --- |',
      '| [x](https://a.b) |',
      '```',
      '| Paper Title |',
      '| --- |',
      '| [y](https://a.b) |',
      '| [z](https://a.b) |',
      '',
      '## B',
      '',
    ].join('\n');
    const list = parseList(text, 'f.md');
    expect(list.rows.map((r) => r.title)).toEqual(['y', 'z']);
    expect(list.sections.map((s) => [s.text, s.line])).toEqual([
      ['A', 1],
      ['B', 12],
    ]);
  });

  // Found by tests/fuzz: remark (read when a heading has markup) ends a line at a lone CR, the rest
  // of curator does not; headings after one were placed a line too low, past the end of the file.
  it('numbers headings as LineIndex does when a line holds a lone CR (outline read by remark)', () => {
    const text = [
      '# *A*',
      'prose with a lone\rCR',
      '## B',
      '',
      '| Paper Title |',
      '| --- |',
      '| [x](https://a.b) |',
      '## C',
    ].join('\n');
    const list = parseList(text, 'cr.md');
    expect(list.sections.map((s) => [s.text, s.line])).toEqual([
      ['A', 1],
      ['B', 3],
      ['C', 8],
    ]);
    expect(list.tables[0]!.section?.text).toBe('B');
  });

  // Found by tests/fuzz (the long run): only spaces and tabs make a line blank (CommonMark); a line
  // of no-break or ideographic spaces is a row to GitHub, and the rows after it were not read.
  it.each(['\u00a0', '\u3000', '\u000b'])(
    'reads on past a line holding only %j, as GFM does, and finds the setext heading it continues',
    (space) => {
      const text = `| Paper Title |\n| --- |\n| [a](https://a.org) |\n${space}\n| [b](https://b.org) |\n\npara\n${space}\n---\n`;
      const list = parseList(text, 's.md');
      expect(list.rows.map((r) => r.title)).toEqual(['a', space, 'b']);
      expect(list.sections.map((s) => [s.text, s.line])).toEqual([['para', 7]]);
    },
  );

  // Found by tests/fuzz: the title of a link cell read by remark (a destination with parentheses
  // or escapes) lost its HTML, entities and markup, so the same title read differently by URL.
  it('reads a link title the same whether its destination is simple or not', () => {
    const cell = (url: string) =>
      parseList(`| Paper Title |\n| --- |\n| [A &amp; *B* <br> \\[C\\]](${url}) |\n`, 't.md')
        .rows[0]!;
    const simple = cell('https://a.org/x');
    const parens = cell('https://en.wikipedia.org/wiki/A_(b)');
    const escaped = cell('https://a.org/x\\_y');
    expect(simple.title).toBe('A &amp; *B* <br> [C]');
    expect(parens.title).toBe(simple.title);
    expect(escaped.title).toBe(simple.title);
    expect(parens.url).toBe('https://en.wikipedia.org/wiki/A_(b)');
    // A backslash escape in a destination is read as CommonMark reads it.
    expect(escaped.url).toBe('https://a.org/x_y');
  });
});

describe('parseVenue', () => {
  it.each([
    ['ACL 2024', { kind: 'venue', name: 'ACL', year: 2024, qualifier: null }],
    ['ACL 2024 Findings', { kind: 'venue', name: 'ACL', year: 2024, qualifier: 'Findings' }],
    ['NeurIPS 2023 (Oral)', { kind: 'venue', name: 'NeurIPS', year: 2023, qualifier: '(Oral)' }],
    [
      'Findings of EMNLP 2023',
      { kind: 'venue', name: 'Findings of EMNLP', year: 2023, qualifier: null },
    ],
    ['arXiv 2024.03', { kind: 'arxiv', year: 2024, month: 3, padded: true }],
    ['arXiv 2024', { kind: 'arxiv', year: 2024, month: null, padded: true }],
    ['-', { kind: 'missing' }],
    ['', { kind: 'missing' }],
    ['soon', { kind: 'invalid' }],
    ['arXiv 2024.13', { kind: 'invalid' }],
  ])('%s', (text, expected) => expect(parseVenue(text)).toEqual(expected));
});

describe('decoding', () => {
  it('gives the same text as a plain UTF-8 decode, for ASCII, mixed and mostly non-ASCII input', async () => {
    const { utf8ToString } = await import('../../src/list/index.js');
    const samples = [
      'plain ascii',
      '## 🗂️ Taxonomy\n| a | b |\n',
      `${'x'.repeat(100)}中文${'y'.repeat(10)}é`,
      '中'.repeat(3000),
      '',
    ];
    for (const s of samples) expect(utf8ToString(Buffer.from(s, 'utf8'))).toBe(s);
  });

  it('files past the 64 KB sample decode exactly, whichever way the sample points', async () => {
    const { utf8ToString } = await import('../../src/list/index.js');
    const cn = '| [标题](https://arxiv.org/abs/2401.00001) | 简述：压缩上下文。 |\n';
    const en = '| [Title](https://arxiv.org/abs/2401.00001) | Compresses the context. |\n';
    const samples = [
      cn.repeat(4000), // Chinese throughout: decoded whole from the start
      en.repeat(4000) + '## 🧠 Heading\n' + en.repeat(10), // ASCII with a rare emoji: by runs
      cn.repeat(2000) + en.repeat(4000), // a Chinese head over an English body
      en.repeat(2000) + cn.repeat(4000), // an English head over a Chinese body (runs past 1000)
      `${'x'.repeat(65535)}é${'y'.repeat(10)}`, // a sequence across the sample's edge
    ];
    for (const s of samples) {
      expect(Buffer.byteLength(s)).toBeGreaterThan(64 * 1024);
      expect(utf8ToString(Buffer.from(s, 'utf8'))).toBe(s);
    }
  });
});
