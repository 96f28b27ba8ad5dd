/**
 * One client for OpenAI and any server that speaks its Chat Completions API (Azure OpenAI, Ollama,
 * vLLM, DeepSeek …): the `openai` package with a base URL, and the tolerance real servers need.
 *
 * - Output format: structured output (a JSON schema) first; a 400/422 that names the response
 *   format steps down to JSON mode, then to plain instructions (the schema in the system prompt),
 *   and the client keeps that mode for the rest of the run. A 400/422 naming `temperature` (reasoning
 *   models) drops it; one naming `max_completion_tokens` sends `max_tokens` instead. Both remembered.
 * - Replies: the JSON is found in plain text, a ```json fence, prose around it, after a `<think>`
 *   block, or in `reasoning_content` when `content` is empty. Nothing here trusts it.
 * - Retries are ours (the package's are off, so every HTTP attempt is counted): time-outs,
 *   connection failures, 429 and 5xx, at most `maxRetries` times, waiting what `retry-after` asks
 *   but never more than 30 s (and saying so).
 * - Fatal answers (401, 403, 404, 429 `insufficient_quota`) stop the client: every later call
 *   throws the same reason without a request.
 * - Every attempt's requests and tokens are reported, on the reply and on the error.
 * - A server without a key (Ollama, vLLM on localhost) gets no `Authorization` header.
 */
// The `openai` package is loaded by the first request (commands that may ask an LLM start without
// it; an offline run never loads it).
import type OpenAIClient from 'openai';
import { extractJson, looksLikeHtml, oneLine, readErrorBody, type ServerError } from './reply.js';

export interface LlmOptions {
  /** Optional when `baseURL` is set (a keyless local server); then no Authorization header is sent. */
  apiKey?: string | undefined;
  /** e.g. `http://localhost:11434/v1` for Ollama; default: OpenAI. */
  baseURL?: string | undefined;
  model: string;
  /** Per HTTP attempt; default 60 s. */
  timeoutMs?: number;
  /** Retries of a time-out, a connection failure, a 429 or a 5xx; default 2. */
  maxRetries?: number;
  fetch?: typeof fetch;
  /** How to wait before a retry (tests pass one that records instead of waiting). */
  sleep?: (ms: number) => Promise<void>;
  /** The longest wait before a retry, whatever `retry-after` asks; default 30 s. */
  maxWaitMs?: number;
}

export interface LlmRequest {
  system: string;
  user: string;
  /** JSON schema of the reply (strict: every property required, no others). */
  schema: Record<string, unknown>;
  schemaName: string;
  /** Sent as `max_completion_tokens` (or `max_tokens`); default 2000. */
  maxCompletionTokens?: number;
  /** HTTP attempts this call may make, retries included (the caller's remaining budget). */
  maxRequests?: number;
}

export type LlmMode = 'json_schema' | 'json_object' | 'plain';

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface LlmReply {
  json: unknown;
  /** Tokens of every attempt of this call, replies that failed included. */
  usage: LlmUsage;
  mode: LlmMode;
  /** HTTP attempts this call made. */
  requests: number;
  /** What the client did that the caller may want to show (e.g. a capped retry-after wait). */
  notes: string[];
}

export class LlmError extends Error {
  override readonly name = 'LlmError';
  /** HTTP attempts the failed call made (0 when the client had already stopped). */
  readonly requests: number;
  /** Tokens the failed call used (a reply that did not parse still costs its tokens). */
  readonly usage: LlmUsage;
  /** The client has stopped: no later call will make a request. */
  readonly fatal: boolean;
  readonly notes: string[];

