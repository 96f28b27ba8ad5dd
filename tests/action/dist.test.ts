/**
 * The committed bundle: it is what a workflow runs, so it must be current (a fresh bundle is
 * byte-identical) and it must run under plain node, talking to GitHub over HTTP.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { startFakeGitHub } from '../helpers/fake-github.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { pushPayload } from '../helpers/webhooks.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

it('dist/index.js is the bundle of the current source (run `npm run bundle` when this fails)', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'curator-bundle-')), 'index.js');
  await run(process.execPath, ['scripts/bundle.mjs', '--out', out], { cwd: ROOT });
  const fresh = readFileSync(out);
  const committed = readFileSync(join(ROOT, 'dist/index.js'));
  expect(fresh.equals(committed)).toBe(true);
});

it('dist/index.js runs under node: a dry-run sync after a push reads the repository and writes nothing', async () => {
  const fake = await startFakeGitHub({
    owner: 'octo',
    repo: 'papers',
    files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
  });
  try {
    const before = fake.state.branchSha('main')!;
    const lines = SEED_EN().split('\n');
    lines.splice(
      lines.findIndex((l) => l.includes('2403.12968')),
      0,
      '| [Funnel Budgets for KV Caches](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `Eviction` | - | Keeps a smaller KV cache per layer while decoding. |',
    );
    const after = fake.commitFiles('main', { 'README.md': lines.join('\n') }, 'Add a paper');
    const dir = mkdtempSync(join(tmpdir(), 'curator-dist-'));
    mkdirSync(join(dir, 'ws'));
    writeFileSync(
      join(dir, 'event.json'),
      JSON.stringify(pushPayload(fake, { ref: 'refs/heads/main', before, after })),
    );
    writeFileSync(join(dir, 'output'), '');
    writeFileSync(join(dir, 'summary'), '');
    const { stdout } = await run(process.execPath, [join(ROOT, 'dist/index.js')], {
      cwd: join(dir, 'ws'),
      env: {
        PATH: process.env['PATH'] ?? '',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: join(dir, 'event.json'),
        GITHUB_REPOSITORY: 'octo/papers',
        GITHUB_WORKSPACE: join(dir, 'ws'),
        GITHUB_SHA: after,
        GITHUB_API_URL: fake.url,
        GITHUB_OUTPUT: join(dir, 'output'),
        GITHUB_STEP_SUMMARY: join(dir, 'summary'),
        INPUT_TOKEN: 'ghs_test_token_not_real',
        'INPUT_DRY-RUN': 'true',
      },
    });
    expect(stdout).toContain('awesome-curator: sync (push)');
    expect(stdout).toContain('[dry run] sync: created, 1 missing row');
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toContain('README_CN.md');
    expect(readFileSync(join(dir, 'output'), 'utf8')).toMatch(/^pull-request-url<<(\S+)\n\n\1$/m);
    expect(fake.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.violations).toEqual([]);
  } finally {
    await fake.close();
  }
});
