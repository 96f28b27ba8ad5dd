import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { readHiddenBlock, renderHiddenBlock } from '../../src/tasks/hidden-block.js';
import {
  blockVerdicts,
  MAX_BODY,
  readBlock,
  rejectedVenues,
  renderSuggestionBody,
  suggestionTitle,
  withVerdicts,
} from '../../src/tasks/suggestion-pr.js';
import type { Verdict } from '../../src/classifier/verdict.js';

const body = (block: object) =>
  `Some text\n\n<!-- awesome-curator:suggestions ${JSON.stringify(block)} -->\n`;
const base = { v: 1 as const, ids: ['2401.00001'], rejected: [], base: 'a', commit: 'b' };

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

describe("verdicts in the hidden block (the next scan's cache)", () => {
  const onTopic = (i: number): Verdict => ({
    category: 'kv-cache',
    section: '⚡ Inference-Time KV Compression (Memory/Cache Level)',
    confidence: 0.9,
    rationale:
      `Evicts KV pairs during decoding, as the KV cache guideline says <${i}> & more.`.repeat(4),
    runnerUp: null,
    tags: ['Eviction'],
    tldr: 'Keeps only the key-value pairs each attention head needs during generation.',
    tldrTranslated: '只保留每个注意力头在生成时需要的键值对。',
    source: 'llm',
  });
  const key = (i: number) =>
    `2509.${String(i).padStart(5, '0')}v1|0123456789ab|0123456789abcdef|gpt-4o-mini`;
  const window = { since: new Date('2025-09-01'), until: new Date('2025-09-20') };
  const render = (verdicts: Record<string, Verdict>) =>
    renderSuggestionBody({ suggested: [], venueUpdates: [] }, { ...base, verdicts }, window);

  it('are read back as written, and a damaged one costs only itself (not the rejections)', () => {
    const written = render({ [key(1)]: onTopic(1), [key(2)]: onTopic(2) });
    expect(blockVerdicts([{ body: written }])).toEqual({
      [key(1)]: onTopic(1),
      [key(2)]: onTopic(2),
    });
    const damaged = body({
      ...base,
      rejected: ['2401.00009'],
      verdicts: { [key(1)]: onTopic(1), [key(2)]: { confidence: 'high' } },
    });
    expect(readBlock(damaged)!.rejected).toEqual(['2401.00009']);
    expect(blockVerdicts([{ body: damaged }])).toEqual({ [key(1)]: onTopic(1) });
    expect(blockVerdicts([{ body: 'no block here' }])).toEqual({});
  });

  it('an off-topic verdict keeps its category and confidence only', () => {
    const off: Verdict = { ...onTopic(3), category: null, section: null, runnerUp: 'x' };
    expect(blockVerdicts([{ body: render({ [key(3)]: off }) }])).toEqual({
      [key(3)]: {
        category: null,
        section: null,
        confidence: 0.9,
        rationale: '',
        runnerUp: null,
        tags: [],
        tldr: '',
        source: 'llm',
      },
    });
  });

  it("stay under GitHub's body limit, the oldest papers dropped first", () => {
    const many = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [key(i), onTopic(i)]));
    const text = render(many);
    expect(text.length).toBeLessThanOrEqual(MAX_BODY);
    expect(text.length).toBeGreaterThan(MAX_BODY - 3_000);
    const kept = Object.keys(readBlock(text)!.verdicts!);
    expect(kept.length).toBeGreaterThan(50);
    expect(kept.length).toBeLessThan(400);
    // The newest ids are kept, newest first; the oldest went.
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => key(399 - i)));
    expect(readBlock(text)).toMatchObject({ ids: base.ids, base: 'a', commit: 'b' });
  });

  it('withVerdicts replaces only the verdicts of a body, keeping its text and ids', () => {
    const before = `Intro line\n\n${render({ [key(1)]: onTopic(1) }).trimEnd()}\n\nA maintainer's note.\n`;
    const after = withVerdicts(before, { [key(2)]: onTopic(2) })!;
    expect(after.replace(/<!-- awesome-curator:suggestions .* -->/, 'BLOCK')).toBe(
      before.replace(/<!-- awesome-curator:suggestions .* -->/, 'BLOCK'),
    );
    expect(readBlock(after)).toEqual({ ...readBlock(before), verdicts: { [key(2)]: onTopic(2) } });
    expect(withVerdicts('no block', {})).toBeNull();
  });
});
