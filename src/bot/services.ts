/**
 * What the App needs from the outside world besides GitHub: the network for arXiv and the LLM,
 * the clock, and the environment (for the LLM key). Tests pass their own; the server uses the real
 * ones. The key is read here and handed to the LLM client only: it is never logged or posted.
 */
import type { CuratorConfig } from '../config/index.js';
import {
  createArxivClient,
  createLlm,
  type ArxivClient,
  type Llm,
} from '../tasks/classify-papers.js';

export interface BotServices {
  fetch: typeof fetch;
  env: Record<string, string | undefined>;
  now: () => Date;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Run the hourly scheduler for arXiv scans (off in tests, and with CURATOR_SCHEDULE=off). */
  scheduler: boolean;
}

export const USER_AGENT = 'awesome-curator-app/0.1 (+https://github.com/awesome-curator)';

export function defaultServices(): BotServices {
  return {
    fetch: globalThis.fetch,
    env: process.env,
    now: () => new Date(),
    scheduler: process.env['CURATOR_SCHEDULE'] !== 'off',
  };
}

export function arxivFor(s: BotServices, config: CuratorConfig): ArxivClient {
  return createArxivClient({
    fetch: s.fetch,
    baseUrl: config.arxiv.apiUrl,
    userAgent: USER_AGENT,
    ...(s.sleep ? { sleep: s.sleep } : {}),
  });
}

/** The LLM when `OPENAI_API_KEY` is set on the server, else undefined (offline classifier). */
export function llmFor(s: BotServices, config: CuratorConfig): Llm | undefined {
  const apiKey = s.env['OPENAI_API_KEY']?.trim();
  if (!apiKey) return undefined;
  return createLlm({
    apiKey,
    baseURL: s.env['OPENAI_BASE_URL'] || config.llm.baseUrl || undefined,
    model: config.llm.model,
    timeoutMs: config.llm.timeoutSeconds * 1000,
    fetch: s.fetch,
  });
}
