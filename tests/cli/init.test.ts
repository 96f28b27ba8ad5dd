import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { learnStyle, parseList } from '../../src/list/index.js';
import { RULE_IDS } from '../../src/tasks/lint-files.js';
import { workspace } from '../helpers/cli.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const SHAPES = new URL('../fixtures/shapes/', import.meta.url);
const NAMES = readdirSync(SHAPES)
  .filter((n) => n.endsWith('.md') && n !== 'README.md')
  .sort();
const shape = (name: string): string => readFileSync(new URL(name, SHAPES), 'utf8');
const expected = (name: string): { deviations?: { line: number; kind: string }[] } =>
  JSON.parse(readFileSync(new URL(name.replace(/\.md$/, '.expected.json'), SHAPES), 'utf8'));

interface Finding {
  ruleId: string;
  severity: string;
  line: number;
  column: number;
  message: string;
}

type Workspace = ReturnType<typeof workspace>;

async function lint(ws: Workspace, ...files: string[]): Promise<Finding[]> {
  const { code, stdout, stderr } = await ws.run('lint', ...files, '--format', 'json');
  expect(stderr).toBe('');
  expect(code).toBeLessThan(2);
  const report = JSON.parse(stdout) as { files: { path: string; findings: Finding[] }[] };
  return report.files.flatMap((f) => f.findings.map((x) => ({ ...x, file: f.path })));
}

/** Findings about the list's style and shape: all but the classifier's placement warnings. */
const styleFindings = (findings: Finding[]) => findings.filter((f) => f.ruleId !== 'category');

const CONFIG = '.github/curator.yml';

async function init(ws: Workspace, ...args: string[]): Promise<string> {
  const result = await ws.run('init', ...args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^Wrote \.github\/curator\.yml, learned from /);
  return ws.read(CONFIG).toString();
}

describe('curator init on every shape fixture', () => {
  it('has the fixtures', () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(9);
    expect(NAMES.filter((n) => n.startsWith('mixed-')).length).toBeGreaterThanOrEqual(2);
  });

  for (const name of NAMES) {
    it(`${name}: the written config loads, pins what learnStyle learned, and lints the same`, async () => {
      const text = shape(name);
      const ws = workspace({ [name]: text });
      const yaml = await init(ws, name);
      const config = loadConfig(yaml, CONFIG, RULE_IDS);
      expect(config.files).toEqual({ primary: name, translation: null });
      expect(config.categories.exclude).toEqual(['Survey', '综述']);
      expect(config.rules).toEqual({});

      // Every pinned value is the one the linter learns; arXiv links are always pinned here.
      const learned = learnStyle(parseList(text, name)) as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(config.style))
        expect([key, value]).toEqual([key, learned[key]]);
      expect(config.style.arxivLink).toBe(learned['arxivLink']);

      // The same findings with the config as without it: none about style on a consistent
      // list, exactly the deviating lines on a mixed one.
      const bare = workspace({ [name]: text });
      const without = await lint(bare, name);
      expect(await lint(ws, name)).toEqual(without);
      const deviations = (expected(name).deviations ?? []).map((d) => d.line);
      expect(styleFindings(without).map((f) => f.line)).toEqual(deviations);
    });
  }

  for (const name of NAMES.filter((n) => n.startsWith('mixed-'))) {
    it(`${name}: pinned arXiv links are still enforced once the minority becomes the majority`, async () => {
      const text = shape(name);
      const ws = workspace({ [name]: text });
      await init(ws, name);
      // Every arXiv link swaps its form: the former deviations are now the majority.
      const flipped = text.replace(
        /arxiv\.org\/(abs|pdf)\//g,
        (_, form: string) => `arxiv.org/${form === 'abs' ? 'pdf' : 'abs'}/`,
      );
      writeFileSync(join(ws.dir, name), flipped);
      const bare = workspace({ [name]: flipped });

      const arxivLines = parseList(flipped, name)
        .rows.filter((r) => r.arxiv)
        .map((r) => r.line);
      const deviating = (expected(name).deviations ?? [])
        .filter((d) => d.kind.includes('arxiv.org'))
        .map((d) => d.line);
      expect(deviating.length).toBeGreaterThan(0);
      const arxivFlagged = (findings: Finding[]) =>
        findings.filter((f) => f.ruleId === 'arxiv-link').map((f) => f.line);

      // Unpinned, the list's new majority wins and the old deviations are flagged.
      expect(arxivFlagged(await lint(bare, name))).toEqual(deviating);
      // Pinned, every link that left the pinned form is flagged.
      const pinned = arxivFlagged(await lint(ws, name));
      expect(pinned).toEqual(arxivLines.filter((l) => !deviating.includes(l)));
      expect(pinned.length).toBeGreaterThan(deviating.length);
    });
  }

  it('mixed-bullets.md: a pinned code label is still enforced once most links use the other', async () => {
    const name = 'mixed-bullets.md';
    const text = shape(name);
    const ws = workspace({ [name]: text });
    const yaml = await init(ws, name);
    expect(yaml).toContain('  arxivLink: abs  # 12 of 13 arXiv links open the abstract page\n');
    expect(yaml).toContain('  codeLabel: "[Code]"  # 9 of 10 code links are labelled `[Code]`\n');
    const flipped = text.replace(/\[\[(Code|GitHub)\]\]/g, (_, label: string) =>
      label === 'Code' ? '[[GitHub]]' : '[[Code]]',
    );
    writeFileSync(join(ws.dir, name), flipped);
    const nowGitHub = flipped
      .split('\n')
      .flatMap((l, i) => (l.includes('[[GitHub]]') ? [i + 1] : []));
    expect(nowGitHub.length).toBe(9);
    const codeFlagged = (findings: Finding[]) =>
      findings.filter((f) => f.ruleId === 'code-link').map((f) => f.line);
    expect(codeFlagged(await lint(workspace({ [name]: flipped }), name))).toEqual([25]);
    expect(codeFlagged(await lint(ws, name))).toEqual(nowGitHub);
  });
});

