#!/usr/bin/env node
// `npm run mutate [part …]`: Stryker on each part of issue 18 (list, lint, sync, tasks, bot,
// inputs), one after the other, each against its own tests (stryker.config.mjs), then one line
// per part: mutants killed, survived, no coverage, score. Reports go to .scratch/stryker/.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ALL = ['list', 'lint', 'sync', 'tasks', 'bot', 'inputs'];
const parts = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
for (const p of parts)
  if (!ALL.includes(p)) throw new Error(`unknown part ${p}: ${ALL.join(', ')}`);
const rows = [];
for (const part of parts) {
  const r = spawnSync('npx', ['stryker', 'run'], {
    stdio: 'inherit',
    env: { ...process.env, MUTATE_PART: part },
  });
  if (r.status !== 0) process.exitCode = 1;
  const report = JSON.parse(readFileSync(`.scratch/stryker/${part}.json`, 'utf8'));
  const c = {};
  for (const f of Object.values(report.files))
    for (const m of f.mutants) c[m.status] = (c[m.status] ?? 0) + 1;
  const killed = (c.Killed ?? 0) + (c.Timeout ?? 0);
  const valid = killed + (c.Survived ?? 0) + (c.NoCoverage ?? 0);
  rows.push(
    `${part}: killed ${killed}, survived ${c.Survived ?? 0}, no coverage ${c.NoCoverage ?? 0}, ` +
      `ignored ${c.Ignored ?? 0}, score ${valid ? ((100 * killed) / valid).toFixed(1) : '-'}%`,
  );
}
process.stdout.write(`\n${rows.join('\n')}\n`);
