/**
 * The provider matrix: the LLM classifier and the real client against a local OpenAI-compatible
 * stand-in (an HTTP server on 127.0.0.1) that answers the way real services do: OpenAI structured
 * outputs, servers without json_schema (OpenAI's 400, FastAPI's 422), models that wrap their JSON
 * in fences, prose or `<think>` blocks or leave it in `reasoning_content`, reasoning models that
 * refuse `temperature`, a bad item, ids numbered from 1 or shifted, a 429 asking for 120 s, a
 * refused key, an HTML page with status 200.
 *
 * Each paper has its own category and TL;DR, so a verdict given to the wrong paper shows. Each case
 * says which papers the LLM answered, the reason for each that fell back, and the exact number of
 * HTTP requests the stand-in saw (which is also what the run reports as spent).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { memoryCache } from '../../src/classifier/cache.js';
import { readGuidelines } from '../../src/classifier/guidelines.js';
import { llmClassifier } from '../../src/classifier/llm-classifier.js';
import { offlineClassifier } from '../../src/classifier/offline.js';
import type { PaperInput } from '../../src/classifier/verdict.js';
import { categorySections, parseList } from '../../src/list/index.js';
import { createLlm } from '../../src/llm/client.js';
import { SEED_EN } from '../helpers/fixtures.js';
import {
  apiError,
  completion,
  fastApiError,
  openaiStandIn,
  papersOf,
  type SeenRequest,
  type StandIn,
  type StandInAnswer,
} from '../helpers/openai.js';

const list = parseList(SEED_EN(), 'README.md');
const guidelines = readGuidelines(list, categorySections(list));
const offline = offlineClassifier(guidelines);

const PAPERS: PaperInput[] = [
  {
    id: '2404.14469',
    title: 'SnapKV: LLM Knows What You are Looking for Before Generation',
    abstract:
      'Keeps only the key-value pairs each attention head needs, chosen from an observation window, so the KV cache shrinks during generation.',
  },
  {
    id: '2304.08467',
    title: 'Learning to Compress Prompts with Gist Tokens',
    abstract:
      'Trains a model to squeeze an instruction into a few gist tokens whose activations replace the prompt.',
  },
  {
    id: '2310.05736',
    title: 'LLMLingua: Compressing Prompts for Accelerated Inference of Large Language Models',
    abstract:
      'Drops tokens from the prompt with a small language model, budgeted per segment, before the large model reads it.',
  },
];
/** What a good model says of each paper: its own category and TL;DR. */
const TRUTH: Record<string, { category: string; tldr: string }> = {
  '2404.14469': { category: 'kv-cache', tldr: 'SnapKV keeps the KV pairs each head needs.' },
  '2304.08467': { category: 'implicit', tldr: 'Gist tokens stand in for the prompt.' },
  '2310.05736': { category: 'explicit', tldr: 'LLMLingua drops prompt tokens before inference.' },
};
const LLM_ANSWERS = PAPERS.map((p) => ['llm', TRUTH[p.id]!.category, TRUTH[p.id]!.tldr]);

const verdictFor = (id: string, answerAs = id) => ({
  id: answerAs,
  category: TRUTH[id]!.category,
  confidence: 0.9,
  rationale: `Placed by the guideline of ${TRUTH[id]!.category}.`,
  runner_up: null,
  tags: [],
  tldr: TRUTH[id]!.tldr,
});
/** The verdicts a good model writes for the papers of a request. */
const verdictsOf = (r: SeenRequest) => ({
  verdicts: papersOf(r.body).map((p) => verdictFor(p.id)),
});
const json = (r: SeenRequest) => JSON.stringify(verdictsOf(r));
const ok = (content: string | null, extra: Parameters<typeof completion>[2] = {}) => ({
  body: completion(content, { prompt: 1000, completion: 150 }, extra),
});

