/**
 * The offline classifier: deterministic, no network, no model. It scores a paper against each
 * category from the list's own text (keywords, definition, guideline, the papers already listed)
 * plus the lexicon, and says "does not belong" when nothing points to a category or when the paper
 * is about a neighbouring field.
 */
import type { Category, Guidelines } from './guidelines.js';
import { CUE_GROUPS, OFF_TOPIC_CUES } from './lexicon.js';
import { has, hasPhrase, phraseKey, phraseText, termCounts } from './text.js';
import type { PaperInput, Verdict } from './verdict.js';

interface Phrase {
  text: string;
  key: string;
}

interface Profile {
  category: Category;
  keywords: Phrase[];
  cues: (Phrase & { strong: boolean })[];
  /** tf-idf weights of the category's own text. */
  weights: Map<string, number>;
  norm: number;
  /** Term -> [example index, count, example index, count, …]. */
  postings: Map<string, number[]>;
  /** Listed papers for the nearest-paper search (at most NEAREST_LIMIT, in list order). */
  examples: {
    key: string;
    title: string;
    tags: string[];
    counts: Map<string, number>;
    norm: number;
  }[];
}

/** Enough listed papers to find a close one; more would make each verdict cost O(list). */
const NEAREST_LIMIT = 200;
/**
 * Listed papers a category's profile learns from, at most: past this an even sample (every k-th
 * paper) says the same about the category's words, and a 100,000-row list is learned in a
 * fraction of the time (the PR check places a handful of papers on such a list).
 */
const PROFILE_EXAMPLES = 2000;

function evenSample<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]!);
}

