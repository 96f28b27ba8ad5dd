import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeComment, fakeFileContent, fakeUser, NOT_FOUND } from '../helpers/github-fakes.js';
import { githubNock } from '../helpers/github-nock.js';
import { documentedExample } from '../helpers/github-openapi.js';
import { atomFeed } from '../helpers/arxiv-feed.js';
import { completion, papersOf, type ChatRequestBody } from '../helpers/openai.js';
import { exampleDelivery, NOW, testProbot, testServices } from '../helpers/bot.js';
import { SEED_EN } from '../helpers/fixtures.js';

const REPO = 'octo/papers';
const BOT = fakeUser('awesome-curator[bot]', 900, 'Bot');
const { gh, sent, verify } = githubNock();
afterEach(() => {
  verify();
  nock.cleanAll();
});

interface CommentOptions {
  login?: string;
  association?: string;
  type?: 'User' | 'Bot';
  issueAuthor?: string;
  onPull?: boolean;
  id?: number;
  issueBody?: string;
}
function commentDelivery(body: string, o: CommentOptions = {}) {
  // Each comment is its own delivery (GitHub's X-GitHub-Delivery id): the App handles an id once.
  return { ...commentPayload(body, o), id: `delivery-comment-${o.id ?? 5001}` };
}
function commentPayload(body: string, o: CommentOptions) {
  return exampleDelivery<{
    comment: {
      id: number;
      body: string;
      user: { login: string; type: string };
      author_association: string;
    };
    issue: {
      number: number;
      body: string | null;
      title: string;
      user: { login: string };
      pull_request?: unknown;
    };
  }>('issue_comment', 'created', (p) => {
    p.comment.id = o.id ?? 5001;
    p.comment.body = body;
    p.comment.user.login = o.login ?? 'alice';
    p.comment.user.type = o.type ?? 'User';
    p.comment.author_association = o.association ?? 'COLLABORATOR';
    p.issue.number = 9;
    p.issue.user.login = o.issueAuthor ?? 'carol';
    p.issue.title = 'Paper suggestions';
    p.issue.body = o.issueBody ?? '';
    if (o.onPull)
      p.issue.pull_request = {
        url: `https://api.github.com/repos/${REPO}/pulls/9`,
        html_url: `https://github.com/${REPO}/pull/9`,
        diff_url: `https://github.com/${REPO}/pull/9.diff`,
        patch_url: `https://github.com/${REPO}/pull/9.patch`,
      };
    else delete p.issue.pull_request;
  });
}

function auth() {
  gh('POST', '/app/installations/42/access_tokens', 201, {
    token: 'ghs_test_token_not_real',
    expires_at: '2026-11-28T13:00:00Z',
  });
  const app = documentedExample('GET', '/app', 200) as { slug: string };
  app.slug = 'awesome-curator';
  gh('GET', '/app', 200, app);
}
function noConfig() {
  gh('GET', '/repos/octo/papers/contents/.github%2Fcurator.yml', 404, NOT_FOUND);
  gh('GET', '/repos/octo/.github/contents/.github%2Fcurator.yml', 404, NOT_FOUND);
}
function config(yaml: string) {
  // Probot's config plugin asks for the raw file (`application/vnd.github.v3.raw`).
  gh('GET', '/repos/octo/papers/contents/.github%2Fcurator.yml', 200, yaml);
}
function botComments(bodies: { body: string; at?: string }[]) {
  gh(
    'GET',
    '/repos/octo/papers/issues/9/comments?per_page=100',
    200,
    bodies.map((b, i) => ({
      ...fakeComment(REPO, 9, 7000 + i, b.body, BOT),
      created_at: b.at ?? '2026-11-28T11:30:00Z',
    })),
  );
}
const reaction = (_content: 'eyes' | 'rocket' | 'confused') =>
  gh(
    'POST',
    '/repos/octo/papers/issues/comments/5001/reactions',
    201,
    documentedExample('POST', '/repos/octo/papers/issues/comments/1/reactions', 201),
  );
/** The reactions sent, in order. */
const reactionsSent = () =>
  sent
    .filter((s) => s.op === 'reactions/create-for-issue-comment')
    .map((s) => (s.body as { content: string }).content);
function reply() {
  gh('POST', '/repos/octo/papers/issues/9/comments', 201, fakeComment(REPO, 9, 8001, 'x', BOT));
}
const replyBody = () =>
  (sent.find((s) => s.op === 'issues/create-comment')!.body as { body: string }).body;
