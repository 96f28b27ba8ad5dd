#!/usr/bin/env node
// Entry point: wires the real file system and streams to the CLI in build/ (made by `npm ci`
// through the `prepare` script, or `npm run build`).
import { readFile, writeFile, stat } from 'node:fs/promises';
import module from 'node:module';
import v8 from 'node:v8';

// V8 lets the old generation grow to up to four times what the last full collection kept, a
// server's trade; a command that reads a 100k-row list pair then holds twice its live data in
// garbage (check peaked at 960 MB). Half again as much halves the peak at no measured cost in
// time (docs/decisions.md). A heap flag the user gives Node wins.
const heapFlags = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`;
if (!/heap-growing-percent/.test(heapFlags)) v8.setFlagsFromString('--heap-growing-percent=50');

// Node 22.1+ keeps compiled code between runs (Node's own cache in the temp folder); on Node 20
// this does nothing. A linter run on every commit starts noticeably faster with it.
module.enableCompileCache?.();

let run, workerLinter;
try {
  ({ run, workerLinter } = await import('../build/cli.mjs'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write(
    'curator: the compiled CLI is missing (build/). Run `npm run build` in the awesome-curator folder, then try again.\n',
  );
  process.exit(2);
}

const io = {
  cwd: process.cwd(),
  env: process.env,
  fetch: globalThis.fetch,
  now: () => new Date(),
  isTerminal: Boolean(process.stderr.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stdout: (text) => process.stdout.write(text),
  drain: () =>
    process.stdout.writableNeedDrain
      ? new Promise((done) => process.stdout.once('drain', done))
      : Promise.resolve(),
  stderr: (text) => process.stderr.write(text),
  readFile: async (path) => new Uint8Array(await readFile(path)),
  writeFile: (path, bytes) => writeFile(path, bytes),
  isFile: async (path) => (await stat(path).catch(() => null))?.isFile() ?? false,
  fileSize: async (path) => (await stat(path)).size,
  lintInWorker: workerLinter(new URL('../build/lint-worker.mjs', import.meta.url)),
};

try {
  process.exitCode = await run(process.argv.slice(2), io);
} catch (error) {
  process.stderr.write(
    `curator: internal error, please report it with the command you ran:\n${error?.stack ?? error}\n`,
  );
  process.exitCode = 3;
}
