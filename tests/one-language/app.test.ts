/**
 * The App on a repository with one language (the English-only fixture, no config) and on one
 * whose translation is README_zh.md: the real Probot server against the in-memory GitHub. The App
 * never asks for a file that is not there, and finds the translation under its usual name.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SUGGEST_BRANCH } from '../../src/tasks/suggestion-pr.js';
import { SYNC_BRANCH } from '../../src/tasks/sync-pr.js';
import { startWorld, stopAll } from '../helpers/e2e-world.js';
import { fixture, SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { pullRequestPayload, pushPayload } from '../helpers/webhooks.js';

const EN = () => fixture('lists/english-only/README.md');
const NEW_ROW =
  '| [Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `Eviction` | - | Gives lower layers a larger share of the KV cache budget than upper ones during decoding. |';
const withNewRow = (text: string) => text.replace(/^(\| \[Quest: )/m, `${NEW_ROW}\n$1`);

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await stopAll(stops);
});
const world = (files: Record<string, string>) =>
  startWorld((stop) => stops.push(stop), {}, undefined, { files });

type World = Awaited<ReturnType<typeof world>>;
/** Requests for any usual name of a translation. */
const translationRequests = (w: World) =>
  w.fake.requests.filter((q) => /README[-_.](CN|zh|ZH)/.test(decodeURIComponent(q.path)));
const ONCE = ['apps/get-authenticated', 'apps/create-installation-access-token'];
const ops = (w: World) => w.fake.requests.map((q) => q.op).filter((op) => !ONCE.includes(op));

describe('the App on an English-only repository (README.md, no README_CN.md, no config)', () => {
  it('checks a pull request in 8 requests with the config look-ups, and never asks for README_CN.md', async () => {
    const w = await world({ 'README.md': EN() });
    w.fake.commitFiles('add', { 'README.md': withNewRow(EN()) }, 'Add a paper', 'contributor');
    const pr = w.fake.openPullRequest({ head: 'add', title: 'Add a paper', user: 'contributor' });
    w.fake.requests.length = 0;
    await w.send('pull_request', pullRequestPayload(w.fake, pr.number, 'opened'));

    const run = w.fake.state.checkRuns.filter((c) => c.head_sha === pr.head.sha).at(-1)!;
    expect(run.conclusion).toBe('success');
    expect(run.output.title).toBe('1 paper added, 0 changed, 0 removed: no problems');
    const [comment] = w.botComments(pr.number);
    expect(comment!.body).toContain('Funnel Budgets');
    expect(comment!.body).not.toContain('README_CN.md');
    expect(ops(w)).toEqual([
      'repos/get-content', // .github/curator.yml: none in the repository
      'repos/get-content', // …nor in the organisation's .github repository
      'pulls/list-files',
      'git/get-tree', // the head's root: no usual name of a translation
      'repos/get-content', // README.md at the head (its base comes from the patch)
      'checks/create',
      'issues/list-comments',
      'issues/create-comment',
    ]);
    expect(translationRequests(w)).toEqual([]);
  });

  it('a push to README.md reads no list file and opens nothing: one listing says there is no translation', async () => {
    const w = await world({ 'README.md': EN() });
    const before = w.fake.state.branchSha('main')!;
    const after = w.fake.commitFiles(
      'main',
      { 'README.md': withNewRow(EN()) },
      'Add',
      'maintainer',
    );
    w.fake.requests.length = 0;
    await w.send('push', pushPayload(w.fake, { ref: 'refs/heads/main', before, after }));
    expect(ops(w)).toEqual(['repos/get-content', 'repos/get-content', 'git/get-tree']);
    expect(w.fake.state.pulls).toEqual([]);
    expect(translationRequests(w)).toEqual([]);
  });

  it('/curator scan proposes one row per paper, for README.md alone', async () => {
    const w = await world({ 'README.md': EN(), '.github/curator.yml': 'arxiv:\n  maxPapers: 3\n' });
    const issue = w.fake.openIssue({ title: 'New papers?', user: 'maintainer' });
    await w.comment(issue.number, '/curator scan');
    const [pull] = w.fake.state.pulls.filter((p) => p.head.ref === SUGGEST_BRANCH);
    expect(pull).toBeDefined();
    expect(w.fake.state.fileAt(SUGGEST_BRANCH, 'README_CN.md')).toBeNull();
    expect(w.fake.state.fileAt(SUGGEST_BRANCH, 'README.md')).not.toBe(EN());
    expect(pull!.body).not.toContain('TL;DR still in English');
    expect(translationRequests(w)).toEqual([]);
  });
});

describe('the App on a repository whose translation is README_zh.md', () => {
  const files = () => ({
    'README.md': SEED_EN(),
    'README_zh.md': SEED_CN(),
    '.github/curator.yml': 'arxiv:\n  maxPapers: 5\n',
  });

  it('a push that adds a paper to README.md opens the sync PR that adds it to README_zh.md', async () => {
    const w = await world(files());
    const before = w.fake.state.branchSha('main')!;
    const after = w.fake.commitFiles(
      'main',
      { 'README.md': withNewRow(SEED_EN()) },
      'Add',
      'maintainer',
    );
    await w.send('push', pushPayload(w.fake, { ref: 'refs/heads/main', before, after }));
    const sync = w.fake.state.pulls.filter((p) => p.head.ref === SYNC_BRANCH);
    expect(sync).toHaveLength(1);
    expect(w.fake.state.fileAt(SYNC_BRANCH, 'README_zh.md')).toContain('2509.04890');
    expect(w.fake.state.fileAt(SYNC_BRANCH, 'README_CN.md')).toBeNull();
    expect(sync[0]!.body).toContain('`README_zh.md`');
    expect(translationRequests(w).filter((q) => /README_CN/.test(q.path))).toEqual([]);
  });

  it('a pull request that adds a paper to README.md only is told the row README_zh.md needs', async () => {
    const w = await world(files());
    w.fake.commitFiles('add', { 'README.md': withNewRow(SEED_EN()) }, 'Add', 'contributor');
    const pr = w.fake.openPullRequest({ head: 'add', title: 'Add', user: 'contributor' });
    w.fake.requests.length = 0;
    await w.send('pull_request', pullRequestPayload(w.fake, pr.number, 'opened'));
    const [comment] = w.botComments(pr.number);
    expect(comment!.body).toContain('README_zh.md');
    expect(ops(w).length).toBeLessThanOrEqual(8);
    expect(translationRequests(w).map((q) => decodeURIComponent(q.path))).toEqual([
      expect.stringContaining('/contents/README_zh.md?ref='),
    ]);
  });
});
