#!/usr/bin/env node
/**
 * Keeps every core busy (one busy-looping worker thread per core, or `--threads N`) until its
 * parent process ends, or until killed. `.ci/run` runs the test suite a second time with it
 * running: a test that passes only on an idle machine is a test that waits for a deadline.
 *
 *   node scripts/cpu-hog.mjs [--threads N]
 */
import { availableParallelism } from 'node:os';
import { setInterval } from 'node:timers';
import { isMainThread, Worker } from 'node:worker_threads';

if (!isMainThread) {
  // Busy work the optimiser cannot drop; yields to nothing.
  let x = 0;
  for (;;) x = (x * 1103515245 + 12345) % 2147483648;
}

const at = process.argv.indexOf('--threads');
const threads = at > 0 ? Number(process.argv[at + 1]) : availableParallelism();
if (!Number.isInteger(threads) || threads < 1) {
  console.error('cpu-hog: --threads takes a whole number of at least 1');
  process.exit(2);
}
const workers = Array.from({ length: threads }, () => new Worker(new URL(import.meta.url)));
const parent = process.ppid;
const stop = () => {
  for (const w of workers) void w.terminate();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent is gone when we are re-parented, or when signal 0 to it fails.
setInterval(() => {
  let alive = process.ppid === parent;
  try {
    if (alive) process.kill(parent, 0);
  } catch {
    alive = false;
  }
  if (!alive) stop();
}, 500);
console.error(`cpu-hog: ${threads} busy threads (pid ${process.pid}, parent ${parent})`);
