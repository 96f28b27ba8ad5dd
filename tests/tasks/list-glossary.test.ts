/**
 * The glossary is learned from rows paired as the sync pairs them (the config's `sync.sections`),
 * by every command that learns it: a paper listed in two sections teaches each section's words.
 * The check and the scan once paired the sections by order alone.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { parseList } from '../../src/list/index.js';
import { learnGlossary } from '../../src/sync/glossary.js';
import { checkPullRequest } from '../../src/tasks/check-pull-request.js';
import { listGlossary } from '../../src/tasks/list-glossary.js';
import { syncReadmes } from '../../src/tasks/sync-readmes.js';

const HEAD = '| Paper | Venue | Tags | Code | TL;DR |\n| :--- | :--- | :--- | :--- | :--- |';
const CN_HEAD = '| 论文 | 发表 | 标签 | 代码 | 简述 |\n| :--- | :--- | :--- | :--- | :--- |';
const row = (title: string, id: string, tag: string, tldr: string) =>
  `| [${title}](https://arxiv.org/abs/${id}) | arXiv 2025.01 | \`${tag}\` | - | ${tldr} |`;

// The shared paper stands in both sections, with each section's tag; the Chinese file lists the
// sections the other way round, so pairing them by order pairs Alpha with 贝塔.
const EN = [
  '# Glossary test list',
  '',
  '## Alpha Methods',
  '',
  HEAD,
  row('Shared Compression Study', '2501.00001', 'Alpha', 'Listed under both methods.'),
  row('Plain Pruning Baseline', '2501.00002', 'Pruning', 'Prunes tokens by attention.'),
  '',
  '## Beta Methods',
  '',
  HEAD,
  row('Shared Compression Study', '2501.00001', 'Beta', 'Listed under both methods.'),
  row('Plain Merging Baseline', '2501.00003', 'Merging', 'Merges similar tokens.'),
  '',
].join('\n');
const CN = [
  '# 术语表测试列表',
  '',
  '## 贝塔方法',
  '',
  CN_HEAD,
  row('Shared Compression Study', '2501.00001', '贝塔', '两类方法下都有。'),
  row('Plain Merging Baseline', '2501.00003', '合并', '合并相似的词元。'),
  '',
  '## 阿尔法方法',
  '',
  CN_HEAD,
  row('Shared Compression Study', '2501.00001', '阿尔法', '两类方法下都有。'),
  row('Plain Pruning Baseline', '2501.00002', '剪枝', '按注意力剪枝词元。'),
  '',
].join('\n');

const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
config.sync.sections = { Alpha: '阿尔法', Beta: '贝塔' };

describe('the glossary every command learns', () => {
  it("pairs a paper's copies by the config's sections, as the sync does", async () => {
    const en = parseList(EN, 'README.md');
    const cn = parseList(CN, 'README_CN.md');
    const learned = listGlossary(en, cn, config).glossary;
    expect([learned.get('Alpha'), learned.get('Beta')]).toEqual(['阿尔法', '贝塔']);
    // Pairing by order (no config) learns the crossed words: the fixture tells the two apart.
    const byOrder = learnGlossary(en, cn, config.sync.glossary);
    expect([byOrder.get('Alpha'), byOrder.get('Beta')]).toEqual(['贝塔', '阿尔法']);
    const sync = await syncReadmes({
      primary: { path: 'README.md', text: EN },
      translation: { path: 'README_CN.md', text: CN },
      config,
      fix: false,
    });
    expect(new Map(sync.glossary).get('Alpha')).toBe('阿尔法');
  });

  it('the check compares an added row’s tags with the same words', async () => {
    const add = (text: string, after: string, line: string) =>
      text.replace(after, `${after}\n${line}`);
    const result = await checkPullRequest({
      primary: {
        path: 'README.md',
        base: EN,
        head: add(
          EN,
          row('Plain Pruning Baseline', '2501.00002', 'Pruning', 'Prunes tokens by attention.'),
          row('New Alpha Method', '2501.00009', 'Alpha', 'A new method of the first kind.'),
        ),
      },
      translation: {
        path: 'README_CN.md',
        base: CN,
        head: add(
          CN,
          row('Plain Pruning Baseline', '2501.00002', '剪枝', '按注意力剪枝词元。'),
          row('New Alpha Method', '2501.00009', '阿尔法', '第一类的新方法。'),
        ),
      },
      config,
      arxiv: null,
    });
    expect(result.added.map((r) => [r.file, r.title])).toEqual([
      ['README.md', 'New Alpha Method'],
      ['README_CN.md', 'New Alpha Method'],
    ]);
    expect(result.findings.filter((f) => f.ruleId.startsWith('sync'))).toEqual([]);
  });
});
