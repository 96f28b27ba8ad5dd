import { describe, expect, it } from 'vitest';
import { readGuidelines } from '../../src/classifier/guidelines.js';
import { offlineClassifier } from '../../src/classifier/offline.js';
import { VerdictSchema } from '../../src/classifier/verdict-schema.js';
import { categorySections, parseList } from '../../src/list/index.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const en = parseList(SEED_EN(), 'README.md');
const guidelines = readGuidelines(en, categorySections(en));
const classifier = offlineClassifier(guidelines);

describe('guidelines read from the list itself', () => {
  it('finds the three categories with definition, keywords, guideline and examples', () => {
    expect(guidelines.categories.map((c) => [c.id, c.section, c.examples.length])).toEqual([
      ['explicit', '📝 Explicit Context Compression (Prompt/Input Level)', 11],
      ['implicit', '🧠 Implicit Context Compression (Latent/Reasoning Level)', 11],
      ['kv-cache', '⚡ Inference-Time KV Compression (Memory/Cache Level)', 17],
    ]);
    const kv = guidelines.categories[2]!;
    expect(kv.keywords).toContain('KV Cache Eviction');
    expect(kv.definition).toMatch(/Key-Value|KV/);
    expect(kv.guideline.length).toBeGreaterThan(20);
  });

  it('reads the Chinese list the same way', () => {
    const cn = parseList(SEED_CN(), 'README_CN.md');
    const g = readGuidelines(cn, categorySections(cn));
    expect(g.categories.map((c) => c.id)).toEqual(['显式', '隐式', 'kv缓存']);
    expect(g.categories[0]!.keywords).toContain('提示压缩');
  });

  it('lets the config replace a category text', () => {
    const g = readGuidelines(en, categorySections(en), {
      'kv-cache': { keywords: ['Paged Attention'] },
    });
    expect(g.categories[2]!.keywords).toEqual(['Paged Attention']);
  });
});

describe('offline classifier', () => {
  it('places Keyformer, listed under explicit, in the KV-cache section', () => {
    const row = en.rows.find((r) => r.arxiv?.id === '2403.09054')!;
    const v = classifier.classify(
      { id: row.key, title: row.title!, abstract: `${row.tldr}. ${row.tags!.join(', ')}` },
      { exclude: row.key },
    );
    expect(v.category).toBe('kv-cache');
    expect(v.section).toBe('⚡ Inference-Time KV Compression (Memory/Cache Level)');
    expect(v.rationale).toMatch(/kv cache/i);
    expect(VerdictSchema.parse(v)).toEqual(v);
  });

  it.each([
    [
      '2210.17323',
      'GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers',
      'Quantizes the weights of large transformer models to 3 or 4 bits after training, one layer at a time, using second-order information.',
    ],
    [
      '2211.17192',
      'Fast Inference from Transformers via Speculative Decoding',
      'A small draft model proposes several tokens that the large model verifies in parallel, speeding up sampling without changing the output distribution.',
    ],
    [
      '2306.15595',
      'Extending Context Window of Large Language Models via Positional Interpolation',
      'Rescales rotary position indices so that a model trained on short sequences can read much longer inputs after brief fine-tuning.',
    ],
  ])('says %s does not belong, and why', (id, title, abstract) => {
    const v = classifier.classify({ id, title, abstract });
    expect(v.category).toBeNull();
    expect(v.section).toBeNull();
    expect(v.rationale).toMatch(/neighbouring field|Nothing in it/);
  });

  it('gives a verdict with tags from the list and a short TL;DR', () => {
    const v = classifier.classify({
      id: '2310.06201',
      title: 'Compressing Context to Enhance Inference Efficiency of Large Language Models',
      abstract:
        'Removes redundant phrases from the prompt, measured by self-information under a small language model, before the input is given to the LLM. It keeps answers accurate while halving prompt length.',
    });
    expect(v.category).toBe('explicit');
    expect(v.confidence).toBeGreaterThan(0.5);
    expect(v.tags.every((t) => guidelines.tags.includes(t))).toBe(true);
    expect(v.tldr.split(/\s+/).length).toBeLessThanOrEqual(26);
    expect(v.source).toBe('offline');
  });

  it('is deterministic', () => {
    const paper = {
      id: 'x',
      title: 'Soft prompts that compress a document',
      abstract: 'Encodes the document into a few learned memory tokens.',
    };
    expect(classifier.classify(paper)).toEqual(classifier.classify(paper));
  });
});

describe('offline classifier on a very large list', () => {
  it('learns from an even sample of a category with thousands of papers and places papers as it does on the small list', () => {
    // Each category's papers repeated until it holds 2,500, past the sample's cap (1,000): the same words in the same
    // proportions, so the verdicts must not change.
    const big = {
      ...guidelines,
      categories: guidelines.categories.map((c) => ({
        ...c,
        examples: Array.from(
          { length: Math.ceil(2500 / c.examples.length) },
          () => c.examples,
        ).flat(),
      })),
    };
    expect(big.categories.length).toBeGreaterThan(1);
    expect(big.categories.every((c) => c.examples.length > 1000)).toBe(true);
    const large = offlineClassifier(big);
    for (const row of en.rows.filter((r) => r.arxiv && r.tldr)) {
      const paper = { id: row.key, title: row.title!, abstract: row.tldr! };
      expect([row.key, large.classify(paper).category]).toEqual([
        row.key,
        classifier.classify(paper).category,
      ]);
    }
  });
});
