/**
 * Tag glossary between the two languages, learned from papers listed in both files: for each such
 * paper whose rows carry the same number of tags, the tags are paired by position, and each
 * English tag takes the translation most papers agree on. Config entries win over learned ones.
 */
import type { PaperList } from '../list/index.js';

export function learnGlossary(
  primary: PaperList,
  translation: PaperList,
  fixed: Readonly<Record<string, string>> = {},
): Map<string, string> {
  // A paper listed twice (in two sections) pairs its first rows, then its second rows.
  const other = new Map<string, (string[] | null)[]>();
  for (const row of translation.rows) {
    const same = other.get(row.key);
    if (same) same.push(row.tags);
    else other.set(row.key, [row.tags]);
  }
  const taken = new Map<string, number>();
  const votes = new Map<string, Map<string, number>>();
  for (const row of primary.rows) {
    const k = taken.get(row.key) ?? 0;
    taken.set(row.key, k + 1);
    const theirs = other.get(row.key)?.[k];
    if (!row.tags || !theirs || theirs.length !== row.tags.length) continue;
    row.tags.forEach((tag, i) => {
      const counts = votes.get(tag) ?? new Map<string, number>();
      counts.set(theirs[i]!, (counts.get(theirs[i]!) ?? 0) + 1);
      votes.set(tag, counts);
    });
  }
  const glossary = new Map<string, string>();
  for (const [tag, counts] of votes) {
    const best = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (best) glossary.set(tag, best[0]);
  }
  for (const [tag, translated] of Object.entries(fixed)) glossary.set(tag, translated);
  return glossary;
}
