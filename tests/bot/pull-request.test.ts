import { createRequire } from 'node:module';
import { formatPatch, structuredPatch } from 'diff';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { suggestionBody } from '../../src/github/index.js';
import {
  fakeCheckRun,
  fakeComment,
  fakeFileContent,
  fakePullFile,
  fakeReview,
  fakeReviewComment,
  fakeTree,
  fakeUser,
  NOT_FOUND,
} from '../helpers/github-fakes.js';
import { githubNock } from '../helpers/github-nock.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { testProbot } from '../helpers/bot.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as {
  name: string;
  examples: { action?: string; [k: string]: unknown }[];
}[];

const REPO = 'octo/papers';
const BASE = '1'.repeat(40);
const HEAD = '2'.repeat(40);
const BOT = fakeUser('awesome-curator[bot]', 900, 'Bot');
const { gh, sent, verify } = githubNock();

interface CheckBody {
  name: string;
  head_sha: string;
  conclusion: string;
  output: { summary: string; annotations: { path: string; start_line: number; title: string }[] };
}
const checkBody = () => sent.find((s) => s.op === 'checks/create')!.body as CheckBody;

/** GitHub's own example `pull_request.opened` delivery, pointed at our repository and commits. */
function delivery(action = 'opened', extra: Record<string, unknown> = {}) {
  const example = examples
    .find((e) => e.name === 'pull_request')!
    .examples.find((e) => e.action === action)!;
  type Ref = { sha: string };
  const payload = structuredClone(example) as {
    number: number;
    pull_request: { number: number; draft: boolean; base: Ref; head: Ref };
    repository: { name: string; full_name: string; owner: { login: string } };
    installation?: { id: number; node_id: string };
  };
  payload.number = 7;
  payload.pull_request.number = 7;
  payload.pull_request.draft = false;
  payload.pull_request.base.sha = BASE;
  payload.pull_request.head.sha = HEAD;
  payload.repository.name = 'papers';
  payload.repository.full_name = REPO;
  payload.repository.owner.login = 'octo';
  payload.installation = { id: 42, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI=' };
  Object.assign(payload.pull_request, extra);
  return { id: `delivery-${action}`, name: 'pull_request' as const, payload: payload as never };
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

const probot = () => testProbot();

function auth() {
  gh('POST', '/app/installations/42/access_tokens', 201, {
    token: 'ghs_test_token_not_real',
    expires_at: '2026-11-28T12:00:00Z',
  });
  gh('GET', '/app', 200, fakeCheckRun(REPO, 1, 'x', HEAD, 'success').app);
}
function noConfig() {
  gh('GET', '/repos/octo/papers/contents/.github%2Fcurator.yml', 404, NOT_FOUND);
  gh('GET', '/repos/octo/.github/contents/.github%2Fcurator.yml', 404, NOT_FOUND);
}
/** GitHub's patch for a file: the unified diff's hunks, without the file header lines. */
const hunks = (before: string, after: string) =>
  formatPatch(structuredPatch('a', 'b', before, after, '', '', { context: 3 }))
    .split('\n')
    .filter((_, i, all) => i >= all.findIndex((l) => l.startsWith('@@')))
    .join('\n')
    .trimEnd();
/**
 * The PR's files; README.md carries the real patch of the added row unless `patch` says otherwise.
 * A PR that touches README.md and not README_CN.md has the head's root folder listed once (the
 * config does not name the translation: it is the first usual name there).
 */
function files(names: string[], patch?: string) {
  gh(
    'GET',
    '/repos/octo/papers/pulls/7/files?per_page=100',
    200,
    names.map((n) => ({
      ...fakePullFile(REPO, n),
      patch: patch ?? (n === 'README.md' ? hunks(SEED_EN(), headEn()) : '@@ -1 +1 @@'),
    })),
  );
  if (names.includes('README.md') && !names.includes('README_CN.md')) rootFolder();
}
/** The head's root folder, listed to find the translation: README_CN.md is there. */
function rootFolder() {
  gh(
    'GET',
    `/repos/octo/papers/git/trees/${HEAD}`,
    200,
    fakeTree(REPO, HEAD, ['.gitignore', 'README.md', 'README_CN.md']),
  );
}
function content(path: string, ref: string, text: string | Uint8Array) {
  gh(
    'GET',
    `/repos/octo/papers/contents/${encodeURIComponent(path)}?ref=${ref}`,
    200,
    fakeFileContent(REPO, path, text, ref),
  );
}

/**
 * README.md and README_CN.md at the head: one paper added to README.md only. Nothing is read at
 * the base: README.md's base comes from its patch, and README_CN.md did not change.
 */
function bothVersions() {
  content('README.md', HEAD, headEn());
  content('README_CN.md', HEAD, SEED_CN());
}
/**
 * The writes of a first report on a PR: the check run, a new comment, one review of suggestions.
 * The review comments are not read: no comment of the bot's records suggestions posted before.
 */
function firstReport(conclusion: string, { review = true } = {}) {
  gh(
    'POST',
    '/repos/octo/papers/check-runs',
    201,
    fakeCheckRun(REPO, 5, 'curator', HEAD, conclusion),
  );
  gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, []);
  gh('POST', '/repos/octo/papers/issues/7/comments', 201, fakeComment(REPO, 7, 11, 'x', BOT));
  if (review) gh('POST', '/repos/octo/papers/pulls/7/reviews', 200, fakeReview(REPO, 7, 31, BOT));
}

/** The writes of a check that could not finish (a failed check run and a new comment); its body. */
async function failedReport() {
  gh(
    'POST',
    '/repos/octo/papers/check-runs',
    201,
    fakeCheckRun(REPO, 7, 'curator', HEAD, 'failure'),
  );
  gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, []);
  gh('POST', '/repos/octo/papers/issues/7/comments', 201, fakeComment(REPO, 7, 13, 'x', BOT));
  await probot().receive(delivery());
  const check = checkBody();
  expect(check.conclusion).toBe('failure');
  return check;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => verify());

