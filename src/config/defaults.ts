/**
 * The configuration used when a list has no `.github/curator.yml`, and the defaults the schema
 * applies. It is written out (rather than taken from `schema.parse({})`) so that a run without a
 * config does not load zod and yaml at all; tests/config/defaults.test.ts proves that parsing an
 * empty config gives exactly this.
 */
export const DEFAULT_CONFIG = {
  // No files.translation: looked for among the usual names (translation.ts); until a door has
  // looked, it holds the first of them.
  files: {
    primary: 'README.md',
    translation: 'README_CN.md' as string | null,
    translationSource: 'assumed' as 'assumed' | 'found',
  },
  categories: { exclude: ['Survey', '综述'], overrides: {}, pin: {} as Record<string, string> },
  style: {},
  columns: {},
  llm: {
    model: 'gpt-4o-mini',
    baseUrl: null as string | null,
    maxRequests: 20,
    maxTokens: 200000,
    batchSize: 10,
    timeoutSeconds: 60,
  },
  sync: {
    sections: {} as Record<string, string>,
    checkOrder: false,
    glossary: {} as Record<string, string>,
  },
  arxiv: {
    apiUrl: 'https://export.arxiv.org/api/query',
    categories: ['cs.CL', 'cs.LG', 'cs.AI'],
    extraTerms: [] as string[],
    excludeTerms: [] as string[],
    ignore: [] as string[],
    minConfidence: 0.6,
    maxPapers: 10,
    windowDays: 7,
    scanEveryHours: 24,
  },
  commands: {
    allow: 'collaborators' as 'maintainers' | 'collaborators' | 'everyone',
    maxPerHour: 5,
  },
  check: {
    onWarnings: 'neutral' as 'success' | 'neutral' | 'failure',
    onErrors: 'failure' as 'neutral' | 'failure',
    fileRemoved: 'warning' as 'off' | 'error' | 'warning' | 'info',
  },
  rules: {},
};
