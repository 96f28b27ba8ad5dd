// Benchmark of every command users run (issue 20): `curator lint`, `lint --fix`, `sync`,
// `sync --fix`, `check`, `classify`, `scan` and `papers`, on synthetic list pairs of 1,000, 10,000
// and 100,000 rows per file with a mistake on 2% of the rows, next to two references: `node -e 0`
// (starting Node) and a single-pass floor (read both files, decode, split into lines, look at each
// line once). See bench/README.md ("Every command") for what is measured and how.
//
// Usage: node bench/commands.js [--sizes 1000,10000,100000] [--only lint,check] [--check]
//   --only   command ids to run (node and floor always run); the results then go to
//            bench/out/commands-partial.md, not bench/commands.md
//   --sizes  row counts to run (default: all three); the linearity guard needs 10000 and 100000
//   --check  exit 1 when any target FAILs too (default: only the linearity guard sets the exit code)
//
// Prints progress to stderr and the results (Markdown) to stdout, and writes bench/commands.md.
// Exit code: 1 when a command's 100k time is over 12× its 10k time (or it did not finish at one of
// them); with --check also when a target fails; 2 on a usage or set-up problem.

import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXPECTED_RULE, ensureListPair, writeCheckHead } from './generate.js';
import {
  childEnvironment,
  gitCommit,
  measure as measureProcess,
  sizesFrom,
  warnWithoutGnuTime,
  median,
  newestMtime,
} from './measure.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Own folder under the git-ignored bench/out/, so bench/run.js's cached pairs are untouched. */
const OUT = join(ROOT, 'bench', 'out', 'commands');
/** Fresh copies for the commands that write (lint --fix, sync, sync --fix). */
const WORK = join(OUT, 'work');
const RESULTS = process.argv.includes('--only')
  ? join(ROOT, 'bench', 'out', 'commands-partial.md')
  : join(ROOT, 'bench', 'commands.md');
const CURATOR = join(ROOT, 'bin', 'curator.js');
const CLI_BUNDLE = join(ROOT, 'build', 'cli.mjs');
const SCAN_FEED = join(ROOT, 'tests', 'fixtures', 'arxiv', 'scan-feed.xml');

/** Share of rows with a planted mistake (the generator's default is 1 per 1,000). */
const MISTAKE_RATE = 0.02;
/** Every SYNC_DROP_EVERY-th paper row is removed from the CN copy that sync and sync --fix get. */
const SYNC_DROP_EVERY = 50;
/** Rows added at the top of the first table of both files for the `check` head. */
const CHECK_ADDED = 10;
/** A run is killed after this long and reported as a time-out. */
const LIMIT_MS = 120_000;
/**
 * Runs per command: the median of 3 at 1k and 10k; 1 at 100k, or 3 when that first run took
 * less than QUICK_MS (a quick command's single run would be mostly noise).
 */
const PLAN = {
  1000: { runs: 3 },
  10000: { runs: 3 },
  100000: { runs: 1, quickRuns: 3 },
};
const QUICK_MS = 10_000;

const TARGETS = {
  floorSizes: [10000, 100000],
  memSize: 100000,
  maxMB: 500,
  /** command id -> most times the floor (at floorSizes), and whether the 500 MB cap applies. */
  vsFloor: {
    lint: { max: 4, mem: true },
    check: { max: 6, mem: true },
    sync: { max: 5, mem: true },
    'sync-fix': { max: 5, mem: true },
    classify: { max: 4, mem: false },
  },
  /** The guard: every command's 100k time at most 12× its 10k time. */
  guard: { small: 10000, large: 100000, maxRatio: 12 },
};

// ---------------------------------------------------------------------------------------------
// Options and environment

let opts;
try {
  ({ values: opts } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000,100000' },
      check: { type: 'boolean', default: false },
      only: { type: 'string' },
    },
  }));
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(2);
}
const SIZES = sizesFrom(opts.sizes, PLAN);

const log = (text) => process.stderr.write(`${text}\n`);
const startedAt = performance.now();
const elapsed = () => performance.now() - startedAt;

// Every command also runs with --offline where it has it, and scan replays a saved feed: no
// network at all.
const childEnv = childEnvironment();

warnWithoutGnuTime();

