/**
 * The Action's run(), driven as a runner drives it: INPUT_* variables, GITHUB_EVENT_NAME and
 * GITHUB_EVENT_PATH, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files; annotations read from stdout.
 * GitHub is nock (single requests, each checked against the OpenAPI description) or the in-memory
 * fake repository (the scans, many requests); arXiv is the recorded feed.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUMMARY } from '../helpers/action-summary.js';
import { createRequire } from 'node:module';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/action/run.js';
import { SUGGEST_BRANCH } from '../../src/tasks/suggestion-pr.js';
import { atomFeed } from '../helpers/arxiv-feed.js';
import { fakeArxiv } from '../helpers/fake-arxiv.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import {
  fakeComment,
  fakeFileContent,
  fakePullFile,
  fakeTree,
  fakeUser,
} from '../helpers/github-fakes.js';
import { API, githubNock } from '../helpers/github-nock.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as {
  name: string;
  examples: { action?: string; [k: string]: unknown }[];
}[];

const HEAD = '2'.repeat(40);
const BASE = '1'.repeat(40);
const { gh, sent, verify } = githubNock();
let dir: string;
// One summary file for every test file (see the helper), emptied before each test.
let stdout: string[];
let fake: FakeGitHub | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'curator-action-'));
  mkdirSync(join(dir, 'ws', '.github'), { recursive: true });
  writeFileSync(join(dir, 'ws', '.github', 'curator.yml'), 'arxiv:\n  maxPapers: 8\n');
  writeFileSync(join(dir, 'ws', 'README.md'), SEED_EN());
  writeFileSync(join(dir, 'ws', 'README_CN.md'), SEED_CN());
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(SUMMARY, '');
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  // core.setFailed sets the exit code; the test runner's own must not inherit it.
  process.exitCode = undefined;
  if (fake) {
    expect(fake.violations).toEqual([]);
    await fake.close();
    fake = null;
  }
  verify();
});

/** The environment a runner gives the step. */
function runner(eventName: string, event: unknown, inputs: Record<string, string> = {}) {
  writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'octo/papers',
    GITHUB_WORKSPACE: join(dir, 'ws'),
    GITHUB_SHA: HEAD,
    GITHUB_API_URL: fake?.url ?? API, // nock's scope when there is no fake
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: SUMMARY,
    INPUT_TOKEN: 'ghs_test_token_not_real',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
}

/** GITHUB_OUTPUT's `name<<delimiter` blocks, as a map. */
function outputs(): Record<string, string> {
  const text = readFileSync(join(dir, 'output'), 'utf8');
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!;
  return out;
}
const summary = () => readFileSync(SUMMARY, 'utf8');
const annotations = () =>
  stdout
    .join('')
    .split('\n')
    .filter((l) => /^::(error|warning|notice)( |::)/.test(l));

function prEvent(fork = false) {
  const example = structuredClone(
    examples.find((e) => e.name === 'pull_request')!.examples.find((e) => e.action === 'opened')!,
  ) as {
    number: number;
    pull_request: {
      number: number;
      base: { sha: string; repo: { full_name: string } };
      head: { sha: string; repo: { full_name: string } };
    };
    repository: { full_name: string; default_branch: string };
  };
  example.number = 7;
  example.pull_request.number = 7;
  example.pull_request.base.sha = BASE;
  example.pull_request.head.sha = HEAD;
  example.pull_request.base.repo.full_name = 'octo/papers';
  example.pull_request.head.repo.full_name = fork ? 'someone/papers' : 'octo/papers';
  example.repository.full_name = 'octo/papers';
  example.repository.default_branch = 'main';
  return example;
}

const added =
  '| [Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding](https://arxiv.org/pdf/2509.04890) | arXiv 2025.09 | `Eviction` | - | Gives lower layers a larger share of the KV cache budget than upper ones during decoding. |';
function headEn(): string {
  const lines = SEED_EN().split('\n');
  lines.splice(
    lines.findIndex((l) => l.includes('2403.12968')),
    0,
    added,
  );
  return lines.join('\n');
}
/**
 * The head's root folder, listed once: the config does not name the translation and the pull
 * request touches README.md only, so this says README_CN.md is the translation.
 */
