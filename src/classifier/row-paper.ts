/** A listed row as the classifier's input: the same fields whichever door asks about it. */
import type { PaperRow } from '../list/index.js';
import type { PaperInput } from './verdict.js';

export function rowPaper(row: PaperRow, abstract = ''): PaperInput {
  return {
    id: row.arxiv?.id ?? row.key,
    title: row.title ?? '',
    abstract,
    tags: row.tags ?? [],
    tldr: row.tldr ?? '',
  };
}