function readme(ref: string, text = SEED_EN()) {
  gh(
    'GET',
    `/repos/octo/papers/contents/README.md?ref=${ref}`,
    200,
    fakeFileContent(REPO, 'README.md', text, ref),
  );
}
function permission(role: string) {
  const reply = documentedExample('GET', '/repos/octo/papers/collaborators/x/permission', 200) as {
    permission: string;
    role_name: string;
    user: { role_name?: string };
  };
  reply.permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
  reply.role_name = role;
  // GitHub's example lacks the collaborator's role_name that its schema requires.
  reply.user.role_name = role;
  gh('GET', /\/repos\/octo\/papers\/collaborators\/[^/]+\/permission$/, 200, reply);
}

const KV_PAPER = {
  id: '2509.04890',
  title: 'Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding',
  summary:
    'We study how to allocate the key-value cache budget across transformer layers during decoding. Our method evicts tokens from upper layers more aggressively, which keeps accuracy while shrinking the KV cache for long-context inference.',
};
function arxiv(entries: { id: string; version?: number; title: string; summary: string }[]) {
  const asked: string[] = [];
  nock('https://export.arxiv.org')
    .get('/api/query')
    .query((q) => {
      asked.push(String(q['id_list']));
      return true;
    })
    .reply(200, atomFeed(entries), { 'content-type': 'application/atom+xml' });
  return asked;
}

