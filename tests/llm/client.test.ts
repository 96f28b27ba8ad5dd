import { afterEach, describe, expect, it } from 'vitest';
import { createLlm, LlmError, type LlmOptions, type LlmRequest } from '../../src/llm/client.js';
import {
  apiError,
  completion,
  fastApiError,
  openaiStandIn,
  vllmError,
  type StandIn,
  type StandInAnswer,
} from '../helpers/openai.js';

const KEY = 'sk-test-not-real-0123456789';
const request: LlmRequest = {
  system: 'Sort the papers.',
  user: '<papers>\n[]\n</papers>',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['verdicts'],
    properties: { verdicts: { type: 'array', items: { type: 'object' } } },
  },
  schemaName: 'paper_verdicts',
};
const ANSWER = { verdicts: [{ id: '2404.14469', category: 'kv-cache' }] };
const ok = (content: string | null, extra: Parameters<typeof completion>[2] = {}) => ({
  body: completion(content, { prompt: 100, completion: 20 }, extra),
});

let server: StandIn | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(answers: StandInAnswer[] | ((n: number) => StandInAnswer)) {
  server = await openaiStandIn((_r, n) =>
    typeof answers === 'function'
      ? answers(n)
      : (answers[n] ?? { status: 500, body: apiError('the test has no more answers') }),
  );
  return server;
}

function llmFor(s: StandIn, options: Partial<LlmOptions> = {}) {
  const sleeps: number[] = [];
  const llm = createLlm({
    apiKey: KEY,
    baseURL: s.baseURL,
    model: 'gpt-4o-mini',
    sleep: async (ms) => void sleeps.push(ms),
    ...options,
  });
  return { llm, sleeps };
}

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
};

describe('LLM client: what it sends', () => {
  it('asks for strict structured output with temperature 0 and max_completion_tokens, with the key', async () => {
    const s = await start([ok(JSON.stringify(ANSWER))]);
    const { llm } = llmFor(s);
    const reply = await llm.complete({ ...request, maxCompletionTokens: 1500 });
    expect(reply).toEqual({
      json: ANSWER,
      usage: { promptTokens: 100, completionTokens: 20 },
      mode: 'json_schema',
      requests: 1,
      notes: [],
    });
    const [seen] = s.requests;
    expect(seen!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen!.body).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0,
      max_completion_tokens: 1500,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'paper_verdicts', strict: true, schema: request.schema },
      },
    });
    expect(seen!.body).not.toHaveProperty('max_tokens');
    expect(seen!.body.messages).toEqual([
      { role: 'system', content: 'Sort the papers.' },
      { role: 'user', content: request.user },
    ]);
  });

  it('sends max_completion_tokens 2000 when the caller gives none', async () => {
    const s = await start([ok(JSON.stringify(ANSWER))]);
    await llmFor(s).llm.complete(request);
    expect(s.requests[0]!.body.max_completion_tokens).toBe(2000);
  });

  it('sends no Authorization header to a keyless server (Ollama, vLLM)', async () => {
    const s = await start([ok(JSON.stringify(ANSWER)), ok(JSON.stringify(ANSWER))]);
    await llmFor(s, { apiKey: undefined }).llm.complete(request);
    await llmFor(s, { apiKey: '  ' }).llm.complete(request);
    expect(s.requests.map((r) => r.headers.authorization)).toEqual([undefined, undefined]);
  });

  it('refuses to start without a key and without a base URL (OpenAI itself needs a key)', () => {
    expect(() => createLlm({ model: 'gpt-4o-mini' })).toThrow(
      /no API key: OpenAI's API needs one \(OPENAI_API_KEY\).*OPENAI_BASE_URL/,
    );
  });
});

