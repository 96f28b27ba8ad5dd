import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createArxivClient } from '../../src/arxiv/index.js';
import type { CuratorConfig } from '../../src/config/index.js';
import { parseList, splitLines } from '../../src/list/index.js';
import { lintText } from '../../src/lint/index.js';
import { createLlm } from '../../src/llm/client.js';
import { scanArxiv, type ScanResult } from '../../src/tasks/scan-arxiv.js';
import { fakeArxiv, fakeArxivClient, SCAN_EXPECTED, scanConfig } from '../helpers/fake-arxiv.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { completion, type ChatRequestBody } from '../helpers/openai.js';

const config: CuratorConfig = scanConfig();
const labelOf = new Map<string, string>(
  Object.entries(SCAN_EXPECTED.onTopic).flatMap(([cat, ids]) =>
    ids.map((id) => [id, cat] as [string, string]),
  ),
);
const SECTION: Record<string, string> = {
  explicit: '📝 Explicit Context Compression (Prompt/Input Level)',
  implicit: '🧠 Implicit Context Compression (Latent/Reasoning Level)',
  'kv-cache': '⚡ Inference-Time KV Compression (Memory/Cache Level)',
};

/** A stand-in for the model: it answers from the fixture's labels, as a good model would. */
function llmStandIn(translatedTldr = '用一句话说明这篇论文做了什么。') {
  const batches: number[] = [];
  const bodies: ChatRequestBody[] = [];
  nock('http://llm.test')
    .persist()
    .post('/v1/chat/completions')
    .reply(200, (_uri, body) => {
      const papers = JSON.parse(
        (body as ChatRequestBody).messages[1]!.content.replace(/^<papers>\n|\n<\/papers>$/g, ''),
      ) as { id: string }[];
      batches.push(papers.length);
      bodies.push(body as ChatRequestBody);
      return completion(
        JSON.stringify({
          verdicts: papers.map((p) => ({
            id: p.id,
            category: labelOf.get(p.id.replace(/v\d+$/, '')) ?? 'none',
            confidence: 0.9,
            rationale: 'From the guidelines.',
            runner_up: null,
            tags: [],
            tldr: 'What the paper does, in one sentence.',
            tldr_translated: translatedTldr,
          })),
        }),
      );
    });
  return Object.assign(batches, { bodies });
}

function run(texts: { en: string; cn: string }, withLlm: boolean) {
  const { arxiv, client, sleeps } = fakeArxivClient();
  const llm = withLlm
    ? createLlm({
        apiKey: 'sk-test-not-real',
        baseURL: 'http://llm.test/v1',
        model: 'gpt-4o-mini',
        maxRetries: 0,
      })
    : undefined;
  const result = scanArxiv({
    primary: { path: 'README.md', text: texts.en },
    translation: { path: 'README_CN.md', text: texts.cn },
    config,
    client,
    since: new Date('2025-09-01'),
    until: new Date('2025-09-20'),
    llm,
  });
  return { arxiv, result, sleeps };
}

