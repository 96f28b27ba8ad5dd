/**
 * A Probot instance running the curator App against nock (retry and throttle off, quiet logs), and
 * webhook deliveries made from GitHub's own examples (`@octokit/webhooks-examples`) pointed at the
 * test repository `octo/papers`, installation 42.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { Probot, ProbotOctokit } from 'probot';
import { createCuratorApp } from '../../src/bot/app.js';
import type { BotServices } from '../../src/bot/services.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as {
  name: string;
  examples: { action?: string; [k: string]: unknown }[];
}[];

/**
 * Probot's octokit with retries and throttling off. The function form is needed: Probot layers its
 * own throttle options over plain defaults, which switches the throttle (1 s between writes) back on.
 */
export const QuietOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options['throttle'] as object), enabled: false },
}));

export const NOW = new Date('2026-11-28T12:00:00Z');

let key: string | null = null;
export function testKey(): string {
  key ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  return key;
}

export function testServices(over: Partial<BotServices> = {}): BotServices {
  return {
    fetch: globalThis.fetch,
    env: {},
    now: () => NOW,
    sleep: async () => {},
    scheduler: false,
    ...over,
  };
}

export function testProbot(services: BotServices = testServices()): Probot {
  const p = new Probot({
    appId: 1,
    privateKey: testKey(),
    logLevel: 'fatal',
    Octokit: QuietOctokit,
  });
  p.load(createCuratorApp(services));
  return p;
}

/** GitHub's example delivery for `name.action`, pointed at octo/papers and installation 42. */
export function exampleDelivery<T = Record<string, unknown>>(
  name: string,
  action: string | undefined,
  change: (payload: T) => void,
) {
  const example = examples
    .find((e) => e.name === name)!
    .examples.find((e) => action === undefined || e.action === action)!;
  const payload = structuredClone(example) as {
    repository: {
      name: string;
      full_name: string;
      default_branch: string;
      owner: { login: string };
    };
    installation?: { id: number; node_id: string };
  };
  payload.repository.name = 'papers';
  payload.repository.full_name = 'octo/papers';
  payload.repository.owner.login = 'octo';
  payload.repository.default_branch = 'main';
  payload.installation = { id: 42, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI=' };
  change(payload as T);
  return { id: `delivery-${name}-${action}`, name: name as never, payload: payload as never };
}