if (!existsSync(CLI_BUNDLE)) {
  log('bench: build/cli.mjs is missing: run `node scripts/build.mjs` (or `npm run build`).');
  process.exit(2);
}
const staleBuild = newestMtime(join(ROOT, 'src')) > statSync(CLI_BUNDLE).mtimeMs;
if (staleBuild) {
  log(
    'bench: warning: src/ is newer than build/cli.mjs; the numbers are for the old build. Run `node scripts/build.mjs` first.',
  );
}
const buildHash = createHash('sha256').update(readFileSync(CLI_BUNDLE)).digest('hex').slice(0, 12);

// ---------------------------------------------------------------------------------------------
// Inputs

/** The single-pass floor: read both files, decode UTF-8, split into lines, look at each once. */
const FLOOR_SCRIPT = [
  "const { readFileSync } = require('node:fs');",
  'let n = 0;',
  'for (const f of process.argv.slice(1)) {',
  "  for (const line of readFileSync(f, 'utf8').split('\\n')) if (line.charCodeAt(0) === 124) n++;",
  '}',
  'console.log(n);',
].join('\n');

/** Ten papers for `curator classify --input`, written for this benchmark (not real papers). */
const CLASSIFY_PAPERS = [
  [
    'Budgeted Prompt Trimming with a Small Scorer Model',
    'We train a small encoder to score every token of a long prompt and keep only the highest-scoring ones under a fixed budget, so that the large model reads a prompt four times shorter with almost the same answers on question answering benchmarks.',
  ],
  [
    'Query-Aware Sentence Selection for Retrieval-Augmented Generation',
    'Retrieved documents are split into sentences and each sentence is kept or dropped according to its relevance to the question, which removes most of the retrieved text before it reaches the reader model and lowers the cost of every API call.',
  ],
  [
    'Abstractive Summaries as Compressed Context for Long Conversations',
    'Earlier turns of a dialogue are replaced with short summaries written by the model itself, keeping the prompt within the context window over hundreds of turns while preserving the facts the user mentioned.',
  ],
  [
    'Gist Tokens for Reusable Instructions',
    'We fine-tune a model to squeeze a long system instruction into a handful of learned gist tokens whose activations are cached and reused, so that the instruction is never encoded again at inference time.',
  ],
  [
    'A Context Autoencoder with Memory Slots for Frozen Decoders',
    'An encoder maps a long document to a small set of continuous memory slots that a frozen decoder attends to instead of the original tokens, trained with reconstruction and continuation objectives.',
  ],
  [
    'Reasoning in Hidden States Without Writing Chain-of-Thought',
    'Instead of generating intermediate reasoning steps as text, the model feeds its last hidden state back as the next input embedding and reasons in a continuous latent space, using far fewer tokens on arithmetic tasks.',
  ],
  [
    'Evicting Cold Entries from the KV Cache During Decoding',
    'We keep a running score of the attention each cached key receives and evict the lowest-scoring entries once the KV cache reaches its budget, halving GPU memory during long generations with little loss in accuracy.',
  ],
  [
    'Two-Bit Quantization of Keys and Values Per Channel',
    'Keys are quantized per channel and values per token to two bits, with a small residual kept in full precision, which shrinks the key-value cache eightfold and lets a single GPU serve much longer contexts.',
  ],
  [
    'Attention Sinks and a Sliding Window for Streaming Generation',
    'Keeping the first few tokens as attention sinks together with a window of recent tokens lets a model generate indefinitely with a fixed-size cache, without retraining and without the perplexity collapse of a plain window.',
  ],
  [
    'Merging Similar Cached Tokens Across Layers',
    'Adjacent cached tokens whose keys are nearly identical are merged into one entry, and neighbouring layers share merged entries, reducing the memory of the cache during inference for long-context models.',
  ],
];

