import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { workspace } from '../helpers/cli.js';
import { fixture, SEED_CN, SEED_EN } from '../helpers/fixtures.js';

/** The `--format json` contract, exactly (strict: no extra or missing keys). */
const JsonReport = z
  .object({
    files: z.array(
      z
        .object({
          path: z.string(),
          findings: z.array(
            z
              .object({
                ruleId: z.string(),
                severity: z.enum(['error', 'warning', 'info']),
                line: z.number().int().positive(),
                column: z.number().int().positive(),
                message: z.string(),
                fix: z
                  .object({ line: z.number().int().positive(), text: z.string() })
                  .strict()
                  .optional(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    summary: z.object({ errors: z.number(), warnings: z.number(), infos: z.number() }).strict(),
  })
  .strict();

describe('curator lint', () => {
  it('lints README.md and README_CN.md of the current folder by default and exits 0 without errors', async () => {
    const ws = workspace({ 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() });
    const { code, stdout } = await ws.run('lint', '--format', 'json');
    expect(code).toBe(0);
    const report = JsonReport.parse(JSON.parse(stdout));
    expect(report.files.map((f) => f.path)).toEqual(['README.md', 'README_CN.md']);
    expect(report.summary.errors).toBe(0);
    // 3 papers in two categories and 3 misplaced rows (Keyformer, ICAE, Gist), in each file.
    expect(report.summary.warnings).toBe(14);
  });

  it('exits 1 with errors and prints stylish output like ESLint', async () => {
    const ws = workspace({ 'README.md': fixture('lists/mistakes/README.md') });
    const { code, stdout } = await ws.run('lint');
    expect(code).toBe(1);
    expect(stdout).toContain('README.md\n');
    expect(stdout).toMatch(
      / {2}20:3 +error +Unexpected `https:\/\/arxiv\.org\/pdf\/2309\.17453`, expected `https:\/\/arxiv\.org\/abs\/2309\.17453`.* arxiv-link\n/,
    );
    expect(stdout).toContain('10 problems (8 errors, 2 warnings, 0 info)');
  });

  it('--quiet reports errors only', async () => {
    const ws = workspace({ 'README.md': fixture('lists/mistakes/README.md') });
    const { code, stdout } = await ws.run('lint', '--quiet', '--format', 'json');
    expect(code).toBe(1);
    const report = JsonReport.parse(JSON.parse(stdout));
    expect(report.summary).toEqual({ errors: 8, warnings: 0, infos: 0 });
    expect(report.files[0]!.findings.every((f) => f.severity === 'error')).toBe(true);
  });

  it('prints GitHub workflow commands with escaped values', async () => {
    const ws = workspace({ 'list,one.md': fixture('lists/mistakes/README.md') });
    const { code, stdout } = await ws.run('lint', 'list,one.md', '--format', 'github');
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe(
      '::error file=list%2Cone.md,line=9,col=3,title=toc-anchor::Unexpected link to `#notse`, no heading has that anchor; expected `#notes`',
    );
    expect(lines.some((l) => l.startsWith('::warning file=list%2Cone.md,line=27,'))).toBe(true);
  });

  it('--fix repairs the file in place, reports what remains, and a second run changes nothing', async () => {
    const original = fixture('lists/mistakes/README.md');
    const ws = workspace({ 'README.md': original });
    const first = await ws.run('lint', '--fix', '--format', 'json');
    expect(first.code).toBe(1);
    expect(first.stderr).toBe('README.md: fixed 7 lines\n');
    const report = JsonReport.parse(JSON.parse(first.stdout));
    expect(report.files[0]!.findings.map((f) => f.ruleId)).toEqual([
      'copy-paste',
      'duplicate-in-table',
      'tldr',
    ]);
    const fixed = ws.read('README.md').toString('utf8');
    const changed = original.split('\n').filter((l, i) => l !== fixed.split('\n')[i]);
    expect(changed).toHaveLength(7);
    const second = await ws.run('lint', '--fix', '--format', 'json');
    expect(second.stderr).toBe('');
    expect(ws.read('README.md').toString('utf8')).toBe(fixed);
  });

  it('keeps a byte-order mark and CRLF line endings when fixing', async () => {
    const text =
      '\uFEFF| Paper Title | Venue/Date |\r\n| --- | --- |\r\n| [A](https://arxiv.org/pdf/2403.12968) | ACL 2024 |\r\n';
    const ws = workspace({ 'README.md': text });
    await ws.run('lint', 'README.md', '--fix');
    expect(ws.read('README.md').toString('utf8')).toBe(
      '\uFEFF| Paper Title | Venue/Date |\r\n| --- | --- |\r\n| [A](https://arxiv.org/abs/2403.12968) | ACL 2024 |\r\n',
    );
  });

  describe('bad input gets findings or one clear line, never a crash', () => {
    it.each([
      [
        'a missing file',
        {},
        ['lint', 'nope.md'],
        /^curator lint: nope\.md: no such file\. Check the path and run again\n$/,
      ],
      [
        'no list files in the folder',
        {},
        ['lint'],
        /^curator lint: no README\.md or README_CN\.md in .+\. Run curator in the list's folder, or name the files/,
      ],
      [
        'a folder without list files',
        { 'docs/x': '' },
        ['lint', 'docs'],
        /^curator lint: no README\.md or README_CN\.md in docs\. Run curator in the list's folder/,
      ],
      [
        'a non-UTF-8 file',
        { 'README.md': new Uint8Array([0x7c, 0x20, 0xff, 0xfe, 0x0a]) },
        ['lint'],
        /^curator lint: README\.md: not a UTF-8 text file\. Save it as UTF-8/,
      ],
      [
        'an unknown format',
        { 'README.md': '' },
        ['lint', '--format', 'xml'],
        /^curator lint: --format: unknown format "xml"\. Use one of stylish, json, github, sarif\n$/,
      ],
      [
        'an unknown flag',
        { 'README.md': '' },
        ['lint', '--frobnicate'],
        /^curator lint: unknown option --frobnicate\. Run `curator lint --help` for the options\.\n$/,
      ],
      [
        'a missing --config file',
        { 'README.md': '' },
        ['lint', '--config', 'x.yml'],
        /^curator lint: x\.yml: no such file/,
      ],
    ])('%s: exit 2', async (_name, files, argv, message) => {
      const ws = workspace(files as Record<string, string | Uint8Array>);
      const { code, stderr, stdout } = await ws.run(...argv);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
    });

    it('no command: the usage on stderr, exit 2', async () => {
      const { code, stderr, stdout } = await workspace({}).run();
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('Usage: curator <command>');
    });

    it('a fixed file that cannot be written: one line, exit 2, nothing half-written', async () => {
      const ws = workspace({ 'README.md': fixture('lists/mistakes/README.md') });
      let stderr = '';
      const { run } = await import('../../src/cli/run.js');
      const { readFile, stat } = await import('node:fs/promises');
      const code = await run(['lint', '--fix'], {
        cwd: ws.dir,
        env: {},
        fetch: globalThis.fetch,
        now: () => new Date('2025-09-20T12:00:00Z'),
        isTerminal: false,
        stdout: () => undefined,
        stderr: (t) => void (stderr += t),
        readFile: async (p) => new Uint8Array(await readFile(p)),
        writeFile: async () => {
          throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        },
        isFile: async (p) => (await stat(p).catch(() => null))?.isFile() ?? false,
      });
      expect(code).toBe(2);
      expect(stderr).toBe(
        'curator lint: README.md: the fixed file cannot be written (EACCES). Check that the file and its folder are writable, or run without --fix\n',
      );
      expect(ws.read('README.md').toString('utf8')).toBe(fixture('lists/mistakes/README.md'));
    });

    it('an unknown command', async () => {
      const { code, stderr } = await workspace({}).run('frob');
      expect(code).toBe(2);
      expect(stderr).toBe(
        'curator: unknown command "frob". Commands: lint, classify, scan, sync, check, translate, papers, init. Run `curator --help`.\n',
      );
    });

    it('an empty file and a file without tables: a finding that says so, not a silent pass', async () => {
      const ws = workspace({
        'README.md': '',
        'README_CN.md': '# Only prose\n\nNothing tabular.\n',
      });
      const { code, stdout } = await ws.run('lint', '--format', 'json');
      expect(code).toBe(0);
      const files = JSON.parse(stdout).files as {
        findings: { ruleId: string; line: number; message: string }[];
      }[];
      expect(files.map((f) => f.findings.map((x) => [x.ruleId, x.line, x.message]))).toEqual([
        [
          [
            'paper-table',
            1,
            'Unexpected empty file, expected a Markdown table of papers (header `| Paper Title | Venue/Date | … |`) or list items that link papers (`- [Title](https://arxiv.org/abs/…)`)',
          ],
        ],
        [
          [
            'paper-table',
            1,
            'Unexpected file without tables, expected a Markdown table of papers (header `| Paper Title | Venue/Date | … |`) or list items that link papers (`- [Title](https://arxiv.org/abs/…)`)',
          ],
        ],
      ]);
    });

    it('a row with too many cells is a table-shape error at its line', async () => {
      const ws = workspace({
        'README.md':
          '| Paper Title | Venue/Date |\n| --- | --- |\n| [A](https://arxiv.org/abs/2403.12968) | ACL 2024 | extra |\n',
      });
      const { code, stdout } = await ws.run('lint', '--format', 'json');
      expect(code).toBe(1);
      expect(JSON.parse(stdout).files[0].findings[0]).toMatchObject({
        ruleId: 'table-shape',
        line: 3,
        column: 1,
        severity: 'error',
      });
    });

    it('a 5 MB README is linted', async () => {
      const row = (i: number) =>
        `| [Paper ${i}](https://arxiv.org/abs/2403.${String(10000 + i)}) | arXiv 2024.03 | \`Pruning\` | - | Summary number ${i} of a paper. |`;
      const rows = Array.from({ length: 45_000 }, (_, i) => row(i));
      const text = `# Big\n\n## Papers\n\n| Paper Title | Venue/Date | Tags | Code | TL;DR |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
      expect(text.length).toBeGreaterThan(5_000_000);
      const ws = workspace({ 'README.md': text });
      const { code, stdout } = await ws.run('lint', '--format', 'json');
      expect(code).toBe(0);
      const out = JSON.parse(stdout);
      expect(out.summary).toEqual({ errors: 0, warnings: 0, infos: 1 });
      // Classifying 45,000 rows would take a while: the placement check says it was skipped.
      expect(out.files[0].findings[0]).toMatchObject({
        ruleId: 'category',
        severity: 'info',
        line: 1,
      });
      expect(out.files[0].findings[0].message).toMatch(
        /^Placement check skipped: 45000 rows in categories is more than 20000; raise rules\.category\.options\.maxRows/,
      );
    });
  });

  it('takes rule settings from .github/curator.yml', async () => {
    const ws = workspace({
      'README.md': fixture('lists/mistakes/README.md'),
      '.github/curator.yml': 'rules:\n  venue: off\n  arxiv-link: warning\n',
    });
    const { stdout } = await ws.run('lint', '--format', 'json');
    const findings = JSON.parse(stdout).files[0].findings as { ruleId: string; severity: string }[];
    expect(findings.some((f) => f.ruleId === 'venue')).toBe(false);
    expect(findings.filter((f) => f.ruleId === 'arxiv-link').map((f) => f.severity)).toEqual([
      'warning',
      'warning',
    ]);
  });

  it('--rule sets a severity for this run, over the config file', async () => {
    const ws = workspace({
      'README.md': fixture('lists/mistakes/README.md'),
      '.github/curator.yml': 'rules:\n  venue: warning\n',
    });
    const { stdout } = await ws.run(
      'lint',
      '--rule',
      'venue=off',
      '--rule',
      'arxiv-link=info',
      '--format',
      'json',
    );
    const findings = JSON.parse(stdout).files[0].findings as { ruleId: string; severity: string }[];
    expect(findings.some((f) => f.ruleId === 'venue')).toBe(false);
    expect(findings.filter((f) => f.ruleId === 'arxiv-link').map((f) => f.severity)).toEqual([
      'info',
      'info',
    ]);
    const bad = await ws.run('lint', '--rule', 'venu=off');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^curator lint: --rule: "venu=off" is not RULE=SEVERITY\. Rules: paper-table, /,
    );
  });

  it('rejects a bad config with the key path and the allowed values', async () => {
    const ws = workspace({ 'README.md': '', '.github/curator.yml': 'rules:\n  venue: warn\n' });
    const { code, stderr } = await ws.run('lint');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'curator lint: .github/curator.yml: rules.venue: expected one of "off", "error", "warning", "info", or { severity, options }. See the config reference in README.md\n',
    );
  });
});

describe('the curator bin', () => {
  const bin = fileURLToPath(new URL('../../bin/curator.js', import.meta.url));

  it('runs from a fresh build without knowing about the build step', () => {
    const ws = workspace({ 'README.md': fixture('lists/mistakes/README.md') });
    const result = spawnSync(process.execPath, [bin, 'lint', '--format', 'json'], {
      cwd: ws.dir,
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).summary).toEqual({ errors: 8, warnings: 2, infos: 0 });
    expect(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })).toContain(
      'curator <command>',
    );
  });

  it('sets its heap growth without a word on stderr, and leaves a heap flag given to Node alone', () => {
    // The V8 flag must exist on the Node running it: an unknown one is an error line on stderr.
    const own = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect([own.status, own.stderr]).toEqual([0, '']);
    const given = spawnSync(process.execPath, ['--heap-growing-percent=80', bin, '--version'], {
      encoding: 'utf8',
    });
    expect([given.status, given.stderr]).toEqual([0, '']);
    // Its effect (peak memory) is measured by `npm run bench`, not here.
  });
});

describe('several files', () => {
  it('a bad first file is reported once, while the second is still being read', async () => {
    const ws = workspace({
      'a.md': new Uint8Array([0xff, 0xfe]),
      'b.md': '| Paper Title |\n| --- |\n',
    });
    const { code, stderr } = await ws.run('lint', 'a.md', 'b.md');
    expect(code).toBe(2);
    expect(stderr).toBe(
      'curator lint: a.md: not a UTF-8 text file. Save it as UTF-8 (GitHub renders README files as UTF-8) and run again\n',
    );
  });
});

describe('linting in two threads (--jobs 2, the built CLI)', () => {
  const bin = fileURLToPath(new URL('../../bin/curator.js', import.meta.url));
  const curator = (cwd: string, ...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });

  it('reports exactly what one thread reports, in file order', () => {
    const ws = workspace({
      'README.md': fixture('lists/mistakes/README.md'),
      'README_CN.md': SEED_CN(),
    });
    const one = curator(ws.dir, 'lint', '--jobs', '1', '--format', 'json');
    const two = curator(ws.dir, 'lint', '--jobs', '2', '--format', 'json');
    expect(two.status).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(two.stdout).files.map((f: { path: string }) => f.path)).toEqual([
      'README.md',
      'README_CN.md',
    ]);
  });

  it('fixes the file handled by the worker', () => {
    const ws = workspace({
      'README.md': SEED_EN(),
      'README_CN.md': fixture('lists/mistakes/README.md'),
    });
    const r = curator(ws.dir, 'lint', '--jobs', '2', '--fix', '--format', 'json');
    expect(r.stderr).toBe('README_CN.md: fixed 7 lines\n');
    expect(ws.read('README_CN.md').toString('utf8')).toContain(
      '(https://arxiv.org/abs/2309.17453)',
    );
    expect(ws.read('README.md').toString('utf8')).toBe(SEED_EN());
  });

  it('passes a user mistake in the worker on as one clear line', () => {
    const ws = workspace({ 'README.md': SEED_EN(), 'README_CN.md': new Uint8Array([0xff]) });
    const r = curator(ws.dir, 'lint', '--jobs', '2');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'curator lint: README_CN.md: not a UTF-8 text file. Save it as UTF-8 (GitHub renders README files as UTF-8) and run again\n',
    );
  });

  it('rejects a bad --jobs value', () => {
    const r = curator(workspace({ 'README.md': '' }).dir, 'lint', '--jobs', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'curator lint: --jobs: expected a whole number of at least 1, got "0". Use --jobs 1 to lint in one thread\n',
    );
  });
});