let server: StandIn | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(
  answer: (r: SeenRequest, n: number) => StandInAnswer,
  options: { apiKey?: string | undefined } = {},
) {
  server = await openaiStandIn(answer);
  const sleeps: number[] = [];
  const llm = createLlm({
    apiKey: 'apiKey' in options ? options.apiKey : 'sk-test-not-real-0123456789',
    baseURL: server.baseURL,
    model: 'test-model',
    sleep: async (ms) => void sleeps.push(ms),
  });
  const classifier = llmClassifier({
    llm,
    guidelines,
    offline,
    cache: memoryCache(),
    budget: { maxRequests: 20, maxTokens: 1_000_000 },
  });
  const { verdicts, spend } = await classifier.classify(PAPERS);
  expect(spend.requests).toBe(server.requests.length);
  return {
    answers: verdicts.map((v) =>
      v.source === 'llm' ? [v.source, v.category, v.tldr] : [v.source],
    ),
    reasons: Object.fromEntries(spend.offline.map((o) => [o.id, o.reason])),
    requests: server.requests,
    spend,
    sleeps,
    classifier,
  };
}

describe('provider matrix (a local OpenAI-compatible stand-in)', () => {
  it('OpenAI structured outputs: one request, every verdict from the LLM', async () => {
    const r = await run((req) => ok(json(req)));
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.reasons).toEqual({});
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]!.body.response_format?.type).toBe('json_schema');
    expect(r.spend).toMatchObject({ promptTokens: 1000, completionTokens: 150 });
  });

  it('json_schema refused with 400 (OpenAI shape): asked again in JSON mode', async () => {
    const r = await run((req, n) =>
      n === 0
        ? {
            status: 400,
            body: apiError(
              "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
              'invalid_request_error',
              'response_format',
            ),
          }
        : ok(json(req)),
    );
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.requests.map((q) => q.body.response_format?.type)).toEqual([
      'json_schema',
      'json_object',
    ]);
  });

  it('json_schema refused with 422 (FastAPI shape): asked again in JSON mode', async () => {
    const r = await run((req) =>
      req.body.response_format?.type === 'json_schema'
        ? { status: 422, body: fastApiError('response_format') }
        : ok(json(req)),
    );
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.requests).toHaveLength(2);
  });

  it('JSON in a ```json fence', async () => {
    const r = await run((req) =>
      ok(`\`\`\`json\n${JSON.stringify(verdictsOf(req), null, 2)}\n\`\`\``),
    );
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.requests).toHaveLength(1);
  });

  it('prose around the JSON', async () => {
    const r = await run((req) =>
      ok(`Here are the verdicts you asked for:\n\n${json(req)}\n\nLet me know if you need more.`),
    );
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.requests).toHaveLength(1);
  });

  it('a <think> block before the JSON', async () => {
    const r = await run((req) =>
      ok(
        `<think>\nThe first paper evicts KV pairs, so {"category": "kv-cache"}…\n</think>\n\n${json(req)}`,
      ),
    );
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.requests).toHaveLength(1);
  });

  it('content null, the answer in reasoning_content (DeepSeek, vLLM reasoning parsers)', async () => {
    const r = await run((req) =>
      ok(null, { reasoning_content: `Let me place each paper. Final answer:\n${json(req)}` }),
    );
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.requests).toHaveLength(1);
  });

  it('a reasoning model that refuses temperature: asked again without it', async () => {
    const r = await run((req) =>
      req.body.temperature !== undefined
        ? {
            status: 400,
            body: apiError(
              "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
              'invalid_request_error',
              'temperature',
              'unsupported_value',
            ),
          }
        : ok(json(req)),
    );
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.requests.map((q) => q.body.temperature)).toEqual([0, undefined]);
  });

  it('one invalid item: that paper falls back, the others are kept', async () => {
    const r = await run((req) => {
      const { verdicts } = verdictsOf(req);
      verdicts[1] = { ...verdicts[1]!, category: 'quantum-compression' };
      return ok(JSON.stringify({ verdicts }));
    });
    expect(r.answers).toEqual([LLM_ANSWERS[0], ['offline'], LLM_ANSWERS[2]]);
    expect(r.reasons).toEqual({
      '2304.08467': 'the LLM named a category that does not exist (quantum-compression)',
    });
    expect(r.requests).toHaveLength(1);
  });

  it('ids numbered from 1: nobody gets a neighbour’s verdict; each paper is asked again on its own', async () => {
    const r = await run((req) => {
      const papers = papersOf(req.body);
      // In a batch the model numbers the papers; alone, it copies the id.
      const verdicts =
        papers.length > 1
          ? papers.map((p, k) => verdictFor(PAPERS[(k + 1) % 3]!.id, String(k + 1)))
          : papers.map((p) => verdictFor(p.id));
      return ok(JSON.stringify({ verdicts }));
    });
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.requests.map((q) => papersOf(q.body).length)).toEqual([3, 1, 1, 1]);
  });

  it('ids numbered from 1 every time: every paper falls back, after one request each', async () => {
    const r = await run((req) =>
      ok(
        JSON.stringify({
          verdicts: papersOf(req.body).map((p, k) => verdictFor(p.id, String(k + 1))),
        }),
      ),
    );
    expect(r.answers).toEqual([['offline'], ['offline'], ['offline']]);
    expect(new Set(Object.values(r.reasons))).toEqual(
      new Set(["the LLM's verdicts did not carry this paper's id"]),
    );
    expect(r.requests).toHaveLength(4);
  });

  it('verdicts in another order (positions shifted): matched by id, one request', async () => {
    const r = await run((req) => {
      const { verdicts } = verdictsOf(req);
      return ok(JSON.stringify({ verdicts: [verdicts[2], verdicts[0], verdicts[1]] }));
    });
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.requests).toHaveLength(1);
  });

  it('429 with retry-after 120: waits 30 s (said so), then the LLM answers', async () => {
    const r = await run((req, n) =>
      n === 0
        ? {
            status: 429,
            headers: { 'retry-after': '120' },
            body: apiError(
              'Rate limit reached for requests',
              'requests',
              null,
              'rate_limit_exceeded',
            ),
          }
        : ok(json(req)),
    );
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.sleeps).toEqual([30_000]);
    expect(r.spend.notes).toEqual(['the server asked to wait 120 s; waited 30 s']);
    expect(r.requests).toHaveLength(2);
  });

  it('401: every paper falls back with the reason, and the run makes no more requests', async () => {
    const r = await run(() => ({
      status: 401,
      body: apiError(
        'Incorrect API key provided: sk-test-not-real-0123456789.',
        'invalid_request_error',
        null,
        'invalid_api_key',
      ),
    }));
    const reason =
      'the LLM server refused the key (401): Incorrect API key provided: [redacted key].; no more LLM requests this run';
    expect(r.answers).toEqual([['offline'], ['offline'], ['offline']]);
    expect(r.reasons).toEqual(Object.fromEntries(PAPERS.map((p) => [p.id, reason])));
    expect(r.requests).toHaveLength(1);
    const again = await r.classifier.classify([{ ...PAPERS[0]!, id: '2404.99999' }]);
    expect(again.spend).toMatchObject({ requests: 0, offline: [{ id: '2404.99999', reason }] });
    expect(r.requests).toHaveLength(1);
  });

  it('an HTML page with status 200: every paper falls back with the reason', async () => {
    const r = await run(() => ({
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!DOCTYPE html>\n<html><head><title>Welcome to nginx!</title></head><body><h1>Welcome</h1></body></html>',
    }));
    expect(r.answers).toEqual([['offline'], ['offline'], ['offline']]);
    expect(new Set(Object.values(r.reasons))).toEqual(
      new Set([
        'the LLM server answered with an HTML page (status 200), not a chat completion; check the base URL (it usually ends in /v1)',
      ]),
    );
    expect(r.requests).toHaveLength(1);
  });

  it('a keyless local server (Ollama) without structured output: no Authorization header, plain instructions', async () => {
    const r = await run(
      (req) =>
        req.body.response_format
          ? {
              status: 400,
              body: { error: `invalid format: ${req.body.response_format.type} is not supported` },
            }
          : ok(json(req)),
      { apiKey: undefined },
    );
    expect(r.answers).toEqual(LLM_ANSWERS);
    expect(r.requests.map((q) => [q.headers.authorization, q.body.response_format?.type])).toEqual([
      [undefined, 'json_schema'],
      [undefined, 'json_object'],
      [undefined, undefined],
    ]);
  });
});
