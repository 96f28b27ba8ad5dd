/**
 * Replaying a saved arXiv answer: `--arxiv-url file:feed.xml` (or `file:///abs/feed.xml`) reads an
 * Atom feed as the arXiv API sends it, and answers every query from it without a request, a
 * retry or a wait. Searches page through the feed's entries (the query itself is not applied:
 * the file is what arXiv answered); id look-ups find the entries with those ids. A file that is
 * missing, unreadable or not a feed is the user's to fix (a CuratorError naming it, exit 2), never
 * "arXiv did not answer".
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CuratorError, readFailure } from '../errors.js';
import { clientOver, type ArxivClient } from './client.js';
import { parseAtomFeed, type FeedPage } from './parse-atom.js';

/** Whether an arXiv URL names a saved feed (`file:PATH`, `file:///PATH`) rather than a server. */
export { isReplayUrl } from './replay-url.js';

/**
 * The absolute path a `file:` URL names. `file:PATH` is a path as written (relative to `cwd`, no
 * %-decoding); `file://…` is a file URL (`file:///tmp/feed.xml`, `file://localhost/tmp/feed.xml`).
 */
export function replayPath(url: string, cwd: string): string {
  const text = url.trim();
  if (/^file:\/\//i.test(text)) {
    try {
      return fileURLToPath(text);
    } catch (cause) {
      throw new CuratorError(
        `${text}: not a file URL this system can read (${(cause as Error).message})`,
        {
          hint: 'Write file:PATH (relative to this folder) or file:///absolute/path/feed.xml',
          cause,
        },
      );
    }
  }
  const path = text.slice('file:'.length);
  if (!path)
    throw new CuratorError(`${text}: no file named`, {
      hint: 'Write file:PATH, the path of a saved arXiv Atom feed',
    });
  return isAbsolute(path) ? path : resolve(cwd, path);
}

export interface ReplayOptions {
  /** The `file:` URL as the user gave it (it names the file in every message). */
  url: string;
  /** The folder a relative `file:PATH` is read from. */
  cwd: string;
  readFile: (path: string) => Promise<Uint8Array>;
  /** For search queries' date words; the feed is not filtered by it. */
  now?: () => number;
}

/** An arXiv client that answers from a saved Atom feed: no network, no retries. */
export function createReplayClient(options: ReplayOptions): ArxivClient {
  const path = replayPath(options.url, options.cwd);
  const shown = options.url.trim();
  let feed: Promise<FeedPage> | undefined;
  const load = async (): Promise<FeedPage> => {
    let bytes: Uint8Array;
    try {
      bytes = await options.readFile(path);
    } catch (cause) {
      const why = readFailure(cause);
      throw new CuratorError(`${shown}: the saved arXiv feed ${path}: ${why}`, {
        hint: 'Give the path of an Atom feed saved from the arXiv API, e.g. curl "https://export.arxiv.org/api/query?id_list=2403.12968" > feed.xml',
        cause,
      });
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (cause) {
      throw new CuratorError(`${shown}: ${path} is not UTF-8 text, so not an arXiv Atom feed`, {
        hint: 'Give the file the arXiv API answered, as it was saved',
        cause,
      });
    }
    try {
      return parseAtomFeed(text);
    } catch (cause) {
      if (!(cause instanceof CuratorError)) throw cause;
      const what = cause.message.replace(
        /^arXiv sent something that is not an Atom feed/,
        'not an arXiv Atom feed',
      );
      throw new CuratorError(`${shown}: ${path}: ${what}`, {
        hint: 'Give the file the arXiv API answered, as it was saved',
        cause,
      });
    }
  };
  const get = async (params: URLSearchParams): Promise<FeedPage> => {
    feed ??= load();
    const all = await feed;
    // Look-ups get every entry; the client keeps the ids it asked for.
    if (params.has('id_list')) return { ...all, start: 0, total: all.entries.length };
    const start = Number(params.get('start') ?? 0);
    const max = Number(params.get('max_results') ?? 10);
    const entries = all.entries.slice(start, start + max);
    return { total: all.entries.length, start, perPage: entries.length, entries };
  };
  return clientOver(get, options.now ?? (() => Date.now()), () => 0);
}