function rootFolder(paths = ['README.md', 'README_CN.md']) {
  gh('GET', `/repos/octo/papers/git/trees/${HEAD}`, 200, fakeTree('octo/papers', HEAD, paths));
}
function prFiles() {
  gh('GET', '/repos/octo/papers/pulls/7/files?per_page=100', 200, [
    { ...fakePullFile('octo/papers', 'README.md'), patch: '@@ -1 +1 @@' },
  ]);
  rootFolder();
  for (const [path, ref, text] of [
    ['README.md', HEAD, headEn()],
    ['README.md', BASE, SEED_EN()],
    ['README_CN.md', HEAD, SEED_CN()],
  ] as const)
    gh(
      'GET',
      `/repos/octo/papers/contents/${path}?ref=${ref}`,
      200,
      fakeFileContent('octo/papers', path, text, ref),
    );
}

describe('the Action', () => {
  it('checks a pull request: annotations on the lines, the job summary, the sticky comment, outputs, and a failed step', async () => {
    runner('pull_request', prEvent());
    prFiles();
    gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, []);
    gh(
      'POST',
      '/repos/octo/papers/issues/7/comments',
      201,
      fakeComment('octo/papers', 7, 11, 'x', fakeUser('github-actions[bot]', 41898282, 'Bot')),
    );

    const result = await run({ env: process.env, fetch: globalThis.fetch, now: () => new Date() });

    const line =
      SEED_EN()
        .split('\n')
        .findIndex((l) => l.includes('2403.12968')) + 1;
    expect(result.command).toBe('check');
    expect(annotations()).toContainEqual(
      expect.stringMatching(
        new RegExp(`^::error title=arxiv-link,file=README\\.md,line=${line},col=\\d+::`),
      ),
    );
    expect(summary()).toContain('Funnel Budgets');
    expect(summary()).toContain('README_CN.md');
    const comment = sent.find((s) => s.op === 'issues/create-comment')!.body as { body: string };
    expect(comment.body.startsWith('<!-- awesome-curator:check -->')).toBe(true);
    expect(Number(outputs()['errors'])).toBeGreaterThan(0);
    expect(outputs()['pull-request-url']).toBe('');
    expect(result.failed).toMatch(/errors? and \d+ warnings? \(fail-on: error\)/);
    expect(process.exitCode).toBe(1);
  });

  it('on a fork: no comment (the token is read-only), says why once, annotations and summary still there', async () => {
    runner('pull_request', prEvent(true), { 'fail-on': 'never' });
    prFiles();
    const result = await run({ env: process.env, fetch: globalThis.fetch, now: () => new Date() });
    expect(sent.filter((s) => s.op.startsWith('issues/'))).toEqual([]);
    const forkNotes = annotations().filter((a) => a.includes('comes from a fork'));
    expect(forkNotes).toHaveLength(1);
    expect(annotations().some((a) => a.startsWith('::error title=arxiv-link'))).toBe(true);
    expect(summary()).toContain('Funnel Budgets');
    expect(result.failed).toBeNull();
  });

  it('a scheduled scan opens the suggestion PR on curator/arxiv and sets the outputs', async () => {
    fake = await startFakeGitHub({
      owner: 'octo',
      repo: 'papers',
      files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
    });
    runner('schedule', { schedule: '0 6 * * *' }, { 'max-papers': '4' });
    const arxiv = fakeArxiv();
    const url = fake.url;
    const fetch = ((input: string | URL | Request, init?: RequestInit) =>
      String(input instanceof Request ? input.url : input).startsWith(url)
        ? globalThis.fetch(input, init)
        : arxiv.fetch(input)) as typeof globalThis.fetch;

    const result = await run({
      env: process.env,
      fetch,
      now: () => new Date(),
      sleep: async () => {},
    });

    expect(result).toMatchObject({
      command: 'scan',
      papersSuggested: 4,
      venuesUpdated: 2,
      failed: null,
    });
    const prs = fake.state.pulls.filter((p) => p.head.ref === SUGGEST_BRANCH);
    expect(prs).toHaveLength(1);
    expect(outputs()).toMatchObject({
      'papers-suggested': '4',
      'venues-updated': '2',
      'pull-request-url': `https://github.com/octo/papers/pull/${prs[0]!.number}`,
    });
    expect(summary()).toContain('| Paper | Section | Confidence | Why |');
  });

  it('a scan with nothing new opens nothing and writes nothing', async () => {
    fake = await startFakeGitHub({
      owner: 'octo',
      repo: 'papers',
      files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
    });
    runner('workflow_dispatch', { inputs: {} });
    const url = fake.url;
    const fetch = ((input: string | URL | Request, init?: RequestInit) =>
      String(input instanceof Request ? input.url : input).startsWith(url)
        ? globalThis.fetch(input, init)
        : Promise.resolve(
            new Response(atomFeed([], 'search_query=empty'), {
              headers: { 'content-type': 'application/atom+xml' },
            }),
          )) as typeof globalThis.fetch;
    const result = await run({
      env: process.env,
      fetch,
      now: () => new Date(),
      sleep: async () => {},
    });
    expect(result).toMatchObject({
      command: 'scan',
      papersSuggested: 0,
      venuesUpdated: 0,
      failed: null,
    });
    expect(fake.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(outputs()['pull-request-url']).toBe('');
    expect(summary()).toContain('Nothing new, so no pull request.');
  });

  it('"Allow GitHub Actions to create pull requests" off: the step fails naming the setting', async () => {
    fake = await startFakeGitHub({
      owner: 'octo',
      repo: 'papers',
      files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
    });
    fake.settings.actionsMayCreatePullRequests = false;
    runner('schedule', { schedule: '0 6 * * *' });
    const arxiv = fakeArxiv();
    const url = fake.url;
    const fetch = ((input: string | URL | Request, init?: RequestInit) =>
      String(input instanceof Request ? input.url : input).startsWith(url)
        ? globalThis.fetch(input, init)
        : arxiv.fetch(input)) as typeof globalThis.fetch;
    const result = await run({
      env: process.env,
      fetch,
      now: () => new Date(),
      sleep: async () => {},
    });
    expect(result.failed).toContain('Allow GitHub Actions to create and approve pull requests');
    expect(stdout.join('')).toContain('::error::GitHub refused to open the pull request');
    expect(process.exitCode).toBe(1);
  });

  it("GitHub's secondary rate limit: the step fails saying when to retry, and nothing is written", async () => {
    fake = await startFakeGitHub({
      owner: 'octo',
      repo: 'papers',
      files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
    });
    fake.fault({
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
    runner('schedule', { schedule: '0 6 * * *' });
    const arxiv = fakeArxiv();
    const url = fake.url;
    const fetch = ((input: string | URL | Request, init?: RequestInit) =>
      String(input instanceof Request ? input.url : input).startsWith(url)
        ? globalThis.fetch(input, init)
        : arxiv.fetch(input)) as typeof globalThis.fetch;
    const result = await run({
      env: process.env,
      fetch,
      now: () => new Date(),
      sleep: async () => {},
    });
    expect(result.failed).toBe(
      "GitHub's rate limit stopped the run (403, retry after 60 s): nothing was half-written (every change is one commit, made last). Run the workflow again later.",
    );
    expect(fake.state.pulls).toEqual([]);
    expect(fake.state.fileAt('main', 'README.md')).toBe(SEED_EN());
  });

  it('never prints the API key or the token: stdout, summary, outputs and every request body are clean', async () => {
    const key = 'sk-action-secret-key-9876543210';
    fake = await startFakeGitHub({
      owner: 'octo',
      repo: 'papers',
      files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
    });
    runner(
      'schedule',
      { schedule: '0 6 * * *' },
      {
        'openai-api-key': key,
        'openai-base-url': 'http://llm.test/v1',
      },
    );
    // The LLM refuses the key: its error path must not echo it either.
    nock('http://llm.test')
      .persist()
      .post('/v1/chat/completions')
      .reply(401, {
        error: {
          message: `Incorrect API key provided: ${key}.`,
          type: 'invalid_request_error',
          param: null,
          code: 'invalid_api_key',
        },
      });
    const arxiv = fakeArxiv();
    const url = fake.url;
    const fetch = ((input: string | URL | Request, init?: RequestInit) => {
      const to = String(input instanceof Request ? input.url : input);
      return to.startsWith(url) || to.startsWith('http://llm.test')
        ? globalThis.fetch(input, init)
        : arxiv.fetch(input);
    }) as typeof globalThis.fetch;
    const result = await run({
      env: process.env,
      fetch,
      now: () => new Date(),
      sleep: async () => {},
    });
    expect(result.failed).toBeNull();
    // The runner consumes `::add-mask::` itself (it is how a secret gets masked); nothing else may carry it.
    const printed = stdout
      .join('')
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'));
    for (const secret of [key, 'ghs_test_token_not_real']) {
      expect(printed.join('\n')).not.toContain(secret);
      expect(summary()).not.toContain(secret);
      expect(readFileSync(join(dir, 'output'), 'utf8')).not.toContain(secret);
      expect(JSON.stringify(fake.requests)).not.toContain(secret);
    }
    expect(stdout.join('')).toContain(`::add-mask::${key}`);
  });

  it('lint with 25 errors: GitHub shows 10 annotations per level and drops the rest; the job summary lists all 25', async () => {
    // 25 rows with an http link instead of the https abstract page (a PDF or versioned link would
    // not do: with 25 of the list's 44 links that way, it is the list's own style).
    let text = SEED_EN();
    const ids = [...text.matchAll(/arxiv\.org\/abs\/(\d{4}\.\d{5})\)/g)].map((m) => m[1]!);
    for (const id of ids.slice(0, 25))
      text = text.replace(`https://arxiv.org/abs/${id})`, `http://arxiv.org/abs/${id})`);
    writeFileSync(join(dir, 'ws', 'README.md'), text);
    writeFileSync(join(dir, 'ws', '.github', 'curator.yml'), 'files:\n  translation: null\n');
    runner('workflow_dispatch', {}, { command: 'lint', 'fail-on': 'never' });
    await run({ env: process.env, fetch: globalThis.fetch, now: () => new Date() });
    const errors = annotations().filter((a) => a.startsWith('::error title=arxiv-link'));
    expect(errors).toHaveLength(25);
    // What GitHub does with a step's annotations: the first 10 of each level are shown.
    const shown = (level: string) =>
      annotations()
        .filter((a) => a.startsWith(`::${level} `))
        .slice(0, 10);
    const dropped = errors.filter((a) => !shown('error').includes(a));
    expect(dropped).toHaveLength(15);
    for (const a of errors) {
      const line = /line=(\d+)/.exec(a)![1];
      expect(summary()).toContain(`| \`README.md:${line}\` | error | \`arxiv-link\` |`);
    }
    expect(stdout.join('')).toContain('GitHub shows 10 annotations of each level per step');
  });

  it("curator's own pull request (curator/sync, hidden block): summary and annotations, no comment to itself", async () => {
    const event = prEvent();
    Object.assign(event.pull_request, {
      head: { ...event.pull_request.head, ref: 'curator/sync' },
      body: 'Sync the READMEs.\n\n<!-- awesome-curator:sync {"v":1,"base":"x","commit":"y"} -->\n',
    });
    runner('pull_request', event, { 'fail-on': 'never' });
    prFiles();
    await run({ env: process.env, fetch: globalThis.fetch, now: () => new Date() });
    expect(sent.filter((s) => s.op.startsWith('issues/'))).toEqual([]);
    expect(summary()).toContain('Funnel Budgets');
  });

  it('a pull request that changes no paper and has no findings: no comment', async () => {
    runner('pull_request', prEvent());
    gh('GET', '/repos/octo/papers/pulls/7/files?per_page=100', 200, [
      { ...fakePullFile('octo/papers', 'README.md'), patch: '@@ -1 +1 @@' },
    ]);
    rootFolder();
    const badge = SEED_EN().replace(
      /^# (.*)$/m,
      '# $1 ![stars](https://img.shields.io/badge/x-y-blue)',
    );
    for (const [path, ref, text] of [
      ['README.md', HEAD, badge],
      ['README.md', BASE, SEED_EN()],
      ['README_CN.md', HEAD, SEED_CN()],
    ] as const)
      gh(
        'GET',
        `/repos/octo/papers/contents/${path}?ref=${ref}`,
        200,
        fakeFileContent('octo/papers', path, text, ref),
      );
    gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, []);
    const result = await run({ env: process.env, fetch: globalThis.fetch, now: () => new Date() });
    expect(sent.map((s) => s.op)).not.toContain('issues/create-comment');
    expect(summary()).toContain('0 papers added, 0 changed, 0 removed: no problems found.');
    expect(result.failed).toBeNull();
  });

  it('a bad input fails the step with its name and the allowed values, before any request', async () => {
    runner('pull_request', prEvent(), { 'fail-on': 'sometimes' });
    const result = await run({ env: process.env, fetch: globalThis.fetch, now: () => new Date() });
    expect(result.failed).toBe(
      'Input `fail-on` has the value "sometimes", which is not allowed. Allowed: error, warning, never.',
    );
    expect(stdout.join('')).toContain('::error::Input `fail-on`');
    expect(sent).toEqual([]);
  });
});

