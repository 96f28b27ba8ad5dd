/**
 * The App as a Lambda function: an API Gateway (HTTP API, payload 2.0) event, base64 body as API
 * Gateway sends it, handled by the same App against the in-memory GitHub.
 */
import { readFileSync } from 'node:fs';
import { Probot } from 'probot';
import { afterEach, expect, it } from 'vitest';
import { createCuratorApp } from '../../src/bot/app.js';
import { createLambdaHandler, type LambdaEvent } from '../../src/bot/lambda.js';
import { TestOctokit, testServices } from '../helpers/bot.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { withRow } from '../helpers/e2e-world.js';
import { pullRequestPayload, signature, testPrivateKey } from '../helpers/webhooks.js';

const SECRET = 'lambda-test-secret';
let fake: FakeGitHub;
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

function event(name: string, id: string, payload: unknown, secret = SECRET): LambdaEvent {
  const e = JSON.parse(
    readFileSync(new URL('../fixtures/lambda/api-gateway-v2-event.json', import.meta.url), 'utf8'),
  ) as LambdaEvent & { headers: Record<string, string> };
  const body = JSON.stringify(payload);
  e.headers['x-github-event'] = name;
  e.headers['x-github-delivery'] = id;
  e.headers['x-hub-signature-256'] = signature(secret, body);
  e.body = Buffer.from(body).toString('base64');
  return e;
}

it('a signed pull_request event through API Gateway runs the PR check; a forged one gets 400 and does nothing', async () => {
  fake = await startFakeGitHub({
    owner: 'octo',
    repo: 'papers',
    files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
  });
  fake.commitFiles(
    'add-paper',
    { 'README.md': withRow(SEED_EN(), '2509.04890', 'Funnel Budgets for KV Caches') },
    'Add a paper',
    'contributor',
  );
  const pr = fake.openPullRequest({ head: 'add-paper', title: 'Add', user: 'contributor' });
  const probot = new Probot({
    appId: 1,
    privateKey: testPrivateKey(),
    secret: SECRET,
    baseUrl: fake.url,
    logLevel: 'fatal',
    Octokit: TestOctokit,
  });
  await probot.load(createCuratorApp(testServices({ now: () => fake.clock() })));
  const handler = createLambdaHandler(probot);

  const payload = pullRequestPayload(fake, pr.number, 'opened');
  const forged = await handler(event('pull_request', 'forged-1', payload, 'wrong-secret'));
  expect(forged.statusCode).toBe(400);
  expect(fake.requests).toEqual([]);

  const ok = await handler(event('pull_request', 'delivery-1', payload));
  expect(ok).toMatchObject({ statusCode: 200 });
  const comments = fake.state.comments(pr.number).filter((c) => c.user === fake.botLogin);
  expect(comments).toHaveLength(1);
  expect(comments[0]!.body).toContain('Funnel Budgets for KV Caches');
  expect(fake.state.checkRuns.at(-1)).toMatchObject({ name: 'curator', status: 'completed' });

  const missing = await handler({ headers: {}, body: null });
  expect(missing.statusCode).toBe(400);
});
