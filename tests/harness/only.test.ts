/**
 * `.only` left in a test file fails the run (vitest.config.ts `allowOnly: false`), with or without
 * $CI: the project's config runs a fixture file holding `it.only`, and the run fails; the control
 * run, with `allowOnly` turned back on, passes, so the failure is the `.only` and nothing else.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = fileURLToPath(new URL('./run-only-fixture.mjs', import.meta.url));

function run(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['CI'];
  delete env['VITEST'];
  delete env['VITEST_WORKER_ID'];
  delete env['VITEST_POOL_ID'];
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, env, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

it('a run of a file with it.only fails, with $CI unset; with allowOnly on it passes', () => {
  const banned = run();
  expect(banned.output).toMatch(/Unexpected \.only modifier/);
  expect(banned.status).toBe(1);
  const allowed = run('--allow-only');
  expect(allowed.output).not.toMatch(/Unexpected \.only modifier/);
  expect(allowed.status).toBe(0);
});
