/**
 * The arXiv API client: `search` pages through a query, `lookup` fetches papers by id. Every request
 * goes through one polite queue (see polite-fetch.ts); the outside world (fetch, clock, sleep) is
 * passed in, so callers choose the network and tests choose the time.
 */
import { CuratorError } from '../errors.js';
import { buildSearchQuery, type ArxivSearch } from './build-query.js';
import { parseAtomFeed, type ArxivEntry, type FeedPage } from './parse-atom.js';
import { createPoliteFetch } from './polite-fetch.js';
import { splitArxivId } from './split-id.js';

export interface ArxivClientOptions {
  fetch: typeof fetch;
  /** Sent as User-Agent, so arXiv can tell who is calling (e.g. `awesome-curator/0.1 (+URL)`). */
  userAgent: string;
  baseUrl?: string | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  now?: (() => number) | undefined;
  minIntervalMs?: number | undefined;
  maxRetries?: number | undefined;
  timeoutMs?: number | undefined;
}

export interface ArxivClient {
  search(q: ArxivSearch): Promise<FeedPage>;
  /** Entries in the order asked; ids arXiv does not know are simply absent. */
  lookup(ids: string[]): Promise<ArxivEntry[]>;
  /** HTTP requests sent so far, retries included. */
  requests(): number;
}

// The manual (§3.1.1) shows http://export.arxiv.org/api/query; arXiv serves the same over https.
const BASE_URL = 'https://export.arxiv.org/api/query';
// id_list goes in the URL; 100 ids keep it near 1.5 kB, well inside what servers accept.
const IDS_PER_REQUEST = 100;
// Manual §3.1.1.2: results come "in slices of at most 2000 at a time".
const MAX_SLICE = 2000;

function checkCount(value: number, name: string, min: number, max: number): string {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CuratorError(
      `arXiv ${name} must be a whole number from ${min} to ${max}, not ${value}`,
    );
  }
  return String(value);
}

export function createArxivClient(options: ArxivClientOptions): ArxivClient {
  const baseUrl = options.baseUrl ?? BASE_URL;
  if (!URL.canParse(baseUrl)) {
    throw new CuratorError(`The arXiv API base URL is not a URL: ${baseUrl}`, {
      hint: `Leave it unset to use ${BASE_URL}`,
    });
  }
  // fetch cannot read files, and retrying one would blame arXiv for a path (see replay.ts).
  if (new URL(baseUrl).protocol === 'file:') {
    throw new CuratorError(`The arXiv API base URL is a file: ${baseUrl}`, {
      hint: 'Only the curator CLI replays a saved feed (--arxiv-url file:PATH); give an http(s) URL here',
    });
  }
  const now = options.now ?? (() => Date.now());
  const http = createPoliteFetch({
    fetch: options.fetch,
    userAgent: options.userAgent,
    now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    minIntervalMs: options.minIntervalMs ?? 3000,
    maxRetries: options.maxRetries ?? 3,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  const get = async (params: URLSearchParams): Promise<FeedPage> => {
    const url = new URL(baseUrl);
    for (const [key, value] of params) url.searchParams.set(key, value);
    return parseAtomFeed(await http.get(url.toString()));
  };
  return clientOver(get, now, () => http.requests());
}

/**
 * The client's methods over one way of answering a query (`get`: the API's parameters in, one
 * feed page out): arXiv over HTTP here, a saved feed in replay.ts.
 */
export function clientOver(
  get: (params: URLSearchParams) => Promise<FeedPage>,
  now: () => number,
  requests: () => number,
): ArxivClient {
  return {
    async search(q) {
      // Validate before queueing, so a mistake costs no request and no 3-second wait.
      const params = new URLSearchParams({
        search_query: buildSearchQuery(q, now()),
        start: checkCount(q.start ?? 0, 'start', 0, 30_000),
        max_results: checkCount(q.maxResults ?? 10, 'maxResults', 1, MAX_SLICE),
      });
      if (q.sortBy) params.set('sortBy', q.sortBy);
      if (q.sortOrder) params.set('sortOrder', q.sortOrder);
      return get(params);
    },

    async lookup(ids) {
      const asked = [...new Set(ids.map((id) => id.trim()).filter(Boolean))];
      // One malformed id makes arXiv reject the whole batch (manual §3.4), so refuse it up front.
      const bad = asked.filter((id) => !splitArxivId(id));
      if (bad.length) {
        throw new CuratorError(`Not arXiv ids: ${bad.slice(0, 5).join(', ')}`, {
          hint: 'Write ids as 2403.12968, 2403.12968v2 or hep-th/9901001',
        });
      }
      const found = new Map<string, ArxivEntry>();
      for (let i = 0; i < asked.length; i += IDS_PER_REQUEST) {
        const batch = asked.slice(i, i + IDS_PER_REQUEST);
        // max_results defaults to 10 (manual §3.1.1), which would silently cut a batch short.
        const params = new URLSearchParams({
          id_list: batch.join(','),
          start: '0',
          max_results: String(batch.length),
        });
        for (const entry of (await get(params)).entries) {
          if (entry.version !== null) found.set(`${entry.id}v${entry.version}`, entry);
          // A bare id means the latest version (manual §5.1.1); keep the newest seen.
          const seen = found.get(entry.id);
          if (!seen || (seen.version ?? 0) < (entry.version ?? 0)) found.set(entry.id, entry);
        }
      }
      return asked.map((id) => found.get(id)).filter((e): e is ArxivEntry => e !== undefined);
    },

    requests,
  };
}
