/**
 * Issue 18, "Offline means offline": `--offline` makes no network request in any command,
 * `--arxiv-url file:PATH` replays a saved Atom feed, and a service that does not answer exits 4,
 * apart from usage problems (2).
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atomFeed } from '../helpers/arxiv-feed.js';
import { workspace } from '../helpers/cli.js';
import { fakeArxiv, SCAN_EXPECTED, SCAN_FEED } from '../helpers/fake-arxiv.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

/** A fetch that must never be called: it counts calls and fails the test through `calls`. */
function forbiddenFetch() {
  const calls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    calls.push(String(input instanceof Request ? input.url : input));
    throw new Error('the network was used');
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/** A network that is down: every request fails as fetch fails without a connection. */
function downFetch() {
  const calls: string[] = [];
  const fetch = (async (input: string | URL | Request) => {
    calls.push(String(input instanceof Request ? input.url : input));
    throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND') });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const SNAPKV = {
  id: '2404.14469',
  version: 2,
  title: 'SnapKV: LLM Knows What You are Looking for Before Generation',
  summary:
    'Selects which key-value pairs to keep in the KV cache per attention head, using an observation window at the end of the prompt, which cuts GPU memory during generation.',
};
const FEED = atomFeed([SNAPKV]);
const scanConfig = `arxiv:\n  ignore: [${SCAN_EXPECTED.rejected.map((id) => `'${id}'`).join(', ')}]\n  maxPapers: 3\n`;
const WINDOW = ['--since', '2025-09-01', '--until', '2025-09-20'];

describe('curator classify IDS --offline', () => {
  it('says at once that looking ids up needs the network: one line, exit 2, no request', async () => {
    const net = forbiddenFetch();
    const ws = workspace(
      { 'README.md': SEED_EN() },
      { OPENAI_API_KEY: 'sk-test-not-real' },
      { fetch: net.fetch },
    );
    const r = await ws.run('classify', '2403.12968', '--offline');
    expect(net.calls).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'curator classify: looking up arXiv ids needs the network, and --offline makes no request. Give the papers with --input FILE.jsonl (one {"id","title","abstract"} per line), replay a saved arXiv feed with --arxiv-url file:FEED.xml, or drop --offline\n',
    );
    expect(r.stderr).not.toContain('did not answer');
    // The same with --input besides: the ids still cannot be looked up.
    const both = await workspace(
      {
        'README.md': SEED_EN(),
        'p.jsonl': JSON.stringify({ id: SNAPKV.id, title: SNAPKV.title, abstract: SNAPKV.summary }),
      },
      {},
      { fetch: net.fetch },
    ).run('classify', '2403.12968', '--input', 'p.jsonl', '--offline');
    expect(both.code).toBe(2);
    expect(net.calls).toEqual([]);
  });

  it('--input alone with --offline makes no request and classifies', async () => {
    const net = forbiddenFetch();
    const ws = workspace(
      {
        'README.md': SEED_EN(),
        'p.jsonl': JSON.stringify({ id: SNAPKV.id, title: SNAPKV.title, abstract: SNAPKV.summary }),
      },
      { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: 'http://llm.test/v1' },
      { fetch: net.fetch },
    );
    const r = await ws.run('classify', '--input', 'p.jsonl', '--offline', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ id: SNAPKV.id, category: 'kv-cache' });
    expect(net.calls).toEqual([]);
  });

  it('--arxiv-url file:PATH replays a saved feed, offline or not: no request, the same verdicts', async () => {
    const net = forbiddenFetch();
    const ws = workspace(
      { 'README.md': SEED_EN(), 'saved/feed.xml': FEED },
      {},
      { fetch: net.fetch },
    );
    const offline = await ws.run(
      'classify',
      '2404.14469',
      '--offline',
      '--arxiv-url',
      'file:saved/feed.xml',
      '--format',
      'json',
    );
    expect(offline.code).toBe(0);
    const verdicts = JSON.parse(offline.stdout) as { id: string; category: string }[];
    expect(verdicts.map((v) => [v.id, v.category])).toEqual([['2404.14469v2', 'kv-cache']]);
    // A file:// URL (absolute) and no --offline: the same answer, still no request.
    const url = pathToFileURL(join(ws.dir, 'saved/feed.xml')).href;
    const online = await ws.run('classify', '2404.14469', '--arxiv-url', url, '--format', 'json');
    expect(online.code).toBe(0);
    expect(JSON.parse(online.stdout)).toEqual(verdicts);
    expect(net.calls).toEqual([]);
  });

  it('the config may name the saved feed (arxiv.apiUrl: file:…)', async () => {
    const net = forbiddenFetch();
    const ws = workspace(
      {
        'README.md': SEED_EN(),
        'feed.xml': FEED,
        '.github/curator.yml': 'arxiv:\n  apiUrl: file:feed.xml\n',
      },
      {},
      { fetch: net.fetch },
    );
    const r = await ws.run('classify', '2404.14469', '--offline');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2404\.14469v2 {2}⚡ Inference-Time KV Compression/);
    expect(net.calls).toEqual([]);
  });

  it('an id the saved feed lacks is reported as missing from the feed, not from arXiv', async () => {
    const ws = workspace(
      { 'README.md': SEED_EN(), 'feed.xml': FEED },
      {},
      { fetch: forbiddenFetch().fetch },
    );
    const some = await ws.run(
      'classify',
      '2404.14469',
      '2501.00001',
      '--arxiv-url',
      'file:feed.xml',
    );
    expect(some.code).toBe(0);
    expect(some.stderr).toContain(
      'curator classify: not found in the saved feed file:feed.xml: 2501.00001\n',
    );
    const none = await ws.run('classify', '2501.00001', '--arxiv-url', 'file:feed.xml');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('none of the ids is in the saved feed file:feed.xml');
  });

  it('a missing, unreadable or non-feed file is a usage error naming it (exit 2), never blamed on arXiv', async () => {
    const net = forbiddenFetch();
    const ws = workspace(
      { 'README.md': SEED_EN(), 'page.html': '<html><title>Not here</title></html>', 'dir/x': '' },
      {},
      { fetch: net.fetch },
    );
    for (const [url, why] of [
      [
        'file:nowhere.xml',
        /^curator classify: file:nowhere\.xml: the saved arXiv feed \/.*nowhere\.xml: no such file\. /,
      ],
      ['file:dir', /file:dir: the saved arXiv feed \/.*dir: is a directory, not a file\. /],
      [
        'file:page.html',
        /file:page\.html: \/.*page\.html: not an arXiv Atom feed \(.*\): "Not here"\. /,
      ],
      [
        'file://elsewhere/feed.xml',
        /file:\/\/elsewhere\/feed\.xml: not a file URL this system can read/,
      ],
      ['file:', /file:: no file named\. /],
    ] as const) {
      for (const offline of [[], ['--offline']]) {
        const r = await ws.run('classify', '2404.14469', '--arxiv-url', url, ...offline);
        expect(r.code, url).toBe(2);
        expect(r.stderr, url).toMatch(why);
        expect(r.stderr.split('\n')).toHaveLength(2); // one line
        expect(r.stderr).not.toMatch(/arXiv did not answer|attempts/);
      }
    }
    expect(net.calls).toEqual([]);
  });
});

