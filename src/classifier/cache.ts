import { createHash } from 'node:crypto';
import type { Guidelines } from './guidelines.js';
import type { Verdict } from './verdict.js';

/** Verdicts by paper id (with version), guidelines hash and model: no paper is paid for twice. */
export interface VerdictCache {
  get(key: string): Verdict | undefined;
  set(key: string, verdict: Verdict): void;
  /** Everything held, for saving to a file. */
  entries(): Record<string, Verdict>;
}

export function memoryCache(initial: Record<string, Verdict> = {}): VerdictCache {
  const map = new Map(Object.entries(initial));
  return {
    get: (key) => map.get(key),
    set: (key, verdict) => void map.set(key, verdict),
    entries: () => Object.fromEntries(map),
  };
}

/** Changes whenever a category's text does, so edited guidelines ask again. */
export function guidelinesHash(guidelines: Guidelines): string {
  const text = JSON.stringify(
    guidelines.categories.map((c) => [c.id, c.section, c.definition, c.keywords, c.guideline]),
  );
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function cacheKey(paperId: string, hash: string, model: string): string {
  return `${paperId}|${hash}|${model}`;
}
