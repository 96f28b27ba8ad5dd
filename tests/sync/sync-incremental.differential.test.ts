/**
 * `sync --fix` finds the rows it wrote from its own edits (editedRows) instead of diffing each
 * file's versions (diffLists over the whole lists); the outcome must be exactly the whole-file
 * path's: the same texts, rows reported (as written, fixes included), rows lint-fixed, findings.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { CuratorConfig } from '../../src/config/index.js';
import {
  applyEdits,
  diffLists,
  parseList,
  removeRow,
  replaceRow,
  type PaperList,
  type TextEdit,
} from '../../src/list/index.js';
import { editedRows } from '../../src/sync/edited-rows.js';
import { syncReadmes, type SyncInput } from '../../src/tasks/sync-readmes.js';
import { pair } from '../fuzz/arbitraries.js';
import { FUZZ_RUNS, FUZZ_SEED } from '../fuzz/fuzz-config.js';

/** 100 cases in `npm test`; FUZZ_RUNS=20000 npx vitest run <this file> runs 2,000. */
const RUNS = Math.ceil(FUZZ_RUNS / 10);
import { fixture, FIXTURES, SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;

async function expectSame(en: string, cn: string, more: Partial<SyncInput> = {}): Promise<void> {
  const input: SyncInput = {
    primary: { path: 'README.md', text: en },
    translation: { path: 'README_CN.md', text: cn },
    config,
    fix: true,
    ...more,
  };
  const want = await syncReadmes(input, { wholeFile: true });
  const got = await syncReadmes(input);
  expect(got).toEqual(want);
}

/** The file's lines with every k-th paper line (from `from`) left out, and some rows edited. */
function thinned(text: string, k: number, from: number): string {
  let n = 0;
  return text
    .split('\n')
    .filter((line) => !/^\s*(\||[-*+]|\d+\.)\s/.test(line) || (n++ - from) % k !== 0)
    .map((line, i) => (i % 7 === 3 ? line.replace(/arxiv\.org\/abs/, 'arxiv.org/pdf') : line))
    .join('\n');
}

describe('sync --fix: the rows written found from the edits = found by diffing whole files', () => {
  it('on the seed pair (LF and CRLF), rows missing from either file', async () => {
    for (const eol of ['\n', '\r\n']) {
      const en = SEED_EN().replace(/\n/g, eol);
      const cn = SEED_CN().replace(/\n/g, eol);
      await expectSame(en, cn);
      for (const [k, from] of [
        [3, 0],
        [5, 2],
        [2, 1],
      ] as const) {
        await expectSame(en, thinned(cn, k, from));
        await expectSame(thinned(en, k, from), cn);
        await expectSame(thinned(en, k + 1, from), thinned(cn, k, from + 1));
      }
    }
  });

  it('on list shapes (items spanning lines, numbered lists, dated tables)', async () => {
    const shapes = readdirSync(`${FIXTURES}shapes`).filter(
      (f) => f.endsWith('.md') && f !== 'README.md',
    );
    expect(shapes.length).toBeGreaterThan(5);
    for (const f of shapes) {
      const text = fixture(`shapes/${f}`);
      for (const [k, from] of [
        [2, 0],
        [3, 1],
      ] as const) {
        await expectSame(text, thinned(text, k, from));
        await expectSame(thinned(text, k, from), text);
      }
    }
  });

  it('on fuzzed pairs (sections picked, each side mutated on its own)', async () => {
    await fc.assert(
      fc.asyncProperty(pair, async ({ en, cn }) => {
        await expectSame(en, cn);
      }),
      { seed: FUZZ_SEED, numRuns: RUNS },
    );
  });
});

describe('editedRows', () => {
  const ROWS = [
    '| [New paper](https://arxiv.org/abs/2501.00001) | ICLR 2025 | `Pruning` | - | New. |',
    '| [Another](https://arxiv.org/abs/2502.00002) | arXiv 2025 | `KV Cache` | - | Two. |',
  ];

  /** Random edits of a list's rows, as the sync makes them: rows removed, replaced, inserted. */
  const editsOf = (list: PaperList) =>
    fc
      .array(
        fc.record({
          at: fc.nat(),
          kind: fc.constantFrom('remove', 'replace', 'insert', 'insert-two'),
          row: fc.constantFrom(...ROWS),
        }),
        { maxLength: 6 },
      )
      .map((picked) => {
        const used = new Set<number>();
        const edits: TextEdit[] = [];
        for (const p of picked) {
          const i = p.at % list.rows.length;
          if (used.has(i)) continue;
          used.add(i);
          const row = list.rows[i]!;
          const line =
            row.shape === 'item' ? p.row.replace(/^\| \[/, '- [').replace(/ \|.*/, '') : p.row;
          if (p.kind === 'remove') edits.push(removeRow(row));
          else if (p.kind === 'replace') edits.push(replaceRow(row, line));
          else
            edits.push({
              start: row.start,
              end: row.start,
              text:
                p.kind === 'insert' ? `${line}${list.eol}` : `${line}${list.eol}${line}${list.eol}`,
            });
        }
        return edits;
      });

  it('gives the rows a diff of the two versions gives, on tables and lists of items', () => {
    const files = [
      SEED_EN(),
      SEED_CN(),
      fixture('shapes/nested-bullets.md'),
      fixture('shapes/numbered.md'),
    ];
    for (const text of [...files, ...files.map((t) => t.replace(/\n/g, '\r\n'))]) {
      const before = parseList(text);
      fc.assert(
        fc.property(editsOf(before), (edits) => {
          const after = parseList(applyEdits(text, edits));
          const got = editedRows(before, after, edits);
          const diffed = diffLists(before, after).head.map((c) => c.head!);
          expect(got.map((e) => e.row)).toEqual(diffed.sort((a, b) => a.line - b.line));
          // A row found in an edit's text is in a non-empty one.
          for (const { edit } of got) if (edit) expect(edit.text.length).toBeGreaterThan(0);
        }),
        { seed: FUZZ_SEED, numRuns: RUNS },
      );
    }
  });
});
