import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { readHiddenBlock, renderHiddenBlock } from '../../src/tasks/hidden-block.js';
import { readBlock, rejectedVenues, suggestionTitle } from '../../src/tasks/suggestion-pr.js';

const body = (block: object) =>
  `Some text\n\n<!-- awesome-curator:suggestions ${JSON.stringify(block)} -->\n`;
const base = { v: 1, ids: ['2401.00001'], rejected: [], base: 'a', commit: 'b' };

describe('the hidden block', () => {
  it('reads a block written before venue updates existed (no venues), and one with them', () => {
    expect(readBlock(body(base))).toEqual(base);
    const withVenues = { ...base, venues: [['2401.00001', 'ICLR 2025']], rejectedVenues: [] };
    expect(readBlock(body(withVenues))).toEqual(withVenues);
  });

  it('ignores a block whose venue pairs are not [arXiv id, venue]', () => {
    expect(readBlock(body({ ...base, venues: [['not-an-id', 'ICLR 2025']] }))).toBeNull();
    expect(readBlock(body({ ...base, venues: [['2401.00001']] }))).toBeNull();
    expect(readBlock(body({ ...base, rejectedVenues: 'ICLR' }))).toBeNull();
  });
});

describe('rejectedVenues', () => {
  const pull = (
    state: 'open' | 'closed',
    venues: [string, string][],
    rejected: [string, string][] = [],
  ) => ({
    state,
    body: body({ ...base, venues, rejectedVenues: rejected }),
  });

  it('a closed PR whose venue is not in the list turned it down; one in the list (merged) did not', () => {
    const listed = new Map([
      ['2401.00001', 'ICLR 2025'],
      ['2401.00002', 'arXiv 2024.01'],
    ]);
    expect(
      rejectedVenues(
        [
          pull('closed', [
            ['2401.00001', 'ICLR 2025'],
            ['2401.00002', 'ACL 2024'],
          ]),
        ],
        listed,
        null,
      ),
    ).toEqual([['2401.00002', 'ACL 2024']]);
  });

  it('on the open PR, a venue edited away on the branch is turned down; white space alone is no edit', () => {
    const listed = new Map([
      ['2401.00001', 'arXiv 2024.01'],
      ['2401.00002', 'arXiv 2024.01'],
    ]);
    const onBranch = new Map([
      ['2401.00001', 'ICLR  2025'],
      ['2401.00002', 'arXiv 2024.01'],
    ]);
    expect(
      rejectedVenues(
        [
          pull('open', [
            ['2401.00001', 'ICLR 2025'],
            ['2401.00002', 'ACL 2024'],
          ]),
        ],
        listed,
        onBranch,
      ),
    ).toEqual([['2401.00002', 'ACL 2024']]);
  });

  it('carries earlier rejections forward, once each', () => {
    const earlier: [string, string] = ['2401.00003', 'EMNLP 2024'];
    expect(
      rejectedVenues(
        [pull('closed', [], [earlier]), pull('open', [], [earlier])],
        new Map(),
        new Map(),
      ),
    ).toEqual([earlier]);
  });
});

describe('suggestionTitle', () => {
  it('names papers, venues or both', () => {
    expect(suggestionTitle(1)).toBe('Suggest 1 paper from arXiv');
    expect(suggestionTitle(0, 1)).toBe('Update 1 venue from arXiv');
    expect(suggestionTitle(3, 2)).toBe('Suggest 3 papers and update 2 venues from arXiv');
  });
});

describe('hidden blocks', () => {
  it('a value holding `-->` or `<` cannot end the HTML comment, and reads back as itself', () => {
    const value = { v: 1, note: 'a --> b <!-- c & d' };
    const text = renderHiddenBlock('test', value);
    expect(text.indexOf('-->')).toBe(text.length - 3);
    expect(text).not.toMatch(/<(?!!-- awesome-curator:test )/);
    const Schema = z.object({ v: z.number(), note: z.string() });
    expect(readHiddenBlock(`Body\n\n${text}\n`, 'test', Schema)).toEqual(value);
  });

  it('reads blocks written before escaping, in a body GitHub gives back with CRLF', () => {
    const Schema = z.object({ v: z.literal(1), base: z.string(), commit: z.string() });
    const old = 'Text\r\n\r\n<!-- awesome-curator:sync {"v":1,"base":"a","commit":"b"} -->\r\n';
    expect(readHiddenBlock(old, 'sync', Schema)).toEqual({ v: 1, base: 'a', commit: 'b' });
    expect(readHiddenBlock(old, 'suggestions', Schema)).toBeNull();
    expect(readHiddenBlock(old.replace('"b"}', '"b"'), 'sync', Schema)).toBeNull();
  });
});
