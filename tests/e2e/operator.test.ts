/**
 * The App is a shared service: a repository that installs it cannot move the operator's LLM key
 * or spend. A hostile `.github/curator.yml` points `llm.baseUrl` at its own server, asks for an
 * expensive model with huge caps, and points `arxiv.apiUrl` at an internal address; the App
 * follows the operator's environment instead and says which settings it ignored.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeArxiv } from '../helpers/fake-arxiv.js';
import { startWorld, stopAll, withRow } from '../helpers/e2e-world.js';
import { apiError } from '../helpers/openai.js';
import { pullRequestPayload } from '../helpers/webhooks.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(() => stopAll(stops));

const OPERATOR_KEY = 'sk-operator-0123456789abcdef';
const OPERATOR_LLM = 'https://llm.operator.test/v1';
const HOSTILE = `llm:
  baseUrl: https://collector.example/v1
  model: o1-pro
  maxRequests: 100000
  maxTokens: 999999999
  batchSize: 50
arxiv:
  apiUrl: http://169.254.169.254/latest/meta-data/
  maxPapers: 500
  scanEveryHours: 1
commands:
  maxPerHour: 1000
`;

interface Seen {
  url: string;
  authorization: string | null;
  model?: string;
}

/** The App's outgoing HTTP besides GitHub: arXiv (recorded feed), the operator's LLM, anything else. */
function outside(llmBase = OPERATOR_LLM) {
  const arxiv = fakeArxiv();
  const seen: Seen[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = request.url;
    const entry: Seen = { url, authorization: request.headers.get('authorization') };
    seen.push(entry);
    if (url.startsWith('https://export.arxiv.org/')) return arxiv.fetch(input, init);
    if (url.startsWith(llmBase)) {
      entry.model = ((await request.json()) as { model: string }).model;
      // An answer the classifier cannot use (and that no client retries): the papers fall back
      // offline, so what this test counts is requests, not verdicts.
      return new Response(JSON.stringify(apiError('The request was not understood.')), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response('not here', { status: 599 });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

describe('a hostile repository config against the App', () => {
  it("cannot move the operator's key, model, spend or arXiv URL; the App says what it ignored", async () => {
    const net = outside();
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const w = await startWorld(
      (s) => stops.push(s),
      {
        fetch: net.fetch,
        env: {
          OPENAI_API_KEY: OPERATOR_KEY,
          OPENAI_BASE_URL: OPERATOR_LLM,
          CURATOR_LLM_MAX_REQUESTS: '1',
        },
      },
      log,
    );
    const { fake } = w;
    fake.commitFiles('main', { '.github/curator.yml': HOSTILE }, 'Tune the curator', 'maintainer');

    // A scan on the operator's bill.
    const issue = fake.openIssue({ title: 'New papers?', user: 'maintainer' });
    await w.comment(issue.number, '/curator scan');
    expect(net.seen.some((s) => s.url.startsWith('https://export.arxiv.org/api/query'))).toBe(true);
    const llm = net.seen.filter((s) => s.url.startsWith(OPERATOR_LLM));
    expect(llm).toHaveLength(1); // the operator's ceiling, not the repository's 100000
    expect(llm[0]!.model).toBe('gpt-4o-mini');
    expect(llm[0]!.authorization).toBe(`Bearer ${OPERATOR_KEY}`);
    // Nothing else was fetched: not the repository's LLM server, not the internal address.
    expect(
      net.seen.filter(
        (s) => !s.url.startsWith(OPERATOR_LLM) && !s.url.startsWith('https://export.arxiv.org/'),
      ),
    ).toEqual([]);
    // The key appears in no reply the App posted.
    for (const c of w.botComments(issue.number)) expect(c.body).not.toContain(OPERATOR_KEY);

    // The PR check says which settings were set aside.
    fake.commitFiles(
      'add-paper',
      { 'README.md': withRow(fake.state.fileAt('main', 'README.md')!, '2509.04890', 'Funnel') },
      'Add a paper',
      'contributor',
    );
    const pr = fake.openPullRequest({ head: 'add-paper', title: 'Add', user: 'contributor' });
    await w.send('pull_request', pullRequestPayload(fake, pr.number, 'opened'));
    const run = fake.state.checkRuns.find((c) => c.head_sha === pr.head.sha)!;
    for (const key of [
      'llm.baseUrl',
      'llm.model',
      'llm.maxRequests',
      'llm.maxTokens',
      'llm.batchSize',
      'arxiv.apiUrl',
      'arxiv.maxPapers',
      'arxiv.scanEveryHours',
      'commands.maxPerHour',
    ])
      expect(run.output.summary).toContain(`\`${key}\``);
    expect(run.output.summary).toContain('https://collector.example/v1');
    // Said once in the log, though the config was read for the scan and for the PR.
    const said = lines.filter((l) => l.includes('The App ignored'));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('octo/papers');
    // The key is in no log line.
    expect(lines.filter((l) => l.includes(OPERATOR_KEY))).toEqual([]);
  });

  it('a repository may lower a ceiling and choose a model the operator allows', async () => {
    const net = outside();
    const w = await startWorld((s) => stops.push(s), {
      fetch: net.fetch,
      env: {
        OPENAI_API_KEY: OPERATOR_KEY,
        OPENAI_BASE_URL: OPERATOR_LLM,
        CURATOR_LLM_MODELS: 'gpt-4.1-mini',
      },
    });
    w.fake.commitFiles(
      'main',
      { '.github/curator.yml': 'llm:\n  model: gpt-4.1-mini\n  maxRequests: 1\n' },
      'Another model, one request at most',
      'maintainer',
    );
    const issue = w.fake.openIssue({ title: 'New papers?', user: 'maintainer' });
    await w.comment(issue.number, '/curator scan');
    const llm = net.seen.filter((s) => s.url.startsWith(OPERATOR_LLM));
    expect(llm.map((s) => s.model)).toEqual(['gpt-4.1-mini']);
  });
});

describe('an operator on OpenAI itself (no OPENAI_BASE_URL)', () => {
  it("never sends the key to the repository's llm.baseUrl", async () => {
    const openai = 'https://api.openai.com/v1';
    const net = outside(openai);
    const w = await startWorld((s) => stops.push(s), {
      fetch: net.fetch,
      env: { OPENAI_API_KEY: OPERATOR_KEY, CURATOR_LLM_MAX_REQUESTS: '1' },
    });
    w.fake.commitFiles('main', { '.github/curator.yml': HOSTILE }, 'Tune', 'maintainer');
    const issue = w.fake.openIssue({ title: 'New papers?', user: 'maintainer' });
    await w.comment(issue.number, '/curator scan');
    expect(net.seen.filter((s) => s.url.includes('collector.example'))).toEqual([]);
    const llm = net.seen.filter((s) => s.url.startsWith(openai));
    expect(llm.map((s) => [s.url, s.authorization])).toEqual([
      [`${openai}/chat/completions`, `Bearer ${OPERATOR_KEY}`],
    ]);
  });
});
