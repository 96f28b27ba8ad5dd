import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignSequences, diffLists, parseList, type ListDiff } from '../../src/list/index.js';
import { SEED_EN, fixture } from '../helpers/fixtures.js';
import {
  editLine,
  insertAbove,
  lineNo,
  lineWith,
  moveLine,
  removeLine,
} from '../helpers/list-edits.js';

const EN = SEED_EN();
const diff = (base: string | null, head: string | null): ListDiff =>
  diffLists(
    base === null ? null : parseList(base, 'README.md'),
    head === null ? null : parseList(head, 'README.md'),
  );
const kinds = (d: ListDiff) => ({
  added: d.head.filter((c) => c.kind === 'added').map((c) => c.head!.line),
  changed: d.head.filter((c) => c.kind === 'changed').map((c) => c.head!.line),
  moved: d.head.filter((c) => c.kind === 'moved').map((c) => [c.base!.line, c.head!.line]),
  removed: d.removed.map((c) => c.base!.line),
});
const none = { added: [], changed: [], moved: [], removed: [] };

describe('diffLists: rows as an edited sequence', () => {
  it('the same text is no change at all', () => {
    const d = diff(EN, EN);
    expect(kinds(d)).toEqual(none);
    expect(d.unchanged).toBe(parseList(EN, 'README.md').rows.length);
    expect(d.renamed).toEqual([]);
  });

  it('a duplicate of a listed paper inserted above it is the new row, not the original', () => {
    const snap = lineWith(EN, '2404.14469');
    const head = insertAbove(EN, '2406.10774', snap); // above Quest, the table's first row
    expect(kinds(diff(EN, head))).toEqual({ ...none, added: [lineNo(EN, '2406.10774')] });
  });

  it('removing one of two identical rows is one removal, whichever of the two goes', () => {
    const snap = lineWith(EN, '2404.14469');
    const base = insertAbove(EN, '2403.17696', snap); // SnapKV twice, one after the other
    const second = lineNo(EN, '2404.14469') + 1;
    expect(kinds(diff(base, EN))).toEqual({ ...none, removed: [second] });
  });

  it('a paper moved into a table that already lists it is a move, and the other copy stays', () => {
    // Gist is in Explicit and Implicit; the Explicit row moves to the top of Implicit.
    const head = moveLine(EN, '2304.08467', '2412.06769');
    const d = kinds(diff(EN, head));
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
    expect(d.moved).toEqual([[lineNo(EN, '2304.08467'), lineNo(head, '2304.08467')]]);
  });

  it('a row edited in place is changed; reordering within a table is a move', () => {
    const edited = editLine(EN, '2406.10774', (l) => l.replace('ICML 2024', 'ICML 2025'));
    expect(kinds(diff(EN, edited))).toEqual({ ...none, changed: [lineNo(EN, '2406.10774')] });
    const reordered = moveLine(EN, '2306.14048', '2406.10774'); // H2O to the top of its table
    const d = kinds(diff(EN, reordered));
    expect(d.moved).toEqual([[lineNo(EN, '2306.14048'), lineNo(reordered, '2306.14048')]]);
    expect([d.added, d.removed, d.changed]).toEqual([[], [], []]);
  });

  it('a link fixed from pdf to abs is the same paper changed (the key is the arXiv id)', () => {
    const head = editLine(EN, '2406.10774', (l) => l.replace('abs/2406.10774', 'pdf/2406.10774v2'));
    expect(kinds(diff(EN, head)).changed).toEqual([lineNo(EN, '2406.10774')]);
  });

  it('a renamed heading whose rows did not change is a renamed section, not rows added and removed', () => {
    const head = EN.replace(
      '## ⚡ Inference-Time KV Compression (Memory/Cache Level)',
      '## ⚡ KV Cache Compression at Inference',
    );
    const d = diff(EN, head);
    expect(kinds(d)).toEqual(none);
    expect(d.renamed).toEqual([
      {
        from: '⚡ Inference-Time KV Compression (Memory/Cache Level)',
        to: '⚡ KV Cache Compression at Inference',
        baseLine: 96,
        headLine: 96,
      },
    ]);
  });

  it('a renamed heading with a row added under it: one row added, the section renamed', () => {
    const head = insertAbove(
      EN.replace('## ⚡ Inference-Time KV Compression (Memory/Cache Level)', '## ⚡ KV Caches'),
      '2406.10774',
      '| [New KV Paper](https://arxiv.org/abs/2509.01234) | arXiv 2025.09 | `Eviction` | - | Keeps fewer entries. |',
    );
    const d = diff(EN, head);
    expect(kinds(d)).toEqual({ ...none, added: [lineNo(EN, '2406.10774')] });
    expect(d.renamed.map((r) => r.to)).toEqual(['⚡ KV Caches']);
  });

  it('a file added or deleted: every row added or removed', () => {
    const n = parseList(EN, 'README.md').rows.length;
    expect(diff(null, EN).head.every((c) => c.kind === 'added')).toBe(true);
    expect(diff(null, EN).head).toHaveLength(n);
    expect(diff(EN, null).removed).toHaveLength(n);
  });

  it('a table of another shape (other columns, other order): moves and edits found the same way', () => {
    // Its header words, as its .github/curator.yml gives them.
    const columnAliases = {
      title: ['Work'],
      venue: ['Appeared In'],
      tags: ['Topics'],
      tldr: ['One-liner'],
    };
    const read = (text: string) => parseList(text, 'README.md', { columnAliases });
    const list = fixture('../../examples/second-list/README.md');
    expect(read(list).rows.length).toBeGreaterThan(10);
    const moved = moveLine(list, '2103.03874', '2311.12022');
    const d = kinds(diffLists(read(list), read(moved)));
    expect(d.moved).toEqual([[lineNo(list, '2103.03874'), lineNo(moved, '2103.03874')]]);
    expect([d.added, d.removed, d.changed]).toEqual([[], [], []]);
    const edited = editLine(list, '2110.14168', (l) => l.replace('arXiv 2021.10', 'NeurIPS 2021'));
    expect(kinds(diffLists(read(list), read(edited))).changed).toEqual([
      lineNo(list, '2110.14168'),
    ]);
  });

  it('rows without a title link or key (a bare title) pair by their text and title', () => {
    const base = [
      '## Papers',
      '',
      '| Paper | Venue |',
      '| --- | --- |',
      '| Attention Is All You Need | NeurIPS 2017 |',
      '| Some Other Work | ICML 2020 |',
      '',
    ].join('\n');
    const head = base.replace('ICML 2020', 'ICML 2021');
    expect(kinds(diff(base, head))).toEqual({ ...none, changed: [6] });
  });
});

