/**
 * End to end: the real Probot server on 127.0.0.1 runs the curator App; signed webhook deliveries
 * go in over HTTP; the App talks to an in-memory GitHub on another local port (every request
 * checked against GitHub's OpenAPI description) and to the recorded arXiv feed. The assertions
 * are on the repository's final state.
 */
import { Probot } from 'probot';
import { afterEach, describe, expect, it } from 'vitest';
import { isDue, runScheduledScans } from '../../src/bot/schedule.js';
import { readBlock, SUGGEST_BRANCH } from '../../src/tasks/suggestion-pr.js';
import { SYNC_BRANCH } from '../../src/tasks/sync-pr.js';
import { TestOctokit, testServices } from '../helpers/bot.js';
import { fakeArxiv, SCAN_EXPECTED } from '../helpers/fake-arxiv.js';
import { SEED_EN } from '../helpers/fixtures.js';
import { startWorld, stopAll, withRow } from '../helpers/e2e-world.js';
import {
  issuesPayload,
  pullRequestPayload,
  pushPayload,
  testPrivateKey,
} from '../helpers/webhooks.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  // Every stop runs even if one fails; a fake that saw OpenAPI violations fails the test.
  await stopAll(stops);
});
const world = () => startWorld((stop) => stops.push(stop));

describe('the App end to end', () => {
  it('the same PR delivery twice gives one comment; a PR that adds one paper costs 8 GitHub requests on a running server', async () => {
    const { fake, send, botComments } = await world();
    fake.commitFiles(
      'add-paper',
      { 'README.md': withRow(SEED_EN(), '2509.04890', 'Funnel Budgets for KV Caches') },
      'Add a paper',
      'contributor',
    );
    const pr = fake.openPullRequest({
      head: 'add-paper',
      title: 'Add a paper',
      user: 'contributor',
    });
    const payload = pullRequestPayload(fake, pr.number, 'opened');
    await send('pull_request', payload, 'same-delivery');
    await send('pull_request', payload, 'same-delivery');

    expect(botComments(pr.number)).toHaveLength(1);
    expect(botComments(pr.number)[0]!.body).toContain('Funnel Budgets for KV Caches');
    const runs = fake.state.checkRuns.filter((c) => c.head_sha === pr.head.sha);
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((c) => c.name === 'curator' && c.status === 'completed')).toBe(true);

    // A second pull request on the running server: the installation token is cached.
    fake.commitFiles(
      'add-another',
      { 'README.md': withRow(SEED_EN(), '2509.05218', 'Another KV Cache Paper') },
      'Add another paper',
      'contributor',
    );
    const second = fake.openPullRequest({
      head: 'add-another',
      title: 'Add another paper',
      user: 'contributor',
    });
    fake.requests.length = 0;
    await send('pull_request', pullRequestPayload(fake, second.number, 'opened'));
    expect(fake.requests.map((q) => q.op)).toEqual([
      'repos/get-content', // .github/curator.yml
      'pulls/list-files',
      // The config does not name the translation and the PR touches README.md only: the head's
      // root folder, listed once, says README_CN.md is there.
      'git/get-tree',
      'repos/get-content', // README.md at the head (its base comes from the patch)
      'repos/get-content', // README_CN.md, unchanged
      'checks/create',
      'issues/list-comments',
      'issues/create-comment',
    ]);
    expect(fake.violations).toEqual([]);
  });

  it('/curator scan twice gives one PR; the papers of a closed suggestion PR are not suggested again', async () => {
    const { fake, comment, botComments } = await world();
    const issue = fake.openIssue({ title: 'New papers?', user: 'maintainer' });
    await comment(issue.number, '/curator scan');
    const first = fake.state.pulls.filter((p) => p.head.ref === SUGGEST_BRANCH);
    expect(first).toHaveLength(1);
    const sha = fake.state.branchSha(SUGGEST_BRANCH);
    const suggested = readBlock(first[0]!.body ?? '')!.ids;
    expect(suggested).toHaveLength(5);

    await comment(issue.number, '/curator scan');
    expect(fake.state.pulls.filter((p) => p.head.ref === SUGGEST_BRANCH)).toHaveLength(1);
    expect(fake.state.branchSha(SUGGEST_BRANCH)).toBe(sha);
    const replies = botComments(issue.number).map((c) => c.body);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain(`Opened #${first[0]!.number}`);
    expect(replies[1]).toContain('nothing changed');

    fake.closePull(first[0]!.number, { merged: false });
    await comment(issue.number, '/curator scan');
    const open = fake.state.pulls.filter(
      (p) => p.head.ref === SUGGEST_BRANCH && p.state === 'open',
    );
    expect(open).toHaveLength(1);
    const next = readBlock(open[0]!.body ?? '')!;
    expect(next.ids.filter((id) => suggested.includes(id))).toEqual([]);
    expect(next.rejected).toEqual([...suggested].sort());
    for (const id of suggested)
      expect(fake.state.fileAt(SUGGEST_BRANCH, 'README.md')).not.toContain(id);
    expect(fake.violations).toEqual([]);
  });

  it('a stranger may not scan (one polite reply), and comments from bots start nothing', async () => {
    const { fake, comment, botComments } = await world();
    const issue = fake.openIssue({ title: 'Scan', user: 'maintainer' });
    await comment(issue.number, '/curator scan', 'contributor');
    await comment(issue.number, '/curator scan', 'contributor');
    expect(botComments(issue.number)).toHaveLength(1);
    expect(botComments(issue.number)[0]!.body).toContain('write access');
    expect(fake.state.pulls).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it('a push that leaves README_CN.md behind opens one sync PR with the missing row; the same push again changes nothing', async () => {
    const { fake, send } = await world();
    const before = fake.state.branchSha('main')!;
    const after = fake.commitFiles(
      'main',
      { 'README.md': withRow(SEED_EN(), '2509.04890', 'Funnel Budgets for KV Caches') },
      'Add a paper to the English list',
      'maintainer',
    );
    const payload = pushPayload(fake, { ref: 'refs/heads/main', before, after });
    await send('push', payload);
    const sync = fake.state.pulls.filter((p) => p.head.ref === SYNC_BRANCH);
    expect(sync).toHaveLength(1);
    expect(fake.state.fileAt(SYNC_BRANCH, 'README_CN.md')).toContain('2509.04890');
    expect(fake.state.gitCommit(SYNC_BRANCH)!.parents).toEqual([after]);
    const sha = fake.state.branchSha(SYNC_BRANCH);

    await send('push', payload);
    expect(fake.state.pulls.filter((p) => p.head.ref === SYNC_BRANCH)).toHaveLength(1);
    expect(fake.state.branchSha(SYNC_BRANCH)).toBe(sha);
    expect(fake.violations).toEqual([]);
  });

  it('an issue with arXiv links gets the verdicts; /curator add opens a PR adding them to both files and closes the issue', async () => {
    const { fake, send, comment, botComments } = await world();
    const id = SCAN_EXPECTED.onTopic['kv-cache']![0]!;
    const issue = fake.openIssue({
      title: 'Suggest a paper',
      body: `Please consider https://arxiv.org/abs/${id}`,
      user: 'contributor',
    });
    await send('issues', issuesPayload(fake, issue.number, 'opened'));
    expect(botComments(issue.number)).toHaveLength(1);
    expect(botComments(issue.number)[0]!.body).toContain(`https://arxiv.org/abs/${id}`);
    expect(botComments(issue.number)[0]!.body).toContain('/curator add');

    await comment(issue.number, '/curator add');
    const pr = fake.state.pulls.find((p) => p.head.ref === `curator/add-${issue.number}`)!;
    expect(pr.state).toBe('open');
    expect(fake.state.fileAt(pr.head.sha, 'README.md')).toContain(id);
    expect(fake.state.fileAt(pr.head.sha, 'README_CN.md')).toContain(id);
    expect(fake.state.issues.find((i) => i.number === issue.number)!.state).toBe('closed');
    expect(botComments(issue.number).at(-1)!.body).toContain(`Opened #${pr.number}`);
    expect(fake.violations).toEqual([]);
  });

  it('the scheduler scans a repository at its hour and opens the suggestion PR', async () => {
    const { fake } = await world();
    const arxiv = fakeArxiv();
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey(),
      baseUrl: fake.url,
      logLevel: 'fatal',
      Octokit: TestOctokit,
    });
    let hour = Date.UTC(2026, 10, 28);
    while (!isDue('octo/papers', 24, new Date(hour))) hour += 3_600_000;
    const notDue = await runScheduledScans(
      probot,
      testServices({ fetch: arxiv.fetch }),
      new Date(hour + 3_600_000),
    );
    expect(notDue).toEqual([]);
    const runs = await runScheduledScans(
      probot,
      testServices({ fetch: arxiv.fetch, now: () => new Date(hour) }),
      new Date(hour),
    );
    expect(runs).toEqual([{ repo: 'octo/papers', result: expect.stringMatching(/Opened #1/) }]);
    expect(fake.state.pulls.filter((p) => p.head.ref === SUGGEST_BRANCH)).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });
});
