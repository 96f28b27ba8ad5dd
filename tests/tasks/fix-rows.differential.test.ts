/**
 * `fixRows` works out only the fixes of the rows it fixes (fixListRows) and parses each pass
 * taking unchanged rows over; it must give exactly what fixing through whole-file lint passes
 * gives (the reference below: fixText on the whole text, then the key check).
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixText, type LintOptions } from '../../src/lint/index.js';
import { parseList, type ParseOptions } from '../../src/list/index.js';
import { fixRows } from '../../src/tasks/lint-files.js';
import { markdown } from '../fuzz/arbitraries.js';
import { fixture, FIXTURES } from '../helpers/fixtures.js';
import { FUZZ_RUNS } from '../fuzz/fuzz-config.js';

/** 100 cases in `npm test`; FUZZ_RUNS=20000 npx vitest run <this file> runs 2,000. */
const RUNS = Math.ceil(FUZZ_RUNS / 10);

function reference(
  text: string,
  path: string,
  keys: ReadonlySet<string>,
  lintOptions: LintOptions,
  parseOptions: ParseOptions,
): { text: string; lines: number[] } {
  const list = keys.size ? parseList(text, path, parseOptions) : null;
  const keyAt = new Map(
    (list?.rows ?? []).filter((r) => keys.has(r.key)).map((r) => [r.line, r.key]),
  );
  if (!keyAt.size) return { text, lines: [] };
  const lines = new Set(keyAt.keys());
  const options = { ...lintOptions, touchedLines: lines };
  const fixed = fixText(text, path, options, parseOptions, 10, lines).text;
  if (fixed === text) return { text, lines: [] };
  const after = fixed.split('\n');
  const before = text.split('\n');
  const rowKey = new Map(parseList(fixed, path, parseOptions).rows.map((r) => [r.line, r.key]));
  const changed: number[] = [];
  for (const n of [...lines].sort((a, b) => a - b)) {
    if (before[n - 1] === after[n - 1]) continue;
    if (rowKey.get(n) === keyAt.get(n)) changed.push(n);
    else after[n - 1] = before[n - 1]!;
  }
  return { text: after.join('\n'), lines: changed };
}

const OPTIONS: LintOptions[] = [
  {},
  { style: { codeLabel: 'Code', arxivLink: 'pdf' } },
  { rules: { venue: { severity: 'off' }, 'tag-vocabulary': { severity: 'warning' } } },
  { rules: { 'code-link': { severity: 'warning', options: { hosts: ['gitlab.com'] } } } },
  { ignore: { 'arxiv-link': ['2309.17453'] }, reportUnusedDisableDirectives: true },
];

function expectSame(text: string, path: string, keys: Set<string>, options: LintOptions): void {
  const want = reference(text, path, keys, options, {});
  const parsed = parseList(text, path);
  for (const got of [
    fixRows(text, path, keys, options, {}),
    fixRows(text, path, keys, options, {}, parsed),
  ]) {
    expect(got.text).toBe(want.text);
    expect(got.lines).toEqual(want.lines);
    // The parse handed back is the fixed text's.
    if (got.list) {
      expect(got.list.text).toBe(got.text);
      const fresh = parseList(got.text, path);
      expect(got.list.rows.map((r) => [r.line, r.start, r.key, r.raw])).toEqual(
        fresh.rows.map((r) => [r.line, r.start, r.key, r.raw]),
      );
    }
  }
}

/** Every key, every other key, and none. */
function keySets(text: string, path: string): Set<string>[] {
  const keys = [...new Set(parseList(text, path).rows.map((r) => r.key))];
  return [new Set(keys), new Set(keys.filter((_, i) => i % 2 === 0)), new Set()];
}

describe('fixRows = whole-file fix passes restricted to the rows of the keys', () => {
  const files: [string, string][] = [
    ['README.md', fixture('lists/mistakes/README.md')],
    ['README.md', fixture('lists/seed-like/README.md')],
    ['README_CN.md', fixture('lists/seed-like/README_CN.md')],
    ...readdirSync(`${FIXTURES}shapes`)
      .filter((f) => f.endsWith('.md') && f !== 'README.md')
      .map((f): [string, string] => [f, fixture(`shapes/${f}`)]),
  ];

  it('on the fixture lists, LF and CRLF, with several rule settings', () => {
    // Every rule setting on the LF text; the CRLF text (the line ends are the only difference)
    // with the default settings.
    for (const [path, text] of files) {
      for (const keys of keySets(text, path))
        for (const options of OPTIONS) expectSame(text, path, keys, options);
      const crlf = text.replace(/\n/g, '\r\n');
      for (const keys of keySets(crlf, path)) expectSame(crlf, path, keys, OPTIONS[0]!);
    }
  });

  it('one row at a time (its fixes may depend on rows that are not fixed: tag-vocabulary)', () => {
    const text = fixture('lists/mistakes/README.md');
    const keys = [...new Set(parseList(text).rows.map((r) => r.key))];
    for (const key of keys)
      for (const options of OPTIONS) expectSame(text, 'README.md', new Set([key]), options);
  });

  it('on a row with two fixes (both land, over two passes) and a fix that changes the key', () => {
    const text = fixture('lists/mistakes/README.md')
      // Two fixes on one line: a pdf link and a code label.
      .replace(
        '| [Github](https://github.com/jy-yuan/KIVI) |',
        '| [Github](http://github.com/jy-yuan/KIVI.git) |',
      );
    // A title holding a link whose fix would change what the row's key reads.
    const withKeyChange = text.replace(
      /^\| \[([^\]]+)\]\(https:\/\/arxiv\.org\/abs\/2404\.14469v2\)/m,
      '| $1 [x](http://example.com/$1) |',
    );
    for (const t of [text, withKeyChange])
      for (const keys of keySets(t, 'README.md'))
        for (const options of OPTIONS) expectSame(t, 'README.md', keys, options);
  });

  it('on generated lists (mutated tables, random Markdown)', () => {
    fc.assert(
      fc.property(
        markdown,
        fc.constantFrom('README.md', 'README_CN.md'),
        fc.constantFrom(...OPTIONS),
        fc.infiniteStream(fc.boolean()),
        (text, path, options, pick) => {
          const keys = [...new Set(parseList(text, path).rows.map((r) => r.key))];
          const picked = pick.take(keys.length);
          expectSame(text, path, new Set(keys.filter(() => picked.next().value)), options);
        },
      ),
      { numRuns: RUNS, seed: 20_251_203 },
    );
  });
});
