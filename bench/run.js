// Benchmark: `curator lint` against markdownlint-cli2 and remark-cli on synthetic list pairs of
// 1,000, 10,000 and 100,000 rows. See bench/README.md for what is measured and how.
//
// Usage: node bench/run.js [--sizes 1000,10000,100000] [--no-peers] [--build] [--check]
//   --sizes     row counts to run (default: all three)
//   --no-peers  measure curator only
//   --build     run `npm run build` first (otherwise a stale build/ only gives a warning)
//   --check     exit 1 when a target fails (default: report only)
//
// Prints progress to stderr and the results (Markdown) to stdout, and writes bench/results.md.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXPECTED_RULE, ensureListPair, writeCheckHead } from './generate.js';
import { gitCommit, hasGnuTime, measure, median, newestMtime } from './measure.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const RESULTS = join(ROOT, 'bench', 'results.md');
const BIN = join(ROOT, 'node_modules', '.bin');

/**
 * Per size: curator runs (median), peer runs (median; fewer when slow, see below), the peers' time
 * limit, and whether a peer may be skipped when the previous size shows it cannot finish in time.
 */
const PLAN = {
  1000: { curatorRuns: 5, peerRuns: 3, peerLimitMs: 60_000, skipHopeless: false },
  10000: { curatorRuns: 5, peerRuns: 3, peerLimitMs: 60_000, skipHopeless: false },
  100000: { curatorRuns: 3, peerRuns: 1, peerLimitMs: 120_000, skipHopeless: true },
};
/** A peer is not run again at a size once its runs there have taken this long. */
const PEER_REPEAT_BUDGET_MS = 20_000;
/** The whole run should stay under ~10 minutes; peers are skipped rather than blow it. */
const TOTAL_BUDGET_MS = 9.5 * 60_000;

const TARGETS = {
  tenK: { rows: 10000, maxMs: 500 },
  hundredK: { rows: 100000, maxMs: 2000, maxMB: 500 },
  vsMarkdownlint: { rows: 1000, minRatio: 5 },
  /** `curator check` on a PR adding 10 rows: linear, 100k within 12× the 10k time. */
  checkLinear: { small: 10000, large: 100000, maxRatio: 12 },
};
/** Sizes at which `curator check` is measured (base pair vs head with CHECK_ADDED rows added). */
const CHECK_SIZES = [10000, 100000];
const CHECK_ADDED = 10;

// ---------------------------------------------------------------------------------------------
// Options and environment

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    'no-peers': { type: 'boolean', default: false },
    build: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});
const SIZES = opts.sizes.split(',').map((s) => Number(s.trim()));
for (const n of SIZES) {
  if (!PLAN[n]) {
    console.error(`bench: unknown size ${n}; use some of ${Object.keys(PLAN).join(', ')}`);
    process.exit(2);
  }
}

const log = (text) => process.stderr.write(`${text}\n`);
const startedAt = performance.now();
const elapsed = () => performance.now() - startedAt;

