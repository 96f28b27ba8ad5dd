import { describe, expect, it } from 'vitest';
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
