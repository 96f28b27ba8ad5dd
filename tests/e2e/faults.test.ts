/**
 * Faults at the App's outside edges, end to end (real Probot server, in-memory GitHub with
 * injected faults, the recorded arXiv feed or a failing one, an LLM stand-in that fails). Each run
 * must end with a report of what failed and what still happened, and nothing half-written: the
 * default branch's READMEs are never touched, and a branch moves only to a complete commit.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { readBlock, SUGGEST_BRANCH } from '../../src/tasks/suggestion-pr.js';
import { fakeArxiv } from '../helpers/fake-arxiv.js';
import { startWorld, stopAll, withRow } from '../helpers/e2e-world.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { apiError } from '../helpers/openai.js';
import { pullRequestPayload } from '../helpers/webhooks.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  try {
    // Every stop runs even if one fails; a fake that saw OpenAPI violations fails the test.
    await stopAll(stops);
  } finally {
    nock.cleanAll();
  }
});
const world = (services = {}) => startWorld((stop) => stops.push(stop), services);

/** The default branch is exactly as it started: nothing half-written. */
function untouched(fake: Awaited<ReturnType<typeof world>>['fake']) {
  expect(fake.state.fileAt('main', 'README.md')).toBe(SEED_EN());
  expect(fake.state.fileAt('main', 'README_CN.md')).toBe(SEED_CN());
}

async function openPaperPr(w: Awaited<ReturnType<typeof world>>) {
  w.fake.commitFiles(
    'add-paper',
    { 'README.md': withRow(SEED_EN(), '2509.04890', 'Funnel Budgets for KV Caches') },
    'Add a paper',
    'contributor',
  );
  return w.fake.openPullRequest({ head: 'add-paper', title: 'Add a paper', user: 'contributor' });
}

describe('GitHub faults', () => {
  it.each([500, 502])(
    'a %i while reading the PR ends in a failed check run and a comment saying what failed',
    async (status) => {
      const w = await world();
      const pr = await openPaperPr(w);
      // Production's Octokit retries a 5xx three times (at once here): a fault that lasts.
      const readme = /\/contents\/README\.md$/;
      w.fake.fault({ method: 'GET', path: readme, status, times: 4 });
      await w.send('pull_request', pullRequestPayload(w.fake, pr.number, 'opened'));
      const reads = w.fake.requests.filter(
        (q) => q.method === 'GET' && readme.test(q.path.split('?')[0]!),
      );
      expect(reads).toHaveLength(4);
      const run = w.fake.state.checkRuns.at(-1)!;
      expect(run).toMatchObject({ name: 'curator', conclusion: 'failure' });
      expect(run.output.summary).toContain(`${status}`);
      expect(run.output.summary).toMatch(/did not finish/);
      expect(w.botComments(pr.number)).toHaveLength(1);
      expect(w.botComments(pr.number)[0]!.body).toMatch(/Push again or re-run/);
      untouched(w.fake);
      // The next push, with GitHub healthy again, reports normally in the same comment.
      await w.send('pull_request', pullRequestPayload(w.fake, pr.number, 'synchronize'));
      expect(w.botComments(pr.number)).toHaveLength(1);
      expect(w.botComments(pr.number)[0]!.body).toContain('Funnel Budgets for KV Caches');
    },
  );

  it('a 502 that passes is retried by Octokit (as in production): the check reports normally', async () => {
    const w = await world();
    const pr = await openPaperPr(w);
    const readme = /\/contents\/README\.md$/;
    w.fake.fault({ method: 'GET', path: readme, status: 502, times: 2 });
    await w.send('pull_request', pullRequestPayload(w.fake, pr.number, 'opened'));
    expect(
      w.fake.requests.filter((q) => q.method === 'GET' && readme.test(q.path.split('?')[0]!))
        .length,
    ).toBeGreaterThanOrEqual(3);
    expect(w.fake.state.checkRuns.at(-1)!.output.summary).not.toMatch(/did not finish/);
    expect(w.botComments(pr.number)).toHaveLength(1);
    expect(w.botComments(pr.number)[0]!.body).toContain('Funnel Budgets for KV Caches');
    untouched(w.fake);
  });

  it('a secondary rate limit (403 with retry-after) on a write is reported, and the next run completes', async () => {
    const w = await world();
    const issue = w.fake.openIssue({ title: 'Scan', user: 'maintainer' });
    w.fake.fault({
      method: 'POST',
      path: /\/git\/trees$/,
      status: 403,
      headers: { 'retry-after': '60' },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest',
        status: '403',
      },
    });
    await w.comment(issue.number, '/curator scan');
    const reply = w.botComments(issue.number).at(-1)!.body;
    expect(reply).toMatch(/did not finish: 403: You have exceeded a secondary rate limit/);
    expect(reply).toContain('Nothing was changed');
    expect(w.fake.state.branchSha(SUGGEST_BRANCH)).toBeUndefined();
    expect(w.fake.state.pulls).toEqual([]);
    await w.comment(issue.number, '/curator scan');
    expect(w.fake.state.pulls).toHaveLength(1);
    untouched(w.fake);
  });

  it('a list file deleted mid-run (404) is read as absent: the check still reports', async () => {
    const w = await world();
    const pr = await openPaperPr(w);
    w.fake.fault({ method: 'GET', path: /\/contents\/README_CN\.md$/, status: 404 });
    await w.send('pull_request', pullRequestPayload(w.fake, pr.number, 'opened'));
    const run = w.fake.state.checkRuns.at(-1)!;
    expect(run.output.title).not.toMatch(/could not check/);
    expect(w.botComments(pr.number)[0]!.body).toContain('Funnel Budgets for KV Caches');
  });

  it('a branch created by someone else between read and write (422) is rebuilt, not a crash', async () => {
    const w = await world();
    const issue = w.fake.openIssue({ title: 'Scan', user: 'maintainer' });
    w.fake.fault({
      method: 'POST',
      path: /\/git\/refs$/,
      status: 422,
      body: {
        message: 'Reference already exists',
        documentation_url: 'https://docs.github.com/rest',
        status: '422',
      },
      // A second replica got there first.
      before: () => void w.fake.commitFiles(SUGGEST_BRANCH, { 'other.txt': 'x' }, 'race'),
    });
    await w.comment(issue.number, '/curator scan');
    const prs = w.fake.state.pulls.filter((p) => p.head.ref === SUGGEST_BRANCH);
    expect(prs).toHaveLength(1);
    const block = readBlock(prs[0]!.body ?? '')!;
    expect(w.fake.state.branchSha(SUGGEST_BRANCH)).toBe(block.commit);
    expect(w.fake.state.fileAt(SUGGEST_BRANCH, 'other.txt')).toBeNull();
    untouched(w.fake);
  });

  it('a pull request opened by someone else at the same moment (422) is edited instead: one PR', async () => {
    const w = await world();
    const issue = w.fake.openIssue({ title: 'Scan', user: 'maintainer' });
    w.fake.fault({
      method: 'POST',
      path: /\/pulls$/,
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: 'A pull request already exists for octo:curator/arxiv.',
          },
        ],
        documentation_url: 'https://docs.github.com/rest',
        status: '422',
      },
      before: () =>
        void w.fake.openPullRequest({
          head: SUGGEST_BRANCH,
          title: 'Suggest papers',
          body: '<!-- awesome-curator:suggestions {"v":1,"ids":[],"rejected":[],"base":"x","commit":"y"} -->',
          user: w.fake.botLogin,
        }),
    });
    await w.comment(issue.number, '/curator scan');
    const prs = w.fake.state.pulls.filter((p) => p.head.ref === SUGGEST_BRANCH);
    expect(prs).toHaveLength(1);
    expect(readBlock(prs[0]!.body ?? '')!.ids).toHaveLength(5);
  });
});