describe('curator init: what the config says', () => {
  it('a table list: a comment per table header with its roles, its header words, counts for each convention', async () => {
    const name = 'date-title-paper-code.md';
    const ws = workspace({ [name]: shape(name) });
    const yaml = await init(ws, name);
    expect(yaml).toContain(
      '\n#   | Date | Title | Paper | Code | Recom | -> date, title, link, code, other  (3 tables)\n',
    );
    const config = loadConfig(yaml, CONFIG, RULE_IDS);
    // `Paper` is left to the defaults: as a link word it would break a `| Paper | Code |` table.
    expect(config.columns).toEqual({ title: ['Title'], date: ['Date'], code: ['Code'] });
    expect(yaml).toMatch(/\n# Not listed: Paper \(/);
    expect(config.style).toMatchObject({
      arxivLink: 'pdf',
      codeLabel: '[<repo>]',
      codeNone: '-',
      date: '9999.99',
      order: 'newest-first',
      titleLink: false,
    });
    expect(config.style.venue).toBeUndefined();
    expect(yaml).toContain('  arxivLink: pdf  # 19 of 19 arXiv links open the PDF\n');
    expect(yaml).toContain(
      '  order: newest-first  # 15 of 15 neighbouring pairs with different dates go newest first\n',
    );
    // No venue column: not pinned, left to learn.
    expect(yaml).toContain('  # venue: seed  # no venue column (not pinned');
    expect(yaml).toContain('#   - Prompt Compression: 7 entries\n');
    expect(yaml).toContain('#   - Surveys: 4 entries, not a category (excluded by "Survey")\n');
    expect(yaml).toContain('docs/rules.md');
    expect(yaml).toContain('rules: {}\n');
  });

  it('list-item entries: says they are read from bullet or numbered items', async () => {
    const ws = workspace({ 'a.md': shape('nested-bullets.md'), 'b.md': shape('numbered.md') });
    const a = await init(ws, 'a.md');
    expect(a).toContain(
      "\n#   15 entries read from bullet items (3 lists), not tables: columns do not apply to them; an entry's nested items belong to it\n",
    );
    expect(a).toContain('\ncolumns: {}\n');
    const b = (await ws.run('init', 'b.md', '--stdout')).stdout;
    expect(b).toContain('\n#   16 entries read from numbered items (3 lists), not tables');
    expect(b).toContain(
      '  codeLabel: "<badge>"  # 14 of 14 code links are labelled with a stars badge\n',
    );
  });

  it('header words an existing config added are kept with --force', async () => {
    const list = [
      '# L',
      '',
      '## Methods',
      '',
      '| Werk | Ort | Code |',
      '|---|---|---|',
      '| [A](https://arxiv.org/abs/2307.06945) | ACL 2024 | [GitHub](https://github.com/a/a) |',
      '| [B](https://arxiv.org/abs/2308.06945) | ICLR 2024 | [GitHub](https://github.com/a/b) |',
      '| [C](https://arxiv.org/abs/2309.06945) | ICML 2024 | - |',
      '',
    ].join('\n');
    const ws = workspace({
      'README.md': list,
      [CONFIG]: 'columns:\n  title: [Werk]\n  venue: [Ort]\nrules:\n  tldr: off\n',
    });
    const yaml = await init(ws, '--force');
    expect(yaml).toContain('\n#   | Werk | Ort | Code | -> title, venue, code\n');
    const config = loadConfig(yaml, CONFIG, RULE_IDS);
    expect(config.columns).toEqual({ title: ['Werk'], venue: ['Ort'], code: ['Code'] });
    expect(config.rules).toEqual({});
  });

  it('no FILES: the primary README.md and its translation, found by its usual name; both lint the same', async () => {
    const files = { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() };
    const ws = workspace(files);
    const yaml = await init(ws);
    const config = loadConfig(yaml, CONFIG, RULE_IDS);
    expect(config.files).toEqual({ primary: 'README.md', translation: 'README_CN.md' });
    expect(yaml).toContain(
      'translation: README_CN.md  # found by its usual name next to README.md',
    );
    expect(yaml).toContain(
      '  arxivLink: abs  # each file: 44 of 44 arXiv links open the abstract page\n',
    );
    expect(yaml).toContain(
      '#   README_CN.md: | 论文标题 | 发表/日期 | 标签 | 代码 | 简述 | -> title, venue, tags, code, tldr',
    );
    expect(await lint(ws)).toEqual(await lint(workspace(files)));
  });

  it('two FILES are the list and its translation; a style the files do not share is not pinned', async () => {
    const en = shape('mixed-bullets.md');
    const zh = en.replace(/arxiv\.org\/abs\//g, 'arxiv.org/pdf/');
    const ws = workspace({ 'list.md': en, 'list_zh.md': zh });
    const yaml = await init(ws, 'list.md', 'list_zh.md');
    const config = loadConfig(yaml, CONFIG, RULE_IDS);
    expect(config.files).toEqual({ primary: 'list.md', translation: 'list_zh.md' });
    expect(config.style.arxivLink).toBeUndefined();
    expect(yaml).toContain(
      '  # arxivLink: abs  # list.md: 12 of 13 arXiv links open the abstract page; list_zh.md: 13 of 13 arXiv links open the PDF (not pinned: list.md learns abs, list_zh.md learns pdf: each file keeps its own)\n',
    );
    expect(config.style.codeLabel).toBe('[Code]');
    const bare = workspace({ 'list.md': en, 'list_zh.md': zh });
    expect(await lint(ws, 'list.md', 'list_zh.md')).toEqual(
      await lint(bare, 'list.md', 'list_zh.md'),
    );
  });
});

describe('curator init: writing, refusing, errors', () => {
  it('refuses to overwrite an existing config without --force, and replaces it with --force', async () => {
    const old = 'rules:\n  tldr: off\n';
    const ws = workspace({ 'README.md': shape('bullets.md'), [CONFIG]: old });
    const refused = await ws.run('init');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      'curator init: .github/curator.yml already exists and is left as it is. Run curator init --force to replace it (its other settings are not kept), or curator init --stdout to print what curator learns\n',
    );
    expect(ws.read(CONFIG).toString()).toBe(old);
    const yaml = await init(ws, '--force');
    expect(yaml).not.toBe(old);
    expect(loadConfig(yaml, CONFIG, RULE_IDS).files.primary).toBe('README.md');
  });

  it('--stdout prints the config and writes nothing, even next to an existing one', async () => {
    const ws = workspace({ 'README.md': shape('bullets.md') });
    const printed = await ws.run('init', '--stdout');
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(printed.stdout).toMatch(
      /^# awesome-curator settings, written by `curator init` from README\.md \(15 entries\)\./,
    );
    expect(loadConfig(printed.stdout, CONFIG, RULE_IDS).style.arxivLink).toBe('abs');
    expect(existsSync(join(ws.dir, CONFIG))).toBe(false);
    const written = await init(ws);
    expect(written).toBe(printed.stdout);
    // Next to the written config, it reads the list as that config says, and learns the same.
    const again = await ws.run('init', '--stdout');
    expect(again).toMatchObject({ code: 0, stderr: '' });
    expect(again.stdout).toContain(
      '  translation: null  # one language, as the previous config said\n',
    );
    const files = /\n {2}translation: .*\n/;
    expect(again.stdout.replace(files, '')).toBe(written.replace(files, ''));
    expect(ws.read(CONFIG).toString()).toBe(written);
  });

  it('a file with no papers: one clear line, exit 2, nothing written', async () => {
    const ws = workspace({
      'prose.md':
        '# List\n\nWe have not added papers yet. See [the guide](https://example.org/guide).\n',
      'models.md': '# Models\n\n| Model | Size |\n|---|---|\n| A | 7B |\n',
    });
    const prose = await ws.run('init', 'prose.md');
    expect(prose.code).toBe(2);
    expect(prose.stdout).toBe('');
    expect(prose.stderr).toMatch(
      /^curator init: prose\.md: no papers found, so there is nothing to learn\. Papers are read from Markdown tables with a title column and from list items that link a paper .*\n$/,
    );
    expect(prose.stderr.split('\n')).toHaveLength(2);
    const models = await ws.run('init', 'models.md');
    expect(models.code).toBe(2);
    expect(models.stderr).toContain(
      'models.md: no papers found, so there is nothing to learn (its 1 table has no title column: | Model | Size |).',
    );
    expect(existsSync(join(ws.dir, CONFIG))).toBe(false);
  });

  it('file and usage errors are one line with exit 2', async () => {
    const ws = workspace({ 'notes.txt': 'x' });
    const missing = await ws.run('init');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^curator init: README\.md: no such file in .*\. Run curator init in the list's folder/,
    );
    const named = await ws.run('init', 'nope.md');
    expect(named).toMatchObject({
      code: 2,
      stderr: 'curator init: nope.md: no such file. Check the path and run again\n',
    });
    const three = await ws.run('init', 'a.md', 'b.md', 'c.md');
    expect(three.code).toBe(2);
    expect(three.stderr).toContain('expected at most two files');
    const option = await ws.run('init', '--frob');
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(
      /^curator init: unknown option --frob\. Run `curator init --help`/,
    );
    const help = await ws.run('init', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: curator init \[FILES\.\.\.\] \[--force\] \[--stdout\]/);
    expect(existsSync(join(ws.dir, CONFIG))).toBe(false);
  });

  it('is listed by curator --help and by the unknown-command message', async () => {
    const ws = workspace({});
    expect((await ws.run('--help')).stdout).toMatch(/\n {2}init \[FILES\] {6}learn the list's/);
    expect((await ws.run('frob')).stderr).toMatch(/Commands: .*\binit\b/);
  });
});
