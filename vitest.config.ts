import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // nock refuses every non-local host in every test file (tests/setup/no-network.ts).
    setupFiles: ['tests/setup/no-network.ts'],
    // The slim OpenAPI description the GitHub fakes check against, built once before any worker.
    globalSetup: ['tests/setup/openapi-cache.ts'],
    // `.only` left in a test file fails the run, on a laptop as in CI (vitest's default is false
    // only when $CI is set). tests/harness/only.test.ts proves it.
    allowOnly: false,
    // A safety net against a hang, never a condition: a test waits for the event it needs, and a
    // loaded machine (CI runs the suite a second time under scripts/cpu-hog.mjs) may be slow.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Vitest leaves one core idle by default (cores - 1): on a 2-core runner that is one worker.
    // The suite is CPU-bound, so it uses them all.
    maxWorkers: availableParallelism(),
    // A worker's test files share their loaded modules (no fresh module graph per file): loading
    // Probot, Octokit and the sources again for each of the 124 files took over 40% of the run
    // (174 s isolated, 97 s not, on a slow day of the 2-core host). What a file changes outside
    // itself must be undone by the file (env, timers, nock); singletons are shared on purpose
    // (tests/helpers/action-summary.ts). The suite passes with its files in shuffled orders
    // (`--sequence.shuffle.files`), so no file depends on another having run first.
    isolate: false,
  },
});
