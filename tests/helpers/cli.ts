import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../../src/cli/run.js';

/** A temporary folder with the given files, and a runner for the CLI in it (in-process). */
export function workspace(
  files: Record<string, string | Uint8Array>,
  env: Record<string, string> = {},
  extra: { fetch?: typeof fetch; isTerminal?: boolean } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'curator-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return {
    dir,
    read: (path: string) => readFileSync(join(dir, path)),
    async run(...argv: string[]) {
      let stdout = '';
      let stderr = '';
      const code = await run(argv, {
        cwd: dir,
        env,
        fetch: extra.fetch ?? globalThis.fetch,
        now: () => new Date('2025-09-20T12:00:00Z'),
        isTerminal: extra.isTerminal ?? false,
        sleep: async () => undefined,
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        readFile: async (p) => new Uint8Array(await readFile(p)),
        writeFile: (p, b) => writeFile(p, b),
        isFile: async (p) => (await stat(p).catch(() => null))?.isFile() ?? false,
      });
      return { code, stdout, stderr };
    },
  };
}
