import { Octokit } from '@octokit/rest';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ANNOTATIONS_PER_REQUEST,
  baseFromPatch,
  clipComment,
  MAX_COMMENT,
  suggestionBody,
  conclusionFor,
  publishCheckRun,
  toAnnotations,
  upsertMarkedComment,
  type AnnotatedFinding,
} from '../../src/github/index.js';
import {
  assertDocumentedReply,
  assertDocumentedRequest,
  operationFor,
} from '../helpers/github-openapi.js';
import { fakeCheckRun, fakeComment, fakeUser } from '../helpers/github-fakes.js';
import { API, githubNock } from '../helpers/github-nock.js';

const REPO = 'octo/papers';
const MARKER = '<!-- awesome-curator:check -->';
const BOT = fakeUser('awesome-curator[bot]', 900, 'Bot');
const HUMAN = fakeUser('maintainer', 10);

const { gh, sent, verify } = githubNock();

const octokit = () => new Octokit({ auth: 'test-token-not-real', request: { retries: 0 } });

beforeAll(() => nock.disableNetConnect());
afterEach(() => verify());

describe('the OpenAPI check itself', () => {
  it('rejects an undocumented route, method, query parameter or body', () => {
    expect(() => operationFor('GET', '/repos/o/r/no-such-thing/1')).toThrow(/no such route/);
    expect(() => operationFor('PUT', '/repos/o/r/issues/comments/1')).toThrow(
      /method not documented/,
    );
    expect(() =>
      assertDocumentedRequest('GET', '/repos/o/r/issues/1/comments?bogus=1', undefined),
    ).toThrow(/query parameter "bogus"/);
    expect(() =>
      assertDocumentedRequest('PATCH', '/repos/o/r/issues/comments/1', { text: 'x' }),
    ).toThrow(/does not match the schema/);
    expect(() =>
      assertDocumentedReply('GET', '/repos/o/r/issues/1/comments', 200, [{ id: 1 }]),
    ).toThrow(/lacks required "node_id"/);
  });
});

describe('upsertMarkedComment', () => {
  const target = {
    owner: 'octo',
    repo: 'papers',
    issue_number: 7,
    marker: MARKER,
    author: BOT.login,
  };

  it('creates the comment when the bot has none yet', async () => {
    gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, [
      fakeComment(REPO, 7, 1, 'Thanks for the list!', HUMAN),
    ]);
    gh(
      'POST',
      '/repos/octo/papers/issues/7/comments',
      201,
      fakeComment(REPO, 7, 2, `${MARKER}\nhello`, BOT),
    );
    const out = await upsertMarkedComment(octokit(), target, `${MARKER}\nhello`);
    expect(out).toEqual({ action: 'created', id: 2 });
    expect(sent.map(({ op, body }) => ({ op, body }))).toEqual([
      { op: 'issues/list-comments', body: undefined },
      { op: 'issues/create-comment', body: { body: `${MARKER}\nhello` } },
    ]);
  });

  it('edits the one marked comment in place, found on a later page, and leaves a quoting human alone', async () => {
    const page1 = Array.from({ length: 100 }, (_, i) =>
      fakeComment(
        REPO,
        7,
        100 + i,
        i === 5 ? `${MARKER}\nquoted by a human` : `comment ${i}`,
        HUMAN,
      ),
    );
    gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, page1, {
      link: `<${API}/repos/octo/papers/issues/7/comments?per_page=100&page=2>; rel="next"`,
    });
    gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100&page=2', 200, [
      fakeComment(REPO, 7, 555, `${MARKER}\nold findings`, BOT),
    ]);
    gh(
      'PATCH',
      '/repos/octo/papers/issues/comments/555',
      200,
      fakeComment(REPO, 7, 555, `${MARKER}\nnew`, BOT),
    );
    const out = await upsertMarkedComment(octokit(), target, 'new');
    expect(out).toEqual({ action: 'updated', id: 555 });
    expect(sent.map((s) => s.op)).toEqual([
      'issues/list-comments',
      'issues/list-comments',
      'issues/update-comment',
    ]);
    expect(sent[2]!.body).toEqual({ body: `${MARKER}\nnew` });
  });

  it('sends no write when the body is unchanged (running twice changes nothing)', async () => {
    gh('GET', '/repos/octo/papers/issues/7/comments?per_page=100', 200, [
      fakeComment(REPO, 7, 9, `${MARKER}\nsame`, BOT),
    ]);
    const out = await upsertMarkedComment(octokit(), target, `${MARKER}\nsame`);
    expect(out).toEqual({ action: 'unchanged', id: 9 });
    expect(sent.map((s) => s.op)).toEqual(['issues/list-comments']);
  });
});

const finding = (i: number, severity: AnnotatedFinding['severity']): AnnotatedFinding => ({
  file: 'README.md',
  line: 10 + i,
  severity,
  ruleId: 'venue-format',
  message: `Venue "neurips 2024" on row ${i} should be NeurIPS 2024`,
});

