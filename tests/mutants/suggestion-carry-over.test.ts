/**
 * Papers a maintainer removed from the suggestion pull request are never suggested again: not at
 * the next scan (the row is missing from the branch) and not at any later one (the id is carried
 * in the block's `rejected`, since the rebuilt branch no longer shows it was removed).
 */
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArxivClient } from '../../src/arxiv/index.js';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import type { GitHubClient } from '../../src/github/index.js';
import { suggestPapersPr } from '../../src/tasks/suggest-papers-pr.js';
import { readBlock, rejectedIds, SUGGEST_BRANCH } from '../../src/tasks/suggestion-pr.js';
import { fakeArxiv } from '../helpers/fake-arxiv.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const r = { owner: 'octo', repo: 'papers' };
const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

const body = (block: object) =>
  `Papers\n\n<!-- awesome-curator:suggestions ${JSON.stringify({ v: 1, base: 'a', commit: 'b', ...block })} -->\n`;

describe('rejectedIds', () => {
  it('carries the ids an earlier run recorded as rejected, whatever the branch holds now', () => {
    const open = {
      state: 'open' as const,
      body: body({ ids: ['2401.00002'], rejected: ['2401.00001'] }),
    };
    expect(rejectedIds([open], new Set(), new Set(['2401.00002']))).toEqual(['2401.00001']);
    const closed = { state: 'closed' as const, body: body({ ids: [], rejected: ['2401.00003'] }) };
    expect(rejectedIds([closed], new Set(), null)).toEqual(['2401.00003']);
  });

  it('a paper of the open PR missing from its branch is rejected; one still there, or listed, is not', () => {
    const open = {
      state: 'open' as const,
      body: body({ ids: ['2401.00001', '2401.00002', '2401.00004'], rejected: [] }),
    };
    expect(rejectedIds([open], new Set(['2401.00004']), new Set(['2401.00002']))).toEqual([
      '2401.00001',
    ]);
  });
});

describe('the suggestion PR across three scans', () => {
  let fake: FakeGitHub;
  let octokit: GitHubClient;
  beforeEach(async () => {
    fake = await startFakeGitHub({
      ...r,
      files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
      collaborators: { maintainer: 'maintain' },
    });
    octokit = new Octokit({ baseUrl: fake.url, auth: 'ghs_fake', log: quiet });
  });
  afterEach(async () => {
    expect(fake.violations).toEqual([]);
    await fake.close();
  });
  const scan = () =>
    suggestPapersPr(octokit, r, {
      config,
      defaultBranch: 'main',
      arxiv: createArxivClient({
        fetch: fakeArxiv().fetch,
        userAgent: 'test',
        sleep: async () => {},
      }),
      now: new Date('2026-11-28T12:00:00Z'),
    });
  const blockOf = (n: number) =>
    readBlock(fake.state.pulls.find((p) => p.number === n)!.body ?? '')!;

  it('a row the maintainer deleted from the branch stays out at the second and the third scan', async () => {
    const first = await scan();
    const n = first.pull!.number;
    const dropped = blockOf(n).ids[0]!;
    const en = fake.state.fileAt(SUGGEST_BRANCH, 'README.md')!;
    fake.commitFiles(
      SUGGEST_BRANCH,
      {
        'README.md': en
          .split('\n')
          .filter((l) => !l.includes(dropped))
          .join('\n'),
      },
      'Not this one',
      'maintainer',
    );
    // The default branch moves: each scan rebuilds the branch on it, so the third scan's branch
    // has no trace of the deletion; only the block's `rejected` remembers it.
    for (const round of [2, 3]) {
      fake.commitFiles(
        'main',
        { [`notes-${round}.txt`]: `round ${round}\n` },
        'Notes',
        'maintainer',
      );
      await scan();
      const block = blockOf(n);
      expect(block.rejected, `scan ${round}`).toEqual([dropped]);
      expect(block.ids, `scan ${round}`).not.toContain(dropped);
      expect(block.ids.length, `scan ${round}`).toBeGreaterThan(0);
      expect(fake.state.fileAt(SUGGEST_BRANCH, 'README.md'), `scan ${round}`).not.toContain(
        dropped,
      );
      expect(fake.state.fileAt(SUGGEST_BRANCH, 'README_CN.md'), `scan ${round}`).not.toContain(
        dropped,
      );
    }
  });
});