describe('alignSequences', () => {
  it('is a longest common subsequence on small inputs', () => {
    expect(alignSequences(['a', 'b', 'c', 'd'], ['b', 'x', 'c', 'd', 'e'])).toEqual([
      [1, 0],
      [2, 2],
      [3, 3],
    ]);
  });

  it('past the edit budget it still pairs every text it can in order (patience), in linear-ish time', () => {
    const n = 60_000;
    const a = Array.from({ length: n }, (_, i) => `row ${i}`);
    // Every other row rewritten: far more edits than Myers is allowed.
    const b = a.map((x, i) => (i % 2 ? `${x} edited` : x));
    const pairs = alignSequences(a, b);
    expect(pairs).toHaveLength(n / 2);
    expect(pairs.every(([i, j]) => i === j && i % 2 === 0)).toBe(true);
  });

  it('pairs are increasing and join equal items (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }),
        (a, b) => {
          const pairs = alignSequences(a, b);
          for (let k = 0; k < pairs.length; k++) {
            const [i, j] = pairs[k]!;
            expect(a[i]).toBe(b[j]);
            if (k) expect(i > pairs[k - 1]![0] && j > pairs[k - 1]![1]).toBe(true);
          }
        },
      ),
      { seed: 14, numRuns: 300 },
    );
  });
});

describe('diffLists accounts for every row exactly once (property)', () => {
  const rows = parseList(EN, 'README.md').rows.map((r) => r.raw);
  type Op =
    | { kind: 'copy'; from: number; to: number }
    | { kind: 'remove'; at: number }
    | { kind: 'move'; from: number; to: number }
    | { kind: 'edit'; at: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({
      kind: fc.constant('copy' as const),
      from: fc.nat(rows.length - 1),
      to: fc.nat(rows.length - 1),
    }),
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat(rows.length - 1) }),
    fc.record({
      kind: fc.constant('move' as const),
      from: fc.nat(rows.length - 1),
      to: fc.nat(rows.length - 1),
    }),
    fc.record({ kind: fc.constant('edit' as const), at: fc.nat(rows.length - 1) }),
  );
  it('unchanged + changed + moved + removed = base rows; unchanged + changed + moved + added = head rows', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 8 }), (ops) => {
        let head = EN;
        for (const o of ops) {
          const current = parseList(head, 'README.md').rows;
          if (current.length < 2) break;
          const pick = (i: number) => current[i % current.length]!;
          if (o.kind === 'copy') head = insertAbove(head, pick(o.to).raw, pick(o.from).raw);
          else if (o.kind === 'remove') head = removeLine(head, pick(o.at).raw);
          else if (o.kind === 'move' && pick(o.from) !== pick(o.to))
            head = moveLine(head, pick(o.from).raw, pick(o.to).raw);
          else if (o.kind === 'edit')
            head = editLine(head, pick(o.at).raw, (l) => l.replace(/ \|$/, ' (edited) |'));
        }
        const d = diff(EN, head);
        const nBase = parseList(EN, 'README.md').rows.length;
        const nHead = parseList(head, 'README.md').rows.length;
        const count = (k: string) => d.head.filter((c) => c.kind === k).length;
        expect(d.unchanged + count('changed') + count('moved') + d.removed.length).toBe(nBase);
        expect(d.unchanged + count('changed') + count('moved') + count('added')).toBe(nHead);
        // Each head row appears at most once among the changes.
        const lines = d.head.map((c) => c.head!.line);
        expect(new Set(lines).size).toBe(lines.length);
      }),
      { seed: 1414, numRuns: 150 },
    );
  });
});
