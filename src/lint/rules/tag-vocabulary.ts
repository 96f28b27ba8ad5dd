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

/** Tags named in the one grouped finding; the rest are counted. */
const LISTED = 20;

export const tagVocabulary: Rule = {
  id: 'tag-vocabulary',
  description:
    'A tag used by only one row is reported, with the closest tag the list already uses: a likely misspelling on its row (a warning, fixed), the others together in one finding per file.',
  rationale:
    'Tags are useful when rows share them. A tag used once is often a misspelling (`Prunning`) or a variant (`Long context` next to `Long-Context`) of an existing one. When the closest tag differs only in case, spacing or one or two letters, the fix uses it. Other single-use tags are often new topics, so they are only for information, and a list has many of them: they are grouped into one finding per file (at the first of them) that names them, except on the rows a pull request touches, which get their own. Option `group: false` reports each on its row.',
  defaultSeverity: 'info',
  defaultOn: true,
  fixable: true,
  options: (z) =>
    z.strictObject({
      group: z
        ._default(z.boolean(), true)
        .check(
          z.describe(
            'Report the single-use tags that have no close match in one finding per file (`true`), or each on its row (`false`).',
          ),
        ),
    }),
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
      {
        markdown: exampleTable(
          exampleRow({ tags: '`Pruning`' }),
          exampleRow({ tags: '`Pruning`, `Agents`' }),
          exampleRow({ tags: '`Pruning`, `Quantization`' }),
        ),
        findings: [{ line: 6, column: COLUMN.tags }],
      },
      {
        markdown: exampleTable(
          exampleRow({ tags: '`Pruning`' }),
          exampleRow({ tags: '`Pruning`, `Agents`' }),
          exampleRow({ tags: '`Pruning`, `Quantization`' }),
        ),
        options: { group: false },
        findings: [
          { line: 6, column: COLUMN.tags },
          { line: 7, column: COLUMN.tags },
        ],
      },
    ],
  },
  create({ report, options, blame }) {
    const group = options['group'] !== false;
    // A line the change being checked touched (the pull-request check), read through `blame`:
    // line 0 is never touched, so blame(n, 0) is n exactly when n was.
    const touched = (line: number) => blame(line, 0) === line;
    // Rows are counted by their tags array: the rows of a table that write the same tags share
    // one array (src/list/fast-row.ts), so a 100k-row list has about 15k of them to count, not
    // 300k tags. Each array's first row is kept: a tag used once is on exactly one row.
    const arrays = new Map<readonly string[], { rows: number; first: PaperRow }>();
    return {
      row(row) {
        const tags = row.tags;
        if (!tags || tags.length === 0) return;
        const seen = arrays.get(tags);
        if (seen) seen.rows += 1;
        else arrays.set(tags, { rows: 1, first: row });
      },
      end() {
        const uses = new Map<string, number>();
        for (const [tags, { rows }] of arrays)
          for (const t of tags) uses.set(t, (uses.get(t) ?? 0) + rows);
        // The rows holding a tag no other row uses, in the order the rows come (then the tags).
        const once = new Map<string, PaperRow>();
        for (const [tags, { rows, first }] of arrays)
          if (rows === 1) for (const t of tags) if (uses.get(t) === 1) once.set(t, first);
        const shared = [...uses].filter(([, n]) => n > 1).map(([t]) => t);
        const grouped: { tag: string; line: number; column: number; near: string | null }[] = [];
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
          } else if (group && !touched(row.line)) {
            grouped.push({ tag, ...where, near: near?.tag ?? null });
          } else {
            report({
              ...where,
              message: `Tag ${code(tag)} is used nowhere else in this list${near ? `; closest existing tag: ${code(near.tag)}` : ''}`,
            });
          }
        }
        if (grouped.length === 0) return;
        const first = grouped[0]!;
        if (grouped.length === 1) {
          report({
            line: first.line,
            column: first.column,
            message: `Tag ${code(first.tag)} is used nowhere else in this list${first.near ? `; closest existing tag: ${code(first.near)}` : ''}`,
          });
          return;
        }
        const named = grouped
          .slice(0, LISTED)
          .map(
            (g) =>
              `${code(g.tag)} (line ${g.line}${g.near ? `; closest existing tag: ${code(g.near)}` : ''})`,
          );
        const more = grouped.length - named.length;
        report({
          line: first.line,
          column: first.column,
          message: `Tag vocabulary: ${grouped.length} tags are used by one row each and nowhere else in this list: ${named.join(', ')}${more ? `, and ${more} more` : ''} (option \`group: false\` reports each on its row)`,
        });
      },
    };
  },
};