describe('curator scan --offline', () => {
  it('says at once that it needs arXiv: one line, exit 2, no request, nothing read', async () => {
    const net = forbiddenFetch();
    const ws = workspace(
      { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
      { OPENAI_API_KEY: 'sk-test-not-real' },
      { fetch: net.fetch },
    );
    const r = await ws.run('scan', '--offline', ...WINDOW);
    expect(net.calls).toEqual([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'curator scan: scan searches arXiv, which needs the network, and --offline makes no request. Replay a saved arXiv feed with --arxiv-url file:FEED.xml, or drop --offline (to search arXiv but classify without the LLM, run with OPENAI_API_KEY unset)\n',
    );
  });

  it('--arxiv-url file:PATH replays a saved search: the same plan as arXiv over HTTP gives, no request', async () => {
    const files = {
      'README.md': SEED_EN(),
      'README_CN.md': SEED_CN(),
      '.github/curator.yml': scanConfig,
      'scan-feed.xml': SCAN_FEED,
    };
    const arxiv = fakeArxiv();
    const live = await workspace(files, {}, { fetch: arxiv.fetch }).run(
      'scan',
      ...WINDOW,
      '--arxiv-url',
      'http://arxiv.test/api/query',
      '--format',
      'json',
    );
    expect(live.code).toBe(0);
    expect(arxiv.searches()).toBeGreaterThan(0);
    const net = forbiddenFetch();
    // --offline with a key set (no LLM either), and a file:// URL without --offline and no key.
    const ws = workspace(files, { OPENAI_API_KEY: 'sk-test-not-real' }, { fetch: net.fetch });
    const url = pathToFileURL(join(ws.dir, 'scan-feed.xml')).href;
    for (const [env, flags] of [
      [{ OPENAI_API_KEY: 'sk-test-not-real' }, ['--offline', '--arxiv-url', 'file:scan-feed.xml']],
      [{}, ['--arxiv-url', url]],
    ] as const) {
      const run = await workspace(files, env, { fetch: net.fetch }).run(
        'scan',
        ...WINDOW,
        ...flags,
        '--format',
        'json',
      );
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(JSON.parse(live.stdout));
      expect(JSON.parse(run.stdout).candidates).toBe(51);
    }
    expect(net.calls).toEqual([]);
  });

  it('--write from a saved feed writes the rows; the next run finds them listed', async () => {
    const ws = workspace(
      {
        'README.md': SEED_EN(),
        'README_CN.md': SEED_CN(),
        '.github/curator.yml': scanConfig,
        'feed.xml': SCAN_FEED,
      },
      {},
      { fetch: forbiddenFetch().fetch },
    );
    const args = [
      'scan',
      '--offline',
      ...WINDOW,
      '--arxiv-url',
      'file:feed.xml',
      '--format',
      'json',
    ];
    const first = await ws.run(...args, '--write');
    expect(first.code).toBe(0);
    const written = (JSON.parse(first.stdout).suggested as { arxivId: string }[]).map(
      (s) => s.arxivId,
    );
    expect(written).toHaveLength(3);
    for (const id of written) {
      expect(ws.read('README.md').toString('utf8')).toContain(`https://arxiv.org/abs/${id}`);
      expect(ws.read('README_CN.md').toString('utf8')).toContain(`https://arxiv.org/abs/${id}`);
    }
    const again = JSON.parse((await ws.run(...args)).stdout) as {
      skipped: { arxivId: string; reason: string }[];
    };
    for (const id of written)
      expect(again.skipped).toContainEqual({ arxivId: id, reason: 'already-listed' });
  });

  it('a missing feed file is a usage error naming it, exit 2', async () => {
    const ws = workspace(
      { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
      {},
      { fetch: forbiddenFetch().fetch },
    );
    const r = await ws.run('scan', '--offline', ...WINDOW, '--arxiv-url', 'file:old/feed.xml');
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('did not answer');
    expect(r.stderr).toMatch(
      /^curator scan: file:old\/feed\.xml: the saved arXiv feed \/.*old\/feed\.xml: no such file\./m,
    );
  });
});

describe('curator check --offline', () => {
  const added =
    '| [Some Other Paper](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `KV Cache`, `Eviction` | - | Gives each layer its own KV budget. |';
  const head = () => {
    const lines = SEED_EN().split('\n');
    lines.splice(
      lines.findIndex((l) => l.includes('2403.12968')),
      0,
      added,
    );
    return lines.join('\n');
  };

  it('makes no request; with a saved feed it still verifies the added ids', async () => {
    const net = forbiddenFetch();
    const ws = workspace(
      {
        'base/README.md': SEED_EN(),
        'head/README.md': head(),
        '.github/curator.yml': 'files:\n  translation: null\n',
        'feed.xml': SCAN_FEED,
      },
      {},
      { fetch: net.fetch },
    );
    const argv = ['check', '--base', 'base', '--head', 'head', '--offline', '--format', 'json'];
    const plain = JSON.parse((await ws.run(...argv)).stdout);
    expect(plain.notes).toEqual(['arXiv ids were not verified (offline).']);
    const replayed = await ws.run(...argv, '--arxiv-url', 'file:feed.xml');
    expect([0, 1]).toContain(replayed.code);
    const out = JSON.parse(replayed.stdout);
    expect(out.notes).not.toContain('arXiv ids were not verified (offline).');
    expect(out.findings.find((f: { ruleId: string }) => f.ruleId === 'arxiv-id')?.message).toMatch(
      /^Unexpected title for 2509\.04890, expected `Funnel Budgets/,
    );
    expect(net.calls).toEqual([]);
  });
});

describe('a service that does not answer exits 4, not 2', () => {
  it('classify by id with the network down: exit 4, "arXiv did not answer", after the retries', async () => {
    const net = downFetch();
    const ws = workspace({ 'README.md': SEED_EN() }, {}, { fetch: net.fetch });
    const r = await ws.run('classify', '2404.14469', '--arxiv-url', 'http://arxiv.test/api/query');
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(
      /^curator classify: arXiv did not answer http:\/\/arxiv\.test\/api\/query\?id_list=2404\.14469.* after 4 attempts \(last: network error \(fetch failed\)\)\. arXiv may be busy or down/,
    );
    expect(net.calls).toHaveLength(4);
  });

  it('scan with arXiv answering 503 every time: exit 4', async () => {
    const fetch = (async () =>
      new Response('busy', { status: 503 })) as unknown as typeof globalThis.fetch;
    const ws = workspace({ 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() }, {}, { fetch });
    const r = await ws.run('scan', ...WINDOW, '--arxiv-url', 'http://arxiv.test/api/query');
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('arXiv did not answer');
    expect(r.stderr).toContain('(last: HTTP 503)');
  });

  it('a refusal (HTTP 400) stays a usage problem: exit 2', async () => {
    const fetch = (async () =>
      new Response('bad', { status: 400 })) as unknown as typeof globalThis.fetch;
    const ws = workspace({ 'README.md': SEED_EN() }, {}, { fetch });
    const r = await ws.run('classify', '2404.14469', '--arxiv-url', 'http://arxiv.test/api/query');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('arXiv answered HTTP 400');
  });

  it('every --help of a command that reaches arXiv lists the exit codes 0-4', async () => {
    const ws = workspace({});
    for (const command of ['classify', 'scan', 'check']) {
      const r = await ws.run(command, '--help');
      expect(r.code).toBe(0);
      const codes = r.stdout.slice(r.stdout.indexOf('Exit codes:')).replace(/\s+/g, ' ');
      expect(codes, command).toMatch(/2 usage, file or config problem, 3 internal error/);
      expect(codes, command).toMatch(
        /4 arXiv did not answer \(down, busy or no network; run again later\)/,
      );
      expect(r.stdout.replace(/\s+/g, ' '), command).toMatch(
        /--arxiv-url URL the arXiv API endpoint [^-]*file:PATH replays a saved arXiv Atom feed/,
      );
    }
  });
});
