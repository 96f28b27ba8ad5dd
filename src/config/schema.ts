/**
 * `.github/curator.yml`: one zod schema, the single source of the config's types, defaults and
 * documentation (every key carries a description that `npm run docs` renders into
 * docs/config.md). Written with `zod/mini`, which loads in a fraction of the time of the full
 * API: a run with a config file pays for it on every commit.
 */
import { closest } from 'fastest-levenshtein';
import * as z from 'zod/mini';
import { DEFAULT_CONFIG } from './defaults.js';
import { TRANSLATION_NAMES, type FilesConfig } from './translation.js';

export const SEVERITIES = ['off', 'error', 'warning', 'info'] as const;

/** Attach the documentation text (read by `z.toJSONSchema`). */
function doc<T extends z.ZodMiniType>(schema: T, description: string): T {
  z.globalRegistry.add(schema, { description });
  return schema;
}

const severity = doc(
  z.enum(SEVERITIES),
  '`off` switches the rule off; otherwise the severity its findings get.',
);

const ruleSetting = z.union([
  severity,
  z.strictObject({
    // Left out: the rule's own default severity (a rule given only options keeps it).
    severity: z.optional(z.enum(SEVERITIES)),
    options: doc(z.optional(z.record(z.string(), z.unknown())), 'Rule options, see docs/rules.md.'),
  }),
]);

const words = doc(
  z.array(z.string().check(z.minLength(1))),
  'Header words (case-insensitive) that mark this column.',
);

// The defaults are written once, in defaults.ts (which loads no zod, for runs without a config).
// files.translation has no default: without it the translation is looked for (translation.ts).
const FILES = { primary: DEFAULT_CONFIG.files.primary };
const ARXIV = DEFAULT_CONFIG.arxiv;
const LLM = DEFAULT_CONFIG.llm;

/** What the config needs of a rule (lint/types.ts `Rule`): its id and its options' schema. */
export interface RuleOptionsSource {
  id: string;
  options?: (zod: typeof z) => z.ZodMiniType;
}

/** Unwrap defaults, optionals and nullables down to the schema that checks the value. */
export function innerSchema(node: unknown): unknown {
  while ((node as { def?: { innerType?: unknown } } | undefined)?.def?.innerType)
    node = (node as { def: { innerType: unknown } }).def.innerType;
  return node;
}

/** The keys of an object schema (after unwrapping). */
export function schemaKeys(node: unknown): string[] {
  return Object.keys(
    (innerSchema(node) as { def?: { shape?: Record<string, unknown> } }).def?.shape ?? {},
  );
}

/** A number schema's bounds in words ("between 0 and 1", "at least 1"), or null. */
export function boundsOf(node: unknown): string | null {
  const checks =
    (innerSchema(node) as { def?: { checks?: { _zod: { def: Record<string, unknown> } }[] } }).def
      ?.checks ?? [];
  let low: string | null = null;
  let high: string | null = null;
  for (const c of checks) {
    const d = c._zod.def;
    if (d['check'] === 'greater_than') low = `${d['inclusive'] ? '' : 'more than '}${d['value']}`;
    if (d['check'] === 'less_than') high = `${d['inclusive'] ? '' : 'less than '}${d['value']}`;
  }
  if (low !== null && high !== null && !/than/.test(low + high))
    return `between ${low} and ${high}`;
  if (low !== null) return /than/.test(low) ? low : `at least ${low}`;
  if (high !== null) return /than/.test(high) ? high : `at most ${high}`;
  return null;
}

/** The schema at a key path inside an object schema, or null. */
function schemaAt(node: unknown, path: readonly PropertyKey[]): unknown {
  for (const key of path) {
    const shape = (innerSchema(node) as { def?: { shape?: Record<string, unknown> } }).def?.shape;
    node = shape?.[String(key)];
    if (!node) return null;
  }
  return node;
}

/** One option problem in words, naming what is allowed (the key path is added by the loader). */
function optionProblem(
  ruleId: string,
  schema: z.ZodMiniType,
  issue: z.core.$ZodIssue,
  value: unknown,
): { path: PropertyKey[]; message: string }[] {
  const found = (v: unknown) =>
    v === undefined ? '' : `, found ${Array.isArray(v) ? 'a list' : JSON.stringify(v)}`;
  const inner = issue.path.reduce<unknown>(
    (v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k],
    value,
  );
  const node = schemaAt(schema, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = schemaKeys(schemaAt(schema, issue.path));
      return issue.keys.map((k) => {
        const near = allowed.length ? closest(k, allowed) : null;
        return {
          path: [...issue.path, k],
          message: allowed.length
            ? `unknown option${near ? `; did you mean \`${near}\`?` : ''} Options of ${ruleId}: ${allowed.join(', ')}`
            : `unknown option: ${ruleId} takes no options`,
        };
      });
    }
    case 'invalid_value':
      return [
        {
          path: issue.path,
          message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}${found(inner)}`,
        },
      ];
    case 'too_small':
    case 'too_big': {
      const bounds = issue.origin === 'number' ? boundsOf(node) : null;
      return [
        {
          path: issue.path,
          message: bounds
            ? `must be ${bounds}${found(inner)}`
            : `${issue.code === 'too_small' ? 'too short' : 'too long'}${found(inner)}`,
        },
      ];
    }
    case 'invalid_type':
      return [
        {
          path: issue.path,
          message: `expected ${issue.expected === 'array' ? 'a list' : issue.expected}${found(inner)}`,
        },
      ];
    default:
      return [{ path: issue.path, message: issue.message }];
  }
}