describe('check run', () => {
  it('concludes from the findings and the policy', () => {
    expect(conclusionFor([])).toBe('success');
    expect(conclusionFor([finding(0, 'info')])).toBe('success');
    expect(conclusionFor([finding(0, 'warning')])).toBe('neutral');
    expect(conclusionFor([finding(0, 'warning'), finding(1, 'error')])).toBe('failure');
    expect(
      conclusionFor([finding(0, 'error')], { onErrors: 'neutral', onWarnings: 'success' }),
    ).toBe('neutral');
  });

  it('maps severities to annotation levels, one line per finding', () => {
    const [a, b, c] = toAnnotations([
      finding(0, 'error'),
      finding(1, 'warning'),
      finding(2, 'info'),
    ]);
    expect([a!.annotation_level, b!.annotation_level, c!.annotation_level]).toEqual([
      'failure',
      'warning',
      'notice',
    ]);
    expect(a).toMatchObject({
      path: 'README.md',
      start_line: 10,
      end_line: 10,
      title: 'venue-format',
    });
  });

  it('posts 120 annotations as one create and two updates of at most 50', async () => {
    const findings = Array.from({ length: 120 }, (_, i) => finding(i, i % 3 ? 'warning' : 'error'));
    gh(
      'POST',
      '/repos/octo/papers/check-runs',
      201,
      fakeCheckRun(REPO, 77, 'curator', 'a'.repeat(40), 'failure'),
    );
    gh(
      'PATCH',
      '/repos/octo/papers/check-runs/77',
      200,
      fakeCheckRun(REPO, 77, 'curator', 'a'.repeat(40), 'failure'),
    );
    gh(
      'PATCH',
      '/repos/octo/papers/check-runs/77',
      200,
      fakeCheckRun(REPO, 77, 'curator', 'a'.repeat(40), 'failure'),
    );
    const id = await publishCheckRun(octokit(), {
      owner: 'octo',
      repo: 'papers',
      head_sha: 'a'.repeat(40),
      title: '40 errors, 80 warnings',
      summary: 'x'.repeat(70_000),
      findings,
    });
    expect(id).toBe(77);
    expect(sent.map((s) => s.op)).toEqual(['checks/create', 'checks/update', 'checks/update']);
    const bodies = sent.map(
      (s) => s.body as { output: { annotations: unknown[]; summary: string } },
    );
    expect(bodies.map((b) => b.output.annotations.length)).toEqual([
      ANNOTATIONS_PER_REQUEST,
      50,
      20,
    ]);
    expect(bodies[0]).toMatchObject({
      name: 'curator',
      status: 'completed',
      conclusion: 'failure',
    });
    expect(bodies[0]!.output.summary.length).toBeLessThanOrEqual(65_535);
    expect(bodies[0]!.output.summary).toMatch(/cut at GitHub's limit/);
  });
});

describe('suggestionBody', () => {
  it('fences the corrected line so backticks in the row cannot close the block', () => {
    expect(suggestionBody('| a | `Tag` |')).toBe('```suggestion\n| a | `Tag` |\n```');
    const body = suggestionBody('| x ```` y |');
    expect(body.startsWith('`````suggestion\n')).toBe(true);
    expect(body.endsWith('\n`````')).toBe(true);
  });
});

describe('clipComment', () => {
  it('leaves a body within the limit alone and cuts a longer one at a line break, under the limit', () => {
    expect(clipComment('short\n')).toBe('short\n');
    const rows = Array.from({ length: 5000 }, (_, i) => `| row ${i} | ${'x'.repeat(20)} |`).join(
      '\n',
    );
    const clipped = clipComment(rows);
    expect(clipped.length).toBeLessThanOrEqual(MAX_COMMENT);
    expect(clipped).toMatch(/\| row \d+ \| x{20} \|\n\n_\(cut at GitHub's comment limit/);
    expect(rows.startsWith(clipped.slice(0, clipped.indexOf('\n\n_(cut')))).toBe(true);
  });
});

describe('baseFromPatch', () => {
  const base = 'a\nb\nc\nd\ne\n';
  const head = 'a\nb\nX\nc\nd\ne\n';
  it("rebuilds the base from the head and GitHub's hunks", () => {
    expect(baseFromPatch(head, '@@ -1,4 +1,5 @@\n a\n b\n+X\n c\n d')).toBe(base);
  });
  it.each([
    ['no patch', undefined],
    ['an empty hunk', '@@ -1 +1 @@'],
    ['a hunk whose counts do not match its lines', '@@ -1,4 +1,9 @@\n a\n b\n+X\n c\n d'],
    ['context that is not in the head', '@@ -1,4 +1,5 @@\n a\n q\n+X\n c\n d'],
    ['not a patch at all', 'hello'],
  ])('gives up (null) on %s, so the caller reads the base', (_what, patch) => {
    expect(baseFromPatch(head, patch)).toBeNull();
  });
});
