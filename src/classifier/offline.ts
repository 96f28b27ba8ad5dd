/**
 * The offline classifier: deterministic, no network, no model. It scores a paper against each
 * category from the list's own text (keywords, definition, guideline, the papers already listed)
 * plus the lexicon, and says "does not belong" when nothing points to a category or when the paper
 * is about a neighbouring field.
 */
import { normaliseTitle, paperKey } from '../list/paper-key.js';
import { parseArxivRef } from '../list/arxiv-id.js';
import type { Category, Guidelines } from './guidelines.js';
import { FIELD, type Concept } from './field.js';
import { CUE_GROUPS } from './lexicon.js';
import { contributionSentence } from './tldr.js';
import { findPhrases, findPhrasesIn, phraseIndex } from './phrases.js';
import { forEachTerm, phraseKey, termCounts, words } from './text.js';
import { paperText, type PaperInput, type Verdict } from './verdict.js';

interface Phrase {
  text: string;
  key: string;
}

interface Profile {
  category: Category;
  keywords: Phrase[];
  cues: (Phrase & { strong: boolean })[];
  norm: number;
  /** Listed papers for the nearest-paper search (at most NEAREST_LIMIT, in list order). */
  examples: {
    key: string;
    /** `title:` and the normalised title: the key of a copy listed without an arXiv link. */
    titleKey: string;
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
const PROFILE_EXAMPLES = 1000;

function evenSample<T>(items: readonly T[], max: number): readonly T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]!);
}

const phrase = (text: string): Phrase => ({ text, key: phraseKey(text) });
/** How much the field vocabulary counts beside the list's own words, and neighbouring fields against. */
const FIELD_WEIGHT = 1;
const NEIGHBOUR_WEIGHT = 1.3;
const TAG_WEIGHT = 1;
/**
 * What the cosine with a category's words and with its nearest listed paper (each at most 1) can
 * add to its score.
 */
const SIMILARITY_WEIGHT = 6;
const NEAREST_WEIGHT = 3;
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
/** The cue group standing for each concept of the field vocabulary. */
const GROUP_CONCEPT: Record<string, Concept> = {
  'input text': 'text',
  'latent state': 'latent',
  'key-value cache': 'cache',
};
interface WeightedPhrase extends Phrase {
  weight: number;
}
const FIELD_PHRASES = FIELD.map((f) => ({
  ...f,
  keys: Object.entries(f.phrases).map(([text, weight]): WeightedPhrase => ({
    text,
    key: phraseKey(text),
    weight,
  })),
}));

/** Each field phrase's key -> the families holding it, with its weight there. */
const FIELD_BY_KEY = new Map<string, { family: string; text: string; weight: number }[]>();
for (const f of FIELD_PHRASES)
  for (const k of f.keys) {
    const entries = FIELD_BY_KEY.get(k.key) ?? [];
    entries.push({ family: f.name, text: k.text, weight: k.weight });
    FIELD_BY_KEY.set(k.key, entries);
  }

/** A field phrase the paper holds, with its family and weight (1.5× in the title). */
interface FieldHit {
  family: string;
  text: string;
  w: number;
}

/** The field phrases the paper holds (but those of `skip`), in the order it holds them. */
function fieldCandidates(found: Found, skip: ReadonlySet<string> = new Set()): FieldHit[] {
  const hits: FieldHit[] = [];
  for (const key of found.text.keys())
    if (!skip.has(key))
      for (const e of FIELD_BY_KEY.get(key) ?? [])
        hits.push({
          family: e.family,
          text: e.text,
          w: e.weight * (found.title.has(key) ? 1.5 : 1),
        });
  return hits;
}

/**
 * The sum of the best `top` weights among the phrases of `families` the paper holds (read from
 * `fieldCandidates`, rather than by trying every phrase).
 */
function bestField(
  candidates: readonly FieldHit[],
  families: ReadonlySet<string>,
  top: number,
): { score: number; hits: string[] } {
  const hits = candidates.filter((h) => families.has(h.family));
  hits.sort((a, b) => b.w - a.w);
  const best = hits.slice(0, top);
  return { score: best.reduce((a, h) => a + h.w, 0), hits: best.map((h) => h.text) };
}

