import type { ArxivRef } from './arxiv-id.js';

/** Lowercase, NFKC, punctuation dropped, spaces collapsed: titles written two ways compare equal. */
export function normaliseTitle(title: string): string {
  // ASCII is its own NFKC form, and its letters and digits are [a-z0-9] once lower-cased: the
  // same result without the Unicode passes (most titles are ASCII).
  if (ASCII.test(title))
    return title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
// Every character below U+0080 (control characters included: they are neither letters nor digits).
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/** A stable key for a paper: its arXiv id when it has one, else its normalised title. */
export function paperKey(arxiv: Pick<ArxivRef, 'id'> | null, title: string | null): string {
  if (arxiv) return `arxiv:${arxiv.id}`;
  return `title:${normaliseTitle(title ?? '')}`;
}
