// `curator lint` as ESLint users expect it (issue 18): --version, short flags, one-line errors with
// "did you mean", globs and folders, --max-warnings, --output-file, SARIF, colour, --print-config,
// --quiet that says what it hid, and a config found walking up from each file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { run } from '../../src/cli/run.js';
import { RULES } from '../../src/lint/preset.js';
import { fixture, SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const MISTAKES = (): string => fixture('lists/mistakes/README.md');

/** A folder with these files, and the CLI run in it (or in a subfolder) in-process. */
function folder(
  files: Record<string, string>,
  options: { env?: Record<string, string>; stdoutIsTTY?: boolean } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'curator-eslike-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return {
    dir,
    read: (path: string) => readFileSync(join(dir, path), 'utf8'),
    async run(...argv: string[]) {
      return runIn(dir, argv, options);
    },
    async runIn(sub: string, ...argv: string[]) {
      return runIn(join(dir, sub), argv, options);
    },
  };
}

async function runIn(
  cwd: string,
  argv: string[],
  options: { env?: Record<string, string>; stdoutIsTTY?: boolean },
) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    cwd,
    env: options.env ?? {},
    fetch: globalThis.fetch,
    now: () => new Date('2025-09-20T12:00:00Z'),
    isTerminal: false,
    ...(options.stdoutIsTTY === undefined ? {} : { stdoutIsTTY: options.stdoutIsTTY }),
    sleep: async () => undefined,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: async (p) => new Uint8Array(await readFile(p)),
    writeFile: (p, b) => writeFile(p, b),
    isFile: async (p) => (await stat(p).catch(() => null))?.isFile() ?? false,
  });
  return { code, stdout, stderr };
}

const paths = (stdout: string): string[] =>
  (JSON.parse(stdout) as { files: { path: string }[] }).files.map((f) => f.path);

/** One line, and every quote and backtick in it paired. */
function oneBalancedLine(text: string): void {
  expect(text.endsWith('\n')).toBe(true);
  expect(text.slice(0, -1)).not.toContain('\n');
  for (const q of ["'", '"', '`']) expect(text.split(q).length % 2).toBe(1);
}

describe('--version and help', () => {
  it.each([['--version'], ['-v']])('%s prints the package version', async (flag) => {
    const { code, stdout, stderr } = await folder({}).run(flag);
    expect(code).toBe(0);
    expect(stdout).toBe(`${pkg.version}\n`);
    expect(stderr).toBe('');
  });

  it('-h works at the top and for every command', async () => {
    const ws = folder({});
    expect((await ws.run('-h')).stdout).toContain('-v, --version');
    for (const command of [
      'lint',
      'classify',
      'scan',
      'sync',
      'check',
      'translate',
      'papers',
      'init',
    ]) {
      const { code, stdout } = await ws.run(command, '-h');
      expect(code, command).toBe(0);
      expect(stdout, command).toMatch(new RegExp(`^Usage: curator ${command}`));
    }
    const { stdout } = await ws.run('lint', '-h');
    for (const flag of [
      '-c, --config',
      '-f, --format',
      '-o, --output-file',
      '-q, --quiet',
      '--max-warnings',
      '--print-config',
    ])
      expect(stdout).toContain(flag);
  });
});

