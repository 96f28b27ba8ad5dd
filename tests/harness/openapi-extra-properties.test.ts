/**
 * The OpenAPI check rejects request body properties the operation does not define. GitHub's
 * request schemas leave `additionalProperties` unset, so without this a misspelled optional field
 * passes validation (and GitHub silently ignores it).
 */
import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { assertDocumentedRequest, undeclaredProperties } from '../helpers/github-openapi.js';

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe('undeclared request body properties', () => {
  it('a misspelled optional field at the top level is a violation; the documented ones pass', () => {
    const url = '/repos/o/r/pulls';
    const ok = { title: 't', head: 'h', base: 'main', body: 'b', maintainer_can_modify: true };
    expect(assertDocumentedRequest('POST', url, ok)).toBe('pulls/create');
    expect(() =>
      assertDocumentedRequest('POST', url, { ...ok, maintainers_can_modify: true }),
    ).toThrow(
      /pulls\/create: body has properties the operation does not define: body\.maintainers_can_modify/,
    );
  });

  it('a misspelled field inside a nested object is a violation too', () => {
    const url = '/repos/o/r/check-runs';
    const ok = { name: 'curator', head_sha: 'a'.repeat(40), output: { title: 't', summary: 's' } };
    expect(assertDocumentedRequest('POST', url, ok)).toBe('checks/create');
    expect(() =>
      assertDocumentedRequest('POST', url, {
        ...ok,
        output: { title: 't', summary: 's', sumary: 'x' },
      }),
    ).toThrow(/body\.output\.sumary/);
    expect(() =>
      assertDocumentedRequest('POST', url, {
        ...ok,
        output: {
          ...ok.output,
          annotations: [
            {
              path: 'a',
              start_line: 1,
              end_line: 1,
              annotation_level: 'notice',
              message: 'm',
              colour: 'red',
            },
          ],
        },
      }),
    ).toThrow(/body\.output\.annotations\[0\]\.colour/);
  });

  it('allows anything where the schema says extra properties may be there, or defines none', () => {
    expect(
      undeclaredProperties(
        { type: 'object', additionalProperties: { type: 'string' } },
        { x: 'y' },
        'body',
      ),
    ).toEqual([]);
    expect(undeclaredProperties({ type: 'object' }, { x: 'y' }, 'body')).toEqual([]);
    expect(
      undeclaredProperties(
        { oneOf: [{ properties: { a: {} } }, { properties: { b: {} } }] },
        { a: 1, b: 2, c: 3 },
        'body',
      ),
    ).toEqual(['body.c']);
  });

  describe('in the fake GitHub', () => {
    let fake: FakeGitHub;
    afterEach(async () => {
      await fake.close().catch(() => {});
    });

    it('answers 400 and records a violation, also where the body schema needs the fallback compiler (issues/create)', async () => {
      fake = await startFakeGitHub({
        owner: 'octo',
        repo: 'papers',
        files: { 'README.md': '# x\n' },
        allowViolations: true,
      });
      const gh = new Octokit({
        baseUrl: fake.url,
        auth: 'ghs_fake',
        log: quiet,
        request: { retries: 0 },
      });
      const created = await gh.rest.issues.create({
        owner: 'octo',
        repo: 'papers',
        title: 'ok',
        labels: ['a'],
      });
      expect(created.status).toBe(201);
      expect(fake.violations).toEqual([]);
      await expect(
        gh.request('POST /repos/{owner}/{repo}/issues', {
          owner: 'octo',
          repo: 'papers',
          title: 'x',
          lables: ['a'],
        }),
      ).rejects.toMatchObject({ status: 400 });
      expect(fake.violations).toEqual([
        expect.stringMatching(
          /^issues\/create: body has properties the operation does not define: body\.lables$/,
        ),
      ]);
    });
  });
});
