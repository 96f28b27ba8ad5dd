/**
 * The phrase look-up reads a paper's words once; the reference here tries every phrase at every
 * word, the plain way: both must find the same phrases at the same first offsets, and the same
 * phrases within the title's words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPhrases, findPhrasesIn, phraseIndex } from '../../src/classifier/phrases.js';
import { phraseKey } from '../../src/classifier/text.js';

const VOCABULARY = ['kv', 'cache', 'kv', 'prompt', 'compression', 'soft', 'token', 'the', 'a'];
const word = fc.constantFrom(...VOCABULARY);
const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));

/** Each key's first offset in ` ${ws.join(' ')} ` (less the leading space), by trying them all. */
function plainFind(ws: readonly string[], keys: readonly string[]): Map<string, number> {
  const text = ` ${ws.join(' ')} `;
  const found: [string, number][] = [];
  for (const key of new Set(keys)) {
    const at = text.indexOf(key);
    if (key && at !== -1) found.push([key, at]);
  }
  return new Map(found.sort((a, b) => a[1] - b[1] || a[0].length - b[0].length));
}

describe('findPhrasesIn', () => {
  it('finds what trying every phrase finds, in the order and at the offsets it finds them', () => {
    fc.assert(
      fc.property(
        fc.array(phrase, { maxLength: 8 }),
        fc.array(word, { maxLength: 30 }),
        fc.nat(),
        (phrases, ws, cut) => {
          const keys = phrases.map(phraseKey);
          const index = phraseIndex(keys);
          const titleWords = ws.length ? cut % (ws.length + 1) : 0;
          const found = findPhrasesIn(ws, index, titleWords);
          expect([...found.text]).toEqual([...plainFind(ws, keys)]);
          expect([...found.title].sort()).toEqual(
            [...plainFind(ws.slice(0, titleWords), keys).keys()].sort(),
          );
          expect([...findPhrases(` ${ws.join(' ')} `, index)]).toEqual([...found.text]);
        },
      ),
    );
  });

  it('keeps the phrases of the index it extends', () => {
    const base = phraseIndex([phraseKey('kv cache')]);
    const index = phraseIndex([phraseKey('soft prompt')], base);
    expect([...findPhrasesIn(['soft', 'prompt', 'kv', 'cache'], index, 2).text]).toEqual([
      [' soft prompt ', 0],
      [' kv cache ', 12],
    ]);
    expect([...findPhrasesIn(['soft', 'prompt', 'kv', 'cache'], index, 2).title]).toEqual([
      ' soft prompt ',
    ]);
  });
});