describe('one-line errors with "did you mean"', () => {
  it.each([
    [['lint', '--formt', 'json'], 'curator lint: unknown option --formt. Did you mean --format?\n'],
    [
      ['lint', '--max-warning', '3'],
      'curator lint: unknown option --max-warning. Did you mean --max-warnings?\n',
    ],
    [['lint', '--qiuet'], 'curator lint: unknown option --qiuet. Did you mean --quiet?\n'],
    [['lint', '--formt=json'], 'curator lint: unknown option --formt. Did you mean --format?\n'],
    [['sync', '--fxi'], 'curator sync: unknown option --fxi. Did you mean --fix?\n'],
    [
      ['lint', '--frobnicate'],
      'curator lint: unknown option --frobnicate. Run `curator lint --help` for the options.\n',
    ],
    [
      ['lint', '-z'],
      'curator lint: unknown option -z. Run `curator lint --help` for the options.\n',
    ],
    [
      ['lint', '-f'],
      'curator lint: --format needs a value. Run `curator lint --help` for the options.\n',
    ],
    [
      ['lint', '--fix=yes'],
      'curator lint: --fix takes no value. Run `curator lint --help` for the options.\n',
    ],
    [
      ['lint', '--max-warnings', '-1'],
      'curator lint: --max-warnings needs a value; for a value that starts with -, write --max-warnings=VALUE. Run `curator lint --help` for the options.\n',
    ],
    [
      ['lint', '-o', '-q'],
      'curator lint: -o needs a value; for a value that starts with -, write --output-file=VALUE. Run `curator lint --help` for the options.\n',
    ],
    [['lnit'], 'curator: unknown command "lnit". Did you mean lint? Run `curator --help`.\n'],
    [['--verison'], 'curator: unknown option --verison. Did you mean --version?\n'],
    [['lnt'], 'curator: unknown command "lnt". Did you mean lint? Run `curator --help`.\n'],
    [['sycn'], 'curator: unknown command "sycn". Did you mean sync? Run `curator --help`.\n'],
  ])('%j', async (argv, expected) => {
    const { code, stdout, stderr } = await folder({ 'README.md': '' }).run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(expected);
    oneBalancedLine(stderr);
  });

  it('the built CLI prints the same single line, and its version', () => {
    const bin = fileURLToPath(new URL('../../bin/curator.js', import.meta.url));
    const typo = spawnSync(process.execPath, [bin, 'lint', '--formt', 'json'], {
      encoding: 'utf8',
    });
    expect(typo.status).toBe(2);
    expect(typo.stderr).toBe('curator lint: unknown option --formt. Did you mean --format?\n');
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.stdout).toBe(`${pkg.version}\n`);
  });
});

describe('short flags', () => {
  it('-f, -q, -c and -o mean --format, --quiet, --config and --output-file', async () => {
    const ws = folder({ 'README.md': MISTAKES(), 'strict.yml': 'rules:\n  copy-paste: error\n' });
    const long = await ws.run('lint', '--format', 'json', '--quiet', '--config', 'strict.yml');
    const short = await ws.run('lint', '-f', 'json', '-q', '-c', 'strict.yml');
    expect(short).toEqual(long);
    expect(JSON.parse(short.stdout).summary).toEqual({ errors: 9, warnings: 0, infos: 0 });
    const file = await ws.run('lint', '-f', 'json', '-q', '-c', 'strict.yml', '-o', 'out.json');
    expect(ws.read('out.json')).toBe(long.stdout);
    expect(file.code).toBe(1);
  });
});