/**
 * The config schema. `rules` are the rule ids, or the rules themselves: then each rule's options
 * are checked against the rule's schema (lint/types.ts `Rule.options`).
 */
export function createConfigSchema(rules: readonly (string | RuleOptionsSource)[]) {
  const ruleIds = rules.map((r) => (typeof r === 'string' ? r : r.id));
  const optionSchemas = new Map<string, z.ZodMiniType>();
  for (const r of rules)
    if (typeof r !== 'string')
      optionSchemas.set(r.id, r.options ? r.options(z) : z.strictObject({}));
  const rules_ = doc(
    z._default(
      z.record(z.string(), ruleSetting).check(
        z.superRefine((value, ctx) => {
          for (const [key, setting] of Object.entries(value)) {
            if (!ruleIds.includes(key)) {
              ctx.addIssue({
                code: 'custom',
                path: [key],
                message: `unknown rule; rules are: ${ruleIds.join(', ')}`,
                input: value,
              });
              continue;
            }
            const schema = optionSchemas.get(key);
            if (!schema || typeof setting !== 'object' || setting.options === undefined) continue;
            const result = schema.safeParse(setting.options);
            if (result.success) continue;
            for (const issue of result.error.issues)
              for (const p of optionProblem(key, schema, issue, setting.options))
                ctx.addIssue({
                  code: 'custom',
                  path: [key, 'options', ...p.path],
                  message: p.message,
                  input: setting.options,
                });
          }
        }),
      ),
      {},
    ),
    'Per-rule severity (`off`, `error`, `warning`, `info`) or `{ severity, options }`. Rules not named keep their defaults; a rule given `options` without `severity` keeps its default severity.',
  );

  return z.strictObject({
    files: doc(
      z._default(
        z.strictObject({
          primary: doc(
            z._default(z.string().check(z.minLength(1)), 'README.md'),
            'The list in its main language (English in the seed list).',
          ),
          translation: doc(
            z.optional(z.nullable(z.string().check(z.minLength(1)))),
            `The translated list kept in sync with the primary one, or \`null\` for a one-language list on purpose. Not set: the first of ${TRANSLATION_NAMES.map((n) => `\`${n}\``).join(', ')} that exists next to the primary file; none means a one-language list. A path set here that does not exist is an error.`,
          ),
        }),
        FILES,
      ),
      'File names of the list, relative to the repository root.',
    ),
    categories: doc(
      z._default(
        z.strictObject({
          exclude: doc(
            z._default(
              z.array(z.string().check(z.minLength(1))),
              DEFAULT_CONFIG.categories.exclude,
            ),
            'Headings whose tables are not categories (case-insensitive substring match), e.g. Surveys.',
          ),
          overrides: doc(
            z._default(
              z.record(
                z.string(),
                z.strictObject({
                  definition: doc(
                    z.optional(z.string()),
                    "Replaces the section's **Definition** paragraph.",
                  ),
                  keywords: doc(
                    z.optional(z.array(z.string())),
                    "Replaces the section's **Keywords** line.",
                  ),
                  guideline: doc(
                    z.optional(z.string()),
                    'Replaces the Categorization Guidelines bullet.',
                  ),
                }),
              ),
              {},
            ),
            "Text per category id (e.g. `kv-cache`) that the classifier uses instead of the README's.",
          ),
          pin: doc(
            z._default(z.record(z.string(), z.string().check(z.minLength(1))), {}),
            'A maintainer\'s decisions that every check respects: arXiv id or paper title -> category id (e.g. `{ "2502.01234": implicit }`), or `none` for a paper that does not belong. The classifier is not asked about a pinned paper.',
          ),
        }),
        DEFAULT_CONFIG.categories,
      ),
      'Which sections are categories: by default every section that holds a paper table.',
    ),
    style: doc(
      z._default(
        z.strictObject({
          arxivLink: doc(
            z.optional(z.enum(['abs', 'pdf'])),
            'arXiv links open the abstract page (`abs`) or the PDF (`pdf`).',
          ),
          arxivPdfSuffix: doc(
            z.optional(z.boolean()),
            'PDF links end in `.pdf` (`https://arxiv.org/pdf/2403.12968.pdf`).',
          ),
          arxivVersions: doc(
            z.optional(z.enum(['keep', 'drop'])),
            'arXiv links name a version (`keep`: `…/2403.12968v2` is fine) or not (`drop`).',
          ),
          codeLabel: doc(
            z.optional(z.nullable(z.string().check(z.minLength(1)))),
            "Label of code links: a text (`GitHub`, `[Code]`), `<repo>` / `[<repo>]` for the repository's name, `<badge>` for a stars badge, `null` for any.",
          ),
          codeNone: doc(
            z.optional(z.string()),
            'What a code cell holds when there is no code (`-`, or `""`).',
          ),
          venue: doc(
            z.optional(z.enum(['seed', 'free'])),
            'Venue cells read `VENUE YYYY` / `arXiv YYYY.MM` (`seed`), or are not judged (`free`).',
          ),
          date: doc(
            z.optional(z.nullable(z.string().check(z.regex(/^[9.\-/ ]+$/)))),
            'Shape of date cells, digits written as 9 (`9999.99` for `2024.03`); `null`: not judged.',
          ),
          order: doc(
            z.optional(z.nullable(z.enum(['newest-first', 'oldest-first']))),
            'Order of entries by date in each table or list; `null`: none.',
          ),
          titleLink: doc(
            z.optional(z.boolean()),
            'Titles are links to the paper (`true`), or plain text with the paper linked in another column.',
          ),
        }),
        {},
      ),
      "The list's conventions. Each is learned from the list (the majority of its entries; the seed's with fewer than three entries); a value here pins it. `curator init` writes what it learned.",
    ),
    columns: doc(
      z._default(
        z.strictObject({
          title: z.optional(words),
          venue: z.optional(words),
          date: z.optional(words),
          link: z.optional(words),
          authors: z.optional(words),
          tags: z.optional(words),
          code: z.optional(words),
          tldr: z.optional(words),
          focus: z.optional(words),
        }),
        {},
      ),
      "Extra header words for each column role, for lists whose headers differ from the seed's.",
    ),
    llm: doc(
      z._default(
        z.strictObject({
          model: doc(
            z._default(z.string().check(z.minLength(1)), LLM.model),
            'Model name sent to the OpenAI-compatible server.',
          ),
          baseUrl: doc(
            z._default(z.nullable(z.url()), null),
            'Server URL, e.g. `http://localhost:11434/v1` for Ollama; `null` for OpenAI (or the `OPENAI_BASE_URL` environment variable).',
          ),
          maxRequests: doc(
            z._default(z.int().check(z.gte(0)), LLM.maxRequests),
            'Spending cap per run: LLM requests. Past it the offline classifier answers.',
          ),
          maxTokens: doc(
            z._default(z.int().check(z.gte(0)), LLM.maxTokens),
            'Spending cap per run: prompt plus completion tokens.',
          ),
          batchSize: doc(
            z._default(z.int().check(z.gte(1), z.lte(50)), LLM.batchSize),
            'Papers per LLM request.',
          ),
          timeoutSeconds: doc(
            z._default(z.number().check(z.positive()), LLM.timeoutSeconds),
            'Time-out of one LLM request, before retries.',
          ),
        }),
        LLM,
      ),
      'The LLM classifier (used when `OPENAI_API_KEY` is set). The key itself is never read from this file.',
    ),
    sync: doc(
      z._default(
        z.strictObject({
          sections: doc(
            z._default(z.record(z.string(), z.string()), {}),
            'Section pairs when order is not enough: part of a primary heading -> part of its translated heading, e.g. `{ "KV Compression": "KV压缩" }`.',
          ),
          checkOrder: doc(
            z._default(z.boolean(), false),
            'Also report papers in a different order in the two files.',
          ),
          glossary: doc(
            z._default(z.record(z.string(), z.string()), {}),
            'Tag translations that win over the learned glossary, e.g. `{ Pruning: 剪枝 }`.',
          ),
        }),
        DEFAULT_CONFIG.sync,
      ),
      'How the two files are paired: by `curator sync`, and by the check, the scan and `curator translate` when they learn the tag glossary.',
    ),
    arxiv: doc(
      z._default(
        z.strictObject({
          apiUrl: doc(
            z._default(z.url(), ARXIV.apiUrl),
            'The arXiv API query endpoint; change it for a mirror (the CLI flag `--arxiv-url` wins).',
          ),
          categories: doc(
            z._default(z.array(z.string().check(z.minLength(1))), ARXIV.categories),
            'arXiv categories searched (e.g. `cs.CL`).',
          ),
          extraTerms: doc(
            z._default(z.array(z.string().check(z.minLength(1))), []),
            "Search terms added to the list's own **Keywords**.",
          ),
          excludeTerms: doc(
            z._default(z.array(z.string().check(z.minLength(1))), []),
            'Terms whose papers are never fetched.',
          ),
          ignore: doc(
            z._default(z.array(z.string().check(z.minLength(1))), []),
            'arXiv ids a maintainer rejected: never suggested again.',
          ),
          minConfidence: doc(
            z._default(z.number().check(z.gte(0), z.lte(1)), ARXIV.minConfidence),
            'Suggest a paper only when its verdict is at least this sure.',
          ),
          maxPapers: doc(
            z._default(z.int().check(z.gte(0)), ARXIV.maxPapers),
            'At most this many suggestions per scan (the surest first).',
          ),
          windowDays: doc(
            z._default(z.int().check(z.gte(1)), ARXIV.windowDays),
            'Days back from today that a scan covers when `--since` is not given.',
          ),
          scanEveryHours: doc(
            z._default(z.int().check(z.gte(0)), ARXIV.scanEveryHours),
            "How often the App scans arXiv and updates its suggestion pull request; `0` stops the App's scheduled scans (`/curator scan` still works).",
          ),
        }),
        ARXIV,
      ),
      'Where papers are looked up by id and searched.',
    ),
    commands: doc(
      z._default(
        z.strictObject({
          allow: doc(
            z._default(
              z.enum(['maintainers', 'collaborators', 'everyone']),
              DEFAULT_CONFIG.commands.allow,
            ),
            'Who may run `/classify`: `maintainers` (write access or more), `collaborators` (owners, members and collaborators, plus the author of the issue or pull request), or `everyone`. `/curator scan` and `/curator add` always need write access.',
          ),
          maxPerHour: doc(
            z._default(z.int().check(z.gte(1)), DEFAULT_CONFIG.commands.maxPerHour),
            'At most this many `/classify` answers per issue or pull request in an hour (bounds LLM spend).',
          ),
        }),
        DEFAULT_CONFIG.commands,
      ),
      'The comment commands the App answers.',
    ),
    ignore: doc(
      z.optional(
        z
          .record(z.string(), z.array(z.union([z.string().check(z.minLength(1)), z.number()])))
          .check(
            z.superRefine((value, ctx) => {
              for (const key of Object.keys(value)) {
                if (!ruleIds.includes(key))
                  ctx.addIssue({
                    code: 'custom',
                    path: [key],
                    message: `unknown rule; rules are: ${ruleIds.join(', ')}`,
                    input: value,
                  });
              }
            }),
          ),
      ),
      'Papers a rule says nothing about, in every section: rule id -> arXiv ids or titles, e.g. `{ arxiv-link: ["2403.12968", "Some Title"] }` (quote ids: unquoted, `2403.10010` is read as a number, whose zeros are put back). The in-file form, for one section, is `<!-- curator-disable arxiv-link: 2403.12968 -->` above the table.',
    ),
    reportUnusedDisableDirectives: doc(
      z.optional(z.boolean()),
      'Report `curator-disable` directives that silenced nothing (as the CLI flag `--report-unused-disable-directives` does).',
    ),
    check: doc(
      z._default(
        z.strictObject({
          onWarnings: doc(
            z._default(z.enum(['success', 'neutral', 'failure']), DEFAULT_CONFIG.check.onWarnings),
            "The conclusion of the App's `curator` check run when there are warnings but no errors.",
          ),
          onErrors: doc(
            z._default(z.enum(['neutral', 'failure']), DEFAULT_CONFIG.check.onErrors),
            'The conclusion when there are errors (`neutral` reports them without blocking a merge).',
          ),
          fileRemoved: doc(
            z._default(z.enum(SEVERITIES), DEFAULT_CONFIG.check.fileRemoved),
            'The severity of the finding when a pull request deletes or renames a list file (`README_CN.md` deleted: the list becomes one-language). `off` allows it silently.',
          ),
        }),
        DEFAULT_CONFIG.check,
      ),
      'How the App concludes its check run on a pull request.',
    ),
    rules: rules_,
  });
}

/** The config as validated, before `files` is settled (load-config.ts `settleFiles`). */
export type ParsedConfig = z.infer<ReturnType<typeof createConfigSchema>>;
/** The config the tasks use: `files.translation` is a path or null (see translation.ts). */
export type CuratorConfig = Omit<ParsedConfig, 'files'> & { files: FilesConfig };
export type RuleConfig = CuratorConfig['rules'][string];
