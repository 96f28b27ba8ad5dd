/**
 * Replies shaped as the OpenAI API reference describes them (Chat Completions: the chat.completion
 * object; errors: `{ error: { message, type, param, code } }`), for nock, and a local stand-in
 * server that answers the way OpenAI-compatible servers do (vLLM's and FastAPI's error shapes,
 * DeepSeek's `reasoning_content`, an HTML page from a proxy).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export function completion(
  content: string | null,
  usage = { prompt: 900, completion: 120 },
  extra: { finish_reason?: string; refusal?: string | null; reasoning_content?: string } = {},
) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_764_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          refusal: extra.refusal ?? null,
          annotations: [],
          ...(extra.reasoning_content === undefined
            ? {}
            : { reasoning_content: extra.reasoning_content }),
        },
        logprobs: null,
        finish_reason: extra.finish_reason ?? 'stop',
      },
    ],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
    system_fingerprint: 'fp_test',
  };
}

export function apiError(
  message: string,
  type = 'invalid_request_error',
  param: string | null = null,
  code: string | null = null,
) {
  return { error: { message, type, param, code } };
}

/** vLLM's error body (`ErrorResponse`). */
export function vllmError(message: string, param: string | null = null) {
  return { object: 'error', message, type: 'BadRequestError', param, code: 400 };
}

/** FastAPI's 422 body for a request field pydantic refused. */
export function fastApiError(field: string, msg = 'Extra inputs are not permitted') {
  return {
    detail: [{ type: 'extra_forbidden', loc: ['body', field], msg, input: {} }],
  };
}

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: {
    type: string;
    json_schema?: { name: string; strict: boolean; schema: Record<string, unknown> };
  };
  temperature?: number;
  max_completion_tokens?: number;
  max_tokens?: number;
}

/** The papers of a classifier request (the JSON inside `<papers>`). */
export function papersOf(body: ChatRequestBody): { id: string; title: string; abstract: string }[] {
  const user = body.messages[1]!.content.replace(/^<papers>\n|\n<\/papers>$/g, '');
  return JSON.parse(user) as { id: string; title: string; abstract: string }[];
}

export interface SeenRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: ChatRequestBody;
}

export interface StandInAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is (with `content-type` from `headers`). */
  body: unknown;
}

export interface StandIn {
  /** e.g. `http://127.0.0.1:43121/v1` */
  baseURL: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible server on 127.0.0.1: `answer` gets each chat completion request (and its
 * number, from 0) and says what to send back. Other paths get OpenAI's 404.
 */
export async function openaiStandIn(
  answer: (request: SeenRequest, n: number) => StandInAnswer,
): Promise<StandIn> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = ({ status = 200, headers = {}, body }: StandInAnswer) => {
        const text = typeof body === 'string' ? body : JSON.stringify(body);
        res.writeHead(status, {
          'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
          ...headers,
        });
        res.end(text);
      };
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        send({
          status: 404,
          body: apiError(`Invalid URL (${req.method} ${req.url})`, 'invalid_request_error'),
        });
        return;
      }
      const seen: SeenRequest = {
        path: req.url,
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestBody,
      };
      requests.push(seen);
      send(answer(seen, requests.length - 1));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((e) => (e ? fail(e) : done()));
      }),
  };
}
