import { resolve } from 'node:path';
import { CuratorError } from '../errors.js';
import type { CuratorConfig } from '../config/index.js';
import { loadMarkdown, withMarkdown } from '../tasks/markdown-parser.js';
import { lintFiles, type LintFilesResult } from '../tasks/lint-files.js';
import type { CliIo } from './io.js';
import { readInput } from './read-input.js';

export interface LintJob {
  /** `path` as shown in reports, `abs` as read and written. */
  files: { path: string; abs: string }[];
  /** Every file of the run (a thread lints some): a translation's primary is read from here. */
  companions?: { path: string; abs: string }[];
  config: CuratorConfig;
  fix: boolean;
}

/**
 * Lint files in this thread, reading and writing through `io`. A lint that only reads starts
 * without the Markdown parser and loads it if a file turns out to need it (then lints again); one
 * that writes fixes loads it first, so that nothing is written twice.
 */
export function lintLocal(
  job: LintJob,
  io: Pick<CliIo, 'readFile' | 'writeFile'>,
): Promise<LintFilesResult> {
  // Jobs of this thread run one after the other (a job handed back by the worker linter, see
  // parallel.ts, waits for the one this thread is running): one file's lint in memory at a time.
  const run = queue.then(() => lintJob(job, io));
  queue = run.catch(() => undefined);
  return run;
}

/** The end of the last job started in this thread. */
let queue: Promise<unknown> = Promise.resolve();

async function lintJob(
  job: LintJob,
  io: Pick<CliIo, 'readFile' | 'writeFile'>,
): Promise<LintFilesResult> {
  if (job.fix) await loadMarkdown();
  return withMarkdown(() => lintOnce(job, io), loadMarkdown);
}

function lintOnce(
  job: LintJob,
  io: Pick<CliIo, 'readFile' | 'writeFile'>,
): Promise<LintFilesResult> {
  return lintFiles({
    files: job.files.map((f) => ({ path: f.path, read: () => readInput(io, f.abs, f.path) })),
    companions: (job.companions ?? []).map((f) => ({
      path: f.path,
      read: () => readInput(io, f.abs, f.path),
    })),
    config: job.config,
    fix: job.fix,
    write: async (path, bytes) => {
      const file = job.files.find((f) => f.path === path)!;
      try {
        await io.writeFile(resolve(file.abs), bytes);
      } catch (cause) {
        const code = (cause as { code?: string }).code ?? String(cause);
        throw new CuratorError(`${path}: the fixed file cannot be written (${code})`, {
          hint: 'Check that the file and its folder are writable, or run without --fix',
          cause,
        });
      }
    },
  });
}
