/** Regression tests for drift found by tests/fuzz/sync.fuzz.test.ts and big-inputs.fuzz.test.ts. */
import type { PaperRow } from '../../src/list/index.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { CuratorConfig } from '../../src/config/index.js';
import { parseList } from '../../src/list/index.js';
import { alignLists } from '../../src/sync/align.js';
import { syncReadmes } from '../../src/tasks/sync-readmes.js';

const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
const EN_HEAD =
  '# L\n\n## 📝 Explicit\n\n| Paper Title | Venue/Date | Tags | Code | TL;DR |\n| :--- | :--- | :--- | :--- | :--- |\n';
const CN_HEAD =
  '# L\n\n## 📝 显式\n\n| 论文标题 | 发表/日期 | 标签 | 代码 | 简述 |\n| :--- | :--- | :--- | :--- | :--- |\n';

async function syncTwice(en: string, cn: string) {
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
  return { first, second, cn1: textOf('README_CN.md', cn) };
}

describe('sync --fix', () => {
  it('copies a title cell once when both its title and its link differ', async () => {
    const en = `${EN_HEAD}| [LLMLingua-2: Data Distillation](https://arxiv.org/abs/2403.12968) | ACL 2024 | \`Pruning\` | - | Keeps tokens. |\n`;
    const cn = `${CN_HEAD}| [LLMLingua 2](https://arxiv.org/pdf/2403.12968) | ACL 2024 | \`剪枝\` | - | 保留。 |\n`;
    const { first, second, cn1 } = await syncTwice(en, cn);
    expect(first.rowsCorrected).toBe(1);
    expect(cn1.split('\n').at(-2)).toBe(
      '| [LLMLingua-2: Data Distillation](https://arxiv.org/abs/2403.12968) | ACL 2024 | `剪枝` | - | 保留。 |',
    );
    expect(second.changes).toEqual([]);
  });

  it('is done in one run when a copied title had runs of spaces (the copy has single spaces)', async () => {
    const en = `${EN_HEAD}| [A](https://arxiv.org/abs/2403.12968) | ACL 2024 | \`Pruning\` | - | Keeps tokens. |\n`;
    const cn = `${CN_HEAD}| [A](https://arxiv.org/abs/2403.12968) | ACL 2024 | \`剪枝\` | - | 保留。 |\n| [Two  spaces](https://a.org/x) | ACL 2024 | \`剪枝\` | - | 两个空格。 |\n`;
    const { first, second } = await syncTwice(en, cn);
    expect(first.rows.map((r) => r.row)).toEqual([
      '| [Two spaces](https://a.org/x) | ACL 2024 | `Pruning` | - | 两个空格。 |',
    ]);
    expect(second.changes).toEqual([]);
    expect(second.report.files[1]!.findings.map((f) => f.ruleId)).not.toContain('sync-field');
  });

  it('is done in one run when a title copied into the translation had runs of spaces', async () => {
    const en = `${EN_HEAD}| [A](https://arxiv.org/abs/2403.12968) | ACL 2024 | \`Pruning\` | - | Keeps tokens. |\n| [Two  spaces](https://a.org/x) | ACL 2024 | \`Pruning\` | - | Two spaces. |\n`;
    const cn = `${CN_HEAD}| [A](https://arxiv.org/abs/2403.12968) | ACL 2024 | \`剪枝\` | - | 保留。 |\n`;
    const { first, second } = await syncTwice(en, cn);
    expect(first.rows.map((r) => r.row)).toEqual([
      '| [Two spaces](https://a.org/x) | ACL 2024 | `剪枝` | - | Two spaces. |',
    ]);
    expect(second.changes).toEqual([]);
    expect(second.report.files[1]!.findings.map((f) => f.ruleId)).not.toContain('sync-field');
  });
});

describe('alignLists on large tables', () => {
  it('places tens of thousands of missing rows after the row that precedes them in the source', () => {
    // 40,000 rows, a third missing from the translation: searching the tables again for each
    // missing row took about 25 s; one pass per pair of tables takes well under one.
    const n = 40_000;
    const row = (i: number) =>
      `| [Paper ${i}](https://arxiv.org/abs/${String(1001 + (i % 12)).padStart(4, '0')}.${String(i).padStart(5, '0')}) | ACL 2024 | \`Pruning\` | - | Does ${i}. |`;
    const rows = Array.from({ length: n }, (_, i) => row(i));
    const en = parseList(`${EN_HEAD}${rows.join('\n')}\n`, 'README.md');
    const cn = parseList(
      `${CN_HEAD}${rows.filter((_, i) => i % 3 !== 0).join('\n')}\n`,
      'README_CN.md',
    );
    // Work, not time: every read of a row of either table is counted. Searching the tables again
    // for each missing row reads rows n * n / 3 times (over 500 million); one pass reads each a
    // few times.
    let reads = 0;
    const counted = (rows: PaperRow[]) =>
      new Proxy(rows, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    for (const list of [en, cn])
      for (const t of list.tables) (t as { rows: PaperRow[] }).rows = counted(t.rows);
    const { missing } = alignLists(en, cn, new Map());
    expect(missing).toHaveLength(Math.ceil(n / 3));
    expect(reads).toBeGreaterThan(n); // the counter sees the reads
    expect(reads).toBeLessThan(50 * n);
    const table = cn.tables[0]!;
    // Row 3k is missing; row 3k - 1 precedes it and is row 2k - 1 of the translation table.
    for (const k of [0, 1, 2, 1000, 13_333]) {
      const m = missing[k]!;
      expect(m.row).toContain(`[Paper ${3 * k}]`);
      const at = k === 0 ? table.rows[0]!.start : table.rows[2 * k - 1]!.lineEnd;
      expect(m.edit.start).toBe(at);
    }
  });
});
