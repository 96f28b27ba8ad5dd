import { code, type Rule } from '../types.js';

const twoSections = [
  '## Explicit',
  '',
  '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
  '| :--- | :--- | :--- | :--- | :--- |',
  '| [ICAE](https://arxiv.org/abs/2307.06945) | ICLR 2024 | `Autoencoder` | - | Encodes a long context into a few memory slots. |',
  '',
  '## Implicit',
  '',
  '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
  '| :--- | :--- | :--- | :--- | :--- |',
  '| [ICAE](https://arxiv.org/abs/2307.06945) | ICLR 2024 | `Autoencoder` | - | Encodes a long context into a few memory slots. |',
  '',
].join('\n');

export const duplicateAcrossSections: Rule = {
  id: 'duplicate-across-sections',
  description: 'A paper stands in one category only.',
  rationale:
    'Categories are meant to be exclusive: a reader looking for a method should find it in one place. Pick the category its main contribution belongs to (the Categorization Guidelines say which) and remove the other row. Sections excluded from categories (Surveys by default) are not compared.',
  defaultSeverity: 'warning',
  defaultOn: true,
  fixable: false,
  entries: true,
  examples: {
    ok: [
      {
        markdown: twoSections
          .replace(/(## Implicit[\s\S]*?)2307\.06945/, '$12305.14788')
          .replace(
            '| [ICAE](https://arxiv.org/abs/2305.14788)',
            '| [AutoCompressors](https://arxiv.org/abs/2305.14788)',
          ),
      },
    ],
    notOk: [{ markdown: twoSections, findings: [{ line: 11, column: 3 }] }],
  },
  create({ list, categories, blame, report }) {
    const first = new Map<string, { line: number; section: string }>();
    return {
      row(row, table) {
        const section = table.section;
        if (!section || !categories.has(section) || row.key === 'title:') return;
        const key = row.arxiv?.id ?? row.key;
        const seen = first.get(key);
        if (!seen) first.set(key, { line: row.line, section: section.text });
        else if (seen.section !== section.text) {
          const title = code(row.title ?? row.key);
          if (blame(seen.line, row.line) === row.line)
            report({
              line: row.line,
              column: row.cell.title?.column ?? 1,
              message: `Unexpected ${title} in a second category, expected it in one: it is also under "${seen.section}" (line ${seen.line})`,
            });
          else
            report({
              line: seen.line,
              column: list.rowAt(seen.line)?.cell.title?.column ?? 1,
              message: `Unexpected ${title} in a second category, expected it in one: it is also under "${section.text}" (line ${row.line})`,
            });
        }
      },
    };
  },
};
