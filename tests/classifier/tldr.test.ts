/**
 * The offline TL;DR (src/classifier/tldr.ts): the abstract's sentence that states the method or
 * contribution, never the background sentence it opens with, shortened to 25 words with "…", and
 * without a leading "In this paper, " (or "Here, ", "To address this, ") preamble. The abstracts
 * below are our own, written in the style of LLM-efficiency papers; the methods are made up.
 */
import { describe, expect, it } from 'vitest';
import { readGuidelines } from '../../src/classifier/guidelines.js';
import { offlineClassifier } from '../../src/classifier/offline.js';
import { contributionSentence, sentences } from '../../src/classifier/tldr.js';
import { categorySections, parseList } from '../../src/list/index.js';
import { SEED_EN } from '../helpers/fixtures.js';

interface Case {
  name: string;
  abstract: string;
  /** The abstract's opening, background sentence. */
  background: string;
  tldr: string;
}

// KV-cache eviction; contribution second, a results sentence after it.
const KV_EVICTION: Case = {
  name: 'KV-cache eviction, contribution second, results after',
  abstract:
    'Efficiently handling long contexts is crucial for LLMs. We propose PivotKV, a method that keeps only the key/value entries that recent queries attend to and evicts the rest. Experiments on LongBench show that PivotKV outperforms H2O at a quarter of the cache size.',
  background: 'Efficiently handling long contexts is crucial for LLMs.',
  tldr: 'We propose PivotKV, a method that keeps only the key/value entries that recent queries attend to and evicts the rest.',
};

// Prompt compression; contribution third, behind "In this paper, ", results after.
const PROMPT_COMPRESSION: Case = {
  name: 'prompt compression, contribution third after "In this paper, "',
  abstract:
    'Large language models have shown remarkable abilities, however their prompts keep growing longer. Long prompts raise both latency and cost at inference time. In this paper, we introduce TrimPrompt, which deletes low-information tokens from the prompt with a small scorer model. On four benchmarks it achieves 5x compression with little loss in accuracy.',
  background:
    'Large language models have shown remarkable abilities, however their prompts keep growing longer.',
  tldr: 'We introduce TrimPrompt, which deletes low-information tokens from the prompt with a small scorer model.',
};

// RAG context pruning; "this paper introduces", with "e.g." inside the sentence.
const RAG_PRUNING: Case = {
  name: 'RAG context pruning, "this paper introduces", "e.g." inside the sentence',
  abstract:
    'Retrieval-augmented generation has become essential for open-domain question answering, but retrieved passages are long and noisy. This paper introduces SiftRAG, a pruner that removes irrelevant sentences from retrieved documents, e.g. Wikipedia passages, before they reach the reader. Results show that readers answer as well with a third of the context.',
  background:
    'Retrieval-augmented generation has become essential for open-domain question answering, but retrieved passages are long and noisy.',
  tldr: 'This paper introduces SiftRAG, a pruner that removes irrelevant sentences from retrieved documents, e.g. Wikipedia passages, before they reach the reader.',
};

// Soft prompts; no "we propose", but "X is a … method that…".
const SOFT_PROMPT: Case = {
  name: 'soft prompts, "X is a method that…" with no "we" cue',
  abstract:
    'Long prompts are expensive to process for every query. GistPack is a compression method that encodes a long prompt into a few learned soft tokens the model reads instead. Experiments show that GistPack outperforms LLMLingua at equal compression ratios.',
  background: 'Long prompts are expensive to process for every query.',
  tldr: 'GistPack is a compression method that encodes a long prompt into a few learned soft tokens the model reads instead.',
};

// Latent reasoning; contribution third, behind "To address this, ".
const LATENT_REASONING: Case = {
  name: 'latent reasoning, contribution third after "To address this, "',
  abstract:
    'Large language models have demonstrated strong reasoning with chain-of-thought prompting. However, writing out every reasoning step makes generation long and slow. To address this, we develop LatentStep, which trains the model to carry intermediate reasoning in its hidden states instead of written tokens. On GSM8K it matches explicit chain of thought while generating far fewer tokens.',
  background:
    'Large language models have demonstrated strong reasoning with chain-of-thought prompting.',
  tldr: 'We develop LatentStep, which trains the model to carry intermediate reasoning in its hidden states instead of written tokens.',
};

