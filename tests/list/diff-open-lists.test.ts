/**
 * `diffLists` on versions read by `openList` (sections and tables, no rows): rows are compared by
 * their text and read only where the versions differ. The result must be the one parsed lists
 * give, row for row, on every shape of list and on the edits maintainers make.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  diffLists,
  openList,
  parseList,
  readTableRow,
  tableRowCount,
  tableRowRaw,
  type ListDiff,
  type PaperRow,
  type RowChange,
} from '../../src/list/index.js';
import { NEW_ROW, SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { editLine, insertAbove, lineNo, lineWith, moveLine } from '../helpers/list-edits.js';
import { FUZZ_RUNS } from '../fuzz/fuzz-config.js';

/** 100 cases in `npm test`; FUZZ_RUNS=20000 npx vitest run <this file> runs 2,000. */
const RUNS = Math.ceil(FUZZ_RUNS / 10);

const SHAPES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'shapes');
const shape = (name: string) => readFileSync(join(SHAPES, name), 'utf8');
const SHAPE_NAMES = readdirSync(SHAPES)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort();

const row = (r: PaperRow | null) =>
  r && { line: r.line, lastLine: r.lastLine, raw: r.raw, key: r.key, title: r.title, tldr: r.tldr };
const change = (c: RowChange) => ({
  kind: c.kind,
  base: row(c.base),
  head: row(c.head),
  edited: c.edited,
});
const plain = (d: ListDiff) => ({
  head: d.head.map(change),
  removed: d.removed.map(change),
  unchanged: d.unchanged,
  renamed: d.renamed,
});

/** The diff of two texts, each version parsed whole or only opened. */
function diff(base: string | null, head: string | null, read: 'parse' | 'open', path: string) {
  const load = (text: string | null) =>
    text === null ? null : read === 'parse' ? parseList(text, path) : openList(text, path).list;
  return plain(diffLists(load(base), load(head)));
}

/** Both ways (and mixed) give one result. */
function expectSameDiff(base: string | null, head: string | null, path = 'README.md') {
  const parsed = diff(base, head, 'parse', path);
  expect(diff(base, head, 'open', path)).toEqual(parsed);
  const mixed = diffLists(
    base === null ? null : openList(base, path).list,
    head === null ? null : parseList(head, path),
  );
  expect(plain(mixed)).toEqual(parsed);
  return parsed;
}

const EN = SEED_EN();
const CN = SEED_CN();

