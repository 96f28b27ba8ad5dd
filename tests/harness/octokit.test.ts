/**
 * The Octokit the harness gives the App (tests/helpers/bot.ts `TestOctokit`) is production's:
 * retry and throttling on, with only their clocks instant. A 5xx is retried, a primary rate limit
 * is retried after its reset (an hour away here: only an instant clock gets there; the retry is
 * the throttling plugin's, so it is on).
 */
import { afterEach, expect, it } from 'vitest';
import { TestOctokit } from '../helpers/bot.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let fake: FakeGitHub;
afterEach(async () => {
  await fake.close();
});

async function client() {
  fake = await startFakeGitHub({ owner: 'octo', repo: 'papers', files: { 'README.md': '# x\n' } });
  return new TestOctokit({ baseUrl: fake.url, auth: { token: 'ghs_test' }, log: quiet });
}
const readme = { owner: 'octo', repo: 'papers', path: 'README.md' };
const reads = () => fake.requests.filter((q) => q.path.startsWith('/repos/octo/papers/contents/'));

it('retries a 5xx three times, as production does', async () => {
  const gh = await client();
  fake.fault({ method: 'GET', path: /\/contents\/README\.md$/, status: 502, times: 3 });
  const { data } = await gh.rest.repos.getContent(readme);
  expect(data).toMatchObject({ path: 'README.md' });
  expect(reads()).toHaveLength(4);
  fake.fault({ method: 'GET', path: /\/contents\/README\.md$/, status: 500, times: 4 });
  await expect(gh.rest.repos.getContent(readme)).rejects.toMatchObject({ status: 500 });
  expect(reads()).toHaveLength(8);
});

it('retries after a primary rate limit once its reset has passed (an hour, on an instant clock)', async () => {
  const gh = await client();
  const reset = String(Math.floor(Date.now() / 1000) + 3600);
  fake.fault({
    method: 'GET',
    path: /\/contents\/README\.md$/,
    status: 403,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    body: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest' },
  });
  const { data } = await gh.rest.repos.getContent(readme);
  expect(data).toMatchObject({ path: 'README.md' });
  expect(reads()).toHaveLength(2);
});
