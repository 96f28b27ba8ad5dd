import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateClassifier, type LabelledPaper } from '../../src/tasks/evaluate-classifier.js';
import { SEED_EN } from '../helpers/fixtures.js';

const papers = readFileSync(new URL('../../eval/papers.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as LabelledPaper);

describe('offline classifier on the labelled set (npm run eval)', () => {
  it('has at least 60 papers over the four outcomes, none from the seed list', () => {
    expect(papers.length).toBeGreaterThanOrEqual(60);
    const seedIds = new Set(
      [...SEED_EN().matchAll(/arxiv\.org\/abs\/(\d{4}\.\d{4,5})/g)].map((m) => m[1]),
    );
    expect(papers.filter((p) => seedIds.has(p.id))).toEqual([]);
    for (const label of ['explicit', 'implicit', 'kv-cache', null])
      expect(papers.filter((p) => p.label === label).length).toBeGreaterThanOrEqual(15);
  });

  it('reaches macro-F1 >= 0.80', () => {
    const e = evaluateClassifier(SEED_EN(), papers);
    expect(e.labels).toEqual(['explicit', 'implicit', 'kv-cache', 'none']);
    expect(e.macroF1).toBeGreaterThanOrEqual(0.8);
  });
});