const textOf = (r: ScanResult, path: string, original: string) =>
  r.changes.find((c) => c.path === path)?.text ?? original;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('scan over a recorded arXiv feed of 51 papers', () => {
  it('suggests exactly the papers that belong, each in its section of both files, and changes nothing else', async () => {
    const batches = llmStandIn();
    const { arxiv, result: pending, sleeps } = run({ en: SEED_EN(), cn: SEED_CN() }, true);
    const r = await pending;
    expect(r.candidates).toBe(51);
    expect(r.suggested.map((s) => [s.arxivId, s.category]).sort()).toEqual([...labelOf].sort());
    const skipped = Object.fromEntries(r.skipped.map((s) => [s.arxivId, s.reason]));
    for (const id of SCAN_EXPECTED.alreadyListed) expect(skipped[id]).toBe('already-listed');
    for (const id of SCAN_EXPECTED.rejected) expect(skipped[id]).toBe('rejected');
    for (const id of SCAN_EXPECTED.offTopic) expect(skipped[id]).toBe('off-topic');

    const en = parseList(textOf(r, 'README.md', SEED_EN()), 'README.md');
    const cn = parseList(textOf(r, 'README_CN.md', SEED_CN()), 'README_CN.md');
    const cnCategories = cn.sections.filter((s) => s.tables.length > 0).map((s) => s.text);
    const enCategories = en.sections.filter((s) => s.tables.length > 0).map((s) => s.text);
    for (const [id, category] of labelOf) {
      const row = en.rows.find((x) => x.arxiv?.id === id)!;
      expect(en.tables[row.tableIndex]!.section!.text).toBe(SECTION[category]);
      const cnRow = cn.rows.find((x) => x.arxiv?.id === id)!;
      expect(cnCategories.indexOf(cn.tables[cnRow.tableIndex]!.section!.text)).toBe(
        enCategories.indexOf(SECTION[category]!),
      );
      expect(row.url).toBe(`https://arxiv.org/abs/${id}`);
      expect(row.code).toEqual(
        SCAN_EXPECTED.withCode[id] ? { label: 'GitHub', url: SCAN_EXPECTED.withCode[id] } : 'none',
      );
      expect(row.venue).toBe(
        SCAN_EXPECTED.withVenue[id] ?? `arXiv 20${id.slice(0, 2)}.${id.slice(2, 4)}`,
      );
    }
    expect(r.venueUpdates.map((v) => [v.file, v.arxivId, v.to]).sort()).toEqual(
      Object.entries(SCAN_EXPECTED.venueUpdates)
        .flatMap(([id, to]) => [
          ['README.md', id, to],
          ['README_CN.md', id, to],
        ])
        .sort(),
    );

    // Lossless: the old lines are all there, in order; only the inserted rows and the two rows
    // whose venue changed differ.
    for (const [before, after] of [
      [SEED_EN(), en.text],
      [SEED_CN(), cn.text],
    ] as const) {
      const kept = splitLines(after).map((l) => l.text);
      const old = splitLines(before).map((l) => l.text);
      const changed = old.filter((l) => !kept.includes(l));
      expect(changed).toHaveLength(2);
      expect(changed.every((l) => /2404\.14469|2406\.02069/.test(l))).toBe(true);
      expect(kept.length).toBe(old.length + labelOf.size);
      expect(after.endsWith(before.slice(-200))).toBe(true);
    }

    // The rows written carry no defect a lint fix would correct: the PR passes its own check.
    for (const list of [en, cn]) {
      const written = new Set(
        list.rows.filter((x) => labelOf.has(x.arxiv?.id ?? '')).map((x) => x.line),
      );
      expect(written.size).toBe(labelOf.size);
      expect(lintText(list.text, list.path).filter((f) => written.has(f.line) && f.fix)).toEqual(
        [],
      );
    }

    // Manners and cost: one search request per page, one look-up per 100 ids, a 3 s gap between
    // them, at most one LLM request per 10 candidates that passed the offline pre-filter.
    expect(arxiv.searches()).toBe(1);
    expect(arxiv.lookups()).toBe(1);
    // Not vacuous: the look-up waited after the search.
    expect(sleeps.length).toBeGreaterThan(0);
    expect(sleeps.every((ms) => ms >= 3000)).toBe(true);
    expect(r.requests.llm).toBe(batches.length);
    const passed = batches.reduce((a, b) => a + b, 0);
    expect(batches.length).toBeLessThanOrEqual(Math.ceil(passed / 10));
    expect(passed).toBeLessThan(51);

    // The Chinese TL;DR came with the verdicts (no extra request), asked for with the glossary.
    const schema = JSON.stringify(batches.bodies[0]!.response_format!.json_schema!.schema);
    expect(schema).toContain('"tldr_translated"');
    expect(batches.bodies[0]!.messages[0]!.content).toMatch(
      /Simplified Chinese[\s\S]*Pruning = 剪枝/,
    );
    for (const s of r.suggested) {
      expect(s.needsTranslation).toBe(false);
      expect(s.rows['README_CN.md']).toMatch(/\| 用一句话说明这篇论文做了什么。 \|$/);
    }
  });

  it('keeps the English TL;DR, marked, when the "translation" is not Chinese (nothing invented)', async () => {
    llmStandIn('Not a translation at all.');
    const r = await run({ en: SEED_EN(), cn: SEED_CN() }, true).result;
    expect(r.suggested.length).toBeGreaterThan(0);
    for (const s of r.suggested) {
      expect(s.needsTranslation).toBe(true);
      expect(s.rows['README_CN.md']).toMatch(/\| What the paper does, in one sentence\. \|$/);
    }
  });

  it('running it twice changes nothing the second time', async () => {
    llmStandIn();
    const first = await run({ en: SEED_EN(), cn: SEED_CN() }, true).result;
    const texts = {
      en: textOf(first, 'README.md', SEED_EN()),
      cn: textOf(first, 'README_CN.md', SEED_CN()),
    };
    const second = await run(texts, true).result;
    expect(second.suggested).toEqual([]);
    expect(second.venueUpdates).toEqual([]);
    expect(second.changes).toEqual([]);
  });

  it('offline, it still places every paper that belongs in its section, and marks the Chinese rows for translation', async () => {
    const r = await run({ en: SEED_EN(), cn: SEED_CN() }, false).result;
    const got = new Map(r.suggested.map((s) => [s.arxivId, s]));
    for (const [id, category] of labelOf) {
      expect(got.get(id)?.category).toBe(category);
      expect(got.get(id)?.needsTranslation).toBe(true);
      expect(got.get(id)?.rows['README_CN.md']).toContain(`(https://arxiv.org/abs/${id})`);
    }
    expect(r.requests.llm).toBe(0);
  });

  it('pages through the results: one search request per page', async () => {
    const arxiv = fakeArxiv();
    const client = createArxivClient({
      fetch: arxiv.fetch,
      userAgent: 'test',
      sleep: async () => undefined,
    });
    const r = await scanArxiv({
      primary: { path: 'README.md', text: SEED_EN() },
      translation: null,
      config,
      client,
      since: new Date('2025-09-01'),
      until: new Date('2025-09-20'),
      pageSize: 20,
    });
    expect(r.candidates).toBe(51);
    expect(arxiv.searches()).toBe(3);
    expect(
      arxiv.urls
        .filter((u) => u.searchParams.has('search_query'))
        .map((u) => u.searchParams.get('start')),
    ).toEqual(['0', '20', '40']);
  });

  it('caps the suggestions, surest first, and says which were left over', async () => {
    const capped = { ...config, arxiv: { ...config.arxiv, maxPapers: 5 } } as CuratorConfig;
    const arxiv = fakeArxiv();
    const client = createArxivClient({
      fetch: arxiv.fetch,
      userAgent: 'test',
      sleep: async () => undefined,
    });
    const r = await scanArxiv({
      primary: { path: 'README.md', text: SEED_EN() },
      translation: null,
      config: capped,
      client,
      since: new Date('2025-09-01'),
      until: new Date('2025-09-20'),
    });
    expect(r.suggested).toHaveLength(5);
    const confidences = r.suggested.map((s) => s.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    expect(r.skipped.filter((s) => s.reason === 'over-cap').length).toBeGreaterThan(0);
  });
});