// Children run with this Node first on PATH, so `#!/usr/bin/env node` bins use the same version.
const childEnv = {
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

if (!hasGnuTime) {
  log(
    'bench: GNU time (/usr/bin/time) is missing, so peak memory is not measured. Install it with `apt-get install time`.',
  );
}

const CLI_BUNDLE = join(ROOT, 'build', 'cli.mjs');
if (opts.build) {
  log('bench: npm run build');
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', env: childEnv });
  if (r.status !== 0) process.exit(1);
}
if (!existsSync(CLI_BUNDLE)) {
  log('bench: build/cli.mjs is missing: run `npm run build` (or `node bench/run.js --build`).');
  process.exit(2);
}
if (newestMtime(join(ROOT, 'src')) > statSync(CLI_BUNDLE).mtimeMs) {
  log(
    'bench: warning: src/ is newer than build/cli.mjs; the numbers are for the old build. Run `npm run build` (or pass --build).',
  );
}
const buildHash = createHash('sha256').update(readFileSync(CLI_BUNDLE)).digest('hex').slice(0, 12);

const missingPeers = ['markdownlint-cli2', 'remark'].filter((b) => !existsSync(join(BIN, b)));
if (!opts['no-peers'] && missingPeers.length > 0) {
  log(
    `bench: ${missingPeers.join(', ')} not installed: run \`npm ci\` (they are devDependencies).`,
  );
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Peer configs (generated, in bench/out/)

mkdirSync(OUT, { recursive: true });
const MARKDOWNLINT_CONFIG = join(OUT, '.markdownlint-cli2.jsonc');
const REMARK_CONFIG = join(OUT, '.remarkrc.json');
// The placement check (rule `category`) classifies every row; the peers have nothing like it, and
// the generated rows are word salad that no classifier would place sensibly. It is switched off
// with `--rule category=off`; its own cost is stated in the README (about 1,000 real papers a second).
writeFileSync(
  MARKDOWNLINT_CONFIG,
  `// Generated by bench/run.js: markdownlint's default rules plus the table rules.
{
  "config": {
    "default": true,
    // Every table row is longer than 80 characters; lists like this one turn line length off.
    "MD013": false,
    // Table rules: pipe style, column count, blank lines around tables.
    "MD055": true,
    "MD056": true,
    "MD058": true
  }
}
`,
);
writeFileSync(
  REMARK_CONFIG,
  `${JSON.stringify(
    {
      plugins: [
        'remark-gfm',
        'remark-preset-lint-recommended',
        'remark-lint-table-pipes',
        'remark-lint-table-cell-padding',
      ],
    },
    null,
    2,
  )}\n`,
);

const rel = (p) => relative(ROOT, p);
const TOOLS = {
  curator: {
    label: 'curator',
    okCodes: [0, 1], // 1 = errors found, expected: mistakes are planted
    command: (en, cn) => [
      process.execPath,
      [
        join(ROOT, 'bin', 'curator.js'),
        'lint',
        rel(en),
        rel(cn),
        '--format',
        'json',
        '--rule',
        'category=off',
      ],
    ],
  },
  check: {
    label: 'curator check',
    okCodes: [0, 1], // 1 = errors found in the added rows or the planted mistakes they touch
    command: (base, head) => [
      process.execPath,
      [
        join(ROOT, 'bin', 'curator.js'),
        'check',
        '--base',
        rel(base),
        '--head',
        rel(head),
        '--offline',
        '--format',
        'json',
      ],
    ],
  },
  markdownlint: {
    label: 'markdownlint-cli2',
    okCodes: [0, 1], // 1 = findings
    command: (en, cn) => [
      join(BIN, 'markdownlint-cli2'),
      ['--config', rel(MARKDOWNLINT_CONFIG), `:${rel(en)}`, `:${rel(cn)}`],
    ],
  },
  remark: {
    label: 'remark-cli',
    okCodes: [0], // warnings do not fail without --frail; 1 means a file could not be processed
    command: (en, cn) => [
      join(BIN, 'remark'),
      [
        '--rc-path',
        rel(REMARK_CONFIG),
        '--no-config',
        '--no-ignore',
        '--quiet',
        '--no-stdout',
        '--no-color',
        rel(en),
        rel(cn),
      ],
    ],
  },
};
const PEERS = opts['no-peers'] ? [] : ['markdownlint', 'remark'];

// ---------------------------------------------------------------------------------------------
// Measuring one process

async function bench(toolId, pair, { runs, limitMs = 0, repeatBudgetMs = Infinity }) {
  const tool = TOOLS[toolId];
  const [file, args] = tool.command(pair.en, pair.cn);
  const times = [];
  const rss = [];
  const cpu = [];
  let first = null;
  let spent = 0;
  for (let i = 0; i < runs; i++) {
    const r = await measure(file, args, { cwd: ROOT, env: childEnv, limitMs });
    spent += r.ms;
    if (r.timedOut) {
      log(`  ${tool.label}: run ${i + 1} hit the ${limitMs / 1000} s limit`);
      return { status: 'limit', limitMs, rssKB: r.rssKB, runs: times.length };
    }
    if (!tool.okCodes.includes(r.code)) {
      const why = r.code === null ? `signal ${r.signal}` : `exit code ${r.code}`;
      log(
        `  ${tool.label}: FAILED (${why})\n${(r.stderr || r.stdout).trim().split('\n').slice(0, 15).join('\n')}`,
      );
      return { status: 'failed', why };
    }
    first ??= r;
    times.push(r.ms);
    if (r.rssKB !== null) rss.push(r.rssKB);
    if (r.cpuMs !== null) cpu.push(r.cpuMs);
    log(
      `  ${tool.label}: run ${i + 1}/${runs} ${fmtTime(r.ms)}${r.rssKB === null ? '' : `, ${fmtMB(r.rssKB)}`}`,
    );
    if (spent > repeatBudgetMs && i + 1 < runs) {
      log(`  ${tool.label}: not repeated (${fmtTime(spent)} spent at this size)`);
      break;
    }
  }
  return {
    status: 'ok',
    runs: times.length,
    ms: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    rssKB: rss.length ? Math.max(...rss) : null,
    cpuMs: cpu.length ? median(cpu) : null,
    first,
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
const fmtRatio = (x) => `${x >= 10 ? Math.round(x) : x.toFixed(1)}×`;

function peerCells(result, curatorMs) {
  if (!result) return ['—', '—', '—'];
  if (result.status === 'ok')
    return [fmtTime(result.ms), fmtMB(result.rssKB), fmtRatio(result.ms / curatorMs)];
  if (result.status === 'limit') {
    const rssCell = result.rssKB === null ? 'n/a' : `≥ ${fmtMB(result.rssKB)}`;
    return [
      `> ${result.limitMs / 1000} s (limit)`,
      rssCell,
      `> ${fmtRatio(result.limitMs / curatorMs)}`,
    ];
  }
  if (result.status === 'skipped') {
    const lower = result.lowerBoundMs;
    return [
      `not run${lower ? ` (> ${fmtTime(lower)})` : ''}`,
      'n/a',
      lower ? `> ${fmtRatio(lower / curatorMs)}` : 'n/a',
    ];
  }
  return [`failed (${result.why})`, 'n/a', 'n/a'];
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
  const cores = cpus().length;
  const env = {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    node: process.version,
    cpu: cpuModel,
    cores,
    memGB: (totalmem() / 2 ** 30).toFixed(0),
    loadBefore: loadavg()[0].toFixed(2),
  };
  log(`bench: node ${env.node}, ${env.cpu}, ${cores} cores; curator build ${buildHash}`);

  // Inputs.
  const pairs = {};
  for (const rows of SIZES) {
    const pair = ensureListPair(rows, { outDir: OUT });
    pairs[rows] = pair;
    const size = (pair.bytes['README.md'] + pair.bytes['README_CN.md']) / 1e6;
    log(
      `bench: ${fmtRows(rows)} rows: ${rel(pair.dir)} (${size.toFixed(1)} MB, ${pair.planted.length} planted mistakes)${pair.generated ? `, generated in ${Math.round(pair.generateMs)} ms` : ''}`,
    );
  }

  // Fixed cost: starting Node and loading the bundle (`curator --help`).
  const startupTimes = [];
  for (let i = 0; i < 6; i++) {
    const r = await measure(process.execPath, [join(ROOT, 'bin', 'curator.js'), '--help'], {
      cwd: ROOT,
      env: childEnv,
    });
    if (i > 0) startupTimes.push(r.ms); // the first run warms the page cache
  }
  const startupMs = median(startupTimes);
  log(`bench: curator start-up (--help, median of 5): ${fmtTime(startupMs)}`);

  const results = {};
  const peerHistory = {}; // toolId -> last result, to skip hopeless larger sizes
  let failed = false;
  for (const rows of SIZES) {
    const pair = pairs[rows];
    const plan = PLAN[rows];
    log(`bench: ${fmtRows(rows)} rows`);
    const res = (results[rows] = { rows, pair });

    await measure(...TOOLS.curator.command(pair.en, pair.cn), { cwd: ROOT, env: childEnv }); // warm-up, not counted
    res.curator = await bench('curator', pair, { runs: plan.curatorRuns });
    if (res.curator.status !== 'ok') {
      failed = true;
      continue;
    }
    res.findings = checkFindings(res.curator.first.stdout, pair);
    log(`  curator findings: ${res.findings.text}`);

    for (const peer of PEERS) {
      const prev = peerHistory[peer];
      const skip = skipReason(prev, rows, plan);
      if (skip) {
        log(`  ${TOOLS[peer].label}: not run (${skip.why})`);
        res[peer] = { status: 'skipped', ...skip };
        continue;
      }
      res[peer] = await bench(peer, pair, {
        runs: plan.peerRuns,
        limitMs: plan.peerLimitMs,
        repeatBudgetMs: PEER_REPEAT_BUDGET_MS,
      });
      if (res[peer].status === 'failed') failed = true;
      peerHistory[peer] = { ...res[peer], rows };
    }
  }

  // `curator check`: the pair as the base, a head with CHECK_ADDED rows added to both files.
  for (const rows of SIZES.filter((n) => CHECK_SIZES.includes(n))) {
    const res = results[rows];
    const head = writeCheckHead(pairs[rows], CHECK_ADDED);
    const dirs = { en: pairs[rows].dir, cn: head };
    log(`bench: curator check, ${fmtRows(rows)} rows + ${CHECK_ADDED}`);
    await measure(...TOOLS.check.command(dirs.en, dirs.cn), { cwd: ROOT, env: childEnv }); // warm-up, not counted
    res.check = await bench('check', dirs, { runs: PLAN[rows].curatorRuns });
    if (res.check.status !== 'ok') {
      failed = true;
      continue;
    }
    res.checkFindings = checkCheck(res.check.first.stdout);
    log(`  curator check: ${res.checkFindings.text}`);
    if (!res.checkFindings.ok) failed = true;
  }

  const report = render(env, startupMs, results);
  process.stdout.write(report.markdown);
  writeFileSync(RESULTS, report.markdown);
  log(`bench: wrote ${rel(RESULTS)} (total ${fmtTime(elapsed())})`);
  if (failed) process.exitCode = 1;
  else if (opts.check && report.targets.some((t) => t.pass === false)) process.exitCode = 1;
}

/** `curator check --format json` should report exactly the added rows, in both files. */
function checkCheck(stdout) {
  let result;
  try {
    result = JSON.parse(stdout);
  } catch {
    return { ok: false, text: 'output is not JSON' };
  }
  const counts = ['added', 'changed', 'moved', 'removed'].map((k) => result[k]?.length ?? 0);
  const ok = counts[0] === 2 * CHECK_ADDED && counts.slice(1).every((n) => n === 0);
  const text = `${counts[0]} added, ${counts[1]} changed, ${counts[2]} moved, ${counts[3]} removed`;
  return {
    ok,
    text: ok
      ? `${text}: exactly the rows added`
      : `${text}: expected ${2 * CHECK_ADDED} added only`,
  };
}

/** Whether to skip a peer at this size, given how it did at the previous size. */
function skipReason(prev, rows, plan) {
  const remaining = TOTAL_BUDGET_MS - elapsed();
  if (plan.skipHopeless && (prev?.status === 'limit' || prev?.status === 'skipped')) {
    const lowerBoundMs = prev.status === 'limit' ? prev.limitMs : prev.lowerBoundMs;
    return {
      why: `it already needed more than ${fmtTime(lowerBoundMs)} at ${fmtRows(prev.rows)} rows`,
      lowerBoundMs,
    };
  }
  if (plan.skipHopeless && prev?.status === 'ok') {
    // Even growing only linearly, it would need this long; it cannot be faster than before.
    const linear = prev.ms * (rows / prev.rows);
    if (linear > plan.peerLimitMs) {
      return {
        why: `${fmtTime(prev.ms)} at ${fmtRows(prev.rows)} rows means at least ~${fmtTime(linear)} here, over the ${plan.peerLimitMs / 1000} s limit`,
        lowerBoundMs: prev.ms,
      };
    }
  }
  if (remaining < plan.peerLimitMs) {
    return { why: 'the ~10 minute budget of the whole run is spent', lowerBoundMs: prev?.ms ?? 0 };
  }
  return null;
}

/** The curator report should hold exactly the planted mistakes (the generator makes no others). */
function checkFindings(stdout, pair) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { ok: false, text: 'output is not JSON' };
  }
  const found = new Set();
  for (const f of report.files) {
    const name = f.path.split('/').pop();
    for (const x of f.findings) found.add(`${name}:${x.line}:${x.ruleId}`);
  }
  const missing = pair.planted.filter(
    (p) => !found.has(`${p.file}:${p.line}:${EXPECTED_RULE[p.kind]}`),
  );
  const s = report.summary;
  const total = s.errors + s.warnings + s.infos;
  const ok = missing.length === 0 && total === pair.planted.length;
  const counts = `${s.errors} errors, ${s.warnings} warnings, ${s.infos} infos`;
  return {
    ok,
    counts,
    text: ok
      ? `${counts}: exactly the ${pair.planted.length} planted mistakes`
      : `${counts}; ${pair.planted.length} planted, ${missing.length} of them not reported${total > pair.planted.length - missing.length ? `, ${total - (pair.planted.length - missing.length)} other findings` : ''}`,
  };
}

function render(env, startupMs, results) {
  const sizes = SIZES.filter((n) => results[n]?.curator?.status === 'ok');
  const lines = [];
  lines.push('# curator benchmark');
  lines.push('');
  lines.push(
    `${env.date} · Node ${env.node} · ${env.cpu} · ${env.cores} cores · ${env.memGB} GiB RAM · commit \`${gitCommit(ROOT)}\` · curator build \`${buildHash}\` · load average (1 min) at start ${env.loadBefore}`,
  );
  lines.push('');
  lines.push(
    'Whole-process wall time (median) and peak RSS of linting one synthetic README.md + README_CN.md pair; ratio = peer time / curator time. Generated by `node bench/run.js`; method in bench/README.md.',
  );
  lines.push('');
  lines.push('## Comparison');
  lines.push('');
  const peerHeads = PEERS.flatMap((p) => [TOOLS[p].label, 'RSS', 'ratio']);
  const head = ['Rows per file', 'Input (2 files)', 'curator', 'RSS', ...peerHeads];
  lines.push(`| ${head.join(' | ')} |`);
  lines.push(`| ${head.map((h, i) => (i < 2 ? ':---' : '---:')).join(' | ')} |`);
  for (const n of sizes) {
    const r = results[n];
    const input = (r.pair.bytes['README.md'] + r.pair.bytes['README_CN.md']) / 1e6;
    const cells = [
      fmtRows(n),
      `${input.toFixed(1)} MB`,
      fmtTime(r.curator.ms),
      fmtMB(r.curator.rssKB),
      ...PEERS.flatMap((p) => peerCells(r[p], r.curator.ms)),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  lines.push('');
  lines.push('## curator scaling');
  lines.push('');
  lines.push(
    `Start-up alone (\`curator --help\`: Node plus loading the bundle) takes ${fmtTime(startupMs)} (median of 5); "per 1,000 rows" is shown with and without it. CPU is the median user+sys time (GC and compiler threads run beside the main one, so it can exceed wall time); it is less affected than wall time when the host is busy.`,
  );
  lines.push('');
  lines.push(
    '| Rows per file | Runs | Min | Median | Max | CPU (user+sys) | ms per 1,000 rows | ms per 1,000 rows after start-up | Peak RSS | Findings |',
  );
  lines.push('| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :--- |');
  for (const n of sizes) {
    const c = results[n].curator;
    const per = c.ms / (n / 1000);
    const perNet = Math.max(0, c.ms - startupMs) / (n / 1000);
    const f = results[n].findings;
    lines.push(
      `| ${fmtRows(n)} | ${c.runs} | ${fmtTime(c.minMs)} | ${fmtTime(c.ms)} | ${fmtTime(c.maxMs)} | ${c.cpuMs === null ? 'n/a' : fmtTime(c.cpuMs)} | ${per.toFixed(1)} | ${perNet.toFixed(1)} | ${fmtMB(c.rssKB)} | ${f.ok ? 'OK' : 'MISMATCH'}: ${f.counts} |`,
    );
  }
  lines.push('');

  const targets = [];
  const t10 = results[TARGETS.tenK.rows]?.curator;
  targets.push(
    t10?.status === 'ok'
      ? { text: `10k pair < 0.5 s: ${fmtTime(t10.ms)}`, pass: t10.ms < TARGETS.tenK.maxMs }
      : { text: '10k pair < 0.5 s: not measured', pass: null },
  );
  const t100 = results[TARGETS.hundredK.rows]?.curator;
  if (t100?.status === 'ok') {
    const memOk = t100.rssKB === null ? null : mb(t100.rssKB) < TARGETS.hundredK.maxMB;
    const timeOk = t100.ms < TARGETS.hundredK.maxMs;
    targets.push({
      text: `100k pair < 2 s and < 500 MB: ${fmtTime(t100.ms)}, ${fmtMB(t100.rssKB)}`,
      pass: memOk === null ? (timeOk ? null : false) : timeOk && memOk,
    });
  } else targets.push({ text: '100k pair < 2 s and < 500 MB: not measured', pass: null });
  const r1 = results[TARGETS.vsMarkdownlint.rows];
  const m1 = r1?.markdownlint;
  if (r1?.curator?.status === 'ok' && m1?.status === 'ok') {
    const ratio = m1.ms / r1.curator.ms;
    targets.push({
      text: `1k at least 5× faster than markdownlint-cli2: ${fmtRatio(ratio)} (${fmtTime(r1.curator.ms)} vs ${fmtTime(m1.ms)})`,
      pass: ratio >= TARGETS.vsMarkdownlint.minRatio,
    });
  } else if (r1?.curator?.status === 'ok' && m1?.status === 'limit') {
    targets.push({
      text: `1k at least 5× faster than markdownlint-cli2: markdownlint hit the limit`,
      pass: true,
    });
  } else
    targets.push({
      text: '1k at least 5× faster than markdownlint-cli2: not measured',
      pass: null,
    });

  const checked = CHECK_SIZES.filter((n) => results[n]?.check?.status === 'ok');
  if (checked.length) {
    lines.push('## curator check');
    lines.push('');
    lines.push(
      `\`curator check --base <pair> --head <pair + ${CHECK_ADDED} rows in each file> --offline\`: the whole pull-request check (sequence diff of every table, lint of the touched rows, one-language edits, placement of the added rows).`,
    );
    lines.push('');
    lines.push('| Rows per file | Runs | Median | CPU (user+sys) | Peak RSS | Result |');
    lines.push('| :--- | ---: | ---: | ---: | ---: | :--- |');
    for (const n of checked) {
      const c = results[n].check;
      lines.push(
        `| ${fmtRows(n)} | ${c.runs} | ${fmtTime(c.ms)} | ${c.cpuMs === null ? 'n/a' : fmtTime(c.cpuMs)} | ${fmtMB(c.rssKB)} | ${results[n].checkFindings.text} |`,
      );
    }
    lines.push('');
  }
  const cs = results[TARGETS.checkLinear.small]?.check;
  const cl = results[TARGETS.checkLinear.large]?.check;
  if (cs?.status === 'ok' && cl?.status === 'ok') {
    const ratio = cl.ms / cs.ms;
    targets.push({
      text: `curator check stays linear, 100k ≤ 12× the 10k time: ${fmtRatio(ratio)} (${fmtTime(cl.ms)} vs ${fmtTime(cs.ms)})`,
      pass: ratio <= TARGETS.checkLinear.maxRatio,
    });
  } else targets.push({ text: 'curator check 100k ≤ 12× 10k: not measured', pass: null });

  lines.push('## Targets');
  lines.push('');
  for (const t of targets)
    lines.push(`- **${t.pass === null ? 'N/A' : t.pass ? 'PASS' : 'FAIL'}** ${t.text}`);
  lines.push('');

  const notes = [];
  for (const n of sizes) {
    for (const p of PEERS) {
      const r = results[n][p];
      if (r?.status === 'skipped')
        notes.push(`${TOOLS[p].label} at ${fmtRows(n)} rows: not run, ${r.why}.`);
      if (r?.status === 'limit')
        notes.push(
          `${TOOLS[p].label} at ${fmtRows(n)} rows: stopped at the ${r.limitMs / 1000} s limit.`,
        );
      if (r?.status === 'ok' && r.runs < PLAN[n].peerRuns)
        notes.push(
          `${TOOLS[p].label} at ${fmtRows(n)} rows: ${r.runs} run${r.runs === 1 ? '' : 's'} (repeats stop after ${PEER_REPEAT_BUDGET_MS / 1000} s at one size).`,
        );
    }
  }
  if (!hasGnuTime)
    notes.push('Peak memory not measured: GNU time is missing (`apt-get install time`).');
  if (notes.length) {
    lines.push('## Notes');
    lines.push('');
    for (const n of notes) lines.push(`- ${n}`);
    lines.push('');
  }
  return { markdown: `${lines.join('\n')}\n`, targets };
}

await main();