describe('inputs: files, folders and globs', () => {
  const lists = {
    'lists/kv/README.md': SEED_EN(),
    'lists/kv/README_zh.md': SEED_CN(),
    'lists/prompt/README.md': MISTAKES(),
    'lists/prompt/notes.txt': 'not a list',
    'lists/node_modules/x/README.md': MISTAKES(),
    'other.md': MISTAKES(),
  };

  it('a quoted glob lints the files it matches, sorted, skipping node_modules', async () => {
    const { code, stdout } = await folder(lists).run('lint', 'lists/**/*.md', '-f', 'json');
    expect(code).toBe(1);
    expect(paths(stdout)).toEqual([
      'lists/kv/README.md',
      'lists/kv/README_zh.md',
      'lists/prompt/README.md',
    ]);
  });

  it('a glob that matches nothing is an error naming it', async () => {
    const { code, stdout, stderr } = await folder(lists).run('lint', 'docs/**/*.md');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'curator lint: docs/**/*.md: no files match this pattern. Check the pattern (quote it, so that the shell does not expand it first)\n',
    );
  });

  it('a folder means its README.md and its translation by a usual name', async () => {
    const ws = folder(lists);
    const { stdout } = await ws.run('lint', 'lists/kv', 'lists/prompt', '-f', 'json');
    expect(paths(stdout)).toEqual([
      'lists/kv/README.md',
      'lists/kv/README_zh.md',
      'lists/prompt/README.md',
    ]);
    // A file named twice (by the folder and by itself) is linted once.
    const twice = await ws.run('lint', 'lists/prompt/README.md', 'lists/prompt', '-f', 'json');
    expect(paths(twice.stdout)).toEqual(['lists/prompt/README.md']);
    // From inside: `.` is the current folder's list, as with no argument.
    const here = await ws.runIn('lists/kv', 'lint', '.', '-f', 'json');
    expect(paths(here.stdout)).toEqual(['README.md', 'README_zh.md']);
  });

  it("a folder's own config names its files", async () => {
    const ws = folder({
      'list/.github/curator.yml': 'files:\n  primary: papers.md\n  translation: null\n',
      'list/papers.md': MISTAKES(),
      'list/README.md': '# About this repository\n',
    });
    const { stdout } = await ws.run('lint', 'list', '-f', 'json');
    expect(paths(stdout)).toEqual(['list/papers.md']);
  });

  it('files, folders and globs mix; a missing file is still one clear line', async () => {
    const ws = folder(lists);
    const { stdout } = await ws.run(
      'lint',
      'other.md',
      'lists/k*/*.md',
      'lists/prompt',
      '-f',
      'json',
    );
    expect(paths(stdout)).toEqual([
      'other.md',
      'lists/kv/README.md',
      'lists/kv/README_zh.md',
      'lists/prompt/README.md',
    ]);
    const missing = await ws.run('lint', 'nope.md');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      'curator lint: nope.md: no such file. Check the path and run again\n',
    );
  });
});

describe('--max-warnings', () => {
  const seed = { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() };

  it('exits 1 and says so when the warnings are more than N', async () => {
    const { code, stdout, stderr } = await folder(seed).run('lint', '--max-warnings', '13');
    expect(code).toBe(1);
    expect(stdout).toMatch(/\(0 errors, 14 warnings, /);
    expect(stderr).toBe('curator lint: too many warnings (14, more than --max-warnings 13)\n');
  });

  it('exits 0 at N warnings, and 1 for errors whatever N is', async () => {
    expect((await folder(seed).run('lint', '--max-warnings', '14')).code).toBe(0);
    const errors = await folder({ 'README.md': MISTAKES() }).run('lint', '--max-warnings', '99');
    expect(errors.code).toBe(1);
    expect(errors.stderr).toBe('');
  });

  it('counts the warnings --quiet hides', async () => {
    const { code, stderr } = await folder(seed).run('lint', '-q', '--max-warnings', '0');
    expect(code).toBe(1);
    expect(stderr).toBe('curator lint: too many warnings (14, more than --max-warnings 0)\n');
  });

  it.each([['-1'], ['two'], ['1.5'], ['']])('rejects %j', async (value) => {
    const { code, stderr } = await folder(seed).run('lint', `--max-warnings=${value}`);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `curator lint: --max-warnings: expected a whole number of at least 0, got "${value}". For example --max-warnings 0\n`,
    );
  });
});

describe('--output-file', () => {
  it('writes the report there (creating its folder); stdout gets one line', async () => {
    const ws = folder({ 'README.md': MISTAKES() });
    const plain = await ws.run('lint');
    const { code, stdout } = await ws.run('lint', '--output-file', 'reports/lint.txt');
    expect(code).toBe(1);
    expect(stdout).toBe(
      'curator lint: report written to reports/lint.txt (8 errors, 2 warnings, 0 info)\n',
    );
    expect(ws.read('reports/lint.txt')).toBe(plain.stdout);
  });

  it('never colours the file, even on a terminal', async () => {
    const ws = folder(
      { 'README.md': MISTAKES() },
      { stdoutIsTTY: true, env: { FORCE_COLOR: '1' } },
    );
    await ws.run('lint', '-o', 'lint.txt');
    expect(ws.read('lint.txt')).not.toContain('\x1b[');
  });

  it('a file that cannot be written is one clear line, exit 2', async () => {
    const ws = folder({ 'README.md': MISTAKES(), taken: 'a file, not a folder' });
    const { code, stderr } = await ws.run('lint', '-o', 'taken/lint.txt');
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^curator lint: taken\/lint\.txt: the report cannot be written \((ENOTDIR|EEXIST)\)\. /,
    );
    oneBalancedLine(stderr);
  });
});

