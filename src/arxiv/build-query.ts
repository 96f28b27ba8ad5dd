/**
 * Turns a structured search into arXiv's `search_query` language (arXiv API user manual §5.1):
 * `field:term`, phrases in double quotes, `AND` / `OR` / `ANDNOT`, parentheses for grouping, and
 * `submittedDate:[FROM TO]` with `YYYYMMDDHHMM` read as GMT. The caller encodes the result with
 * URLSearchParams, which turns spaces into `+` as the manual's examples do.
 */
import { CuratorError } from '../errors.js';

export interface ArxivSearch {
  /** Any of these (OR), searched in every field (`all:`). Multi-word terms are phrases. */
  terms: string[];
  /** None of these (`ANDNOT all:…`). */
  excludeTerms?: string[] | undefined;
  /** Any of these arXiv categories, e.g. `cs.CL`. */
  categories?: string[] | undefined;
  submittedFrom?: Date | undefined;
  submittedTo?: Date | undefined;
  start?: number | undefined;
  maxResults?: number | undefined;
  sortBy?: 'submittedDate' | 'lastUpdatedDate' | 'relevance' | undefined;
  sortOrder?: 'ascending' | 'descending' | undefined;
}

// Old archives (hep-th), new ones with subject classes (cs.CL, astro-ph.CO, physics.atom-ph).
const CATEGORY = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[a-z]+)*)?$/;
// arXiv opened in August 1991: an open start means "from the beginning".
const EPOCH = Date.UTC(1991, 7, 1);

function term(raw: string): string | null {
  // There is no escape for `"` inside a phrase, so it goes; whitespace collapses to one space.
  const t = raw.replace(/"/g, ' ').replace(/\s+/g, ' ').trim();
  if (!t) return null;
  // Quote anything that is not a plain word, so `chain-of-thought` or `GPT-4` is one phrase and
  // `:` or `(` cannot change the query's structure (manual §5.1: double quotes group words).
  return /^[\p{L}\p{N}]+$/u.test(t) ? `all:${t}` : `all:"${t}"`;
}

function anyOf(clauses: string[]): string {
  return clauses.length === 1 ? clauses[0]! : `(${clauses.join(' OR ')})`;
}

function stamp(date: Date, what: string): string {
  if (Number.isNaN(date.getTime())) {
    throw new CuratorError(`The ${what} date of the arXiv search is not a valid date`);
  }
  const p = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}`;
}

/** The `search_query` value for `q`; `nowMs` closes a window that has only a start. */
export function buildSearchQuery(q: ArxivSearch, nowMs: number): string {
  const include = q.terms.map(term).filter((t): t is string => t !== null);
  const exclude = (q.excludeTerms ?? []).map(term).filter((t): t is string => t !== null);
  const categories = (q.categories ?? []).map((c) => c.trim()).filter(Boolean);
  const bad = categories.filter((c) => !CATEGORY.test(c));
  if (bad.length) {
    throw new CuratorError(`Not arXiv categories: ${bad.join(', ')}`, {
      hint: 'Use category ids such as cs.CL or hep-th (https://arxiv.org/category_taxonomy)',
    });
  }
  if (include.length === 0 && categories.length === 0) {
    throw new CuratorError('The arXiv search has no terms and no categories', {
      hint: 'Give at least one search term or category',
    });
  }
  const clauses: string[] = [];
  if (include.length) clauses.push(anyOf(include));
  if (categories.length) clauses.push(anyOf([...new Set(categories)].map((c) => `cat:${c}`)));
  if (q.submittedFrom || q.submittedTo) {
    const from = stamp(q.submittedFrom ?? new Date(EPOCH), 'start');
    const to = stamp(q.submittedTo ?? new Date(nowMs), 'end');
    if (from > to) {
      throw new CuratorError(`The arXiv search window ends (${to}) before it starts (${from})`);
    }
    clauses.push(`submittedDate:[${from} TO ${to}]`);
  }
  return [clauses.join(' AND '), ...exclude.map((t) => `ANDNOT ${t}`)].join(' ');
}
