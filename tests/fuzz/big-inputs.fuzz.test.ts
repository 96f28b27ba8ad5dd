/**
 * Fuzz, big inputs: a few dedicated cases (not thousands) that must go through parse, lint, fix,
 * sync and row insertion without an exception, with the same checks as the properties (model
 * consistent with the text, streamed and whole lint agree, fix and sync idempotent, an inserted
 * row reads back). Time is not asserted (bench/ measures it); each case has a generous timeout
 * so that a hang fails instead of blocking the run.
 *
 * - a 10 MB list (the seed list repeated; one row in 50 mutated by the generator's cell
 *   mutations: pipes dropped, added, escaped, HTML, CJK, emoji, tabs; a third of lines CRLF);
 * - a 100,000-row table (parse, lint, fix, insert); sync of 20,000-row tables;
 * - deep nesting (200 levels of list items, of quotes; 5,000 brackets), a 1 MB line;
 * - with FUZZ_LONG=1 (`npm run fuzz`): sync of 100,000-row tables, and a 10 MB list whose
 *   outline goes to remark.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { CuratorConfig } from '../../src/config/index.js';
import { fixEdits, fixText, lintList, lintText } from '../../src/lint/index.js';
import {
  applyEdits,
  insertRow,
  LineIndex,
  parseList,
  renderPaperRow,
  type PaperList,
} from '../../src/list/index.js';
import { syncReadmes } from '../../src/tasks/sync-readmes.js';
import { EN, mutate, mutation, docOf, textOf } from './arbitraries.js';
import { check, checkConsistentModel } from './oracles.js';

const sameFindings = (a: unknown[], b: unknown[]): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

const MB = 1024 * 1024;
// Rows of the seed's five-column paper tables (not the three-column Surveys table).
const ROW_LINES = EN.split('\n').filter(
  (l) => l.startsWith('| [') && l.includes('arxiv.org/abs/') && l.split(' | ').length === 5,
);

/**
 * Row `i` of a big table: a seed row made a paper of its own (arXiv id, a venue that agrees with
 * it, its own repository and TL;DR), as in a real list where papers rarely share a repository.
 */
function bigRow(i: number): string {
  const line = ROW_LINES[i % ROW_LINES.length]!;
  const yy = String(10 + (i % 15)).padStart(2, '0');
  const mm = String(1 + (i % 12)).padStart(2, '0');
  return line
    .replace(/abs\/\d{4}\.\d+/, `abs/${yy}${mm}.${String(i % 100_000).padStart(5, '0')}`)
    .replace(/\| arXiv \d{4}\.\d{2} \|/, `| arXiv 20${yy}.${mm} |`)
    .replace(/github\.com\/[^)]+\)/, `github.com/lab${i % 97}/repo-${i})`)
    .replace(/ \|$/, ` (${i}) |`);
}

const ROW_MUTATIONS = new Set(['dropPipe', 'addPipe', 'escapePipe', 'splice', 'tabs']);

/**
 * One table row in `every` mutated in place by the generator's own cell-level mutations (fixed
 * seed). Lines other than rows are left alone: a heading with markup would send the outline of
 * the whole file to remark, which takes tens of seconds on 10 MB (see docs/reliability.md).
 */
function mutateRows(lines: string[], every: number, seed: number): string[] {
  const ms = fc
    .sample(mutation, { numRuns: Math.ceil(lines.length / every) * 4, seed })
    .filter((m) => ROW_MUTATIONS.has(m.kind));
  let k = 0;
  return lines.map((line, i) => {
    if (i % every !== 0 || !line.startsWith('|')) return line;
    const d = docOf(line);
    mutate(d, ms[k++ % ms.length]!);
    return textOf(d);
  });
}

const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
/** `npm run fuzz` sets FUZZ_LONG: the cases that take minutes run there, not in `npm test`. */
const LONG = process.env['FUZZ_LONG'] === '1';

const HEADER =
  '| Paper Title | Venue/Date | Tags | Code | TL;DR |\n| :--- | :--- | :--- | :--- | :--- |\n';
const CN_HEADER =
  '| 论文标题 | 发表/日期 | 标签 | 代码 | 简述 |\n| :--- | :--- | :--- | :--- | :--- |\n';

/** The seed list repeated to `mb` megabytes (ids renumbered), one row in 50 mutated, a third CRLF. */
function bigList(mb: number, extra = ''): string {
  const copies = Math.ceil((mb * MB) / EN.length);
  const parts = Array.from({ length: copies }, (_, c) =>
    EN.replace(
      /abs\/(\d{4})\.(\d+)/g,
      (_m, yymm: string, n: string) =>
        `abs/${yymm}.${String((Number(n) + c * 7) % 100_000).padStart(5, '0')}`,
    ),
  );
  const lines = mutateRows((extra + parts.join('')).split('\n'), 50, 1);
  return lines.map((l, i) => (i % 3 === 0 ? `${l}\r` : l)).join('\n');
}

/** A pair of one-table lists of `n` rows; the translation lacks every third row. */
function bigPair(n: number): { en: string; cn: string } {
  const rows = mutateRows(
    Array.from({ length: n }, (_, i) => bigRow(i)),
    50,
    2,
  );
  return {
    en: `# List\n\n## 📝 Explicit\n\n${HEADER}${rows.join('\n')}\n`,
    cn: `# 列表\n\n## 📝 显式\n\n${CN_HEADER}${rows.filter((_, i) => i % 3 !== 0).join('\n')}\n`,
  };
}

