/**
 * The Action's `command: translate`, driven as a runner drives it (INPUT_* variables, the event
 * file, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY) against the in-memory GitHub: the same
 * `curator/translate` pull request the App opens, once however often it runs.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUMMARY } from '../helpers/action-summary.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../src/action/run.js';
import { readTranslateBlock, TRANSLATE_BRANCH } from '../../src/tasks/translate-pr.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { SEED_EN } from '../helpers/fixtures.js';

let dir: string;
// One summary file for every test file (see the helper), emptied before each test.
let fake: FakeGitHub | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'curator-action-'));
  mkdirSync(join(dir, 'ws'), { recursive: true });
  writeFileSync(join(dir, 'ws', 'README.md'), SEED_EN());
  writeFileSync(join(dir, 'output'), '');
  writeFileSync(SUMMARY, '');
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  if (fake) {
    expect(fake.violations).toEqual([]);
    await fake.close();
    fake = null;
  }
});

function runner(inputs: Record<string, string>) {
  writeFileSync(
    join(dir, 'event.json'),
    JSON.stringify({ repository: { default_branch: 'main' } }),
  );
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_REPOSITORY: 'octo/papers',
    GITHUB_WORKSPACE: join(dir, 'ws'),
    GITHUB_SHA: fake!.state.branchSha('main')!,
    GITHUB_API_URL: fake!.url,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: SUMMARY,
    INPUT_TOKEN: 'ghs_test_token_not_real',
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
}

const go = () =>
  run({ env: process.env, fetch: globalThis.fetch, now: () => new Date(), sleep: async () => {} });

describe('the Action: command translate', () => {
  it('opens the curator/translate PR with README_CN.md, sets pull-request-url; a second run writes nothing', async () => {
    fake = await startFakeGitHub({
      owner: 'octo',
      repo: 'papers',
      files: { 'README.md': SEED_EN() },
    });
    const main = fake.state.branchSha('main')!;
    runner({ command: 'translate' });
    const result = await go();
    expect(result).toMatchObject({ command: 'translate', failed: null });
    const prs = fake.state.pulls.filter((p) => p.head.ref === TRANSLATE_BRANCH);
    expect(prs).toHaveLength(1);
    expect(readTranslateBlock(prs[0]!.body ?? '')).toMatchObject({ base: main });
    expect(fake.state.fileAt(TRANSLATE_BRANCH, 'README_CN.md')).toContain('## 📚 综述论文');
    expect(result.pullRequestUrl).toBe(`https://github.com/octo/papers/pull/${prs[0]!.number}`);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toContain(result.pullRequestUrl);
    expect(readFileSync(SUMMARY, 'utf8')).toContain('### awesome-curator translate');

    const sha = fake.state.branchSha(TRANSLATE_BRANCH);
    const again = await go();
    expect(again.failed).toBeNull();
    expect(fake.state.pulls.filter((p) => p.head.ref === TRANSLATE_BRANCH)).toHaveLength(1);
    expect(fake.state.branchSha(TRANSLATE_BRANCH)).toBe(sha);
  });

  it('dry-run: decides, says what it would open, writes nothing', async () => {
    fake = await startFakeGitHub({
      owner: 'octo',
      repo: 'papers',
      files: { 'README.md': SEED_EN() },
    });
    runner({ command: 'translate', 'dry-run': 'true' });
    const result = await go();
    expect(result.failed).toBeNull();
    expect(fake.state.pulls).toEqual([]);
    expect(fake.state.branchSha(TRANSLATE_BRANCH)).toBeFalsy();
    expect(readFileSync(SUMMARY, 'utf8')).toContain(
      '[dry run] Would open a pull request that writes `README_CN.md`',
    );
  });
});
