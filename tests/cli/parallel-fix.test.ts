/**
 * A large `lint --fix` job handed to the worker linter runs in this thread instead, after the job
 * running here: the same result and the same file written as by lintLocal, and no worker started.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { CuratorConfig } from '../../src/config/index.js';
import { lintLocal, type LintJob } from '../../src/cli/lint-local.js';
import { workerLinter } from '../../src/cli/parallel.js';
import { fixture } from '../helpers/fixtures.js';

const io = {
  readFile: async (p: string) => new Uint8Array(await readFile(p)),
  writeFile: (p: string, b: Uint8Array) => writeFile(p, b),
};

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'curator-parallel-'));
  writeFileSync(join(dir, 'README.md'), fixture('lists/mistakes/README.md'));
  writeFileSync(
    join(dir, 'OTHER.md'),
    fixture('lists/mistakes/README.md').replace(/2024/g, '2023'),
  );
  return dir;
}

function jobs(dir: string): [LintJob, LintJob] {
  const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
  const files = ['README.md', 'OTHER.md'].map((path) => ({ path, abs: join(dir, path) }));
  return [
    { files: files.slice(0, 1), companions: files, config, fix: true },
    { files: files.slice(1), companions: files, config, fix: true },
  ];
}

describe('workerLinter with a fix job past the size limit', () => {
  it('lints it in this thread, after the job running here, as lintLocal does', async () => {
    const a = folder();
    const [here, there] = jobs(a);
    // A worker started from this URL would fail: the job must not go to one.
    const linter = workerLinter(new URL('file:///nonexistent/lint-worker.mjs'), 0);
    const [gotHere, gotThere] = await Promise.all([lintLocal(here, io), linter(there)]);

    const b = folder();
    const [hereB, thereB] = jobs(b);
    const wantHere = await lintLocal(hereB, io);
    const wantThere = await lintLocal(thereB, io);
    expect(gotHere).toEqual(wantHere);
    expect(gotThere).toEqual(wantThere);
    expect(gotThere.fixed.length).toBe(1);
    for (const f of ['README.md', 'OTHER.md'])
      expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
  });

  it('sends a lint without fixes to the worker', async () => {
    const [, there] = jobs(folder());
    const linter = workerLinter(new URL('file:///nonexistent/lint-worker.mjs'), 0);
    await expect(linter({ ...there, fix: false })).rejects.toThrow();
  });
});
