// Worker thread entry (build/lint-worker.mjs): lints the files it is given and posts the result.
import { readFile, writeFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { CuratorError } from '../errors.js';
import { lintLocal, type LintJob } from './lint-local.js';

const io = {
  readFile: async (p: string) => new Uint8Array(await readFile(p)),
  writeFile: (p: string, b: Uint8Array) => writeFile(p, b),
};

try {
  parentPort!.postMessage({ ok: await lintLocal(workerData as LintJob, io) });
} catch (error) {
  if (error instanceof CuratorError)
    parentPort!.postMessage({ userError: { message: error.message, hint: error.hint } });
  else
    parentPort!.postMessage({
      crash: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
}
