/**
 * The CLI on a list with one language: the English-only fixture (README.md, no README_CN.md, no
 * config) through lint, check, sync and scan; a translation under another usual name
 * (README_zh.md) found and synced; `files.translation: null` and a named file that is missing.
 */
import { describe, expect, it } from 'vitest';
import { TRANSLATION_NAMES } from '../../src/config/index.js';
import { workspace } from '../helpers/cli.js';
import { fakeArxiv, SCAN_EXPECTED } from '../helpers/fake-arxiv.js';
import { fixture, SEED_CN } from '../helpers/fixtures.js';

const EN = () => fixture('lists/english-only/README.md');
const NEW_ROW =
  '| [Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `Eviction` | - | Gives lower layers a larger share of the KV cache budget than upper ones during decoding. |';
/** A list with the new row at the top of its KV table (newest first). */
const withNewRow = (text: string) => text.replace(/^(\| \[Quest: )/m, `${NEW_ROW}\n$1`);

const ONE_LANGUAGE =
  'README.md has one language (no README_CN.md, README_zh.md, README.zh-CN.md or other usual name next to it): nothing to sync. To add a translation, run `curator translate` to write README_CN.md, or set files.translation in .github/curator.yml to an existing file.\n';

describe('an English-only list (README.md, no README_CN.md, no config) through the CLI', () => {
  it('the fixture is the seed-like English file, still linking the deleted README_CN.md', () => {
    expect(EN()).toBe(fixture('lists/seed-like/README.md'));
    expect(EN()).toContain('[中文](README_CN.md)');
  });

  it('lint checks README.md alone: no errors, exit 0', async () => {
    const ws = workspace({ 'README.md': EN() });
    const { code, stdout, stderr } = await ws.run('lint', '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      files: { path: string }[];
      summary: { errors: number; warnings: number };
    };
    expect(report.files.map((f) => f.path)).toEqual(['README.md']);
    expect(report.summary.errors).toBe(0);
    expect(report.summary.warnings).toBeGreaterThan(0); // the seed's papers in two sections
  });

  it('check works on README.md: the added paper, its lint findings, no row for a translation', async () => {
    const ws = workspace({ 'base/README.md': EN(), 'head/README.md': withNewRow(EN()) });
    const { code, stdout, stderr } = await ws.run(
      'check',
      '--base',
      'base',
      '--head',
      'head',
      '--offline',
      '--format',
      'json',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as {
      added: { file: string; arxivId: string }[];
      findings: { file: string; ruleId: string }[];
      syncRows: unknown[];
    };
    expect(r.added.map((a) => [a.file, a.arxivId])).toEqual([['README.md', '2509.04890']]);
    expect(r.syncRows).toEqual([]);
    expect(r.findings.filter((f) => f.file !== 'README.md')).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).not.toContain('file-removed');
  });

  it('sync says in one line that the list has one language and how to add one; exit 0, nothing written', async () => {
    const ws = workspace({ 'README.md': EN() });
    for (const args of [[], ['--fix'], ['--fix', '--offline']]) {
      const { code, stdout, stderr } = await ws.run('sync', ...args);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toBe(ONE_LANGUAGE);
    }
    expect(ws.read('README.md').toString('utf8')).toBe(EN());
    for (const name of TRANSLATION_NAMES) expect(() => ws.read(name)).toThrow(/ENOENT/);

    const json = await ws.run('sync', '--format', 'json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      files: [],
      summary: { errors: 0, warnings: 0, infos: 0 },
      note: ONE_LANGUAGE.trimEnd(),
    });
  });

  it('scan writes one row per paper, into README.md, and says nothing of Chinese TL;DRs', async () => {
    const arxiv = fakeArxiv();
    const ws = workspace(
      {
        'README.md': EN(),
        '.github/curator.yml': `arxiv:\n  ignore: [${SCAN_EXPECTED.rejected.map((id) => `'${id}'`).join(', ')}]\n  maxPapers: 3\n`,
      },
      {},
      { fetch: arxiv.fetch },
    );
    const { code, stdout, stderr } = await ws.run(
      'scan',
      '--since',
      '2025-09-01',
      '--until',
      '2025-09-20',
      '--write',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    expect(stderr).toBe(
      'curator scan: no OPENAI_API_KEY or OPENAI_BASE_URL set: classifying offline.\n',
    );
    const plan = JSON.parse(stdout) as {
      suggested: { arxivId: string; rows: Record<string, string>; needsTranslation: boolean }[];
    };
    expect(plan.suggested).toHaveLength(3);
    const written = ws.read('README.md').toString('utf8');
    for (const s of plan.suggested) {
      expect(Object.keys(s.rows)).toEqual(['README.md']);
      expect(s.needsTranslation).toBe(false);
      expect(written.split('\n')).toContain(s.rows['README.md']);
    }
    expect(() => ws.read('README_CN.md')).toThrow(/ENOENT/);

    const text = await ws.run('scan', '--since', '2025-09-01', '--until', '2025-09-20');
    expect(text.stderr).not.toMatch(/Chinese|TL;DR/);
    expect(text.stdout).not.toContain('README_CN.md');
  });
});

describe('files.translation in the config', () => {
  it('null: one language on purpose, even with README_CN.md next to README.md', async () => {
    const ws = workspace({
      'README.md': EN(),
      'README_CN.md': SEED_CN(),
      '.github/curator.yml': 'files:\n  translation: null\n',
    });
    const lint = await ws.run('lint', '--format', 'json');
    expect(JSON.parse(lint.stdout).files.map((f: { path: string }) => f.path)).toEqual([
      'README.md',
    ]);
    const sync = await ws.run('sync');
    expect(sync.code).toBe(0);
    expect(sync.stdout).toContain('README.md has one language (files.translation: null)');
  });

  it('a path that does not exist: one line naming files.translation and the fix, exit 2, in every command', async () => {
    const ws = workspace({
      'README.md': EN(),
      'base/README.md': EN(),
      'head/README.md': EN(),
      '.github/curator.yml': 'files:\n  translation: README_CN.md\n',
      // A saved arXiv answer with no papers: offline, scan needs one to run at all.
      'feed.xml':
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"><title>arXiv Query</title><opensearch:totalResults>0</opensearch:totalResults><opensearch:startIndex>0</opensearch:startIndex><opensearch:itemsPerPage>0</opensearch:itemsPerPage></feed>\n',
    });
    for (const args of [
      ['lint'],
      ['sync'],
      [
        'scan',
        '--offline',
        '--arxiv-url',
        'file:feed.xml',
        '--since',
        '2025-09-01',
        '--until',
        '2025-09-20',
      ],
      ['check', '--base', 'base', '--head', 'head', '--offline'],
    ]) {
      const { code, stdout, stderr } = await ws.run(...args);
      expect([args[0], code]).toEqual([args[0], 2]);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        new RegExp(
          `^curator ${args[0]}: files\\.translation: README_CN\\.md does not exist .*\\. Restore README_CN\\.md, or set files\\.translation: null in \\.github/curator\\.yml for a one-language list`,
        ),
      );
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});

describe('a translation under another usual name', () => {
  it('README_zh.md is found: lint lints it, sync compares with it, --fix writes the missing row into it', async () => {
    const ws = workspace({ 'README.md': withNewRow(EN()), 'README_zh.md': SEED_CN() });
    const lint = await ws.run('lint', '--format', 'json');
    expect(JSON.parse(lint.stdout).files.map((f: { path: string }) => f.path)).toEqual([
      'README.md',
      'README_zh.md',
    ]);

    const drift = await ws.run('sync', '--format', 'json');
    expect(drift.code).toBe(1);
    const findings = (
      JSON.parse(drift.stdout) as {
        files: { path: string; findings: { ruleId: string; line: number; message: string }[] }[];
      }
    ).files.flatMap((f) => f.findings.map((x) => ({ ...x, path: f.path })));
    const line = withNewRow(EN()).split('\n').indexOf(NEW_ROW) + 1;
    expect(findings.map((f) => [f.path, f.line, f.ruleId])).toEqual([
      ['README.md', line, 'sync-missing'],
    ]);
    expect(findings[0]!.message).toContain('missing from README_zh.md');

    const fix = await ws.run('sync', '--fix', '--offline');
    expect(fix.stderr).toContain('README_zh.md: added under');
    expect(ws.read('README_zh.md').toString('utf8')).toContain('2509.04890');
    expect(() => ws.read('README_CN.md')).toThrow(/ENOENT/);
    const after = await ws.run('sync', '--format', 'json');
    expect(JSON.parse(after.stdout).summary.errors).toBe(0);
  });

  it('the documented order decides when two exist: README_CN.md before README_zh.md', async () => {
    const ws = workspace({
      'README.md': EN(),
      'README_zh.md': SEED_CN(),
      'README_CN.md': SEED_CN(),
    });
    const lint = await ws.run('lint', '--format', 'json');
    expect(JSON.parse(lint.stdout).files.map((f: { path: string }) => f.path)).toEqual([
      'README.md',
      'README_CN.md',
    ]);
  });
});
