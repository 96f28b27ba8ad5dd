/**
 * The App is a shared service: one operator runs it, with their LLM key and their bill, for every
 * repository that installs it. What the operator pays for and where their key goes is theirs to
 * decide; a repository's `.github/curator.yml` may only lower a ceiling or pick among the models
 * the operator allows, never raise or redirect. The CLI and the Action do not use this: there the
 * repository's owner runs the tool with their own secrets, and the config is theirs.
 *
 * The operator's settings (environment of the App's server):
 * - `OPENAI_API_KEY`, `OPENAI_BASE_URL`: the key and the only endpoint it is sent to;
 * - `CURATOR_LLM_MODEL`: the model (default `gpt-4o-mini`); `CURATOR_LLM_MODELS`: other models a
 *   repository may choose (comma-separated);
 * - `CURATOR_LLM_MAX_REQUESTS`, `CURATOR_LLM_MAX_TOKENS`, `CURATOR_LLM_BATCH_SIZE`,
 *   `CURATOR_LLM_TIMEOUT_SECONDS`: ceilings per run;
 * - `CURATOR_ARXIV_MAX_PAPERS`, `CURATOR_SCAN_MIN_HOURS`: ceilings for scans;
 * - `CURATOR_COMMANDS_MAX_PER_HOUR`: ceiling of `commands.maxPerHour`;
 * - `CURATOR_ARXIV_URLS`: arXiv API URLs a repository may point the App at (comma-separated);
 *   any other `arxiv.apiUrl` is ignored, so the App's server never fetches an address a
 *   repository chose (internal ones included).
 * Defaults are the config's defaults.
 */
import { DEFAULT_CONFIG, type CuratorConfig } from '../config/index.js';
import { CuratorError } from '../errors.js';
import { sanitizeText } from '../tasks/classify-papers.js';

export interface OperatorPolicy {
  model: string;
  models: ReadonlySet<string>;
  maxRequests: number;
  maxTokens: number;
  batchSize: number;
  timeoutSeconds: number;
  maxPapers: number;
  minScanHours: number;
  commandsMaxPerHour: number;
  arxivUrls: ReadonlySet<string>;
}

type Env = Record<string, string | undefined>;

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function ceiling(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0)
    throw new CuratorError(`${name}=${raw} is not a number of 0 or more`, {
      hint: `Set ${name} in the App's environment to a number, or unset it for ${fallback}`,
    });
  return n;
}

/** The operator's policy from the server's environment (checked at start-up). */
export function operatorPolicy(env: Env): OperatorPolicy {
  const d = DEFAULT_CONFIG;
  const model = env['CURATOR_LLM_MODEL']?.trim() || d.llm.model;
  return {
    model,
    models: new Set([model, ...list(env['CURATOR_LLM_MODELS'])]),
    maxRequests: ceiling(env, 'CURATOR_LLM_MAX_REQUESTS', d.llm.maxRequests),
    maxTokens: ceiling(env, 'CURATOR_LLM_MAX_TOKENS', d.llm.maxTokens),
    batchSize: Math.max(1, ceiling(env, 'CURATOR_LLM_BATCH_SIZE', d.llm.batchSize)),
    timeoutSeconds: ceiling(env, 'CURATOR_LLM_TIMEOUT_SECONDS', d.llm.timeoutSeconds),
    maxPapers: ceiling(env, 'CURATOR_ARXIV_MAX_PAPERS', d.arxiv.maxPapers),
    minScanHours: ceiling(env, 'CURATOR_SCAN_MIN_HOURS', d.arxiv.scanEveryHours),
    commandsMaxPerHour: ceiling(env, 'CURATOR_COMMANDS_MAX_PER_HOUR', d.commands.maxPerHour),
    arxivUrls: new Set([d.arxiv.apiUrl, ...list(env['CURATOR_ARXIV_URLS'])]),
  };
}

/** A setting of the repository's config the App did not follow, and what it used instead. */
export interface IgnoredSetting {
  key: string;
  asked: string;
  used: string;
}