/** A paper's terms as a verdict reads them: term ids (-1: a term the list never uses) and counts. */
interface PaperTerms {
  ids: number[];
  counts: number[];
  /** The sum of the squared counts of all its terms. */
  squares: number;
}

/** A phrase of a category found in a paper, at its first offset in the paper's text. */
interface Span<P extends Phrase = Phrase> {
  hit: P;
  at: number;
}

/** The indexed phrases of a paper's whole text and of its title. */
interface Found {
  text: Map<string, number>;
  title: Set<string>;
}

export interface OfflineClassifier {
  /**
   * The verdict on one paper. `brief`: the category, confidence and rationale only (no TL;DR, no
   * tags; the placement check asks this of every row and reads nothing else).
   */
  classify(paper: PaperInput, options?: { exclude?: string; brief?: boolean }): Verdict;
  /**
   * The brief verdict on a paper listed under the category `listedIn` (an id), or null when that
   * category certainly wins: its own evidence (keywords, cues, field phrases, tags) outweighs every
   * other category's by more than the two remaining parts of a score (the similarity to the
   * category's words and the nearest listed paper) can add. Then the verdict either names that
   * category or says the paper does not belong; neither moves it, and neither is worked out.
   */
  placeListed(paper: PaperInput, listedIn: string, options?: { exclude?: string }): Verdict | null;
  /** The verdict a maintainer pinned for the paper (config `categories.pin`), else null. */
  pinned(paper: PaperInput, options?: { exclude?: string }): Verdict | null;
}

/** How many of the phrases `a` occur among `found` (the phrases found in a category's text). */
function overlap(a: readonly string[], found: ReadonlyMap<string, number>): number {
  return a.filter((w) => found.has(phraseKey(w))).length;
}

/**
 * Every phrase of the cue groups and of the neighbouring fields, to find in each category's own
 * text in one pass.
 */
const OWN_TEXT_INDEX = phraseIndex([
  ...CUE_GROUPS.flatMap((g) => [...g.anchors, ...g.cues, ...g.strong]).map(phraseKey),
  ...FIELD_PHRASES.filter((f) => f.concept === null).flatMap((f) => f.keys.map((k) => k.key)),
]);
/** The phrases every classifier looks for in a paper, whatever the list. */
const FIXED_INDEX = phraseIndex([
  ...TOPIC_KEYS,
  ...FIELD_PHRASES.flatMap((f) => f.keys.map((k) => k.key)),
  ...CUE_GROUPS.flatMap((g) => g.cues).map(phraseKey),
]);

const tfIdf = (n: number, df: number, docs: number): number =>
  n > 0 && df > 0 ? (1 + Math.log(n)) * Math.log(1 + docs / df) : 0;