function writeClassifyInput() {
  const path = join(OUT, 'classify-10.jsonl');
  const lines = CLASSIFY_PAPERS.map(([title, abstract], i) =>
    JSON.stringify({ id: `2612.${String(90001 + i).padStart(5, '0')}`, title, abstract }),
  );
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const PAPER_ROW = /^\| \[.*\]\(https:\/\/arxiv\.org\/(abs|pdf)\//;

/** The pair with every SYNC_DROP_EVERY-th paper row removed from README_CN.md (for sync). */
function writeSyncSource(pair) {
  const dir = `${pair.dir}-sync`;
  mkdirSync(dir, { recursive: true });
  copyFileSync(pair.en, join(dir, 'README.md'));
  let k = 0;
  let dropped = 0;
  const kept = readFileSync(pair.cn, 'utf8')
    .split('\n')
    .filter((line) => {
      if (!PAPER_ROW.test(line)) return true;
      k++;
      if (k % SYNC_DROP_EVERY !== SYNC_DROP_EVERY / 2) return true;
      dropped++;
      return false;
    });
  writeFileSync(join(dir, 'README_CN.md'), kept.join('\n'));
  return { dir, dropped };
}

/** A fresh copy of a pair's two files in WORK/<name>, for a command that writes. */
function freshCopy(fromDir, name) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of ['README.md', 'README_CN.md']) copyFileSync(join(fromDir, f), join(dir, f));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// The commands

const curator = (...args) => [process.execPath, [CURATOR, ...args]];
const lastLine = (text) =>
  text
    .trim()
    .split('\n')
    .filter((l) => l.trim())
    .pop()
    ?.trim() ?? '';
const problemsLine = (r) => {
  const line = r.stdout
    .split('\n')
    .reverse()
    .find((l) => /^\d+ problems? \(|^No problems/.test(l));
  return line?.trim() ?? lastLine(r.stdout || r.stderr);
};

/**
 * lint's summary line, and how many of the planted mistakes its report (the stylish text: a file's
 * name, then `  LINE:COLUMN  severity  message  rule` per finding) names at their line with the
 * rule that should report them. Where the placement check was skipped (it says so), the misplaced
 * papers are not expected.
 */
const lintSummary = (r, ctx) => {
  const found = new Set();
  let file = '';
  for (const line of r.stdout.split('\n')) {
    if (/^\S/.test(line)) file = line.trim().split('/').pop();
    const m = /^\s+(\d+):\d+\s.*\s(\S+)$/.exec(line);
    if (m) found.add(`${file}:${m[1]}:${m[2]}`);
  }
  const skipped = r.stdout.includes('Placement check skipped');
  const expected = ctx.pair.planted.filter(
    (p) => !(skipped && EXPECTED_RULE[p.kind] === 'category'),
  );
  const reported = expected.filter((p) =>
    found.has(`${p.file}:${p.line}:${EXPECTED_RULE[p.kind]}`),
  );
  return `${problemsLine(r)}; ${reported.length} of the ${expected.length} planted mistakes reported${skipped ? ' (placement check skipped: misplaced papers not expected)' : ''}`;
};

/**
 * Each command: how it is shown, its exit codes taken as success, and `setup(ctx)` giving the
 * process to run ({ file, args, cwd }); `setup` runs before every timed run (untimed), so commands
 * that write get a fresh copy each time. `summary` turns a run's output into a short note.
 */
const COMMANDS = [
  {
    id: 'node',
    name: '`node -e 0`',
    label: '`node -e 0`: start Node and exit (the cost every command pays first)',
    reference: true,
    okCodes: [0],
    setup: (ctx) => ({ file: process.execPath, args: ['-e', '0'], cwd: ctx.pair.dir }),
    summary: () => 'process start only',
  },
  {
    id: 'floor',
    name: 'floor',
    label:
      '`node -e <script> README.md README_CN.md`: read both files, decode UTF-8, split into lines, count the lines that start with a pipe, print the count',
    reference: true,
    okCodes: [0],
    setup: (ctx) => ({
      file: process.execPath,
      args: ['-e', FLOOR_SCRIPT, 'README.md', 'README_CN.md'],
      cwd: ctx.pair.dir,
    }),
    summary: (r) => `${r.stdout.trim()} lines starting with \`|\``,
  },
  {
    id: 'lint',
    name: 'lint',
    label: '`curator lint`',
    okCodes: [0, 1], // 1 = errors found: mistakes are planted
    setup: (ctx) => ({ ...spread(curator('lint')), cwd: ctx.pair.dir }),
    summary: lintSummary,
  },
  {
    id: 'lint-fix',
    name: 'lint --fix',
    label: '`curator lint --fix` (on a fresh copy)',
    okCodes: [0, 1], // 1 = errors left that no fix repairs
    setup: (ctx) => ({
      ...spread(curator('lint', '--fix')),
      cwd: freshCopy(ctx.pair.dir, `${ctx.rows}-lint-fix`),
    }),
    summary: problemsLine,
  },
  {
    id: 'sync',
    name: 'sync',
    label: '`curator sync` (on a fresh copy, 2% of the rows missing from README_CN.md)',
    okCodes: [0, 1], // 1 = drift found: rows were removed from the CN copy
    setup: (ctx) => ({
      ...spread(curator('sync')),
      cwd: freshCopy(ctx.sync.dir, `${ctx.rows}-sync`),
    }),
    summary: problemsLine,
  },
  {
    id: 'sync-fix',
    name: 'sync --fix',
    label: '`curator sync --fix --offline` (on a fresh copy, as for sync)',
    okCodes: [0, 1],
    setup: (ctx) => ({
      ...spread(curator('sync', '--fix', '--offline')),
      cwd: freshCopy(ctx.sync.dir, `${ctx.rows}-sync-fix`),
    }),
    summary: (r) => {
      const added = r.stderr.split('\n').filter((l) => / added under /.test(l)).length;
      const corrected = /(\d+) rows? corrected/.exec(r.stderr)?.[1] ?? '0';
      return `${added} rows added, ${corrected} corrected; then ${problemsLine(r)}`;
    },
  },
  {
    id: 'check',
    name: 'check',
    label: `\`curator check --base <N> --head <N>-head --offline\` (head: the pair + ${CHECK_ADDED} rows in each file)`,
    okCodes: [0, 1], // 1 = errors on the touched rows
    setup: (ctx) => ({
      ...spread(
        curator(
          'check',
          '--base',
          String(ctx.rows),
          '--head',
          relative(OUT, ctx.head),
          '--offline',
        ),
      ),
      cwd: OUT,
    }),
    summary: (r) => {
      const m = /(\d+) added[^\n]*/.exec(r.stdout);
      return m ? m[0].trim() : lastLine(r.stdout || r.stderr);
    },
  },
  {
    id: 'classify',
    name: 'classify',
    label: '`curator classify --input ../classify-10.jsonl --list README.md --offline --no-cache`',
    okCodes: [0],
    setup: (ctx) => ({
      ...spread(
        curator(
          'classify',
          '--input',
          relative(ctx.pair.dir, ctx.classifyInput),
          '--list',
          'README.md',
          '--offline',
          '--no-cache',
        ),
      ),
      cwd: ctx.pair.dir,
    }),
    summary: (r) => {
      const placed = CLASSIFY_PAPERS.filter((_, i) =>
        r.stdout.includes(`2612.${String(90001 + i).padStart(5, '0')}`),
      ).length;
      return `${placed} of ${CLASSIFY_PAPERS.length} papers placed`;
    },
  },
  {
    id: 'scan',
    name: 'scan',
    label:
      '`curator scan --offline --no-cache --arxiv-url file:tests/fixtures/arxiv/scan-feed.xml --since 2025-09-01 --until 2025-09-20` (the path given relative to the pair folder)',
    okCodes: [0],
    setup: (ctx) => ({
      ...spread(
        curator(
          'scan',
          '--offline',
          '--no-cache',
          '--arxiv-url',
          `file:${relative(ctx.pair.dir, SCAN_FEED)}`,
          '--since',
          '2025-09-01',
          '--until',
          '2025-09-20',
        ),
      ),
      cwd: ctx.pair.dir,
    }),
    summary: (r) => r.stdout.split('\n')[0]?.trim() ?? '',
  },
  {
    id: 'papers',
    name: 'papers',
    label: '`curator papers` (JSON)',
    okCodes: [0],
    setup: (ctx) => ({ ...spread(curator('papers')), cwd: ctx.pair.dir }),
    summary: (r) => {
      try {
        return `${JSON.parse(r.stdout).papers.length} papers (JSON, ${(Buffer.byteLength(r.stdout) / 1e6).toFixed(1)} MB)`;
      } catch {
        return 'output is not JSON';
      }
    },
  },
];
function spread([file, args]) {
  return { file, args };
}
if (opts.only) {
  const wanted = new Set(opts.only.split(',').map((s) => s.trim()));
  const known = new Set(COMMANDS.map((c) => c.id));
  for (const id of wanted)
    if (!known.has(id)) {
      console.error(`bench: unknown command ${id}; use some of ${[...known].join(', ')}`);
      process.exit(2);
    }
  for (let i = COMMANDS.length - 1; i >= 0; i -= 1)
    if (!COMMANDS[i].reference && !wanted.has(COMMANDS[i].id)) COMMANDS.splice(i, 1);
}
const CURATOR_COMMANDS = COMMANDS.filter((c) => !c.reference);

// ---------------------------------------------------------------------------------------------
// Measuring one process

/** One run of a command, under bench/measure.js's clock, with this benchmark's limit. */
function measure({ file, args, cwd }, { limitMs = LIMIT_MS } = {}) {
  return measureProcess(file, args, { cwd, env: childEnv, limitMs });
}

/** Why an exit code is not a success, in words. */
function failure(r) {
  if (r.code === null) return `killed by ${r.signal}`;
  if (r.code === 2) return 'usage error (exit 2)';
  if (r.code === 3) return 'internal error (exit 3)';
  if (r.code === 4) return 'arXiv did not answer (exit 4)';
  return `exit ${r.code}`;
}

/** One timed run of a command into its per-size record; returns false when no more runs should follow. */
async function runOnce(command, ctx, record) {
  if (record.status !== 'ok') return false;
  const r = await measure(command.setup(ctx));
  const n = record.times.length + 1;
  if (r.timedOut) {
    log(`  ${command.id}: run ${n} hit the ${LIMIT_MS / 1000} s limit (time-out)`);
    Object.assign(record, {
      status: 'limit',
      rssKB: r.rssKB,
      detail: `killed after ${LIMIT_MS / 1000} s`,
    });
    return false;
  }
  record.codes.push(r.code);
  if (!command.okCodes.includes(r.code)) {
    const why = failure(r);
    const detail = (r.stderr || r.stdout).trim().split('\n').slice(0, 8).join('\n');
    log(`  ${command.id}: FAILED (${why})\n${detail}`);
    Object.assign(record, { status: 'failed', why, detail: lastLine(r.stderr || r.stdout) });
    return false;
  }
  record.times.push(r.ms);
  if (r.rssKB !== null) record.rss.push(r.rssKB);
  if (r.cpuMs !== null) record.cpu.push(r.cpuMs);
  record.note ??= command.summary(r, ctx);
  log(
    `  ${command.id}: run ${n} ${fmtTime(r.ms)}${r.rssKB === null ? '' : `, ${fmtMB(r.rssKB)}`}, exit ${r.code}`,
  );
  return true;
}

function finish(record) {
  if (record.status !== 'ok') return record;
  return {
    ...record,
    runs: record.times.length,
    ms: median(record.times),
    minMs: Math.min(...record.times),
    maxMs: Math.max(...record.times),
    rssKB: record.rss.length ? Math.max(...record.rss) : null,
    cpuMs: record.cpu.length ? median(record.cpu) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Formatting

function fmtTime(ms) {
  if (ms < 10_000) return `${(ms / 1000).toFixed(3)} s`;
  return `${(ms / 1000).toFixed(1)} s`;
}
const mb = (kb) => (kb * 1024) / 1e6;
const fmtMB = (kb) => (kb === null || kb === undefined ? 'n/a' : `${Math.round(mb(kb))} MB`);
const fmtRows = (n) => n.toLocaleString('en-US');
const fmtRatio = (x) => `${x >= 100 ? Math.round(x) : x >= 10 ? x.toFixed(0) : x.toFixed(1)}×`;
/** Ratios against a limit: more digits, so 4.02× is not shown as a failing "4.0×" (or 11.8× as 12×). */
const fmtTargetRatio = (x) => `${x.toFixed(x >= 10 ? 1 : 2)}×`;
const fmtCodes = (codes) => [...new Set(codes)].join(', ') || '—';

/** Time cell: the median, or what stopped the command. */
function timeCell(r) {
  if (!r) return 'not run';
  if (r.status === 'ok') return fmtTime(r.ms);
  if (r.status === 'limit') return `> ${LIMIT_MS / 1000} s (time-out)`;
  return `failed: ${r.why}`;
}
function ratioCell(r, ref) {
  if (!r || !ref || ref.status !== 'ok') return 'n/a';
  if (r.status === 'ok') return fmtRatio(r.ms / ref.ms);
  if (r.status === 'limit') return `> ${fmtRatio(LIMIT_MS / ref.ms)}`;
  return 'n/a';
}
function rssCell(r) {
  if (!r) return 'n/a';
  if (r.status === 'limit') return r.rssKB === null ? 'n/a' : `≥ ${fmtMB(r.rssKB)}`;
  return r.status === 'ok' ? fmtMB(r.rssKB) : 'n/a';
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const cpuModel =
    readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'))
      ?.split(':')[1]
      ?.trim() ??
    cpus()[0]?.model ??
    'unknown';
  const env = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: process.version,
    cpu: cpuModel,
    cores: cpus().length,
    memGB: (totalmem() / 2 ** 30).toFixed(0),
    load: loadavg()
      .map((x) => x.toFixed(2))
      .join(' / '),
    commit: gitCommit(ROOT),
  };
  log(
    `bench: node ${env.node}, ${env.cpu}, ${env.cores} cores, load ${env.load}; commit ${env.commit}; curator build ${buildHash}`,
  );

  // Inputs.
  mkdirSync(WORK, { recursive: true });
  const classifyInput = writeClassifyInput();
  const contexts = {};
  for (const rows of SIZES) {
    const pair = ensureListPair(rows, { outDir: OUT, mistakeRate: MISTAKE_RATE });
    const head = writeCheckHead(pair, CHECK_ADDED);
    const sync = writeSyncSource(pair);
    contexts[rows] = { rows, pair, head, sync, classifyInput };
    const size = (pair.bytes['README.md'] + pair.bytes['README_CN.md']) / 1e6;
    log(
      `bench: ${fmtRows(rows)} rows: ${relative(ROOT, pair.dir)} (${size.toFixed(1)} MB, ${pair.planted.length} planted mistakes${pair.generated ? `, generated in ${Math.round(pair.generateMs)} ms` : ''}); ${sync.dropped} rows dropped from the CN copy for sync`,
    );
  }

  // Warm the page cache for the bundle (not counted).
  await measure({ file: process.execPath, args: [CURATOR, '--help'], cwd: ROOT });

  const results = {};
  for (const rows of SIZES) {
    const ctx = contexts[rows];
    const plan = PLAN[rows];
    log(`bench: ${fmtRows(rows)} rows (${fmtTime(elapsed())} so far)`);
    // Warm the page cache for this pair's files (not counted).
    await measure(COMMANDS[1].setup(ctx));
    const records = Object.fromEntries(
      COMMANDS.map((c) => [c.id, { status: 'ok', times: [], rss: [], cpu: [], codes: [] }]),
    );
    // Round-robin: run 1 of every command, then run 2 of every command, ..., so that a busy
    // spell on the host spreads over all commands instead of falling on one.
    const rounds = plan.quickRuns ?? plan.runs;
    for (let round = 0; round < rounds; round++) {
      for (const command of COMMANDS) {
        const record = records[command.id];
        if (round >= plan.runs) {
          // Extra runs at 100k only for a command whose first run was quick.
          if (record.status !== 'ok' || record.times[0] >= QUICK_MS) continue;
        }
        await runOnce(command, ctx, record);
      }
    }
    results[rows] = Object.fromEntries(
      Object.entries(records).map(([id, record]) => [id, finish(record)]),
    );
  }
  rmSync(WORK, { recursive: true, force: true });

  const report = render(env, contexts, results);
  process.stdout.write(report.markdown);
  writeFileSync(RESULTS, report.markdown);
  log(`bench: wrote ${relative(ROOT, RESULTS)} (total ${fmtTime(elapsed())})`);
  if (report.guardFailed) process.exitCode = 1;
  else if (opts.check && report.anyFail) process.exitCode = 1;
}

// ---------------------------------------------------------------------------------------------
// Report

function render(env, contexts, results) {
  const lines = [];
  const push = (...xs) => lines.push(...xs);
  const sizes = SIZES.filter((n) => results[n]);

  push('# curator benchmark: every command', '');
  push(
    `${env.date} · Node ${env.node} · ${env.cpu} · ${env.cores} cores · ${env.memGB} GiB RAM · load average (1/5/15 min) at start ${env.load} · commit \`${env.commit}\` · curator build \`${buildHash}\`${staleBuild ? ' (**older than src/**)' : ''}`,
    '',
  );
  push(
    `Whole-process wall time (median) and peak RSS of each command on a synthetic README.md + README_CN.md pair with a mistake on ${MISTAKE_RATE * 100}% of the rows; "× floor" = time / the single-pass floor's time at the same size, "× node" = time / \`node -e 0\`. Runs: median of ${PLAN[1000].runs} at 1k and 10k; at 100k 1 run, or the median of ${PLAN[100000].quickRuns} when the first took under ${QUICK_MS / 1000} s. Runs over ${LIMIT_MS / 1000} s are killed (time-out). Every command runs in the pair's folder \`bench/out/commands/<N>\` (or a fresh copy of it; \`check\` in \`bench/out/commands\`), offline. Generated by \`node bench/commands.js\`; method in bench/README.md.`,
    '',
  );

  push('## Inputs', '');
  push(
    '| Rows per file | Input (2 files) | Planted mistakes | Rows dropped from the CN copy (sync) |',
  );
  push('| :--- | ---: | ---: | ---: |');
  for (const n of sizes) {
    const { pair, sync } = contexts[n];
    const bytes = (pair.bytes['README.md'] + pair.bytes['README_CN.md']) / 1e6;
    push(
      `| ${fmtRows(n)} | ${bytes.toFixed(1)} MB | ${fmtRows(pair.planted.length)} | ${fmtRows(sync.dropped)} |`,
    );
  }
  push('');

  // Overview: commands × sizes.
  push('## Overview', '');
  push(`| Command | ${sizes.map((n) => `${fmtRows(n)} rows: time · × floor · RSS`).join(' | ')} |`);
  push(`| :--- | ${sizes.map(() => ':---').join(' | ')} |`);
  for (const command of COMMANDS) {
    const cells = sizes.map((n) => {
      const r = results[n][command.id];
      const ratio = command.id === 'floor' ? '1×' : ratioCell(r, results[n].floor);
      return `${timeCell(r)} · ${ratio} · ${rssCell(r)}`;
    });
    push(`| ${command.name} | ${cells.join(' | ')} |`);
  }
  push('');

  // Per command.
  push('## Per command', '');
  for (const command of COMMANDS) {
    push(`### ${command.name}`, '', command.label, '');
    push(
      '| Rows per file | Runs | Median wall | Min – max | CPU (user+sys) | × floor | × `node -e 0` | Peak RSS | Exit | Output (first run) |',
    );
    push('| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- | :--- |');
    for (const n of sizes) {
      const r = results[n][command.id];
      const ok = r.status === 'ok';
      const note = ok ? r.note : (r.detail ?? '');
      push(
        `| ${fmtRows(n)} | ${ok ? r.runs : r.times.length + 1} | ${timeCell(r)} | ${ok ? `${fmtTime(r.minMs)} – ${fmtTime(r.maxMs)}` : 'n/a'} | ${ok && r.cpuMs !== null ? fmtTime(r.cpuMs) : 'n/a'} | ${ratioCell(r, results[n].floor)} | ${ratioCell(r, results[n].node)} | ${rssCell(r)} | ${r.status === 'limit' ? 'killed' : fmtCodes(r.codes)} | ${escapeCell(note)} |`,
      );
    }
    push('');
  }

  // Linearity and the guard.
  const { small, large, maxRatio } = TARGETS.guard;
  const guardRan = results[small] && results[large];
  let guardFailed = false;
  push('## Linearity', '');
  if (!guardRan) {
    push(
      `Not measured: the guard needs both ${fmtRows(small)} and ${fmtRows(large)} rows (ran: ${sizes.map(fmtRows).join(', ')}).`,
      '',
    );
  } else {
    push(
      `Time at ${fmtRows(large)} rows ÷ time at ${fmtRows(small)} rows (10× the input; 10× is linear). Guard: every curator command ≤ ${maxRatio}×.`,
      '',
    );
    push(
      `| Command | ${fmtRows(small)} | ${fmtRows(large)} | ${fmtRows(large)} ÷ ${fmtRows(small)} | Guard |`,
    );
    push('| :--- | ---: | ---: | ---: | :--- |');
    for (const command of COMMANDS) {
      const a = results[small][command.id];
      const b = results[large][command.id];
      // A command that did not complete at one of the two sizes fails the guard.
      let ratio = 'n/a';
      let pass = false;
      if (a.status === 'ok' && b.status === 'ok') {
        ratio = fmtTargetRatio(b.ms / a.ms);
        pass = b.ms / a.ms <= maxRatio;
      } else if (a.status === 'ok' && b.status === 'limit') {
        ratio = `> ${fmtRatio(LIMIT_MS / a.ms)}`;
      }
      const verdict = command.reference ? '(reference)' : pass ? 'PASS' : 'FAIL';
      if (!command.reference && !pass) guardFailed = true;
      push(`| ${command.name} | ${timeCell(a)} | ${timeCell(b)} | ${ratio} | ${verdict} |`);
    }
    push('');
  }

  // Targets.
  const targets = [];
  for (const [id, t] of Object.entries(TARGETS.vsFloor)) {
    const label = COMMANDS.find((c) => c.id === id)?.name;
    if (!label) continue; // left out with --only
    for (const n of TARGETS.floorSizes) {
      const r = results[n]?.[id];
      const floor = results[n]?.floor;
      const what = `${label} ≤ ${t.max}× floor at ${fmtRows(n)} rows`;
      if (!r) targets.push({ text: `${what}: not measured`, pass: null });
      else if (r.status === 'ok' && floor?.status === 'ok') {
        const x = r.ms / floor.ms;
        targets.push({
          text: `${what}: ${fmtTargetRatio(x)} (${fmtTime(r.ms)} vs ${fmtTime(floor.ms)})`,
          pass: x <= t.max,
        });
      } else targets.push({ text: `${what}: ${timeCell(r)}`, pass: false });
    }
    if (t.mem) {
      const n = TARGETS.memSize;
      const r = results[n]?.[id];
      const what = `${label} ≤ ${TARGETS.maxMB} MB peak RSS at ${fmtRows(n)} rows`;
      if (!r) targets.push({ text: `${what}: not measured`, pass: null });
      else if (r.rssKB === null || r.rssKB === undefined)
        targets.push({
          text: `${what}: ${timeCell(r)}, no RSS`,
          pass: r.status === 'ok' ? null : false,
        });
      else
        targets.push({
          text: `${what}: ${rssCell(r)}${r.status === 'ok' ? '' : ` (${timeCell(r)})`}`,
          pass: r.status === 'ok' && mb(r.rssKB) <= TARGETS.maxMB,
        });
    }
  }
  if (guardRan) {
    const worst = CURATOR_COMMANDS.map((c) => {
      const a = results[small][c.id];
      const b = results[large][c.id];
      return { c, x: a.status === 'ok' && b.status === 'ok' ? b.ms / a.ms : Infinity };
    }).sort((p, q) => q.x - p.x)[0];
    targets.push({
      text: `guard: every command's ${fmtRows(large)}-row time ≤ ${maxRatio}× its ${fmtRows(small)}-row time (worst: ${worst.c.name}, ${Number.isFinite(worst.x) ? fmtTargetRatio(worst.x) : 'did not finish'})`,
      pass: !guardFailed,
    });
  } else
    targets.push({
      text: `guard: every command's ${fmtRows(large)}-row time ≤ ${maxRatio}× its ${fmtRows(small)}-row time: not measured`,
      pass: null,
    });
  for (const n of sizes) {
    for (const c of COMMANDS) {
      const r = results[n][c.id];
      if (r.status === 'failed')
        targets.push({ text: `${c.name} at ${fmtRows(n)} rows: ${r.why}`, pass: false });
    }
  }
  push('## Targets', '');
  for (const t of targets)
    push(`- **${t.pass === null ? 'N/A' : t.pass ? 'PASS' : 'FAIL'}** ${t.text}`);
  push('');

  return {
    markdown: `${lines.join('\n')}\n`,
    guardFailed,
    anyFail: targets.some((t) => t.pass === false),
  };
}

const escapeCell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

main().catch((error) => {
  log(`bench: ${error.stack ?? error}`);
  process.exitCode = 2;
});
