/**
 * The Action on an English-only repository (README.md, no README_CN.md, no config), in lint,
 * check, sync and scan modes, driven as a runner drives it against the in-memory GitHub: each
 * mode works, writes its job summary and outputs, and never asks for a file that is not there.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/action/run.js';
import { SUGGEST_BRANCH } from '../../src/tasks/suggestion-pr.js';
import { SYNC_BRANCH } from '../../src/tasks/sync-pr.js';
import { fakeArxiv } from '../helpers/fake-arxiv.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { fixture } from '../helpers/fixtures.js';
import { SUMMARY } from '../helpers/action-summary.js';
import { pullRequestPayload, pushPayload } from '../helpers/webhooks.js';

const EN = () => fixture('lists/english-only/README.md');
const NEW_ROW =
  '| [Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding](https://arxiv.org/pdf/2509.04890) | arXiv 2025.09 | `Eviction` | - | Gives lower layers a larger share of the KV cache budget than upper ones during decoding. |';
const withNewRow = (text: string) => text.replace(/^(\| \[Quest: )/m, `${NEW_ROW}\n$1`);
const ONE_LANGUAGE =
  'README.md has one language (no README_CN.md, README_zh.md, README.zh-CN.md or other usual name next to it)';

// @actions/core's job summary keeps the first GITHUB_STEP_SUMMARY path it sees: the one file of
// every Action test (see the helper).
let dir: string;
let fake: FakeGitHub;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'curator-one-language-'));
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(SUMMARY, '');
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  fake = await startFakeGitHub({ owner: 'octo', repo: 'papers', files: { 'README.md': EN() } });
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  expect(fake.violations).toEqual([]);
  await fake.close();
});

/** The step's environment; the workspace is a checkout of `files`. */
function runner(
  eventName: string,
  event: unknown,
  inputs: Record<string, string>,
  files: Record<string, string> = { 'README.md': EN() },
) {
  const ws = mkdtempSync(join(dir, 'ws-'));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(ws, path), text);
  writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'octo/papers',
    GITHUB_WORKSPACE: ws,
    GITHUB_SHA: fake.state.branchSha('main')!,
    GITHUB_API_URL: fake.url,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: SUMMARY,
    INPUT_TOKEN: 'ghs_test_token_not_real',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
}

