// `npm run load`: load on the App server (tests/load/scenario.ts). The real Probot server on
// 127.0.0.1 with the in-memory GitHub and the recorded arXiv feed behind it takes a burst of
// signed deliveries (PR opened, /classify comments, redeliveries) mixed with unsigned, wrongly
// signed and tampered ones; it prints acknowledgement throughput and latency and checks that every
// delivery was processed exactly once. Exit code 1 when any delivery was lost or duplicated, a bad
// delivery was not refused with 4xx or had an effect, or the fake saw an OpenAPI violation.
//
// Runs under tsx (the scenario is TypeScript). Options, all optional:
//   --pulls 800 --classify 800 --redeliveries 200 --concurrent-duplicates 0
//   --unsigned 50 --wrong-secret 50 --tampered 50 --concurrency 32 --warmup 20 --arxiv-latency 5 --seed 20261128 --json file
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { formatReport, runLoad } from '../tests/load/scenario.ts';

const { values } = parseArgs({
  options: {
    pulls: { type: 'string', default: '800' },
    classify: { type: 'string', default: '800' },
    redeliveries: { type: 'string', default: '200' },
    'concurrent-duplicates': { type: 'string', default: '0' },
    unsigned: { type: 'string', default: '50' },
    'wrong-secret': { type: 'string', default: '50' },
    tampered: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '20' },
    'arxiv-latency': { type: 'string', default: '5' },
    seed: { type: 'string', default: '20261128' },
    json: { type: 'string' },
  },
});
const n = (name) => {
  const v = Number(values[name]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} must be a whole number`);
  return v;
};

const options = {
  pulls: n('pulls'),
  classify: n('classify'),
  redeliveries: n('redeliveries'),
  concurrentDuplicates: n('concurrent-duplicates'),
  unsigned: n('unsigned'),
  wrongSecret: n('wrong-secret'),
  tampered: n('tampered'),
  concurrency: Math.max(1, n('concurrency')),
  warmup: n('warmup'),
  arxivLatencyMs: n('arxiv-latency'),
  seed: n('seed'),
};
const machine = `node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${process.platform} ${process.arch}`;
process.stdout.write(`awesome-curator App load test on 127.0.0.1 — ${machine}\n`);
const report = await runLoad(options);
process.stdout.write(`${formatReport(report)}\n`);
if (values.json) writeFileSync(values.json, `${JSON.stringify({ machine, ...report }, null, 2)}\n`);
process.exitCode = report.problems.length ? 1 : 0;
