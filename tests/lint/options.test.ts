import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { defaultConfig, loadConfig } from '../../src/config/load-config.js';
import { CuratorError } from '../../src/errors.js';
import { RULES } from '../../src/lint/index.js';
import { DEFAULT_HOSTS } from '../../src/lint/rules/code-link.js';
import { renderRulesDoc } from '../../src/tasks/render-docs.js';
import { readConfig } from '../../src/tasks/lint-files.js';

const load = (text: string) => loadConfig(text, '.github/curator.yml', RULES);

function errorOf(text: string): string {
  try {
    load(text);
  } catch (e) {
    expect(e).toBeInstanceOf(CuratorError);
    const err = e as CuratorError;
    return `${err.message} | ${err.hint}`;
  }
  throw new Error('expected an error');
}

describe('rule options are checked against the rule’s own schema', () => {
  it.each([
    [
      'a string where a list is expected',
      'rules:\n  code-link:\n    options: { hosts: github.com }\n',
      '.github/curator.yml: rules.code-link.options.hosts: expected a list, found "github.com" | See the options of code-link in docs/rules.md',
    ],
    [
      'a misspelt option, with the likely one suggested',
      'rules:\n  code-link:\n    options: { host: [github.com] }\n',
      '.github/curator.yml: rules.code-link.options.host: unknown option; did you mean `hosts`? Options of code-link: hosts | See the options of code-link in docs/rules.md',
    ],
    [
      'a value outside an enum, with the allowed values',
      'rules:\n  row-order:\n    severity: warning\n    options: { order: newest }\n',
      '.github/curator.yml: rules.row-order.options.order: expected one of "newest-first", "oldest-first", found "newest" | See the options of row-order in docs/rules.md',
    ],
    [
      'a number out of range, with the range',
      'rules:\n  category:\n    options: { minConfidence: 2 }\n',
      '.github/curator.yml: rules.category.options.minConfidence: must be between 0 and 1, found 2 | See the options of category in docs/rules.md',
    ],
    [
      'an option given to a rule that takes none',
      'rules:\n  venue:\n    options: { strict: true }\n',
      '.github/curator.yml: rules.venue.options.strict: unknown option: venue takes no options | See the options of venue in docs/rules.md',
    ],
  ])('%s', (_, text, expected) => {
    expect(errorOf(text)).toBe(expected);
  });

  it('arxiv.windowDays: -3 names the key and the bound, not "Invalid input"', () => {
    expect(errorOf('arxiv:\n  windowDays: -3\n')).toBe(
      '.github/curator.yml: arxiv.windowDays: must be at least 1, found -3 | See the config reference in README.md',
    );
    expect(errorOf('arxiv:\n  minConfidence: 1.5\n')).toContain(
      'arxiv.minConfidence: must be between 0 and 1, found 1.5',
    );
    expect(errorOf('llm:\n  baseUrl: localhost\n')).toContain(
      'llm.baseUrl: expected a URL, found "localhost"',
    );
  });

  it('the loaders the doors use check options too (readConfig)', async () => {
    await expect(
      readConfig('rules:\n  category:\n    options: { minConfidence: 2 }\n', 'c.yml'),
    ).rejects.toThrow('rules.category.options.minConfidence: must be between 0 and 1');
  });

  it('good options are kept as written', () => {
    const config = load(
      [
        'rules:',
        '  code-link:',
        '    options: { hosts: [github.com, gitee.com] }',
        '  row-order: { severity: warning, options: { order: oldest-first } }',
        '  category: { severity: warning, options: { minConfidence: 0.8, maxRows: 100 } }',
      ].join('\n'),
    );
    // No severity written: the rule keeps its own default (not a severity the config invents).
    expect(config.rules['code-link']).toEqual({
      options: { hosts: ['github.com', 'gitee.com'] },
    });
    expect(config.rules['category']).toEqual({
      severity: 'warning',
      options: { minConfidence: 0.8, maxRows: 100 },
    });
    expect(load('')).toEqual(defaultConfig(RULES));
  });

  it("every example's options pass its rule's schema, and the schema's defaults are the rule's", () => {
    for (const rule of RULES) {
      const schema = rule.options?.(z) ?? z.strictObject({});
      for (const e of [...rule.examples.ok, ...rule.examples.notOk])
        expect(schema.safeParse(e.options ?? {}).success, rule.id).toBe(true);
    }
    const codeLink = RULES.find((r) => r.id === 'code-link')!.options!(z);
    expect(codeLink.parse({})).toEqual({ hosts: DEFAULT_HOSTS });
    const category = RULES.find((r) => r.id === 'category')!.options!(z);
    expect(category.parse({})).toEqual({ minConfidence: 0.5, maxRows: 20000 });
  });

  it('docs/rules.md lists each option with its type and default, from the same schema', () => {
    const doc = renderRulesDoc();
    expect(doc).toContain(
      `| \`hosts\` | string[] | \`${JSON.stringify(DEFAULT_HOSTS)}\` | Code hosts accepted`,
    );
    expect(doc).toContain('| `order` | "newest-first" \\| "oldest-first" |  |');
    expect(doc).toContain('| `minConfidence` | number | `0.5` |');
    expect(doc).toContain('| `maxRows` | integer | `20000` |');
  });
});
