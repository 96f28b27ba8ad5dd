/**
 * A Probot instance running the curator App against nock (retry and throttling as in production,
 * with instant timers; quiet logs), and webhook deliveries made from GitHub's own examples
 * (`@octokit/webhooks-examples`) pointed at the test repository `octo/papers`, installation 42.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import Bottleneck from 'bottleneck';
import { Probot, ProbotOctokit } from 'probot';
import { createCuratorApp } from '../../src/bot/app.js';
import type { BotServices } from '../../src/bot/services.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as {
  name: string;
  examples: { action?: string; [k: string]: unknown }[];
}[];

/**
 * Probot's octokit as production runs it: @octokit/plugin-retry (3 retries of a 5xx or a network
 * error) and @octokit/plugin-throttling (writes spaced per installation, at most 10 requests at once,
 * token requests one at a time, a primary rate limit retried twice after its reset, a secondary
 * one reported), with Probot's own handlers; only
 * the clocks are instant, so a fault test runs the production configuration without waiting:
 *
 * - `retry.retryAfterBaseValue: 0` and `throttle.retryAfterBaseValue: 0`: a retry waits
 *   0 ms instead of 1 s, 4 s, 9 s (plugin-retry) or `retry-after` seconds (plugin-throttling);
 * - the throttle's limiter groups are production's (same `maxConcurrent`) with `minTime: 0` instead
 *   of 1 s between the starts of writes, 3 s for writes that notify, 2 s for searches. They are per worker,
 *   as production's are per process.
 *
 * The function form is needed: Probot layers its throttle options (its onRateLimit and
 * onSecondaryRateLimit) over ours, and its ProbotOctokit then over its defaults.
 */
const throttleGroups = {
  global: new Bottleneck.Group({ id: 'octokit-global', maxConcurrent: 10 }),
  auth: new Bottleneck.Group({ id: 'octokit-auth', maxConcurrent: 1 }),
  search: new Bottleneck.Group({ id: 'octokit-search', maxConcurrent: 1, minTime: 0 }),
  write: new Bottleneck.Group({ id: 'octokit-write', maxConcurrent: 1, minTime: 0 }),
  notifications: new Bottleneck.Group({
    id: 'octokit-notifications',
    maxConcurrent: 1,
    minTime: 0,
  }),
};
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { ...(options['retry'] as object), retryAfterBaseValue: 0 },
  throttle: {
    ...(options['throttle'] as object),
    retryAfterBaseValue: 0,
    ...throttleGroups,
  },
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
    Octokit: TestOctokit,
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
