/**
 * A fake outside world for the arXiv client: a clock that only moves when slept on, a fetch that
 * answers from a function and records every call, and a builder for small Atom feeds.
 */

export interface Call {
  url: string;
  /** Fake-clock time when the request was sent. */
  at: number;
  headers: Headers;
  signal: AbortSignal | null;
}

export interface World {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Advance the clock without sleeping (time passing between a caller's own calls). */
  advance: (ms: number) => void;
  sleeps: number[];
  calls: Call[];
  fetch: typeof fetch;
}

export const T0 = Date.UTC(2024, 2, 25, 12, 0, 0);

export function fakeWorld(answer: (call: Call, n: number) => Response | Promise<Response>): World {
  let t = T0;
  const sleeps: number[] = [];
  const calls: Call[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const call: Call = {
      url: String(input),
      at: t,
      headers: new Headers(init?.headers),
      signal: init?.signal ?? null,
    };
    calls.push(call);
    return answer(call, calls.length);
  };
  return {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms) => {
      t += ms;
    },
    sleeps,
    calls,
    fetch,
  };
}

export const atom = (body: string, status = 200, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers: { 'content-type': 'application/atom+xml', ...headers } });

/** A feed in the manual's shape with one minimal entry per id (`2403.00001v1`, `hep-th/…`). */
export function atomFeed(ids: string[], total = ids.length): string {
  const entries = ids.map(
    (id) => `
  <entry xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
    <id xmlns="http://www.w3.org/2005/Atom">http://arxiv.org/abs/${id}</id>
    <published xmlns="http://www.w3.org/2005/Atom">2024-03-01T00:00:00Z</published>
    <updated xmlns="http://www.w3.org/2005/Atom">2024-03-01T00:00:00Z</updated>
    <title xmlns="http://www.w3.org/2005/Atom">Paper ${id}</title>
    <summary xmlns="http://www.w3.org/2005/Atom">About ${id}.</summary>
    <author xmlns="http://www.w3.org/2005/Atom"><name xmlns="http://www.w3.org/2005/Atom">A. Author</name></author>
    <link xmlns="http://www.w3.org/2005/Atom" href="http://arxiv.org/abs/${id}" rel="alternate" type="text/html"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title xmlns="http://www.w3.org/2005/Atom">ArXiv Query</title>
  <id xmlns="http://www.w3.org/2005/Atom">http://arxiv.org/api/fake</id>
  <updated xmlns="http://www.w3.org/2005/Atom">2024-03-25T00:00:00-04:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${total}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${ids.length}</opensearch:itemsPerPage>${entries.join('')}
</feed>
`;
}
