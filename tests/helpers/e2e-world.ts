/**
 * One end-to-end world: the in-memory GitHub repository (the seed-like pair and a config), the
 * real Probot server running the curator App against it, the recorded arXiv feed, and helpers
 * that act like people (comment, send a delivery) and wait until the App is done.
 */
import type { Logger } from 'probot';
import { expect } from 'vitest';
import { createCuratorApp } from '../../src/bot/app.js';
import type { BotServices } from '../../src/bot/services.js';
import { testServices } from './bot.js';
import { fakeArxiv } from './fake-arxiv.js';
import { startFakeGitHub } from './fake-github.js';
import { SEED_CN, SEED_EN } from './fixtures.js';
import { issueCommentPayload, sendDelivery, startCuratorServer } from './webhooks.js';

export const SECRET = 'test-secret';
const CONFIG = 'arxiv:\n  maxPapers: 5\n';

export interface WorldOptions {
  /**
   * The fake GitHub sends the App the deliveries of its own writes, as GitHub does (a pull
   * request it opens, a branch it pushes, a PR it closes, a comment it posts: see the fake's
   * `deliverTo`); `send`, `comment` and `settle` wait for those too.
   */
  deliverOwnEvents?: boolean;
  /** The fake's `allowViolations`: for a test that sends undocumented requests on purpose. */
  allowViolations?: boolean;
  /** The server's `ackTimeoutMs` (how long Probot waits before it answers 202). */
  ackTimeoutMs?: number;
  /** The repository's files instead of the seed-like pair and the config. */
  files?: Record<string, string>;
}

export async function startWorld(
  onStop: (stop: () => Promise<unknown>) => void,
  services: Partial<BotServices> = {},
  log?: Logger,
  options: WorldOptions = {},
) {
  const fake = await startFakeGitHub({
    owner: 'octo',
    repo: 'papers',
    files: options.files ?? {
      'README.md': SEED_EN(),
      'README_CN.md': SEED_CN(),
      '.github/curator.yml': CONFIG,
    },
    collaborators: { maintainer: 'maintain', contributor: 'read' },
    ...(options.allowViolations ? { allowViolations: true } : {}),
  });
  const arxiv = fakeArxiv();
  let server: Awaited<ReturnType<typeof startCuratorServer>>;
  try {
    server = await startCuratorServer({
      fakeUrl: fake.url,
      appFn: createCuratorApp(
        testServices({ fetch: arxiv.fetch, now: () => fake.clock(), ...services }),
      ),
      secret: SECRET,
      ...(log ? { log } : {}),
      ...(options.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: options.ackTimeoutMs }),
    });
  } catch (error) {
    await fake.close();
    throw error;
  }
  if (options.deliverOwnEvents) fake.deliverTo({ url: server.url, secret: SECRET });
  /**
   * Resolves once the App is idle and the fake has no delivery of the App's own events left to
   * send (each may start more work, which may write and cause more events: until both are quiet).
   */
  const settle = async () => {
    for (;;) {
      const events = fake.ownEvents.length;
      await fake.settle();
      await server.idle();
      if (fake.ownEvents.length === events) return;
    }
  };
  // The App finishes what it started, then both stop; close() rejects on OpenAPI violations.
  onStop(async () => {
    try {
      await settle();
    } finally {
      try {
        await server.stop();
      } finally {
        await fake.close();
      }
    }
  });
  let deliveries = 0;
  /**
   * Sends a signed delivery; Probot answers 200 once the handlers finish, or 202 when they take
   * longer (9 s, a busy machine) and go on: either way this returns once the App is idle.
   */
  const send = async (event: string, payload: unknown, id = `delivery-${++deliveries}`) => {
    const res = await sendDelivery(server.url, { event, id, payload, secret: SECRET });
    expect([200, 202], `delivery ${id} answered ${res.status}: ${res.body}`).toContain(res.status);
    await settle();
    return id;
  };
  const comment = async (issue: number, body: string, user = 'maintainer') => {
    const c = fake.addComment(issue, { body, user });
    await send('issue_comment', issueCommentPayload(fake, issue, c.id, 'created'));
    return c;
  };
  const botComments = (issue: number) =>
    fake.state.comments(issue).filter((c) => c.user === fake.botLogin);
  return { fake, server, send, comment, botComments, settle };
}

/**
 * Runs every stop a test registered, the last first, even when one fails; then throws the first
 * failure (a fake's close() that saw OpenAPI violations, say). Empties the list.
 */
export async function stopAll(stops: (() => Promise<unknown>)[]): Promise<void> {
  const errors: unknown[] = [];
  for (const stop of stops.splice(0).reverse()) {
    try {
      await stop();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length) throw errors[0];
}

const row = (id: string, title: string) =>
  `| [${title}](https://arxiv.org/abs/${id}) | arXiv 2025.09 | \`Eviction\` | - | Keeps a smaller KV cache per layer while decoding long inputs. |`;

/** README.md with a row added above an existing one. */
export function withRow(text: string, id: string, title: string, raw?: string): string {
  const lines = text.split('\n');
  lines.splice(
    lines.findIndex((l) => l.includes('2403.12968')),
    0,
    raw ?? row(id, title),
  );
  return lines.join('\n');
}
