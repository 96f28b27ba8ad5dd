// `npm run mutate` (scripts/mutate.mjs) runs Stryker once per part named in issue 18, each part
// against its own tests: MUTATE_PART picks the part. A mutant is run only against the tests that
// cover it (perTest), through vitest.stryker.config.ts, which keeps only the part's test folders
// (STRYKER_TESTS). The score is therefore a lower bound: the whole suite can only kill more.
// Static mutants (code run once at import: rule tables, constant regexes) would each re-run
// every test file, hours per part; they are ignored and counted in docs/reliability.md.
const PARTS = {
  list: { mutate: ['src/list/**/*.ts'], tests: ['tests/list/**', 'tests/mutants/**'] },
  lint: { mutate: ['src/lint/**/*.ts'], tests: ['tests/lint/**', 'tests/mutants/**'] },
  sync: { mutate: ['src/sync/**/*.ts'], tests: ['tests/sync/**', 'tests/mutants/**'] },
  tasks: { mutate: ['src/tasks/**/*.ts'], tests: ['tests/tasks/**', 'tests/mutants/**'] },
  bot: { mutate: ['src/bot/**/*.ts'], tests: ['tests/bot/**', 'tests/mutants/**'] },
  inputs: { mutate: ['src/action/inputs.ts'], tests: ['tests/action/**', 'tests/mutants/**'] },
};
const name = process.env.MUTATE_PART ?? 'lint';
const part = PARTS[name];
if (!part) throw new Error(`MUTATE_PART=${name}: expected one of ${Object.keys(PARTS).join(', ')}`);
process.env.STRYKER_TESTS = part.tests.join(',');

export default {
  $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: part.mutate,
  ignorePatterns: ['dist', 'bench', 'coverage', '.scratch'],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 10000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `.scratch/stryker/${name}.json` },
  incremental: true,
  incrementalFile: `.scratch/stryker/${name}.incremental.json`,
  tempDirName: '.scratch/stryker-tmp',
  cleanTempDir: 'always',
};
