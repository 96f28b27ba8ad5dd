/**
 * What the App needs from the outside world besides GitHub: the network for arXiv and the LLM,
 * the clock, and the environment (for the LLM key). Tests pass their own; the server uses the real
 * ones. The key is read here and handed to the LLM client only: it is never logged or posted.
 */
import type { CuratorConfig } from '../config/index.js';
import { createArxivClient, type ArxivClient } from '../tasks/arxiv-client.js';
import { llmFromConfig, type Llm } from '../tasks/classify-papers.js';

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

const arxivClients = new WeakMap<BotServices, Map<string, ArxivClient>>();

/**
 * One arXiv client per process and API URL: its queue keeps arXiv's manners (one request at a
 * time, 3 s apart) across every event the App handles at once, not just within one.
 */
export function arxivFor(s: BotServices, config: CuratorConfig): ArxivClient {
  let byUrl = arxivClients.get(s);
  if (!byUrl) arxivClients.set(s, (byUrl = new Map()));
  let client = byUrl.get(config.arxiv.apiUrl);
  if (!client) {
    client = createArxivClient({
      fetch: s.fetch,
      baseUrl: config.arxiv.apiUrl,
      userAgent: USER_AGENT,
      ...(s.sleep ? { sleep: s.sleep } : {}),
    });
    byUrl.set(config.arxiv.apiUrl, client);
  }
  return client;
}

/** The LLM when `OPENAI_API_KEY` is set on the server, else undefined (offline classifier). */
export function llmFor(s: BotServices, config: CuratorConfig): Llm | undefined {
  return llmFromConfig(config, {
    apiKey: s.env['OPENAI_API_KEY'],
    baseURL: s.env['OPENAI_BASE_URL'],
    fetch: s.fetch,
  });
}