export function offlineClassifier(guidelines: Guidelines): OfflineClassifier {
  // A listed paper's title is keyed where it is sampled, where its tags are counted and when its
  // row is judged: normalised once each.
  const titleKeys = new Map<string, string>();
  const titleKey = (title: string): string => {
    let key = titleKeys.get(title);
    if (key === undefined) {
      key = `title:${normaliseTitle(title)}`;
      titleKeys.set(title, key);
    }
    return key;
  };
  const sampled = guidelines.categories.map((c) => evenSample(c.examples, PROFILE_EXAMPLES));
  // Each sampled paper split into words once (title, tags, TL;DR): its words serve both the
  // category's own text (step 1) and the term counts of its profile (step 2). `words` of a text
  // joined with " . " is the words of its parts, one after another.
  const sampledWords = sampled.map((examples) =>
    examples.map((e) => ({
      title: words(e.title),
      tags: words(e.tags.join(' . ')),
      tldr: words(e.tldr),
    })),
  );
  // 1. Attach each cue group to the category whose own text shares most of its anchors.
  const own = guidelines.categories.map((c, i) => {
    const parts = [
      words([c.section, c.definition, c.guideline, c.keywords.join(' , ')].join(' . ')),
      ...sampledWords[i]!.flatMap((w) => [w.title, w.tags]),
    ];
    return ` ${parts.flat().join(' ')} `;
  });
  const ownCues = own.map((text) => findPhrases(text, OWN_TEXT_INDEX));
  const cuesOf = new Map<number, string[]>();
  const strongOf = new Map<number, string[]>();
  const conceptsOf = new Map<number, Concept[]>();
  for (const group of CUE_GROUPS) {
    const scores = ownCues.map((found) => overlap([...group.anchors, ...group.cues], found));
    const best = scores.indexOf(Math.max(...scores));
    // Only a category that itself uses one of the group's defining phrases gets its cues: a
    // shared common word ("inference", "reasoning", "text") does not make a list about, say, LLM
    // evaluation a list about KV caches, and would send KV-cache papers into its categories.
    if (scores[best]! > 0 && overlap(group.strong, ownCues[best]!) > 0) {
      cuesOf.set(best, [...(cuesOf.get(best) ?? []), ...group.cues]);
      strongOf.set(best, [...(strongOf.get(best) ?? []), ...group.strong]);
      const concept = GROUP_CONCEPT[group.name];
      if (concept) conceptsOf.set(best, [...(conceptsOf.get(best) ?? []), concept]);
    }
  }
  // 2. tf-idf profile of each category's text; idf over categories, so shared words weigh little.
  // Each part counted on its own (no word pair across two papers), so one paper's counts can be
  // taken out again: a paper is classified against the list without itself.
  /**
   * Every term an id, and what a verdict reads of it in flat arrays by id: its count and tf-idf
   * weight in each category (`[id * C + category]`). A paper's terms are looked up once each; the
   * rest is indexing. Built as the texts are counted (no per-category maps of every word).
   */
  const C = guidelines.categories.length;
  const ids = new Map<string, number>();
  const countAt: number[] = [];
  const weightAt: number[] = [];
  const idOf = (t: string): number => {
    let id = ids.get(t);
    if (id === undefined) {
      id = ids.size;
      ids.set(t, id);
      for (let j = 0; j < C; j += 1) {
        countAt.push(0);
        weightAt.push(0);
      }
    }
    return id;
  };
  /** Each category's term ids in the order they first occur in its text (the norm sums in it). */
  const orderOf: number[][] = guidelines.categories.map(() => []);
  const count = (i: number, counts: ReadonlyMap<string, number>): void => {
    for (const [t, n] of counts) {
      const id = idOf(t);
      if (countAt[id * C + i] === 0) orderOf[i]!.push(id);
      countAt[id * C + i] = countAt[id * C + i]! + n;
    }
  };
  /**
   * The sampled listed papers' terms (ids and counts), to take one out again; the term counts of
   * the first ones, which the nearest-paper search reads too.
   */
  const exampleTerms: { ids: number[]; counts: number[] }[][] = [];
  const firstCounts: Map<string, number>[][] = [];
  guidelines.categories.forEach((c, i) => {
    count(i, termCounts([c.definition, c.guideline, c.keywords.join(' . ')].join(' . ')));
    const terms: { ids: number[]; counts: number[] }[] = [];
    const first: Map<string, number>[] = [];
    sampledWords[i]!.forEach((w, k) => {
      // termCounts(`${title} . ${tags.join(' . ')} . ${tldr}`), counted into the category as it
      // is read: each distinct term looked up once, in the order termCounts gives them.
      const distinct = new Map<string, number>();
      const one = { ids: [] as number[], counts: [] as number[] };
      const texts: string[] = [];
      forEachTerm(w.title.concat(w.tags, w.tldr), (t) => {
        const x = distinct.get(t);
        if (x === undefined) {
          distinct.set(t, one.counts.length);
          texts.push(t);
          one.counts.push(1);
        } else one.counts[x] = one.counts[x]! + 1;
      });
      for (let x = 0; x < texts.length; x += 1) {
        const id = idOf(texts[x]!);
        if (countAt[id * C + i] === 0) orderOf[i]!.push(id);
        countAt[id * C + i] = countAt[id * C + i]! + one.counts[x]!;
        one.ids.push(id);
      }
      terms.push(one);
      if (k <= NEAREST_LIMIT) first.push(new Map(texts.map((t, x) => [t, one.counts[x]!])));
    });
    exampleTerms.push(terms);
    firstCounts.push(first);
  });
  /** Where the sampled listed papers sit: key or normalised title -> [category, index] of each copy. */
  const sampledAt = new Map<string, [number, number][]>();
  const at = (key: string, where: [number, number]) => {
    const copies = sampledAt.get(key);
    if (!copies) sampledAt.set(key, [where]);
    else if (!copies.some(([c, k]) => c === where[0] && k === where[1])) copies.push(where);
  };
  sampled.forEach((examples, i) =>
    examples.forEach((e, k) => {
      at(e.key, [i, k]);
      if (e.title) at(titleKey(e.title), [i, k]);
    }),
  );
  /** In how many categories each term occurs (idf over categories, so shared words weigh little). */
  const dfOf = (id: number): number => {
    let df = 0;
    for (let j = 0; j < C; j += 1) if (countAt[id * C + j]! > 0) df += 1;
    return df;
  };
  const profiles: Profile[] = guidelines.categories.map((category, i) => {
    let norm = 0;
    for (const id of orderOf[i]!) {
      const w = tfIdf(countAt[id * C + i]!, dfOf(id), C);
      weightAt[id * C + i] = w;
      norm += w * w;
    }
    const strong = new Set(strongOf.get(i) ?? []);
    return {
      category,
      keywords: category.keywords.map((k) => phrase(k.toLowerCase())),
      cues: (cuesOf.get(i) ?? []).map((c) => ({ ...phrase(c), strong: strong.has(c) })),
      norm: Math.sqrt(norm),
      examples: category.examples.slice(0, NEAREST_LIMIT + 1).map((e, k) => {
        // The profile's sample is the whole category up to PROFILE_EXAMPLES: its counts (the
        // same words) serve again.
        const counts =
          sampled[i] === category.examples
            ? firstCounts[i]![k]!
            : termCounts(`${e.title} ${e.tags.join(' ')} ${e.tldr}`);
        let sum = 0;
        for (const n of counts.values()) sum += n * n;
        return {
          key: e.key,
          titleKey: titleKey(e.title),
          title: e.title,
          tags: e.tags,
          counts,
          norm: Math.sqrt(sum),
        };
      }),
    };
  });
  /**
   * The nearest-paper search's listed papers, one slot each across all profiles (profile `j`'s
   * example `k` is slot `slotBase[j] + k`), with the profile and norm of each slot.
   */
  const slotBase: number[] = [];
  let slotCount = 0;
  for (const p of profiles) {
    slotBase.push(slotCount);
    slotCount += p.examples.length;
  }
  const slotProfile = new Int32Array(slotCount);
  const slotNorm = new Float64Array(slotCount);
  profiles.forEach((p, j) =>
    p.examples.forEach((e, k) => {
      slotProfile[slotBase[j]! + k] = j;
      slotNorm[slotBase[j]! + k] = e.norm;
    }),
  );
  /**
   * Term id -> [slot, count, slot, count, …] of the listed papers holding it, profile by profile:
   * the search's postings (a term in most of a profile's papers says little and is left out).
   */
  const postingLists: (number[] | undefined)[] = [];
  /** Key or `title:` key of a listed paper -> the slot of each copy. */
  const slotsOf = new Map<string, number[]>();
  profiles.forEach((p, j) => {
    const df = new Map<string, number>();
    for (const e of p.examples) for (const t of e.counts.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const postings = new Map<string, number[]>();
    p.examples.forEach((e, k) => {
      const slot = slotBase[j]! + k;
      for (const [t, n] of e.counts) {
        if ((df.get(t) ?? 0) > Math.max(20, p.examples.length / 4)) continue;
        const list = postings.get(t);
        if (list) list.push(slot, n);
        else postings.set(t, [slot, n]);
      }
      for (const key of new Set([e.key, e.titleKey])) {
        const slots = slotsOf.get(key);
        if (slots) slots.push(slot);
        else slotsOf.set(key, [slot]);
      }
    });
    for (const [t, post] of postings) {
      // A word of a listed paper the profile's sample left out gets an id too: no weight, but
      // postings.
      const id = idOf(t);
      const entries = postingLists[id];
      if (entries) entries.push(...post);
      else postingLists[id] = post;
    }
  });
  const postingsById = postingLists.map((post) => (post ? Int32Array.from(post) : undefined));
  const dots = new Float64Array(slotCount);
  const skipped = new Uint8Array(slotCount);
  const touched = new Int32Array(slotCount);
  const bestSlot = new Int32Array(profiles.length);
  const bestScore = new Float64Array(profiles.length);

  /**
   * The nearest listed paper of each category (cosine of term counts), the paper itself (its
   * keys: `own`) left out: dot products with the listed papers sharing a term, in typed arrays
   * (one slot per listed paper), one pass over the paper's terms. This runs for every row the
   * placement rule judges.
   */
  function nearestPapers(
    paper: PaperTerms,
    own: ReadonlySet<string>,
  ): ({ title: string; tags: string[]; score: number } | null)[] {
    const countsNorm = Math.sqrt(paper.squares) || 1;
    const marked: number[] = [];
    for (const key of own)
      for (const slot of slotsOf.get(key) ?? []) {
        skipped[slot] = 1;
        marked.push(slot);
      }
    let size = 0;
    for (let i = 0; i < paper.ids.length; i += 1) {
      const id = paper.ids[i]!;
      const post = id === -1 ? undefined : postingsById[id];
      if (!post) continue;
      const n = paper.counts[i]!;
      for (let x = 0; x < post.length; x += 2) {
        const slot = post[x]!;
        if (dots[slot] === 0) touched[size++] = slot;
        dots[slot] = dots[slot]! + n * post[x + 1]!;
      }
    }
    // Each profile's best, its slots read in the order they were first reached (the first of
    // equal scores wins).
    bestSlot.fill(-1);
    for (let t = 0; t < size; t += 1) {
      const slot = touched[t]!;
      const dot = dots[slot]!;
      dots[slot] = 0;
      if (skipped[slot]) continue;
      const j = slotProfile[slot]!;
      const s = dot / countsNorm / slotNorm[slot]!;
      if (bestSlot[j] === -1 || s > bestScore[j]!) {
        bestSlot[j] = slot;
        bestScore[j] = s;
      }
    }
    for (const slot of marked) skipped[slot] = 0;
    return profiles.map((p, j) => {
      const slot = bestSlot[j]!;
      if (slot === -1) return null;
      const e = p.examples[slot - slotBase[j]!]!;
      return { title: e.title, tags: e.tags, score: bestScore[j]! };
    });
  }

  const familiesOf = profiles.map(
    (_, i) =>
      new Set(
        FIELD_PHRASES.filter(
          (f) => f.concept !== null && (conceptsOf.get(i) ?? []).includes(f.concept),
        ).map((f) => f.name),
      ),
  );
  // A neighbouring field is evidence against a paper only where the list does not cover it: a
  // list about LLM evaluation has "benchmark" and "hallucination" in its own sections, and there
  // they are its subject, not a neighbour's.
  const neighbours = new Set(FIELD_PHRASES.filter((f) => f.concept === null).map((f) => f.name));
  const coveredByList = new Set(
    FIELD_PHRASES.filter((f) => f.concept === null)
      .flatMap((f) => f.keys.map((k) => k.key))
      .filter((key) => ownCues.some((found) => found.has(key))),
  );
  // Tags the paper's text names, found from its words (a tag is looked at only when its first word
  // occurs): a 100,000-row list may use thousands of tags, and each verdict must not cost them all.
  const tagsByFirstWord = new Map<string, Phrase[]>();
  for (const t of guidelines.tags.map(phrase)) {
    const first = t.key.trim().split(' ')[0];
    if (!first) continue;
    const list = tagsByFirstWord.get(first);
    if (list) list.push(t);
    else tagsByFirstWord.set(first, [t]);
  }
  /**
   * How many listed papers use each tag, per category: over the profile's sample (every paper of a
   * category up to PROFILE_EXAMPLES), as the words are, so that leaving a paper out is leaving out
   * its sampled copies (a 100,000-row list is not indexed paper by paper for the few it judges).
   */
  const tagUse = new Map<string, number[]>();
  sampled.forEach((examples, i) =>
    examples.forEach((e) => {
      for (const t of e.tags) {
        const counts = tagUse.get(t) ?? profiles.map(() => 0);
        counts[i] = counts[i]! + 1;
        tagUse.set(t, counts);
      }
    }),
  );
  const index = phraseIndex(
    [
      ...profiles.flatMap((p) => [...p.keywords.map((k) => k.key), ...p.cues.map((c) => c.key)]),
      ...[...tagsByFirstWord.values()].flat().map((t) => t.key),
    ],
    FIXED_INDEX,
  );
  const tagOrder = new Map(guidelines.tags.map((t, i) => [t, i]));
  const guidelineTagOrder = (tags: Set<Phrase>): Phrase[] =>
    [...tags].sort((a, b) => (tagOrder.get(a.text) ?? 0) - (tagOrder.get(b.text) ?? 0));
  /** Tag uses per category by papers other than the one judged (its sampled copies). */
  function tagUseWithout(
    copies: readonly [number, number][],
  ): (tag: string, category: number) => number {
    const mine = new Map<string, number[]>();
    for (const [c, k] of copies)
      for (const t of sampled[c]![k]!.tags) {
        const counts = mine.get(t) ?? profiles.map(() => 0);
        counts[c] = counts[c]! + 1;
        mine.set(t, counts);
      }
    return (tag, category) => (tagUse.get(tag)?.[category] ?? 0) - (mine.get(tag)?.[category] ?? 0);
  }

  /**
   * A paper's terms (`termCountsOf` of its words, in the same order) as term ids and counts: each
   * term looked up once, where it first occurs.
   */
  function paperTerms(all: readonly string[]): PaperTerms {
    const terms: PaperTerms = { ids: [], counts: [], squares: 0 };
    const at = new Map<string, number>();
    forEachTerm(all, (t) => {
      const i = at.get(t);
      if (i === undefined) {
        at.set(t, terms.ids.length);
        terms.ids.push(ids.get(t) ?? -1);
        terms.counts.push(1);
      } else terms.counts[i] = terms.counts[i]! + 1;
    });
    for (const n of terms.counts) terms.squares += n * n;
    return terms;
  }

  /**
   * The cosine of the paper's counts with every category's profile, with the listed copies of the
   * paper (`copies`) taken out of their categories: only the weights of those copies' terms change
   * (their count, and their idf where a term leaves a category), so the norms are corrected term
   * by term, not rebuilt.
   */
  function similarities(paper: PaperTerms, copies: readonly [number, number][]): number[] {
    const norms = profiles.map((p) => p.norm * p.norm);
    let changed: Map<number, number[]> | null = null;
    if (copies.length) {
      const removed = new Map<number, number[]>();
      for (const [c, k] of copies) {
        const one = exampleTerms[c]![k]!;
        for (let x = 0; x < one.ids.length; x += 1) {
          const id = one.ids[x]!;
          const n = one.counts[x]!;
          let r = removed.get(id);
          if (!r) {
            r = new Array<number>(C).fill(0);
            removed.set(id, r);
          }
          r[c] = r[c]! + n;
        }
      }
      changed = new Map();
      for (const [id, r] of removed) {
        const base = id * C;
        let dfAfter = 0;
        for (let j = 0; j < C; j += 1) if (countAt[base + j]! - r[j]! > 0) dfAfter += 1;
        const weights = weightAt.slice(base, base + C);
        for (let j = 0; j < C; j += 1) {
          const before = weightAt[base + j]!;
          const w = tfIdf(countAt[base + j]! - r[j]!, dfAfter, C);
          if (w === before) continue;
          norms[j] = norms[j]! - before * before + w * w;
          weights[j] = w;
        }
        changed.set(id, weights);
      }
    }
    const dots = new Array<number>(C).fill(0);
    for (let i = 0; i < paper.ids.length; i += 1) {
      const id = paper.ids[i]!;
      if (id === -1) continue;
      const n = paper.counts[i]!;
      const weights = changed?.get(id);
      if (weights) for (let j = 0; j < C; j += 1) dots[j] = dots[j]! + n * weights[j]!;
      else {
        const base = id * C;
        for (let j = 0; j < C; j += 1) dots[j] = dots[j]! + n * weightAt[base + j]!;
      }
    }
    const aNorm = paper.squares;
    return dots.map((dot, j) => {
      const bNorm = Math.sqrt(Math.max(0, norms[j]!));
      return aNorm === 0 || bNorm === 0 ? 0 : dot / Math.sqrt(aNorm) / bNorm;
    });
  }

  /** A maintainer's pin (config `categories.pin`) for the paper: the verdict, without asking. */
  function pinnedVerdict(paper: PaperInput, own: ReadonlySet<string>): Verdict | null {
    for (const key of own) {
      if (!guidelines.pins?.has(key)) continue;
      const id = guidelines.pins.get(key)!;
      const category = id === null ? null : guidelines.categories.find((c) => c.id === id);
      // A pin naming no category of this list is ignored: the classifier decides.
      if (category === undefined) continue;
      return {
        category: category?.id ?? null,
        section: category?.section ?? null,
        confidence: 1,
        rationale: category
          ? `A maintainer placed it under "${category.section}" (categories.pin in the config).`
          : 'A maintainer decided it does not belong in this list (categories.pin in the config).',
        runnerUp: null,
        tags: [],
        tldr: paper.abstract.trim()
          ? contributionSentence(paper.abstract)
          : contributionSentence(paper.tldr || paper.title),
        source: 'offline',
      };
    }
    return null;
  }

  return {
    pinned: (paper, options = {}) =>
      pinnedVerdict(paper, ownKeys(paper, options.exclude, titleKey)),
    classify: (paper, options = {}) => judge(paper, options, null)!,
    placeListed: (paper, listedIn, options = {}) =>
      judge(paper, { ...options, brief: true }, listedIn),
  };

  /** `classify`, or `placeListed` when `listedIn` is a category id (see OfflineClassifier). */
  function judge(
    paper: PaperInput,
    options: { exclude?: string; brief?: boolean },
    listedIn: string | null,
  ): Verdict | null {
    // The paper itself, if the list holds it, is left out: of the nearest listed papers, and of
    // its category's words (else every listed paper would "belong" where it already is).
    const own = ownKeys(paper, options.exclude, titleKey);
    const pinned = pinnedVerdict(paper, own);
    if (pinned) return pinned;
    const copyAt = new Map<number, [number, number]>();
    for (const key of own)
      for (const where of sampledAt.get(key) ?? [])
        copyAt.set(where[0] * PROFILE_EXAMPLES + where[1], where);
    const copies = [...copyAt.values()];

    const described = paperText(paper);
    const rowTags = paper.abstract.trim() ? [] : [...(paper.tags ?? [])];
    const othersUse = tagUseWithout(copies);
    // The text is split into words once: the title's words, then the body's (what `words`
    // gives for "title. body"), for the phrase look-ups and the term counts alike.
    const titleWords = words(described.title);
    const allWords = titleWords.concat(words(described.body));
    // What a paper is about is in its title first: a match there counts half as much again.
    const found: Found = findPhrasesIn(allWords, index, titleWords.length);
    const weight = (p: Phrase, base: number): number => base * (found.title.has(p.key) ? 1.5 : 1);
    const neighbour = bestField(fieldCandidates(found, coveredByList), neighbours, 3);
    const offTopic = neighbour.hits;
    // The list is about language models: a paper that never mentions one (or its tokens,
    // prompts, context or attention) is about something else, whatever words it shares.
    const aboutLanguageModels = TOPIC_KEYS.some((k) => found.text.has(k));
    // Phrases of two categories can overlap ("soft prompt compression" holds the implicit "soft
    // prompt" and the explicit "prompt compression"): as a reader would, take the one that
    // starts first and drop the other.
    const spans = profiles.map((p) => {
      const keywords: Span[] = [];
      const cues: Span<Phrase & { strong: boolean }>[] = [];
      for (const k of p.keywords) {
        const at = found.text.get(k.key);
        if (at !== undefined) keywords.push({ hit: k, at });
      }
      for (const c of p.cues) {
        const at = found.text.get(c.key);
        if (at !== undefined) cues.push({ hit: c, at });
      }
      return { keywords, cues, all: keywords.length ? keywords.concat(cues) : cues };
    });
    const shadowed = (i: number, at: number, key: string): boolean =>
      spans.some(
        (other, j) =>
          j !== i &&
          other.all.some(
            (o) => o.at < at && at < o.at + o.hit.key.length - 1 && !o.hit.key.includes(key),
          ),
      );
    const fieldHits = fieldCandidates(found);
    // Each category's score but for the similarity and the nearest paper: what the paper's own
    // phrases and tags say.
    const evidenceOf = profiles.map((p, i) => {
      const keywordHits = spans[i]!.keywords.filter((x) => !shadowed(i, x.at, x.hit.key)).map(
        (x) => x.hit,
      );
      const cueHits = spans[i]!.cues.filter((x) => !shadowed(i, x.at, x.hit.key)).map((x) => x.hit);
      const keywords = keywordHits.map((k) => k.text);
      const cues = cueHits.map((c) => c.text);
      const cueScore = cueHits
        .map((c) => weight(c, c.strong ? 2.5 : 1.2))
        .sort((a, b) => b - a)
        .slice(0, 5)
        .reduce((a, b) => a + b, 0);
      const keywordScore = keywordHits.reduce((a, k) => a + weight(k, 2), 0);
      const field = bestField(fieldHits, familiesOf[i]!, 4);
      // The list's own tags: one the paper's text names, used by other papers of a category.
      // A row judged without an abstract carries the list's tags: one that other papers of a
      // category use, and no other category does, points there.
      const sharedTags = rowTags.filter(
        (t) => othersUse(t, i) > 0 && profiles.every((_, j) => j === i || othersUse(t, j) === 0),
      ).length;
      const own =
        keywordScore + cueScore + FIELD_WEIGHT * field.score + TAG_WEIGHT * Math.min(2, sharedTags);
      return { profile: p, keywords, cues, fieldHits: field.hits, own };
    });
    if (listedIn !== null) {
      const at = profiles.findIndex((p) => p.category.id === listedIn);
      if (at !== -1) {
        let others = -Infinity;
        evidenceOf.forEach((e, i) => {
          if (i !== at && e.own > others) others = e.own;
        });
        if (evidenceOf[at]!.own > others + SIMILARITY_WEIGHT + NEAREST_WEIGHT + 1e-6) return null;
      }
    }
    const terms_ = paperTerms(allWords);
    const similarity_ = similarities(terms_, copies);
    const nearestOf = nearestPapers(terms_, own);
    const scored = evidenceOf.map((e, i) => {
      const similarity = similarity_[i]!;
      const nearest = nearestOf[i]!;
      // Summed in the order the score always was (left to right), so verdicts do not move.
      const score = e.own + SIMILARITY_WEIGHT * similarity + NEAREST_WEIGHT * (nearest?.score ?? 0);
      return {
        profile: e.profile,
        keywords: e.keywords,
        cues: [...new Set([...e.cues, ...e.fieldHits])],
        similarity,
        nearest,
        score,
      };
    });
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0];
    const second = scored[1];
    const tldr = options.brief
      ? ''
      : paper.abstract.trim()
        ? contributionSentence(paper.abstract)
        : contributionSentence(paper.tldr || paper.title);
    const evidence = best
      ? [...best.keywords, ...best.cues.filter((c) => !best.keywords.includes(c))].slice(0, 3)
      : [];
    // Off-topic cues weigh like strong cues, and more in the title, where a paper says what it is.
    const offScore = NEIGHBOUR_WEIGHT * neighbour.score;
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
    // The placement check (brief) reads no tags.
    if (!options.brief) {
      // A tag only the paper itself uses is not suggested for it.
      const usedByOthers = (tag: string) => profiles.some((_, j) => othersUse(tag, j) > 0);
      const named = new Set<Phrase>();
      for (const w of new Set(allWords))
        for (const t of tagsByFirstWord.get(w) ?? []) if (found.text.has(t.key)) named.add(t);
      for (const t of guidelineTagOrder(named))
        if (tagSet.size < 3 && (!tagUse.has(t.text) || usedByOthers(t.text))) tagSet.add(t.text);
      for (const t of best.nearest?.tags ?? []) if (tagSet.size < 3) tagSet.add(t);
    }
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
  }
}

/**
 * The keys a listed copy of the paper would have: its arXiv id (`arxiv:…`), its normalised title
 * (`title:…`), and the key the caller names.
 */
function ownKeys(
  paper: PaperInput,
  exclude: string | undefined,
  titleKey: (title: string) => string,
): Set<string> {
  const keys = new Set<string>();
  if (exclude) keys.add(exclude);
  if (/^(?:arxiv|title):/.test(paper.id)) keys.add(paper.id);
  const ref = parseArxivRef(paper.id);
  if (ref) keys.add(paperKey(ref, null));
  if (paper.title.trim()) keys.add(titleKey(paper.title));
  return keys;
}

function round(n: number): number {
  return Math.round(Math.max(0, Math.min(1, n)) * 100) / 100;
}
