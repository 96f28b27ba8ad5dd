import { arxivYearMonth } from './arxiv-id.js';

/**
 * The venue cell: `<VENUE> <YYYY>` with an optional qualifier (`ACL 2024 Findings`,
 * `NeurIPS 2023 (Oral)`), or `arXiv YYYY.MM` for a preprint.
 */
export type Venue =
  | { kind: 'missing' }
  | { kind: 'venue'; name: string; year: number; qualifier: string | null }
  | { kind: 'arxiv'; year: number; month: number | null; padded: boolean }
  | { kind: 'invalid' };

const ARXIV = /^arxiv\s+((?:19|20)\d{2})(?:[.\-/](\d{1,2}))?$/i;
const VENUE =
  /^([A-Za-z][A-Za-z0-9&.+'\-/ ]*?)[\s-]+((?:19|20)\d{2})(?:\s+([A-Za-z][\w\- ]*|\([^()]+\)))?$/;

/** `arXiv YYYY.MM`, read without a regular expression (most preprint cells look like this). */
function plainArxivVenue(t: string): Venue | null {
  if (t.length !== 13 || !t.startsWith('arXiv ') || t.charCodeAt(10) !== 46) return null;
  const year = Number(t.slice(6, 10));
  const month = Number(t.slice(11, 13));
  if (!(year >= 1900 && year < 2100) || !(month >= 1 && month <= 12)) return null;
  return { kind: 'arxiv', year, month, padded: true };
}

/** `NAME YYYY` with a plain name (`ACL 2024`), read without a regular expression. */
function plainVenue(t: string): Venue | null {
  const space = t.length - 5;
  if (space < 1 || t.charCodeAt(space) !== 32) return null;
  const year = Number(t.slice(space + 1));
  if (!Number.isInteger(year) || year < 1900 || year >= 2100) return null;
  for (let i = 0; i < space; i += 1) {
    const c = t.charCodeAt(i) | 32; // ASCII letters, either case
    if (c < 97 || c > 122) return null;
  }
  const name = t.slice(0, space);
  return name.toLowerCase() === 'arxiv' ? null : { kind: 'venue', name, year, qualifier: null };
}

export function parseVenue(text: string | null): Venue {
  const t = (text ?? '').trim();
  const plain = plainArxivVenue(t) ?? plainVenue(t);
  if (plain) return plain;
  if (t === '' || t === '-' || t === '—' || t === 'N/A' || t === 'TBD') return { kind: 'missing' };
  const a = ARXIV.exec(t);
  if (a) {
    const month = a[2] === undefined ? null : Number(a[2]);
    if (month !== null && (month < 1 || month > 12)) return { kind: 'invalid' };
    return {
      kind: 'arxiv',
      year: Number(a[1]),
      month,
      padded: a[2] === undefined || a[2].length === 2,
    };
  }
  const v = VENUE.exec(t);
  if (v && !/^arxiv$/i.test(v[1]!.trim()))
    return { kind: 'venue', name: v[1]!.trim(), year: Number(v[2]), qualifier: v[3] ?? null };
  return { kind: 'invalid' };
}

/** `arXiv YYYY.MM` for an arXiv id, the venue a preprint gets. */
export function arxivVenue(id: string): string {
  const { year, month } = arxivYearMonth(id);
  return `arXiv ${year}.${String(month).padStart(2, '0')}`;
}

/** A sortable date for ordering rows: year * 100 + month (month 0 when unknown). */
export function venueDate(venue: Venue): number | null {
  if (venue.kind === 'venue') return venue.year * 100;
  if (venue.kind === 'arxiv') return venue.year * 100 + (venue.month ?? 0);
  return null;
}