describe('--format sarif', () => {
  type Obj = Record<string, unknown>;
  const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
  const text = (v: unknown): void => {
    expect(isObj(v) && typeof v['text'] === 'string' && v['text'].length > 0).toBe(true);
  };

  /** The properties SARIF 2.1.0 requires (and that GitHub code scanning reads), checked by hand. */
  function checkSarif(sarif: unknown, artifacts: readonly string[]): Obj[] {
    expect(isObj(sarif)).toBe(true);
    const log = sarif as Obj;
    expect(log['version']).toBe('2.1.0');
    expect(log['$schema']).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const runs = log['runs'] as Obj[];
    expect(runs).toHaveLength(1);
    const driver = (runs[0]!['tool'] as Obj)['driver'] as Obj;
    expect(driver['name']).toBe('awesome-curator');
    expect(driver['version']).toBe(pkg.version);
    expect(driver['informationUri']).toMatch(/^https:\/\//);
    const rules = driver['rules'] as Obj[];
    expect(rules.map((r) => r['id']).slice(0, RULES.length)).toEqual(RULES.map((r) => r.id));
    for (const [i, rule] of RULES.entries()) {
      const r = rules[i]!;
      expect((r['shortDescription'] as Obj)['text']).toBe(rule.description);
      expect(r['helpUri']).toBe(`${driver['informationUri']}/blob/main/docs/rules.md#${rule.id}`);
      const level = { error: 'error', warning: 'warning', info: 'note' }[rule.defaultSeverity];
      expect((r['defaultConfiguration'] as Obj)['level']).toBe(level);
    }
    const results = runs[0]!['results'] as Obj[];
    for (const result of results) {
      expect(typeof result['ruleId']).toBe('string');
      expect(rules[result['ruleIndex'] as number]!['id']).toBe(result['ruleId']);
      expect(['error', 'warning', 'note']).toContain(result['level']);
      text(result['message']);
      const locations = result['locations'] as Obj[];
      expect(locations).toHaveLength(1);
      const physical = locations[0]!['physicalLocation'] as Obj;
      const uri = (physical['artifactLocation'] as Obj)['uri'] as string;
      expect(artifacts).toContain(uri);
      expect(uri).not.toMatch(/^(\/|[a-z]+:)/);
      const region = physical['region'] as Obj;
      expect(Number.isInteger(region['startLine']) && (region['startLine'] as number) >= 1).toBe(
        true,
      );
      expect(
        Number.isInteger(region['startColumn']) && (region['startColumn'] as number) >= 1,
      ).toBe(true);
      for (const fix of (result['fixes'] as Obj[] | undefined) ?? []) {
        const changes = fix['artifactChanges'] as Obj[];
        expect(changes.length).toBeGreaterThan(0);
        for (const change of changes) {
          expect((change['artifactLocation'] as Obj)['uri']).toBe(uri);
          for (const r of change['replacements'] as Obj[]) {
            const deleted = r['deletedRegion'] as Obj;
            expect(Number.isInteger(deleted['startLine'])).toBe(true);
            expect(deleted['endLine']).toBe(deleted['startLine']);
            expect(typeof (r['insertedContent'] as Obj)['text']).toBe('string');
          }
        }
      }
    }
    return results;
  }

  it('is valid SARIF 2.1.0 with rule metadata, locations and whole-line fixes', async () => {
    const ws = folder({ 'my list/README.md': MISTAKES(), 'my list/README_CN.md': SEED_CN() });
    const json = JSON.parse((await ws.run('lint', 'my list', '-f', 'json')).stdout);
    const { code, stdout } = await ws.run('lint', 'my list', '-f', 'sarif');
    expect(code).toBe(1);
    const results = checkSarif(JSON.parse(stdout), [
      'my%20list/README.md',
      'my%20list/README_CN.md',
    ]);
    // One result per finding, in order, with the same rule, place, level and message.
    type F = {
      ruleId: string;
      severity: string;
      line: number;
      column: number;
      message: string;
      fix?: { line: number; text: string };
    };
    const findings: (F & { path: string })[] = json.files.flatMap(
      (f: { path: string; findings: F[] }) => f.findings.map((x) => ({ ...x, path: f.path })),
    );
    expect(results).toHaveLength(findings.length);
    for (const [i, f] of findings.entries()) {
      const r = results[i] as {
        ruleId: string;
        level: string;
        message: { text: string };
        locations: {
          physicalLocation: {
            artifactLocation: { uri: string };
            region: { startLine: number; startColumn: number };
          };
        }[];
        fixes?: {
          artifactChanges: {
            replacements: {
              deletedRegion: { startLine: number };
              insertedContent: { text: string };
            }[];
          }[];
        }[];
      };
      expect(r.ruleId).toBe(f.ruleId);
      expect(r.level).toBe({ error: 'error', warning: 'warning', info: 'note' }[f.severity]);
      expect(r.message.text).toBe(f.message);
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
        f.path.replace(' ', '%20'),
      );
      expect(r.locations[0]!.physicalLocation.region).toEqual({
        startLine: f.line,
        startColumn: f.column,
      });
      if (f.fix) {
        const replacement = r.fixes![0]!.artifactChanges[0]!.replacements[0]!;
        expect(replacement.deletedRegion.startLine).toBe(f.fix.line);
        expect(replacement.insertedContent.text).toBe(f.fix.text);
      } else expect(r.fixes).toBeUndefined();
    }
    expect(results.some((r) => r['fixes'])).toBe(true);
    expect(results.some((r) => r['level'] === 'warning')).toBe(true);
  });

  it('a clean run is a log with no results; --quiet and -o apply', async () => {
    const ws = folder({
      'README.md':
        '# List\n\n## Papers\n\n| Paper Title | Venue/Date |\n| --- | --- |\n| [A](https://arxiv.org/abs/2403.12968) | ACL 2024 |\n',
    });
    const { code, stdout } = await ws.run('lint', '-f', 'sarif', '--rule', 'category=off');
    expect(code).toBe(0);
    checkSarif(JSON.parse(stdout), ['README.md']);
    const quiet = await folder({ 'README.md': MISTAKES() }).run('lint', '-f', 'sarif', '-q');
    const levels = checkSarif(JSON.parse(quiet.stdout), ['README.md']).map((r) => r['level']);
    expect(new Set(levels)).toEqual(new Set(['error']));
    const file = folder({ 'README.md': MISTAKES() });
    await file.run('lint', '-f', 'sarif', '-o', 'curator.sarif');
    checkSarif(JSON.parse(file.read('curator.sarif')), ['README.md']);
  });
});

