/**
 * How many cases each fuzz property runs, from which seed, and where the figures go.
 *
 * - `FUZZ_RUNS` (default 1000): cases per property. `npm test` runs the default; `npm run fuzz`
 *   raises it (scripts/fuzz.mjs).
 * - `FUZZ_SEED` (default {@link CI_SEED}): fast-check's seed, so a CI failure replays exactly. The
 *   long run picks a random seed and prints it; `FUZZ_SEED=<seed> npm run fuzz` replays it.
 * - `FUZZ_STATS`: a file to which each property appends one JSON line (property, cases, time,
 *   seed, result), read by scripts/fuzz.mjs for its summary.
 *
 * A failure throws fast-check's own report (seed, path, shrunk counterexample): nothing is caught.
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';

export const CI_SEED = 20_250_917;
export const CI_RUNS = 1000;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name}=${raw}: expected an integer`);
  return n;
}

export const FUZZ_RUNS = intFromEnv('FUZZ_RUNS', CI_RUNS);
export const FUZZ_SEED = intFromEnv('FUZZ_SEED', CI_SEED);

/**
 * Per-test timeout: a safety net against a hang, never a speed condition. Generous, since the
 * long run multiplies the cases and a loaded machine (CI runs the suite a second time under
 * scripts/cpu-hog.mjs) is ten times slower: 2,000 sync cases took 24 s idle and 245 s on a
 * machine at load 14 on 2 cores.
 */
export function timeoutFor(runs: number, msPerCase = 300): number {
  return Math.max(600_000, runs * msPerCase);
}

export interface PropertyFigures {
  property: string;
  runs: number;
  skipped: number;
  ms: number;
  seed: number;
  failed: boolean;
}

function finish(
  name: string,
  numRuns: number,
  started: number,
  details: fc.RunDetails<unknown>,
): PropertyFigures {
  const figures: PropertyFigures = {
    property: name,
    runs: details.numRuns,
    skipped: details.numSkips,
    ms: Math.round(performance.now() - started),
    seed: FUZZ_SEED,
    failed: details.failed,
  };
  const stats = process.env['FUZZ_STATS'];
  if (stats) appendFileSync(stats, `${JSON.stringify(figures)}\n`);
  if (details.failed) throw new Error(`${name}: ${fc.defaultReportMessage(details)}`);
  // The acceptance is a number of cases actually run, not generated and skipped.
  if (details.numRuns < numRuns)
    throw new Error(`${name}: ${details.numRuns} cases run, expected ${numRuns}`);
  return figures;
}

/**
 * Run a property with the configured seed and number of cases; record the figures; throw
 * fast-check's report (seed, path, counterexample, error) on failure.
 */
export function checkProperty<Ts extends [unknown, ...unknown[]]>(
  name: string,
  property: fc.IProperty<Ts>,
): PropertyFigures {
  const started = performance.now();
  const details = fc.check(property, {
    seed: FUZZ_SEED,
    numRuns: FUZZ_RUNS,
    includeErrorInReport: true,
  });
  return finish(name, FUZZ_RUNS, started, details as fc.RunDetails<unknown>);
}

/** `checkProperty` for an asynchronous property. */
export async function checkAsyncProperty<Ts extends [unknown, ...unknown[]]>(
  name: string,
  property: fc.IAsyncProperty<Ts>,
): Promise<PropertyFigures> {
  const started = performance.now();
  const details = await fc.check(property, {
    seed: FUZZ_SEED,
    numRuns: FUZZ_RUNS,
    includeErrorInReport: true,
  });
  return finish(name, FUZZ_RUNS, started, details as fc.RunDetails<unknown>);
}
