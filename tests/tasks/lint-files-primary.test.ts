/**
 * A translation linted beside its primary is placed as the primary places each paper: with the
 * check built for the primary earlier in the run, else from the primary read again, and only when
 * the placement check can run (a list past the rule's maxRows is skipped, and holding a large
 * primary beside it would double the memory).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { lintFiles } from '../../src/tasks/lint-files.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

function files() {
  const reads: string[] = [];
  const file = (path: string, text: string) => ({
    path,
    read: async () => {
      reads.push(path);
      return new TextEncoder().encode(text);
    },
  });
  return { reads, list: [file('README.md', SEED_EN()), file('README_CN.md', SEED_CN())] };
}

const withMaxRows = (maxRows: number): CuratorConfig => {
  const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
  config.rules['category'] = { severity: 'warning', options: { maxRows } };
  return config;
};

const placements = (r: Awaited<ReturnType<typeof lintFiles>>, path: string) =>
  r.report.files
    .find((f) => f.path === path)!
    .findings.filter((f) => f.ruleId === 'category')
    .map((f) => [f.line, /\(confidence ([0-9.]+)\)/.exec(f.message)?.[1]]);

describe('lintFiles and a translation', () => {
  it('places the translation as the primary does, with the check built for the primary (no second read)', async () => {
    const { reads, list } = files();
    const r = await lintFiles({ files: list, config: withMaxRows(3000) });
    expect(reads).toEqual(['README.md', 'README_CN.md']);
    const english = placements(r, 'README.md');
    expect(english.length).toBeGreaterThan(0);
    expect(placements(r, 'README_CN.md')).toEqual(english);
  });

  it('reads the primary for the translation when it is linted elsewhere (another thread)', async () => {
    const both = files();
    const english = placements(
      await lintFiles({ files: both.list, config: withMaxRows(3000) }),
      'README.md',
    );
    const { reads, list } = files();
    const r = await lintFiles({ files: [list[1]!], companions: list, config: withMaxRows(3000) });
    expect(reads).toEqual(['README_CN.md', 'README.md']);
    expect(placements(r, 'README_CN.md')).toEqual(english);
  });

  it('does not read the primary again when the placement check is skipped for the translation', async () => {
    const { reads, list } = files();
    const r = await lintFiles({ files: list, config: withMaxRows(5) });
    expect(reads).toEqual(['README.md', 'README_CN.md']);
    const skipped = r.report.files
      .find((f) => f.path === 'README_CN.md')!
      .findings.filter((f) => f.ruleId === 'category');
    expect(skipped.map((f) => f.message)).toEqual([
      expect.stringMatching(/^Placement check skipped: \d+ rows in categories is more than 5;/),
    ]);
  });

  it('does not read it when the rule is off', async () => {
    const { reads, list } = files();
    const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
    config.rules['category'] = 'off';
    await lintFiles({ files: list, config });
    expect(reads).toEqual(['README.md', 'README_CN.md']);
  });
});