describe('colour', () => {
  const ESC = '\x1b[';
  const files = { 'README.md': MISTAKES() };

  it('stylish is coloured when stdout is a terminal: severity words and the summary', async () => {
    const { stdout } = await folder(files, { stdoutIsTTY: true }).run('lint');
    expect(stdout).toContain(`${ESC}31merror  ${ESC}39m`);
    expect(stdout).toContain(`${ESC}33mwarning${ESC}39m`);
    expect(stdout).toContain(`${ESC}4mREADME.md${ESC}24m`);
    expect(stdout).toContain(`${ESC}31m${ESC}1m10 problems (8 errors, 2 warnings, 0 info)`);
    // Without the escapes it is exactly the plain report.
    const plain = await folder(files).run('lint');
    expect(stdout.replace(new RegExp(`${ESC.replace('[', '\\[')}\\d+m`, 'g'), '')).toBe(
      plain.stdout,
    );
  });

  it('is plain when stdout is not a terminal (the default in tests), and for json, github, sarif', async () => {
    expect((await folder(files).run('lint')).stdout).not.toContain(ESC);
    expect((await folder(files, { stdoutIsTTY: false }).run('lint')).stdout).not.toContain(ESC);
    for (const format of ['json', 'github', 'sarif']) {
      const { stdout } = await folder(files, { stdoutIsTTY: true, env: { FORCE_COLOR: '1' } }).run(
        'lint',
        '-f',
        format,
      );
      expect(stdout, format).not.toContain(ESC);
    }
  });

  it.each([['1'], ['true'], ['anything']])(
    'NO_COLOR=%s turns it off on a terminal',
    async (value) => {
      const { stdout } = await folder(files, { stdoutIsTTY: true, env: { NO_COLOR: value } }).run(
        'lint',
      );
      expect(stdout).not.toContain(ESC);
    },
  );

  it('an empty NO_COLOR is not set', async () => {
    const { stdout } = await folder(files, { stdoutIsTTY: true, env: { NO_COLOR: '' } }).run(
      'lint',
    );
    expect(stdout).toContain(ESC);
  });

  it('FORCE_COLOR turns it on without a terminal; FORCE_COLOR=0 off; NO_COLOR wins over it', async () => {
    expect((await folder(files, { env: { FORCE_COLOR: '1' } }).run('lint')).stdout).toContain(ESC);
    expect(
      (await folder(files, { stdoutIsTTY: true, env: { FORCE_COLOR: '0' } }).run('lint')).stdout,
    ).not.toContain(ESC);
    expect(
      (await folder(files, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).run('lint')).stdout,
    ).not.toContain(ESC);
  });

  it('the built CLI colours with FORCE_COLOR and not with NO_COLOR', () => {
    const bin = fileURLToPath(new URL('../../bin/curator.js', import.meta.url));
    const ws = folder(files);
    const env = (extra: Record<string, string>) => {
      const e: Record<string, string | undefined> = { ...process.env, ...extra };
      delete e['NO_COLOR'];
      delete e['FORCE_COLOR'];
      return { ...e, ...extra };
    };
    const coloured = spawnSync(process.execPath, [bin, 'lint'], {
      cwd: ws.dir,
      encoding: 'utf8',
      env: env({ FORCE_COLOR: '1' }),
    });
    expect(coloured.stdout).toContain(ESC);
    const plain = spawnSync(process.execPath, [bin, 'lint'], {
      cwd: ws.dir,
      encoding: 'utf8',
      env: env({ NO_COLOR: '1' }),
    });
    expect(plain.stdout).not.toContain(ESC);
    expect(plain.status).toBe(1);
  });
});

