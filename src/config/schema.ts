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
          overrides: z
            .record(
              z.string(),
              z
                .object({
                  definition: z
                    .string()
                    .optional()
                    .describe("Replaces the section's **Definition** paragraph."),
                  keywords: z
                    .array(z.string())
                    .optional()
                    .describe("Replaces the section's **Keywords** line."),
                  guideline: z
                    .string()
                    .optional()
                    .describe('Replaces the Categorization Guidelines bullet.'),
                })
                .strict(),
            )
            .default({})
            .describe(
              "Text per category id (e.g. `kv-cache`) that the classifier uses instead of the README's.",
            ),
        })
        .strict()
        .default({ exclude: ['Survey', '综述'], overrides: {} })
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
      llm: z
        .object({
          model: z
            .string()
            .min(1)
            .default('gpt-4o-mini')
            .describe('Model name sent to the OpenAI-compatible server.'),
          baseUrl: z
            .string()
            .url()
            .nullable()
            .default(null)
            .describe(
              'Server URL, e.g. `http://localhost:11434/v1` for Ollama; `null` for OpenAI (or the `OPENAI_BASE_URL` environment variable).',
            ),
          maxRequests: z
            .number()
            .int()
            .min(0)
            .default(20)
            .describe(
              'Spending cap per run: LLM requests. Past it the offline classifier answers.',
            ),
          maxTokens: z
            .number()
            .int()
            .min(0)
            .default(200000)
            .describe('Spending cap per run: prompt plus completion tokens.'),
          batchSize: z
            .number()
            .int()
            .min(1)
            .max(50)
            .default(10)
            .describe('Papers per LLM request.'),
          timeoutSeconds: z
            .number()
            .positive()
            .default(60)
            .describe('Time-out of one LLM request, before retries.'),
        })
        .strict()
        .default({
          model: 'gpt-4o-mini',
          baseUrl: null,
          maxRequests: 20,
          maxTokens: 200000,
          batchSize: 10,
          timeoutSeconds: 60,
        })
        .describe(
          'The LLM classifier (used when `OPENAI_API_KEY` is set). The key itself is never read from this file.',
        ),
      rules,
    })
    .strict();
}

export type CuratorConfig = z.infer<ReturnType<typeof createConfigSchema>>;
export type RuleConfig = CuratorConfig['rules'][string];