describe('LLM client: finding the JSON in a reply', () => {
  const json = JSON.stringify(ANSWER);
  it.each([
    ['plain JSON', ok(json)],
    ['a ```json fence', ok(`\`\`\`json\n${json}\n\`\`\``)],
    ['a bare ``` fence with prose', ok(`Here you go:\n\`\`\`\n${json}\n\`\`\`\nHope it helps.`)],
    [
      'prose around one object',
      ok(`Sure! The verdicts are ${json} — let me know if {anything} else.`),
    ],
    [
      'a <think> block first (with braces in it)',
      ok(`<think>The schema wants {"verdicts": […]}; paper one is KV.</think>\n${json}`),
    ],
    ['a lone </think> (the opening tag stripped by the server)', ok(`reasoning…</think>${json}`)],
    [
      'content null, the answer in reasoning_content (DeepSeek, vLLM)',
      ok(null, { reasoning_content: `First a draft {"verdicts": []}. Final: ${json}` }),
    ],
    ['content empty, reasoning_content with the answer', ok('', { reasoning_content: `${json}` })],
  ])('reads %s', async (_name, answer) => {
    const s = await start([answer]);
    const reply = await llmFor(s).llm.complete(request);
    expect(reply.json).toEqual(ANSWER);
    expect(reply.requests).toBe(1);
  });

  it.each([
    [
      'an HTML page with status 200',
      {
        headers: { 'content-type': 'text/html' },
        body: '<!DOCTYPE html><html><head><title>Sign in</title></head><body>Portal</body></html>',
      },
      'the LLM server answered with an HTML page (status 200), not a chat completion; check the base URL (it usually ends in /v1)',
    ],
    ['empty content', ok(''), "the model's reply is empty (finish_reason: stop)"],
    [
      'reasoning without JSON',
      ok(null, { reasoning_content: 'I think paper one is about KV caches.' }),
      'the model wrote only reasoning, with no JSON in it',
    ],
    [
      'text that is not JSON',
      ok('Sure! Here is {"verdicts": ['),
      'the reply is not JSON (Sure! Here is {"verdicts": [)',
    ],
    [
      'a reply cut off',
      ok('{"verdicts":[{"id":', { finish_reason: 'length' }),
      'the reply was cut off (finish_reason: length) after 2000 completion tokens',
    ],
    [
      'a refusal',
      ok(null, { refusal: 'I cannot help with that.' }),
      'the model refused: I cannot help with that.',
    ],
    [
      'a 200 that is an error object',
      { body: apiError('upstream model crashed', 'server_error') },
      'the LLM server answered with an error: upstream model crashed',
    ],
    [
      'a completion with no choices',
      { body: { ...completion('x'), choices: [] } },
      'the reply is not a chat completion (it has no choices)',
    ],
  ])('says why on %s, counting the request and its tokens', async (_name, answer, reason) => {
    const s = await start([answer]);
    const error = await failure(llmFor(s).llm.complete(request));
    expect(error.message).toBe(reason);
    expect(error.requests).toBe(1);
    expect(error.fatal).toBe(false);
    expect(s.requests).toHaveLength(1);
  });

  it('counts the tokens of a reply that failed to parse', async () => {
    const s = await start([ok('not json at all')]);
    const error = await failure(llmFor(s).llm.complete(request));
    expect(error.usage).toEqual({ promptTokens: 100, completionTokens: 20 });
  });
});

describe('LLM client: stepping down the output format', () => {
  it('json_schema refused (OpenAI 400) → json_object refused (vLLM 400) → plain instructions; remembered for the run', async () => {
    const s = await start([
      {
        status: 400,
        body: apiError(
          "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
          'invalid_request_error',
          'response_format',
        ),
      },
      { status: 400, body: vllmError('json_object is not supported by this server') },
      ok(`\`\`\`json\n${JSON.stringify(ANSWER)}\n\`\`\``),
      ok(JSON.stringify(ANSWER)),
    ]);
    const { llm } = llmFor(s);
    const first = await llm.complete(request);
    expect(first).toMatchObject({ json: ANSWER, mode: 'plain', requests: 3 });
    expect(first.usage).toEqual({ promptTokens: 100, completionTokens: 20 });
    expect(first.notes).toEqual([
      'the server refused json_schema output; asking with json_object from now on',
      'the server refused json_object output; asking with plain from now on',
    ]);
    const second = await llm.complete(request);
    expect(second).toMatchObject({ mode: 'plain', requests: 1, notes: [] });
    expect(s.requests.map((r) => r.body.response_format?.type ?? 'none')).toEqual([
      'json_schema',
      'json_object',
      'none',
      'none',
    ]);
    const system = s.requests[2]!.body.messages[0]!.content;
    expect(system).toContain('Answer with one JSON object and nothing else');
    expect(system).toContain(JSON.stringify(request.schema));
  });

  it.each([
    ['a FastAPI 422 {"detail": [...]}', { status: 422, body: fastApiError('response_format') }],
    [
      'a FastAPI 422 {"detail": "…"}',
      { status: 422, body: { detail: 'structured outputs are not available' } },
    ],
    ['a plain-text 400', { status: 400, body: 'json_schema: unsupported' }],
    [
      'an OpenAI 400 whose param names it',
      { status: 400, body: apiError('Invalid value.', 'invalid_request_error', 'response_format') },
    ],
  ])('steps down on %s', async (_name, refusal) => {
    const s = await start([refusal, ok(JSON.stringify(ANSWER))]);
    const reply = await llmFor(s).llm.complete(request);
    expect(reply).toMatchObject({ json: ANSWER, mode: 'json_object', requests: 2 });
    expect(s.requests[1]!.body.response_format).toEqual({ type: 'json_object' });
  });

  it("shows the server's own message for a 400 it cannot adapt to, never 'no body'", async () => {
    for (const [body, said] of [
      [{ detail: 'context length exceeded: 9000 > 8192' }, 'context length exceeded: 9000 > 8192'],
      [
        vllmError('This model has a maximum context length of 8192 tokens.'),
        'This model has a maximum context length of 8192 tokens.',
      ],
      ['prompt too long', 'prompt too long'],
      [fastApiError('messages', 'Field required'), 'body.messages: Field required'],
    ] as const) {
      const s = await start([{ status: 400, body }]);
      const error = await failure(llmFor(s).llm.complete(request));
      expect(error.message).toBe(`the LLM server rejected the request (400): ${said}`);
      expect(error.message).not.toMatch(/no body/);
      await s.close();
      server = undefined;
    }
  });

  it("says '(no body)' only when there was none", async () => {
    const s = await start([{ status: 400, body: '' }]);
    const error = await failure(llmFor(s).llm.complete(request));
    expect(error.message).toBe('the LLM server rejected the request (400) (no body)');
  });
});

