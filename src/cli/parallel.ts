import { Worker } from 'node:worker_threads';
import { CuratorError } from '../errors.js';
import type { LintFilesResult } from '../tasks/lint-files.js';
import type { LintJob } from './lint-local.js';

export type LintInWorker = (job: LintJob) => Promise<LintFilesResult>;

/** Runs a lint job in a worker thread started from `workerUrl` (build/lint-worker.mjs). */
export function workerLinter(workerUrl: URL): LintInWorker {
  return (job) =>
    new Promise((resolvePromise, reject) => {
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