const ignoredOf = new WeakMap<CuratorConfig, IgnoredSetting[]>();

/** What `applyPolicy` set aside for this config (empty when nothing was). */
export function ignoredSettings(config: CuratorConfig): IgnoredSetting[] {
  return ignoredOf.get(config) ?? [];
}

/**
 * The repository's config with the operator's decisions applied: the LLM endpoint is the
 * operator's (never the repository's), the model one the operator allows, every cap at most the
 * operator's ceiling, `arxiv.apiUrl` one the operator allows. Returns a new config; what was set
 * aside is available from `ignoredSettings`.
 */
export function applyPolicy(config: CuratorConfig, policy: OperatorPolicy): CuratorConfig {
  const out = structuredClone(config);
  const ignored: IgnoredSetting[] = [];
  const say = (key: string, asked: unknown, used: unknown) =>
    ignored.push({ key, asked: String(asked), used: String(used) });

  if (config.llm.baseUrl !== null)
    say('llm.baseUrl', config.llm.baseUrl, "the operator's endpoint");
  out.llm.baseUrl = null;
  if (!policy.models.has(config.llm.model)) {
    // The schema's default is not a choice the repository made: no need to mention it.
    if (config.llm.model !== DEFAULT_CONFIG.llm.model)
      say('llm.model', config.llm.model, policy.model);
    out.llm.model = policy.model;
  }
  const cap = (
    key: string,
    get: (c: CuratorConfig) => number,
    set: (c: CuratorConfig, n: number) => void,
    max: number,
  ) => {
    if (get(config) > max) {
      say(key, get(config), max);
      set(out, max);
    }
  };
  cap(
    'llm.maxRequests',
    (c) => c.llm.maxRequests,
    (c, n) => (c.llm.maxRequests = n),
    policy.maxRequests,
  );
  cap(
    'llm.maxTokens',
    (c) => c.llm.maxTokens,
    (c, n) => (c.llm.maxTokens = n),
    policy.maxTokens,
  );
  cap(
    'llm.batchSize',
    (c) => c.llm.batchSize,
    (c, n) => (c.llm.batchSize = n),
    policy.batchSize,
  );
  cap(
    'llm.timeoutSeconds',
    (c) => c.llm.timeoutSeconds,
    (c, n) => (c.llm.timeoutSeconds = n),
    policy.timeoutSeconds,
  );
  cap(
    'arxiv.maxPapers',
    (c) => c.arxiv.maxPapers,
    (c, n) => (c.arxiv.maxPapers = n),
    policy.maxPapers,
  );
  cap(
    'commands.maxPerHour',
    (c) => c.commands.maxPerHour,
    (c, n) => (c.commands.maxPerHour = n),
    policy.commandsMaxPerHour,
  );
  if (config.arxiv.scanEveryHours < policy.minScanHours) {
    say('arxiv.scanEveryHours', config.arxiv.scanEveryHours, policy.minScanHours);
    out.arxiv.scanEveryHours = policy.minScanHours;
  }
  if (!policy.arxivUrls.has(config.arxiv.apiUrl)) {
    say('arxiv.apiUrl', config.arxiv.apiUrl, DEFAULT_CONFIG.arxiv.apiUrl);
    out.arxiv.apiUrl = DEFAULT_CONFIG.arxiv.apiUrl;
  }
  ignoredOf.set(out, ignored);
  return out;
}

/** One line for a log or a check run: which settings the App set aside, and why. */
export function describeIgnored(ignored: readonly IgnoredSetting[]): string {
  return `The App ignored ${ignored.length === 1 ? 'a setting' : `${ignored.length} settings`} of .github/curator.yml that the App's operator decides (its LLM endpoint, key, models and spending ceilings, and the arXiv URL it fetches): ${ignored
    .map((i) => `\`${i.key}\` (${sanitizeText(i.asked, 80)}; used ${sanitizeText(i.used, 80)})`)
    .join(', ')}. The Action and the CLI, run with the repository's own secrets, follow them.`;
}
