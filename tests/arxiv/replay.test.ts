/**
 * Replaying a saved Atom feed (`file:` URLs), and what "arXiv did not answer" is made of: a
 * ServiceUnavailableError (exit 4), while a file problem stays a plain CuratorError (exit 2).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  createArxivClient,
  createReplayClient,
  isReplayUrl,
  replayPath,
} from '../../src/arxiv/index.js';
import { CuratorError, EXIT, ServiceUnavailableError } from '../../src/errors.js';
import { atom, atomFeed, fakeWorld } from './world.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/arxiv/', import.meta.url));

/** A replay client over files held in memory; it records what it read. */
function replay(files: Record<string, string>, url = 'file:feed.xml') {
  const reads: string[] = [];
  const client = createReplayClient({
    url,
    cwd: '/work/list',
    readFile: async (path) => {
      reads.push(path);
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return new TextEncoder().encode(text);
    },
  });
  return { client, reads };
}

async function rejection(promise: Promise<unknown>): Promise<CuratorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CuratorError) return error;
    throw error;
  }
  throw new Error('expected a CuratorError');
}

describe('file: URLs', () => {
  it('recognises file:PATH and file:// URLs, whatever the case, and nothing else', () => {
    expect(isReplayUrl('file:feed.xml')).toBe(true);
    expect(isReplayUrl('FILE:///tmp/feed.xml')).toBe(true);
    expect(isReplayUrl(' file:feed.xml')).toBe(true);
    expect(isReplayUrl('https://export.arxiv.org/api/query')).toBe(false);
    expect(isReplayUrl('feed.xml')).toBe(false);
  });

  it('file:PATH is relative to the folder (or absolute); file:// is a file URL', () => {
    expect(replayPath('file:feed.xml', '/work/list')).toBe('/work/list/feed.xml');
    expect(replayPath('file:../saved/feed.xml', '/work/list')).toBe('/work/saved/feed.xml');
    expect(replayPath('file:/tmp/feed.xml', '/work/list')).toBe('/tmp/feed.xml');
    expect(replayPath('file:///tmp/a%20b.xml', '/work/list')).toBe('/tmp/a b.xml');
    expect(replayPath('file://localhost/tmp/feed.xml', '/work/list')).toBe('/tmp/feed.xml');
    expect(() => replayPath('file://host/feed.xml', '/w')).toThrow(CuratorError);
    expect(() => replayPath('file:', '/w')).toThrow(/no file named/);
  });

  it('createArxivClient refuses a file: URL at once, without a request (only the CLI replays)', () => {
    const world = fakeWorld(() => atom(atomFeed([])));
    expect(() =>
      createArxivClient({ fetch: world.fetch, userAgent: 'test', baseUrl: 'file:///tmp/feed.xml' }),
    ).toThrow(/The arXiv API base URL is a file: file:\/\/\/tmp\/feed\.xml/);
    expect(world.calls).toEqual([]);
  });
});