describe('/classify', () => {
  it('answers a collaborator with a table of verdicts: 👀 first, then the reply, then 🚀', async () => {
    auth();
    noConfig();
    botComments([]);
    reaction('eyes');
    const asked = arxiv([{ ...KV_PAPER, version: 2 }]);
    readme('main');
    reply();
    reaction('rocket');

    await testProbot().receive(commentDelivery('/classify https://arxiv.org/abs/2509.04890v2'));

    expect(reactionsSent()).toEqual(['eyes', 'rocket']);
    expect(asked).toEqual(['2509.04890v2']);
    const body = replyBody();
    expect(body.startsWith('<!-- awesome-curator:classify reply-to=5001 -->')).toBe(true);
    expect(body).toContain('| Paper | Section | Confidence | Why | Suggested tags |');
    const row = body.split('\n').find((l) => l.includes('Funnel Budgets'))!;
    expect(row).toContain('(https://arxiv.org/abs/2509.04890)');
    // The offline classifier places a KV-cache eviction paper in the KV cache section.
    expect(row).toMatch(/KV Cache/i);
    expect(body).toContain("offline, from the list's own guidelines");
  });

  it('uses the LLM when the server has OPENAI_API_KEY, and never shows the key', async () => {
    auth();
    noConfig();
    botComments([]);
    reaction('eyes');
    arxiv([KV_PAPER]);
    readme('main');
    let auth_header = '';
    nock('https://api.openai.com')
      .post('/v1/chat/completions')
      .reply(function (_uri, body) {
        auth_header = String(this.req.headers['authorization']);
        return [
          200,
          completion(
            JSON.stringify({
              verdicts: [
                {
                  id: papersOf(body as ChatRequestBody)[0]!.id,
                  category: 'none',
                  confidence: 0.91,
                  rationale: 'A serving paper about cache budgets, outside this list.',
                  runner_up: null,
                  tags: [],
                  tldr: 'Allocates KV cache budget by layer.',
                },
              ],
            }),
          ),
        ];
      });
    reply();
    reaction('rocket');

    const key = 'sk-test-not-a-real-key-123456';
    await testProbot(testServices({ env: { OPENAI_API_KEY: key } })).receive(
      commentDelivery('/classify 2509.04890'),
    );

    expect(auth_header).toBe(`Bearer ${key}`);
    const body = replyBody();
    expect(body).toContain('by the LLM');
    expect(body).toContain('does not belong in this list');
    expect(body).toContain('0.91');
    expect(JSON.stringify(sent)).not.toContain(key);
  });

  it('with no arguments on a pull request, classifies the papers the pull request adds', async () => {
    auth();
    noConfig();
    botComments([]);
    reaction('eyes');
    const pr = documentedExample('GET', '/repos/octo/papers/pulls/9', 200) as {
      number: number;
      requested_teams: unknown[];
      base: { sha: string };
      head: { sha: string };
    };
    pr.number = 9;
    // GitHub's example team lacks the `type` its schema requires.
    pr.requested_teams = [];
    pr.base.sha = '1'.repeat(40);
    pr.head.sha = '2'.repeat(40);
    gh('GET', '/repos/octo/papers/pulls/9', 200, pr);
    const row = `| [${KV_PAPER.title}](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | \`Eviction\` | - | Gives lower layers more KV cache budget than upper layers while decoding. |`;
    const lines = SEED_EN().split('\n');
    lines.splice(
      lines.findIndex((l) => l.includes('2403.12968')),
      0,
      row,
    );
    readme('1'.repeat(40));
    readme('2'.repeat(40), lines.join('\n'));
    reply();
    reaction('rocket');

    await testProbot().receive(commentDelivery('/classify', { onPull: true }));

    const body = replyBody();
    const tableRows = body.split('\n').filter((l) => l.startsWith('| [') || l.startsWith('| F'));
    expect(tableRows).toHaveLength(1);
    expect(tableRows[0]).toContain('Funnel Budgets');
  });

  it('on an issue with no arguments, classifies the arXiv links in the issue', async () => {
    auth();
    noConfig();
    botComments([]);
    reaction('eyes');
    const asked = arxiv([KV_PAPER]);
    readme('main');
    reply();
    reaction('rocket');

    await testProbot().receive(
      commentDelivery('/classify', {
        issueBody: 'Please add https://arxiv.org/pdf/2509.04890 and also arXiv:2509.04890 again.',
      }),
    );
    expect(asked).toEqual(['2509.04890']);
    expect(replyBody()).toContain('Funnel Budgets');
  });

  it('sanitises what arXiv returns: no HTML, no mentions, no broken table', async () => {
    auth();
    noConfig();
    botComments([]);
    reaction('eyes');
    arxiv([
      {
        ...KV_PAPER,
        title: 'KV | cache <img src=x onerror=alert(1)> eviction @everyone',
      },
    ]);
    readme('main');
    reply();
    reaction('rocket');
    await testProbot().receive(commentDelivery('/classify 2509.04890'));
    const body = replyBody();
    expect(body).not.toMatch(/<img|onerror=alert\(1\)>|@everyone/);
    const row = body.split('\n').find((l) => l.includes('eviction'))!;
    expect(row).toContain('KV \\| cache');
    // Six cells: the escaped pipe did not add a column.
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(5);
  });

  it('someone without permission gets one polite reply, and no second one', async () => {
    auth();
    noConfig();
    botComments([]);
    permission('read');
    reply();
    const probot = testProbot();
    await probot.receive(commentDelivery('/classify 2509.04890', { association: 'NONE' }));
    const body = replyBody();
    expect(body).toContain('<!-- awesome-curator:denied user=alice -->');
    expect(body).toContain('collaborators of this repository and the author of this thread');
    verify();

    noConfig();
    botComments([{ body: body }]);
    permission('read');
    await probot.receive(
      commentDelivery('/classify 2509.04890', { association: 'NONE', id: 5002 }),
    );
    expect(sent.filter((s) => s.op === 'issues/create-comment')).toEqual([]);
  });

  it('the author of the issue may run it; `maintainers` asks for write access', async () => {
    auth();
    noConfig();
    botComments([]);
    reaction('eyes');
    arxiv([KV_PAPER]);
    readme('main');
    reply();
    reaction('rocket');
    const probot = testProbot();
    await probot.receive(
      commentDelivery('/classify 2509.04890', { association: 'NONE', issueAuthor: 'alice' }),
    );
    expect(replyBody()).toContain('Funnel Budgets');
    verify();

    config('commands:\n  allow: maintainers\n');
    botComments([]);
    permission('triage');
    reply();
    await probot.receive(
      commentDelivery('/classify 2509.04890', { association: 'MEMBER', id: 5004 }),
    );
    expect(replyBody()).toContain('people with write access');
  });

  it('ignores bots (no request at all) and edited comments', async () => {
    await testProbot().receive(commentDelivery('/classify 2509.04890', { type: 'Bot' }));
    const edited = commentDelivery('/classify 2509.04890');
    (edited.payload as { action: string }).action = 'edited';
    await testProbot().receive(edited);
    await testProbot().receive(commentDelivery('Thanks! /classify is neat'));
    expect(sent).toEqual([]);
  });

  it('a redelivered comment finds its reply and does nothing more', async () => {
    auth();
    noConfig();
    botComments([{ body: '<!-- awesome-curator:classify reply-to=5001 -->\nold reply' }]);
    await testProbot().receive(commentDelivery('/classify 2509.04890'));
    expect(sent.map((s) => s.op)).toEqual([
      'apps/get-authenticated',
      'apps/create-installation-access-token',
      'repos/get-content',
      'repos/get-content',
      'issues/list-comments',
    ]);
  });

  it('the hourly limit per thread stops the sixth answer, says when to retry, and says it once', async () => {
    const answered = [1, 2, 3, 4, 5].map((i) => ({
      body: `<!-- awesome-curator:classify reply-to=${4000 + i} -->\nreply`,
      at: new Date(NOW.getTime() - (50 - i) * 60_000).toISOString(),
    }));
    auth();
    noConfig();
    botComments(answered);
    reaction('confused');
    reply();
    const probot = testProbot();
    await probot.receive(commentDelivery('/classify 2509.04890'));
    expect(replyBody()).toContain('<!-- awesome-curator:rate-limited -->');
    expect(replyBody()).toContain('Try again after 12:11 UTC');
    expect(reactionsSent()).toEqual(['confused']);
    verify();

    noConfig();
    botComments([
      ...answered,
      { body: '<!-- awesome-curator:rate-limited -->\nlimit', at: '2026-11-28T11:59:00Z' },
    ]);
    gh(
      'POST',
      '/repos/octo/papers/issues/comments/5003/reactions',
      201,
      documentedExample('POST', '/repos/octo/papers/issues/comments/1/reactions', 201),
    );
    await probot.receive(commentDelivery('/classify 2509.04890', { id: 5003 }));
    expect(sent.filter((s) => s.op === 'issues/create-comment')).toEqual([]);
  });

  it('an arXiv outage ends in a reply that says so, and 😕', async () => {
    auth();
    noConfig();
    botComments([]);
    reaction('eyes');
    nock('https://export.arxiv.org')
      .get('/api/query')
      .query(true)
      .times(4)
      .reply(503, 'Service Unavailable', { 'retry-after': '1' });
    reply();
    reaction('confused');
    await testProbot().receive(commentDelivery('/classify 2509.04890'));
    expect(replyBody()).toMatch(/did not finish: arXiv could not be reached/);
    expect(replyBody()).toContain('Nothing was changed');
    expect(reactionsSent()).toEqual(['eyes', 'confused']);
  });

  it('an invalid config is answered with the key path and the fix', async () => {
    auth();
    config('commands:\n  allow: anyone\n');
    reaction('confused');
    reply();
    await testProbot().receive(commentDelivery('/classify 2509.04890'));
    expect(replyBody()).toMatch(/commands\.allow/);
    expect(replyBody()).toMatch(/maintainers.*collaborators.*everyone/);
  });
});