// Weight quantization (off-topic for the list, but the TL;DR rule is the same).
const WEIGHT_QUANTIZATION: Case = {
  name: 'weight quantization, contribution second, results after',
  abstract:
    'Large language models are costly to deploy because of their memory footprint. We present QuadW, a post-training method that quantizes weights to 3 bits using per-channel scales fitted on a small calibration set. QuadW achieves perplexity within 0.2 of the 16-bit model on Llama-2.',
  background: 'Large language models are costly to deploy because of their memory footprint.',
  tldr: 'We present QuadW, a post-training method that quantizes weights to 3 bits using per-channel scales fitted on a small calibration set.',
};

// KV-cache quantization; the contribution sentence is 39 words long, behind "Here, ".
const KV_QUANTIZATION_LONG: Case = {
  name: 'KV-cache quantization, contribution longer than 25 words after "Here, "',
  abstract:
    'The key-value cache dominates memory use when serving long contexts. Here, we propose KVTwoBit, a tuning-free scheme that stores keys per channel and values per token in two bits, keeps a small window of recent tokens in full precision, and dequantizes entries on the fly inside the attention kernel. Evaluations show throughput gains of up to 3x.',
  background: 'The key-value cache dominates memory use when serving long contexts.',
  tldr: 'We propose KVTwoBit, a tuning-free scheme that stores keys per channel and values per token in two bits, keeps a small window of recent tokens…',
};

// Context pruning with no contribution cue at all: neither "we propose" nor "X is a method".
// The background sentence scores lowest; of the two sentences naming an operation ("Dropping",
// "shortens"/"shortened") the earlier one wins.
const NO_CUE: Case = {
  name: 'context pruning with no contribution cue',
  abstract:
    'Long-context inference is costly for LLMs. Many tokens in a long prompt carry little information. Dropping such tokens before decoding shortens the prompt by half. The shortened prompts keep accuracy on QA benchmarks.',
  background: 'Long-context inference is costly for LLMs.',
  tldr: 'Dropping such tokens before decoding shortens the prompt by half.',
};

const CASES: Case[] = [
  KV_EVICTION,
  PROMPT_COMPRESSION,
  RAG_PRUNING,
  SOFT_PROMPT,
  LATENT_REASONING,
  WEIGHT_QUANTIZATION,
  KV_QUANTIZATION_LONG,
  NO_CUE,
];

const wordCount = (s: string) => s.split(' ').filter(Boolean).length;

describe('sentences', () => {
  it('splits an abstract at sentence ends and keeps "e.g. Wikipedia" inside its sentence', () => {
    expect(sentences(RAG_PRUNING.abstract)).toEqual([
      'Retrieval-augmented generation has become essential for open-domain question answering, but retrieved passages are long and noisy.',
      'This paper introduces SiftRAG, a pruner that removes irrelevant sentences from retrieved documents, e.g. Wikipedia passages, before they reach the reader.',
      'Results show that readers answer as well with a third of the context.',
    ]);
  });

  it('keeps "et al. 2023" and "i.e. Llama" in their sentences and collapses line breaks', () => {
    expect(
      sentences(
        'Gist tokens (Mu et al. 2023) compress prompts.\n  We extend them to long documents, i.e. Llama inputs of 32k tokens.   Results follow.',
      ),
    ).toEqual([
      'Gist tokens (Mu et al. 2023) compress prompts.',
      'We extend them to long documents, i.e. Llama inputs of 32k tokens.',
      'Results follow.',
    ]);
  });

  it('does not split after a decimal point or before a lower-case word', () => {
    expect(sentences('It keeps 2.5 bits per value. the rest is dropped. It works.')).toEqual([
      'It keeps 2.5 bits per value. the rest is dropped.',
      'It works.',
    ]);
  });

  it('gives no sentences for an empty or blank text', () => {
    expect(sentences('')).toEqual([]);
    expect(sentences(' \n ')).toEqual([]);
  });
});

