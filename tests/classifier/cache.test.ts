import { describe, expect, it } from 'vitest';
import {
  cacheKey,
  guidelinesHash,
  keyId,
  memoryCache,
  readCacheFile,
  renderCacheFile,
  trackingCache,
  validEntries,
} from '../../src/classifier/cache.js';
import { readGuidelines } from '../../src/classifier/guidelines.js';
import type { Verdict } from '../../src/classifier/verdict.js';
import { categorySections, parseList } from '../../src/list/index.js';
import { SEED_EN } from '../helpers/fixtures.js';

const paper = {
  id: '2404.14469v2',
  title: 'SnapKV: LLM Knows What You are Looking for Before Generation',
  abstract: 'Keeps only the key-value pairs each attention head needs.',
};
const verdict: Verdict = {
  category: 'kv-cache',
  section: '⚡ Inference-Time KV Compression (Memory/Cache Level)',
  confidence: 0.8,
  rationale: 'Evicts KV pairs.',
  runnerUp: null,
  tags: [],
  tldr: 'Keeps the KV pairs that matter.',
  source: 'llm',
};

describe('cache key', () => {
  const key = cacheKey(paper, 'g1', 'gpt-4o-mini');

  it('is id | text hash | guidelines hash | model, and names the paper first', () => {
    expect(key).toMatch(/^2404\.14469v2\|[0-9a-f]{12}\|g1\|gpt-4o-mini$/);
    expect(keyId(key)).toBe('2404.14469v2');
  });

  it('changes with the abstract, the title, the guidelines, the model and a translation asked for', () => {
    const others = [
      cacheKey(
        { ...paper, abstract: `${paper.abstract} Now with quantization.` },
        'g1',
        'gpt-4o-mini',
      ),
      cacheKey({ ...paper, title: 'SnapKV v2' }, 'g1', 'gpt-4o-mini'),
      cacheKey(paper, 'g2', 'gpt-4o-mini'),
      cacheKey(paper, 'g1', 'gpt-4o'),
      cacheKey(paper, 'g1', 'gpt-4o-mini', 'Simplified Chinese'),
      cacheKey({ ...paper, id: '2404.14469v3' }, 'g1', 'gpt-4o-mini'),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it('does not change when arXiv breaks a title over lines differently', () => {
    const wrapped = {
      ...paper,
      title: 'SnapKV: LLM Knows What You are Looking for\n  Before Generation',
    };
    expect(cacheKey(wrapped, 'g1', 'gpt-4o-mini')).toBe(key);
  });

  it('the guidelines hash follows the text of the categories', () => {
    const list = parseList(SEED_EN(), 'README.md');
    const before = readGuidelines(list, categorySections(list));
    const edited = structuredClone(before);
    edited.categories[0]!.definition = `${edited.categories[0]!.definition} And more.`;
    expect(guidelinesHash(before)).toMatch(/^[0-9a-f]{16}$/);
    expect(guidelinesHash(structuredClone(before))).toBe(guidelinesHash(before));
    expect(guidelinesHash(edited)).not.toBe(guidelinesHash(before));
  });
});

describe('tracking cache', () => {
  it('reports what was found and what was added, not the rest', () => {
    const cache = trackingCache(memoryCache({ 'a|x|g|m': verdict, 'b|x|g|m': verdict }));
    expect(cache.get('a|x|g|m')).toEqual(verdict);
    expect(cache.get('c|x|g|m')).toBeUndefined();
    cache.set('d|x|g|m', { ...verdict, category: null, section: null });
    expect(Object.keys(cache.used())).toEqual(['a|x|g|m', 'd|x|g|m']);
    expect(cache.added()).toBe(1);
    expect(Object.keys(cache.entries()).sort()).toEqual(['a|x|g|m', 'b|x|g|m', 'd|x|g|m']);
  });
});

describe('cache file', () => {
  it('round-trips, versioned and marked', () => {
    const text = renderCacheFile({ 'a|x|g|m': verdict });
    expect(text).toMatch(/^\{"format":"awesome-curator\/verdict-cache","v":1,"verdicts":\{/);
    expect(readCacheFile(text)).toEqual({
      kind: 'cache',
      entries: { 'a|x|g|m': verdict },
      dropped: 0,
    });
  });

  it('keeps the valid entries of a file with a damaged one', () => {
    const text = JSON.stringify({
      format: 'awesome-curator/verdict-cache',
      v: 1,
      verdicts: { 'a|x|g|m': verdict, 'b|x|g|m': { ...verdict, confidence: 7 }, nobar: verdict },
    });
    expect(readCacheFile(text)).toEqual({
      kind: 'cache',
      entries: { 'a|x|g|m': verdict },
      dropped: 2,
    });
    expect(validEntries({ 'a|x': verdict, 'b|x': 'no' })).toEqual({
      entries: { 'a|x': verdict },
      dropped: 1,
    });
  });

  it.each([
    ['empty', ''],
    ['empty', '  \n'],
    ['old', JSON.stringify({ '2404.14469|abc|gpt-4o-mini': verdict })],
    ['old', '{}'],
    ['damaged', renderCacheFile({ 'a|x|g|m': verdict }).slice(0, 80)],
    ['damaged', '{"format":"awesome-curator/verdict-cache","v":"one","verdicts":{}}'],
    ['damaged', '{"format":"awesome-curator/verdict-cache","v":1}'],
    ['foreign', '# Awesome list\n\n| Paper | Venue |\n'],
    ['foreign', '{"name":"package","version":"1.0.0"}'],
    ['foreign', '[1, 2, 3]'],
    ['foreign', 'null'],
  ])('tells a file that is %s: %j', (kind, text) => {
    expect(readCacheFile(text).kind).toBe(kind);
  });

  it('a newer format is recognised as such, with its version', () => {
    expect(readCacheFile('{"format":"awesome-curator/verdict-cache","v":2,"verdicts":{}}')).toEqual(
      { kind: 'newer', version: 2 },
    );
  });
});