describe('arXiv faults', () => {
  it.each([
    [
      '503 with Retry-After, every time',
      () => new Response('busy', { status: 503, headers: { 'retry-after': '1' } }),
    ],
    [
      'an HTML error page instead of Atom',
      () =>
        new Response('<!DOCTYPE html><html><body>Oops</body></html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    ],
    [
      'a truncated feed',
      () =>
        new Response(
          '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2509.04890v1</id><title>Cut',
          { status: 200, headers: { 'content-type': 'application/atom+xml' } },
        ),
    ],
  ])(
    '%s: /curator scan says arXiv failed, opens nothing, writes nothing',
    async (_what, respond) => {
      const w = await world({ fetch: (async () => respond()) as typeof fetch });
      const issue = w.fake.openIssue({ title: 'Scan', user: 'maintainer' });
      await w.comment(issue.number, '/curator scan');
      const reply = w.botComments(issue.number).at(-1)!.body;
      expect(reply).toMatch(/did not finish: .*arXiv/i);
      expect(reply).toContain('Nothing was changed');
      expect(w.fake.requests.filter((q) => q.method !== 'GET' && q.op.startsWith('git/'))).toEqual(
        [],
      );
      expect(w.fake.state.pulls).toEqual([]);
      untouched(w.fake);
    },
  );
});

describe('LLM faults', () => {
  it.each([
    ['a 500 every time', () => [500, apiError('The server had an error', 'server_error')]],
    ['a 429 every time', () => [429, apiError('Rate limit reached', 'requests')]],
  ] as const)(
    '%s: the scan falls back to the offline classifier and the PR says so',
    async (_what, fail) => {
      const arxiv = fakeArxiv();
      const fetch = (async (input: string | URL | Request, init?: RequestInit) =>
        String(input instanceof Request ? input.url : input).startsWith('http://llm.test')
          ? globalThis.fetch(input, init)
          : arxiv.fetch(input)) as typeof globalThis.fetch;
      nock('http://llm.test')
        .persist()
        .post('/v1/chat/completions')
        // `retry-after-ms` (which the OpenAI client honours) keeps its retries from sleeping.
        .reply(() => [...(fail() as unknown as [number, object]), { 'retry-after-ms': '1' }]);
      const w = await world({
        fetch,
        env: { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: 'http://llm.test/v1' },
      });
      const issue = w.fake.openIssue({ title: 'Scan', user: 'maintainer' });
      await w.comment(issue.number, '/curator scan');
      const pr = w.fake.state.pulls.find((p) => p.head.ref === SUGGEST_BRANCH)!;
      expect(pr.body).toMatch(
        /\d+ papers classified offline \(the LLM server (failed|is rate-limiting) \((500|429)\)/,
      );
      expect(readBlock(pr.body ?? '')!.ids).toHaveLength(5);
      untouched(w.fake);
    },
  );
});
