// The long fuzz run: the properties of tests/fuzz with many more cases than `npm test` runs, from
// a random seed (printed, so a failure can be replayed), plus the big-input cases that are too
// slow for every test run. Prints cases and time per property.
//
//   npm run fuzz                              # FUZZ_RUNS=20000, random seed
//   FUZZ_SEED=123 npm run fuzz                # replay a seed
//   FUZZ_RUNS=50000 FUZZ_SEED=123 npm run fuzz
//
// A failure prints fast-check's report (seed, path, shrunk counterexample); the seed and path
// replay it exactly. See docs/reliability.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.env.FUZZ_RUNS || 20_000);
const seed = Number(process.env.FUZZ_SEED || Math.floor(Math.random() * 2 ** 31));
if (!Number.isSafeInteger(runs) || !Number.isSafeInteger(seed)) {
  console.error('FUZZ_RUNS and FUZZ_SEED must be integers');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'curator-fuzz-'));
const stats = join(dir, 'stats.jsonl');

console.log(`fuzz: ${runs} cases per property, seed ${seed}`);
console.log(`replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz\n`);
const started = performance.now();
const result = spawnSync('npx', ['vitest', 'run', 'tests/fuzz', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: {
    ...process.env,
    FUZZ_RUNS: String(runs),
    FUZZ_SEED: String(seed),
    FUZZ_STATS: stats,
    FUZZ_LONG: '1',
  },
});
const seconds = (performance.now() - started) / 1000;

let figures = [];
try {
  figures = readFileSync(stats, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
} catch {
  // No property reported (vitest failed before running them): the status below says so.
}
rmSync(dir, { recursive: true, force: true });

const pad = (s, n) => String(s).padEnd(n);
console.log(
  `\n${pad('property', 32)}${pad('cases', 10)}${pad('discarded', 11)}${pad('seconds', 10)}result`,
);
for (const f of figures)
  console.log(
    `${pad(f.property, 32)}${pad(f.runs, 10)}${pad(f.skipped, 11)}${pad((f.ms / 1000).toFixed(1), 10)}${f.failed ? 'FAILED' : 'passed'}`,
  );
const total = figures.reduce((n, f) => n + f.runs, 0);
console.log(
  `\n${total} cases in ${figures.length} properties, seed ${seed}, ${seconds.toFixed(0)} s wall time; exit ${result.status}`,
);
process.exit(result.status ?? 1);
