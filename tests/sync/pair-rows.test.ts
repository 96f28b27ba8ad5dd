/**
 * Rows of the same paper, paired across the two files (src/sync/pair-rows.ts), against the plain
 * reading of its rule on random pairs where papers stand in several sections, more often in one
 * file than in the other, or in one file only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseList, type PaperList, type PaperRow, type Section } from '../../src/list/index.js';
import { pairRows, pairSections } from '../../src/sync/pair-rows.js';

const HEAD = '| Paper | Venue | Tags | Code | TL;DR |\n| :--- | :--- | :--- | :--- | :--- |';
const row = (paper: number) =>
  `| [Paper ${paper}](https://arxiv.org/abs/2401.${String(10000 + paper)}) | arXiv 2024.01 | \`T\` | - | Paper ${paper}. |`;

/** A list with three category sections holding the given papers (section by section). */
function list(sections: number[][], path: string): PaperList {
  const parts = ['# List', ''];
  sections.forEach((papers, i) => {
    parts.push(`## Section ${'ABC'[i]}`, '');
    if (papers.length) parts.push(HEAD, ...papers.map(row));
    parts.push('');
  });
  return parseList(parts.join('\n'), path);
}

/** The rule as the doc comment states it, the plain way (sets of rows, a scan per copy). */
function reference(primary: PaperList, translation: PaperList, sections: [Section, Section][]) {
  const counterpart = new Map(sections);
  const sectionOf = (l: PaperList, r: PaperRow) => l.tables[r.tableIndex]!.section;
  const byKey = (l: PaperList) => {
    const m = new Map<string, PaperRow[]>();
    for (const r of l.rows) m.set(r.key, [...(m.get(r.key) ?? []), r]);
    return m;
  };
  const inT = byKey(translation);
  const taken = new Set<PaperRow>();
  const pairs: [number, number][] = [];
  const primaryOnly: number[] = [];
  for (const [key, rowsP] of byKey(primary)) {
    const rowsT = inT.get(key) ?? [];
    const match = rowsP.map((p) => {
      const want = counterpart.get(sectionOf(primary, p)!);
      const t = rowsT.find((r) => !taken.has(r) && sectionOf(translation, r) === want);
      if (t) taken.add(t);
      return t;
    });
    rowsP.forEach((p, i) => {
      const t = match[i] ?? rowsT.find((r) => !taken.has(r));
      if (t) {
        taken.add(t);
        pairs.push([p.line, t.line]);
      } else primaryOnly.push(p.line);
    });
  }
  return {
    pairs: pairs.sort((a, b) => a[0] - b[0]),
    primaryOnly: primaryOnly.sort((a, b) => a - b),
    translationOnly: translation.rows.filter((r) => !taken.has(r)).map((r) => r.line),
  };
}

const sectionsOf = fc.array(fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 5 }), {
  minLength: 3,
  maxLength: 3,
});

describe('pairRows', () => {
  it('pairs as the plain reading of its rule does', () => {
    fc.assert(
      fc.property(sectionsOf, sectionsOf, (a, b) => {
        const primary = list(a, 'README.md');
        const translation = list(b, 'README_CN.md');
        const sections = pairSections(primary, translation);
        const got = pairRows(primary, translation, sections);
        expect({
          pairs: got.pairs.map(([p, t]) => [p.line, t.line]),
          primaryOnly: got.primaryOnly.map((r) => r.line),
          translationOnly: got.translationOnly.map((r) => r.line),
        }).toEqual(reference(primary, translation, sections));
      }),
      { numRuns: 300, seed: 20_251_203 },
    );
  });

  it('a paper in two sections pairs each copy with the copy in the matching section', () => {
    const primary = list([[1, 2], [1], []], 'README.md');
    const translation = list([[2], [3], [1, 1]], 'README_CN.md');
    const got = pairRows(primary, translation, pairSections(primary, translation));
    const where = (l: PaperList, r: PaperRow) => l.tables[r.tableIndex]!.section!.text;
    // Paper 1 has no copy in Section A or B of the translation: its two copies there pair in order.
    expect(got.pairs.map(([p, t]) => [p.title, where(primary, p), where(translation, t)])).toEqual([
      ['Paper 1', 'Section A', 'Section C'],
      ['Paper 2', 'Section A', 'Section A'],
      ['Paper 1', 'Section B', 'Section C'],
    ]);
    expect(got.primaryOnly).toEqual([]);
    expect(got.translationOnly.map((r) => r.title)).toEqual(['Paper 3']);
  });
});
