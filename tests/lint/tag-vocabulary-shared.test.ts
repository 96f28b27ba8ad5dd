/**
 * tag-vocabulary counts rows by their tags array, and the fast row reader gives the rows of a
 * table that write the same tags one shared array. Read with the fast path off, every row has an
 * array of its own (so each row is counted on its own, as the rule's plain reading says): the
 * findings must be the same either way, on lists that repeat tag sets, repeat a tag inside one
 * row, misspell a tag once, and mix rows the fast reader does not take.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint/index.js';

const HEAD = '| Paper | Venue | Tags | Code | TL;DR |\n| :--- | :--- | :--- | :--- | :--- |';
const POOL = ['Pruning', 'Prunning', 'RAG', 'KV Cache', 'KV Cahce', 'Merging', 'Soft Prompt'];

const rowArb = fc.record({
  tags: fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 3 }),
  // A TL;DR with an escaped pipe is read by the general path (an array of its own).
  general: fc.boolean(),
});

function list(tables: { tags: string[]; general: boolean }[][]): string {
  let id = 0;
  const parts = ['# List', ''];
  tables.forEach((rows, i) => {
    parts.push(`## Section ${i + 1}`, '', HEAD);
    for (const r of rows) {
      id += 1;
      const tags = r.tags.map((t) => `\`${t}\``).join(', ');
      const tldr = r.general ? 'Reads a \\| b.' : 'Reads the context.';
      parts.push(
        `| [Paper ${id}](https://arxiv.org/abs/2401.${String(10000 + id)}) | arXiv 2024.01 | ${tags} | - | ${tldr} |`,
      );
    }
    parts.push('');
  });
  return parts.join('\n');
}

describe('tag-vocabulary on shared tag arrays', () => {
  it.each([true, false])('group %s: the same findings with the fast reader on and off', (group) => {
    const options = {
      rules: { 'tag-vocabulary': { severity: 'warning' as const, options: { group } } },
    };
    const only = (f: { ruleId: string }) => f.ruleId === 'tag-vocabulary';
    fc.assert(
      fc.property(
        fc.array(fc.array(rowArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
        (tables) => {
          const text = list(tables);
          const shared = lintText(text, 'README.md', {}, options).filter(only);
          const own = lintText(text, 'README.md', { fastPath: false }, options).filter(only);
          expect(shared).toEqual(own);
        },
      ),
      { numRuns: 200, seed: 20_251_203 },
    );
  });

  it('a misspelt tag used once is found, and a tag written twice in one row is not "used once"', () => {
    const text = list([
      [
        { tags: ['Pruning', 'RAG'], general: false },
        { tags: ['Pruning', 'RAG'], general: false },
        { tags: ['Prunning'], general: false },
        { tags: ['Merging', 'Merging'], general: false },
      ],
    ]);
    const found = lintText(
      text,
      'README.md',
      {},
      {
        rules: { 'tag-vocabulary': { severity: 'warning', options: { group: false } } },
      },
    ).filter((f) => f.ruleId === 'tag-vocabulary');
    expect(found.map((f) => f.message)).toEqual([
      'Unexpected tag `Prunning`, expected `Pruning`: it is used nowhere else in this list',
    ]);
  });
});
