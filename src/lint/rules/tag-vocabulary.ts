import { distance } from 'fastest-levenshtein';
import type { PaperRow } from '../../list/index.js';
import { code, withCell, type Rule } from '../types.js';
import { COLUMN, exampleRow, exampleTable } from './example-table.js';

const fold = (t: string): string =>
  t
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

/** The closest tag of the vocabulary, and whether it is close enough to replace `tag` safely. */
function closest(
  tag: string,
  vocabulary: readonly string[],
): { tag: string; safe: boolean } | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const folded = fold(tag);
  for (const v of vocabulary) {
    if (fold(v) === folded) return { tag: v, safe: true };
    const d = distance(folded, fold(v));
    if (d < bestDistance) [best, bestDistance] = [v, d];
  }
  if (best === null) return null;
  // Close means a few letters apart relative to the tag's length (two CJK characters out of two is
  // not close; one letter in `Prunning` is).
  const limit = Math.max(1, Math.floor(folded.length / 3));
  if (bestDistance > limit || bestDistance >= folded.length) return null;
  return { tag: best, safe: folded.length >= 6 && bestDistance <= 2 };
}

export const tagVocabulary: Rule = {
  id: 'tag-vocabulary',
  description:
    'A tag used by only one row is reported, with the closest tag the list already uses.',
  rationale:
    'Tags are useful when rows share them. A tag used once is often a misspelling (`Prunning`) or a variant (`Long context` next to `Long-Context`) of an existing one. When the closest tag differs only in case, spacing or one or two letters, the fix uses it; otherwise the finding is for information.',
  defaultSeverity: 'info',
  defaultOn: true,
  fixable: true,
  examples: {
    ok: [
      {
        markdown: exampleTable(
          exampleRow({ tags: '`Pruning`' }),
          exampleRow({ tags: '`Pruning`' }),
        ),
      },
    ],
    notOk: [
      {
        markdown: exampleTable(
          exampleRow({ tags: '`Pruning`' }),
          exampleRow({ tags: '`Pruning`' }),
          exampleRow({ tags: '`Prunning`' }),
        ),
        findings: [{ line: 7, column: COLUMN.tags }],
        fixed: exampleTable(
          exampleRow({ tags: '`Pruning`' }),
          exampleRow({ tags: '`Pruning`' }),
          exampleRow({ tags: '`Pruning`' }),
        ),
      },
      {
        markdown: exampleTable(
          exampleRow({ tags: '`Pruning`' }),
          exampleRow({ tags: '`Pruning`' }),
          exampleRow({ tags: '`Quantization`' }),
        ),
        findings: [{ line: 7, column: COLUMN.tags }],
      },
    ],
  },
  create({ report }) {
    const uses = new Map<string, number>();
    // Rows holding a tag seen once so far; the tag leaves when a second row uses it.
    const once = new Map<string, PaperRow>();
    return {
      row(row) {
        for (const t of row.tags ?? []) {
          const n = (uses.get(t) ?? 0) + 1;
          uses.set(t, n);
          if (n === 1) once.set(t, row);
          else if (n === 2) once.delete(t);
        }
      },
      end() {
        const shared = [...uses].filter(([, n]) => n > 1).map(([t]) => t);
        for (const [tag, row] of once) {
          const cell = row.cell.tags;
          if (!cell) continue;
          const near = closest(tag, shared);
          const where = { line: row.line, column: cell.column };
          if (near?.safe) {
            const fixed = cell.text.replace(`\`${tag}\``, `\`${near.tag}\``);
            report({
              ...where,
              severity: 'warning',
              message: `Unexpected tag ${code(tag)}, expected ${code(near.tag)}: it is used nowhere else in this list`,
              fix: { line: row.line, text: withCell(row, 'tags', fixed) },
            });
          } else {
            report({
              ...where,
              message: `Tag ${code(tag)} is used nowhere else in this list${near ? `; closest existing tag: ${code(near.tag)}` : ''}`,
            });
          }
        }
      },
    };
  },
};