  constructor(
    message: string,
    details: {
      requests?: number;
      usage?: LlmUsage;
      fatal?: boolean;
      notes?: string[];
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.requests = details.requests ?? 0;
    this.usage = details.usage ?? { promptTokens: 0, completionTokens: 0 };
    this.fatal = details.fatal ?? false;
    this.notes = details.notes ?? [];
  }
}

export interface Llm {
  readonly model: string;
  complete(request: LlmRequest): Promise<LlmReply>;
}

export const DEFAULT_MAX_COMPLETION_TOKENS = 2000;
const STOPPED = 'no more LLM requests this run';

/** What one HTTP attempt came to. */
type Attempt =
  | { kind: 'reply'; status: number; headers: Headers; body: string }
  | { kind: 'timeout' }
  | { kind: 'unreachable'; detail: string };

/** Why an attempt did not give JSON, and what to do about it. */
interface Failure {
  reason: string;
  retry: boolean;
  fatal?: boolean;
  /** Wait asked by the server (retry-after), in ms. */
  askedMs?: number | undefined;
}

export function createLlm(options: LlmOptions): Llm {
  const apiKey = options.apiKey?.trim() || undefined;
  if (!apiKey && !options.baseURL) {
    throw new LlmError(
      "no API key: OpenAI's API needs one (OPENAI_API_KEY); a server that needs none (Ollama, vLLM) needs its URL (OPENAI_BASE_URL)",
    );
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxRetries = Math.max(0, options.maxRetries ?? 2);
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((done) => setTimeout(done, ms)));
  const baseFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  // What the run has learnt about the server; kept for every later call.
  let mode: LlmMode = 'json_schema';
  let sendTemperature = true;
  let tokenParam: 'max_completion_tokens' | 'max_tokens' = 'max_completion_tokens';
  let stopped: string | undefined;

  // A server may echo the key in an error ("Incorrect API key provided: sk-…"); it never goes
  // further than this client. A short key is not searched for: "x" would mangle every word.
  const redact = (text: string) =>
    apiKey && apiKey.length >= 8 ? text.split(apiKey).join('[redacted key]') : text;

  /** One HTTP attempt through the `openai` package, with its own retries off. */
  const send = async (body: Record<string, unknown>): Promise<Attempt> => {
    const { default: OpenAI } = await import('openai');
    let seen: Attempt | undefined;
    const fetchOnce: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (!apiKey) headers.delete('authorization');
      const response = await baseFetch(input, { ...init, headers });
      // Read here, inside the package's time-out, and kept: error bodies in shapes the package
      // does not read ({"detail": …}, plain text) still reach the reason shown.
      const text = await response.text();
      seen = { kind: 'reply', status: response.status, headers: response.headers, body: text };
      const empty = text === '' || [204, 205, 304].includes(response.status);
      return new Response(empty ? null : text, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    };
    const client = new OpenAI({
      // The package insists on a key; without one the header is taken off (below and above).
      apiKey: apiKey ?? 'no-key',
      ...(apiKey ? {} : { defaultHeaders: { Authorization: null } }),
      baseURL: options.baseURL ?? null,
      timeout: timeoutMs,
      maxRetries: 0,
      fetch: fetchOnce,
    });
    try {
      await client.chat.completions
        .create(body as unknown as OpenAIClient.ChatCompletionCreateParamsNonStreaming)
        .asResponse();
    } catch (error) {
      if (seen) return seen;
      if (error instanceof OpenAI.APIConnectionTimeoutError) return { kind: 'timeout' };
      const cause = (error as { cause?: { cause?: { code?: string }; message?: string } }).cause;
      return {
        kind: 'unreachable',
        detail: cause?.cause?.code ?? cause?.message ?? (error as Error).message ?? String(error),
      };
    }
    return seen!;
  };

  const bodyFor = (request: LlmRequest): Record<string, unknown> => {
    const instructions =
      mode === 'json_schema'
        ? request.system
        : `${request.system}\n\nAnswer with one JSON object and nothing else (no Markdown, no prose). It must follow this JSON schema:\n${JSON.stringify(request.schema)}`;
    return {
      model: options.model,
      messages: [
        { role: 'system', content: instructions },
        { role: 'user', content: request.user },
      ],
      ...(sendTemperature ? { temperature: 0 } : {}),
      [tokenParam]: request.maxCompletionTokens ?? DEFAULT_MAX_COMPLETION_TOKENS,
      ...(mode === 'json_schema'
        ? {
            response_format: {
              type: 'json_schema',
              json_schema: { name: request.schemaName, schema: request.schema, strict: true },
            },
          }
        : mode === 'json_object'
          ? { response_format: { type: 'json_object' } }
          : {}),
    };
  };

  /** A 400/422 the client can answer by asking differently; true when it changed something. */
  const adapt = (error: ServerError, notes: string[]): boolean => {
    const named = `${error.param ?? ''} ${error.code ?? ''} ${error.message}`.toLowerCase();
    const names = (...words: string[]) => words.some((w) => named.includes(w));
    if (mode !== 'plain' && names('response_format', 'json_schema', 'json_object', 'structured')) {
      const from = mode;
      mode = mode === 'json_schema' ? 'json_object' : 'plain';
      notes.push(`the server refused ${from} output; asking with ${mode} from now on`);
      return true;
    }
    if (sendTemperature && names('temperature')) {
      sendTemperature = false;
      notes.push('the server refused temperature; not sending it from now on');
      return true;
    }
    if (tokenParam === 'max_completion_tokens' && names('max_completion_tokens')) {
      tokenParam = 'max_tokens';
      notes.push('the server refused max_completion_tokens; sending max_tokens from now on');
      return true;
    }
    return false;
  };

  const timeoutText = () =>
    `the LLM server timed out: no answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`}`;

  const failureOf = (attempt: Attempt): Failure => {
    if (attempt.kind === 'timeout') return { reason: timeoutText(), retry: true };
    if (attempt.kind === 'unreachable')
      return {
        reason: `could not reach the LLM server at ${options.baseURL ?? 'https://api.openai.com/v1'}: ${oneLine(attempt.detail, 120)}`,
        retry: true,
      };
    const { status, headers, body } = attempt;
    const error = readErrorBody(body);
    const said = error.message ? `: ${error.message}` : ' (no body)';
    if (status === 401)
      return { reason: `the LLM server refused the key (401)${said}`, retry: false, fatal: true };
    if (status === 403)
      return { reason: `the LLM server denied access (403)${said}`, retry: false, fatal: true };
    if (status === 404)
      return {
        reason: `the LLM server does not know this model or URL (404; model ${options.model})${said}`,
        retry: false,
        fatal: true,
      };
    if (status === 429) {
      const quota = `${error.code ?? ''} ${error.type ?? ''}`.includes('insufficient_quota');
      if (quota)
        return {
          reason: `the LLM account has no quota left (429 insufficient_quota)${said}`,
          retry: false,
          fatal: true,
        };
      return {
        reason: `the LLM server is rate-limiting (429)${said}`,
        retry: true,
        askedMs: askedWait(headers),
      };
    }
    if (status === 408 || status >= 500)
      return {
        reason: `the LLM server failed (${status})${said}`,
        retry: true,
        askedMs: askedWait(headers),
      };
    return { reason: `the LLM server rejected the request (${status})${said}`, retry: false };
  };

  /** The JSON of a 2xx attempt, or why there is none. Adds the attempt's tokens to `usage`. */
  const readReply = (
    attempt: Extract<Attempt, { kind: 'reply' }>,
    request: LlmRequest,
    usage: LlmUsage,
  ): { json: unknown } | { reason: string } => {
    const contentType = attempt.headers.get('content-type') ?? '';
    let data: unknown;
    try {
      data = JSON.parse(attempt.body);
    } catch {
      if (looksLikeHtml(attempt.body) || contentType.includes('text/html'))
        return {
          reason: `the LLM server answered with an HTML page (status ${attempt.status}), not a chat completion; check the base URL (it usually ends in /v1)`,
        };
      return attempt.body.trim() === ''
        ? { reason: `the LLM server sent an empty body (status ${attempt.status})` }
        : {
            reason: `the LLM server's answer is not JSON (status ${attempt.status}: ${oneLine(attempt.body, 80)})`,
          };
    }
    const completion = (typeof data === 'object' && data !== null ? data : {}) as {
      usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
      choices?: unknown;
      error?: unknown;
    };
    const count = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : 0);
    usage.promptTokens += count(completion.usage?.prompt_tokens);
    usage.completionTokens += count(completion.usage?.completion_tokens);
    if (completion.error !== undefined)
      return {
        reason: `the LLM server answered with an error${readErrorBody(attempt.body).message ? `: ${readErrorBody(attempt.body).message}` : ''}`,
      };
    const choice = Array.isArray(completion.choices)
      ? (completion.choices[0] as
          | {
              finish_reason?: unknown;
              message?: {
                content?: unknown;
                refusal?: unknown;
                reasoning_content?: unknown;
                reasoning?: unknown;
              };
            }
          | undefined)
      : undefined;
    if (!choice) return { reason: 'the reply is not a chat completion (it has no choices)' };
    const message = choice.message ?? {};
    if (typeof message.refusal === 'string' && message.refusal)
      return { reason: `the model refused: ${oneLine(message.refusal, 200)}` };
    const content = textOf(message.content);
    const reasoning = textOf(message.reasoning_content) || textOf(message.reasoning);
    const wanted = Array.isArray(request.schema['required'])
      ? (request.schema['required'] as unknown[]).filter((k): k is string => typeof k === 'string')
      : [];
    let json = content.trim() ? extractJson(content, { wanted }) : undefined;
    // DeepSeek and vLLM reasoning parsers may leave `content` empty with the answer in the reasoning.
    if (json === undefined && !content.trim() && reasoning.trim())
      json = extractJson(reasoning, { wanted, prefer: 'last' });
    if (json !== undefined) return { json };
    if (choice.finish_reason === 'length')
      return {
        reason: `the reply was cut off (finish_reason: length) after ${request.maxCompletionTokens ?? DEFAULT_MAX_COMPLETION_TOKENS} completion tokens`,
      };
    if (!content.trim())
      return {
        reason: reasoning.trim()
          ? 'the model wrote only reasoning, with no JSON in it'
          : `the model's reply is empty (finish_reason: ${typeof choice.finish_reason === 'string' ? choice.finish_reason : 'none'})`,
      };
    return { reason: `the reply is not JSON (${oneLine(content, 80)})` };
  };

  return {
    model: options.model,
    async complete(request) {
      if (stopped) throw new LlmError(stopped, { fatal: true });
      const usage: LlmUsage = { promptTokens: 0, completionTokens: 0 };
      const notes: string[] = [];
      const allowed = request.maxRequests ?? Number.POSITIVE_INFINITY;
      let requests = 0;
      let retries = 0;
      const fail = (reason: string, fatal = false, cause?: unknown): LlmError => {
        const tried = requests > 1 ? `${requests} attempts` : '';
        const waits = new Set(notes.filter((n) => n.startsWith('the server asked')));
        const extra = [tried, ...waits].filter(Boolean).join('; ');
        const message = redact(`${reason}${extra ? ` (${extra})` : ''}`);
        if (fatal) stopped = redact(`${reason}; ${STOPPED}`);
        return new LlmError(fatal ? stopped! : message, {
          requests,
          usage,
          fatal,
          notes: notes.map(redact),
          cause,
        });
      };
      for (;;) {
        if (requests >= allowed) throw fail('the request cap was reached before the LLM answered');
        requests += 1;
        const sentMode = mode;
        const attempt = await send(bodyFor(request));
        if (attempt.kind === 'reply' && attempt.status >= 200 && attempt.status < 300) {
          const read = readReply(attempt, request, usage);
          if ('json' in read)
            return { json: read.json, usage, mode: sentMode, requests, notes: notes.map(redact) };
          throw fail(read.reason);
        }
        if (
          attempt.kind === 'reply' &&
          (attempt.status === 400 || attempt.status === 422) &&
          adapt(readErrorBody(attempt.body), notes)
        ) {
          if (requests >= allowed) throw fail(failureOf(attempt).reason);
          continue;
        }
        const failure = failureOf(attempt);
        if (failure.fatal) throw fail(failure.reason, true);
        if (!failure.retry || retries >= maxRetries || requests >= allowed)
          throw fail(failure.reason);
        retries += 1;
        const backoff = Math.min(maxWaitMs, 500 * 2 ** (retries - 1));
        let wait = failure.askedMs ?? backoff;
        if (wait > maxWaitMs) {
          notes.push(
            `the server asked to wait ${Math.round(wait / 1000)} s; waited ${Math.round(maxWaitMs / 1000)} s`,
          );
          wait = maxWaitMs;
        }
        await sleep(wait);
      }
    },
  };
}

/** The wait a `retry-after-ms` or `retry-after` header asks for, in ms. */
function askedWait(headers: Headers): number | undefined {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const after = headers.get('retry-after');
  if (!after) return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Message content as text: a string, or the text parts of an array of parts. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value
      .map((p) =>
        typeof p === 'object' && p !== null && typeof (p as { text?: unknown }).text === 'string'
          ? (p as { text: string }).text
          : '',
      )
      .join('');
  return '';
}
