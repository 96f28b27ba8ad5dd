import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { workspace } from '../helpers/cli.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { llmStandIn, STAND_IN_URL } from '../helpers/llm-stand-in.js';

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
      'curator classify: no OPENAI_API_KEY or OPENAI_BASE_URL set, so using the offline classifier (no network).\n',
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

  it('an --input file with no papers is an error naming it, not a silent run', async () => {
    const ws = workspace({ 'README.md': SEED_EN(), 'empty.jsonl': '\n\n' });
    const { code, stdout, stderr } = await ws.run('classify', '--input', 'empty.jsonl');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('curator classify: empty.jsonl: no papers in it');
    expect(stderr).not.toMatch(/\n\s+at /);
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
              id: papers[index]!.id,
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
    const saved = ws.read('verdicts.json').toString('utf8');
    expect(saved).not.toContain('sk-test');
    expect(Object.keys(JSON.parse(saved))).toEqual(['format', 'v', 'verdicts']);
    nock.cleanAll();
  });
});

describe('the verdict cache of curator classify', () => {
  const LLM = { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: STAND_IN_URL };
  const label = (id: string) => (id.startsWith('2404.14469') ? 'kv-cache' : null);
  const tmp = () => mkdtempSync(join(tmpdir(), 'curator-cache-'));
  afterEach(() => nock.cleanAll());

  it('is kept in $XDG_CACHE_HOME/awesome-curator/verdicts.json by default: the second run asks nothing', async () => {
    const llm = llmStandIn(label);
    const xdg = tmp();
    const ws = workspace(
      { 'README.md': SEED_EN(), 'papers.jsonl': jsonl },
      { ...LLM, XDG_CACHE_HOME: xdg, HOME: tmp() },
    );
    const first = await ws.run('classify', '--input', 'papers.jsonl', '--format', 'json');
    expect(first.code).toBe(0);
    expect(llm.requests()).toBe(1);
    const second = await ws.run('classify', '--input', 'papers.jsonl', '--format', 'json');
    expect(second.code).toBe(0);
    expect(llm.requests()).toBe(1);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe('curator classify: 0 LLM requests, 0 tokens, 2 from the cache.\n');
    // Written whole (temp file and rename): nothing else is left in the folder.
    expect(readdirSync(join(xdg, 'awesome-curator'))).toEqual(['verdicts.json']);
    const file = JSON.parse(readFileSync(join(xdg, 'awesome-curator', 'verdicts.json'), 'utf8'));
    expect(file).toMatchObject({ format: 'awesome-curator/verdict-cache', v: 1 });
    expect(Object.keys(file.verdicts)).toEqual([
      expect.stringMatching(/^2404\.14469\|[0-9a-f]{12}\|[0-9a-f]{16}\|gpt-4o-mini$/),
      expect.stringMatching(/^2106\.09685\|/),
    ]);
    // Nothing is written into the repository.
    expect(readdirSync(ws.dir).sort()).toEqual(['README.md', 'papers.jsonl']);
  });

  it('asks again for a paper whose abstract changed, and only for it', async () => {
    const llm = llmStandIn(label);
    const env = { ...LLM, CURATOR_CACHE_DIR: tmp() };
    const ws = workspace({ 'README.md': SEED_EN(), 'papers.jsonl': jsonl }, env);
    await ws.run('classify', '--input', 'papers.jsonl');
    const edited = [papers[0], { ...papers[1]!, abstract: `${papers[1]!.abstract} Revised.` }];
    const again = workspace(
      { 'README.md': SEED_EN(), 'papers.jsonl': edited.map((p) => JSON.stringify(p)).join('\n') },
      env,
    );
    const { stderr } = await again.run('classify', '--input', 'papers.jsonl');
    expect(llm.asked).toEqual([['2404.14469', '2106.09685'], ['2106.09685']]);
    expect(stderr).toMatch(/^curator classify: 1 LLM request, \d+ tokens, 1 from the cache\.\n$/);
  });

  it('CURATOR_CACHE_DIR comes first, then XDG_CACHE_HOME, then ~/.cache', async () => {
    llmStandIn(label);
    const [own, xdg, home] = [tmp(), tmp(), tmp()];
    const files = { 'README.md': SEED_EN(), 'papers.jsonl': jsonl };
    await workspace(files, { ...LLM, CURATOR_CACHE_DIR: own, XDG_CACHE_HOME: xdg, HOME: home }).run(
      'classify',
      '--input',
      'papers.jsonl',
    );
    expect(readdirSync(own)).toEqual(['verdicts.json']);
    expect(readdirSync(xdg)).toEqual([]);
    await workspace(files, { ...LLM, HOME: home }).run('classify', '--input', 'papers.jsonl');
    expect(readdirSync(join(home, '.cache', 'awesome-curator'))).toEqual(['verdicts.json']);
  });

  it('--no-cache asks every time and writes nothing; offline, the cache is not touched', async () => {
    const llm = llmStandIn(label);
    const home = tmp();
    const ws = workspace({ 'README.md': SEED_EN(), 'papers.jsonl': jsonl }, { ...LLM, HOME: home });
    await ws.run('classify', '--input', 'papers.jsonl', '--no-cache');
    await ws.run('classify', '--input', 'papers.jsonl', '--no-cache');
    expect(llm.requests()).toBe(2);
    await ws.run('classify', '--input', 'papers.jsonl', '--offline');
    expect(llm.requests()).toBe(2);
    expect(readdirSync(home)).toEqual([]);
  });

  it.each([
    [
      'a file that is no cache (the Chinese list)',
      ['--cache', 'README_CN.md'],
      'curator classify: --cache README_CN.md: is not a verdict cache written by awesome-curator, so it is left untouched. Give a path for a new cache file, or --no-cache\n',
    ],
    [
      'a file in a folder that does not exist',
      ['--cache', 'nodir/v.json'],
      'curator classify: --cache nodir/v.json: the folder nodir does not exist. Create the folder first, or give a file in a folder that exists\n',
    ],
    [
      'a folder',
      ['--cache', 'sub'],
      'curator classify: --cache sub: is a folder, not a file. Give a file path, such as --cache sub/verdicts.json\n',
    ],
    [
      'a file under a file',
      ['--cache', 'README.md/v.json'],
      'curator classify: --cache README.md/v.json: the folder README.md is not a folder. Create the folder first, or give a file in a folder that exists\n',
    ],
    [
      '--cache with --no-cache',
      ['--cache', 'v.json', '--no-cache'],
      'curator classify: --cache and --no-cache contradict each other. Give one of them\n',
    ],
  ])('refuses %s with one line and exit 2, before any request', async (_name, flags, message) => {
    const llm = llmStandIn(label);
    const arxiv: string[] = [];
    const ws = workspace(
      {
        'README.md': SEED_EN(),
        'README_CN.md': SEED_CN(),
        'papers.jsonl': jsonl,
        'sub/keep.txt': 'x',
      },
      LLM,
      { fetch: async (url) => (arxiv.push(String(url)), new Response('', { status: 500 })) },
    );
    const { code, stdout, stderr } = await ws.run(
      'classify',
      '2404.14469',
      '--input',
      'papers.jsonl',
      ...flags,
    );
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message });
    expect(llm.requests()).toBe(0);
    expect(arxiv).toEqual([]);
    expect(ws.read('README_CN.md').toString('utf8')).toBe(SEED_CN());
    expect(readdirSync(ws.dir).sort()).toEqual([
      'README.md',
      'README_CN.md',
      'papers.jsonl',
      'sub',
    ]);
  });

  it('refuses a default location that holds something else, naming it', async () => {
    const llm = llmStandIn(label);
    const own = tmp();
    writeFileSync(join(own, 'verdicts.json'), '{"not":"ours"}');
    const ws = workspace(
      { 'README.md': SEED_EN(), 'papers.jsonl': jsonl },
      { ...LLM, CURATOR_CACHE_DIR: own },
    );
    const { code, stderr } = await ws.run('classify', '--input', 'papers.jsonl');
    expect(code).toBe(2);
    expect(stderr).toBe(
      `curator classify: ${join(own, 'verdicts.json')} (the default verdict cache): is not a verdict cache written by awesome-curator, so it is left untouched. Give another file with --cache FILE (or set CURATOR_CACHE_DIR), or run with --no-cache\n`,
    );
    expect(llm.requests()).toBe(0);
    expect(readFileSync(join(own, 'verdicts.json'), 'utf8')).toBe('{"not":"ours"}');
  });

  it.each([
    [
      'damaged',
      '{"format":"awesome-curator/verdict-cache","v":1,"verdicts":{"2404.14469|',
      'is a damaged verdict cache; starting an empty one there.',
    ],
    [
      'of the format before versions',
      JSON.stringify({
        '2404.14469|x|gpt-4o-mini': {
          category: null,
          section: null,
          confidence: 1,
          rationale: '',
          runnerUp: null,
          tags: [],
          tldr: '',
          source: 'llm',
        },
      }),
      "is a verdict cache of an older format (keys without the paper's text); starting a new one there.",
    ],
  ])(
    'a cache file that is %s: said once, asked again, replaced by a good one',
    async (_name, text, said) => {
      const llm = llmStandIn(label);
      const ws = workspace({ 'README.md': SEED_EN(), 'papers.jsonl': jsonl, 'v.json': text }, LLM);
      const { code, stderr } = await ws.run(
        'classify',
        '--input',
        'papers.jsonl',
        '--cache',
        'v.json',
      );
      expect(code).toBe(0);
      expect(stderr.split('\n')[0]).toBe(`curator classify: ${join(ws.dir, 'v.json')} ${said}`);
      expect(llm.requests()).toBe(1);
      const file = JSON.parse(ws.read('v.json').toString('utf8'));
      expect(Object.keys(file.verdicts)).toHaveLength(2);
    },
  );

  it('a cache that cannot be saved is a warning after the verdicts, not a failure', async () => {
    llmStandIn(label);
    // The cache folder would lie under a file, so it cannot be made.
    const blocker = tmp();
    writeFileSync(join(blocker, 'file'), 'x');
    const env = { ...LLM, CURATOR_CACHE_DIR: join(blocker, 'file', 'cache') };
    const ws = workspace({ 'README.md': SEED_EN(), 'papers.jsonl': jsonl }, env);
    const { code, stdout, stderr } = await ws.run(
      'classify',
      '--input',
      'papers.jsonl',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveLength(2);
    expect(stderr).toMatch(
      /\ncurator classify: could not save the verdict cache to .*file\/cache\/verdicts\.json \((ENOTDIR|EEXIST)\); the verdicts are not kept\.\n$/,
    );
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

describe('curator classify with a keyless local server (OPENAI_BASE_URL alone)', () => {
  it('asks the server, without an Authorization header, and uses its verdicts', async () => {
    const nock = (await import('nock')).default;
    nock.disableNetConnect();
    const { completion } = await import('../helpers/openai.js');
    let authorization: string | undefined = 'not asked';
    const scope = nock('http://ollama.local:11434')
      .post('/v1/chat/completions')
      .once()
      .reply(200, function () {
        authorization = this.req.headers['authorization'] as string | undefined;
        return completion(
          JSON.stringify({
            verdicts: [0, 1].map((index) => ({
              id: papers[index]!.id,
              category: index === 0 ? 'kv-cache' : 'none',
              confidence: 0.8,
              rationale: 'From the guidelines.',
              runner_up: null,
              tags: [],
              tldr: 'A summary.',
            })),
          }),
        );
      });
    const ws = workspace(
      { 'README.md': SEED_EN(), 'papers.jsonl': jsonl },
      { OPENAI_BASE_URL: 'http://ollama.local:11434/v1' },
    );
    const run = await ws.run(
      'classify',
      '--input',
      'papers.jsonl',
      '--no-cache',
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    expect(scope.isDone()).toBe(true);
    expect(authorization).toBeUndefined();
    expect(JSON.parse(run.stdout).map((v: { source: string }) => v.source)).toEqual(['llm', 'llm']);
  });
});
