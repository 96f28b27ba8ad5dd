import { describe, expect, it } from 'vitest';
import { lintText, type Finding } from '../../src/lint/index.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const singleUse = (f: Finding) => f.ruleId === 'tag-vocabulary' && f.severity === 'info';
const each = {
  rules: { 'tag-vocabulary': { severity: 'info' as const, options: { group: false } } },
};

describe('tag-vocabulary: single-use tags are one finding per file (less noise)', () => {
  it.each([
    ['README.md', SEED_EN],
    ['README_CN.md', SEED_CN],
  ])(
    '%s of the seed gives one such finding, naming them with a count; the rest is unchanged',
    (path, text) => {
      const grouped = lintText(text(), path);
      const separate = lintText(text(), path, {}, each);
      const single = separate.filter(singleUse);
      expect(single.length).toBeGreaterThan(10);
      expect(grouped.filter(singleUse)).toHaveLength(1);
      const [finding] = grouped.filter(singleUse);
      // At the first single-use tag, naming the count and the first tags with their lines.
      expect([finding!.line, finding!.column]).toEqual([single[0]!.line, single[0]!.column]);
      expect(finding!.message).toMatch(
        new RegExp(
          `^Tag vocabulary: ${single.length} tags are used by one row each and nowhere else in this list: `,
        ),
      );
      const firstTag = /^Tag (`[^`]+`)/.exec(single[0]!.message)![1]!;
      expect(finding!.message).toContain(`${firstTag} (line ${single[0]!.line}`);
      expect(finding!.message).toContain(`and ${single.length - 20} more`);
      // Errors, warnings and every other finding are exactly those of the ungrouped run.
      expect(grouped.filter((f) => !singleUse(f))).toEqual(separate.filter((f) => !singleUse(f)));
    },
  );

  it('the seed goes from dozens of infos to one per file', () => {
    const count = (options = {}) =>
      [
        lintText(SEED_EN(), 'README.md', {}, options),
        lintText(SEED_CN(), 'README_CN.md', {}, options),
      ]
        .flat()
        .filter(singleUse).length;
    expect(count(each)).toBeGreaterThan(40);
    expect(count()).toBe(2);
  });

  it('a likely misspelling is still its own warning with a fix', () => {
    const table = (tags: string[]) =>
      [
        '## Pruning',
        '',
        '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
        '| :--- | :--- | :--- | :--- | :--- |',
        ...tags.map(
          (t, i) =>
            `| [Paper number ${i} about things](https://arxiv.org/abs/2403.1${2000 + i}) | ACL 2024 | ${t} | - | Does a thing to the prompt. |`,
        ),
        '',
      ].join('\n');
    const findings = lintText(
      table(['`Pruning`', '`Pruning`', '`Prunning`', '`Agents`', '`Quantization`']),
      'README.md',
    ).filter((f) => f.ruleId === 'tag-vocabulary');
    expect(findings.map((f) => [f.line, f.severity, !!f.fix])).toEqual([
      [7, 'warning', true],
      [8, 'info', false],
    ]);
    expect(findings[1]!.message).toBe(
      'Tag vocabulary: 2 tags are used by one row each and nowhere else in this list: `Agents` (line 8), `Quantization` (line 9) (option `group: false` reports each on its row)',
    );
  });

  it('rows a change touched keep their own finding (the pull-request check), the others are grouped', () => {
    const text = SEED_EN();
    const single = lintText(text, 'README.md', {}, each).filter(singleUse);
    const touched = single[3]!.line;
    const findings = lintText(text, 'README.md', {}, { touchedLines: new Set([touched]) }).filter(
      singleUse,
    );
    const onTouched = findings.filter((f) => f.line === touched);
    expect(onTouched.length).toBeGreaterThan(0);
    for (const f of onTouched) expect(f.message).toMatch(/^Tag `[^`]+` is used nowhere else/);
    const grouped = findings.filter((f) => f.line !== touched);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]!.message).toContain(`${single.length - onTouched.length} tags`);
  });
});