describe('LLM client: parameters reasoning models and older servers refuse', () => {
  it('drops temperature when a reasoning model refuses it, and never sends it again', async () => {
    const s = await start([
      {
        status: 400,
        body: apiError(
          "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
          'invalid_request_error',
          'temperature',
          'unsupported_value',
        ),
      },
      ok(JSON.stringify(ANSWER)),
      ok(JSON.stringify(ANSWER)),
    ]);
    const { llm } = llmFor(s, { model: 'o4-mini' });
    expect(await llm.complete(request)).toMatchObject({ requests: 2, mode: 'json_schema' });
    expect(await llm.complete(request)).toMatchObject({ requests: 1 });
    expect(s.requests.map((r) => r.body.temperature)).toEqual([0, undefined, undefined]);
  });

  it('sends max_tokens when a server refuses max_completion_tokens, and keeps doing so', async () => {
    const s = await start([
      { status: 422, body: fastApiError('max_completion_tokens') },
      ok(JSON.stringify(ANSWER)),
      ok(JSON.stringify(ANSWER)),
    ]);
    const { llm } = llmFor(s);
    await llm.complete({ ...request, maxCompletionTokens: 800 });
    await llm.complete({ ...request, maxCompletionTokens: 800 });
    expect(s.requests.map((r) => [r.body.max_completion_tokens, r.body.max_tokens])).toEqual([
      [800, undefined],
      [undefined, 800],
      [undefined, 800],
    ]);
  });
});

