import { code, type Rule } from '../types.js';

/** The placement check's defaults (options `minConfidence`, `maxRows`). */
export const CATEGORY_MIN_CONFIDENCE = 0.5;
export const CATEGORY_MAX_ROWS = 20000;

const list = (rows: string[]) =>
  [
    '## 📝 Explicit Context Compression',
    '',
    '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
    '| :--- | :--- | :--- | :--- | :--- |',
    ...rows,
    '',
    '## ⚡ KV Cache Compression',
    '',
    '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
    '| :--- | :--- | :--- | :--- | :--- |',
    '| [H2O: Heavy-Hitter Oracle for Efficient Generative Inference of Large Language Models](https://arxiv.org/abs/2306.14048) | NeurIPS 2023 | `Eviction` | - | Keeps heavy-hitter tokens in the KV cache and evicts the others during decoding. |',
    '',
  ].join('\n');

export const category: Rule = {
  id: 'category',
  description:
    'A paper sits in the category its own classifier verdict gives it, when that verdict is confident.',
  rationale:
    "Contributors misplace papers (a KV-cache method in the prompt-compression table). The check classifies each listed paper from its title, tags and TL;DR against the list's own guidelines, leaving the paper itself out of the examples, and reports a row when the verdict names another category with at least the configured confidence (option `minConfidence`, default 0.5). The rationale is in the message, so a maintainer can judge it. Lists with more than `maxRows` rows (default 20000) are skipped, with a note, because classifying every row takes time (about 10,000 rows a second once warm, plus the model's build: a 20,000-row list adds about 2 s).",
  defaultSeverity: 'warning',
  defaultOn: true,
  fixable: false,
  entries: true,
  options: (z) =>
    z.strictObject({
      minConfidence: z
        ._default(z.number().check(z.gte(0), z.lte(1)), CATEGORY_MIN_CONFIDENCE)
        .check(
          z.describe(
            'Report a row only when the verdict naming another category is at least this sure (0 to 1).',
          ),
        ),
      maxRows: z
        ._default(z.int().check(z.gte(0)), CATEGORY_MAX_ROWS)
        .check(
          z.describe(
            'Lists with more rows in categories than this are not classified (a note says so).',
          ),
        ),
    }),
  examples: {
    ok: [
      {
        markdown: list([
          '| [Compressing Context to Enhance Inference Efficiency of Large Language Models](https://arxiv.org/abs/2310.06201) | EMNLP 2023 | `Pruning` | - | Removes low self-information phrases from the prompt before the LLM reads it. |',
        ]),
      },
    ],
    notOk: [
      {
        markdown: list([
          '| [SnapKV: LLM Knows What You are Looking for Before Generation](https://arxiv.org/abs/2404.14469) | arXiv 2024.04 | `Eviction` | - | Chooses which key-value pairs to keep in the KV cache during generation. |',
        ]),
        findings: [{ line: 5, column: 3 }],
      },
    ],
  },
  create({ placement, categories, options, report }) {
    if (!placement) return {};
    if ('skipped' in placement) {
      report({
        line: 1,
        column: 1,
        severity: 'info',
        message: `Placement check skipped: ${placement.skipped}`,
      });
      return {};
    }
    for (const note of placement.notes ?? [])
      report({ line: 1, column: 1, severity: 'warning', message: note });
    const min =
      typeof options['minConfidence'] === 'number'
        ? options['minConfidence']
        : CATEGORY_MIN_CONFIDENCE;
    return {
      row(row, table) {
        if (!table.section || !categories.has(table.section)) return;
        const verdict = placement.place(row);
        if (
          !verdict ||
          verdict.section === null ||
          verdict.section === table.section.text ||
          verdict.confidence < min
        )
          return;
        report({
          line: row.line,
          column: row.cell.title?.column ?? 1,
          message: `Unexpected ${code(row.title ?? row.key)} under "${table.section.text}", expected "${verdict.section}" (confidence ${verdict.confidence.toFixed(2)}): ${verdict.rationale}`,
        });
      },
    };
  },
};
