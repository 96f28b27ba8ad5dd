/**
 * Which deliveries the App acts on, against the in-memory GitHub: only a push to the default
 * branch syncs (a push to a feature branch or to the App's own `curator/*` branches does nothing,
 * not a single request), and a reopened pull request is checked as an opened one is.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_BRANCH } from '../../src/tasks/sync-pr.js';
import { startWorld, stopAll, withRow } from '../helpers/e2e-world.js';
import { SEED_EN } from '../helpers/fixtures.js';
import { pullRequestPayload, pushPayload } from '../helpers/webhooks.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await stopAll(stops);
});
const world = () => startWorld((stop) => stops.push(stop));
const ADDED = () =>
  withRow(SEED_EN(), '2509.04890', 'Funnel Budgets: Layer-Wise KV Cache Allocation');

describe('push deliveries', () => {
  it.each(['feature/new-papers', SYNC_BRANCH, 'curator/arxiv'])(
    'a push to %s that adds a paper to README.md: no request, no pull request',
    async (branch) => {
      const w = await world();
      const before = w.fake.state.branchSha('main')!;
      const after = w.fake.commitFiles(
        branch,
        { 'README.md': ADDED() },
        'Add a paper',
        'maintainer',
      );
      w.fake.requests.length = 0;
      await w.send('push', pushPayload(w.fake, { ref: `refs/heads/${branch}`, before, after }));
      expect(w.fake.requests.map((q) => q.op)).toEqual([]);
      expect(w.fake.state.pulls).toEqual([]);
      // The pushed branch is as it was pushed: the App wrote nothing to it.
      expect(w.fake.state.branchSha(branch)).toBe(after);
    },
  );

  it('the same push to the default branch opens the sync pull request (the control)', async () => {
    const w = await world();
    const before = w.fake.state.branchSha('main')!;
    const after = w.fake.commitFiles('main', { 'README.md': ADDED() }, 'Add a paper', 'maintainer');
    await w.send('push', pushPayload(w.fake, { ref: 'refs/heads/main', before, after }));
    const sync = w.fake.state.pulls.filter((p) => p.head.ref === SYNC_BRANCH);
    expect(sync).toHaveLength(1);
    expect(w.fake.state.fileAt(SYNC_BRANCH, 'README_CN.md')).toContain('2509.04890');
  });
});

describe('pull_request deliveries', () => {
  it.each(['opened', 'reopened'])(
    'a %s pull request gets the curator check run and the comment',
    async (action) => {
      const w = await world();
      w.fake.commitFiles('add', { 'README.md': ADDED() }, 'Add a paper', 'contributor');
      const pr = w.fake.openPullRequest({ head: 'add', title: 'Add a paper', user: 'contributor' });
      await w.send('pull_request', pullRequestPayload(w.fake, pr.number, action));
      const runs = w.fake.state.checkRuns.filter((c) => c.head_sha === pr.head.sha);
      expect(runs.map((c) => c.name)).toEqual(['curator']);
      expect(runs[0]!.output.title).toMatch(/^1 paper added|error|warning/);
      const [comment] = w.botComments(pr.number);
      expect(comment?.body).toContain('Funnel Budgets');
    },
  );
});