describe('diffLists on opened versions', () => {
  it('reads a table row and its text as parseList does, and counts rows without reading them', () => {
    const parsed = parseList(EN, 'README.md');
    const opened = openList(EN, 'README.md').list;
    let n = 0;
    for (const table of opened.tables) {
      const rows = parsed.tables[table.index]!.rows;
      expect(tableRowCount(table)).toBe(rows.length);
      rows.forEach((r, i) => {
        expect(tableRowRaw(opened, table, i)).toBe(r.raw);
        const read = readTableRow(opened, table, i);
        expect([read.line, read.key, read.title, read.tldr, read.tableIndex]).toEqual([
          r.line,
          r.key,
          r.title,
          r.tldr,
          r.tableIndex,
        ]);
        n++;
      });
    }
    expect(n).toBe(parsed.rows.length);
    expect(n).toBeGreaterThan(10);
    // The opened list itself read no row.
    expect(opened.rows).toEqual([]);
  });

  it('the same text: nothing changed, every row unchanged, no row read', () => {
    const d = expectSameDiff(EN, EN);
    expect(d.head).toEqual([]);
    expect(d.unchanged).toBe(parseList(EN, 'README.md').rows.length);
  });

  it('a row moved, a copy inserted above its source, an edit: as with parsed lists', () => {
    const copy = insertAbove(EN, '2406.10774', lineWith(EN, '2404.14469'));
    expect(expectSameDiff(EN, copy).head.map((c) => c.kind)).toEqual(['added']);
    const moved = moveLine(EN, '2304.08467', '2412.06769');
    expect(expectSameDiff(EN, moved).head.map((c) => c.kind)).toEqual(['moved']);
    const edited = editLine(EN, '2406.10774', (l) => l.replace('ICML 2024', 'ICML 2025'));
    const d = expectSameDiff(EN, edited);
    expect(d.head.map((c) => [c.kind, c.head!.line])).toEqual([
      ['changed', lineNo(EN, '2406.10774')],
    ]);
  });

  it('an edit in the Chinese file only, and a renamed section (tables paired by their papers)', () => {
    const edited = editLine(CN, '2406.10774', (l) => l.replace('ICML 2024', 'ICML 2025'));
    expect(expectSameDiff(CN, edited, 'README_CN.md').head).toHaveLength(1);
    const renamed = insertAbove(
      EN.replace(
        '## ⚡ Inference-Time KV Compression (Memory/Cache Level)',
        '## ⚡ KV Cache Compression at Inference',
      ),
      '2406.10774',
      NEW_ROW,
    );
    const d = expectSameDiff(EN, renamed);
    expect(d.renamed).toHaveLength(1);
    expect(d.head.map((c) => c.kind)).toEqual(['added']);
  });

  it('a file added or deleted, a file with no tables, and CRLF line endings', () => {
    expect(expectSameDiff(null, EN).head.length).toBe(parseList(EN, 'README.md').rows.length);
    expect(expectSameDiff(EN, null).removed.length).toBe(parseList(EN, 'README.md').rows.length);
    const prose = '# A list\n\nNo tables yet, only words.\n';
    expect(expectSameDiff(prose, prose)).toEqual({
      head: [],
      removed: [],
      unchanged: 0,
      renamed: [],
    });
    expect(expectSameDiff(prose, EN).head.length).toBeGreaterThan(0);
    const crlf = (t: string) => t.replace(/\r?\n/g, '\r\n');
    const head = crlf(insertAbove(EN, '2406.10774', NEW_ROW));
    const d = expectSameDiff(crlf(EN), head);
    expect(d.head.map((c) => c.kind)).toEqual(['added']);
    expect(d.head[0]!.head!.raw.endsWith('\r')).toBe(false);
    // A change of line endings alone changes every row's text, on both paths alike.
    expectSameDiff(EN, crlf(EN));
  });

  it('lists of other shapes (bullets, nested items, numbered, tables of other columns)', () => {
    expect(SHAPE_NAMES.length).toBeGreaterThan(3);
    for (const name of SHAPE_NAMES) {
      const text = shape(name);
      const lines = text.split('\n');
      const entries = parseList(text, name).rows;
      if (!entries.length) continue;
      // The first entry's first line dropped, and the last entry's first line copied to the top.
      const first = entries[0]!.line - 1;
      const last = entries[entries.length - 1]!.line - 1;
      const edited = [...lines];
      edited.splice(first, 0, lines[last]!);
      edited.splice(last + 1, 1);
      expectSameDiff(text, edited.join('\n'), name);
      expectSameDiff(text, lines.filter((_, i) => i !== first).join('\n'), name);
    }
  });
});

describe('diffLists on opened versions matches parsed versions (property)', () => {
  const texts = [EN, CN, ...SHAPE_NAMES.map(shape)];
  type Op =
    | { kind: 'remove' | 'edit'; at: number }
    | { kind: 'copy' | 'move'; from: number; to: number }
    | { kind: 'rename'; at: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constantFrom('remove' as const, 'edit' as const), at: fc.nat(10_000) }),
    fc.record({
      kind: fc.constantFrom('copy' as const, 'move' as const),
      from: fc.nat(10_000),
      to: fc.nat(10_000),
    }),
    fc.record({ kind: fc.constant('rename' as const), at: fc.nat(10_000) }),
  );
  it('any line edits of any list: the same changes, rows and counts', () => {
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.array(op, { maxLength: 8 }), (which, ops) => {
        const base = texts[which]!;
        const lines = base.split('\n');
        const rows = () => lines.flatMap((l, i) => (/^\s*([|*+-]|\d+[.)])/.test(l) ? [i] : []));
        for (const o of ops) {
          const candidates = rows();
          if (candidates.length < 2) break;
          const pick = (i: number) => candidates[i % candidates.length]!;
          if (o.kind === 'remove') lines.splice(pick(o.at), 1);
          else if (o.kind === 'edit') lines[pick(o.at)] = `${lines[pick(o.at)]} (edited)`;
          else if (o.kind === 'copy') lines.splice(pick(o.to), 0, lines[pick(o.from)]!);
          else if (o.kind === 'move') {
            const [moved] = lines.splice(pick(o.from), 1);
            lines.splice(pick(o.to) % lines.length, 0, moved!);
          } else if (o.kind === 'rename') {
            const headings = lines.flatMap((l, i) => (/^#{1,6} /.test(l) ? [i] : []));
            if (headings.length) {
              const h = headings[o.at % headings.length]!;
              lines[h] = `${lines[h]} renamed`;
            }
          }
        }
        expectSameDiff(base, lines.join('\n'));
      }),
      { seed: 2020, numRuns: RUNS },
    );
  });
});