describe('/classify under `commands.allow: collaborators` (issue 18)', () => {
  it.each(['CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR', 'FIRST_TIMER', 'NONE'])(
    'a %s who is not the thread author and has read access is refused, with one polite reply',
    async (association) => {
      auth();
      config('commands:\n  allow: collaborators\n');
      botComments([]);
      permission('read');
      reply();
      await testProbot().receive(
        commentDelivery('/classify 2509.04890', { association, issueAuthor: 'carol' }),
      );
      const body = replyBody();
      expect(body).toContain('<!-- awesome-curator:denied user=alice -->');
      expect(body).toContain('collaborators of this repository and the author of this thread');
      expect(reactionsSent()).toEqual([]);
      expect(sent.map((s) => s.op)).not.toContain('reactions/create-for-issue-comment');
    },
  );
});

describe('the failure reply is sanitised (issue 18: one layer of secret redaction)', () => {
  it('a GitHub error that echoes a token is answered with [redacted], never the token', async () => {
    const token = 'ghs_echoedTokenNotReal0123456789';
    auth();
    noConfig();
    botComments([]);
    reaction('eyes');
    gh('GET', '/repos/octo/papers/pulls/9', 404, {
      message: `Not Found for ${token}`,
      documentation_url: 'https://docs.github.com/rest/pulls/pulls#get-a-pull-request',
    });
    reply();
    reaction('confused');
    await testProbot().receive(commentDelivery('/classify', { onPull: true }));
    const body = replyBody();
    expect(body).toContain('The command did not finish: 404: Not Found for [redacted]');
    expect(body).not.toContain(token);
    expect(reactionsSent()).toEqual(['eyes', 'confused']);
  });
});
