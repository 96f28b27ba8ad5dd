/**
 * Phrase look-up for the offline classifier: the phrases it looks for (keywords, cues, tags, the
 * field vocabulary) as a set of keys in `phraseKey` form, found in a paper's words in one pass.
 */

/**
 * The phrases a classifier looks for, as a set of keys (`phraseKey` form), and the longest in
 * words. A text is then read once, word by word, trying each run of up to `maxWords` words: the
 * cost of a verdict grows with the paper's length, not with the size of the vocabulary.
 */
export interface PhraseIndex {
  keys: Set<string>;
  /** Every run of leading words of a key (` kv `, ` kv cache `): a text's run that is none ends the look-up. */
  prefixes: Set<string>;
  /** The first word of every key (`kv`): a word that is none starts no phrase, and costs no key. */
  firstWords: Set<string>;
  maxWords: number;
}

export function phraseIndex(keys: Iterable<string>, base?: PhraseIndex): PhraseIndex {
  const index: PhraseIndex = {
    keys: new Set(base?.keys),
    prefixes: new Set(base?.prefixes),
    firstWords: new Set(base?.firstWords),
    maxWords: base?.maxWords ?? 1,
  };
  for (const key of keys) {
    if (!key) continue;
    index.keys.add(key);
    const ws = key.trim().split(' ');
    index.maxWords = Math.max(index.maxWords, ws.length);
    index.firstWords.add(ws[0]!);
    let prefix = ' ';
    for (const w of ws) {
      prefix += `${w} `;
      index.prefixes.add(prefix);
    }
  }
  return index;
}

/** The indexed phrases a text (in `phraseText` form) holds, each with its first offset in it. */
export function findPhrases(text: string, index: PhraseIndex): Map<string, number> {
  const inner = text.trim();
  return inner ? findPhrasesIn(inner.split(' '), index, 0).text : new Map();
}

/**
 * `findPhrases` of the text the words `ws` make (joined by spaces), read from the words: each
 * phrase with its first offset in that text, and the phrases that lie wholly within the first
 * `titleWords` words (what `findPhrases` of those words alone would find).
 */
export function findPhrasesIn(
  ws: readonly string[],
  index: PhraseIndex,
  titleWords: number,
): { text: Map<string, number>; title: Set<string> } {
  const found = new Map<string, number>();
  const title = new Set<string>();
  let offset = 0;
  for (let i = 0; i < ws.length; i += 1) {
    const first = ws[i]!;
    if (index.firstWords.has(first)) {
      let key = ' ';
      for (let n = 0; n < index.maxWords && i + n < ws.length; n += 1) {
        key += `${ws[i + n]} `;
        if (!index.prefixes.has(key)) break;
        if (index.keys.has(key)) {
          if (!found.has(key)) found.set(key, offset);
          if (i + n < titleWords) title.add(key);
        }
      }
    }
    offset += first.length + 1;
  }
  return { text: found, title };
}