describe('contributionSentence', () => {
  it('has eight abstracts, each opening with a background sentence', () => {
    expect(CASES).toHaveLength(8);
    for (const c of CASES) {
      const all = sentences(c.abstract);
      expect(all.length, c.name).toBeGreaterThanOrEqual(2);
      expect(all.length, c.name).toBeLessThanOrEqual(5);
      expect(all[0], c.name).toBe(c.background);
    }
  });

  it.each(CASES)('$name: the TL;DR is the contribution sentence', (c) => {
    expect(contributionSentence(c.abstract)).toBe(c.tldr);
  });

  it.each(CASES)('$name: never the background sentence, at most 25 words', (c) => {
    const tldr = contributionSentence(c.abstract);
    expect(tldr).not.toBe(c.background);
    expect(tldr.startsWith(c.background.split(' ').slice(0, 3).join(' '))).toBe(false);
    expect(wordCount(tldr)).toBeLessThanOrEqual(25);
  });

  it('picks the contribution sentence whether it comes second or third', () => {
    expect(sentences(KV_EVICTION.abstract).indexOf(KV_EVICTION.tldr)).toBe(1);
    expect(sentences(SOFT_PROMPT.abstract).indexOf(SOFT_PROMPT.tldr)).toBe(1);
    expect(sentences(PROMPT_COMPRESSION.abstract)[2]).toBe(
      `In this paper, w${PROMPT_COMPRESSION.tldr.slice(1)}`,
    );
    expect(sentences(LATENT_REASONING.abstract)[2]).toBe(
      `To address this, w${LATENT_REASONING.tldr.slice(1)}`,
    );
  });

  it('prefers the contribution to the results sentence that follows it', () => {
    // Both mention the method by name; the results one ("outperforms", "achieves") loses.
    expect(contributionSentence(KV_EVICTION.abstract)).not.toMatch(/outperforms/);
    expect(contributionSentence(WEIGHT_QUANTIZATION.abstract)).not.toMatch(/achieves/);
    expect(contributionSentence(SOFT_PROMPT.abstract)).not.toMatch(/^Experiments/);
  });

  it('drops a leading "In this paper, " and capitalises what is left', () => {
    const tldr = contributionSentence(PROMPT_COMPRESSION.abstract);
    expect(tldr).toBe(
      'We introduce TrimPrompt, which deletes low-information tokens from the prompt with a small scorer model.',
    );
    expect(tldr).not.toMatch(/in this paper/i);
  });

  it('shortens a contribution longer than 25 words to exactly 25, ending in "…"', () => {
    const full = sentences(KV_QUANTIZATION_LONG.abstract)[1]!;
    expect(wordCount(full)).toBe(39);
    const tldr = contributionSentence(KV_QUANTIZATION_LONG.abstract);
    expect(tldr).toBe(KV_QUANTIZATION_LONG.tldr);
    expect(tldr.endsWith('tokens…')).toBe(true);
    expect(wordCount(tldr)).toBe(25);
  });

  it('leaves a contribution of at most 25 words whole, without "…"', () => {
    const tldr = contributionSentence(WEIGHT_QUANTIZATION.abstract);
    expect(wordCount(tldr)).toBe(21);
    expect(tldr.endsWith('set.')).toBe(true);
    expect(tldr).not.toContain('…');
  });

  it('honours a smaller word limit and drops a comma left before "…"', () => {
    // The 18th word is "bits,": the comma goes, the ellipsis follows the word.
    expect(contributionSentence(KV_QUANTIZATION_LONG.abstract, 18)).toBe(
      'We propose KVTwoBit, a tuning-free scheme that stores keys per channel and values per token in two bits…',
    );
    expect(contributionSentence(KV_EVICTION.abstract, 5)).toBe('We propose PivotKV, a method…');
  });

  it('falls back to the first sentence when every sentence is background', () => {
    expect(
      contributionSentence(
        'Long-context modelling is challenging for LLMs. Transformers suffer from the quadratic cost of attention.',
      ),
    ).toBe('Long-context modelling is challenging for LLMs.');
  });

  it('gives an empty TL;DR for an empty abstract and a single sentence as it is', () => {
    expect(contributionSentence('')).toBe('');
    expect(contributionSentence('   ')).toBe('');
    expect(contributionSentence('Keeps only the heavy-hitter tokens in the KV cache.')).toBe(
      'Keeps only the heavy-hitter tokens in the KV cache.',
    );
  });
});

