// `npm run demo`: the linter on the bundled example list, offline and without keys.
// 1. lint the example (English and Chinese); 2. fix a temporary copy with --fix and show what
// changed, line by line; 3. lint the copy again to show what is left for a human.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'context-compression');
const bin = join(root, 'bin', 'curator.js');

function step(n, title) {
  process.stdout.write(`\n[${n}/3] ${title}\n${'-'.repeat(72)}\n`);
}

function curator(cwd, ...args) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });
  if (!args.includes('--fix')) process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return r.status;
}

step(1, 'curator lint (examples/context-compression: README.md and README_CN.md)');
const code = curator(example, 'lint');
process.stdout.write(`exit code ${code} (0 = no errors, 1 = errors, 2 = usage or file problem)\n`);

step(2, 'curator lint --fix on a temporary copy; the lines it changed:');
const tmp = mkdtempSync(join(tmpdir(), 'curator-demo-'));
try {
  cpSync(example, tmp, { recursive: true });
  curator(tmp, 'lint', '--fix');
  for (const file of ['README.md', 'README_CN.md']) {
    const before = readFileSync(join(example, file), 'utf8').split('\n');
    const after = readFileSync(join(tmp, file), 'utf8').split('\n');
    before.forEach((line, i) => {
      if (line !== after[i])
        process.stdout.write(`${file}:${i + 1}\n  - ${line}\n  + ${after[i]}\n`);
    });
  }
  step(3, 'what is left for a maintainer after --fix');
  curator(tmp, 'lint');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