function outputs(): Record<string, string> {
  const text = readFileSync(join(dir, 'output'), 'utf8');
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/^([\w-]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!;
  return out;
}
const summary = () => readFileSync(SUMMARY, 'utf8');
/** Requests for any usual name of a translation: there must be none. */
const translationRequests = () =>
  fake.requests.filter((q) => /README[-_.](CN|zh|ZH)/.test(decodeURIComponent(q.path)));

/** GitHub for the Action, the recorded feed for arXiv. */
function fetchWith(arxiv = fakeArxiv()): typeof globalThis.fetch {
  return ((input: string | URL | Request, init?: RequestInit) =>
    String(input instanceof Request ? input.url : input).startsWith(fake.url)
      ? globalThis.fetch(input, init)
      : arxiv.fetch(input)) as typeof globalThis.fetch;
}
const go = () =>
  run({ env: process.env, fetch: fetchWith(), now: () => new Date(), sleep: async () => {} });

describe('the Action on an English-only repository', () => {
  it('lint: README.md alone, a summary and outputs, no failure', async () => {
    runner('workflow_dispatch', {}, { command: 'lint' });
    const result = await go();
    expect(result).toMatchObject({ command: 'lint', errors: 0, failed: null });
    expect(summary()).toContain('### awesome-curator lint');
    expect(summary()).toMatch(
      /0 errors, \d+ warnings, \d+ notes in README\.md \(README\.md has one language/,
    );
    expect(summary()).not.toContain('not found in the workspace');
    expect(outputs()).toMatchObject({ errors: '0', 'pull-request-url': '' });
    expect(Number(outputs()['warnings'])).toBeGreaterThan(0);
  });

  it('check: the pull request on README.md is checked, with no request for a translation', async () => {
    fake.commitFiles('add-paper', { 'README.md': withNewRow(EN()) }, 'Add a paper', 'contributor');
    const pr = fake.openPullRequest({
      head: 'add-paper',
      title: 'Add a paper',
      user: 'contributor',
    });
    runner('pull_request', pullRequestPayload(fake, pr.number, 'opened'), { 'fail-on': 'never' });
    fake.requests.length = 0;
    const result = await go();
    expect(result).toMatchObject({ command: 'check', failed: null });
    expect(result.errors).toBeGreaterThan(0); // the PDF link
    expect(summary()).toContain('Funnel Budgets');
    expect(summary()).not.toContain('README_CN.md');
    expect(outputs()['errors']).toBe(String(result.errors));
    expect(translationRequests()).toEqual([]);
    const comment = fake.state.comments(pr.number).at(-1)!.body;
    expect(comment).toContain('arxiv.org/abs/2509.04890');
  });

  it('sync: one line that the list has one language, in the log and the summary; nothing opened', async () => {
    const before = fake.state.branchSha('main')!;
    const after = fake.commitFiles('main', { 'README.md': withNewRow(EN()) }, 'Add', 'maintainer');
    runner('push', pushPayload(fake, { ref: 'refs/heads/main', before, after }), {});
    vi.stubEnv('GITHUB_SHA', after);
    fake.requests.length = 0;
    const result = await go();
    expect(result).toMatchObject({ command: 'sync', failed: null, pullRequestUrl: '' });
    expect(summary()).toContain('### awesome-curator sync');
    expect(summary()).toContain(`${ONE_LANGUAGE}: nothing to sync.`);
    expect(summary()).toContain('`curator translate`');
    expect(summary()).not.toContain('in-sync');
    expect(outputs()).toMatchObject({ errors: '0', warnings: '0', 'pull-request-url': '' });
    expect(fake.state.pulls.filter((p) => p.head.ref === SYNC_BRANCH)).toEqual([]);
    expect(fake.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(translationRequests()).toEqual([]);
  });

  it('scan: the suggestion PR adds one row per paper to README.md and says the list has one language', async () => {
    runner('schedule', { schedule: '0 6 * * *' }, { 'max-papers': '3' });
    const result = await go();
    expect(result).toMatchObject({ command: 'scan', papersSuggested: 3, failed: null });
    const [pull] = fake.state.pulls.filter((p) => p.head.ref === SUGGEST_BRANCH);
    expect(outputs()['pull-request-url']).toBe(
      `https://github.com/octo/papers/pull/${pull!.number}`,
    );
    // The rows of papers README.md did not list (the scan also updates two listed venues).
    const id = (line: string) => /arxiv\.org\/abs\/(\d{4}\.\d{4,5})/.exec(line)?.[1];
    const listed = new Set(EN().split('\n').map(id));
    const added = fake.state
      .fileAt(SUGGEST_BRANCH, 'README.md')!
      .split('\n')
      .filter((l) => id(l) && !listed.has(id(l)));
    expect(added).toHaveLength(3);
    expect(fake.state.fileAt(SUGGEST_BRANCH, 'README_CN.md')).toBeNull();
    expect(summary()).toContain(`${ONE_LANGUAGE}: rows are proposed for it alone.`);
    expect(pull!.body).not.toContain('TL;DR still in English');
    expect(translationRequests()).toEqual([]);
  });

  it('a files.translation that names a missing file fails the step naming the key, in every mode', async () => {
    const config = 'files:\n  translation: README_CN.md\n';
    fake.commitFiles('main', { '.github/curator.yml': config }, 'Config', 'maintainer');
    for (const command of ['lint', 'sync', 'scan']) {
      writeFileSync(SUMMARY, '');
      runner(
        'push',
        {
          ref: 'refs/heads/main',
          after: fake.state.branchSha('main'),
          repository: { default_branch: 'main' },
        },
        { command },
        { 'README.md': EN() },
      );
      const ws = process.env['GITHUB_WORKSPACE']!;
      writeFileSync(join(ws, 'curator.yml'), config);
      vi.stubEnv('INPUT_CONFIG', 'curator.yml');
      vi.stubEnv('GITHUB_SHA', fake.state.branchSha('main')!);
      const result = await go();
      expect([command, result.failed]).toEqual([
        command,
        expect.stringMatching(
          /^files\.translation: README_CN\.md does not exist .*\. Restore README_CN\.md, or set files\.translation: null/,
        ),
      ]);
    }
  });
});
