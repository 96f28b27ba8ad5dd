import { describe, expect, it } from 'vitest';
import { CuratorError } from '../../src/errors.js';
import { createArxivClient, type ArxivClientOptions } from '../../src/arxiv/index.js';
import { fixture } from '../helpers/fixtures.js';
import { atom, atomFeed, fakeWorld, type Call, type World } from './world.js';

const UA = 'awesome-curator/0.1 (test)';

function client(world: World, extra: Partial<ArxivClientOptions> = {}) {
  return createArxivClient({
    fetch: world.fetch,
    userAgent: UA,
    now: world.now,
    sleep: world.sleep,
    ...extra,
  });
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

const param = (call: Call | undefined, name: string): string | null =>
  new URL(call!.url).searchParams.get(name);

describe('search', () => {
  it('builds the exact query URL the manual describes', async () => {
    const world = fakeWorld(() => atom(fixture('arxiv/search-page.xml')));
    const page = await client(world).search({
      terms: ['in-context learning', 'LLM'],
      categories: ['cs.CL', 'cs.LG'],
      excludeTerms: ['survey'],
      submittedFrom: new Date(Date.UTC(2024, 2, 1)),
      submittedTo: new Date(Date.UTC(2024, 2, 31, 23, 59)),
      start: 20,
      maxResults: 50,
      sortBy: 'submittedDate',
      sortOrder: 'descending',
    });
    expect(world.calls.map((c) => c.url)).toEqual([
      'https://export.arxiv.org/api/query?search_query=%28all%3A%22in-context+learning%22+OR+all%3ALLM%29' +
        '+AND+%28cat%3Acs.CL+OR+cat%3Acs.LG%29+AND+submittedDate%3A%5B202403010000+TO+202403312359%5D' +
        '+ANDNOT+all%3Asurvey&start=20&max_results=50&sortBy=submittedDate&sortOrder=descending',
    ]);
    expect(param(world.calls[0], 'search_query')).toBe(
      '(all:"in-context learning" OR all:LLM) AND (cat:cs.CL OR cat:cs.LG)' +
        ' AND submittedDate:[202403010000 TO 202403312359] ANDNOT all:survey',
    );
    expect(page.total).toBe(1234);
    expect(page.entries).toHaveLength(3);
  });

  it('defaults to start=0, max_results=10 and no sort parameters', async () => {
    const world = fakeWorld(() => atom(fixture('arxiv/zero-results.xml')));
    const page = await client(world).search({ terms: ['qwxzyv'] });
    expect(world.calls[0]!.url).toBe(
      'https://export.arxiv.org/api/query?search_query=all%3Aqwxzyv&start=0&max_results=10',
    );
    expect(page).toEqual({ total: 0, start: 0, perPage: 10, entries: [] });
  });

  it('names the tool in the User-Agent and asks for Atom', async () => {
    const world = fakeWorld(() => atom(fixture('arxiv/zero-results.xml')));
    await client(world).search({ terms: ['x'] });
    expect(world.calls[0]!.headers.get('user-agent')).toBe(UA);
    expect(world.calls[0]!.headers.get('accept')).toBe('application/atom+xml');
  });

  it('keeps the query of a custom base URL', async () => {
    const world = fakeWorld(() => atom(fixture('arxiv/zero-results.xml')));
    await client(world, { baseUrl: 'http://mirror.test/api/query?mirror=eu' }).search({
      terms: ['x'],
    });
    expect(world.calls[0]!.url).toBe(
      'http://mirror.test/api/query?mirror=eu&search_query=all%3Ax&start=0&max_results=10',
    );
  });

  it.each([
    [{ terms: ['x'], maxResults: 0 }, /maxResults must be a whole number from 1 to 2000/],
    [{ terms: ['x'], maxResults: 2001 }, /maxResults/],
    [{ terms: ['x'], start: -1 }, /start must be/],
    [{ terms: ['x'], start: 1.5 }, /start must be/],
    [{ terms: [] }, /no terms and no categories/],
  ])('refuses %j without sending a request', async (q, message) => {
    const world = fakeWorld(() => atom(fixture('arxiv/zero-results.xml')));
    const arxiv = client(world);
    const error = await rejection(arxiv.search(q));
    expect(error.message).toMatch(message);
    expect(arxiv.requests()).toBe(0);
  });

  it("surfaces arXiv's error feed as a CuratorError, without retrying", async () => {
    const world = fakeWorld(() => atom(fixture('arxiv/error-malformed-id.xml')));
    const arxiv = client(world);
    const error = await rejection(arxiv.search({ terms: ['x'] }));
    expect(error.message).toBe('arXiv rejected the query: incorrect id format for 1234.12345');
    expect(arxiv.requests()).toBe(1);
  });

  it('refuses an HTML page sent with status 200, without retrying', async () => {
    const world = fakeWorld(() => new Response(fixture('arxiv/html-error.html'), { status: 200 }));
    const arxiv = client(world);
    const error = await rejection(arxiv.search({ terms: ['x'] }));
    expect(error.message).toMatch(/not an Atom feed/);
    expect(arxiv.requests()).toBe(1);
  });

  it('refuses a bad base URL at once', () => {
    const world = fakeWorld(() => atom(''));
    expect(() => client(world, { baseUrl: 'export.arxiv.org' })).toThrow(/not a URL/);
  });
});

describe('lookup', () => {
  const ids = (n: number): string[] =>
    Array.from({ length: n }, (_, i) => `2403.${String(i + 1).padStart(5, '0')}`);

  /** Answers id_list requests in reverse order, leaving out `missing`, each with version 1. */
  const archive = (missing: Set<string> = new Set()) =>
    fakeWorld((call) => {
      const asked = (param(call, 'id_list') ?? '').split(',');
      const found = asked.filter((id) => !missing.has(id)).reverse();
      return atom(atomFeed(found.map((id) => (/v\d+$/.test(id) ? id : `${id}v1`))));
    });

  it('asks for 250 ids in 3 requests of at most 100, with max_results to match', async () => {
    const world = archive();
    const arxiv = client(world);
    const entries = await arxiv.lookup(ids(250));
    expect(arxiv.requests()).toBe(3);
    expect(world.calls.map((c) => param(c, 'id_list')!.split(',').length)).toEqual([100, 100, 50]);
    expect(world.calls.map((c) => param(c, 'max_results'))).toEqual(['100', '100', '50']);
    expect(world.calls.map((c) => param(c, 'start'))).toEqual(['0', '0', '0']);
    expect(param(world.calls[2], 'id_list')!.split(',')[0]).toBe('2403.00201');
    expect(entries.map((e) => e.id)).toEqual(ids(250));
  });

  it('returns entries in the order asked, leaves missing ids out, and dedupes', async () => {
    const world = archive(new Set(['2403.00002']));
    const entries = await client(world).lookup([
      '2403.00003',
      '2403.00002',
      'hep-th/9901001',
      ' 2403.00003 ',
      '2403.00001',
      '',
    ]);
    expect(param(world.calls[0], 'id_list')).toBe(
      '2403.00003,2403.00002,hep-th/9901001,2403.00001',
    );
    expect(entries.map((e) => e.id)).toEqual(['2403.00003', 'hep-th/9901001', '2403.00001']);
  });

  it('keeps versions as given and matches them to the versions returned', async () => {
    const world = archive();
    const entries = await client(world).lookup(['2403.00001v3', '2403.00002']);
    expect(param(world.calls[0], 'id_list')).toBe('2403.00001v3,2403.00002');
    expect(entries.map((e) => [e.id, e.version])).toEqual([
      ['2403.00001', 3],
      ['2403.00002', 1],
    ]);
  });

  it('gives the newest version for a bare id asked next to an older versioned one', async () => {
    const world = fakeWorld(() => atom(atomFeed(['2403.00001v4', '2403.00001v1'])));
    const entries = await client(world).lookup(['2403.00001v1', '2403.00001']);
    expect(entries.map((e) => e.version)).toEqual([1, 4]);
  });

  it('sends nothing for no ids', async () => {
    const world = archive();
    const arxiv = client(world);
    expect(await arxiv.lookup([])).toEqual([]);
    expect(arxiv.requests()).toBe(0);
  });

  it('refuses malformed ids before sending anything', async () => {
    const world = archive();
    const arxiv = client(world);
    const error = await rejection(arxiv.lookup(['2403.00001', 'arXiv:2403.1', 'nonsense']));
    expect(error.message).toBe('Not arXiv ids: arXiv:2403.1, nonsense');
    expect(arxiv.requests()).toBe(0);
  });
});

describe('manners', () => {
  it('serialises concurrent calls and spaces them 3 seconds apart', async () => {
    let inFlight = 0;
    let most = 0;
    const world = fakeWorld(async (call) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      const idList = param(call, 'id_list');
      return atom(idList ? atomFeed([`${idList}v1`]) : fixture('arxiv/zero-results.xml'));
    });
    const arxiv = client(world);
    const [a, b, c] = await Promise.all([
      arxiv.search({ terms: ['a'] }),
      arxiv.lookup(['2403.00001']),
      arxiv.search({ terms: ['c'] }),
    ]);
    expect(most).toBe(1);
    expect(world.calls.map((x) => param(x, 'search_query') ?? param(x, 'id_list'))).toEqual([
      'all:a',
      '2403.00001',
      'all:c',
    ]);
    expect(world.calls.map((x) => x.at - world.calls[0]!.at)).toEqual([0, 3000, 6000]);
    expect(world.sleeps).toEqual([3000, 3000]);
    expect([a.total, b.length, c.total]).toEqual([0, 1, 0]);
  });

  it('waits only for what is left of the gap, and not at all once it has passed', async () => {
    const world = fakeWorld(() => atom(fixture('arxiv/zero-results.xml')));
    const arxiv = client(world);
    await arxiv.search({ terms: ['a'] });
    world.advance(1000);
    await arxiv.search({ terms: ['b'] });
    world.advance(5000);
    await arxiv.search({ terms: ['c'] });
    expect(world.sleeps).toEqual([2000]);
  });

  it('honours a custom minIntervalMs', async () => {
    const world = fakeWorld(() => atom(fixture('arxiv/zero-results.xml')));
    const arxiv = client(world, { minIntervalMs: 10_000 });
    await arxiv.search({ terms: ['a'] });
    await arxiv.search({ terms: ['b'] });
    expect(world.sleeps).toEqual([10_000]);
  });

  it('keeps serving after a failed request', async () => {
    const world = fakeWorld((_call, n) =>
      n === 1 ? atom('nope', 404) : atom(fixture('arxiv/zero-results.xml')),
    );
    const arxiv = client(world);
    const results = await Promise.allSettled([
      arxiv.search({ terms: ['a'] }),
      arxiv.search({ terms: ['b'] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(world.sleeps).toEqual([3000]);
  });
});

describe('retries', () => {
  it('retries 5xx with exponential backoff, then succeeds', async () => {
    const world = fakeWorld((_call, n) =>
      n < 3 ? atom('busy', 503) : atom(fixture('arxiv/search-page.xml')),
    );
    const arxiv = client(world);
    const page = await arxiv.search({ terms: ['x'] });
    expect(page.entries).toHaveLength(3);
    expect(arxiv.requests()).toBe(3);
    expect(world.sleeps).toEqual([3000, 6000]);
  });

  it('honours Retry-After in seconds on 429', async () => {
    const world = fakeWorld((_call, n) =>
      n === 1
        ? atom('slow down', 429, { 'retry-after': '17' })
        : atom(fixture('arxiv/zero-results.xml')),
    );
    const arxiv = client(world);
    await arxiv.search({ terms: ['x'] });
    expect(arxiv.requests()).toBe(2);
    expect(world.sleeps).toEqual([17_000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const world = fakeWorld((call, n) =>
      n === 1
        ? atom('slow down', 503, { 'retry-after': new Date(call.at + 42_000).toUTCString() })
        : atom(fixture('arxiv/zero-results.xml')),
    );
    await client(world).search({ terms: ['x'] });
    expect(world.sleeps).toEqual([42_000]);
  });

  it('never lets a short Retry-After break the 3-second gap', async () => {
    const world = fakeWorld((_call, n) =>
      n === 1
        ? atom('slow down', 429, { 'retry-after': '1' })
        : atom(fixture('arxiv/zero-results.xml')),
    );
    await client(world).search({ terms: ['x'] });
    expect(world.sleeps).toEqual([3000]);
  });

  it('gives up at once when Retry-After asks for longer than it is sensible to wait', async () => {
    const world = fakeWorld(() => atom('come back later', 429, { 'retry-after': '3600' }));
    const arxiv = client(world);
    const error = await rejection(arxiv.search({ terms: ['x'] }));
    expect(error.message).toMatch(/asked to wait 60 minutes \(HTTP 429, Retry-After\)/);
    expect(arxiv.requests()).toBe(1);
    expect(world.sleeps).toEqual([]);
  });

  it('treats a "Rate exceeded." body as throttling', async () => {
    const world = fakeWorld((_call, n) =>
      n === 1 ? atom('Rate exceeded.') : atom(fixture('arxiv/zero-results.xml')),
    );
    const arxiv = client(world);
    await arxiv.search({ terms: ['x'] });
    expect(arxiv.requests()).toBe(2);
  });

  it('retries a dropped connection', async () => {
    const world = fakeWorld((_call, n) => {
      if (n === 1) throw new TypeError('fetch failed');
      return atom(fixture('arxiv/zero-results.xml'));
    });
    const arxiv = client(world);
    await arxiv.search({ terms: ['x'] });
    expect(arxiv.requests()).toBe(2);
  });

  it('after maxRetries, says what failed and what to do', async () => {
    const world = fakeWorld(() => atom('oops', 500));
    const arxiv = client(world, { maxRetries: 3 });
    const error = await rejection(arxiv.search({ terms: ['x'] }));
    expect(arxiv.requests()).toBe(4);
    expect(world.sleeps).toEqual([3000, 6000, 12_000]);
    expect(error.message).toBe(
      'arXiv did not answer https://export.arxiv.org/api/query?search_query=all%3Ax&start=0&max_results=10' +
        ' after 4 attempts (last: HTTP 500)',
    );
    expect(error.hint).toMatch(/run again later/);
  });

  it('keeps credentials and secret-looking parameters out of the message', async () => {
    const world = fakeWorld(() => atom('oops', 502));
    const error = await rejection(
      client(world, {
        baseUrl: 'https://me:hunter2@mirror.test/api/query?api_key=s3cret',
        maxRetries: 0,
      }).search({ terms: ['x'] }),
    );
    expect(world.calls[0]!.url).toContain('api_key=s3cret');
    expect(error.message).toContain('https://mirror.test/api/query?api_key=***&search_query=');
    expect(error.message).not.toMatch(/hunter2|s3cret|me:/);
  });

  it('does not retry other 4xx answers, and passes on the error feed arXiv sends with them', async () => {
    const world = fakeWorld(() => atom(fixture('arxiv/error-malformed-id.xml'), 400));
    const arxiv = client(world);
    const error = await rejection(arxiv.search({ terms: ['x'] }));
    expect(error.message).toBe('arXiv rejected the query: incorrect id format for 1234.12345');
    expect(arxiv.requests()).toBe(1);

    const plain = fakeWorld(() => atom('<html>Not Found</html>', 404));
    const notFound = await rejection(client(plain).search({ terms: ['x'] }));
    expect(notFound.message).toMatch(/^arXiv answered HTTP 404 to https:\/\/export\.arxiv\.org/);
  });

  it('aborts a request that takes longer than timeoutMs, retries, then explains', async () => {
    // A server that never answers; it only honours the abort signal, as real fetch does.
    const world = fakeWorld(
      (call) =>
        new Promise<Response>((_resolve, reject) => {
          call.signal?.addEventListener('abort', () => reject(call.signal?.reason));
        }),
    );
    const arxiv = client(world, { timeoutMs: 5, maxRetries: 2 });
    const error = await rejection(arxiv.search({ terms: ['x'] }));
    expect(arxiv.requests()).toBe(3);
    expect(world.calls.every((c) => c.signal?.aborted)).toBe(true);
    expect(world.sleeps).toEqual([3000, 6000]);
    expect(error.message).toMatch(/after 3 attempts \(last: no answer within 5 ms\)$/);
  });

  it('also times out a body that stalls after the headers', async () => {
    let n = 0;
    const world = fakeWorld((call) => {
      n += 1;
      if (n > 1) return atom(fixture('arxiv/zero-results.xml'));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('<?xml version="1.0"?><feed'));
          call.signal?.addEventListener('abort', () => controller.error(call.signal?.reason));
        },
      });
      return new Response(body, { status: 200 });
    });
    const arxiv = client(world, { timeoutMs: 5 });
    const page = await arxiv.search({ terms: ['x'] });
    expect(page.total).toBe(0);
    expect(arxiv.requests()).toBe(2);
  });
});
