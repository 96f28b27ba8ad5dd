/**
 * The labelled set (eval/papers.jsonl, described in eval/README.md) and what `npm run eval`
 * reports on it: macro-F1, calibration, and per-family figures. Also the calibration arithmetic
 * of `reliability()` on outcomes small enough to work out by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  evaluateClassifier,
  reliability,
  THRESHOLDS,
  type LabelledPaper,
} from '../../src/tasks/evaluate-classifier.js';
import { SEED_EN } from '../helpers/fixtures.js';

const papers = readFileSync(new URL('../../eval/papers.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as LabelledPaper);

const familySizes = new Map<string, number>();
for (const p of papers)
  if (p.family) familySizes.set(p.family, (familySizes.get(p.family) ?? 0) + 1);

describe('the labelled set eval/papers.jsonl', () => {
  it('has at least 250 papers, none from the seed list', () => {
    expect(papers.length).toBeGreaterThanOrEqual(250);
    const seedIds = new Set(
      [...SEED_EN().matchAll(/arxiv\.org\/abs\/(\d{4}\.\d{4,5})/g)].map((m) => m[1]),
    );
    expect(seedIds.size).toBeGreaterThan(0);
    expect(papers.filter((p) => seedIds.has(p.id))).toEqual([]);
  });

  it('labels every paper explicit, implicit, kv-cache or null, each label used', () => {
    const allowed = ['explicit', 'implicit', 'kv-cache', null];
    expect(papers.filter((p) => !allowed.includes(p.label)).map((p) => p.id)).toEqual([]);
    expect(new Set(papers.map((p) => p.label))).toEqual(new Set(allowed));
  });

  it('gives every paper a family, and each family at least 6 papers of one label', () => {
    expect(
      papers.filter((p) => typeof p.family !== 'string' || p.family === '').map((p) => p.id),
    ).toEqual([]);
    expect(familySizes.size).toBeGreaterThanOrEqual(10);
    expect([...familySizes].filter(([, n]) => n < 6)).toEqual([]);
    const labelsOf = new Map<string, Set<string | null>>();
    for (const p of papers)
      labelsOf.set(p.family!, (labelsOf.get(p.family!) ?? new Set()).add(p.label));
    expect([...labelsOf].filter(([, labels]) => labels.size !== 1).map(([f]) => f)).toEqual([]);
  });

  it('holds at least 8 papers of each family the issue names', () => {
    for (const family of [
      'rag-context-pruning',
      'soft-prompt-memory',
      'kv-eviction',
      'kv-quantization',
      'weight-quantization',
      'position-extension',
    ])
      expect(familySizes.get(family) ?? 0, family).toBeGreaterThanOrEqual(8);
    expect(
      (familySizes.get('attention-kernels') ?? 0) + (familySizes.get('sequence-parallel') ?? 0),
    ).toBeGreaterThanOrEqual(8);
  });
});

describe('offline classifier on the labelled set (npm run eval)', () => {
  const e = evaluateClassifier(SEED_EN(), papers);

  it('reaches macro-F1 >= 0.88 over the four outcomes', () => {
    expect(e.labels).toEqual(['explicit', 'implicit', 'kv-cache', 'none']);
    expect(e.macroF1).toBeGreaterThanOrEqual(0.88);
  });

  it('is right at least 90% of the time at confidence >= 0.8, on at least 150 papers', () => {
    const at08 = e.reliability.atThresholds.find((t) => t.threshold === 0.8);
    expect(at08).toBeDefined();
    expect(at08!.count).toBeGreaterThanOrEqual(150);
    expect(at08!.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('has an expected calibration error of at most 0.1', () => {
    expect(e.reliability.bins.reduce((n, b) => n + b.count, 0)).toBe(papers.length);
    expect(e.reliability.ece).toBeLessThanOrEqual(0.1);
  });

  it('reports one figure per family of the file, covering every paper', () => {
    expect(e.families.map((f) => f.family).sort()).toEqual([...familySizes.keys()].sort());
    expect(e.families.reduce((n, f) => n + f.papers, 0)).toBe(papers.length);
    expect(
      e.families.filter((f) => f.papers !== familySizes.get(f.family) || f.correct > f.papers),
    ).toEqual([]);
    const labelOf = new Map(papers.map((p) => [p.family, p.label ?? 'none']));
    expect(e.families.filter((f) => f.label !== labelOf.get(f.family))).toEqual([]);
  });
});

describe('reliability', () => {
  // Two verdicts at 0.95 (one right), two at 0.55 (both right).
  const outcomes = [
    { confidence: 0.95, correct: true },
    { confidence: 0.95, correct: false },
    { confidence: 0.55, correct: true },
    { confidence: 0.55, correct: true },
  ];

  it('bins outcomes by tenths of confidence, keeping only non-empty bins', () => {
    expect(reliability(outcomes).bins).toEqual([
      {
        from: expect.closeTo(0.5),
        to: expect.closeTo(0.6),
        count: 2,
        accuracy: expect.closeTo(1),
        confidence: expect.closeTo(0.55),
      },
      {
        from: expect.closeTo(0.9),
        to: expect.closeTo(1),
        count: 2,
        accuracy: expect.closeTo(0.5),
        confidence: expect.closeTo(0.95),
      },
    ]);
  });

  it('weighs each bin by its share of outcomes: ECE 0.5*|1-0.55| + 0.5*|0.5-0.95| = 0.45', () => {
    expect(reliability(outcomes).ece).toBeCloseTo(0.45, 10);
  });

  it('counts verdicts at or above each threshold and how many of them are right', () => {
    expect(reliability(outcomes, [0.5, 0.6, 0.8]).atThresholds).toEqual([
      { threshold: 0.5, count: 4, accuracy: expect.closeTo(0.75) },
      { threshold: 0.6, count: 2, accuracy: expect.closeTo(0.5) },
      { threshold: 0.8, count: 2, accuracy: expect.closeTo(0.5) },
    ]);
  });

  it('uses the thresholds 0.5, 0.6 and 0.8 by default', () => {
    expect(THRESHOLDS).toEqual([0.5, 0.6, 0.8]);
    expect(reliability(outcomes).atThresholds.map((t) => t.threshold)).toEqual([0.5, 0.6, 0.8]);
  });

  it('puts confidence 1 in the top bin and counts a verdict exactly at a threshold', () => {
    const r = reliability(
      [
        { confidence: 1, correct: true },
        { confidence: 0.8, correct: false },
        { confidence: 0.35, correct: false },
      ],
      [0.8],
    );
    expect(r.bins.map((b) => [b.from, b.count])).toEqual([
      [expect.closeTo(0.3), 1],
      [expect.closeTo(0.8), 1],
      [expect.closeTo(0.9), 1],
    ]);
    // (1/3)*|0-0.35| + (1/3)*|0-0.8| + (1/3)*|1-1| = 1.15/3
    expect(r.ece).toBeCloseTo(1.15 / 3, 10);
    expect(r.atThresholds).toEqual([{ threshold: 0.8, count: 2, accuracy: 0.5 }]);
  });

  it('gives zero error, no bins and empty thresholds for no outcomes', () => {
    expect(reliability([])).toEqual({
      ece: 0,
      bins: [],
      atThresholds: [
        { threshold: 0.5, count: 0, accuracy: 0 },
        { threshold: 0.6, count: 0, accuracy: 0 },
        { threshold: 0.8, count: 0, accuracy: 0 },
      ],
    });
  });
});
