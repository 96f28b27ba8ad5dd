/**
 * Replies shaped as the OpenAI API reference describes them (Chat Completions: the chat.completion
 * object; errors: `{ error: { message, type, param, code } }`), for nock.
 */
export function completion(
  content: string,
  usage = { prompt: 900, completion: 120 },
  extra: { finish_reason?: string; refusal?: string | null } = {},
) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_764_000_000,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: extra.refusal ?? null, annotations: [] },
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

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format: {
    type: string;
    json_schema?: { name: string; strict: boolean; schema: Record<string, unknown> };
  };
  temperature?: number;
}
