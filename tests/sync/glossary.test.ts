import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/index.js';
import {
  buildGlossary,
  learnGlossary,
  SEED_GLOSSARY,
  seedTranslation,
} from '../../src/sync/glossary.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { removeLine } from '../helpers/list-edits.js';

const EN_HEAD = (name: string) =>
  `## ${name}\n\n| Paper Title | Venue/Date | Tags | Code | TL;DR |\n| :--- | :--- | :--- | :--- | :--- |\n`;
const CN_HEAD = (name: string) =>
  `## ${name}\n\n| 论文标题 | 发表/日期 | 标签 | 代码 | 简述 |\n| :--- | :--- | :--- | :--- | :--- |\n`;
const row = (id: string, tags: string[], tldr = 'x') =>
  `| [Paper ${id}](https://arxiv.org/abs/${id}) | arXiv 2024.01 | ${tags.map((t) => `\`${t}\``).join(', ')} | - | ${tldr} |\n`;

/** One section per file, a row per paper, tags given. */
function pairOf(rows: [string, string[], string[]][]) {
  const en = `# L\n\n${EN_HEAD('📝 A')}${rows.map(([id, t]) => row(id, t)).join('')}`;
  const cn = `# L\n\n${CN_HEAD('📝 甲')}${rows.map(([id, , t]) => row(id, t, '中文')).join('')}`;
  return { en: parseList(en, 'README.md'), cn: parseList(cn, 'README_CN.md') };
}

describe('SEED_GLOSSARY', () => {
  it('has the common words of the field, one Chinese word per tag', () => {
    for (const [en, cn] of [
      ['Pruning', '剪枝'],
      ['KV Cache', 'KV缓存'],
      ['Quantization', '量化'],
      ['Eviction', '驱逐'],
      ['Soft Prompt', '软提示'],
      ['Summarization', '摘要'],
      ['Distillation', '蒸馏'],
      ['Sparse Attention', '稀疏注意力'],
      ['Merging', '合并'],
      ['Compression', '压缩'],
      ['RAG', 'RAG'],
      ['Retrieval', '检索'],
    ])
      expect(SEED_GLOSSARY[en!], en).toBe(cn);
    const words = Object.values(SEED_GLOSSARY);
    expect(new Set(words).size).toBe(words.length);
  });

  it('is looked up without regard to case, hyphens or spacing', () => {
    expect(seedTranslation('kv cache')).toBe('KV缓存');
    expect(seedTranslation('KV-Cache')).toBe('KV缓存');
    expect(seedTranslation('layer wise')).toBe('分层');
    expect(seedTranslation('Not A Tag Anyone Uses')).toBeUndefined();
  });

  it('agrees with the seed-like pair on every tag both have', () => {
    const learned = learnGlossary(parseList(SEED_EN()), parseList(SEED_CN()), {}, { seed: false });
    for (const [en, cn] of Object.entries(SEED_GLOSSARY))
      if (learned.has(en)) expect(learned.get(en), en).toBe(cn);
  });
});

