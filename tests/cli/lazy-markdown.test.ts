/**
 * The built CLI loads remark only when a file needs it (src/list/markdown-lazy.ts, put in place of
 * markdown.ts by scripts/build.mjs). A lint that needs it mid-file loads it and lints again, and
 * reports exactly what the in-process run (remark loaded from the start) reports; every other
 * command has it from the start.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MarkdownNotLoaded, withMarkdown } from '../../src/list/markdown-needed.js';
import { loadMarkdown, parseMarkdown } from '../../src/list/markdown-lazy.js';
import { workspace } from '../helpers/cli.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const bin = fileURLToPath(new URL('../../bin/curator.js', import.meta.url));
const curator = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });

/** The seed-like list with cells the one-pass readers hand to remark. */
function needingRemark(): string {
  const lines = SEED_EN().split('\n');
  const row = lines.findIndex((l) => l.startsWith('| ['));
  // Brackets inside the link text, and a TL;DR holding a link: both are read by remark.
  lines[row] = lines[row]!.replace(/^\| \[/, '| [[Nested] ').replace(
    / \|\s*$/,
    ' see [the code](https://github.com/example/repo) |',
  );
  return lines.join('\n');
}

describe('remark loaded on demand (the built CLI)', () => {
  it('what a lint loads before reading a file holds no remark: it is a chunk of its own', () => {
    const build = fileURLToPath(new URL('../../build/', import.meta.url));
    const source = (file: string) => readFileSync(build + file, 'utf8');
    // remark's parser is mdast-util-from-markdown's fromMarkdown. The built files a lint loads: cli.mjs, the lint command's chunk, and what they import
    // statically (import … from "./x.mjs"), transitively.
    const lintChunk = readdirSync(`${build}chunks`).find((f) => /^lint-command-.*\.mjs$/.test(f));
    expect(lintChunk).toBeDefined();
    const loaded = new Set<string>();
    const queue = ['cli.mjs', `chunks/${lintChunk}`];
    while (queue.length) {
      const file = queue.shift()!;
      if (loaded.has(file)) continue;
      loaded.add(file);
      for (const m of source(file).matchAll(/^import[^;]*?from "(\.[^"]+)";/gms))
        queue.push(join(dirname(file), m[1]!));
    }
    expect(loaded.size).toBeGreaterThan(3);
    expect([...loaded].filter((f) => source(f).includes('function fromMarkdown('))).toEqual([]);
    // remark is in the build, in a chunk loaded on demand.
    const all = readdirSync(`${build}chunks`).map((f) => `chunks/${f}`);
    expect(
      all.filter((f) => f.endsWith('.mjs') && source(f).includes('function fromMarkdown(')).length,
    ).toBeGreaterThan(0);
  });

  it('a lint that needs remark reports what the in-process lint reports', async () => {
    const ws = workspace({ 'README.md': needingRemark() });
    const inProcess = await ws.run('lint', '--format', 'json');
    const built = curator(ws.dir, 'lint', '--format', 'json');
    expect(built.stderr).toBe('');
    expect(built.status).toBe(inProcess.code);
    expect(JSON.parse(built.stdout)).toEqual(JSON.parse(inProcess.stdout));
    // remark did read the file: the link in the TL;DR is a finding only it reports.
    const rules = JSON.parse(built.stdout).files[0].findings.map(
      (m: { ruleId: string }) => m.ruleId,
    );
    expect(rules).toContain('tldr-markup');
  });

  it('in two threads and with --fix, too', async () => {
    const files = { 'README.md': needingRemark(), 'README_CN.md': SEED_CN() };
    const ws = workspace(files);
    const inProcess = await ws.run('lint', '--format', 'json');
    const two = curator(ws.dir, 'lint', '--jobs', '2', '--format', 'json');
    expect(two.stdout).toBe(inProcess.stdout);

    const a = workspace(files);
    const b = workspace(files);
    const fixedInProcess = await a.run('lint', '--fix');
    const fixedBuilt = curator(b.dir, 'lint', '--fix');
    expect(fixedBuilt.stdout).toBe(fixedInProcess.stdout);
    expect(b.read('README.md')).toEqual(a.read('README.md'));
  });

  it('the other commands have it from the start', async () => {
    const ws = workspace({ 'README.md': needingRemark(), 'README_CN.md': SEED_CN() });
    for (const args of [['sync'], ['papers'], ['papers', '--format', 'csv']]) {
      const built = curator(ws.dir, ...args);
      const inProcess = await ws.run(...args);
      expect(built.stderr, args.join(' ')).toBe(inProcess.stderr);
      expect(built.stdout, args.join(' ')).toBe(inProcess.stdout);
      expect(built.status, args.join(' ')).toBe(inProcess.code);
    }
  });
});

describe('remark in the built App', () => {
  it('is loaded once build/app.mjs has loaded (its handlers parse lists at any moment)', () => {
    const build = fileURLToPath(new URL('../../build/', import.meta.url));
    const chunk = readdirSync(`${build}chunks`).find(
      (f) =>
        f.endsWith('.mjs') &&
        readFileSync(`${build}chunks/${f}`, 'utf8').includes('function parseMarkdown('),
    );
    expect(chunk).toBeDefined();
    // In one process: the bundle's parseMarkdown throws before the App is imported, parses after.
    const script = [
      `const m = await import(${JSON.stringify(`${build}chunks/${chunk}`)});`,
      "const parse = Object.values(m).find((f) => typeof f === 'function' && f.name === 'parseMarkdown');",
      'let before = "parsed"; try { parse("[a](b)"); } catch (e) { before = e.name; }',
      `await import(${JSON.stringify(`${build}app.mjs`)});`,
      'console.log(before, parse("[a](b)").children[0].type);',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('MarkdownNotLoaded paragraph');
  });
});

describe('withMarkdown', () => {
  it('loads the parser and runs the work again when the work needed it', async () => {
    let runs = 0;
    let loaded = false;
    const result = await withMarkdown(
      async () => {
        runs += 1;
        if (!loaded) throw new MarkdownNotLoaded();
        return 'done';
      },
      async () => {
        loaded = true;
      },
    );
    expect(result).toBe('done');
    expect(runs).toBe(2);
  });

  it('lets any other error through, without loading', async () => {
    let loads = 0;
    await expect(
      withMarkdown(
        () => Promise.reject(new Error('a.md: no such file')),
        async () => {
          loads += 1;
        },
      ),
    ).rejects.toThrow('a.md: no such file');
    expect(loads).toBe(0);
  });

  it('the lazy parser throws until loaded, then parses', async () => {
    // This file's module instance of markdown-lazy.ts starts unloaded (the eager markdown.ts that
    // the rest of the suite uses is another module).
    expect(() => parseMarkdown('[a](b)')).toThrow(MarkdownNotLoaded);
    await loadMarkdown();
    expect(parseMarkdown('[a](b)').children[0]?.type).toBe('paragraph');
  });
});
