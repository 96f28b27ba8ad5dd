/**
 * What `npm pack` ships, and whether `engines` tells the truth. `npm pack --dry-run --ignore-scripts`
 * lists the files without building (the build is `npm test`'s, before vitest) and without the
 * network. scripts/try-install.sh installs the real tarball (CI).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const readJson = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(name, root), 'utf8')) as Record<string, unknown>;

interface PackResult {
  name: string;
  files: { path: string; size: number }[];
  unpackedSize: number;
}

let files: string[] = [];
let packed: PackResult;

beforeAll(async () => {
  const { stdout } = await promisify(execFile)(
    'npm',
    ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'],
    {
      cwd: root,
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  packed = (JSON.parse(stdout) as PackResult[])[0]!;
  files = packed.files.map((file) => file.path).sort();
}, 60_000);

describe('npm pack', () => {
  it('ships the built CLI, worker, App and Lambda entry points and the bin script', () => {
    expect(
      files,
      'build/ is missing from the package: run `npm run build` (npm test does) first',
    ).toContain('build/cli.mjs');
    for (const path of [
      'package.json',
      'README.md',
      'app.yml',
      'bin/curator.js',
      'bin/app.js',
      'build/lint-worker.mjs',
      'build/app.mjs',
      'build/lambda.mjs',
    ]) {
      expect(files).toContain(path);
    }
    // The lazily loaded chunks that cli.mjs imports.
    expect(files.some((path) => path.startsWith('build/chunks/'))).toBe(true);
  });

  it('ships no tests, fixtures, sources, source maps, examples, bench or Action bundle', () => {
    const unwanted = files.filter(
      (path) =>
        /^(tests|src|scripts|examples|eval|bench|dist|docs|node_modules|coverage)\//.test(path) ||
        /(^|\/)fixtures?\//.test(path) ||
        /\.(test|spec)\.[cm]?[jt]s$/.test(path) ||
        path.endsWith('.map') ||
        /(^|\/)\.env/.test(path),
    );
    expect(unwanted).toEqual([]);
    // Every file is one of the declared kinds: nothing slips in by a new top-level folder.
    expect(files.filter((path) => !/^(bin|build)\//.test(path))).toEqual([
      'README.md',
      'app.yml',
      'package.json',
    ]);
  });

  it('stays small (under 3 MB unpacked)', () => {
    expect(packed.unpackedSize).toBeLessThan(3_000_000);
  });

  it('installs the CLI as `curator` and as `awesome-curator` (so `npx awesome-curator` runs it)', () => {
    const pkg = readJson('package.json');
    expect(pkg.name).toBe('awesome-curator');
    expect(pkg.bin).toEqual({ curator: 'bin/curator.js', 'awesome-curator': 'bin/curator.js' });
    expect(readFileSync(new URL('bin/curator.js', root), 'utf8')).toMatch(
      /^#!\/usr\/bin\/env node\n/,
    );
  });

  it('builds in `prepare` only when esbuild is there, so a production install does not fail', () => {
    const scripts = readJson('package.json').scripts as Record<string, string>;
    expect(scripts.prepare).toBe('node scripts/prepare.mjs');
    const prepare = readFileSync(new URL('scripts/prepare.mjs', root), 'utf8');
    expect(prepare).toContain("import('esbuild')");
    expect(prepare).toContain("import('./build.mjs')");
  });
});

// A small reader for the `engines.node` ranges found in package-lock.json (>=, >, <=, <, ^, x-ranges
// such as `20`, `6.*` or `>= 10.x`, `||`, `*`).
type Version = [number, number, number];
const parse = (text: string): { v: Version; parts: number } => {
  const parts = text
    .replace(/^v/, '')
    .split('.')
    .filter((part) => /^\d+$/.test(part));
  const n = parts.map(Number);
  return { v: [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0], parts: parts.length };
};
const cmp = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const bump = (v: Version, parts: number): Version =>
  parts <= 1 ? [v[0] + 1, 0, 0] : parts === 2 ? [v[0], v[1] + 1, 0] : [v[0], v[1], v[2] + 1];

function satisfies(range: string, version: string): boolean {
  const have = parse(version).v;
  return range.split('||').some((alternative) => {
    const comparators = alternative
      .trim()
      .replace(/([<>]=?|\^|~)\s+/g, '$1')
      .split(/\s+/);
    return comparators.every((comparator) => {
      if (comparator === '' || comparator === '*' || comparator === 'x') return true;
      const [, op = '', rest = ''] = /^([<>]=?|\^|~)?(.*)$/.exec(comparator) ?? [];
      const { v, parts } = parse(rest);
      switch (op) {
        case '>=':
          return cmp(have, v) >= 0;
        case '>':
          return cmp(have, v) > 0;
        case '<=':
          return parts < 3 ? cmp(have, bump(v, parts)) < 0 : cmp(have, v) <= 0;
        case '<':
          return cmp(have, v) < 0;
        case '^':
          return cmp(have, v) >= 0 && have[0] === v[0];
        case '~':
          return cmp(have, v) >= 0 && cmp(have, bump(v, Math.min(parts, 2))) < 0;
        default:
          return cmp(have, v) >= 0 && cmp(have, bump(v, parts)) < 0;
      }
    });
  });
}

describe('engines', () => {
  // Declared >=22 but plain string parsing with no Node API: runs on Node 20 (docs/decisions.md,
  // "engines: Node 20.18.1").
  const declaredButNotNeeded = new Set(['node_modules/content-type']);

  it('reads the range forms found in the lock file', () => {
    expect(satisfies('^20.18.1 || >= 22', '20.18.1')).toBe(true);
    expect(satisfies('^20.18.1 || >= 22', '20.18.0')).toBe(false);
    expect(satisfies('^20.18.1 || >= 22', '21.0.0')).toBe(false);
    expect(satisfies('6.* || 8.* || >= 10.*', '20.18.1')).toBe(true);
    expect(satisfies('20 || >=22', '21.1.0')).toBe(false);
    expect(satisfies('>=0.6.11 <=0.7.0 || >=0.7.3', '0.7.1')).toBe(false);
    expect(satisfies('>=22', '20.18.1')).toBe(false);
  });

  it('states the lowest Node version every production dependency accepts', () => {
    const engines = readJson('package.json').engines as { node: string };
    const floor = /^>=(\d+\.\d+\.\d+)$/.exec(engines.node)?.[1];
    expect(floor, `engines.node is ${engines.node}, expected >=X.Y.Z`).toBeDefined();
    const lock = readJson('package-lock.json') as {
      packages: Record<string, { dev?: boolean; engines?: { node?: string } }>;
    };
    const production = Object.entries(lock.packages).filter(
      ([path, entry]) => path !== '' && !entry.dev && entry.engines?.node,
    );
    expect(production.length).toBeGreaterThan(10);
    const refusing = production
      .filter(
        ([path, entry]) =>
          !satisfies(entry.engines!.node!, floor!) && !declaredButNotNeeded.has(path),
      )
      .map(([path, entry]) => `${path} ${entry.engines!.node}`);
    expect(refusing).toEqual([]);
    // And the floor is not lower than needed: one version below it, some dependency refuses.
    const [major, minor, patch] = parse(floor!).v;
    const below = patch > 0 ? `${major}.${minor}.${patch - 1}` : `${major}.${minor - 1}.99`;
    expect(
      production.some(
        ([path, entry]) =>
          !declaredButNotNeeded.has(path) && !satisfies(entry.engines!.node!, below),
      ),
    ).toBe(true);
  });
});
