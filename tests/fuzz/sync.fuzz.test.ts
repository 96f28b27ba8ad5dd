/**
 * Fuzz: `sync --fix` is idempotent and lossless. On the seed pair (sections picked on both sides,
 * each file mutated on its own), a second sync after the first one's changes changes nothing; each
 * changed file is its old lines with the reported rows inserted (in the file's line ending), the
 * reported rows deleted (the translation only: papers the primary file does not list, extra
 * copies, and the old place of a moved row), and some of its paper rows corrected in place (in
 * the translation, cells copied from the primary; in either, lint fixes on the source of a copied
 * row): every other line is byte-identical, line ending included.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { CuratorConfig } from '../../src/config/index.js';
import { parseList } from '../../src/list/index.js';
import { syncReadmes } from '../../src/tasks/sync-readmes.js';
import { pair } from './arbitraries.js';
import { checkAsyncProperty, FUZZ_RUNS, timeoutFor } from './fuzz-config.js';
import { check, linesWithEndings } from './oracles.js';

const EN_PATH = 'README.md';
const CN_PATH = 'README_CN.md';

/**
 * `after` is `before` with the lines `inserted` added, the lines `removed` (1-based, in `before`)
 * deleted and at most `maxReplaced` of the lines `replaceable` changed in place; everything else
 * identical.
 */
function checkSplice(
  file: string,
  before: string,
  after: string,
  inserted: string[],
  removed: Set<number>,
  replaceable: Set<number>,
  maxReplaced: number,
): void {
  const a = linesWithEndings(before);
  const b = linesWithEndings(after);
  check(
    b.length === a.length + inserted.length - removed.size,
    `${file}: line count`,
    a.length,
    b.length,
    inserted,
    [...removed],
  );
  const pool = new Map<string, number>();
  for (const l of inserted) pool.set(l, (pool.get(l) ?? 0) + 1);
  let i = 0;
  let replaced = 0;
  for (let j = 0; j < b.length; j += 1) {
    while (removed.has(i + 1)) i += 1;
    const [content, ending] = b[j]!;
    const old = a[i];
    const lastGainsEnding =
      old !== undefined && i === a.length - 1 && old[1] === '' && j < b.length - 1;
    if (old && old[0] === content && (old[1] === ending || (lastGainsEnding && ending !== ''))) {
      i += 1;
      continue;
    }
    if ((pool.get(content) ?? 0) > 0) {
      pool.set(content, pool.get(content)! - 1);
      continue;
    }
    check(
      old !== undefined && replaceable.has(i + 1) && old[1] === ending && replaced < maxReplaced,
      `${file}: line ${j + 1} is neither an old line, an inserted row nor a corrected row`,
      content,
      old,
    );
    replaced += 1;
    i += 1;
  }
  while (removed.has(i + 1)) i += 1;
  check(i === a.length, `${file}: old lines missing`, a.length - i);
}

describe('fuzz: sync --fix', () => {
  it(
    'is idempotent and lossless outside the inserted and corrected rows',
    async () => {
      const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
      await checkAsyncProperty(
        'sync: idempotent + lossless',
        fc.asyncProperty(pair, async ({ en, cn }) => {
          const first = await syncReadmes({
            primary: { path: EN_PATH, text: en },
            translation: { path: CN_PATH, text: cn },
            config,
            fix: true,
          });
          const textOf = (path: string, text: string) =>
            first.changes.find((c) => c.path === path)?.text ?? text;
          const en1 = textOf(EN_PATH, en);
          const cn1 = textOf(CN_PATH, cn);
          const second = await syncReadmes({
            primary: { path: EN_PATH, text: en1 },
            translation: { path: CN_PATH, text: cn1 },
            config,
            fix: true,
          });
          check(
            second.changes.length === 0,
            'a second sync --fix changed files',
            second.changes.map((c) => c.path),
            second.rows,
            second.rowsCorrected,
          );
          const rowsOf = (path: string) => [
            ...first.rows.filter((r) => r.file === path).map((r) => r.row),
            ...first.rowsMoved.filter((m) => m.path === path).map((m) => m.row),
          ];
          const removedFrom = (path: string) =>
            new Set([
              ...first.rowsRemoved.filter((r) => r.path === path).map((r) => r.line),
              ...first.rowsMoved.filter((m) => m.path === path).map((m) => m.fromLine),
            ]);
          // Rows are deleted from the translation only.
          check(removedFrom(EN_PATH).size === 0, 'rows deleted from the primary file', [
            ...removedFrom(EN_PATH),
          ]);
          // Rows the sync copies get every lint fix, and so do their sources: a source row may
          // change in place, once per row the sync reports as lint-fixed in that file.
          const lintFixed = (path: string) =>
            first.rowsLintFixed.find((f) => f.path === path)?.lines.length ?? 0;
          const enRows = new Set(parseList(en, EN_PATH).rows.map((r) => r.line));
          checkSplice(EN_PATH, en, en1, rowsOf(EN_PATH), new Set(), enRows, lintFixed(EN_PATH));
          const cnRows = new Set(parseList(cn, CN_PATH).rows.map((r) => r.line));
          checkSplice(
            CN_PATH,
            cn,
            cn1,
            rowsOf(CN_PATH),
            removedFrom(CN_PATH),
            cnRows,
            first.rowsCorrected + lintFixed(CN_PATH),
          );
        }),
      );
    },
    timeoutFor(FUZZ_RUNS),
  );
});
