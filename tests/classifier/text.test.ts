/**
 * The ASCII fast paths of `words` and `normaliseTitle` give what the Unicode path gives: NFKC
 * leaves ASCII as it is and the Unicode classes of letters and digits hold, in ASCII, exactly
 * [A-Za-z0-9]. The reference below is the Unicode path written out on its own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phraseText, termCounts, words } from '../../src/classifier/text.js';
import { normaliseTitle } from '../../src/list/paper-key.js';

function unicodeWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text
    .normalize('NFKC')
    .toLowerCase()
    .matchAll(/[\p{Script=Han}]+|[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if (/\p{Script=Han}/u.test(w)) {
      for (let i = 0; i + 1 < w.length; i += 1) out.push(w.slice(i, i + 2));
      if (w.length === 1) out.push(w);
    } else out.push(w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w);
  }
  return out;
}
const unicodeTitle = (t: string): string =>
  t
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const asciiText = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...'aZ09 .,;:-_/()[]|`*Ss'.split('')),
    fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)),
  ),
  maxLength: 80,
});

describe('ASCII fast paths', () => {
  it('words: the same words as the Unicode path, for any ASCII text', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        expect(words(text)).toEqual(unicodeWords(text));
      }),
    );
  });

  it('normaliseTitle: the same key as the Unicode path, for any ASCII title', () => {
    fc.assert(
      fc.property(asciiText, (t) => {
        expect(normaliseTitle(t)).toBe(unicodeTitle(t));
      }),
    );
  });

  it('text that is not ASCII takes the Unicode path', () => {
    // Full-width letters fold to ASCII under NFKC; Han runs become character pairs.
    expect(words('ＫＶ Cache 压缩方法 tokens')).toEqual([
      'kv',
      'cache',
      '压缩',
      '缩方',
      '方法',
      'token',
    ]);
    expect(normaliseTitle('ＬＬＭＬｉｎｇｕａ: Prompt—Compression')).toBe(
      'llmlingua prompt compression',
    );
    expect(words('Café attentions')).toEqual(unicodeWords('Café attentions'));
  });

  it('phrases and term counts read the words alike', () => {
    expect(phraseText('KV-Cache Tokens, pruned.')).toBe(' kv cache token pruned ');
    expect([...termCounts('the KV cache and the KV cache')]).toEqual([
      ['kv', 2],
      ['kv cache', 2],
      ['cache', 2],
      ['cache kv', 1],
    ]);
  });
});
