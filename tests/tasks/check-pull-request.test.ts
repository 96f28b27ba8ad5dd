/**
 * The pull-request check on the edits maintainers really make: a copy inserted above its source,
 * a duplicate at the top of a table, one of two duplicates removed, a paper moved into a table
 * that lists it, an edit in one language only, a renamed section, a deleted translation. Each is
 * applied to the seed-like pair and checked as the App, the Action and `curator check` do.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { checkPullRequest, type CheckResult } from '../../src/tasks/check-pull-request.js';
import { SEED_CN, SEED_EN, NEW_ROW, NEW_ROW_CN } from '../helpers/fixtures.js';
import {
  editLine,
  insertAbove,
  lineNo,
  lineWith,
  moveLine,
  removeLine,
} from '../helpers/list-edits.js';

const EN = SEED_EN();
const CN = SEED_CN();
const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;

function check(
  head: { en?: string | null; cn?: string | null },
  base: { en?: string | null; cn?: string | null } = {},
  cfg: CuratorConfig = config,
): Promise<CheckResult> {
  return checkPullRequest({
    primary: {
      path: 'README.md',
      base: base.en === undefined ? EN : base.en,
      head: head.en === undefined ? EN : head.en,
    },
    translation: {
      path: 'README_CN.md',
      base: base.cn === undefined ? CN : base.cn,
      head: head.cn === undefined ? CN : head.cn,
    },
    config: cfg,
    arxiv: null,
  });
}
const counts = (r: CheckResult) => ({
  added: r.added.length,
  changed: r.changed.length,
  moved: r.moved.length,
  removed: r.removed.length,
});
const where = (r: CheckResult) => r.findings.map((f) => [f.file, f.line, f.ruleId]);

describe('checkPullRequest: changes as edits of a sequence of rows', () => {
  it('a clean addition in both files: one paper added, no findings', async () => {
    const r = await check({
      en: insertAbove(EN, '2406.10774', NEW_ROW),
      cn: insertAbove(CN, '2406.10774', NEW_ROW_CN),
    });
    expect(counts(r)).toEqual({ added: 2, changed: 0, moved: 0, removed: 0 });
    expect(r.findings).toEqual([]);
  });

  it('a row copied from SnapKV (code link and TL;DR kept) and inserted ABOVE it: the copy is reported, on its own line', async () => {
    const snap = lineWith(EN, '2404.14469');
    const copy = snap
      .replace(
        'SnapKV: LLM Knows What You are Looking for Before Generation',
        'Funnel Budgets for KV Caches',
      )
      .replace('2404.14469', '2509.04890');
    const head = insertAbove(EN, '2404.14469', copy);
    const r = await check({ en: head });
    expect(counts(r)).toEqual({ added: 1, changed: 0, moved: 0, removed: 0 });
    const copyLine = lineNo(head, '2509.04890');
    const copyPaste = r.findings.filter((f) => f.ruleId === 'copy-paste');
    expect(copyPaste.map((f) => [f.file, f.line])).toEqual([['README.md', copyLine]]);
    expect(copyPaste[0]!.message).toContain(`(line ${copyLine + 1})`); // names SnapKV, below it
    expect(copyPaste[0]!.message).toContain('SnapKV');
  });

  it('a duplicate of SnapKV added at the top of its table, above Quest: reported on the new row', async () => {
    const head = insertAbove(EN, '2406.10774', lineWith(EN, '2404.14469'));
    const r = await check({ en: head });
    expect(counts(r)).toEqual({ added: 1, changed: 0, moved: 0, removed: 0 });
    const top = lineNo(head, '2404.14469');
    const dup = r.findings.find((f) => f.ruleId === 'duplicate-in-table')!;
    expect([dup.file, dup.line]).toEqual(['README.md', top]);
    expect(dup.message).toContain(`also at line ${lineNo(EN, '2404.14469') + 1}`);
    expect(r.added[0]!.line).toBe(top);
  });

  it('removing one of two identical rows is one removal, not a change', async () => {
    const twice = insertAbove(EN, '2403.17696', lineWith(EN, '2404.14469'));
    const r = await check({ en: EN }, { en: twice });
    expect(counts(r)).toEqual({ added: 0, changed: 0, moved: 0, removed: 1 });
  });

  it('moving Gist into the Implicit table, which lists it already: a move, with the duplicate on the moved row', async () => {
    const head = moveLine(EN, '2304.08467', '2412.06769');
    const cnHead = moveLine(CN, '2304.08467', '2412.06769');
    const r = await check({ en: head, cn: cnHead });
    expect(counts(r)).toEqual({ added: 0, changed: 0, moved: 2, removed: 0 });
    const movedLine = lineNo(head, '2304.08467');
    expect(r.moved[0]).toMatchObject({
      file: 'README.md',
      line: movedLine,
      section: '🧠 Implicit Context Compression (Latent/Reasoning Level)',
      from: {
        section: '📝 Explicit Context Compression (Prompt/Input Level)',
        line: lineNo(EN, '2304.08467'),
      },
      edited: false,
    });
    expect(where(r)).toContainEqual(['README.md', movedLine, 'duplicate-in-table']);
    // The untouched copy further down gets nothing.
    const untouched = head.split('\n').findLastIndex((l) => l.includes('2304.08467')) + 1;
    expect(r.findings.filter((f) => f.file === 'README.md' && f.line === untouched)).toEqual([]);
  });

  it('a code link edited in README.md only: a finding on the edited row and the corrected row for README_CN.md', async () => {
    const head = editLine(EN, '2406.10774', (l) =>
      l.replace('https://github.com/mit-han-lab/Quest', 'https://github.com/mit-han-lab/quest-kv'),
    );
    const r = await check({ en: head });
    expect(counts(r)).toEqual({ added: 0, changed: 1, moved: 0, removed: 0 });
    const line = lineNo(head, '2406.10774');
    expect(where(r)).toEqual([['README.md', line, 'sync-edit']]);
    expect(r.findings[0]!.message).toContain('code link in README.md only');
    expect(r.findings[0]!.message).toContain(`README_CN.md (line ${lineNo(CN, '2406.10774')}`);
    expect(r.syncRows).toEqual([
      {
        file: 'README_CN.md',
        section: '⚡ 推理时KV压缩（内存/缓存层面）',
        row: lineWith(CN, '2406.10774').replace('mit-han-lab/Quest', 'mit-han-lab/quest-kv'),
        replaces: lineNo(CN, '2406.10774'),
      },
    ]);
  });

  it('a one-language edit with a defect: the row offered to the other file is the corrected one', async () => {
    const head = editLine(EN, '2406.10774', (l) =>
      l.replace(
        '[GitHub](https://github.com/mit-han-lab/Quest)',
        '[Github](https://github.com/mit-han-lab/quest-kv.git)',
      ),
    );
    const r = await check({ en: head });
    expect(r.suggestions.map((s) => s.line)).toEqual([lineNo(head, '2406.10774')]);
    expect(r.syncRows[0]!.row).toContain('[GitHub](https://github.com/mit-han-lab/quest-kv)');
    expect(r.syncRows[0]!.row).not.toContain('.git)');
  });

  it('the same edit in both files is no one-language finding', async () => {
    const swap = (l: string) => l.replace('mit-han-lab/Quest', 'mit-han-lab/quest-kv');
    const r = await check({
      en: editLine(EN, '2406.10774', swap),
      cn: editLine(CN, '2406.10774', swap),
    });
    expect(counts(r)).toEqual({ added: 0, changed: 2, moved: 0, removed: 0 });
    expect(r.findings).toEqual([]);
    expect(r.syncRows).toEqual([]);
  });

  it('a venue edited in README_CN.md only: reported on the Chinese row, with the row for README.md', async () => {
    const cnHead = editLine(CN, '2406.10774', (l) => l.replace('ICML 2024', 'ICML 2025'));
    const r = await check({ cn: cnHead });
    expect(where(r)).toEqual([['README_CN.md', lineNo(CN, '2406.10774'), 'sync-edit']]);
    expect(r.syncRows).toEqual([
      expect.objectContaining({
        file: 'README.md',
        replaces: lineNo(EN, '2406.10774'),
        row: lineWith(EN, '2406.10774').replace('ICML 2024', 'ICML 2025'),
      }),
    ]);
  });

  it('a paper removed from one file only: reported on the row the other file keeps', async () => {
    const r = await check({ en: removeLine(EN, '2406.10774') });
    expect(counts(r)).toEqual({ added: 0, changed: 0, moved: 0, removed: 1 });
    expect(where(r)).toEqual([['README_CN.md', lineNo(CN, '2406.10774'), 'sync-edit']]);
    expect(r.findings[0]!.message).toContain('removes it from README.md');
  });

  it('a paper moved to another category in one file only: reported on the moved row', async () => {
    const head = moveLine(EN, '2403.09054', '2406.10774'); // Keyformer from Explicit to KV
    const r = await check({ en: head });
    expect(counts(r)).toEqual({ added: 0, changed: 0, moved: 1, removed: 0 });
    const f = r.findings.filter((x) => x.ruleId === 'sync-edit');
    expect(f.map((x) => [x.file, x.line])).toEqual([['README.md', lineNo(head, '2403.09054')]]);
    expect(f[0]!.message).toContain('in README_CN.md too');
  });

  it('a renamed section heading and its table-of-contents link: "section renamed", nothing else', async () => {
    const head = EN.replace(
      '## ⚡ Inference-Time KV Compression (Memory/Cache Level)',
      '## ⚡ KV Cache Compression at Inference Time',
    ).replace(
      '(#-inference-time-kv-compression-memorycache-level)',
      '(#-kv-cache-compression-at-inference-time)',
    );
    const r = await check({ en: head });
    expect(counts(r)).toEqual({ added: 0, changed: 0, moved: 0, removed: 0 });
    expect(r.renamedSections).toEqual([
      {
        file: 'README.md',
        from: '⚡ Inference-Time KV Compression (Memory/Cache Level)',
        to: '⚡ KV Cache Compression at Inference Time',
        line: 96,
      },
    ]);
    expect(r.findings).toEqual([]);
    expect(r.suggestions).toEqual([]);
  });

  it('a renamed heading whose table-of-contents link was left behind: the broken link, nothing on the rows', async () => {
    const head = EN.replace(
      '## ⚡ Inference-Time KV Compression (Memory/Cache Level)',
      '## ⚡ KV Cache Compression at Inference Time',
    );
    const r = await check({ en: head });
    expect(where(r)).toEqual([['README.md', lineNo(EN, '(#-inference-time-kv'), 'toc-anchor']]);
  });

  it('README_CN.md deleted: a warning that says how many papers it held and how to go one-language', async () => {
    const r = await check({ cn: null });
    const n = CN.split('\n').filter((l) => l.startsWith('| [')).length;
    expect(r.findings).toEqual([
      expect.objectContaining({
        file: 'README_CN.md',
        line: 1,
        ruleId: 'file-removed',
        severity: 'warning',
      }),
    ]);
    expect(r.findings[0]!.message).toContain(`${n} paper rows`);
    expect(r.findings[0]!.message).toContain('files.translation: null');
  });

  it('the deletion finding follows check.fileRemoved (error, or off)', async () => {
    const strict = structuredClone(config);
    strict.check.fileRemoved = 'error';
    expect((await check({ cn: null }, {}, strict)).findings[0]!.severity).toBe('error');
    strict.check.fileRemoved = 'off';
    expect((await check({ cn: null }, {}, strict)).findings).toEqual([]);
  });

  it('README.md renamed away: a finding naming the new path and files.primary', async () => {
    const r = await checkPullRequest({
      primary: { path: 'README.md', base: EN, head: null, renamedTo: 'docs/README.md' },
      translation: { path: 'README_CN.md', base: CN, head: CN },
      config,
      arxiv: null,
    });
    expect(where(r)).toEqual([['README.md', 1, 'file-removed']]);
    expect(r.findings[0]!.message).toContain('renamed to `docs/README.md`');
    expect(r.findings[0]!.message).toContain('files.primary');
  });

  it('a badge-only edit: nothing changed, nothing found', async () => {
    const head = EN.replace(
      '# Awesome-Context-Compression-LLMs 🗜️',
      '# Awesome-Context-Compression-LLMs 🗜️ ![stars](https://img.shields.io/github/stars/o/r)',
    );
    const r = await check({ en: head });
    expect(counts(r)).toEqual({ added: 0, changed: 0, moved: 0, removed: 0 });
    expect(r.findings).toEqual([]);
  });

  it("the App's own change (ownChange): no placement guesses on the rows it placed", async () => {
    const head = insertAbove(EN, '2403.12968', NEW_ROW); // a KV paper in the explicit table
    const mine = await checkPullRequest({
      primary: { path: 'README.md', base: EN, head },
      translation: null,
      config,
      arxiv: null,
      ownChange: true,
    });
    expect(mine.classifications).toEqual([]);
    const theirs = await checkPullRequest({
      primary: { path: 'README.md', base: EN, head },
      translation: null,
      config,
      arxiv: null,
    });
    expect(theirs.findings.map((f) => f.ruleId)).toContain('category');
  });
});
