/**
 * The fake GitHub behaves like GitHub for what the App does (git data, pull requests, comments,
 * checks), every request and reply agrees with GitHub's OpenAPI description, and the real Probot
 * server runs an App against it end to end: signed delivery in, API calls out.
 */
import { Octokit } from '@octokit/rest';
import type { Probot } from 'probot';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { fakeArxiv } from '../helpers/fake-arxiv.js';
import { startWorld } from '../helpers/e2e-world.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import {
  issueCommentPayload,
  issuesPayload,
  pullRequestPayload,
  pushPayload,
  sendDelivery,
  startCuratorServer,
  WEBHOOK_PATH,
} from '../helpers/webhooks.js';

/**
 * 200, or 202 when Probot stopped waiting for the handlers (9 s, a busy machine) and let them go
 * on: either is an acknowledged delivery, and `settle()` waits for the handlers either way.
 */
const acked = (status: number | null | undefined) =>
  status === 200 || status === 202 ? 'acked' : status;

const LIST = '# Papers\n\n| Paper | Year |\n| --- | --- |\n| A | 2024 |\n| B | 2025 |\n';

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let fake: FakeGitHub;
let gh: Octokit;
const r = { owner: 'octo', repo: 'papers' };

beforeEach(async () => {
  fake = await startFakeGitHub({
    ...r,
    files: { 'README.md': LIST, '.github/curator.yml': 'files:\n  primary: README.md\n' },
    collaborators: { maintainer: 'maintain' },
  });
  gh = new Octokit({ baseUrl: fake.url, auth: 'ghs_fake', log: quiet });
});
afterEach(async () => {
  await fake.close();
});

