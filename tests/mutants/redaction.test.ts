/**
 * Each layer that keeps a secret out of what people see, tested on its own (a test per layer fails
 * when that layer alone is removed):
 * - the LLM client's error messages: a key the server echoes is redacted, in an error that lets
 *   the run go on and in one that stops it (then in every later call's error too);
 * - comment sanitising: `sanitizeText` redacts anything shaped like an API key or GitHub token.
 * The Action's log masking (`::add-mask::`) is tested in tests/action/run.test.ts, and the App's
 * failure reply in tests/bot/comment.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sanitizeText } from '../../src/classifier/sanitize.js';
import { createLlm, LlmError, type LlmRequest } from '../../src/llm/client.js';
import { apiError, openaiStandIn, type StandIn } from '../helpers/openai.js';

const KEY = 'sk-mutant-test-key-0123456789';
const request: LlmRequest = {
  system: 'Sort the papers.',
  user: '<papers>\n[]\n</papers>',
  schema: { type: 'object', properties: {} },
  schemaName: 'paper_verdicts',
};

let server: StandIn | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function llmAnswering(status: number, message: string) {
  server = await openaiStandIn(() => ({ status, body: apiError(message) }));
  return createLlm({
    apiKey: KEY,
    baseURL: server.baseURL,
    model: 'gpt-4o-mini',
    maxRetries: 0,
    sleep: async () => {},
  });
}
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
};

describe('layer: the LLM client redacts its key from error messages', () => {
  it('an error the run survives (400, the key echoed): the message says [redacted key]', async () => {
    const llm = await llmAnswering(400, `Bad request from key ${KEY}, see the docs`);
    const error = await failure(llm.complete(request));
    expect(error.fatal).toBe(false);
    expect(error.message).toBe(
      'the LLM server rejected the request (400): Bad request from key [redacted key], see the docs',
    );
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(KEY);
  });

  it('an error that stops the run (401, the key echoed): redacted, and so is every later refusal', async () => {
    const llm = await llmAnswering(401, `Incorrect API key provided: ${KEY}.`);
    const first = await failure(llm.complete(request));
    expect(first.fatal).toBe(true);
    expect(first.message).toBe(
      'the LLM server refused the key (401): Incorrect API key provided: [redacted key].; no more LLM requests this run',
    );
    const again = await failure(llm.complete(request));
    expect(again.message).toBe(first.message);
    expect(again.message).not.toContain(KEY);
  });
});

describe('layer: comment sanitising redacts secret-shaped text', () => {
  it.each([
    'sk-proj-abcdefghijklmnop',
    'ghp_abcdefghijklmnopqrstu',
    'gho_abcdefghijklmnopqrstu',
    'ghu_abcdefghijklmnopqrstu',
    'ghs_abcdefghijklmnopqrstu',
    'ghr_abcdefghijklmnopqrstu',
    'github_pat_11ABCDEFG0abcdefghijkl',
  ])('%s becomes [redacted]', (secret) => {
    expect(sanitizeText(`GitHub said: bad credentials ${secret} (401)`)).toBe(
      'GitHub said: bad credentials [redacted] (401)',
    );
  });

  it('leaves words that only start like a prefix alone', () => {
    expect(sanitizeText('sketch-based ghost tokens, sk-short')).toBe(
      'sketch-based ghost tokens, sk-short',
    );
  });
});
