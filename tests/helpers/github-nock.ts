/**
 * A nock-served GitHub whose every request is checked against GitHub's OpenAPI description:
 * route, method, query parameters and JSON body; each fake reply against the documented response.
 * Violations are collected (a throw inside nock would escape the test) and checked by `verify()`.
 */
import nock from 'nock';
import { expect } from 'vitest';
import { assertDocumentedReply, assertDocumentedRequest } from './github-openapi.js';

export const API = 'https://api.github.com';

export interface SentRequest {
  method: string;
  path: string;
  op: string;
  body: unknown;
}

export function githubNock() {
  const sent: SentRequest[] = [];
  const violations: string[] = [];

  function gh(
    method: 'GET' | 'POST' | 'PATCH',
    path: RegExp | string,
    status: number,
    reply: unknown,
    headers: Record<string, string> = {},
  ) {
    const scope = nock(API);
    const interceptor =
      method === 'GET' ? scope.get(path) : method === 'POST' ? scope.post(path) : scope.patch(path);
    return interceptor.reply(function (uri, body) {
      const parsed: unknown =
        typeof body === 'string' ? (body ? JSON.parse(body) : undefined) : body || undefined;
      try {
        const op = assertDocumentedRequest(method, uri, parsed);
        assertDocumentedReply(method, uri, status, reply);
        sent.push({ method, path: uri, op, body: parsed });
        return [status, reply as nock.Body, headers];
      } catch (error) {
        violations.push((error as Error).message);
        return [400, { message: 'request not allowed by the OpenAPI description' }];
      }
    });
  }

  /** No pending mocks, no violations; resets nock. */
  function verify(): void {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    sent.length = 0;
    const broken = violations.splice(0);
    expect(broken).toEqual([]);
    expect(pending).toEqual([]);
  }

  return { gh, sent, verify };
}
