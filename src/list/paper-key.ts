import type { ArxivRef } from './arxiv-id.js';

/** Lowercase, NFKC, punctuation dropped, spaces collapsed: titles written two ways compare equal. */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A stable key for a paper: its arXiv id when it has one, else its normalised title. */
export function paperKey(arxiv: Pick<ArxivRef, 'id'> | null, title: string | null): string {
  if (arxiv) return `arxiv:${arxiv.id}`;
  return `title:${normaliseTitle(title ?? '')}`;
}
