/** Rule docs are executable: every rule's ok / not-ok examples are run here (remark-lint style). */
import { describe, expect, it } from 'vitest';
import { applyEdits, parseList, type PaperList } from '../../src/list/index.js';
import { placementCheck } from '../../src/tasks/placement-check.js';
import {
  fixEdits,
  fixList,
  lintList,
  RULES,
  type LintOptions,
  type Rule,
} from '../../src/lint/index.js';

function only(rule: Rule, options?: Record<string, unknown>, list?: PaperList): LintOptions {
  return {
    rules: { [rule.id]: { severity: rule.defaultSeverity, ...(options ? { options } : {}) } },
    // The placement rule needs a classifier; every example gets the one the CLI uses.
    ...(list ? { placement: placementCheck(list) } : {}),
  };
}

describe.each(RULES.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it('has docs and at least one ok and one not-ok example', () => {
    expect(rule.description.length).toBeGreaterThan(20);
    expect(rule.rationale.length).toBeGreaterThan(20);
    expect(rule.examples.ok.length).toBeGreaterThan(0);
    expect(rule.examples.notOk.length).toBeGreaterThan(0);
    expect(rule.examples.notOk.some((e) => e.fixed !== undefined)).toBe(rule.fixable);
  });

  it.each(rule.examples.ok.map((e, i) => [i, e] as const))(
    'ok example %i gives no finding',
    (_i, example) => {
      const findings = lintList(parseList(example.markdown, 'ok.md'), only(rule, example.options), [
        rule,
      ]);
      expect(findings).toEqual([]);
    },
  );

  it.each(rule.examples.notOk.map((e, i) => [i, e] as const))(
    'not-ok example %i is reported where expected',
    (_i, example) => {
      const list = parseList(example.markdown, 'not-ok.md');
      const findings = lintList(list, only(rule, example.options, list), [rule]);
      expect(findings.map((f) => ({ line: f.line, column: f.column }))).toEqual(example.findings);
      for (const f of findings) {
        expect(f.ruleId).toBe(rule.id);
        expect(f.message).toMatch(/^(Unexpected|Tag) /);
      }
      if (example.fixed !== undefined) {
        expect(applyEdits(list.text, fixEdits(list, findings))).toBe(example.fixed);
        // A fixed example is clean for this rule.
        expect(
          lintList(parseList(example.fixed, 'fixed.md'), only(rule, example.options), [rule]),
        ).toEqual([]);
      } else {
        expect(findings.every((f) => f.fix === undefined)).toBe(true);
      }
    },
  );
});

describe('rule settings', () => {
  const text = RULES.find((r) => r.id === 'venue')!.examples.notOk[0]!.markdown;
  it('can switch a rule off or change its severity', () => {
    const list = parseList(text, 'x.md');
    expect(lintList(list).some((f) => f.ruleId === 'venue' && f.severity === 'error')).toBe(true);
    expect(
      lintList(list, { rules: { venue: { severity: 'off' } } }).some((f) => f.ruleId === 'venue'),
    ).toBe(false);
    expect(
      lintList(list, { rules: { venue: { severity: 'info' } } }).find((f) => f.ruleId === 'venue')
        ?.severity,
    ).toBe('info');
  });

  it('leaves rules that are off by default off until configured', () => {
    const rowOrder = RULES.find((r) => r.id === 'row-order')!;
    const list = parseList(rowOrder.examples.notOk[0]!.markdown, 'x.md');
    expect(lintList(list).some((f) => f.ruleId === 'row-order')).toBe(false);
    expect(
      lintList(list, { rules: { 'row-order': { severity: 'warning' } } }).some(
        (f) => f.ruleId === 'row-order',
      ),
    ).toBe(true);
  });

  it('fixes two problems on one line over two passes', () => {
    const list = parseList(
      '| Paper Title | Venue/Date | Tags | Code | TL;DR |\n|---|---|---|---|---|\n| [A](https://arxiv.org/pdf/2403.12968v2) | - | `X` | [Github](https://github.com/a/b) | t |\n',
      'x.md',
    );
    const result = fixList(list);
    expect(result.text).toBe(
      '| Paper Title | Venue/Date | Tags | Code | TL;DR |\n|---|---|---|---|---|\n| [A](https://arxiv.org/abs/2403.12968) | arXiv 2024.03 | `X` | [GitHub](https://github.com/a/b) | t |\n',
    );
    expect(result.findings.filter((f) => f.fix)).toEqual([]);
  });
});
