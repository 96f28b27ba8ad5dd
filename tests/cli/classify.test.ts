import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { workspace } from '../helpers/cli.js';
import { SEED_EN } from '../helpers/fixtures.js';

const Output = z.array(
  z
    .object({
      id: z.string(),
      category: z.string().nullable(),
      section: z.string().nullable(),
      confidence: z.number().min(0).max(1),
      rationale: z.string(),
      tags: z.array(z.string()),
      tldr: z.string(),
      source: z.enum(['llm', 'offline']),
    })
    .strict(),
);

const papers = [
  {
    id: '2404.14469',
    title: 'SnapKV: LLM Knows What You are Looking for Before Generation',
    abstract:
      'Selects which key-value pairs to keep in the KV cache per attention head, using an observation window at the end of the prompt, which cuts GPU memory during generation.',
  },
  {
    id: '2106.09685',
    title: 'LoRA: Low-Rank Adaptation of Large Language Models',
    abstract:
      'Freezes the pretrained weights and trains small low rank matrices added to each layer, making fine-tuning cheap.',
  },
];
const jsonl = papers.map((p) => JSON.stringify(p)).join('\n');

describe('curator classify', () => {
  it('--input JSON lines, --format json: the documented shape, offline, said once on stderr', async () => {
    const ws = workspace({ 'README.md': SEED_EN(), 'papers.jsonl': jsonl });
    const { code, stdout, stderr } = await ws.run(
      'classify',
      '--input',
      'papers.jsonl',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const out = Output.parse(JSON.parse(stdout));
    expect(out.map((v) => [v.id, v.category])).toEqual([
      ['2404.14469', 'kv-cache'],
      ['2106.09685', null],
    ]);
    expect(stderr).toBe(
      'curator classify: no OPENAI_API_KEY set, so using the offline classifier (no network).\n',
    );
    const forced = await workspace(
      { 'README.md': SEED_EN(), 'papers.jsonl': jsonl },
      { OPENAI_API_KEY: 'sk-test-not-real' },
    ).run('classify', '--input', 'papers.jsonl', '--offline');
    expect(forced.stderr).toBe('curator classify: using the offline classifier (--offline).\n');
  });

  it('text output names the section, confidence and rationale', async () => {
    const ws = workspace({ 'README.md': SEED_EN(), 'papers.jsonl': jsonl });
    const { stdout } = await ws.run('classify', '--input', 'papers.jsonl');
    expect(stdout).toMatch(
      /^2404\.14469 {2}⚡ Inference-Time KV Compression \(Memory\/Cache Level\) {2}\(confidence 0\.\d\d, offline\)\n {2}It mentions/,
    );
    expect(stdout).toContain('2106.09685  does not belong in this list');
  });

  it('keeps control characters from abstracts off the terminal', async () => {
    const hostile = JSON.stringify({
      id: 'x\u001b[31m',
      title: 'Prompt compression',
      abstract: 'Prunes prompt tokens.\u001b[2J',
    });
    const ws = workspace({ 'README.md': SEED_EN(), 'p.jsonl': hostile });
    const { stdout } = await ws.run('classify', '--input', 'p.jsonl');
    expect(stdout).not.toContain('\u001b');
  });

  it.each([
    [
      'nothing to classify',
      ['classify'],
      /nothing to classify\. Give arXiv ids, or papers with --input FILE\.jsonl/,
    ],
    [
      'a bad JSON line',
      ['classify', '--input', 'bad.jsonl'],
      /^curator classify: bad\.jsonl:2: not a JSON object\./,
    ],
    [
      'a line without an abstract',
      ['classify', '--input', 'noabs.jsonl'],
      /^curator classify: noabs\.jsonl:1: "abstract" must be a string\./,
    ],
    [
      'a list without categories',
      ['classify', '--input', 'papers.jsonl', '--list', 'empty.md'],
      /empty\.md: no category sections/,
    ],
  ])('%s: one clear line, exit 2', async (_name, argv, message) => {
    const ws = workspace({
      'README.md': SEED_EN(),
      'papers.jsonl': jsonl,
      'bad.jsonl': `${JSON.stringify(papers[0])}\n{oops`,
      'noabs.jsonl': '{"id":"1","title":"t"}',
      'empty.md': '# Nothing\n',
    });
    const { code, stderr } = await ws.run(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('curator classify with an LLM (OPENAI_API_KEY and OPENAI_BASE_URL set)', () => {
  const nockReady = import('nock').then((m) => m.default);
  it('asks the server once, writes the --cache file, and answers the second run from it', async () => {
    const nock = await nockReady;
    nock.disableNetConnect();
    const { completion } = await import('../helpers/openai.js');
    const scope = nock('http://llm.test')
      .post('/v1/chat/completions')
      .once()
      .reply(
        200,
        completion(
          JSON.stringify({
            verdicts: [0, 1].map((index) => ({
              index,
              category: index === 0 ? 'kv-cache' : 'none',
              confidence: 0.8,
              rationale: 'From the guidelines.',
              runner_up: null,
              tags: [],
              tldr: 'A summary.',
            })),
          }),
        ),
      );
    const env = { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: 'http://llm.test/v1' };
    const ws = workspace({ 'README.md': SEED_EN(), 'papers.jsonl': jsonl }, env);
    const first = await ws.run(
      'classify',
      '--input',
      'papers.jsonl',
      '--cache',
      'verdicts.json',
      '--format',
      'json',
    );
    expect(first.code).toBe(0);
    expect(
      JSON.parse(first.stdout).map((v: { category: string | null; source: string }) => [
        v.category,
        v.source,
      ]),
    ).toEqual([
      ['kv-cache', 'llm'],
      [null, 'llm'],
    ]);
    expect(first.stderr).toBe('curator classify: 1 LLM request, 1020 tokens.\n');
    expect(scope.isDone()).toBe(true);
    const second = await ws.run(
      'classify',
      '--input',
      'papers.jsonl',
      '--cache',
      'verdicts.json',
      '--format',
      'json',
    );
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe('curator classify: 0 LLM requests, 0 tokens, 2 from the cache.\n');
    expect(ws.read('verdicts.json').toString('utf8')).not.toContain('sk-test');
    nock.cleanAll();
  });
});

describe('curator classify IDS (looked up on arXiv)', () => {
  it('works against a local server that speaks the arXiv API format', async () => {
    const { createServer } = await import('node:http');
    const { atomFeed } = await import('../helpers/arxiv-feed.js');
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers['user-agent']}`);
      const url = new URL(req.url!, 'http://127.0.0.1');
      const ids = (url.searchParams.get('id_list') ?? '').split(',');
      const known = ids.filter((id) => id.startsWith('2404.14469'));
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      res.end(
        atomFeed(
          known.map(() => ({
            id: '2404.14469',
            version: 2,
            title: 'SnapKV: LLM Knows What You are Looking for\n  Before Generation',
            summary:
              'Keeps only the key-value pairs each attention head needs, chosen from an observation window, so the KV cache shrinks during generation.',
          })),
        ),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const ws = workspace({ 'README.md': SEED_EN() });
      const { code, stdout, stderr } = await ws.run(
        'classify',
        'https://arxiv.org/abs/2404.14469',
        '2401.99999',
        '--arxiv-url',
        `http://127.0.0.1:${port}/api/query`,
        '--format',
        'json',
      );
      expect(code).toBe(0);
      expect(Output.parse(JSON.parse(stdout)).map((v) => [v.id, v.category])).toEqual([
        ['2404.14469v2', 'kv-cache'],
      ]);
      expect(stderr).toContain('not found on arXiv: 2401.99999');
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatch(
        /^\/api\/query\?id_list=2404\.14469%2C2401\.99999&.*max_results=2.* awesome-curator\//,
      );
    } finally {
      server.close();
    }
  });

  it('rejects something that is not an arXiv id', async () => {
    const { code, stderr } = await workspace({ 'README.md': SEED_EN() }).run(
      'classify',
      'not-an-id',
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      'curator classify: "not-an-id" is not an arXiv id or URL. Give ids like 2403.12968 or https://arxiv.org/abs/2403.12968\n',
    );
  });
});
