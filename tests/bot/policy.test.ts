import { describe, expect, it } from 'vitest';
import { applyPolicy, ignoredSettings, operatorPolicy } from '../../src/bot/policy.js';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { CuratorError } from '../../src/errors.js';

const config = (edit: (c: CuratorConfig) => void = () => {}) => {
  const c = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
  edit(c);
  return c;
};

describe("the operator's policy", () => {
  it('leaves a default config as it is, with nothing to report', () => {
    const out = applyPolicy(config(), operatorPolicy({}));
    expect(out).toEqual(config());
    expect(ignoredSettings(out)).toEqual([]);
  });

  it('keeps lower caps and an allowed model; raises nothing', () => {
    const repo = config((c) => {
      c.llm.maxRequests = 3;
      c.llm.model = 'gpt-4.1-mini';
      c.commands.maxPerHour = 1;
      c.arxiv.scanEveryHours = 48;
    });
    const out = applyPolicy(repo, operatorPolicy({ CURATOR_LLM_MODELS: 'gpt-4.1-mini, o3-mini' }));
    expect(out.llm).toMatchObject({ maxRequests: 3, model: 'gpt-4.1-mini' });
    expect(out.commands.maxPerHour).toBe(1);
    expect(out.arxiv.scanEveryHours).toBe(48);
    expect(ignoredSettings(out)).toEqual([]);
  });

  it('replaces what the operator decides, and says what it asked and what was used', () => {
    const repo = config((c) => {
      c.llm.baseUrl = 'http://10.0.0.5/v1';
      c.llm.model = 'o1-pro';
      c.llm.maxTokens = 10 ** 9;
      c.arxiv.apiUrl = 'http://localhost:8080/';
    });
    const out = applyPolicy(
      repo,
      operatorPolicy({ CURATOR_LLM_MODEL: 'gpt-4o', CURATOR_LLM_MAX_TOKENS: '50000' }),
    );
    expect(out.llm).toMatchObject({ baseUrl: null, model: 'gpt-4o', maxTokens: 50000 });
    expect(out.arxiv.apiUrl).toBe(DEFAULT_CONFIG.arxiv.apiUrl);
    expect(ignoredSettings(out).map((i) => [i.key, i.asked, i.used])).toEqual([
      ['llm.baseUrl', 'http://10.0.0.5/v1', "the operator's endpoint"],
      ['llm.model', 'o1-pro', 'gpt-4o'],
      ['llm.maxTokens', '1000000000', '50000'],
      ['arxiv.apiUrl', 'http://localhost:8080/', DEFAULT_CONFIG.arxiv.apiUrl],
    ]);
    // The repository's own object is not changed.
    expect(repo.llm.model).toBe('o1-pro');
  });

  it('allows an arXiv mirror the operator lists', () => {
    const mirror = 'https://arxiv-mirror.internal/api/query';
    const out = applyPolicy(
      config((c) => (c.arxiv.apiUrl = mirror)),
      operatorPolicy({ CURATOR_ARXIV_URLS: mirror }),
    );
    expect(out.arxiv.apiUrl).toBe(mirror);
  });

  it('a malformed ceiling in the environment is a clear error naming it', () => {
    expect(() => operatorPolicy({ CURATOR_LLM_MAX_REQUESTS: 'lots' })).toThrow(CuratorError);
    expect(() => operatorPolicy({ CURATOR_LLM_MAX_REQUESTS: 'lots' })).toThrow(
      /CURATOR_LLM_MAX_REQUESTS=lots/,
    );
  });
});
