/**
 * One client for OpenAI and any server that speaks its Chat Completions API (Azure OpenAI, Ollama,
 * vLLM, DeepSeek …): the `openai` package with a base URL. It asks for structured output (a JSON
 * schema); a server that rejects `response_format: json_schema` is asked again in JSON mode, and
 * the client remembers that for the rest of the run. Retries with backoff on time-outs, 429 and
 * 5xx (honouring `retry-after`) are the package's own. Replies are returned as parsed JSON for the
 * caller to validate; nothing here trusts them.
 */
import OpenAI from 'openai';

export interface LlmOptions {
  apiKey: string;
  /** e.g. `http://localhost:11434/v1` for Ollama; default: OpenAI. */
  baseURL?: string | undefined;
  model: string;
  timeoutMs?: number;
  maxRetries?: number;
  fetch?: typeof fetch;
}

export interface LlmRequest {
  system: string;
  user: string;
  /** JSON schema of the reply (strict: every property required, no others). */
  schema: Record<string, unknown>;
  schemaName: string;
}

export interface LlmReply {
  json: unknown;
  usage: { promptTokens: number; completionTokens: number };
  mode: 'json_schema' | 'json_object';
}

export class LlmError extends Error {
  override readonly name = 'LlmError';
}

export interface Llm {
  readonly model: string;
  complete(request: LlmRequest): Promise<LlmReply>;
}

function unsupportedFormat(error: unknown): boolean {
  if (!(error instanceof OpenAI.APIError) || error.status !== 400) return false;
  const text = `${error.message} ${JSON.stringify(error.error ?? '')}`.toLowerCase();
  return text.includes('response_format') || text.includes('json_schema');
}

export function createLlm(options: LlmOptions): Llm {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    timeout: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let mode: LlmReply['mode'] = 'json_schema';

  const ask = async (request: LlmRequest, as: LlmReply['mode']): Promise<LlmReply> => {
    const completion = await client.chat.completions.create({
      model: options.model,
      temperature: 0,
      messages: [
        {
          role: 'system',
          content:
            as === 'json_object'
              ? `${request.system}\n\nAnswer with one JSON object that follows this JSON schema:\n${JSON.stringify(request.schema)}`
              : request.system,
        },
        { role: 'user', content: request.user },
      ],
      response_format:
        as === 'json_schema'
          ? {
              type: 'json_schema',
              json_schema: { name: request.schemaName, schema: request.schema, strict: true },
            }
          : { type: 'json_object' },
    });
    const choice = completion.choices[0];
    const usage = {
      promptTokens: completion.usage?.prompt_tokens ?? 0,
      completionTokens: completion.usage?.completion_tokens ?? 0,
    };
    if (!choice) throw new LlmError('the reply has no choices');
    if (choice.message.refusal)
      throw new LlmError(`the model refused: ${choice.message.refusal.slice(0, 200)}`);
    if (choice.finish_reason === 'length')
      throw new LlmError('the reply was cut off (finish_reason: length)');
    const content = choice.message.content ?? '';
    try {
      return { json: JSON.parse(content), usage, mode: as };
    } catch {
      throw new LlmError(`the reply is not JSON (${content.slice(0, 80).replace(/\s+/g, ' ')}…)`);
    }
  };

  // A server may echo the key in an error ("Incorrect API key provided: sk-…"); it never goes
  // further than this client.
  const redact = (text: string) =>
    options.apiKey ? text.split(options.apiKey).join('[redacted key]') : text;

  return {
    model: options.model,
    async complete(request) {
      try {
        return await ask(request, mode);
      } catch (error) {
        if (error instanceof LlmError) throw new LlmError(redact(error.message), { cause: error });
        if (mode === 'json_schema' && unsupportedFormat(error)) {
          mode = 'json_object';
          return ask(request, mode);
        }
        if (error instanceof OpenAI.APIError) {
          throw new LlmError(
            redact(
              `${error.status ?? 'no status'}: ${(error.message || 'request failed').slice(0, 200)}`,
            ),
          );
        }
        throw new LlmError(redact(error instanceof Error ? error.message : String(error)));
      }
    },
  };
}
