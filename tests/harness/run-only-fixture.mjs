/**
 * Runs tests/fixtures/only/only.fixture.ts (a file with `it.only`) with the project's own
 * vitest.config.ts, as `vitest run` would run a test file, and exits with vitest's exit code.
 * `--allow-only` overrides the config's `allowOnly` (the control). Used by tests/harness/only.test.ts.
 */
import { startVitest } from 'vitest/node';

const vitest = await startVitest('test', [], {
  config: 'vitest.config.ts',
  include: ['tests/fixtures/only/*.fixture.ts'],
  watch: false,
  globalSetup: [],
  maxWorkers: 1,
  ...(process.argv.includes('--allow-only') ? { allowOnly: true } : {}),
});
await vitest?.close();
process.exit(process.exitCode ?? 0);