describe('the Action, where deliberate bugs survived (issue 18)', () => {
  it('masks the token with ::add-mask:: before anything else is printed', async () => {
    writeFileSync(join(dir, 'ws', '.github', 'curator.yml'), 'files:\n  translation: null\n');
    runner('workflow_dispatch', {}, { command: 'lint', 'fail-on': 'never' });
    await run({ env: process.env, fetch: globalThis.fetch, now: () => new Date() });
    const lines = stdout.join('').split('\n');
    expect(lines).toContain('::add-mask::ghs_test_token_not_real');
    // First: the runner masks only what is printed after it.
    expect(lines.findIndex((l) => l === '::add-mask::ghs_test_token_not_real')).toBe(
      lines.findIndex((l) => l.startsWith('::') || l.startsWith('awesome-curator')),
    );
  });

  it('a scan with `since` searches arXiv from that day, not the default window', async () => {
    const NOW_ = new Date('2026-11-28T12:00:00Z');
    const searchesFor = async (inputs: Record<string, string>) => {
      fake = await startFakeGitHub({
        owner: 'octo',
        repo: 'papers',
        files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
      });
      runner('schedule', { schedule: '0 6 * * *' }, { 'dry-run': 'true', ...inputs });
      const arxiv = fakeArxiv();
      const url = fake.url;
      const fetch = ((input: string | URL | Request, init?: RequestInit) =>
        String(input instanceof Request ? input.url : input).startsWith(url)
          ? globalThis.fetch(input, init)
          : arxiv.fetch(input)) as typeof globalThis.fetch;
      const result = await run({ env: process.env, fetch, now: () => NOW_, sleep: async () => {} });
      expect(result.failed).toBeNull();
      expect(fake.violations).toEqual([]);
      await fake.close();
      fake = null;
      const windows = arxiv.urls
        .map((u) =>
          /submittedDate:\[(\d{12}) TO (\d{12})\]/.exec(u.searchParams.get('search_query') ?? ''),
        )
        .filter((m) => m !== null)
        .map((m) => m[1]);
      expect(windows.length).toBeGreaterThan(0);
      return [...new Set(windows)];
    };
    // The default window: 7 days before now.
    expect(await searchesFor({})).toEqual(['202611211200']);
    // since: 2026-06-01, 180.5 days back, rounded up to whole days.
    expect(await searchesFor({ since: '2026-06-01' })).toEqual(['202605311200']);
  });

  it('`since: 2025-02-30` fails the step naming the input, before any request', async () => {
    runner('schedule', { schedule: '0 6 * * *' }, { since: '2025-02-30' });
    const result = await run({ env: process.env, fetch: globalThis.fetch, now: () => new Date() });
    expect(result.failed).toBe(
      'Input `since` has the value "2025-02-30", which is not a real date. Allowed: a date as YYYY-MM-DD, or empty.',
    );
    expect(stdout.join('')).toContain('::error::Input `since`');
    expect(sent).toEqual([]);
  });
});
