/**
 * `sync --fix` translations against a stand-in for the OpenAI API (nock): the run's spending caps
 * hold, failures are counted with their reason and printed, and what the model writes goes into
 * README_CN.md as plain text.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/index.js';
import { lintList, RULES } from '../../src/lint/index.js';
import { parseList } from '../../src/list/index.js';
import { syncReadmes } from '../../src/tasks/sync-readmes.js';
import { createLlm } from '../../src/llm/client.js';
import { workspace } from '../helpers/cli.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { apiError, completion, type ChatRequestBody } from '../helpers/openai.js';

const LLM = { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: 'http://llm.test/v1' };

afterEach(() => {
  nock.cleanAll();
});

/** README.md with `n` papers added at the top of the explicit table (README_CN.md lacks them). */
function withPapers(n: number): string {
  const lines = SEED_EN().split('\n');
  const at = lines.findIndex((l) => l.includes('2403.12968'));
  const rows = Array.from(
    { length: n },
    (_, i) =>
      `| [Budgeted Prompt Pruning ${i + 1}](https://arxiv.org/abs/2509.${String(10001 + i)}) | arXiv 2025.09 | \`Pruning\` | - | Prunes prompt tokens under budget ${i + 1}. |`,
  );
  lines.splice(at, 0, ...rows);
  return lines.join('\n');
}

/** The texts of one translation request, as the client sent them. */
const textsOf = (body: ChatRequestBody) =>
  JSON.parse(body.messages[1]!.content.replace(/^<texts>\n|\n<\/texts>$/g, '')) as {
    index: number;
    text: string;
  }[];

/** A stand-in that translates every text it gets (`每` + the number), counting requests. */
function translator(reply?: (texts: { index: number; text: string }[]) => unknown) {
  const seen: ChatRequestBody[] = [];
  nock('http://llm.test')
    .persist()
    .post('/v1/chat/completions')
    .reply(200, (_uri, body) => {
      const b = body as ChatRequestBody;
      seen.push(b);
      const texts = textsOf(b);
      return completion(
        JSON.stringify(
          reply?.(texts) ?? {
            translations: texts.map((t) => ({
              index: t.index,
              text: `在预算内剪枝提示词元 ${/\d+/.exec(t.text)![0]}。`,
            })),
          },
        ),
      );
    });
  return seen;
}

const addedRows = (after: string) =>
  after.split('\n').filter((l) => l.includes('arxiv.org/abs/2509.1'));

describe('sync --fix translations obey the spending caps', () => {
  it('llm.maxRequests: 1 sends one request of ten; the other two TL;DRs are reported, not translated', async () => {
    const seen = translator();
    const ws = workspace(
      {
        'README.md': withPapers(12),
        'README_CN.md': SEED_CN(),
        '.github/curator.yml': 'llm:\n  maxRequests: 1\n',
      },
      LLM,
    );
    const { stderr } = await ws.run('sync', '--fix');
    expect(seen).toHaveLength(1);
    expect(textsOf(seen[0]!)).toHaveLength(10);
    expect(stderr).toContain(
      'curator sync: 2 TL;DRs were not translated and keep the source text: 2 because the spending cap of 1 requests / 200000 tokens would be passed\n',
    );
    const rows = addedRows(ws.read('README_CN.md').toString('utf8'));
    expect(rows).toHaveLength(12);
    expect(rows.filter((r) => r.includes('在预算内剪枝提示词元'))).toHaveLength(10);
    expect(rows.filter((r) => r.includes('| Prunes prompt tokens under budget'))).toHaveLength(2);
  });

  it('a token cap the first request would pass sends nothing', async () => {
    const seen = translator();
    const ws = workspace(
      {
        'README.md': withPapers(2),
        'README_CN.md': SEED_CN(),
        '.github/curator.yml': 'llm:\n  maxTokens: 100\n',
      },
      LLM,
    );
    const { stderr } = await ws.run('sync', '--fix');
    expect(seen).toHaveLength(0);
    expect(stderr).toContain(
      'curator sync: 2 TL;DRs were not translated and keep the source text: 2 because the spending cap of 20 requests / 100 tokens would be passed\n',
    );
  });

  it('shares the run’s spend: what the rest of the run spent counts, and the translations add to it', async () => {
    const seen = translator();
    const config = DEFAULT_CONFIG;
    const llm = createLlm({ apiKey: LLM.OPENAI_API_KEY, baseURL: LLM.OPENAI_BASE_URL, model: 'm' });
    const input = {
      primary: { path: 'README.md', text: withPapers(2) },
      translation: { path: 'README_CN.md', text: SEED_CN() },
      config,
      fix: true,
      llm,
    };
    const exhausted = { requests: 20, promptTokens: 0, completionTokens: 0 };
    const none = await syncReadmes({ ...input, spend: exhausted });
    expect(seen).toHaveLength(0);
    expect(none.llmRequests).toBe(0);
    expect(none.untranslated).toEqual([
      { reason: 'the spending cap of 20 requests / 200000 tokens would be passed', count: 2 },
    ]);
    expect(exhausted).toEqual({ requests: 20, promptTokens: 0, completionTokens: 0 });

    const spend = { requests: 3, promptTokens: 1000, completionTokens: 100 };
    const done = await syncReadmes({ ...input, spend });
    expect(seen).toHaveLength(1);
    expect(done.llmRequests).toBe(1);
    expect(done.untranslated).toEqual([]);
    // completion() reports 900 prompt and 120 completion tokens.
    expect(spend).toEqual({ requests: 4, promptTokens: 1900, completionTokens: 220 });
  });
});

