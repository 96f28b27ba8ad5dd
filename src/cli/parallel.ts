import { readFile, stat, writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { CuratorError } from '../errors.js';
import type { LintFilesResult } from '../tasks/lint-files.js';
import type { LintJob } from './lint-local.js';

export type LintInWorker = (job: LintJob) => Promise<LintFilesResult>;

/**
 * A fix job of at least this many bytes is not sent to a worker: it runs in this thread once the
 * job running here is done. Measured on a 100k-row pair (2 cores, loaded): `lint --fix` with a
 * worker ~4.5 s and ~670 MB peak, in one thread ~3.7 s and ~380 MB (a fix lints every file at
 * least twice, and two threads each holding a parsed 100k-row list need twice the memory).
 */
export const FIX_IN_THREAD_BYTES = 16 * 1024 * 1024;

/** Files as this thread reads and writes them (the worker's own are the same, lint-worker.ts). */
const localIo = {
  readFile: async (p: string) => new Uint8Array(await readFile(p)),
  writeFile: (p: string, b: Uint8Array) => writeFile(p, b),
};

async function bytesOf(job: LintJob): Promise<number> {
  let total = 0;
  for (const f of job.files) total += (await stat(f.abs).catch(() => null))?.size ?? 0;
  return total;
}

/**
 * Runs a lint job in a worker thread started from `workerUrl` (build/lint-worker.mjs); a large
 * fix job runs in this thread after the job running here (see FIX_IN_THREAD_BYTES).
 */
export function workerLinter(workerUrl: URL, fixInThreadBytes = FIX_IN_THREAD_BYTES): LintInWorker {
  return async (job) => {
    if (job.fix && (await bytesOf(job)) >= fixInThreadBytes) {
      // Loaded on demand: the lint command has it already (it is not part of every start).
      const { lintLocal } = await import('./lint-local.js');
      return lintLocal(job, localIo);
    }
    return inWorker(workerUrl, job);
  };
}

function inWorker(workerUrl: URL, job: LintJob): Promise<LintFilesResult> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(workerUrl, { workerData: job });
    worker.once(
      'message',
      (m: {
        ok?: LintFilesResult;
        userError?: { message: string; hint?: string };
        crash?: string;
      }) => {
        if (m.ok) resolvePromise(m.ok);
        else if (m.userError)
          reject(
            new CuratorError(
              m.userError.message,
              m.userError.hint === undefined ? {} : { hint: m.userError.hint },
            ),
          );
        else reject(new Error(`lint worker failed: ${m.crash}`));
      },
    );
    worker.once('error', reject);
  });
}
