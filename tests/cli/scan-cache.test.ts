/**
 * `curator scan` with an LLM (a stand-in at http://llm.test, counting requests) and the recorded
 * arXiv feed: the verdict cache it shares with `curator classify`.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { readBlock } from '../../src/tasks/suggestion-pr.js';
import { workspace } from '../helpers/cli.js';
import { fakeArxiv, SCAN_EXPECTED } from '../helpers/fake-arxiv.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { llmStandIn, STAND_IN_URL } from '../helpers/llm-stand-in.js';

const config = `arxiv:\n  ignore: [${SCAN_EXPECTED.rejected.map((id) => `'${id}'`).join(', ')}]\n  maxPapers: 3\n`;
const labelOf = new Map(
  Object.entries(SCAN_EXPECTED.onTopic).flatMap(([cat, ids]) => ids.map((id) => [id, cat])),
);
const label = (id: string) => labelOf.get(id.replace(/v\d+$/, '')) ?? null;
const files = { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN(), '.github/curator.yml': config };
const window = ['--since', '2025-09-01', '--until', '2025-09-20'];
const tmp = () => mkdtempSync(join(tmpdir(), 'curator-cache-'));

afterEach(() => nock.cleanAll());

describe('curator scan and the verdict cache', () => {
  it('a second scan of the same window makes no LLM request: the verdicts come from the default cache', async () => {
    const llm = llmStandIn(label);
    const xdg = tmp();
    const env = { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: STAND_IN_URL };
    const ws = workspace(files, { ...env, XDG_CACHE_HOME: xdg }, { fetch: fakeArxiv().fetch });
    const first = await ws.run('scan', ...window, '--format', 'json');
    expect(first.code).toBe(0);
    const paid = llm.requests();
    expect(paid).toBeGreaterThan(0);
    const second = await ws.run('scan', ...window, '--format', 'json');
    expect(second.code).toBe(0);
    expect(llm.requests()).toBe(paid);
    expect(second.stdout).toBe(first.stdout);
    expect(readdirSync(join(xdg, 'awesome-curator'))).toEqual(['verdicts.json']);

    // --no-cache pays again.
    await ws.run('scan', ...window, '--format', 'json', '--no-cache');
    expect(llm.requests()).toBe(2 * paid);
  });

  it('--format markdown carries the verdicts of every paper the LLM judged, off-topic ones too', async () => {
    // The offline pass sends the LLM only papers it places; the LLM here turns one of them down.
    const doubted = Object.values(SCAN_EXPECTED.onTopic).flat()[0]!;
    const judge = (id: string) => (id.replace(/v\d+$/, '') === doubted ? null : label(id));
    const llm = llmStandIn(judge);
    const env = { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: STAND_IN_URL };
    const ws = workspace(files, env, { fetch: fakeArxiv().fetch });
    const { code, stdout } = await ws.run('scan', ...window, '--format', 'markdown', '--no-cache');
    expect(code).toBe(0);
    const verdicts = readBlock(stdout)!.verdicts!;
    const judged = llm.asked.flat();
    expect(
      Object.keys(verdicts)
        .map((k) => k.split('|')[0])
        .sort(),
    ).toEqual([...judged].sort());
    const offTopic = judged.filter((id) => judge(id) === null);
    expect(offTopic.map((id) => id.replace(/v\d+$/, ''))).toEqual([doubted]);
    for (const [key, v] of Object.entries(verdicts))
      expect((v as { category: string | null }).category).toBe(judge(key.split('|')[0]!));
  });

  it('refuses --cache README_CN.md before asking arXiv or the LLM, and leaves the file alone', async () => {
    const llm = llmStandIn(label);
    const arxiv = fakeArxiv();
    const env = { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: STAND_IN_URL };
    const ws = workspace(files, env, { fetch: arxiv.fetch });
    const { code, stdout, stderr } = await ws.run(
      'scan',
      ...window,
      '--write',
      '--cache',
      'README_CN.md',
    );
    expect({ code, stdout, stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'curator scan: --cache README_CN.md: is not a verdict cache written by awesome-curator, so it is left untouched. Give a path for a new cache file, or --no-cache\n',
    });
    expect(arxiv.urls).toEqual([]);
    expect(llm.requests()).toBe(0);
    expect(ws.read('README_CN.md').toString('utf8')).toBe(SEED_CN());
    expect(ws.read('README.md').toString('utf8')).toBe(SEED_EN());
  });

  it('--cache FILE is used and kept where it is asked', async () => {
    const llm = llmStandIn(label);
    const env = { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: STAND_IN_URL };
    const ws = workspace(files, env, { fetch: fakeArxiv().fetch });
    await ws.run('scan', ...window, '--cache', 'v.json');
    const paid = llm.requests();
    await ws.run('scan', ...window, '--cache', 'v.json');
    expect(llm.requests()).toBe(paid);
    expect(JSON.parse(ws.read('v.json').toString('utf8'))).toMatchObject({
      format: 'awesome-curator/verdict-cache',
      v: 1,
    });
  });
});