describe('sync --fix reports what was not translated, and why', () => {
  it('a 401 is reported with its reason, once, and the rows keep the English TL;DR', async () => {
    let calls = 0;
    nock('http://llm.test')
      .post('/v1/chat/completions')
      .reply(401, () => {
        calls += 1;
        return apiError(
          'Incorrect API key provided',
          'invalid_request_error',
          null,
          'invalid_api_key',
        );
      });
    const ws = workspace({ 'README.md': withPapers(2), 'README_CN.md': SEED_CN() }, LLM);
    const { stderr } = await ws.run('sync', '--fix');
    expect(calls).toBe(1);
    expect(stderr).toMatch(
      /curator sync: 2 TL;DRs were not translated and keep the source text: 2 because the LLM did not answer \([^\n]*401[^\n]*Incorrect API key provided[^\n]*\)\n/,
    );
    expect(addedRows(ws.read('README_CN.md').toString('utf8'))).toHaveLength(2);
  });

  it('a reply that leaves a text out, or holds only a link, is counted under its own reason', async () => {
    translator(() => ({
      translations: [{ index: 0, text: '[https://evil.example/x](https://evil.example/x)' }],
    }));
    const ws = workspace({ 'README.md': withPapers(2), 'README_CN.md': SEED_CN() }, LLM);
    const { stderr } = await ws.run('sync', '--fix');
    expect(stderr).toContain(
      'curator sync: 2 TL;DRs were not translated and keep the source text: 1 because the reply held nothing but links, URLs or markup; 1 because the LLM reply left it out\n',
    );
    expect(ws.read('README_CN.md').toString('utf8')).not.toContain('evil.example');
  });

  it('links, images, autolinks, URLs and HTML in a translation reach the row as plain words', async () => {
    translator((texts) => ({
      translations: texts.map((t) => ({
        index: t.index,
        text: `在预算内[剪枝](https://evil.example/a)提示 ![像素](https://evil.example/p.png) <img src=x onerror=alert(1)> <https://evil.example/b> **词元** https://evil.example/c ${t.index}。`,
      })),
    }));
    const ws = workspace({ 'README.md': withPapers(2), 'README_CN.md': SEED_CN() }, LLM);
    const { stderr } = await ws.run('sync', '--fix');
    expect(stderr).not.toContain('not translated');
    const after = ws.read('README_CN.md').toString('utf8');
    const rows = addedRows(after);
    expect(rows.map((r) => r.split(' | ').at(-1))).toEqual([
      '在预算内剪枝提示 像素 词元 0。 |',
      '在预算内剪枝提示 像素 词元 1。 |',
    ]);
    const rule = RULES.find((r) => r.id === 'tldr-markup')!;
    expect(lintList(parseList(after, 'README_CN.md'), {}, [rule])).toEqual([]);
  });
});

describe('what a translation costs', () => {
  it('counts every HTTP attempt and its tokens, a retried 500 and a reply that did not parse included', async () => {
    const { translateTexts } = await import('../../src/sync/translate.js');
    nock('http://llm.test')
      .post('/v1/chat/completions')
      .reply(500, apiError('The server had an error', 'server_error'))
      .post('/v1/chat/completions')
      .reply(200, completion('not json at all', { prompt: 300, completion: 40 }));
    const llm = createLlm({
      apiKey: 'sk-test-not-real',
      baseURL: 'http://llm.test/v1',
      model: 'gpt-4o-mini',
      sleep: async () => {},
    });
    const spend = { requests: 0, promptTokens: 0, completionTokens: 0 };
    const result = await translateTexts(llm, {
      texts: ['Prunes prompt tokens under a budget.'],
      language: 'Simplified Chinese',
      glossary: new Map(),
      budget: { maxRequests: 10, maxTokens: 100_000 },
      spend,
      clean: (t) => t,
    });
    expect(result.translations).toEqual([null]);
    expect(result.requests).toBe(2);
    expect(spend).toEqual({ requests: 2, promptTokens: 300, completionTokens: 40 });
  });
});
