import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/index.js';
import { defaultConfig, loadConfig } from '../../src/config/load-config.js';
import { CuratorError } from '../../src/errors.js';
import { RULE_IDS } from '../../src/lint/index.js';

const load = (text: string) => loadConfig(text, '.github/curator.yml', RULE_IDS);

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

describe('.github/curator.yml', () => {
  it('the written-out defaults equal the schema defaults (so a run without config needs no zod)', () => {
    expect(DEFAULT_CONFIG).toEqual(defaultConfig(RULE_IDS));
    expect(load('')).toEqual(defaultConfig(RULE_IDS));
    expect(load('# only a comment\n')).toEqual(defaultConfig(RULE_IDS));
  });

  it('reads files, categories, columns and rules', () => {
    const config = load(
      [
        'files:',
        '  primary: README.md',
        '  translation: README_zh.md',
        'categories:',
        '  exclude: [Surveys, Benchmarks]',
        'columns:',
        '  title: [Werk]',
        'rules:',
        '  venue: warning',
        '  code-link:',
        '    severity: error',
        '    options: { hosts: [github.com] }',
      ].join('\n'),
    );
    expect(config.files).toEqual({ primary: 'README.md', translation: 'README_zh.md' });
    expect(config.categories.exclude).toEqual(['Surveys', 'Benchmarks']);
    expect(config.columns.title).toEqual(['Werk']);
    expect(config.rules['venue']).toBe('warning');
    expect(config.rules['code-link']).toEqual({
      severity: 'error',
      options: { hosts: ['github.com'] },
    });
  });

  it('accepts a one-language list', () => {
    expect(load('files:\n  translation: null\n').files.translation).toBeNull();
  });

  it.each([
    [
      'rulez: {}\n',
      '.github/curator.yml: rulez: unknown key | Allowed keys there: files, categories, style, columns, llm, sync, arxiv, commands, ignore, reportUnusedDisableDirectives, check, rules',
    ],
    [
      'files:\n  primery: A.md\n',
      '.github/curator.yml: files.primery: unknown key | Allowed keys there: primary, translation',
    ],
    [
      'rules:\n  venu: off\n',
      '.github/curator.yml: rules.venu: unknown rule; rules are: ' +
        RULE_IDS.join(', ') +
        ' | See the config reference in README.md',
    ],
    [
      'rules:\n  venue: warn\n',
      '.github/curator.yml: rules.venue: expected one of "off", "error", "warning", "info", or { severity, options } | See the config reference in README.md',
    ],
    [
      'categories:\n  exclude: Surveys\n',
      '.github/curator.yml: categories.exclude: expected array | See the config reference in README.md',
    ],
    [
      '- a\n- b\n',
      '.github/curator.yml: expected a mapping of keys (files, categories, style, columns, llm, sync, arxiv, commands, ignore, reportUnusedDisableDirectives, check, rules), found a list | See the config reference in README.md',
    ],
    ['files: [\n', '.github/curator.yml:2: not valid YAML'],
    [
      'arxiv:\n  ignore: [2403.12960]\n',
      ".github/curator.yml: arxiv.ignore.0: expected text, found the number 2403.1296 | Write it in quotes ('2403.1296'): YAML reads 2403.12968 as a number and would lose trailing zeros",
    ],
    [
      'categories:\n  pin:\n    2405.10770: implicit\n',
      ".github/curator.yml:3: categories.pin: the key 2405.10770 is read as the number 2405.1077 | Write it in quotes ('2405.10770'): YAML reads 2403.12968 as a number and would lose trailing zeros",
    ],
    ['categories:\n  pin: [2405.10770]\n', '.github/curator.yml: categories.pin: expected record'],
  ])('%j is rejected with the key path and what is allowed', (text, expected) => {
    expect(errorOf(text)).toContain(expected);
  });
});