describe('fake GitHub: git data', () => {
  it('a new tree and commit, then a ref update, move the branch; contents/ serves the new file', async () => {
    const base = fake.state.branchSha('main')!;
    const { data: parent } = await gh.rest.git.getCommit({ ...r, commit_sha: base });
    const { data: tree } = await gh.rest.git.createTree({
      ...r,
      base_tree: parent.tree.sha,
      tree: [{ path: 'docs/new.md', mode: '100644', type: 'blob', content: 'hello\n' }],
    });
    const { data: commit } = await gh.rest.git.createCommit({
      ...r,
      message: 'Add docs',
      tree: tree.sha,
      parents: [base],
    });
    await gh.rest.git.createRef({ ...r, ref: 'refs/heads/curator/arxiv', sha: base });
    await gh.rest.git.updateRef({ ...r, ref: 'heads/curator/arxiv', sha: commit.sha });

    expect(fake.state.branchSha('curator/arxiv')).toBe(commit.sha);
    expect(fake.state.fileAt('curator/arxiv', 'docs/new.md')).toBe('hello\n');
    expect(fake.state.fileAt('main', 'docs/new.md')).toBeNull();
    const { data: file } = await gh.rest.repos.getContent({
      ...r,
      path: 'docs/new.md',
      ref: 'curator/arxiv',
    });
    expect(Array.isArray(file) ? null : file.type === 'file' && file.content).toBe(
      Buffer.from('hello\n').toString('base64') + '\n',
    );
    const { data: ref } = await gh.rest.git.getRef({ ...r, ref: 'heads/curator/arxiv' });
    expect(ref.object.sha).toBe(commit.sha);
    expect(commit.author.name).toBe('awesome-curator[bot]');

    // Not a fast-forward without force; a ref that exists cannot be created again.
    await expect(
      gh.rest.git.updateRef({ ...r, ref: 'heads/curator/arxiv', sha: base, force: false }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      gh.rest.git.createRef({ ...r, ref: 'refs/heads/curator/arxiv', sha: base }),
    ).rejects.toMatchObject({ status: 422 });
    await gh.rest.git.updateRef({ ...r, ref: 'heads/curator/arxiv', sha: base, force: true });
    await gh.rest.git.deleteRef({ ...r, ref: 'heads/curator/arxiv' });
    expect(fake.state.branchSha('curator/arxiv')).toBeUndefined();
    await expect(gh.rest.git.getRef({ ...r, ref: 'heads/curator/arxiv' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(gh.rest.repos.getContent({ ...r, path: 'missing.md' })).rejects.toMatchObject({
      status: 404,
    });
    expect(fake.violations).toEqual([]);
  });

  it('serves raw file bytes when asked, as Probot’s config loader does', async () => {
    const { data } = await gh.request('GET /repos/{owner}/{repo}/contents/{path}', {
      ...r,
      path: '.github/curator.yml',
      mediaType: { format: 'raw' },
    });
    expect(data).toBe('files:\n  primary: README.md\n');
    expect(fake.violations).toEqual([]);
  });
});

describe('fake GitHub: pull requests', () => {
  const edit = () =>
    fake.commitFiles('add-c', { 'README.md': LIST + '| C | 2026 |\n' }, 'Add C', 'alice');

  it('creates a pull request, lists it by head, and refuses a second open one', async () => {
    const head = edit();
    const { data: pr } = await gh.rest.pulls.create({
      ...r,
      title: 'Add C',
      head: 'add-c',
      base: 'main',
      body: 'C is new',
    });
    expect(pr).toMatchObject({ number: 1, state: 'open', head: { ref: 'add-c', sha: head } });
    expect(pr.user.login).toBe('awesome-curator[bot]');

    const list = (head: string) => gh.rest.pulls.list({ ...r, head, state: 'open' });
    expect((await list('octo:add-c')).data.map((p) => p.number)).toEqual([1]);
    expect((await list('octo:other')).data).toEqual([]);

    await expect(
      gh.rest.pulls.create({ ...r, title: 'again', head: 'add-c', base: 'main' }),
    ).rejects.toMatchObject({
      status: 422,
      response: {
        data: { errors: [{ message: 'A pull request already exists for octo:add-c.' }] },
      },
    });
    await expect(
      gh.rest.pulls.create({ ...r, title: 'none', head: 'main', base: 'main' }),
    ).rejects.toMatchObject({ status: 422 });
    expect(fake.violations).toEqual([]);
  });

  it('lists the changed files with a unified diff, by pulls/files and by compare', async () => {
    const head = edit();
    fake.commitFiles('add-c', { 'notes.txt': 'x\n' }, 'notes', 'alice');
    const pr = fake.openPullRequest({ head: 'add-c', title: 'Add C', user: 'alice' });
    const { data: files } = await gh.rest.pulls.listFiles({ ...r, pull_number: pr.number });
    expect(files.map((f) => [f.filename, f.status, f.additions, f.deletions])).toEqual([
      ['README.md', 'modified', 1, 0],
      ['notes.txt', 'added', 1, 0],
    ]);
    expect(files[0]!.patch).toBe(
      '@@ -4,3 +4,4 @@\n | --- | --- |\n | A | 2024 |\n | B | 2025 |\n+| C | 2026 |',
    );

    const { data: cmp } = await gh.rest.repos.compareCommitsWithBasehead({
      ...r,
      basehead: `main...${head}`,
    });
    expect(cmp).toMatchObject({ status: 'ahead', ahead_by: 1, behind_by: 0 });
    expect(cmp.files?.map((f) => f.filename)).toEqual(['README.md']);

    // Merging moves main; the pull request is closed and merged.
    fake.closePull(pr.number, { merged: true });
    expect(fake.state.fileAt('main', 'notes.txt')).toBe('x\n');
    const { data: merged } = await gh.rest.pulls.get({ ...r, pull_number: pr.number });
    expect(merged).toMatchObject({ state: 'closed', merged: true });
    expect(fake.violations).toEqual([]);
  });

  it('places review comments on diff lines and refuses lines outside the diff', async () => {
    edit();
    const pr = fake.openPullRequest({ head: 'add-c', title: 'Add C', user: 'alice' });
    await gh.rest.pulls.createReview({
      ...r,
      pull_number: pr.number,
      event: 'COMMENT',
      comments: [{ path: 'README.md', line: 7, body: 'year?' }],
    });
    const { data } = await gh.rest.pulls.listReviewComments({ ...r, pull_number: pr.number });
    expect(data.map((c) => [c.path, c.line, c.body])).toEqual([['README.md', 7, 'year?']]);
    expect(data[0]!.diff_hunk.split('\n').at(-1)).toBe('+| C | 2026 |');
    await expect(
      gh.rest.pulls.createReview({
        ...r,
        pull_number: pr.number,
        event: 'COMMENT',
        comments: [{ path: 'README.md', line: 1, body: 'far away' }],
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(fake.violations).toEqual([]);
  });
});

describe('fake GitHub: merging', () => {
  const pulled = async (pull_number: number) =>
    (await gh.rest.pulls.get({ ...r, pull_number })).data;

  it('merges both sides’ changes to different lines, as git does; the merge endpoint merges as the App', async () => {
    fake.commitFiles('add-c', { 'README.md': LIST + '| C | 2026 |\n' }, 'Add C', 'alice');
    const pr = fake.openPullRequest({ head: 'add-c', title: 'Add C', user: 'alice' });
    const main = fake.commitFiles(
      'main',
      { 'README.md': LIST.replace('# Papers', '# Great papers') },
      'Retitle',
    );
    expect(await pulled(pr.number)).toMatchObject({ mergeable: true, mergeable_state: 'clean' });
    const { data } = await gh.rest.pulls.merge({ ...r, pull_number: pr.number });
    expect(data).toMatchObject({ merged: true, message: 'Pull Request successfully merged' });
    expect(fake.state.fileAt('main', 'README.md')).toBe(
      LIST.replace('# Papers', '# Great papers') + '| C | 2026 |\n',
    );
    expect(fake.state.gitCommit('main')!.parents).toEqual([main, pr.head.sha]);
    expect(await pulled(pr.number)).toMatchObject({
      state: 'closed',
      merged: true,
      merge_commit_sha: data.sha,
      merged_by: { login: 'awesome-curator[bot]' },
    });
    expect(fake.violations).toEqual([]);
  });

  it.each([
    [
      'both sides changed the same row differently',
      { 'README.md': LIST.replace('| B | 2025 |', '| B | 2024 |') },
      { 'README.md': LIST.replace('| B | 2025 |', '| B | 2026 |') },
      'README.md',
    ],
    [
      'the head added a row right below one the base changed',
      { 'README.md': LIST + '| C | 2026 |\n' },
      { 'README.md': LIST.replace('| B | 2025 |', '| B | 2026 |') },
      'README.md',
    ],
    [
      'the head changed a file the base deleted',
      { 'notes.txt': 'a\nb\n' },
      { 'notes.txt': null },
      'notes.txt',
    ],
    [
      'the head deleted a file the base changed',
      { 'notes.txt': null },
      { 'notes.txt': 'a\nc\n' },
      'notes.txt',
    ],
  ])(
    'refuses to merge when %s: closePull throws, the endpoint answers 405, the PR is dirty',
    async (_what, head, base, path) => {
      fake.commitFiles('main', { 'notes.txt': 'a\n' }, 'notes');
      fake.commitFiles('change', head, 'head side', 'alice');
      const pr = fake.openPullRequest({ head: 'change', title: 'Change', user: 'alice' });
      expect(await pulled(pr.number)).toMatchObject({ mergeable: true, mergeable_state: 'clean' });
      const main = fake.commitFiles('main', base, 'base side');

      expect(await pulled(pr.number)).toMatchObject({
        mergeable: false,
        rebaseable: false,
        mergeable_state: 'dirty',
      });
      expect(() => fake.closePull(pr.number, { merged: true })).toThrow(`merge conflict: ${path}`);
      await expect(gh.rest.pulls.merge({ ...r, pull_number: pr.number })).rejects.toMatchObject({
        status: 405,
        response: { data: { message: 'Pull Request is not mergeable' } },
      });
      expect(fake.state.branchSha('main')).toBe(main);
      expect(await pulled(pr.number)).toMatchObject({ state: 'open', merged: false });
      // Closing without merging is still allowed.
      fake.closePull(pr.number);
      expect(fake.violations).toEqual([]);
    },
  );
});

describe('fake GitHub: review comments follow the head', () => {
  it('a push moves a comment whose line moved and outdates one whose line changed, as GitHub does', async () => {
    const rows = (d: string) => LIST + `| C | 2026 |\n| D | ${d} |\n`;
    const first = fake.commitFiles('add-cd', { 'README.md': rows('2027') }, 'Add C, D', 'alice');
    const pr = fake.openPullRequest({ head: 'add-cd', title: 'Add C, D', user: 'alice' });
    await gh.rest.pulls.createReview({
      ...r,
      pull_number: pr.number,
      event: 'COMMENT',
      comments: [
        { path: 'README.md', line: 7, body: 'on C' },
        { path: 'README.md', line: 8, body: 'on D' },
      ],
    });
    const listed = async () =>
      (await gh.rest.pulls.listReviewComments({ ...r, pull_number: pr.number })).data.map((c) => [
        c.body,
        c.line,
        c.original_line,
        c.position,
        c.original_position,
        c.commit_id,
        c.original_commit_id,
      ]);
    expect(await listed()).toEqual([
      ['on C', 7, 7, 4, 4, first, first],
      ['on D', 8, 8, 5, 5, first, first],
    ]);

    // A row above C is added (C moves down a line) and D's year is changed (D is outdated).
    const second = fake.commitFiles(
      'add-cd',
      { 'README.md': rows('2028').replace('| B |', '| A2 | 2024 |\n| B |') },
      'A2, and D is 2028',
      'alice',
    );
    expect(await listed()).toEqual([
      ['on C', 8, 7, 6, 4, second, first],
      ['on D', null, 8, null, 5, first, first],
    ]);
    const { data } = await gh.rest.pulls.listReviewComments({ ...r, pull_number: pr.number });
    expect(data[1]!.diff_hunk.split('\n').at(-1)).toBe('+| D | 2027 |');

    // A push that leaves C's line alone keeps it where it is, on the new head.
    const third = fake.commitFiles('add-cd', { 'notes.txt': 'x\n' }, 'notes', 'alice');
    expect((await listed())[0]).toEqual(['on C', 8, 7, 6, 4, third, first]);
    // Once C's row is taken out again, its comment is outdated too.
    fake.commitFiles('add-cd', { 'README.md': LIST }, 'Drop the rows', 'alice');
    expect((await listed()).map((c) => c[1])).toEqual([null, null]);
    expect(fake.violations).toEqual([]);
  });
});

describe('fake GitHub: comments, reactions, checks, permissions', () => {
  it('a created comment is listed; edits and reactions stick; pages follow links', async () => {
    const issue = fake.openIssue({ title: 'Missing paper', body: 'Please add X', user: 'bob' });
    fake.addComment(issue.number, { body: 'me too', user: 'carol' });
    const { data: mine } = await gh.rest.issues.createComment({
      ...r,
      issue_number: issue.number,
      body: 'On it.',
    });
    expect(mine.user?.login).toBe('awesome-curator[bot]');
    expect(mine.performed_via_github_app?.slug).toBe('awesome-curator');
    await gh.rest.issues.updateComment({ ...r, comment_id: mine.id, body: 'Done.' });
    const first = await gh.rest.reactions.createForIssueComment({
      ...r,
      comment_id: mine.id,
      content: 'eyes',
    });
    const again = await gh.rest.reactions.createForIssueComment({
      ...r,
      comment_id: mine.id,
      content: 'eyes',
    });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(fake.state.reactions(mine.id)).toHaveLength(1);

    const { data } = await gh.rest.issues.listComments({ ...r, issue_number: issue.number });
    expect(data.map((c) => [c.user?.login, c.body])).toEqual([
      ['carol', 'me too'],
      ['awesome-curator[bot]', 'Done.'],
    ]);
    for (let i = 0; i < 3; i++) fake.addComment(issue.number, { body: `+${i}`, user: 'dave' });
    const all = await gh.paginate(gh.rest.issues.listComments, {
      ...r,
      issue_number: issue.number,
      per_page: 2,
    });
    expect(all).toHaveLength(5);

    await gh.rest.issues.update({ ...r, issue_number: issue.number, state: 'closed' });
    expect(fake.state.issues[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(fake.violations).toEqual([]);
  });

  it('check runs accumulate annotations; permission levels follow GitHub', async () => {
    const head_sha = fake.state.branchSha('main')!;
    const { data: run } = await gh.rest.checks.create({
      ...r,
      name: 'curator',
      head_sha,
      status: 'in_progress',
      output: {
        title: 't',
        summary: 's',
        annotations: [
          {
            path: 'README.md',
            start_line: 5,
            end_line: 5,
            annotation_level: 'warning',
            message: 'a',
          },
        ],
      },
    });
    await gh.rest.checks.update({
      ...r,
      check_run_id: run.id,
      conclusion: 'neutral',
      output: {
        title: 't',
        summary: 's2',
        annotations: [
          {
            path: 'README.md',
            start_line: 6,
            end_line: 6,
            annotation_level: 'warning',
            message: 'b',
          },
        ],
      },
    });
    const { data } = await gh.rest.checks.listForRef({ ...r, ref: 'main' });
    expect(data.check_runs).toHaveLength(1);
    expect(data.check_runs[0]).toMatchObject({
      status: 'completed',
      conclusion: 'neutral',
      output: { summary: 's2', annotations_count: 2 },
    });

    const level = async (username: string) =>
      (await gh.rest.repos.getCollaboratorPermissionLevel({ ...r, username })).data;
    expect(await level('octo')).toMatchObject({ permission: 'admin', role_name: 'admin' });
    expect(await level('maintainer')).toMatchObject({ permission: 'write', role_name: 'maintain' });
    expect(await level('stranger')).toMatchObject({ permission: 'read', role_name: 'read' });
    expect(fake.violations).toEqual([]);
  });

  it('the remaining routes reply in documented shapes', async () => {
    await gh.rest.apps.getAuthenticated();
    expect((await gh.rest.apps.listInstallations()).data[0]!.id).toBe(42);
    const { data: repos } = await gh.rest.apps.listReposAccessibleToInstallation();
    expect(repos.repositories[0]).toMatchObject({
      full_name: 'octo/papers',
      default_branch: 'main',
    });
    await gh.rest.apps.createInstallationAccessToken({ installation_id: 42 });

    const { data: blob } = await gh.rest.git.createBlob({ ...r, content: 'x', encoding: 'utf-8' });
    const { data: back } = await gh.rest.git.getBlob({ ...r, file_sha: blob.sha });
    expect(Buffer.from(back.content, 'base64').toString()).toBe('x');

    const { data: issue } = await gh.rest.issues.create({ ...r, title: 'Found by the bot' });
    expect(issue.user?.login).toBe('awesome-curator[bot]');
    await gh.rest.issues.update({ ...r, issue_number: issue.number, title: 'Renamed' });
    expect((await gh.rest.issues.get({ ...r, issue_number: issue.number })).data.title).toBe(
      'Renamed',
    );

    fake.commitFiles('b', { 'x.md': 'x\n' }, 'x');
    const pr = fake.openPullRequest({ head: 'b', title: 'B', user: 'alice' });
    const { data: asIssue } = await gh.rest.issues.get({ ...r, issue_number: pr.number });
    expect(asIssue.pull_request?.url).toMatch(/\/pulls\/2$/);
    const c = fake.addComment(pr.number, { body: 'hi', user: 'alice' });
    const { data: got } = await gh.rest.issues.getComment({ ...r, comment_id: c.id });
    expect(got).toMatchObject({ body: 'hi', performed_via_github_app: null });
    await gh.rest.pulls.update({ ...r, pull_number: pr.number, state: 'closed' });
    expect(fake.state.pulls[0]).toMatchObject({ state: 'closed', merged: false });
    expect(fake.violations).toEqual([]);
  });

  it('records every request with its operation id; unknown routes and other repos are 404', async () => {
    // Sends undocumented requests on purpose, so its own fake allows violations.
    const fake = await startFakeGitHub({
      ...r,
      files: { 'README.md': LIST },
      allowViolations: true,
    });
    const gh = new Octokit({ baseUrl: fake.url, auth: 'ghs_fake', log: quiet });
    onTestFinished(() => fake.close());
    await gh.rest.repos.get(r);
    await expect(gh.rest.repos.get({ owner: 'octo', repo: '.github' })).rejects.toMatchObject({
      status: 404,
    });
    expect(fake.violations).toEqual([]);
    await expect(gh.request('GET /repos/{owner}/{repo}/branches', r)).rejects.toMatchObject({
      status: 404,
    });
    await expect(gh.request('GET /no/such/route')).rejects.toMatchObject({ status: 400 });
    expect(fake.requests.map((q) => [q.method, q.path, q.op])).toEqual([
      ['GET', '/repos/octo/papers', 'repos/get'],
      ['GET', '/repos/octo/.github', 'repos/get'],
      ['GET', '/repos/octo/papers/branches', 'repos/list-branches'],
      ['GET', '/no/such/route', ''],
    ]);
    expect(fake.violations).toEqual([
      'unhandled route: GET /repos/octo/papers/branches',
      "GET /no/such/route: no such route in GitHub's OpenAPI description",
    ]);
  });
});

describe('fake GitHub: body limits', () => {
  it('refuses a body over 65,536 characters with 422 wherever the App writes one; 65,536 is fine', async () => {
    const max = 'x'.repeat(65_536);
    const over = max + 'x';
    const refused = (resource: string) => ({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [
            {
              resource,
              code: 'custom',
              field: 'body',
              message: 'body is too long (maximum is 65536 characters)',
            },
          ],
          status: '422',
        },
      },
    });
    const issue = fake.openIssue({ title: 'Long', user: 'bob' });
    const issue_number = issue.number;
    await expect(
      gh.rest.issues.createComment({ ...r, issue_number, body: over }),
    ).rejects.toMatchObject(refused('IssueComment'));
    const { data: c } = await gh.rest.issues.createComment({ ...r, issue_number, body: max });
    await expect(
      gh.rest.issues.updateComment({ ...r, comment_id: c.id, body: over }),
    ).rejects.toMatchObject(refused('IssueComment'));
    expect(fake.state.comment(c.id)!.body).toBe(max);
    await expect(gh.rest.issues.create({ ...r, title: 'T', body: over })).rejects.toMatchObject(
      refused('Issue'),
    );
    await expect(gh.rest.issues.update({ ...r, issue_number, body: over })).rejects.toMatchObject(
      refused('Issue'),
    );

    fake.commitFiles('add-c', { 'README.md': LIST + '| C | 2026 |\n' }, 'Add C', 'alice');
    await expect(
      gh.rest.pulls.create({ ...r, head: 'add-c', base: 'main', title: 'C', body: over }),
    ).rejects.toMatchObject(refused('PullRequest'));
    const { data: pr } = await gh.rest.pulls.create({
      ...r,
      head: 'add-c',
      base: 'main',
      title: 'C',
      body: max,
    });
    const pull_number = pr.number;
    await expect(gh.rest.pulls.update({ ...r, pull_number, body: over })).rejects.toMatchObject(
      refused('PullRequest'),
    );
    // Reviews: the operation documents its 422 errors as strings.
    const reviewRefused = {
      status: 422,
      response: { data: { errors: ['Body is too long (maximum is 65536 characters)'] } },
    };
    await expect(
      gh.rest.pulls.createReview({ ...r, pull_number, event: 'COMMENT', body: over }),
    ).rejects.toMatchObject(reviewRefused);
    await expect(
      gh.rest.pulls.createReview({
        ...r,
        pull_number,
        event: 'COMMENT',
        comments: [{ path: 'README.md', line: 7, body: over }],
      }),
    ).rejects.toMatchObject(reviewRefused);
    expect(fake.state.reviews).toEqual([]);
    await gh.rest.pulls.createReview({
      ...r,
      pull_number,
      event: 'COMMENT',
      body: max,
      comments: [{ path: 'README.md', line: 7, body: max }],
    });
    expect(fake.state.reviewComments(pull_number)).toHaveLength(1);
    expect(fake.state.pulls.map((p) => p.body)).toEqual([max]);
    expect(fake.violations).toEqual([]);
  });
});

describe('fake GitHub: close()', () => {
  it('rejects, listing them, when a request broke the OpenAPI description; the server is closed all the same', async () => {
    const strict = await startFakeGitHub({ ...r, files: { 'README.md': LIST } });
    const client = new Octokit({ baseUrl: strict.url, auth: 'ghs_fake', log: quiet });
    await client.rest.repos.get(r);
    await expect(client.request('GET /no/such/route')).rejects.toMatchObject({ status: 400 });
    await expect(strict.close()).rejects.toThrow(
      "the fake GitHub saw 1 violation(s) of GitHub's OpenAPI description:\n  - GET /no/such/route: no such route in GitHub's OpenAPI description",
    );
    await expect(client.rest.repos.get(r)).rejects.toThrow();
  });

  it('resolves with violations only when the fake was started with allowViolations', async () => {
    const lenient = await startFakeGitHub({
      ...r,
      files: { 'README.md': LIST },
      allowViolations: true,
    });
    const client = new Octokit({ baseUrl: lenient.url, auth: 'ghs_fake', log: quiet });
    await expect(client.request('GET /no/such/route')).rejects.toMatchObject({ status: 400 });
    expect(lenient.violations).toHaveLength(1);
    await expect(lenient.close()).resolves.toBeUndefined();
  });
});

describe('the real Probot server against the fake', () => {
  const secret = 'test-secret';
  const appFn = (app: Probot) => {
    app.on('issues.opened', async (context) => {
      await context.octokit.rest.issues.createComment(context.issue({ body: 'Thanks!' }));
    });
  };

  it('a signed issues.opened delivery makes the App comment; a bad signature is refused', async () => {
    const server = await startCuratorServer({ fakeUrl: fake.url, appFn, secret });
    try {
      const issue = fake.openIssue({ title: 'Add a paper', body: 'arXiv 2401.00001', user: 'bob' });
      const forged = await sendDelivery(server.url, {
        event: 'issues',
        payload: issuesPayload(fake, issue.number, 'opened'),
        secret,
        signature: 'sha256=' + '0'.repeat(64),
      });
      expect(forged.status).toBeGreaterThanOrEqual(400);
      expect(forged.status).toBeLessThan(500);
      expect(fake.requests).toEqual([]);

      const ok = await sendDelivery(server.url, {
        event: 'issues',
        payload: issuesPayload(fake, issue.number, 'opened'),
        secret,
      });
      // Probot answers 200 after the handlers finish, or 202 if they take over 9 s and go on.
      expect([200, 202]).toContain(ok.status);
      await server.idle();
      expect(fake.state.comments(issue.number).map((c) => [c.user, c.body])).toEqual([
        ['awesome-curator[bot]', 'Thanks!'],
      ]);
      expect(fake.requests.map((q) => q.op)).toEqual([
        'apps/create-installation-access-token',
        'issues/create-comment',
      ]);
      expect(fake.violations).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('builds the other payloads from the fake’s state', () => {
    const head = fake.commitFiles('add-c', { 'README.md': LIST + '| C |\n' }, 'Add C', 'alice');
    const pr = fake.openPullRequest({ head: 'add-c', title: 'Add C', user: 'alice' });
    const c = fake.addComment(pr.number, { body: '/curator check', user: 'maintainer' });
    expect(pullRequestPayload(fake, pr.number, 'synchronize')).toMatchObject({
      action: 'synchronize',
      number: pr.number,
      after: head,
      pull_request: { head: { sha: head, ref: 'add-c' }, user: { login: 'alice' } },
      repository: { full_name: 'octo/papers', default_branch: 'main' },
      installation: { id: 42 },
      sender: { login: 'alice' },
    });
    expect(issueCommentPayload(fake, pr.number, c.id, 'created')).toMatchObject({
      issue: { number: pr.number, pull_request: { url: expect.any(String) } },
      comment: { id: c.id, body: '/curator check', user: { login: 'maintainer' } },
      sender: { login: 'maintainer' },
    });
    expect(
      pushPayload(fake, { ref: 'refs/heads/add-c', before: '0'.repeat(40), after: head }),
    ).toMatchObject({
      created: true,
      commits: [{ id: head, modified: ['README.md'] }],
      head_commit: { id: head },
    });
  });
});

describe('the App’s own events', () => {
  const secret = 'test-secret';

  it('the App’s writes come back to it as signed deliveries from the bot; people’s acts and other tokens send none', async () => {
    const seen: unknown[][] = [];
    const server = await startCuratorServer({
      fakeUrl: fake.url,
      secret,
      appFn: (app: Probot) =>
        app.onAny(async ({ name, payload }) => {
          const p = payload as {
            action?: string;
            sender: { login: string; type: string };
            ref?: string;
            created?: boolean;
            deleted?: boolean;
            before?: string;
            after?: string;
            pull_request?: { number: number; state: string; head: { sha: string } };
            comment?: { body: string };
          };
          seen.push([
            p.action ? `${name}.${p.action}` : name,
            `${p.sender.login} (${p.sender.type})`,
            p.ref ?? p.pull_request?.number ?? p.comment?.body,
            ...(name === 'push' ? [p.before, p.after, p.created, p.deleted] : []),
            ...(p.action === 'synchronize' ? [p.before, p.after] : []),
          ]);
        }),
    });
    try {
      fake.deliverTo({ url: server.url, secret });
      // People's acts, through the mutators: nothing is delivered.
      const main = fake.state.branchSha('main')!;
      const head = fake.commitFiles('add-c', { 'README.md': LIST + '| C |\n' }, 'Add C', 'alice');
      const issue = fake.openIssue({ title: 'hi', user: 'bob' });
      fake.addComment(issue.number, { body: 'people talk', user: 'bob' });
      await fake.settle();
      expect(fake.ownEvents).toEqual([]);

      // The App's writes (installation token).
      const { data: pr } = await gh.rest.pulls.create({
        ...r,
        head: 'add-c',
        base: 'main',
        title: 'C',
      });
      const { data: tree } = await gh.rest.git.createTree({
        ...r,
        base_tree: fake.state.gitCommit(head)!.tree,
        tree: [{ path: 'notes.txt', mode: '100644', type: 'blob', content: 'x\n' }],
      });
      const { data: next } = await gh.rest.git.createCommit({
        ...r,
        message: 'notes',
        tree: tree.sha,
        parents: [head],
      });
      await gh.rest.git.updateRef({ ...r, ref: 'heads/add-c', sha: next.sha });
      await gh.rest.git.createRef({ ...r, ref: 'refs/heads/other', sha: main });
      await gh.rest.issues.createComment({ ...r, issue_number: pr.number, body: 'bot talks' });
      await gh.rest.pulls.update({ ...r, pull_number: pr.number, state: 'closed' });
      await gh.rest.git.deleteRef({ ...r, ref: 'heads/other' });
      fake.commitFiles('add-d', { 'd.md': 'd\n' }, 'Add D', 'alice');
      const { data: pr2 } = await gh.rest.pulls.create({
        ...r,
        head: 'add-d',
        base: 'main',
        title: 'D',
      });
      const { data: merge } = await gh.rest.pulls.merge({ ...r, pull_number: pr2.number });
      // A person's token (not an installation's): nothing.
      const person = new Octokit({ baseUrl: fake.url, auth: 'ghp_person', log: quiet });
      await person.rest.issues.createComment({ ...r, issue_number: issue.number, body: 'x' });

      await fake.settle();
      await server.idle();
      const bot = 'awesome-curator[bot] (Bot)';
      const zero = '0'.repeat(40);
      expect(seen).toEqual([
        ['pull_request.opened', bot, pr.number],
        ['push', bot, 'refs/heads/add-c', head, next.sha, false, false],
        ['pull_request.synchronize', bot, pr.number, head, next.sha],
        ['push', bot, 'refs/heads/other', zero, main, true, false],
        ['issue_comment.created', bot, 'bot talks'],
        ['pull_request.closed', bot, pr.number],
        ['push', bot, 'refs/heads/other', main, zero, false, true],
        ['pull_request.opened', bot, pr2.number],
        ['push', bot, 'refs/heads/main', main, merge.sha, false, false],
        ['pull_request.closed', bot, pr2.number],
      ]);
      expect(fake.ownEvents.map((e) => [e.event, e.action, acked(e.status)])).toEqual([
        ['pull_request', 'opened', 'acked'],
        ['push', null, 'acked'],
        ['pull_request', 'synchronize', 'acked'],
        ['push', null, 'acked'],
        ['issue_comment', 'created', 'acked'],
        ['pull_request', 'closed', 'acked'],
        ['push', null, 'acked'],
        ['pull_request', 'opened', 'acked'],
        ['push', null, 'acked'],
        ['pull_request', 'closed', 'acked'],
      ]);
      expect(fake.violations).toEqual([]);
    } finally {
      await server.stop();
    }
  });

  it('the App reacts to its own pull request without deadlock: /curator scan opens it, its opened event gets the check run', async () => {
    const w = await startWorld(
      (stop) => onTestFinished(async () => void (await stop())),
      {},
      undefined,
      { deliverOwnEvents: true },
    );
    const issue = w.fake.openIssue({ title: 'New papers?', user: 'maintainer' });
    await w.comment(issue.number, '/curator scan');
    const pr = w.fake.state.pulls.find((p) => p.user === w.fake.botLogin)!;
    expect(pr.state).toBe('open');
    // The check run exists only because GitHub (the fake) told the App about its own PR.
    const runs = w.fake.state.checkRuns.filter((c) => c.head_sha === pr.head.sha);
    expect(runs.map((c) => [c.name, c.status])).toEqual([['curator', 'completed']]);
    expect(w.fake.ownEvents.map((e) => [e.event, e.action, acked(e.status)])).toEqual(
      expect.arrayContaining([
        ['push', null, 'acked'],
        ['pull_request', 'opened', 'acked'],
        ['issue_comment', 'created', 'acked'],
      ]),
    );
    // No comment of the App's own on its own PR, and none of its comments started a command.
    expect(w.botComments(pr.number)).toEqual([]);
    expect(w.botComments(issue.number)).toHaveLength(1);
  });
});

describe('the end-to-end world', () => {
  it('send takes a 202 (handlers past Probot’s timeout) and returns only once the App is idle', async () => {
    // The App's arXiv request waits until the test has Probot's answer to the delivery: the
    // only answer it can have then is the 202 Probot gives when the handlers take too long.
    let answered!: () => void;
    const gate = new Promise<void>((done) => (answered = done));
    const statuses: number[] = [];
    const realFetch = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const res = await realFetch(input, init);
      if (String(input instanceof Request ? input.url : input).endsWith(WEBHOOK_PATH)) {
        statuses.push(res.status);
        answered();
      }
      return res;
    });
    onTestFinished(() => spy.mockRestore());
    const arxiv = fakeArxiv();
    const w = await startWorld(
      (stop) => onTestFinished(async () => void (await stop())),
      {
        fetch: (async (input: string | URL | Request, init?: RequestInit) => {
          await gate;
          return arxiv.fetch(input, init);
        }) as typeof fetch,
      },
      undefined,
      { ackTimeoutMs: 1 },
    );
    const issue = w.fake.openIssue({ title: 'Classify', user: 'maintainer' });
    await w.comment(issue.number, '/classify 2509.01234');
    expect(statuses).toEqual([202]);
    expect(w.botComments(issue.number)).toHaveLength(1);
    expect(w.botComments(issue.number)[0]!.body).toContain('2509.01234');
  });
});
