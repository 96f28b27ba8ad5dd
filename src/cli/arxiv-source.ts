import type { CuratorConfig } from '../config/index.js';
import { createArxivClient, type ArxivClient } from '../tasks/arxiv-client.js';
import { createReplayClient, isReplayUrl } from '../tasks/arxiv-replay.js';
import type { CliIo } from './io.js';

/**
 * Where a command's arXiv answers come from: a saved Atom feed when `--arxiv-url` (else
 * `arxiv.apiUrl`) is a `file:` URL, read from disk even with `--offline`; else arXiv over the
 * network, or null with `--offline` (the command says what it cannot do without it).
 */
export function arxivSource(
  io: Pick<CliIo, 'fetch' | 'sleep' | 'cwd' | 'readFile' | 'now'>,
  config: CuratorConfig,
  flag: string | undefined,
  offline: boolean,
): ArxivClient | null {
  const url = flag ?? config.arxiv.apiUrl;
  if (isReplayUrl(url))
    return createReplayClient({
      url,
      cwd: io.cwd,
      readFile: io.readFile,
      now: () => io.now().getTime(),
    });
  return offline ? null : arxivClientFor(io, config, flag);
}

const USER_AGENT =
  'awesome-curator/0.1 (paper-list maintenance; https://github.com/awesome-curator)';

/** The arXiv client of a CLI run: `--arxiv-url` when given, else the config's endpoint. */
export function arxivClientFor(
  io: Pick<CliIo, 'fetch' | 'sleep'>,
  config: CuratorConfig,
  flag: string | undefined,
): ArxivClient {
  return createArxivClient({
    fetch: io.fetch,
    baseUrl: flag ?? config.arxiv.apiUrl,
    userAgent: USER_AGENT,
    ...(io.sleep ? { sleep: io.sleep } : {}),
  });
}
