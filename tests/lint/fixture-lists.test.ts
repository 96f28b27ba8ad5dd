import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/index.js';
import { fixList, lintList } from '../../src/lint/index.js';
import { placementCheck } from '../../src/tasks/placement-check.js';
import { fixture, SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const brief = (fs: { line: number; ruleId: string }[]) =>
  fs.map((f) => ({ line: f.line, ruleId: f.ruleId }));

describe('the seed-like pair', () => {
  it.each([
    ['README.md', SEED_EN()],
    ['README_CN.md', SEED_CN()],
  ])('%s: no errors, three cross-category duplicates as warnings, TOC resolves', (path, text) => {
    const list = parseList(text, path);
    // The translation is placed as its primary places each paper (tests/classifier/one-verdict).
    const primary =
      path === 'README_CN.md' ? { list: parseList(SEED_EN(), 'README.md') } : undefined;
    const findings = lintList(list, { placement: placementCheck(list, undefined, {}, primary) });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'table-shape' || f.ruleId === 'toc-anchor')).toEqual(
      [],
    );
    // Keyformer (a KV-cache method) and the explicit-table copies of ICAE, AutoCompressors (summary
    // vectors passed on as soft prompts) and Gist are misplaced.
    expect(
      findings
        .filter((f) => f.ruleId === 'category')
        .map((f) => [f.line, f.severity, /expected "(.)/u.exec(f.message)?.[1]]),
    ).toEqual([
      [62, 'warning', '⚡'],
      [63, 'warning', '🧠'],
      [69, 'warning', '🧠'],
      [70, 'warning', '🧠'],
    ]);
    const dups = findings.filter((f) => f.ruleId === 'duplicate-across-sections');
    expect(dups.map((f) => [f.line, f.severity])).toEqual([
      [85, 'warning'],
      [88, 'warning'],
      [89, 'warning'],
    ]);
  });
});

describe('a list with the mistakes the seed list really made', () => {
  const text = fixture('lists/mistakes/README.md');
  const list = parseList(text, 'README.md');

  it('reports each at its line with the right rule', () => {
    expect(brief(lintList(list))).toEqual([
      { line: 9, ruleId: 'toc-anchor' },
      { line: 20, ruleId: 'arxiv-link' },
      { line: 21, ruleId: 'arxiv-link' },
      { line: 22, ruleId: 'venue' },
      { line: 23, ruleId: 'venue' },
      { line: 24, ruleId: 'code-link' },
      { line: 27, ruleId: 'copy-paste' },
      { line: 29, ruleId: 'tag-vocabulary' },
      { line: 30, ruleId: 'duplicate-in-table' },
      { line: 31, ruleId: 'tldr' },
    ]);
  });

  it('--fix repairs the fixable ones and changes no other line', () => {
    const result = fixList(list);
    expect(brief(result.findings)).toEqual([
      { line: 27, ruleId: 'copy-paste' },
      { line: 30, ruleId: 'duplicate-in-table' },
      { line: 31, ruleId: 'tldr' },
    ]);
    const before = text.split('\n');
    const after = result.text.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = before.flatMap((l, i) => (l === after[i] ? [] : [i + 1]));
    expect(changed).toEqual([9, 20, 21, 22, 23, 24, 29]);
    expect(after[8]).toBe('- [Notes](#notes)');
    expect(after[19]).toContain('(https://arxiv.org/abs/2309.17453)');
    expect(after[21]).toContain('| arXiv 2023.05 |');
    expect(after[23]).toContain('[GitHub](https://github.com/jy-yuan/KIVI)');
    expect(after[28]).toContain('`Eviction`, `Attention Score`');
    // Idempotent: fixing again changes nothing.
    expect(fixList(parseList(result.text, 'README.md')).text).toBe(result.text);
  });
});

describe('the bundled example list', () => {
  it('shows the planted mistakes', () => {
    const findings = lintList(
      parseList(fixture('../../examples/context-compression/README.md'), 'README.md'),
    );
    const rules = new Set(findings.map((f) => f.ruleId));
    for (const id of [
      'arxiv-link',
      'venue',
      'code-link',
      'duplicate-across-sections',
      'copy-paste',
      'toc-anchor',
      'tag-vocabulary',
      'tldr',
    ])
      expect(rules).toContain(id);
  });
});
