/**
 * `lint --fix` lints a file again after each pass of fixes. A pass that changed only what the
 * classifier does not read (links, venues, code labels) keeps the placement check it built; one
 * that changed a title, tags, a TL;DR, a section's prose or the lines builds it again. Either way
 * the report of `--fix` is the report of a lint of the fixed file.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { parseList } from '../../src/list/index.js';
import { lintFiles, sameClassifierInput } from '../../src/tasks/lint-files.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const ROW =
  '| [LLMLingua-2: Data Distillation for Efficient and Faithful Task-Agnostic Prompt Compression](https://arxiv.org/abs/2403.12968) | ACL 2024 | `Pruning`, `Distillation` |';

const same = (edit: (text: string) => string): boolean => {
  const before = SEED_EN();
  const after = edit(before);
  expect(after).not.toBe(before);
  return sameClassifierInput(parseList(before, 'README.md'), parseList(after, 'README.md'));
};

describe('sameClassifierInput', () => {
  it('holds when only links, venues or code labels changed', () => {
    expect(same((t) => t.replace(ROW, ROW.replace('/abs/', '/pdf/')))).toBe(true);
    expect(same((t) => t.replace(ROW, ROW.replace('| ACL 2024 |', '| - |')))).toBe(true);
    expect(
      same((t) =>
        t.replace(
          '[GitHub](https://github.com/microsoft/LLMLingua)',
          '[Github](https://github.com/microsoft/LLMLingua)',
        ),
      ),
    ).toBe(true);
  });

  it('fails when a title, the tags, a TL;DR, the prose or the lines changed', () => {
    expect(same((t) => t.replace(ROW, ROW.replace('Data Distillation', 'Data Pruning')))).toBe(
      false,
    );
    expect(same((t) => t.replace(ROW, ROW.replace('`Pruning`, `Distillation`', '`Pruning`')))).toBe(
      false,
    );
    expect(same((t) => t.replace(ROW, ROW.replace('`Pruning`', '`pruning`')))).toBe(false);
    expect(
      same((t) => t.replace('Casts compression as keep/drop', 'Casts compression as a keep/drop')),
    ).toBe(false);
    expect(same((t) => t.replace('**Definition**:', '**Definition**: Briefly,'))).toBe(false);
    expect(same((t) => t.replace(ROW, `${ROW.replace('2403.12968', '2403.12969')}`))).toBe(false);
    expect(same((t) => t.replace('\n\n', '\n\n\n'))).toBe(false);
  });
});

const config = (): CuratorConfig => structuredClone(DEFAULT_CONFIG) as CuratorConfig;
const file = (path: string, text: string) => ({
  path,
  read: async () => new TextEncoder().encode(text),
});

/** `lint --fix` on the pair, and a plain lint of the files it wrote. */
async function fixThenLint(en: string, cn: string) {
  const written = new Map<string, string>([
    ['README.md', en],
    ['README_CN.md', cn],
  ]);
  const fixed = await lintFiles({
    files: [file('README.md', en), file('README_CN.md', cn)],
    config: config(),
    fix: true,
    write: async (path, bytes) => void written.set(path, new TextDecoder().decode(bytes)),
  });
  const again = await lintFiles({
    files: [...written].map(([path, text]) => file(path, text)),
    config: config(),
  });
  return { fixed, again, written };
}

describe('lint --fix and the placement check', () => {
  it('reports what a lint of the fixed files reports, when the fixes were links and labels', async () => {
    // A PDF link and a `Github` label to fix; a KV-cache paper listed under the first category.
    const en = SEED_EN()
      .replace(ROW, ROW.replace('/abs/', '/pdf/'))
      .replace(
        '[GitHub](https://github.com/microsoft/LLMLingua)',
        '[Github](https://github.com/microsoft/LLMLingua)',
      );
    const { fixed, again, written } = await fixThenLint(en, SEED_CN());
    expect(written.get('README.md')).not.toBe(en);
    expect(fixed.fixed.map((f) => f.path)).toContain('README.md');
    expect(fixed.report).toEqual(again.report);
    expect(fixed.report.files[0]!.findings.some((f) => f.ruleId === 'category')).toBe(true);
  });

  it('reports what a lint of the fixed files reports, when a fix changed the tags', async () => {
    // A tag written in another case than the list's: the tag fix changes what the classifier reads.
    const en = SEED_EN().replace(
      ROW,
      ROW.replace('`Pruning`, `Distillation`', '`pruning`, `Distillation`'),
    );
    const { fixed, again } = await fixThenLint(en, SEED_CN());
    expect(fixed.fixed.map((f) => f.path)).toContain('README.md');
    expect(fixed.report).toEqual(again.report);
  });
});