describe('the offline verdict carries the contribution sentence as its TL;DR', () => {
  const list = parseList(SEED_EN(), 'README.md');
  const classifier = offlineClassifier(readGuidelines(list, categorySections(list)));

  it('from the abstract, when there is one', () => {
    const title = 'PivotKV: Query-Aware Eviction of Key/Value Entries for Long-Context Inference';
    const v = classifier.classify({ id: '2501.00001', title, abstract: KV_EVICTION.abstract });
    expect(v.tldr).toBe(KV_EVICTION.tldr);
    expect(v.tldr).not.toBe(title);
    expect(v.tldr).not.toBe(KV_EVICTION.background);
  });

  it('shortened, for a long contribution sentence', () => {
    const v = classifier.classify({
      id: '2501.00002',
      title: 'KVTwoBit: Two-Bit Key/Value Caches Without Tuning',
      abstract: KV_QUANTIZATION_LONG.abstract,
    });
    expect(v.tldr).toBe(KV_QUANTIZATION_LONG.tldr);
  });

  it("from the row's TL;DR, not the title, when the abstract is empty (a listed row)", () => {
    const title = 'PivotKV: Query-Aware Eviction of Key/Value Entries for Long-Context Inference';
    const tldr =
      'Keeps only the key/value entries that recent queries attend to and evicts the rest.';
    const v = classifier.classify({
      id: '2501.00003',
      title,
      abstract: '',
      tldr,
      tags: ['KV eviction'],
    });
    expect(v.tldr).toBe(tldr);
    expect(v.tldr).not.toBe(title);
  });

  it('from the title when there is neither abstract nor TL;DR', () => {
    const title = 'PivotKV: Query-Aware Eviction of Key/Value Entries for Long-Context Inference';
    const v = classifier.classify({ id: '2501.00004', title, abstract: '' });
    expect(v.tldr).toBe(title);
  });
});

describe('contribution sentences phrased in other ways', () => {
  it.each([
    [
      'opening with "As a remedy", against a sentence that names the cache',
      'Serving long contexts is expensive for LLMs. The KV cache grows linearly with sequence length. As a remedy, we propose StreamSink, which keeps attention sinks and a recent window.',
      'As a remedy, we propose StreamSink, which keeps attention sinks and a recent window.',
    ],
    [
      '"we further propose"',
      'LLMs are costly to run on long inputs. We further propose Foo, which drops tokens.',
      'We further propose Foo, which drops tokens.',
    ],
    [
      'a preamble without a comma',
      'Long prompts are slow. In this paper we introduce Bar, a pruner.',
      'We introduce Bar, a pruner.',
    ],
    [
      'a hyphenated "is a … approach"',
      'The KV cache grows linearly with sequence length. SnapKV is a fine-tuning-free approach that selects clustered important positions per head.',
      'SnapKV is a fine-tuning-free approach that selects clustered important positions per head.',
    ],
    [
      'a name starting with a digit',
      'Prompts are long. 500xCompressor is a method that packs context into one token.',
      '500xCompressor is a method that packs context into one token.',
    ],
    [
      'a contribution that also states a result',
      'Memory is scarce. We propose Baz, which achieves 4x compression and outperforms H2O. Baz is a method that merges keys.',
      'We propose Baz, which achieves 4x compression and outperforms H2O.',
    ],
  ])('%s', (_, abstract, expected) => {
    expect(contributionSentence(abstract)).toBe(expected);
  });
});