describe('the App on a pull request', () => {
  it('posts the curator check run with an annotation per finding and one comment with the verdict and the Chinese row', async () => {
    auth();
    noConfig();
    files(['README.md']);
    bothVersions();
    firstReport('failure');

    await probot().receive(delivery());

    const check = checkBody();
    expect(check).toMatchObject({
      name: 'curator',
      head_sha: HEAD,
      status: 'completed',
      conclusion: 'failure',
    });
    const line =
      SEED_EN()
        .split('\n')
        .findIndex((l) => l.includes('2403.12968')) + 1;
    const rules = check.output.annotations.map((a) => [a.path, a.start_line, a.title] as const);
    expect(rules).toContainEqual(['README.md', line, 'arxiv-link']);
    expect(rules.every(([, l]) => l === line)).toBe(true);
    const comment = sent.find((s) => s.op === 'issues/create-comment')!.body as { body: string };
    expect(comment.body.startsWith('<!-- awesome-curator:check -->')).toBe(true);
    expect(comment.body).toContain('Funnel Budgets');
    expect(comment.body).toContain('README_CN.md');
    // The PDF link's fix, offered as a one-click suggestion on the added line.
    const review = sent.find((s) => s.op === 'pulls/create-review')!.body as {
      commit_id: string;
      event: string;
      comments: { path: string; line: number; side: string; body: string }[];
    };
    expect(review).toMatchObject({ commit_id: HEAD, event: 'COMMENT' });
    expect(review.comments).toEqual([
      {
        path: 'README.md',
        line,
        side: 'RIGHT',
        body: suggestionBody(added.replace('arxiv.org/pdf/', 'arxiv.org/abs/')),
      },
    ]);
  });

  it("reads the base only when GitHub's patch does not apply, and finds the same problems", async () => {
    auth();
    noConfig();
    files(['README.md'], '@@ -1 +1 @@\n-not the base\n+not the head');
    content('README.md', BASE, SEED_EN());
    bothVersions();
    // That patch shows line 1 only: the suggestion for the added row has no place in it.
    firstReport('failure', { review: false });
    await probot().receive(delivery());
    expect(sent.filter((s) => s.op === 'repos/get-content').map((s) => s.path)).toContain(
      `/repos/octo/papers/contents/README.md?ref=${BASE}`,
    );
    expect(checkBody().output.annotations.map((a) => a.title)).toContain('arxiv-link');
  });

  /** The comment the first delivery posted (the same check run once), with its record. */
  async function firstComment(): Promise<string> {
    const { checkPullRequest } = await import('../../src/tasks/check-pull-request.js');
    const { renderCheckComment } = await import('../../src/tasks/render-check.js');
    const { renderHiddenBlock } = await import('../../src/tasks/hidden-block.js');
    const { configFromObject } = await import('../../src/tasks/lint-files.js');
    const config = await configFromObject(null, 'curator.yml');
    const body = renderCheckComment(
      await checkPullRequest({
        primary: { path: 'README.md', base: SEED_EN(), head: headEn() },
        translation: { path: 'README_CN.md', base: SEED_CN(), head: SEED_CN() },
        config,
        arxiv: null,
      }),
    );
    return `${body}\n${renderHiddenBlock('suggested', { v: 1 })}\n`;
  }
  const addedLine = () =>
    SEED_EN()
      .split('\n')
      .findIndex((l) => l.includes('2403.12968')) + 1;
  const standing = (line: number | null) => ({
    ...fakeReviewComment(
      REPO,
      7,
      40,
      'README.md',
      line ?? 1,
      suggestionBody(added.replace('arxiv.org/pdf/', 'arxiv.org/abs/')),
      BOT,
    ),
    line,
  });

  it('a redelivered event edits nothing when the result is the same: still one comment, the standing suggestion not posted again', async () => {
    auth();
    noConfig();
    files(['README.md']);
    bothVersions();
    gh(
      'POST',
      '/repos/octo/papers/check-runs',
      201,
      fakeCheckRun(REPO, 5, 'curator', HEAD, 'failure'),
    );
    gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, [
      fakeComment(REPO, 7, 11, await firstComment(), BOT),
    ]);
    // The comment records that suggestions went out, so they are read: this one still stands.
    gh('GET', '/repos/octo/papers/pulls/7/comments?per_page=100', 200, [standing(addedLine())]);

    await probot().receive(delivery('synchronize'));
    expect(sent.map((s) => s.op)).not.toContain('issues/create-comment');
    expect(sent.map((s) => s.op)).not.toContain('issues/update-comment');
    expect(sent.map((s) => s.op)).toContain('pulls/list-review-comments');
    expect(sent.map((s) => s.op)).not.toContain('pulls/create-review');
  });

  it('a suggestion GitHub marked outdated (line null) or left on another line is posted again where it applies', async () => {
    for (const line of [null, addedLine() + 5]) {
      auth();
      noConfig();
      files(['README.md']);
      bothVersions();
      gh(
        'POST',
        '/repos/octo/papers/check-runs',
        201,
        fakeCheckRun(REPO, 5, 'curator', HEAD, 'failure'),
      );
      gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, [
        fakeComment(REPO, 7, 11, await firstComment(), BOT),
      ]);
      gh('GET', '/repos/octo/papers/pulls/7/comments?per_page=100', 200, [standing(line)]);
      gh('POST', '/repos/octo/papers/pulls/7/reviews', 200, fakeReview(REPO, 7, 31, BOT));
      await probot().receive(delivery('synchronize'));
      const review = sent.find((s) => s.op === 'pulls/create-review')!.body as {
        comments: { line: number }[];
      };
      expect(review.comments.map((c) => c.line)).toEqual([addedLine()]);
      verify();
    }
  });

  it('a suggestion outside the diff is not posted, and a 422 on the review does not fail the check', async () => {
    auth();
    noConfig();
    // GitHub's patch shows lines 1-3 only (a patch the base cannot be rebuilt from: read it).
    files(['README.md'], '@@ -1,3 +1,3 @@\n a\n-b\n+c\n d');
    content('README.md', BASE, SEED_EN());
    bothVersions();
    gh(
      'POST',
      '/repos/octo/papers/check-runs',
      201,
      fakeCheckRun(REPO, 5, 'curator', HEAD, 'failure'),
    );
    gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, []);
    gh('POST', '/repos/octo/papers/issues/7/comments', 201, fakeComment(REPO, 7, 11, 'x', BOT));
    await probot().receive(delivery());
    expect(sent.map((s) => s.op)).not.toContain('pulls/create-review');

    // With no patch at all the suggestion is tried, and GitHub's refusal is survived.
    auth();
    noConfig();
    gh('GET', '/repos/octo/papers/pulls/7/files?per_page=100', 200, [
      { ...fakePullFile(REPO, 'README.md'), patch: undefined },
    ]);
    rootFolder();
    content('README.md', BASE, SEED_EN());
    bothVersions();
    gh(
      'POST',
      '/repos/octo/papers/check-runs',
      201,
      fakeCheckRun(REPO, 5, 'curator', HEAD, 'failure'),
    );
    gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, []);
    gh('POST', '/repos/octo/papers/issues/7/comments', 201, fakeComment(REPO, 7, 11, 'x', BOT));
    gh('POST', '/repos/octo/papers/pulls/7/reviews', 422, {
      message: 'Unprocessable Entity',
      errors: ['Pull request review thread line must be part of the diff'],
      documentation_url:
        'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
      status: '422',
    });
    await probot().receive(delivery());
    const bodies = sent
      .filter((s) => s.op === 'issues/create-comment')
      .map((s) => (s.body as { body: string }).body);
    expect(bodies.at(-1)).toContain('Funnel Budgets');
    expect(bodies.at(-1)).not.toContain('did not finish');
    expect(checkBody().conclusion).toBe('failure'); // the findings' conclusion, not a crash
  });

  it('does nothing at all when no list file changed, and skips drafts', async () => {
    auth();
    noConfig();
    files(['src/index.ts', 'docs/notes.md']);
    await probot().receive(delivery());
    expect(sent.map((s) => s.op)).not.toContain('checks/create');

    const before = sent.length;
    await probot().receive(delivery('opened', { draft: true }));
    expect(sent).toHaveLength(before); // a draft costs not a single request
  });

  it('takes the conclusion policy from .github/curator.yml: errors reported without blocking', async () => {
    auth();
    gh(
      'GET',
      '/repos/octo/papers/contents/.github%2Fcurator.yml',
      200,
      'check:\n  onErrors: neutral\n',
    );
    files(['README.md']);
    bothVersions();
    firstReport('neutral');

    await probot().receive(delivery());
    const check = checkBody();
    expect(check.conclusion).toBe('neutral');
    expect(check.output.annotations.some((a) => a.title === 'arxiv-link')).toBe(true);
  });

  it('follows _extends: the organisation-wide config in octo/.github applies', async () => {
    auth();
    gh('GET', '/repos/octo/papers/contents/.github%2Fcurator.yml', 200, '_extends: .github\n');
    gh(
      'GET',
      '/repos/octo/.github/contents/.github%2Fcurator.yml',
      200,
      'check:\n  onErrors: neutral\n',
    );
    files(['README.md']);
    bothVersions();
    firstReport('neutral');

    await probot().receive(delivery());
    expect(checkBody().conclusion).toBe('neutral');
  });

  it('reports an invalid config as a failed check run and a comment naming the key, without checking', async () => {
    auth();
    gh(
      'GET',
      '/repos/octo/papers/contents/.github%2Fcurator.yml',
      200,
      'arxiv:\n  maxPapers: lots\n',
    );
    gh(
      'POST',
      '/repos/octo/papers/check-runs',
      201,
      fakeCheckRun(REPO, 6, 'curator', HEAD, 'failure'),
    );
    gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, []);
    gh('POST', '/repos/octo/papers/issues/7/comments', 201, fakeComment(REPO, 7, 12, 'x', BOT));

    await probot().receive(delivery());
    const check = checkBody();
    expect(check.conclusion).toBe('failure');
    expect(check.output.summary).toMatch(/\.github\/curator\.yml: arxiv\.maxPapers/);
    const comment = sent.find((s) => s.op === 'issues/create-comment')!.body as { body: string };
    expect(comment.body).toMatch(/config is not valid/);
    expect(sent.map((s) => s.op)).not.toContain('pulls/list-files');
  });

  it('a GitHub failure mid-check ends in a failed check run saying what failed, not silence', async () => {
    auth();
    noConfig();
    files(['README.md']);
    gh('GET', `/repos/octo/papers/contents/README.md?ref=${HEAD}`, 403, {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest',
    });
    const check = await failedReport();
    expect(check.output.summary).toMatch(
      /did not finish: GitHub or the checker failed \(403: Resource not accessible by integration/,
    );
    expect(JSON.stringify(sent)).not.toContain('ghs_test_token_not_real');
  });

  it('a list that is not UTF-8 ends in a failed check run naming the file, not a check of mangled text', async () => {
    auth();
    noConfig();
    files(['README.md']);
    content(
      'README.md',
      HEAD,
      Buffer.from(headEn().replace('Paper Title', 'Paper Titl\u00e9'), 'latin1'),
    );
    const check = await failedReport();
    expect(check.output.summary).toMatch(
      new RegExp(`did not finish: README\\.md \\(at ${HEAD}\\): not a UTF-8 text file`),
    );
    expect(check.output.summary).toMatch(/Save it as UTF-8/);
  });
});