describe('LLM client: retries', () => {
  it('retries a 5xx with backoff and counts every attempt', async () => {
    const s = await start([
      { status: 503, body: apiError('overloaded', 'server_error') },
      { status: 500, body: 'Internal Server Error' },
      ok(JSON.stringify(ANSWER)),
    ]);
    const { llm, sleeps } = llmFor(s);
    expect(await llm.complete(request)).toMatchObject({ json: ANSWER, requests: 3 });
    expect(sleeps).toEqual([500, 1000]);
  });

  it('honours retry-after-ms and retry-after below the cap', async () => {
    const s = await start([
      {
        status: 429,
        headers: { 'retry-after-ms': '250' },
        body: apiError('Rate limit reached', 'requests', null, 'rate_limit_exceeded'),
      },
      {
        status: 429,
        headers: { 'retry-after': '7' },
        body: apiError('Rate limit reached', 'requests', null, 'rate_limit_exceeded'),
      },
      ok(JSON.stringify(ANSWER)),
    ]);
    const { llm, sleeps } = llmFor(s);
    expect(await llm.complete(request)).toMatchObject({ requests: 3, notes: [] });
    expect(sleeps).toEqual([250, 7000]);
  });

  it('waits at most 30 s whatever retry-after asks, and says so', async () => {
    const limited = {
      status: 429,
      headers: { 'retry-after': '120' },
      body: apiError('Rate limit reached for requests', 'requests', null, 'rate_limit_exceeded'),
    };
    const s = await start([limited, ok(JSON.stringify(ANSWER))]);
    const { llm, sleeps } = llmFor(s);
    const reply = await llm.complete(request);
    expect(sleeps).toEqual([30_000]);
    expect(reply.notes).toEqual(['the server asked to wait 120 s; waited 30 s']);

    const t = await start(() => limited);
    const again = llmFor(t);
    const error = await failure(again.llm.complete(request));
    expect(again.sleeps).toEqual([30_000, 30_000]);
    expect(error.message).toBe(
      'the LLM server is rate-limiting (429): Rate limit reached for requests (3 attempts; the server asked to wait 120 s; waited 30 s)',
    );
    expect(error.requests).toBe(3);
    expect(t.requests).toHaveLength(3);
  });

  it('makes no more attempts than the caller allows', async () => {
    const s = await start(() => ({ status: 500, body: apiError('boom', 'server_error') }));
    const { llm, sleeps } = llmFor(s);
    const error = await failure(llm.complete({ ...request, maxRequests: 2 }));
    expect(error.requests).toBe(2);
    expect(sleeps).toEqual([500]);
    expect(s.requests).toHaveLength(2);
  });

  it('gives up after time-outs with a clear reason', async () => {
    let calls = 0;
    const hang: typeof fetch = (_input, init) => {
      calls += 1;
      return new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('This operation was aborted', 'AbortError')),
        );
      });
    };
    const sleeps: number[] = [];
    const llm = createLlm({
      apiKey: KEY,
      baseURL: 'http://127.0.0.1:9/v1',
      model: 'gpt-4o-mini',
      timeoutMs: 10,
      maxRetries: 1,
      fetch: hang,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const error = await failure(llm.complete(request));
    expect(error.message).toBe('the LLM server timed out: no answer within 10 ms (2 attempts)');
    expect(error.requests).toBe(2);
    expect(calls).toBe(2);
  });

  it('says which server it could not reach', async () => {
    const s = await start([]);
    const url = s.baseURL;
    await s.close();
    server = undefined;
    const sleeps: number[] = [];
    const llm = createLlm({
      apiKey: KEY,
      baseURL: url,
      model: 'm',
      maxRetries: 1,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const error = await failure(llm.complete(request));
    expect(error.message).toBe(
      `could not reach the LLM server at ${url}: ECONNREFUSED (2 attempts)`,
    );
  });
});

describe('LLM client: answers that stop the run', () => {
  it.each([
    [
      401,
      apiError(
        'Incorrect API key provided: sk-test-not-real-0123456789. You can find your API key at https://platform.openai.com/account/api-keys.',
        'invalid_request_error',
        null,
        'invalid_api_key',
      ),
      'the LLM server refused the key (401): Incorrect API key provided: [redacted key]. You can find your API key at https://platform.openai.com/account/api-keys.; no more LLM requests this run',
    ],
    [
      403,
      { detail: 'Forbidden' },
      'the LLM server denied access (403): Forbidden; no more LLM requests this run',
    ],
    [
      404,
      apiError(
        'The model `gpt-9` does not exist or you do not have access to it.',
        'invalid_request_error',
        null,
        'model_not_found',
      ),
      'the LLM server does not know this model or URL (404; model gpt-4o-mini): The model `gpt-9` does not exist or you do not have access to it.; no more LLM requests this run',
    ],
    [
      429,
      apiError(
        'You exceeded your current quota, please check your plan and billing details.',
        'insufficient_quota',
        null,
        'insufficient_quota',
      ),
      'the LLM account has no quota left (429 insufficient_quota): You exceeded your current quota, please check your plan and billing details.; no more LLM requests this run',
    ],
  ])(
    '%i: not retried, and every later call fails at once with the same reason',
    async (status, body, reason) => {
      const s = await start(() => ({ status, body }));
      const { llm, sleeps } = llmFor(s);
      const first = await failure(llm.complete(request));
      expect(first.message).toBe(reason);
      expect(first).toMatchObject({ fatal: true, requests: 1 });
      const later = await failure(llm.complete(request));
      expect(later.message).toBe(reason);
      expect(later).toMatchObject({ fatal: true, requests: 0 });
      expect(s.requests).toHaveLength(1);
      expect(sleeps).toEqual([]);
    },
  );

  it('redacts only keys long enough to be keys ("x" does not turn "explicit" into "e[redacted key]plicit")', async () => {
    const s = await start(() => ({ status: 401, body: apiError('explicit key x is invalid') }));
    const error = await failure(llmFor(s, { apiKey: 'x' }).llm.complete(request));
    expect(error.message).toBe(
      'the LLM server refused the key (401): explicit key x is invalid; no more LLM requests this run',
    );
  });
});
