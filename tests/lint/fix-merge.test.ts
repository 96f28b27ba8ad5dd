import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { changedLines, fixText, lintText, mergeFixes } from '../../src/lint/index.js';
import { exampleRow, exampleTable } from '../../src/lint/rules/example-table.js';
import { lintFiles } from '../../src/tasks/lint-files.js';
import { workspace } from '../helpers/cli.js';

const ok = (i: number, over: Parameters<typeof exampleRow>[0] = {}) =>
  exampleRow({
    title: `[A Paper About Prompt Compression Number ${i}](https://arxiv.org/abs/2403.${String(12960 + i)})`,
    code: `[GitHub](https://github.com/owner/repo${i})`,
    ...over,
  });

// Line 5 has three problems, each with its own fix: a PDF link (arxiv-link), a code link with a
// wrong label and an http URL (code-link), a misspelt tag (tag-vocabulary).
const THREE = ok(0, {
  title: '[A Paper About Prompt Compression Number 0](https://arxiv.org/pdf/2403.12960)',
  tags: '`Prunning`',
  code: '[Github](http://github.com/owner/repo0)',
});
const LIST = exampleTable(THREE, ok(1), ok(2), ok(3));
const ALL_FIXED = ok(0);

const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
const files = (text: string) => [
  { path: 'README.md', read: async () => new TextEncoder().encode(text) },
];

describe('fixes for one line are merged', () => {
  it('three fixes on one line each carry the line with all three applied', () => {
    const findings = lintText(LIST, 'README.md');
    const onLine = findings.filter((f) => f.fix?.line === 5);
    expect(onLine.map((f) => f.ruleId)).toEqual(['arxiv-link', 'tag-vocabulary', 'code-link']);
    // Unmerged, each undoes the others: no single fix gives the final line.
    expect(onLine.filter((f) => f.fix!.text === ALL_FIXED)).toHaveLength(0);
    const merged = mergeFixes(LIST, 'README.md', findings).filter((f) => f.fix?.line === 5);
    expect(merged).toHaveLength(onLine.length);
    for (const f of merged) expect(f.fix!.text).toBe(ALL_FIXED);
    // It is the line --fix writes, and nothing else is touched.
    expect(fixText(LIST, 'README.md').text).toBe(exampleTable(ALL_FIXED, ok(1), ok(2), ok(3)));
  });

  it('lines with one fix keep it as it is, findings without fixes are untouched', () => {
    const text = exampleTable(
      ok(0, { code: '[Github](https://github.com/owner/repo0)' }),
      ok(1),
      ok(2),
    );
    const findings = lintText(text, 'README.md');
    expect(findings.filter((f) => f.fix)).toHaveLength(1);
    expect(mergeFixes(text, 'README.md', findings)).toBe(findings);
  });

  it('lintFiles (what --format json prints) gives one fix.text for the line', async () => {
    const { report } = await lintFiles({ files: files(LIST), config });
    const texts = new Set(
      report.files[0]!.findings.filter((f) => f.fix?.line === 5).map((f) => f.fix!.text),
    );
    expect([...texts]).toEqual([ALL_FIXED]);
  });

  it('curator lint --format json: one merged fix.text for the line', async () => {
    const ws = workspace({ 'README.md': LIST });
    const { stdout } = await ws.run('lint', 'README.md', '--format', 'json');
    const report = JSON.parse(stdout) as {
      files: { findings: { ruleId: string; fix?: { line: number; text: string } }[] }[];
    };
    const fixes = report.files[0]!.findings.filter((f) => f.fix?.line === 5);
    expect(fixes.map((f) => f.ruleId)).toEqual(['arxiv-link', 'tag-vocabulary', 'code-link']);
    expect(new Set(fixes.map((f) => f.fix!.text))).toEqual(new Set([ALL_FIXED]));
  });
});

describe('--fix counts the lines that changed', () => {
  // Eight lines change; three of them need two or three fixes (applied over several passes).
  const rows = [
    THREE,
    ok(1, {
      code: '[Github](http://github.com/owner/repo1)',
      title: '[A Paper About Prompt Compression Number 1](https://arxiv.org/pdf/2403.12961)',
    }),
    ok(2, {
      title: '[A Paper About Prompt Compression Number 2](https://arxiv.org/pdf/2403.12962)',
      tags: '`pruning`',
    }),
    ok(3, { code: '[Github](https://github.com/owner/repo3)' }),
    ok(4, { code: '[GitHub](https://www.github.com/owner/repo4/)' }),
    ok(5, {
      title: '[A Paper About Prompt Compression Number 5](https://arxiv.org/pdf/2403.12965)',
    }),
    ok(6, { code: '[Github](https://github.com/owner/repo6/)' }),
    ok(7, { code: '[GitHub](https://github.com/owner/repo7.git)' }),
    ok(8),
    ok(9),
    ok(10),
  ];
  const text = exampleTable(...rows);
  const after = exampleTable(...rows.map((_, i) => ok(i)));

  it('fixText: applied is the number of lines changed, not of replacements over the passes', () => {
    const result = fixText(text, 'README.md');
    expect(result.text).toBe(after);
    expect(changedLines(text, result.text)).toBe(8);
    expect(result.applied).toBe(8);
    expect(fixText(result.text, 'README.md').applied).toBe(0);
  });

  it('curator lint --fix says "fixed 8 lines"', async () => {
    const ws = workspace({ 'README.md': text });
    const { stderr } = await ws.run('lint', 'README.md', '--fix', '--format', 'json');
    expect(stderr).toBe('README.md: fixed 8 lines\n');
    expect(ws.read('README.md').toString('utf8')).toBe(after);
  });
});
