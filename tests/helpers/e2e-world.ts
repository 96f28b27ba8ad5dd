/**
 * One end-to-end world: the in-memory GitHub repository (the seed-like pair and a config), the
 * real Probot server running the curator App against it, the recorded arXiv feed, and helpers
 * that act like people (comment, send a delivery).
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

export async function startWorld(
  onStop: (stop: () => Promise<unknown>) => void,
  services: Partial<BotServices> = {},
  log?: Logger,
) {
  const fake = await startFakeGitHub({
    owner: 'octo',
    repo: 'papers',
    files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN(), '.github/curator.yml': CONFIG },
    collaborators: { maintainer: 'maintain', contributor: 'read' },
  });
  const arxiv = fakeArxiv();
  const server = await startCuratorServer({
    fakeUrl: fake.url,
    appFn: createCuratorApp(
      testServices({ fetch: arxiv.fetch, now: () => fake.clock(), ...services }),
    ),
    secret: SECRET,
    ...(log ? { log } : {}),
  });
  onStop(() => fake.close());
  onStop(() => server.stop());
  let deliveries = 0;
  const send = async (event: string, payload: unknown, id = `delivery-${++deliveries}`) => {
    const res = await sendDelivery(server.url, { event, id, payload, secret: SECRET });
    expect(res.status).toBe(200);
    return id;
  };
  const comment = async (issue: number, body: string, user = 'maintainer') => {
    const c = fake.addComment(issue, { body, user });
    await send('issue_comment', issueCommentPayload(fake, issue, c.id, 'created'));
    return c;
  };
  const botComments = (issue: number) =>
    fake.state.comments(issue).filter((c) => c.user === fake.botLogin);
  return { fake, server, send, comment, botComments };
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
