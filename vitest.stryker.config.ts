// The vitest configuration `npm run mutate` (Stryker, stryker.config.mjs) uses: the part's own
// test folders (STRYKER_TESTS, comma-separated globs), with fewer fuzz cases (FUZZ_RUNS), since
// each mutant re-runs the tests that cover it.
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

process.env.FUZZ_RUNS ??= '60';
const include = (process.env.STRYKER_TESTS ?? 'tests/**')
  .split(',')
  .map((glob) => `${glob}/*.test.ts`);

// Not mergeConfig: it would append these globs to the suite's `tests/**/*.test.ts`.
export default defineConfig({ ...base, test: { ...base.test, include } });
