/**
 * `curator papers` writes its JSON piece by piece and waits on `io.drain` after each piece: a
 * backed-up stdout (a slow pipe) holds the next piece back instead of queueing the whole output.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';

/** A list of `n` paper rows (more than the 2000 rows the JSON is written by). */
function longList(n: number): string {
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `| [Paper ${i}](https://arxiv.org/abs/2401.${String(10000 + i)}) | arXiv 2024.01 | \`T${i % 7}\` | - | Row ${i} |\n`,
  );
  return `# Long\n\n## Papers\n\n| Title | Venue | Tags | Code | TL;DR |\n| --- | --- | --- | --- | --- |\n${rows.join('')}`;
}

describe('papers: stdout backed up', () => {
  it('writes no piece while a drain is pending, and the output is whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curator-drain-'));
    writeFileSync(join(dir, 'README.md'), longList(4500));
    const pieces: string[] = [];
    let pending = false;
    let drains = 0;
    let writtenWhilePending = 0;
    const code = await run(['papers'], {
      cwd: dir,
      env: {},
      fetch: globalThis.fetch,
      now: () => new Date('2025-09-20T12:00:00Z'),
      isTerminal: false,
      sleep: async () => undefined,
      stdout: (t) => {
        if (pending) writtenWhilePending += 1;
        pieces.push(t);
      },
      drain: () => {
        drains += 1;
        pending = true;
        // The reader takes the output a moment later.
        return new Promise((done) =>
          setImmediate(() => {
            pending = false;
            done();
          }),
        );
      },
      stderr: () => undefined,
      readFile: async (p) => new Uint8Array(await readFile(p)),
      writeFile: (p, b) => writeFile(p, b),
      isFile: async (p) => (await stat(p).catch(() => null))?.isFile() ?? false,
    });
    expect(code).toBe(0);
    expect(writtenWhilePending).toBe(0);
    // Several pieces (4500 rows, 2000 at a time), each waited on.
    expect(pieces.length).toBeGreaterThan(2);
    expect(drains).toBe(pieces.length);
    const papers = (JSON.parse(pieces.join('')) as { papers: { title: string }[] }).papers;
    expect(papers).toHaveLength(4500);
    expect(papers[4499]!.title).toBe('Paper 4499');
  });
});