const phrase = (text: string): Phrase => ({ text, key: phraseKey(text) });
const TOPIC_KEYS = [
  'language model',
  'llm',
  'transformer',
  'token',
  'prompt',
  'context',
  'attention',
  'kv',
  'key value',
  'decoder',
  'gpt',
  'llama',
  'chain of thought',
  'rag',
  'retrieval augmented',
  'retrieved document',
  'retrieved passage',
  'question answering',
  'reader',
  'reasoning',
  '语言模型',
  '大模型',
  '上下文',
  '提示',
].map(phraseKey);
let offTopicKeys: Phrase[] | null = null;

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
        ...evenSample(c.examples, PROFILE_EXAMPLES).flatMap((e) => [e.title, e.tags.join(' , ')]),
      ].join(' . '),
    ),
  );
  const cuesOf = new Map<number, string[]>();
  const strongOf = new Map<number, string[]>();
  for (const group of CUE_GROUPS) {
    const scores = own.map((text) => overlap([...group.anchors, ...group.cues], text));
    const best = scores.indexOf(Math.max(...scores));
    // Only a category that itself uses one of the group's defining phrases gets its cues: a
    // shared common word ("inference", "reasoning", "text") does not make a list about, say, LLM
    // evaluation a list about KV caches, and would send KV-cache papers into its categories.
    if (scores[best]! > 0 && overlap(group.strong, own[best]!) > 0) {
      cuesOf.set(best, [...(cuesOf.get(best) ?? []), ...group.cues]);
      strongOf.set(best, [...(strongOf.get(best) ?? []), ...group.strong]);
    }
  }
  // 2. tf-idf profile of each category's text; idf over categories, so shared words weigh little.
  const docs = guidelines.categories.map((c) =>
    termCounts(
      [
        c.definition,
        c.guideline,
        c.keywords.join(' . '),
        ...evenSample(c.examples, PROFILE_EXAMPLES).map(
          (e) => `${e.title} . ${e.tags.join(' . ')} . ${e.tldr}`,
        ),
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
    const strong = new Set(strongOf.get(i) ?? []);
    return {
      category,
      keywords: category.keywords.map((k) => phrase(k.toLowerCase())),
      cues: (cuesOf.get(i) ?? []).map((c) => ({ ...phrase(c), strong: strong.has(c) })),
      weights,
      norm: Math.sqrt(norm),
      examples: category.examples.slice(0, NEAREST_LIMIT + 1).map((e) => {
        const counts = termCounts(`${e.title} ${e.tags.join(' ')} ${e.tldr}`);
        let sum = 0;
        for (const n of counts.values()) sum += n * n;
        return { key: e.key, title: e.title, tags: e.tags, counts, norm: Math.sqrt(sum) };
      }),
      postings: new Map(),
    };
  });
  // Term -> listed papers holding it, for the nearest-paper search (terms in most of them say little).
  for (const p of profiles) {
    const df = new Map<string, number>();
    for (const e of p.examples) for (const t of e.counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    p.examples.forEach((e, i) => {
      for (const [t, n] of e.counts) {
        if ((df.get(t) ?? 0) > Math.max(20, p.examples.length / 4)) continue;
        const list = p.postings.get(t);
        if (list) list.push(i, n);
        else p.postings.set(t, [i, n]);
      }
    });
  }
  offTopicKeys ??= OFF_TOPIC_CUES.map(phrase);
  const offTopicCues = offTopicKeys;
  const tagKeys = guidelines.tags.map(phrase);

  return {
    classify(paper, options = {}) {
      const text = `${paper.title}. ${paper.abstract}`;
      const phrases = phraseText(text);
      // What a paper is about is in its title first: a match there counts half as much again.
      const inTitle = phraseText(paper.title);
      const weight = (p: Phrase, base: number): number => base * (has(inTitle, p.key) ? 1.5 : 1);
      const counts = termCounts(text);
      let countsSquares = 0;
      for (const n of counts.values()) countsSquares += n * n;
      const countsNorm = Math.sqrt(countsSquares) || 1;
      const offTopic = offTopicCues.filter((c) => has(phrases, c.key)).map((c) => c.text);
      // The list is about language models: a paper that never mentions one (or its tokens,
      // prompts, context or attention) is about something else, whatever words it shares.
      const aboutLanguageModels = TOPIC_KEYS.some((k) => has(phrases, k));
      // Phrases of two categories can overlap ("soft prompt compression" holds the implicit "soft
      // prompt" and the explicit "prompt compression"): as a reader would, take the one that
      // starts first and drop the other.
      const spans = profiles.map((p) => ({
        keywords: p.keywords
          .map((k) => ({ hit: k, at: k.key ? phrases.indexOf(k.key) : -1 }))
          .filter((x) => x.at !== -1),
        cues: p.cues
          .map((c) => ({ hit: c, at: c.key ? phrases.indexOf(c.key) : -1 }))
          .filter((x) => x.at !== -1),
      }));
      const shadowed = (i: number, at: number, key: string): boolean =>
        spans.some(
          (other, j) =>
            j !== i &&
            [...other.keywords, ...other.cues].some(
              (o) => o.at < at && at < o.at + o.hit.key.length - 1 && !o.hit.key.includes(key),
            ),
        );
      const scored = profiles.map((p, i) => {
        const keywordHits = spans[i]!.keywords.filter((x) => !shadowed(i, x.at, x.hit.key)).map(
          (x) => x.hit,
        );
        const cueHits = spans[i]!.cues.filter((x) => !shadowed(i, x.at, x.hit.key)).map(
          (x) => x.hit,
        );
        const keywords = keywordHits.map((k) => k.text);
        const cues = cueHits.map((c) => c.text);
        const similarity = cosine(counts, p.weights, p.norm);
        let nearest: { title: string; tags: string[]; score: number } | null = null;
        const dots = new Map<number, number>();
        for (const [t, n] of counts) {
          const post = p.postings.get(t);
          if (!post) continue;
          for (let k = 0; k < post.length; k += 2)
            dots.set(post[k]!, (dots.get(post[k]!) ?? 0) + n * post[k + 1]!);
        }
        for (const [i, dot] of dots) {
          const e = p.examples[i]!;
          if (e.key === options.exclude) continue;
          const s = dot / countsNorm / e.norm;
          if (!nearest || s > nearest.score) nearest = { title: e.title, tags: e.tags, score: s };
        }
        const cueScore = cueHits
          .map((c) => weight(c, c.strong ? 2.5 : 1.2))
          .sort((a, b) => b - a)
          .slice(0, 5)
          .reduce((a, b) => a + b, 0);
        const keywordScore = keywordHits.reduce((a, k) => a + weight(k, 2), 0);
        const score = keywordScore + cueScore + 6 * similarity + 3 * (nearest?.score ?? 0);
        return { profile: p, keywords, cues, similarity, nearest, score };
      });
      scored.sort((a, b) => b.score - a.score);
      const best = scored[0];
      const second = scored[1];
      const tldr = sentence(paper.abstract || paper.title);
      const evidence = best
        ? [...best.keywords, ...best.cues.filter((c) => !best.keywords.includes(c))].slice(0, 3)
        : [];
      // Off-topic cues weigh like strong cues, and more in the title, where a paper says what it is.
      const offScore = offTopicCues
        .filter((c) => has(phrases, c.key))
        .reduce((a, c) => a + (has(inTitle, c.key) ? 4.5 : 3), 0);
      if (!best || best.score < 2.2 || offScore >= best.score || !aboutLanguageModels) {
        const why =
          !aboutLanguageModels && best && best.score >= 2.2 && offScore < best.score
            ? 'It never mentions language models, tokens, prompts, context or attention: it is about another kind of model.'
            : offTopic.length
              ? `It is about ${offTopic
                  .slice(0, 2)
                  .map((c) => `"${c}"`)
                  .join(' and ')}, a neighbouring field, not a topic of this list.`
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
      for (const t of tagKeys) if (has(phrases, t.key) && tagSet.size < 3) tagSet.add(t.text);
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