describe('--quiet says what it hid', () => {
  it('no errors: "N warnings … hidden", not "No problems"', async () => {
    const ws = folder({ 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() });
    const { code, stdout } = await ws.run('lint', '--quiet');
    expect(code).toBe(0);
    expect(stdout).not.toContain('No problems');
    expect(stdout).toMatch(
      /^No errors in 2 files; 14 warnings( and \d+ info)? hidden by --quiet\.\n$/,
    );
  });

  it('with errors: the errors, then how many warnings were hidden', async () => {
    const { stdout } = await folder({ 'README.md': MISTAKES() }).run('lint', '-q');
    expect(stdout).toContain('8 problems (8 errors, 0 warnings, 0 info)');
    expect(stdout).toMatch(/\n2 warnings hidden by --quiet\.\n$/);
    expect(stdout).not.toMatch(/ warning +/);
  });

  it('nothing hidden: "No problems" as before', async () => {
    const clean =
      '# List\n\n## Papers\n\n| Paper Title | Venue/Date |\n| --- | --- |\n| [A](https://arxiv.org/abs/2403.12968) | ACL 2024 |\n';
    const { stdout } = await folder({ 'README.md': clean }).run(
      'lint',
      '-q',
      '--rule',
      'category=off',
    );
    expect(stdout).toBe('No problems in 1 file.\n');
  });
});

