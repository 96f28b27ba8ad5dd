import { describe, expect, it } from 'vitest';
import { CuratorError } from '../../src/errors.js';
import { buildSearchQuery } from '../../src/arxiv/build-query.js';
import { parseRetryAfter } from '../../src/arxiv/retry-after.js';
import { splitArxivId } from '../../src/arxiv/split-id.js';

const NOW = Date.UTC(2024, 2, 25, 12, 30);

describe('buildSearchQuery', () => {
  it('searches one plain word in all fields, unquoted', () => {
    expect(buildSearchQuery({ terms: ['electron'] }, NOW)).toBe('all:electron');
  });

  it('ORs terms, quoting phrases and anything that is not a plain word', () => {
    expect(buildSearchQuery({ terms: ['LLM', 'in-context  learning', 'GPT-4'] }, NOW)).toBe(
      '(all:LLM OR all:"in-context learning" OR all:"GPT-4")',
    );
  });

  it('drops double quotes inside a term and empty terms', () => {
    expect(buildSearchQuery({ terms: ['say "hello"', '  ', '""'] }, NOW)).toBe('all:"say hello"');
  });

  it('ANDs a category group, a date window and ANDNOTs each excluded term, in that order', () => {
    expect(
      buildSearchQuery(
        {
          terms: ['retrieval augmented generation', 'RAG'],
          categories: ['cs.CL', 'cs.IR', 'cs.CL'],
          excludeTerms: ['survey', 'medical imaging'],
          submittedFrom: new Date(Date.UTC(2024, 0, 1, 0, 0)),
          submittedTo: new Date(Date.UTC(2024, 0, 31, 23, 59)),
        },
        NOW,
      ),
    ).toBe(
      '(all:"retrieval augmented generation" OR all:RAG) AND (cat:cs.CL OR cat:cs.IR)' +
        ' AND submittedDate:[202401010000 TO 202401312359] ANDNOT all:survey ANDNOT all:"medical imaging"',
    );
  });

  it('searches by category alone, with a single category unbracketed', () => {
    expect(buildSearchQuery({ terms: [], categories: ['hep-th'] }, NOW)).toBe('cat:hep-th');
  });

  it('writes dates in GMT whatever offset they were made with', () => {
    const from = new Date('2024-03-01T01:30:00+02:00'); // 2024-02-29 23:30 GMT
    expect(buildSearchQuery({ terms: ['x'], submittedFrom: from }, NOW)).toBe(
      'all:x AND submittedDate:[202402292330 TO 202403251230]',
    );
  });

  it('opens a window with only an end at the start of arXiv', () => {
    const to = new Date(Date.UTC(2001, 11, 31, 23, 59));
    expect(buildSearchQuery({ terms: ['x'], submittedTo: to }, NOW)).toBe(
      'all:x AND submittedDate:[199108010000 TO 200112312359]',
    );
  });

  it.each([
    [{ terms: [] }, /no terms and no categories/],
    [{ terms: ['  '], categories: [] }, /no terms and no categories/],
    [
      { terms: ['x'], categories: ['cs.CL', 'cs CL', 'cat:cs.LG'] },
      /Not arXiv categories: cs CL, cat:cs.LG/,
    ],
    [{ terms: ['x'], submittedFrom: new Date('nope') }, /start date .* not a valid date/],
    [
      {
        terms: ['x'],
        submittedFrom: new Date(Date.UTC(2024, 1, 1)),
        submittedTo: new Date(Date.UTC(2024, 0, 1)),
      },
      /ends \(202401010000\) before it starts \(202402010000\)/,
    ],
  ])('refuses %j', (q, message) => {
    expect(() => buildSearchQuery(q, NOW)).toThrow(CuratorError);
    expect(() => buildSearchQuery(q, NOW)).toThrow(message);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('7', NOW)).toBe(7000);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter(new Date(NOW + 20_000).toUTCString(), NOW)).toBe(20_000);
    expect(parseRetryAfter(new Date(NOW - 20_000).toUTCString(), NOW)).toBe(0);
  });

  it('gives null for absent or unreadable headers', () => {
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter('', NOW)).toBeNull();
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter('-5', NOW)).toBeNull();
  });
});

describe('splitArxivId', () => {
  it.each([
    ['2403.12968', { id: '2403.12968', version: null }],
    ['2403.12968v2', { id: '2403.12968', version: 2 }],
    ['0710.5765v1', { id: '0710.5765', version: 1 }],
    ['hep-th/9901001', { id: 'hep-th/9901001', version: null }],
    ['math.GT/0309136v12', { id: 'math.GT/0309136', version: 12 }],
    ['2403.12968v', null],
    ['arXiv:2403.12968', null],
    ['24031.2968', null],
    ['hep-th/990100', null],
  ])('%s', (text, expected) => {
    expect(splitArxivId(text)).toEqual(expected);
  });
});
