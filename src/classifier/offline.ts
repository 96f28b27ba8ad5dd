/**
 * The offline classifier: deterministic, no network, no model. It scores a paper against each
 * category from the list's own text (keywords, definition, guideline, the papers already listed)
 * plus the lexicon, and says "does not belong" when nothing points to a category or when the paper
 * is about a neighbouring field.
 */
import type { Category, Guidelines } from './guidelines.js';
import { CUE_GROUPS, OFF_TOPIC_CUES } from './lexicon.js';
import { hasPhrase, phraseText, termCounts, words } from './text.js';
import type { PaperInput, Verdict } from './verdict.js';

interface Profile {
  category: Category;
  keywords: string[];
  cues: string[];
  /** tf-idf weights of the category's own text. */
  weights: Map<string, number>;
  norm: number;
  examples: { key: string; title: string; tags: string[]; counts: Map<string, number> }[];
}

export interface OfflineClassifier {
  classify(paper: PaperInput, options?: { exclude?: string }): Verdict;
}

function overlap(a: readonly string[], text: string): number {
  return a.filter((w) => hasPhrase(text, w)).length;
}

function cosine(a: Map<string, number>, b: Map<string, number>, bNorm: number): number {
  let dot = 0;
  let aNorm = 0;
  for (const [t, n] of a) {
    aNorm += n * n;
    const w = b.get(t);
    if (w) dot += n * w;
  }
  return aNorm === 0 || bNorm === 0 ? 0 : dot / Math.sqrt(aNorm) / bNorm;
}

function sentence(text: string, maxWords = 25): string {
  const first = text.split(/(?<=[.!?])\s+/)[0] ?? '';
  const ws = first.trim().split(/\s+/).filter(Boolean);
  const cut = ws.slice(0, maxWords).join(' ');
  return ws.length > maxWords ? `${cut.replace(/[,;:]$/, '')}…` : cut;
}

export function offlineClassifier(guidelines: Guidelines): OfflineClassifier {
  // 1. Attach each cue group to the category whose own text shares most of its anchors.
  const own = guidelines.categories.map((c) =>
    phraseText(
      [
        c.section,
        c.definition,
        c.guideline,
        c.keywords.join(' , '),
        ...c.examples.flatMap((e) => [e.title, e.tags.join(' , ')]),
      ].join(' . '),
    ),
  );
  const cuesOf = new Map<number, string[]>();
  for (const group of CUE_GROUPS) {
    const scores = own.map((text) => overlap([...group.anchors, ...group.cues], text));
    const best = scores.indexOf(Math.max(...scores));
    if (scores[best]! > 0) cuesOf.set(best, [...(cuesOf.get(best) ?? []), ...group.cues]);
  }
  // 2. tf-idf profile of each category's text; idf over categories, so shared words weigh little.
  const docs = guidelines.categories.map((c) =>
    termCounts(
      [
        c.definition,
        c.guideline,
        c.keywords.join(' . '),
        ...c.examples.map((e) => `${e.title} . ${e.tags.join(' . ')} . ${e.tldr}`),
      ].join(' . '),
    ),
  );
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const profiles: Profile[] = guidelines.categories.map((category, i) => {
    const weights = new Map<string, number>();
    let norm = 0;
    for (const [t, n] of docs[i]!) {
      const w = (1 + Math.log(n)) * Math.log(1 + docs.length / (df.get(t) ?? 1));
      weights.set(t, w);
      norm += w * w;
    }
    return {
      category,
      keywords: category.keywords.map((k) => k.toLowerCase()),
      cues: cuesOf.get(i) ?? [],
      weights,
      norm: Math.sqrt(norm),
      examples: category.examples.map((e) => ({
        key: e.key,
        title: e.title,
        tags: e.tags,
        counts: termCounts(`${e.title} ${e.tags.join(' ')} ${e.tldr}`),
      })),
    };
  });

  return {
    classify(paper, options = {}) {
      const text = `${paper.title}. ${paper.abstract}`;
      const phrases = phraseText(text);
      const counts = termCounts(text);
      const offTopic = OFF_TOPIC_CUES.filter((c) => hasPhrase(phrases, c));
      const scored = profiles.map((p) => {
        const keywords = p.keywords.filter((k) => hasPhrase(phrases, k));
        const cues = p.cues.filter((c) => hasPhrase(phrases, c));
        const similarity = cosine(counts, p.weights, p.norm);
        let nearest: { title: string; tags: string[]; score: number } | null = null;
        for (const e of p.examples) {
          if (e.key === options.exclude) continue;
          const s = cosine(
            counts,
            e.counts,
            Math.sqrt([...e.counts.values()].reduce((a, n) => a + n * n, 0)),
          );
          if (!nearest || s > nearest.score) nearest = { title: e.title, tags: e.tags, score: s };
        }
        const score =
          2 * keywords.length +
          1.2 * Math.min(cues.length, 5) +
          6 * similarity +
          3 * (nearest?.score ?? 0);
        return { profile: p, keywords, cues, similarity, nearest, score };
      });
      scored.sort((a, b) => b.score - a.score);
      const best = scored[0];
      const second = scored[1];
      const tldr = sentence(paper.abstract || paper.title);
      const evidence = best
        ? [...best.keywords, ...best.cues.filter((c) => !best.keywords.includes(c))].slice(0, 3)
        : [];
      const offScore = 2 * offTopic.length;
      if (!best || best.score < 2.2 || offScore >= best.score) {
        const why = offTopic.length
          ? `It is about ${offTopic
              .slice(0, 2)
              .map((c) => `"${c}"`)
              .join(' and ')}, a neighbouring field, not compressing the context.`
          : 'Nothing in it matches the keywords, definitions or listed papers of any category.';
        const confidence = Math.min(
          0.95,
          0.55 + 0.1 * offTopic.length + (best ? Math.max(0, 2.2 - best.score) * 0.1 : 0.2),
        );
        return {
          category: null,
          section: null,
          confidence: round(confidence),
          rationale: why,
          runnerUp: best?.profile.category.section ?? null,
          tags: [],
          tldr,
          source: 'offline',
        };
      }
      const margin = second ? (best.score - second.score) / best.score : 1;
      const strength = Math.min(1, best.score / 6);
      const confidence = 0.35 + 0.6 * Math.min(1, margin * 1.5) * strength;
      const category = best.profile.category;
      const rationale =
        (evidence.length
          ? `It mentions ${evidence.map((e) => `"${e}"`).join(', ')}, which the list places under "${category.section}"`
          : `Its wording is closest to "${category.section}"`) +
        (best.nearest && best.nearest.score > 0.1
          ? `; nearest listed paper: ${best.nearest.title}.`
          : '.');
      const tagSet = new Set<string>();
      for (const t of guidelines.tags)
        if (words(t).length > 0 && hasPhrase(phrases, t) && tagSet.size < 3) tagSet.add(t);
      for (const t of best.nearest?.tags ?? []) if (tagSet.size < 3) tagSet.add(t);
      return {
        category: category.id,
        section: category.section,
        confidence: round(confidence),
        rationale: rationale.slice(0, 400),
        runnerUp: second?.profile.category.section ?? null,
        tags: [...tagSet],
        tldr,
        source: 'offline',
      };
    },
  };
}

function round(n: number): number {
  return Math.round(Math.max(0, Math.min(1, n)) * 100) / 100;
}