describe('--print-config', () => {
  it("prints the file's effective config (its .github/curator.yml over the defaults) as JSON", async () => {
    const ws = folder({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.github/curator.yml': 'rules:\n  tag-vocabulary: off\ncategories:\n  exclude: [Surveys]\n',
      'README.md': SEED_EN(),
      'README_CN.md': SEED_CN(),
      'sub/.github/curator.yml': 'rules:\n  venue: warning\n',
      'sub/README.md': MISTAKES(),
    });
    const { code, stdout, stderr } = await ws.run('lint', '--print-config', 'README.md');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const config = JSON.parse(stdout);
    expect(config.rules['tag-vocabulary']).toBe('off');
    expect(config.categories.exclude).toEqual(['Surveys']);
    expect(config.files).toEqual({ primary: 'README.md', translation: 'README_CN.md' });
    expect(Object.keys(config)).toEqual(
      expect.arrayContaining(['files', 'categories', 'columns', 'rules']),
    );
    // The defaults' keys are all there.
    const defaults = JSON.parse(
      (await folder({}).run('lint', '--print-config', 'README.md')).stdout,
    );
    expect(Object.keys(config).sort()).toEqual(Object.keys(defaults).sort());
    // Another folder, another config; --rule applies too.
    const sub = JSON.parse(
      (await ws.run('lint', '--print-config', 'sub/README.md', '--rule', 'tldr=off')).stdout,
    );
    expect(sub.rules.venue).toBe('warning');
    expect(sub.rules.tldr).toBe('off');
    expect(sub.rules['tag-vocabulary']).toBeUndefined();
  });
});

describe('a rule given options only', () => {
  it('keeps its default severity, and --rule changes the severity but keeps the options', async () => {
    // `tag-vocabulary` (a warning for the MISTAKES list's near-duplicate tag; its default is not
    // `error`) and `code-link` are named with options only.
    const ws = folder({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.github/curator.yml': [
        'rules:',
        '  code-link:',
        '    options: { hosts: [github.com] }',
        '  tag-vocabulary:',
        '    options: { group: true }',
      ].join('\n'),
      'README.md': MISTAKES(),
    });
    const plain = folder({ '.git/HEAD': 'ref: refs/heads/main\n', 'README.md': MISTAKES() });
    const severities = async (dir: typeof ws, ...args: string[]) => {
      const { stdout } = await dir.run('lint', '--format', 'json', ...args);
      const bySeverity: Record<string, string[]> = {};
      for (const f of JSON.parse(stdout).files[0].findings as {
        ruleId: string;
        severity: string;
      }[])
        (bySeverity[f.ruleId] ??= []).push(f.severity);
      return bySeverity;
    };
    const withOptions = await severities(ws);
    const defaults = await severities(plain);
    expect(withOptions['code-link']?.length).toBeGreaterThan(0);
    expect(new Set(withOptions['code-link'])).toEqual(new Set(defaults['code-link']));
    expect(withOptions['tag-vocabulary']).toEqual(['warning']);
    expect(withOptions['tag-vocabulary']).toEqual(defaults['tag-vocabulary']);
    const config = JSON.parse((await ws.run('lint', '--print-config', 'README.md')).stdout);
    expect(config.rules['code-link']).toEqual({ options: { hosts: ['github.com'] } });
    // --rule sets the severity and keeps the config's options.
    const overridden = JSON.parse(
      (await ws.run('lint', '--print-config', 'README.md', '--rule', 'code-link=warning')).stdout,
    );
    expect(overridden.rules['code-link']).toEqual({
      severity: 'warning',
      options: { hosts: ['github.com'] },
    });
    const warned = await severities(ws, '--rule', 'code-link=warning');
    expect(warned['code-link']).toEqual(withOptions['code-link']!.map(() => 'warning'));
  });
});

