import type { LintFilesResult } from '../tasks/lint-files.js';
import type { LintJob } from './lint-local.js';

/** What the CLI needs from the outside world; the real one is made in bin/curator.js. */
export interface CliIo {
  cwd: string;
  /** Waiting (between arXiv requests); tests pass one that does not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** The current time (scan windows). */
  now: () => Date;
  /** Whether stderr is a terminal (progress lines are shown only there). */
  isTerminal: boolean;
  /** Whether stdout is a terminal (`curator lint` colours its report there); absent means no. */
  stdoutIsTTY?: boolean;
  /** HTTP for the arXiv API (the door passes the global fetch; tests a fake or a local server). */
  fetch: typeof fetch;
  /** The environment (OPENAI_API_KEY, OPENAI_BASE_URL); the door passes process.env. */
  env: Readonly<Record<string, string | undefined>>;
  stdout: (text: string) => void;
  /**
   * Resolves once stdout has taken what was written (at once when it is not backed up): a
   * writer of large output waits on it between pieces, so a slow pipe does not pile the output
   * up in memory. Absent: nothing to wait for (a fake stdout).
   */
  drain?: () => Promise<void>;
  stderr: (text: string) => void;
  readFile: (path: string) => Promise<Uint8Array>;
  writeFile: (path: string, bytes: Uint8Array) => Promise<void>;
  /** Whether a path exists and is a regular file. */
  isFile: (path: string) => Promise<boolean>;
  /** Size in bytes of a file (to decide whether linting in parallel pays). */
  fileSize?: (path: string) => Promise<number>;
  /** Lint a job in another thread; without it everything runs in this one. */
  lintInWorker?: (job: LintJob) => Promise<LintFilesResult>;
}
