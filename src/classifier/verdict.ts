/**
 * One verdict shape for every classifier, checked with zod (verdict-schema.ts) wherever it crosses
 * a boundary (LLM replies, cache files, JSON output). The type is written out here so that the
 * offline classifier, and the lint that runs it, do not load zod.
 */
export interface Verdict {
  /** Category id (from the list's guidelines), or null: does not belong in this list. */
  category: string | null;
  /** Heading text of the category's section, or null. */
  section: string | null;
  /** 0 to 1. */
  confidence: number;
  /** One or two sentences a maintainer can check (at most 400 characters). */
  rationale: string;
  runnerUp: string | null;
  /** Chosen from the list's existing tags. */
  tags: string[];
  /** One English sentence, at most 25 words. */
  tldr: string;
  /** The TL;DR in the list's other language, when the LLM was asked for it. */
  tldrTranslated?: string | undefined;
  source: 'llm' | 'offline';
}

export interface PaperInput {
  id: string;
  title: string;
  /** The paper's abstract, or '' when it is not known. */
  abstract: string;
  /** The list's tags for it, when the list holds it. */
  tags?: readonly string[] | undefined;
  /** The list's TL;DR for it, when the list holds it. */
  tldr?: string | undefined;
}

/**
 * The text a paper is judged by, the same from every door (check, /classify, classify, scan, the
 * placement rule, the Action): its title, then its abstract when known, else the list's TL;DR and
 * tags for it. The abstract is the paper's own account; the row is the list's summary of it, and
 * mixing both would make a verdict depend on whether the door had the row at hand.
 */
export function paperText(paper: PaperInput): { title: string; body: string } {
  const body = paper.abstract.trim()
    ? paper.abstract
    : [paper.tldr ?? '', (paper.tags ?? []).join(', ')].filter((s) => s.trim() !== '').join('. ');
  return { title: paper.title, body };
}
