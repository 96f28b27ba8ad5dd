import { readFileSync } from 'node:fs';
import { createArxivClient, parseAtomFeed, type ArxivEntry } from '../../src/arxiv/index.js';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { atomFeed } from './arxiv-feed.js';

export const SCAN_FEED = readFileSync(
  new URL('../fixtures/arxiv/scan-feed.xml', import.meta.url),
  'utf8',
);
export const SCAN_EXPECTED = JSON.parse(
  readFileSync(new URL('../fixtures/arxiv/scan-expected.json', import.meta.url), 'utf8'),
) as {
  onTopic: Record<string, string[]>;
  offTopic: string[];
  alreadyListed: string[];
  rejected: string[];
  withCode: Record<string, string>;
  withVenue: Record<string, string>;
  venueUpdates: Record<string, string>;
};

/** The defaults, with the recorded feed's rejected ids ignored and room for all its papers. */
export function scanConfig(): CuratorConfig {
  return {
    ...structuredClone(DEFAULT_CONFIG),
    arxiv: {
      ...structuredClone(DEFAULT_CONFIG).arxiv,
      ignore: SCAN_EXPECTED.rejected,
      maxPapers: 50,
    },
  } as CuratorConfig;
}

const entries: ArxivEntry[] = parseAtomFeed(SCAN_FEED).entries;

/**
 * A fake `fetch` for the arXiv API: searches get the recorded feed, id look-ups the entries asked
 * for (as arXiv answers `id_list`). It records every URL it was asked for.
 */
export function fakeArxiv() {
  const urls: URL[] = [];
  const fakeFetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    urls.push(url);
    const ids = url.searchParams.get('id_list');
    const body = ids
      ? atomFeed(
          ids
            .split(',')
            .map((id) => entries.find((e) => e.id === id.replace(/v\d+$/, '')))
            .filter((e): e is ArxivEntry => e !== undefined)
            .map((e) => ({
              id: e.id,
              version: e.version ?? 1,
              title: e.title,
              summary: e.abstract,
              ...(e.comment ? { comment: e.comment } : {}),
              ...(e.journalRef ? { journalRef: e.journalRef } : {}),
            })),
        )
      : url.searchParams.has('start') &&
          url.searchParams.get('max_results') !== null &&
          Number(url.searchParams.get('max_results')) < entries.length
        ? page(Number(url.searchParams.get('start')), Number(url.searchParams.get('max_results')))
        : SCAN_FEED;
    return new Response(body, { status: 200, headers: { 'content-type': 'application/atom+xml' } });
  }) as typeof globalThis.fetch;
  return {
    fetch: fakeFetch,
    urls,
    searches: () => urls.filter((u) => u.searchParams.has('search_query')).length,
    lookups: () => urls.filter((u) => u.searchParams.has('id_list')).length,
  };
}

/** One page of the recorded feed, as arXiv pages a search (`start`, `max_results`). */
function page(start: number, max: number): string {
  const slice = entries.slice(start, start + max);
  const xml = atomFeed(
    slice.map((e) => ({
      id: e.id,
      version: e.version ?? 1,
      title: e.title,
      summary: e.abstract,
      ...(e.comment ? { comment: e.comment } : {}),
      ...(e.journalRef ? { journalRef: e.journalRef } : {}),
    })),
    `search_query=…&start=${start}&max_results=${max}`,
  );
  // The total is the whole result set, not this page.
  return xml
    .replace(
      /<opensearch:totalResults([^>]*)>\d+</,
      `<opensearch:totalResults$1>${entries.length}<`,
    )
    .replace(/<opensearch:startIndex([^>]*)>\d+</, `<opensearch:startIndex$1>${start}<`);
}

/**
 * An arXiv client over `fakeArxiv()` whose clock moves only by its own sleeps (the politeness
 * gap), recorded in `sleeps`: no test waits for real time.
 */
export function fakeArxivClient() {
  const arxiv = fakeArxiv();
  const sleeps: number[] = [];
  const client = createArxivClient({
    fetch: arxiv.fetch,
    userAgent: 'test',
    sleep: async (ms) => void sleeps.push(ms),
    now: () => 1_758_000_000_000 + sleeps.reduce((a, b) => a + b, 0),
  });
  return { arxiv, client, sleeps };
}
