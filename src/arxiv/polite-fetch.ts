/**
 * The one road to arXiv, built to the API Terms of Use ("make no more than one request every three
 * seconds, and limit requests to a single connection at a time") and the user manual §3.1.1.2
 * ("incorporate a 3 second delay"): requests queue behind each other, a gap of `minIntervalMs` is
 * kept after each one ends (a slow answer is no licence to hurry the next), and a request that hits
 * 429, 5xx, a time-out or a dropped connection is tried again with exponential backoff, or after
 * the `Retry-After` the server asked for. Time is injected (`now`, `sleep`) so tests never wait.
 */
import { CuratorError, ServiceUnavailableError } from '../errors.js';
import { parseAtomFeed } from './parse-atom.js';
import { parseRetryAfter } from './retry-after.js';

export interface PoliteFetchOptions {
  fetch: typeof fetch;
  userAgent: string;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  minIntervalMs: number;
  maxRetries: number;
  timeoutMs: number;
}

export interface PoliteFetch {
  /** GET `url` and return the body of its 2xx answer. */
  get(url: string): Promise<string>;
  /** HTTP requests sent so far, retries included. */
  requests(): number;
}

type Outcome = { ok: true; body: string } | { ok: false; why: string; retryAfterMs: number | null };

// Longer than this and waiting in-process is worse than telling the user to come back later.
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** The URL for a message: no credentials, no secret-looking parameters, not endless. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const key of [...u.searchParams.keys()]) {
      if (/key|token|secret|password|sig/i.test(key)) u.searchParams.set(key, '***');
    }
    const text = u.toString();
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return '(unparseable URL)';
  }
}

/** A 4xx is not worth retrying; arXiv usually explains it in an error feed (manual §3.4). */
function refused(status: number, body: string, url: string): CuratorError {
  try {
    parseAtomFeed(body);
  } catch (error) {
    if (error instanceof CuratorError && error.message.startsWith('arXiv rejected')) return error;
  }
  return new CuratorError(`arXiv answered HTTP ${status} to ${shown(url)}`, {
    hint: 'This is not a passing failure: check the query, ids and base URL',
  });
}

export function createPoliteFetch(o: PoliteFetchOptions): PoliteFetch {
  let sent = 0;
  let nextAt = -Infinity;
  let tail: Promise<unknown> = Promise.resolve();

  const attempt = async (url: string): Promise<Outcome> => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, o.timeoutMs);
    sent += 1;
    try {
      const response = await o.fetch(url, {
        headers: { 'User-Agent': o.userAgent, Accept: 'application/atom+xml' },
        signal: controller.signal,
      });
      // Read the body under the same timer: a stalled body hangs as surely as a stalled server.
      const body = await response.text();
      if (response.status === 429 || response.status >= 500) {
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), o.now());
        return { ok: false, why: `HTTP ${response.status}`, retryAfterMs };
      }
      if (!response.ok) throw refused(response.status, body, url);
      // Other arXiv clients report the throttle answering 200 with a bare "Rate exceeded." body.
      if (/^\s*rate exceeded/i.test(body)) {
        return { ok: false, why: 'arXiv said "Rate exceeded"', retryAfterMs: null };
      }
      return { ok: true, body };
    } catch (error) {
      if (error instanceof CuratorError) throw error;
      if (timedOut)
        return { ok: false, why: `no answer within ${o.timeoutMs} ms`, retryAfterMs: null };
      const why = error instanceof Error ? error.message : String(error);
      return { ok: false, why: `network error (${why})`, retryAfterMs: null };
    } finally {
      clearTimeout(timer);
    }
  };

  const run = async (url: string): Promise<string> => {
    for (let tries = 0; ; tries += 1) {
      const wait = nextAt - o.now();
      if (wait > 0) await o.sleep(wait);
      let outcome: Outcome;
      try {
        outcome = await attempt(url);
      } finally {
        nextAt = o.now() + o.minIntervalMs;
      }
      if (outcome.ok) return outcome.body;
      if (outcome.retryAfterMs !== null && outcome.retryAfterMs > MAX_RETRY_AFTER_MS) {
        throw new ServiceUnavailableError(
          'arXiv',
          `arXiv asked to wait ${Math.ceil(outcome.retryAfterMs / 60_000)} minutes (${outcome.why}, Retry-After) before asking ${shown(url)} again`,
          { hint: 'Run again later' },
        );
      }
      if (tries >= o.maxRetries) {
        throw new ServiceUnavailableError(
          'arXiv',
          `arXiv did not answer ${shown(url)} after ${tries + 1} attempts (last: ${outcome.why})`,
          { hint: 'arXiv may be busy or down (see https://status.arxiv.org); run again later' },
        );
      }
      const backoff = Math.max(o.minIntervalMs, 1000) * 2 ** tries;
      nextAt = Math.max(nextAt, o.now() + (outcome.retryAfterMs ?? backoff));
    }
  };

  return {
    get(url) {
      // One at a time, even when called concurrently: each request waits for the one before it.
      const result = tail.then(() => run(url));
      tail = result.catch(() => undefined);
      return result;
    },
    requests: () => sent,
  };
}