describe('config discovery: each file uses the nearest .github/curator.yml up to the repository root', () => {
  const strict = 'rules:\n  venue: off\n  arxiv-link: off\n  toc-anchor: off\n';

  it('`curator lint list/README.md` from the parent uses list/.github/curator.yml', async () => {
    const ws = folder({ 'list/.github/curator.yml': strict, 'list/README.md': MISTAKES() });
    const fromParent = await ws.run('lint', 'list/README.md', '-f', 'json');
    const inside = await ws.runIn('list', 'lint', '-f', 'json');
    const unconfigured = await folder({ 'README.md': MISTAKES() }).run('lint', '-f', 'json');
    expect(JSON.parse(fromParent.stdout).summary).toEqual(JSON.parse(inside.stdout).summary);
    expect(JSON.parse(fromParent.stdout).summary.errors).toBeLessThan(
      JSON.parse(unconfigured.stdout).summary.errors,
    );
    const ruleIds = JSON.parse(fromParent.stdout).files[0].findings.map(
      (f: { ruleId: string }) => f.ruleId,
    );
    expect(ruleIds).not.toContain('venue');
    expect(ruleIds).not.toContain('arxiv-link');
  });

  it('files in different folders use different configs in one run', async () => {
    const ws = folder({
      'a/.github/curator.yml': strict,
      'a/README.md': MISTAKES(),
      'b/README.md': MISTAKES(),
    });
    const { stdout } = await ws.run('lint', 'a/README.md', 'b/README.md', '-f', 'json');
    const [a, b] = JSON.parse(stdout).files as { path: string; findings: { ruleId: string }[] }[];
    expect([a!.path, b!.path]).toEqual(['a/README.md', 'b/README.md']);
    expect(a!.findings.map((f) => f.ruleId)).not.toContain('venue');
    expect(b!.findings.map((f) => f.ruleId)).toContain('venue');
    // The same through a glob, in sorted order.
    const globbed = await ws.run('lint', '*/README.md', '-f', 'json');
    expect(globbed.stdout).toBe(stdout);
  });

  it('walks up from a subfolder to the repository root, and no further', async () => {
    const ws = folder({
      '.github/curator.yml': strict,
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/docs/list/README.md': MISTAKES(),
      'other/.git': 'gitdir: ../somewhere\n', // a worktree's .git is a file
      'other/.github/curator.yml': strict,
      'other/deep/er/README.md': MISTAKES(),
    });
    const run = async (path: string) =>
      (
        JSON.parse((await ws.run('lint', path, '-f', 'json')).stdout).files[0].findings as {
          ruleId: string;
        }[]
      ).map((f) => f.ruleId);
    // repo/ is a repository without a config: the outer folder's is not used.
    expect(await run('repo/docs/list/README.md')).toContain('venue');
    // other/deep/er walks up to other/.github.
    expect(await run('other/deep/er/README.md')).not.toContain('venue');
  });

  it('--config still applies to every file', async () => {
    const ws = folder({
      'a/.github/curator.yml': 'rules:\n  venue: error\n',
      'a/README.md': MISTAKES(),
      'b/README.md': MISTAKES(),
      'relaxed.yml': strict,
    });
    const { stdout } = await ws.run(
      'lint',
      'a/README.md',
      'b/README.md',
      '-c',
      'relaxed.yml',
      '-f',
      'json',
    );
    for (const file of JSON.parse(stdout).files as { findings: { ruleId: string }[] }[])
      expect(file.findings.map((f) => f.ruleId)).not.toContain('venue');
  });

  it('a bad config found by discovery names its path', async () => {
    const ws = folder({
      'list/.github/curator.yml': 'rules:\n  venue: sometimes\n',
      'list/README.md': MISTAKES(),
    });
    const { code, stderr } = await ws.run('lint', 'list/README.md');
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^curator lint: list\/\.github\/curator\.yml: rules\.venue: expected one of/,
    );
  });
});
