/**
 * `.github/curator.yml`: one zod schema, the single source of the config's types, defaults and
 * documentation (every key carries a `.describe()` text that `npm run docs` will render).
 */
import { z } from 'zod';

export const SEVERITIES = ['off', 'error', 'warning', 'info'] as const;

const severity = z
  .enum(SEVERITIES)
  .describe('`off` switches the rule off; otherwise the severity its findings get.');

const ruleSetting = z.union([
  severity,
  z
    .object({
      severity: severity.default('error'),
      options: z
        .record(z.string(), z.unknown())
        .optional()
        .describe('Rule options, see docs/rules.md.'),
    })
    .strict(),
]);

const words = z
  .array(z.string().min(1))
  .describe('Header words (case-insensitive) that mark this column.');

export function createConfigSchema(ruleIds: readonly string[]) {
  const rules = z
    .record(z.string(), ruleSetting)
    .superRefine((value, ctx) => {
      for (const key of Object.keys(value)) {
        if (!ruleIds.includes(key))
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `unknown rule; rules are: ${ruleIds.join(', ')}`,
          });
      }
    })
    .default({})
    .describe(
      'Per-rule severity (`off`, `error`, `warning`, `info`) or `{ severity, options }`. Rules not named keep their defaults.',
    );

  return z
    .object({
      files: z
        .object({
          primary: z
            .string()
            .min(1)
            .default('README.md')
            .describe('The list in its main language (English in the seed list).'),
          translation: z
            .string()
            .min(1)
            .nullable()
            .default('README_CN.md')
            .describe(
              'The translated list kept in sync with the primary one, or `null` for a one-language list.',
            ),
        })
        .strict()
        .default({ primary: 'README.md', translation: 'README_CN.md' })
        .describe('File names of the list, relative to the repository root.'),
      categories: z
        .object({
          exclude: z
            .array(z.string().min(1))
            .default(['Survey', '综述'])
            .describe(
              'Headings whose tables are not categories (case-insensitive substring match), e.g. Surveys.',
            ),
        })
        .strict()
        .default({ exclude: ['Survey', '综述'] })
        .describe(
          'Which sections are categories: by default every section that holds a paper table.',
        ),
      columns: z
        .object({ title: words, venue: words, tags: words, code: words, tldr: words, focus: words })
        .partial()
        .strict()
        .default({})
        .describe(
          "Extra header words for each column role, for lists whose headers differ from the seed's.",
        ),
      rules,
    })
    .strict();
}

export type CuratorConfig = z.infer<ReturnType<typeof createConfigSchema>>;
export type RuleConfig = CuratorConfig['rules'][string];
