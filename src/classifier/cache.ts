import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { Guidelines } from './guidelines.js';
import type { PaperInput, Verdict } from './verdict.js';
import { VerdictSchema } from './verdict-schema.js';

/**
 * LLM verdicts by {@link cacheKey}: paper id, a hash of its title and abstract, the guidelines
 * hash and the model, so no paper is paid for twice while none of these changes.
 */
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

/**
 * A cache that also remembers which of its verdicts this run used (found or added): what a scan
 * hands on to the next one, and what a cache file has to save.
 */
export interface TrackingCache extends VerdictCache {
  /** The verdicts looked up with success or added, by key, in the order first used. */
  used(): Record<string, Verdict>;
  /** Whether anything was added. */
  added(): number;
}

export function trackingCache(inner: VerdictCache = memoryCache()): TrackingCache {
  const used = new Map<string, Verdict>();
  let added = 0;
  return {
    get(key) {
      const hit = inner.get(key);
      if (hit) used.set(key, hit);
      return hit;
    },
    set(key, verdict) {
      inner.set(key, verdict);
      used.set(key, verdict);
      added += 1;
    },
    entries: () => inner.entries(),
    used: () => Object.fromEntries(used),
    added: () => added,
  };
}

const sha = (text: string, length: number) =>
  createHash('sha256').update(text).digest('hex').slice(0, length);

/** Changes whenever a category's text does, so edited guidelines ask again. */
export function guidelinesHash(guidelines: Guidelines): string {
  const text = JSON.stringify(
    guidelines.categories.map((c) => [c.id, c.section, c.definition, c.keywords, c.guideline]),
  );
  return sha(text, 16);
}

/**
 * The key of a paper's verdict: `id|text hash|guidelines hash|model`, and `|language` when a
 * translated TL;DR was asked for. The text hash covers title and abstract (runs of white space
 * folded, as arXiv breaks titles over lines), so an edited abstract is asked again; so are other
 * guidelines, another model, and a request for a translation the cached verdict does not have.
 */
export function cacheKey(
  paper: Pick<PaperInput, 'id' | 'title' | 'abstract'>,
  guidelines: string,
  model: string,
  translateTo?: string,
): string {
  const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
  const text = sha(`${fold(paper.title)}\n${fold(paper.abstract)}`, 12);
  return `${paper.id}|${text}|${guidelines}|${model}${translateTo ? `|${translateTo}` : ''}`;
}

/** The paper id a key starts with. */
export const keyId = (key: string): string => key.slice(0, key.indexOf('|'));

/**
 * Entries of an untrusted record (a cache file, a pull request body) that are verdicts, and how
 * many were not: one damaged entry costs that entry, not the cache.
 */
export function validEntries(raw: Record<string, unknown>): {
  entries: Record<string, Verdict>;
  dropped: number;
} {
  const entries: Record<string, Verdict> = {};
  let dropped = 0;
  for (const [key, value] of Object.entries(raw)) {
    const parsed = key.includes('|') ? VerdictSchema.safeParse(value) : null;
    if (parsed?.success) entries[key] = parsed.data;
    else dropped += 1;
  }
  return { entries, dropped };
}

/** What marks a verdict cache file; it is written first, so even a damaged file shows it. */
export const CACHE_FORMAT = 'awesome-curator/verdict-cache';
export const CACHE_VERSION = 1;

/**
 * A verdict cache file: `{"format":"awesome-curator/verdict-cache","v":1,"verdicts":{key: verdict}}`.
 * Entries are checked one by one ({@link validEntries}), so the record is loose here.
 */
export const CacheFileSchema = z.object({
  format: z.literal(CACHE_FORMAT),
  v: z.number(),
  verdicts: z.record(z.string(), z.unknown()),
});

export function renderCacheFile(verdicts: Record<string, Verdict>): string {
  return `${JSON.stringify({ format: CACHE_FORMAT, v: CACHE_VERSION, verdicts })}\n`;
}

/**
 * What the text of a file at a cache path is:
 * - `cache`: a cache file of this version (its valid entries, and how many were not valid);
 * - `empty`: nothing in it (a file made with `touch`);
 * - `old`: a cache written before the versioned format (a plain record of verdicts, keyed by id
 *   without the text, so none of its keys can match: it is replaced);
 * - `newer`: a cache of a later version (left alone);
 * - `damaged`: starts as a cache file but does not read as one (replaced);
 * - `foreign`: anything else, e.g. a README (never written over).
 */
export type CacheFileKind =
  | { kind: 'cache'; entries: Record<string, Verdict>; dropped: number }
  | { kind: 'empty' | 'old' | 'damaged' | 'foreign' }
  | { kind: 'newer'; version: number };

export function readCacheFile(text: string): CacheFileKind {
  if (text.trim() === '') return { kind: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return looksLikeCache(text) ? { kind: 'damaged' } : { kind: 'foreign' };
  }
  const file = CacheFileSchema.safeParse(value);
  if (file.success) {
    if (file.data.v === CACHE_VERSION)
      return { kind: 'cache', ...validEntries(file.data.verdicts) };
    if (Number.isInteger(file.data.v) && file.data.v > CACHE_VERSION)
      return { kind: 'newer', version: file.data.v };
    return { kind: 'damaged' };
  }
  if (looksLikeCache(text)) return { kind: 'damaged' };
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => VerdictSchema.safeParse(v).success)
  )
    return { kind: 'old' };
  return { kind: 'foreign' };
}

const looksLikeCache = (text: string) =>
  /^\s*\{\s*"format"\s*:\s*"awesome-curator\/verdict-cache"/.test(text);
