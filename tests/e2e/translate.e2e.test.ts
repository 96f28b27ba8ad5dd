/**
 * `/curator translate` end to end: the real Probot server, the in-memory GitHub (every request
 * checked against GitHub's OpenAPI description), a list whose README_CN.md was deleted, and a
 * local OpenAI-compatible stand-in where an LLM is wanted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readTranslateBlock, TRANSLATE_BRANCH } from '../../src/tasks/translate-pr.js';
import { SEED_EN } from '../helpers/fixtures.js';
import { startWorld, stopAll, withRow } from '../helpers/e2e-world.js';
import {
  completion,
  openaiStandIn,
  type ChatRequestBody,
  type StandIn,
} from '../helpers/openai.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await stopAll(stops);
});

const textsOf = (body: ChatRequestBody) =>
  JSON.parse(body.messages[1]!.content.replace(/^<texts>\n|\n<\/texts>$/g, '')) as {
    index: number;
    text: string;
  }[];

/** Every Latin word becomes 译; markers stay. */
async function translator(): Promise<StandIn> {
  const server = await openaiStandIn((request) => ({
    body: completion(
      JSON.stringify({
        translations: textsOf(request.body).map((t) => ({
          index: t.index,
          text: t.text.replace(/[A-Za-z][A-Za-z'-]*/g, '译'),
        })),
      }),
    ),
  }));
  stops.push(() => server.close());
  return server;
}

/** The seed list with README_CN.md deleted on main, as the real list is today. */
async function englishOnly(env: Record<string, string> = {}) {
  const w = await startWorld(
    (stop) => stops.push(stop),
    // The LLM stand-in is reached with the real fetch (the world's fetch is the arXiv fake).
    { env, ...(env['OPENAI_BASE_URL'] ? { fetch: globalThis.fetch } : {}) },
    undefined,
    { deliverOwnEvents: true },
  );
  w.fake.commitFiles('main', { 'README_CN.md': null }, 'Drop the Chinese README', 'maintainer');
  return w;
}

describe('/curator translate', () => {
  it('opens one pull request on curator/translate with README_CN.md; twice is still one PR and no new commit', async () => {
    const { fake, comment, botComments } = await englishOnly();
    const main = fake.state.branchSha('main')!;
    const issue = fake.openIssue({ title: 'Bring back the Chinese README', user: 'maintainer' });
    fake.requests.length = 0;
    await comment(issue.number, '/curator translate');
    // The file that is not on main is never asked for there (the PR check reads it at its head).
    const head = fake.state.branchSha(TRANSLATE_BRANCH)!;
    const asked = fake.requests.filter((q) => q.path.includes('README_CN.md'));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((q) => !q.path.endsWith(`?ref=${head}`))).toEqual([]);

    const pulls = fake.state.pulls.filter((p) => p.head.ref === TRANSLATE_BRANCH);
    expect(pulls).toHaveLength(1);
    const pr = pulls[0]!;
    expect(pr.title).toBe('Translate README.md into Simplified Chinese: README_CN.md');
    expect(fake.state.gitCommit(TRANSLATE_BRANCH)!.parents).toEqual([main]);
    const cn = fake.state.fileAt(TRANSLATE_BRANCH, 'README_CN.md')!;
    expect(cn.split('\n')).toHaveLength(SEED_EN().split('\n').length);
    expect(cn).toContain('| 论文标题 | 发表/日期 | 标签 | 代码 | 简述 |');
    expect(fake.state.fileAt(TRANSLATE_BRANCH, 'README.md')).toBe(SEED_EN());
    expect(readTranslateBlock(pr.body ?? '')).toMatchObject({ v: 1, base: main });
    expect(pr.body).toContain('44 TL;DRs (`curator sync` lists them as `sync-untranslated`)');
    const replies = botComments(issue.number).map((c) => c.body);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(`Opened #${pr.number}, which writes \`README_CN.md\``);
    // Its own pull request gets the check run, and no comment.
    expect(fake.state.comments(pr.number)).toEqual([]);

    const sha = fake.state.branchSha(TRANSLATE_BRANCH);
    await comment(issue.number, '/curator translate');
    expect(fake.state.pulls.filter((p) => p.head.ref === TRANSLATE_BRANCH)).toHaveLength(1);
    expect(fake.state.branchSha(TRANSLATE_BRANCH)).toBe(sha);
    expect(botComments(issue.number).at(-1)!.body).toContain(
      `#${pr.number} writes \`README_CN.md\``,
    );
    expect(botComments(issue.number).at(-1)!.body).toContain('nothing changed');
    expect(fake.violations).toEqual([]);
  });

  it('is for people with write access: a contributor gets one polite reply and no pull request', async () => {
    const { fake, comment, botComments } = await englishOnly();
    const issue = fake.openIssue({ title: 'Chinese?', user: 'contributor' });
    await comment(issue.number, '/curator translate', 'contributor');
    await comment(issue.number, '/curator translate', 'contributor');
    expect(botComments(issue.number)).toHaveLength(1);
    expect(botComments(issue.number)[0]!.body).toContain('write access');
    expect(fake.state.pulls).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it('with an LLM: TL;DRs translated; after a push, the rebuilt PR asks only for the new paper (the rest rides in its block)', async () => {
    const llm = await translator();
    const { fake, comment } = await englishOnly({ OPENAI_BASE_URL: llm.baseURL });
    const issue = fake.openIssue({ title: 'Translate', user: 'maintainer' });
    await comment(issue.number, '/curator translate');
    const first = llm.requests.length;
    expect(first).toBeGreaterThan(0);
    const cn = fake.state.fileAt(TRANSLATE_BRANCH, 'README_CN.md')!;
    expect(cn).toContain('| [LLMLingua-2: Data Distillation');
    expect(cn).not.toContain('Casts compression as keep/drop classification');

    fake.commitFiles(
      'main',
      { 'README.md': withRow(SEED_EN(), '2509.04890', 'Funnel Budgets for KV Caches') },
      'Add a paper',
      'maintainer',
    );
    await comment(issue.number, '/curator translate');
    const asked = llm.requests.slice(first).flatMap((r) => textsOf(r.body).map((t) => t.text));
    expect(asked).toEqual(['Keeps a smaller KV cache per layer while decoding long inputs.']);
    const pulls = fake.state.pulls.filter((p) => p.head.ref === TRANSLATE_BRANCH);
    expect(pulls).toHaveLength(1);
    expect(fake.state.fileAt(TRANSLATE_BRANCH, 'README_CN.md')).toContain('2509.04890');
    expect(fake.violations).toEqual([]);
  });
});
