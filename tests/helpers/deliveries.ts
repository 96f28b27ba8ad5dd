/**
 * Webhook deliveries as GitHub sends them: payloads built from GitHub's own examples
 * (`@octokit/webhooks-examples`) and filled in from the fake GitHub's current state, signed and
 * POSTed over HTTP. Shared by the tests (through webhooks.ts) and by the fake GitHub itself, which
 * sends the App the events of its own writes (fake-github.ts, `deliverTo`); it imports no Probot.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import type { FakeGitHub } from './fake-github.js';

const require = createRequire(import.meta.url);
type Examples = { name: string; examples: Record<string, unknown>[] }[];
let examples: Examples | undefined;

type Payload = Record<string, unknown>;
/** The sha GitHub sends for a branch that did not exist (before) or no longer does (after). */
export const ZERO = '0'.repeat(40);

/** Probot 14's default webhook path (Server's `defaultWebhookPath`). */
export const WEBHOOK_PATH = '/api/github/webhooks';

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs one signed delivery; resolves once Probot answers: 200 after its handlers finish, or 202
 * when they take longer than its timeout (9 s) and go on (then wait for the server's `idle()`).
 */
export async function sendDelivery(
  serverUrl: string,
  d: { event: string; id?: string; payload: unknown; secret: string; signature?: string },
): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(d.payload);
  const res = await fetch(`${serverUrl}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/fake',
      'x-github-event': d.event,
      'x-github-delivery': d.id ?? randomUUID(),
      'x-hub-signature-256': d.signature ?? signature(d.secret, body),
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

/** A copy of GitHub's example delivery for an event and action (the first one if no match). */
function example(name: string, action?: string): Payload {
  // Loaded on first use: the fake GitHub imports this module, most of its tests send nothing.
  examples ??= require('@octokit/webhooks-examples') as Examples;
  const group = examples.find((e) => e.name === name);
  if (!group) throw new Error(`no webhook example for ${name}`);
  const found =
    group.examples.find((e) => e.action === action) ??
    (name === 'push' ? group.examples.find((e) => (e.commits as unknown[]).length) : undefined) ??
    group.examples[0]!;
  return structuredClone(found);
}

/** repository, installation and sender, pointed at the fake. */
function common(fake: FakeGitHub, payload: Payload, sender: string): Payload {
  return {
    ...payload,
    repository: { ...(payload.repository as Payload), ...fake.render.repo() },
    installation: {
      id: fake.installationId,
      node_id: `MDIzOkludGVncmF0aW9u${fake.installationId}`,
    },
    sender: fake.render.user(sender),
  };
}

export function pullRequestPayload(
  fake: FakeGitHub,
  n: number,
  action: string,
  extra: Payload = {},
): Payload {
  const p = example('pull_request', action);
  const pr = fake.render.pull(n);
  const payload: Payload = {
    ...p,
    action,
    number: n,
    pull_request: { ...(p.pull_request as Payload), ...pr },
  };
  if (action === 'synchronize') {
    payload.after = pr.head.sha;
    payload.before = fake.state.gitCommit(pr.head.sha)?.parents[0] ?? ZERO;
  }
  return { ...common(fake, payload, pr.user.login), ...extra };
}

export function issuesPayload(
  fake: FakeGitHub,
  n: number,
  action: string,
  extra: Payload = {},
): Payload {
  const p = example('issues', action);
  const issue = fake.render.issue(n);
  const payload = { ...p, action, issue: { ...(p.issue as Payload), ...issue } };
  return { ...common(fake, payload, issue.user.login), ...extra };
}

export function issueCommentPayload(
  fake: FakeGitHub,
  issueNumber: number,
  commentId: number,
  action: string,
  extra: Payload = {},
): Payload {
  const p = example('issue_comment', action);
  const comment = fake.render.comment(commentId);
  const payload = {
    ...p,
    action,
    issue: { ...(p.issue as Payload), ...fake.render.issue(issueNumber) },
    comment: { ...(p.comment as Payload), ...comment },
  };
  return { ...common(fake, payload, comment.user.login), ...extra };
}

/**
 * A push of `after` onto `ref` (e.g. 'refs/heads/main'); `before` all zeros for a new branch,
 * `after` all zeros for a deleted one; `forced` when `after` does not descend from `before`.
 */
export function pushPayload(
  fake: FakeGitHub,
  push: { ref: string; before: string; after: string; pusher?: string; forced?: boolean },
): Payload {
  const p = example('push');
  const pusher = push.pusher ?? fake.owner;
  const deleted = push.after === ZERO;
  const shas = deleted
    ? []
    : fake.state.commitsBetween(
        push.before === ZERO ? fake.defaultBranch : push.before,
        push.after,
      );
  const commits = shas.map((sha) => {
    const c = fake.state.gitCommit(sha)!;
    const files = fake.state.changedFiles(c.parents[0] ?? sha, sha);
    const paths = (status: string) => files.filter((f) => f.status === status).map((f) => f.path);
    const who = { name: c.author.name, email: c.author.email, username: c.author.name };
    return {
      id: sha,
      tree_id: c.tree,
      distinct: true,
      message: c.message,
      timestamp: c.author.date,
      url: `https://github.com/${fake.fullName}/commit/${sha}`,
      author: who,
      committer: who,
      added: paths('added'),
      removed: paths('removed'),
      modified: paths('modified'),
    };
  });
  const repository = p.repository as Payload;
  const payload: Payload = {
    ...p,
    ref: push.ref,
    before: push.before,
    after: push.after,
    created: push.before === ZERO,
    deleted,
    forced: push.forced ?? false,
    base_ref: null,
    compare: `https://github.com/${fake.fullName}/compare/${push.before.slice(0, 12)}...${push.after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
    pusher: { name: pusher, email: `${pusher}@users.noreply.github.com` },
  };
  const out = common(fake, payload, pusher);
  // Push deliveries keep the repository's timestamps as Unix seconds.
  Object.assign(out.repository as Payload, {
    created_at: repository.created_at,
    pushed_at: repository.pushed_at,
  });
  return out;
}
