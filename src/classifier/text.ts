/** Tokens for the offline classifier: lower case words, plurals folded, CJK as character pairs. */
export function words(text: string): string[] {
  const out: string[] = [];
  // ASCII is its own NFKC form and holds no Han: its words are the runs of [a-z0-9] once
  // lower-cased, the same words the Unicode pattern finds, without the Unicode passes.
  if (ASCII.test(text)) {
    // The runs of [a-z0-9], read character by character (a regex iterator costs more per word).
    const lower = text.toLowerCase();
    let start = -1;
    for (let i = 0; i <= lower.length; i += 1) {
      const c = i < lower.length ? lower.charCodeAt(i) : 0;
      const inWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (inWord) {
        if (start === -1) start = i;
      } else if (start !== -1) {
        out.push(fold(lower.slice(start, i)));
        start = -1;
      }
    }
    return out;
  }
  for (const m of text
    .normalize('NFKC')
    .toLowerCase()
    .matchAll(/[\p{Script=Han}]+|[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (/\p{Script=Han}/u.test(w)) {
      for (let i = 0; i + 1 < w.length; i += 1) out.push(w.slice(i, i + 2));
      if (w.length === 1) out.push(w);
    } else {
      out.push(fold(w));
    }
  }
  return out;
}
// Every character below U+0080 (control characters included: they are neither letters nor digits).
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
/** Plurals folded: "tokens" is "token" (not "class", and not a word of three letters or fewer). */
const fold = (w: string): string =>
  w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;

/** The text as one normalised string of words, for phrase look-ups (` kv cache `). */
export function phraseText(text: string): string {
  return ` ${words(text).join(' ')} `;
}

/** A phrase in the form `phraseText` gives, to look up with `has` (compute once, use often). */
export function phraseKey(phrase: string): string {
  const known = keyCache.get(phrase);
  if (known !== undefined) return known;
  const ws = words(phrase);
  const key = ws.length ? ` ${ws.join(' ')} ` : '';
  // The same phrases (the lexicon's cues, a list's keywords and tags) are keyed again for every
  // classifier built; a bounded cache keeps that from costing a tokenisation each time.
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
  keyCache.set(phrase, key);
  return key;
}
const KEY_CACHE_SIZE = 20_000;
const keyCache = new Map<string, string>();

export function has(normalised: string, key: string): boolean {
  return key !== '' && normalised.includes(key);
}

export function hasPhrase(normalised: string, phrase: string): boolean {
  return has(normalised, phraseKey(phrase));
}

const STOP = new Set(
  'a an and are as at be by for from has have in into is it its of on or that the their this to was were which with we our via using based method methods paper model models large language llm llms approach propose proposed new can more than while also these each such use used'.split(
    ' ',
  ),
);

/** Term frequencies of content words and word pairs. */
export function termCounts(text: string): Map<string, number> {
  return termCountsOf(words(text));
}

/** `termCounts` of a text already split by `words`. */
export function termCountsOf(all: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  forEachTerm(all, (t) => counts.set(t, (counts.get(t) ?? 0) + 1));
  return counts;
}

/**
 * Each term of a text split by `words`, in order, as often as it occurs: every content word, and
 * every pair of neighbouring content words (what `termCountsOf` counts).
 */
export function forEachTerm(all: readonly string[], visit: (term: string) => void): void {
  let previous: string | null = null;
  for (const w of all) {
    if (STOP.has(w)) continue;
    if (previous !== null) visit(`${previous} ${w}`);
    visit(w);
    previous = w;
  }
}
