/**
 * The offline classifier's vocabulary of the field (src/classifier/field.ts) on papers the issue
 * names: compression used for length extrapolation stays a KV-cache paper, while ring attention
 * and weight quantization are neighbouring fields. Abstracts are our own summaries.
 */
import { describe, expect, it } from 'vitest';
import { readGuidelines } from '../../src/classifier/guidelines.js';
import { offlineClassifier } from '../../src/classifier/offline.js';
import { categorySections, parseList } from '../../src/list/index.js';
import { SEED_EN } from '../helpers/fixtures.js';

const list = parseList(SEED_EN(), 'README.md');
const classifier = offlineClassifier(readGuidelines(list, categorySections(list)));

describe('the field vocabulary', () => {
  it('ParallelComp (extrapolation by evicting cached chunks) belongs under KV cache', () => {
    const v = classifier.classify({
      id: '2502.14317',
      title: 'ParallelComp: Parallel Long-Context Compressor for Length Extrapolation',
      abstract:
        'Language models struggle with inputs far longer than those seen in training. We propose ParallelComp, which splits a long input into chunks processed in parallel and evicts the least attended chunks and tokens from the KV cache, so that a model extrapolates to much longer contexts without training.',
    });
    expect([v.category, v.confidence >= 0.8]).toEqual(['kv-cache', true]);
  });

  it.each([
    [
      'Ring Attention with Blockwise Transformers for Near-Infinite Context',
      'Memory limits the sequence length a transformer can train on. We propose Ring Attention, which splits a sequence into blocks across devices arranged in a ring and passes key-value blocks between devices while computing blockwise attention, so the context grows with the number of devices.',
      '"ring attention"',
    ],
    [
      'AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration',
      'Large models are costly to serve on small devices. We propose AWQ, a weight-only quantization method that protects the few salient weight channels, found from activation magnitudes, by scaling them before rounding the weights to 4 bits.',
      '"weight quantization"',
    ],
  ])('%s is a neighbouring field', (title, abstract, named) => {
    const v = classifier.classify({ id: '2501.00000', title, abstract });
    expect(v.category).toBeNull();
    expect(v.rationale).toMatch(new RegExp(`^It is about ${named}.*a neighbouring field`));
  });

  it('a row that compresses documents into dense representations is latent, not text pruning', () => {
    const v = classifier.classify({
      id: '2501.00001',
      title: 'DenseDoc: Extreme Context Compression for Retrieval-Augmented Generation',
      abstract: '',
      tldr: 'Compresses retrieved documents into dense representations the reader model attends to',
    });
    expect(v.category).toBe('implicit');
  });
});
