/**
 * A translation row whose tags are the same set as the glossary's translation of the primary row's,
 * in another order, is reported: `sync-tags`, a warning on that row, naming the expected order.
 */
import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/index.js';
import { alignLists } from '../../src/sync/align.js';
import { learnGlossary } from '../../src/sync/glossary.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const ROW = '2403.12968';
const swapped = () =>
  SEED_CN()
    .split('\n')
    .map((l) => (l.includes(`abs/${ROW})`) ? l.replace('`剪枝`, `蒸馏`', '`蒸馏`, `剪枝`') : l))
    .join('\n');

function align(cnText: string) {
  const en = parseList(SEED_EN());
  const cn = parseList(cnText);
  return alignLists(en, cn, learnGlossary(en, cn));
}

describe('sync-tags', () => {
  it('the seed-like pair as it is: no sync-tags finding (the control)', () => {
    expect(align(SEED_CN()).findings.filter((f) => f.ruleId === 'sync-tags')).toEqual([]);
  });

  it('the same tags in another order are reported on that row, with the expected order', () => {
    const text = swapped();
    expect(text).not.toBe(SEED_CN());
    const line = text.split('\n').findIndex((l) => l.includes(`abs/${ROW})`)) + 1;
    const found = align(text).findings.filter((f) => f.ruleId === 'sync-tags');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ ruleId: 'sync-tags', severity: 'warning', line });
    expect(found[0]!.message).toContain('Unexpected tags `蒸馏`, `剪枝`, expected `剪枝`, `蒸馏`');
  });
});