/**
 * Parse (model consistent); lint (streamed and whole agree, unless `whole` is false); fix, and
 * check the fix is done: the findings fixText returns are those of a lint of its result, so a
 * second fixText would apply exactly the fixes among them that change a line, and there must be
 * none (the properties run the second fixText itself; here it would cost one more lint).
 */
function parseLintFix(text: string, whole = true): PaperList {
  const list = parseList(text, 'README.md');
  checkConsistentModel(list);
  // fixText lints the text first; the streamed lint is run on its own only to compare it.
  if (whole)
    check(
      sameFindings(lintList(list), lintText(text, 'README.md')),
      'lintList and lintText differ',
    );
  const fixed = fixText(text, 'README.md');
  const again = fixEdits({ lines: new LineIndex(fixed.text) }, fixed.findings);
  check(again.length === 0, 'a second fix would change lines', again);
  return list;
}

async function syncTwice(en: string, cn: string): Promise<number> {
  const run = (primary: string, translation: string) =>
    syncReadmes({
      primary: { path: 'README.md', text: primary },
      translation: { path: 'README_CN.md', text: translation },
      config,
      fix: true,
    });
  const first = await run(en, cn);
  const textOf = (path: string, text: string) =>
    first.changes.find((c) => c.path === path)?.text ?? text;
  const second = await run(textOf('README.md', en), textOf('README_CN.md', cn));
  expect(second.changes).toEqual([]);
  return first.rows.length;
}

describe('fuzz: big inputs', () => {
  it('a 10 MB list: parse, lint and fix (idempotent)', () => {
    const text = bigList(10);
    expect(text.length).toBeGreaterThanOrEqual(10 * MB);
    parseLintFix(text, false);
  }, 300_000);

  it('a 100,000-row table: parse, lint, fix (idempotent), insert a row in the middle', () => {
    const { en } = bigPair(100_000);
    const list = parseLintFix(en, false);
    const table = list.tables[0]!;
    expect(table.rows).toHaveLength(100_000);
    const fields = {
      title: 'A | new \\ paper <br> 压缩 🗜️',
      url: 'https://arxiv.org/abs/2501.00001',
      venue: 'arXiv 2025.01',
      tags: ['Pruning'],
      code: null,
      tldr: 'Keeps | drops \\* tokens',
    };
    const line = renderPaperRow(table.columns, fields);
    const edit = insertRow(list, table, 50_000, line);
    const out = applyEdits(en, [edit]);
    expect(out.slice(0, edit.start)).toBe(en.slice(0, edit.start));
    expect(out.slice(edit.start + edit.text.length)).toBe(en.slice(edit.start));
    const row = parseList(out, 'README.md').tables[0]!.rows[50_000]!;
    expect(row).toMatchObject({
      title: fields.title,
      url: fields.url,
      venue: fields.venue,
      tags: fields.tags,
      tldr: fields.tldr,
    });
  }, 300_000);

  it('sync --fix of 20,000-row tables, a third of the rows missing: idempotent', async () => {
    const { en, cn } = bigPair(20_000);
    expect(await syncTwice(en, cn)).toBeGreaterThan(6000);
  }, 300_000);

  // The long run only (minutes each): sync at 100,000 rows, and a 10 MB list whose outline needs
  // remark (one heading with markup), about 20 s per parse.
  if (LONG) {
    it('long: sync --fix of 100,000-row tables, a third of the rows missing: idempotent', async () => {
      const { en, cn } = bigPair(100_000);
      expect(await syncTwice(en, cn)).toBeGreaterThan(30_000);
    }, 1_800_000);

    it('long: a 10 MB list whose outline is read by remark: parse, lint and fix', () => {
      parseLintFix(bigList(10, '# A *list* with markup in its heading\n\n'));
    }, 1_800_000);
  }

  it.each([
    [
      '200 levels of list items',
      Array.from({ length: 200 }, (_, d) => `${'  '.repeat(d)}- item ${d}`).join('\n'),
    ],
    [
      '200 levels of block quotes',
      Array.from({ length: 200 }, (_, d) => `${'> '.repeat(d + 1)}quote`).join('\n'),
    ],
    [
      '200 levels of list items holding headings with markup (the outline read by remark)',
      Array.from({ length: 200 }, (_, d) => `${'  '.repeat(d)}- # *h${d}*`).join('\n'),
    ],
    [
      'a paper table inside 200 levels of list items',
      Array.from({ length: 200 }, (_, d) => `${'  '.repeat(d)}- item ${d}`)
        .concat(
          ['| Paper Title | Venue |', '| --- | --- |', '| [x](https://a.org) | ACL 2024 |'].map(
            (l) => `${'  '.repeat(200)}${l}`,
          ),
        )
        .join('\n'),
    ],
    ['5,000 brackets', `${'['.repeat(5000)}x${']'.repeat(5000)}(#a)`],
    ['10,000 backticks and asterisks', `${'`'.repeat(10_000)} ${'*'.repeat(10_000)}`],
    ['a 1 MB line', `| ${'x | '.repeat(MB / 4)}`],
    [
      'a 256 KB table cell of escaped pipes',
      `| Paper Title |\n| --- |\n| ${'\\|'.repeat(MB / 8)} |`,
    ],
  ])(
    'deep or long: %s',
    (_name, block) => {
      // Put after a real list, so that the tables and the outline are read around it.
      parseLintFix(`${EN}\n${block}\n\n${EN.slice(EN.indexOf('## 📝'))}`);
    },
    120_000,
  );
});
