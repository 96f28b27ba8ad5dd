// Measuring one process, for bench/run.js and bench/commands.js: whole-process wall time from
// spawn to exit, with peak RSS and CPU from GNU time when /usr/bin/time is there.

import { Buffer } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';

export const GNU_TIME = '/usr/bin/time';
export const hasGnuTime =
  existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true']).status === 0;

const timeFile = join(tmpdir(), `curator-bench-time-${process.pid}.txt`);
process.on('exit', () => rmSync(timeFile, { force: true }));

/**
 * Runs `file args` in `cwd` with `env` to completion (or to `limitMs`). Under GNU time,
 * `%M %U %S` (peak resident set size in KiB, user and system CPU seconds) is written to a file;
 * the wall time is the parent's own clock (finer than `%e`'s 10 ms). A run that hits the limit has
 * its process killed; GNU time still reports the peak RSS reached until then.
 */
export function measure(file, args, { cwd, env, limitMs = 0 }) {
  return new Promise((resolvePromise, reject) => {
    rmSync(timeFile, { force: true });
    const [cmd, argv] = hasGnuTime
      ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, file, ...args]]
      : [file, args];
    const stdout = [];
    const stderr = [];
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let ms = 0;
    let code = null;
    let signal = null;
    let timedOut = false;
    let timer = null;
    let hardTimer = null;
    child.stdout.on('data', (b) => stdout.push(b));
    child.stderr.on('data', (b) => stderr.push(b));
    child.on('error', reject);
    child.on('exit', (c, s) => {
      ms = performance.now() - started;
      code = c;
      signal = s;
    });
    child.on('close', () => {
      clearTimeout(timer);
      clearTimeout(hardTimer);
      let rssKB = null;
      let cpuMs = null;
      if (hasGnuTime && existsSync(timeFile)) {
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const m = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(last);
        if (m) {
          rssKB = Number(m[1]);
          cpuMs = (Number(m[2]) + Number(m[3])) * 1000;
        }
      }
      resolvePromise({
        ms,
        rssKB,
        cpuMs,
        code,
        signal,
        timedOut,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    if (limitMs > 0) {
      timer = setTimeout(() => {
        timedOut = true;
        // Kill the measured process (GNU time's child) so that GNU time still writes its RSS,
        // then the whole process group we started, in case anything is left.
        const target = hasGnuTime ? childPidOf(child.pid) : child.pid;
        try {
          if (target) process.kill(target, 'SIGKILL');
        } catch {
          // already gone
        }
        hardTimer = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }, 2000);
      }, limitMs);
    }
  });
}

function childPidOf(pid) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/);
    return children[0] ? Number(children[0]) : null;
  } catch {
    return null;
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The newest modification time under `dir` (to tell a stale build). */
export function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** The commit measured (short hash), and whether src/ has changes not committed yet. */
export function gitCommit(root) {
  const head = spawnSync('git', ['rev-parse', '--short=12', 'HEAD'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (head.status !== 0) return 'unknown (not a git checkout)';
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src'], {
    cwd: root,
    encoding: 'utf8',
  });
  return `${head.stdout.trim()}${dirty.stdout.trim() ? ' + uncommitted changes' : ''}`;
}

/** The row counts asked for (`--sizes 1000,10000`), sorted, each once; exit 2 on one `plan` lacks. */
export function sizesFrom(flag, plan) {
  const sizes = [...new Set(flag.split(',').map((s) => Number(s.trim())))].sort((a, b) => a - b);
  for (const n of sizes) {
    if (!plan[n]) {
      console.error(`bench: unknown size ${n}; use some of ${Object.keys(plan).join(', ')}`);
      process.exit(2);
    }
  }
  return sizes;
}

/**
 * The environment of the processes measured: this Node first on PATH (so `#!/usr/bin/env node`
 * bins use the same version), no colour, and no API key, so nothing could ask an LLM.
 */
export function childEnvironment() {
  const env = {
    ...process.env,
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  delete env.OPENAI_API_KEY;
  return env;
}

/** Says once, on stderr, that peak memory is not measured without GNU time. */
export function warnWithoutGnuTime() {
  if (!hasGnuTime)
    process.stderr.write(
      'bench: GNU time (/usr/bin/time) is missing, so peak memory is not measured. Install it with `apt-get install time`.\n',
    );
}
