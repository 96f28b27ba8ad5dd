/**
 * `lazyTexts`: the scan's new texts are made when first read (a dry run reads none), and are then
 * the texts an eager scan makes, with the same plan around them. Over the recorded feed, offline.
 */
import { describe, expect, it } from 'vitest';
import type { CuratorConfig } from '../../src/config/index.js';
import { scanArxiv } from '../../src/tasks/scan-arxiv.js';
import { fakeArxivClient, scanConfig } from '../helpers/fake-arxiv.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const config: CuratorConfig = scanConfig();

function scan(lazyTexts: boolean | undefined, texts = { en: SEED_EN(), cn: SEED_CN() }) {
  const { client } = fakeArxivClient();
  return scanArxiv({
    primary: { path: 'README.md', text: texts.en },
    translation: { path: 'README_CN.md', text: texts.cn },
    config,
    client,
    since: new Date('2025-09-01'),
    until: new Date('2025-09-20'),
    ...(lazyTexts === undefined ? {} : { lazyTexts }),
  });
}

describe('scanArxiv with lazyTexts', () => {
  it('gives the plan and, once read, the very texts of an eager scan', async () => {
    const eager = await scan(undefined);
    const lazy = await scan(true);
    expect(eager.changes.map((c) => c.path)).toEqual(['README.md', 'README_CN.md']);
    expect(lazy.changes.map((c) => c.path)).toEqual(eager.changes.map((c) => c.path));
    const plan = ({ changes: _changes, ...rest }: Awaited<ReturnType<typeof scan>>) => rest;
    expect(plan(lazy)).toEqual(plan(eager));
    expect(eager.suggested.length).toBeGreaterThan(0);
    for (const [i, change] of lazy.changes.entries()) {
      const text = change.text;
      expect(text).toBe(eager.changes[i]!.text);
      // Made once: the second read is the same string.
      expect(change.text).toBe(text);
      expect(text).not.toBe(i === 0 ? SEED_EN() : SEED_CN());
    }
  });

  it('false is the default: the texts are there at once', async () => {
    const r = await scan(false);
    for (const change of r.changes)
      expect(Object.getOwnPropertyDescriptor(change, 'text')?.value).toEqual(expect.any(String));
  });
});
