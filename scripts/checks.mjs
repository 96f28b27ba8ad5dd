// The static checks of `npm test`, side by side: the type check (tsc), eslint and prettier. Each
// is one process on one core; run one after the other they took ~35 s of a CI run, side by side
// ~20-30 s. Each one's output is printed whole when it ends (not interleaved); the exit code is 1
// when any of them failed.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const CHECKS = [
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  ['eslint', bin('eslint'), ['.']],
  ['prettier', bin('prettier'), ['--check', '.']],
];

const run = ([name, file, args]) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (error) => resolve({ name, code: 1, output: `${error.message}\n` }));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `> ${name} (${seconds} s)${code === 0 ? '' : `: exit ${code}`}\n${output}`,
      );
      resolve({ name, code });
    });
  });

const results = await Promise.all(CHECKS.map(run));
const failed = results.filter((r) => r.code !== 0).map((r) => r.name);
if (failed.length) {
  process.stderr.write(`checks: ${failed.join(' and ')} failed\n`);
  process.exitCode = 1;
}