describe('buildGlossary', () => {
  it('takes the translation most rows give, and the seed breaks a tie', () => {
    const { en, cn } = pairOf([
      ['2401.00001', ['Pruning'], ['剪枝']],
      ['2401.00002', ['Pruning'], ['修剪']],
      ['2401.00003', ['Merging'], ['融合']],
      ['2401.00004', ['Merging'], ['融合']],
      ['2401.00005', ['Merging'], ['合并']],
    ]);
    const { glossary, conflicts } = buildGlossary(en, cn);
    expect(glossary.get('Pruning')).toBe('剪枝'); // 1:1, the seed's word
    expect(glossary.get('Merging')).toBe('融合'); // the list's own majority beats the seed
    expect(conflicts.map((c) => [c.kind, c.chosen])).toEqual([
      ['translations', '融合'],
      ['translations', '剪枝'],
    ]);
  });

  it('learns only from rows with as many tags, and fills tags no row translates from the seed', () => {
    const { en, cn } = pairOf([
      ['2401.00001', ['Quantization', 'Eviction'], ['量化']],
      ['2401.00002', ['Layer Merge'], ['层间合并']],
    ]);
    const glossary = learnGlossary(en, cn);
    expect(glossary.get('Quantization')).toBe('量化'); // from the seed, not the row
    expect(glossary.get('Eviction')).toBe('驱逐');
    expect(glossary.get('Layer Merge')).toBe('层间合并');
    expect(learnGlossary(en, cn, {}, { seed: false }).has('Quantization')).toBe(false);
  });

  it('never gives one word to two tags unless both files use it for both everywhere', () => {
    const { en, cn } = pairOf([
      ['2401.00001', ['Summarization'], ['摘要']],
      ['2401.00002', ['Summarization'], ['摘要']],
      ['2401.00003', ['Soft Prompt'], ['摘要']],
      ['2401.00004', ['Soft Prompt'], ['摘要']],
      ['2401.00005', ['Soft Prompt'], ['软提示']],
      // Two spellings the list translates the same way in every row: agreed, no conflict.
      ['2401.00006', ['Long-Context'], ['长上下文']],
      ['2401.00007', ['Long Context'], ['长上下文']],
    ]);
    const { glossary, conflicts } = buildGlossary(en, cn);
    // 摘要 is Summarization's (the seed's word for it), although more rows pair it with Soft Prompt.
    expect(glossary.get('Summarization')).toBe('摘要');
    expect(glossary.get('Soft Prompt')).toBe('软提示');
    expect(glossary.get('Long-Context')).toBe('长上下文');
    expect(glossary.get('Long Context')).toBe('长上下文');
    expect(conflicts.map((c) => c.kind)).toEqual(['translations', 'shared-word']);
    expect(conflicts[1]).toMatchObject({
      kind: 'shared-word',
      translation: '摘要',
      chosen: 'Summarization',
      candidates: [
        { text: 'Soft Prompt', rows: 2, lines: [9, 10] },
        { text: 'Summarization', rows: 2, lines: [7, 8] },
      ],
    });
  });

  it('lets a tag that loses its word take its next one, or none', () => {
    const { en, cn } = pairOf([
      ['2401.00001', ['Token Dropping'], ['丢弃']],
      ['2401.00002', ['Token Dropping'], ['丢弃']],
      ['2401.00003', ['Discard'], ['丢弃']],
      ['2401.00004', ['Discard'], ['舍弃']],
      ['2401.00005', ['Dropout'], ['丢弃']],
      ['2401.00006', ['Dropout'], ['舍弃']],
    ]);
    const { glossary, conflicts } = buildGlossary(en, cn);
    // 丢弃 goes to the tag most rows pair it with; Discard and Dropout tie for 舍弃 (one row each,
    // half their rows), and the first by name keeps it; Dropout has no word left.
    expect(glossary.get('Token Dropping')).toBe('丢弃');
    expect(glossary.get('Discard')).toBe('舍弃');
    expect(glossary.has('Dropout')).toBe(false); // kept as it is, listed as unknown when copied
    expect(conflicts.map((c) => [c.kind, c.chosen])).toEqual([
      ['translations', '舍弃'],
      ['translations', null],
      ['shared-word', 'Token Dropping'],
      ['shared-word', 'Discard'],
    ]);
    expect(conflicts[1]!.message).toBe(
      '`Dropout` is translated 2 ways: `丢弃` (1 row, README_CN.md line 11), `舍弃` (1 row, README_CN.md line 12); the glossary has no translation for it',
    );
  });

  it('lets sync.glossary win, word and all', () => {
    const { en, cn } = pairOf([
      ['2401.00001', ['Pruning'], ['剪枝']],
      ['2401.00002', ['Token Pruning'], ['剪枝']],
    ]);
    const { glossary, conflicts } = buildGlossary(en, cn, { 'Token Pruning': '剪枝' });
    expect(glossary.get('Token Pruning')).toBe('剪枝');
    // Both files pair 剪枝 with Pruning everywhere too, and the config agrees: no conflict.
    expect(glossary.get('Pruning')).toBe('剪枝');
    expect(conflicts).toEqual([]);
    const overruled = buildGlossary(en, cn, { Pruning: '修剪' });
    expect(overruled.glossary.get('Pruning')).toBe('修剪');
    expect(overruled.glossary.get('Token Pruning')).toBe('剪枝');
  });

  it('pairs a paper listed in two sections section by section, not in document order', () => {
    // The Gist paper is in both sections of README.md; the translation has only its second copy.
    const en = parseList(SEED_EN(), 'README.md');
    const gistExplicit = SEED_CN()
      .split('\n')
      .find((l) => l.includes('2304.08467') && l.includes('`软提示`, `Gist`'))!;
    const cn = parseList(removeLine(SEED_CN(), gistExplicit), 'README_CN.md');
    const glossary = learnGlossary(en, cn, {}, { seed: false });
    // In document order the explicit row (`Soft Prompt`, `Gist`) met the implicit copy
    // (`Gist`, `指令`): Soft Prompt = Gist, Gist = 指令.
    expect(glossary.get('Gist')).toBe('Gist');
    expect(glossary.get('Instruction')).toBe('指令');
    expect(glossary.get('Soft Prompt')).toBe('软提示');
  });
});