describe('createReplayClient', () => {
  const feed = atomFeed(['2403.12968v2', '2310.06839v1', '2404.14469v3'], 5000);

  it('search pages through the saved entries; the total is what the file holds', async () => {
    const { client, reads } = replay({ '/work/list/feed.xml': feed });
    const first = await client.search({ terms: ['x'], start: 0, maxResults: 2 });
    expect(first.total).toBe(3);
    expect(first.entries.map((e) => e.id)).toEqual(['2403.12968', '2310.06839']);
    const second = await client.search({ terms: ['x'], start: 2, maxResults: 2 });
    expect(second.entries.map((e) => e.id)).toEqual(['2404.14469']);
    expect((await client.search({ terms: ['x'], start: 4, maxResults: 2 })).entries).toEqual([]);
    // Read once, asked nothing over the network.
    expect(reads).toEqual(['/work/list/feed.xml']);
    expect(client.requests()).toBe(0);
  });

  it('lookup finds the ids asked for, by bare id or by version, in the order asked', async () => {
    const { client } = replay({ '/work/list/feed.xml': feed });
    const found = await client.lookup(['2404.14469', '2403.12968v2', '2403.12968v1', '9999.99999']);
    expect(found.map((e) => [e.id, e.version])).toEqual([
      ['2404.14469', 3],
      ['2403.12968', 2],
    ]);
  });

  it('still refuses a malformed id or query before reading anything', async () => {
    const { client, reads } = replay({ '/work/list/feed.xml': feed });
    await expect(client.lookup(['not-an-id'])).rejects.toThrow(/Not arXiv ids: not-an-id/);
    await expect(client.search({ terms: ['x'], maxResults: 0 })).rejects.toThrow(/maxResults/);
    expect(reads).toEqual([]);
  });

  it('reads the recorded fixtures as they are', async () => {
    const client = createReplayClient({
      url: 'file:single-entry.xml',
      cwd: FIXTURES,
      readFile: async (p) => new Uint8Array(await readFile(p)),
    });
    const page = await client.search({ terms: ['electron'] });
    expect(page.entries.map((e) => e.id)).toEqual(['hep-ex/0307015']);
    expect(page.total).toBe(1);
  });

  it('a missing file, a non-feed, non-UTF-8 bytes or an error feed is a CuratorError naming the file, not a service failure', async () => {
    const cases: [Record<string, string | Uint8Array>, RegExp][] = [
      [{}, /^file:feed\.xml: the saved arXiv feed \/work\/list\/feed\.xml: no such file$/],
      [
        { '/work/list/feed.xml': '<html><head><title>Proxy error</title></head></html>' },
        /^file:feed\.xml: \/work\/list\/feed\.xml: not an arXiv Atom feed \(its root element is <html>\): "Proxy error"$/,
      ],
      [
        { '/work/list/feed.xml': new Uint8Array([0x3c, 0xff, 0xfe]) },
        /^file:feed\.xml: \/work\/list\/feed\.xml is not UTF-8 text/,
      ],
    ];
    for (const [files, message] of cases) {
      const client = createReplayClient({
        url: 'file:feed.xml',
        cwd: '/work/list',
        readFile: async (path) => {
          const body = files[path];
          if (body === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
          return typeof body === 'string' ? new TextEncoder().encode(body) : body;
        },
      });
      const error = await rejection(client.search({ terms: ['x'] }));
      expect(error.message).toMatch(message);
      expect(error).not.toBeInstanceOf(ServiceUnavailableError);
      expect(error.message).not.toContain('did not answer');
    }
  });
});

describe('ServiceUnavailableError', () => {
  it('is what arXiv not answering after the retries throws, and names arXiv', async () => {
    const world = fakeWorld(() => {
      throw new TypeError('fetch failed');
    });
    const client = createArxivClient({
      fetch: world.fetch,
      userAgent: 'test',
      now: world.now,
      sleep: world.sleep,
      maxRetries: 2,
    });
    const error = await rejection(client.lookup(['2403.12968']));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).service).toBe('arXiv');
    expect(error.message).toMatch(
      /^arXiv did not answer .* after 3 attempts \(last: network error \(fetch failed\)\)$/,
    );
  });

  it('so is a Retry-After longer than the client will wait; a 4xx refusal is not', async () => {
    const far = fakeWorld(() => atom('slow down', 503, { 'retry-after': '3600' }));
    const opts = { userAgent: 'test', now: far.now, sleep: far.sleep };
    const long = await rejection(
      createArxivClient({ ...opts, fetch: far.fetch }).search({ terms: ['x'] }),
    );
    expect(long).toBeInstanceOf(ServiceUnavailableError);
    expect(long.message).toMatch(/^arXiv asked to wait 60 minutes/);
    const refused = fakeWorld(() => atom('bad', 400));
    const bad = await rejection(
      createArxivClient({ ...opts, fetch: refused.fetch }).search({ terms: ['x'] }),
    );
    expect(bad).not.toBeInstanceOf(ServiceUnavailableError);
    expect(bad.message).toMatch(/^arXiv answered HTTP 400/);
  });

  it('is a CuratorError (one line for the user) with its own exit code', () => {
    const error = new ServiceUnavailableError('the LLM server', 'the LLM server did not answer', {
      hint: 'Run again later',
    });
    expect(error).toBeInstanceOf(CuratorError);
    expect(error.service).toBe('the LLM server');
    expect(EXIT).toEqual({ ok: 0, findings: 1, usage: 2, internal: 3, unavailable: 4 });
  });
});
