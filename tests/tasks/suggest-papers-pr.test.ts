/**
 * The rolling suggestion pull request, run against the in-memory GitHub (every request checked
 * against the OpenAPI description) and the recorded 51-paper arXiv feed, offline classifier.
 */
import { Octokit } from '@octokit/rest';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLlm } from '../../src/llm/client.js';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { suggestPapersPr } from '../../src/tasks/suggest-papers-pr.js';
import { createArxivClient } from '../../src/arxiv/index.js';
import { isDue } from '../../src/bot/schedule.js';
import type { GitHubClient } from '../../src/github/index.js';
import { readBlock, SUGGEST_BRANCH } from '../../src/tasks/suggestion-pr.js';
import { fakeArxiv, SCAN_EXPECTED } from '../helpers/fake-arxiv.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { llmStandIn, STAND_IN_URL } from '../helpers/llm-stand-in.js';

const r = { owner: 'octo', repo: 'papers' };
const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let fake: FakeGitHub;
let octokit: GitHubClient;

beforeEach(async () => {
  fake = await startFakeGitHub({
    ...r,
    files: { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
    collaborators: { maintainer: 'maintain' },
  });
  octokit = new Octokit({ baseUrl: fake.url, auth: 'ghs_fake', log: quiet });
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

function scan(now = new Date('2026-11-28T12:00:00Z'), dryRun = false) {
  const arxiv = fakeArxiv();
  return suggestPapersPr(octokit, r, {
    config,
    dryRun,
    defaultBranch: 'main',
    arxiv: createArxivClient({ fetch: arxiv.fetch, userAgent: 'test', sleep: async () => {} }),
    now,
  });
}
const writes = () => fake.requests.filter((q) => q.method !== 'GET').map((q) => q.op);
const openPulls = () => fake.state.pulls.filter((p) => p.state === 'open');
const idsOf = (n: number) => readBlock(fake.state.pulls.find((p) => p.number === n)!.body ?? '')!;

describe('suggestion pull requests', () => {
  it('opens one PR on curator/arxiv: both READMEs in one commit on the default head, every paper in the body, ids in a hidden block', async () => {
    const main = fake.state.branchSha('main')!;
    const outcome = await scan();

    expect(outcome).toMatchObject({ action: 'created', suggested: 10 });
    expect(openPulls()).toHaveLength(1);
    const pr = openPulls()[0]!;
    expect(pr).toMatchObject({ head: { ref: SUGGEST_BRANCH }, base: { ref: 'main' } });
    expect(pr.user).toBe(fake.botLogin);
    // One commit, made with the git data API, directly on the default branch's head.
    expect(writes()).toEqual([
      'git/create-tree',
      'git/create-commit',
      'git/create-ref',
      'pulls/create',
    ]);
    const commit = fake.state.gitCommit(SUGGEST_BRANCH)!;
    expect(commit.parents).toEqual([main]);
    expect(fake.state.changedFiles(main, SUGGEST_BRANCH).map((f) => f.path)).toEqual([
      'README.md',
      'README_CN.md',
    ]);

    const block = idsOf(pr.number);
    expect(block.ids).toHaveLength(10);
    expect(block).toMatchObject({ v: 1, rejected: [], base: main });
    for (const id of block.ids) {
      expect(pr.body).toContain(`(https://arxiv.org/abs/${id})`);
      expect(fake.state.fileAt(SUGGEST_BRANCH, 'README.md')).toContain(id);
      expect(fake.state.fileAt(SUGGEST_BRANCH, 'README_CN.md')).toContain(id);
    }
    expect(pr.body).toMatch(/\| Paper \| Section \| Confidence \| Why \|/);
    // The default branch is untouched.
    expect(fake.state.fileAt('main', 'README.md')).toBe(SEED_EN());
  });

  it('a dry run decides the same PR and writes nothing', async () => {
    const dry = await scan(undefined, true);
    expect(dry).toMatchObject({ action: 'created', dryRun: true, pull: null });
    expect(writes()).toEqual([]);
    expect(fake.state.pulls).toEqual([]);
    const real = await scan();
    expect(real.ids).toEqual(dry.ids);
    expect(real.title).toBe(dry.title);
  });

  it('a second scan with nothing new writes nothing: same PR, same commit', async () => {
    await scan();
    const sha = fake.state.branchSha(SUGGEST_BRANCH);
    fake.requests.length = 0;
    const outcome = await scan(new Date('2026-11-28T13:00:00Z'));
    expect(outcome.action).toBe('unchanged');
    expect(writes()).toEqual([]);
    expect(fake.state.branchSha(SUGGEST_BRANCH)).toBe(sha);
    expect(fake.state.pulls).toHaveLength(1);
  });

  it('when the default branch moves, the branch is rebuilt on its new head (never a conflict), still one PR', async () => {
    await scan();
    const moved = fake.commitFiles(
      'main',
      { 'README.md': SEED_EN().replace('# ', '# The ') },
      'Edit the title',
    );
    const outcome = await scan();
    expect(outcome.action).toBe('updated');
    expect(fake.state.gitCommit(SUGGEST_BRANCH)!.parents).toEqual([moved]);
    expect(fake.state.fileAt(SUGGEST_BRANCH, 'README.md')).toContain('# The ');
    expect(fake.state.pulls).toHaveLength(1);
  });

  it('a row the maintainer deletes from the branch is rejected: gone from the rebuilt PR and recorded', async () => {
    const first = await scan();
    const n = first.pull!.number;
    const dropped = idsOf(n).ids[0]!;
    const en = fake.state.fileAt(SUGGEST_BRANCH, 'README.md')!;
    fake.commitFiles(
      SUGGEST_BRANCH,
      {
        'README.md': en
          .split('\n')
          .filter((l) => !l.includes(dropped))
          .join('\n'),
      },
      'Not this one',
      'maintainer',
    );
    const outcome = await scan();
    expect(outcome.action).toBe('updated');
    const block = idsOf(n);
    expect(block.rejected).toEqual([dropped]);
    expect(block.ids).not.toContain(dropped);
    expect(fake.state.fileAt(SUGGEST_BRANCH, 'README.md')).not.toContain(dropped);
    expect(fake.state.fileAt(SUGGEST_BRANCH, 'README_CN.md')).not.toContain(dropped);
  });

  it('a PR closed unmerged rejects its papers: the next PR suggests only others, until nothing is left and nothing is written', async () => {
    const first = await scan();
    const turnedDown = idsOf(first.pull!.number).ids;
    fake.closePull(first.pull!.number, { merged: false });

    const second = await scan();
    expect(second.action).toBe('created');
    expect(second.pull!.number).not.toBe(first.pull!.number);
    const next = idsOf(second.pull!.number);
    expect(next.ids.length).toBeGreaterThan(0);
    expect(next.ids.filter((id) => turnedDown.includes(id))).toEqual([]);
    expect(next.rejected).toEqual([...turnedDown].sort());

    // Turning every PR down in turn exhausts the feed: then no PR and no write at all.
    const seen = new Set([...turnedDown, ...next.ids]);
    let last = second;
    for (let round = 0; round < 5 && last.action === 'created'; round += 1) {
      fake.closePull(last.pull!.number, { merged: false });
      fake.requests.length = 0;
      last = await scan();
      if (last.action !== 'created') break;
      const ids = idsOf(last.pull!.number).ids;
      expect(ids.filter((id) => seen.has(id))).toEqual([]);
      for (const id of ids) seen.add(id);
    }
    expect(last.action).toBe('nothing');
    expect(writes()).toEqual([]);
    expect(openPulls()).toEqual([]);
  });

  it('merged papers are in the list, so neither suggested again nor counted as rejected', async () => {
    const first = await scan();
    const merged = idsOf(first.pull!.number).ids;
    fake.closePull(first.pull!.number, { merged: true });
    expect(fake.state.fileAt('main', 'README.md')).toContain(merged[0]!);

    const second = await scan();
    const next = idsOf(second.pull!.number);
    expect(next.ids.filter((id) => merged.includes(id))).toEqual([]);
    expect(next.rejected).toEqual([]);
  });
});

describe('venue updates in the suggestion pull request', () => {
  const SNAP = '2404.14469';
  const PYRAMID = '2406.02069';
  const rowOf = (ref: string, path: string, id: string) =>
    fake.state
      .fileAt(ref, path)!
      .split('\n')
      .find((l) => l.includes(`abs/${id})`))!;

  it('proposes the venues listed preprints have gained, in both files, recorded in the block', async () => {
    const first = await scan();
    const n = first.pull!.number;
    expect(first).toMatchObject({ suggested: 10, venueUpdates: 2 });
    expect(fake.state.pulls[0]!.title).toBe('Suggest 10 papers and update 2 venues from arXiv');
    expect(idsOf(n).venues).toEqual([
      [PYRAMID, 'COLM 2025'],
      [SNAP, 'NeurIPS 2024'],
    ]);
    for (const path of ['README.md', 'README_CN.md']) {
      expect(rowOf(SUGGEST_BRANCH, path, SNAP)).toContain('| NeurIPS 2024 |');
      expect(rowOf(SUGGEST_BRANCH, path, PYRAMID)).toContain('| COLM 2025 |');
    }
    expect(fake.state.pulls[0]!.body).toMatch(/arXiv 2024\.04 → NeurIPS 2024/);
    expect(fake.state.pulls[0]!.body).toMatch(/to turn a venue down, put the old venue back/);
    // Nothing new: the second scan writes nothing (the venues count in "nothing changed").
    fake.requests.length = 0;
    expect((await scan()).action).toBe('unchanged');
    expect(writes()).toEqual([]);
  });

  it('a venue the maintainer puts back on the branch is rejected and not proposed again; the other stays', async () => {
    const first = await scan();
    const n = first.pull!.number;
    const en = fake.state.fileAt(SUGGEST_BRANCH, 'README.md')!;
    fake.commitFiles(
      SUGGEST_BRANCH,
      { 'README.md': en.replace('| NeurIPS 2024 |', '| arXiv 2024.04 |') },
      'SnapKV: keep the preprint',
      'maintainer',
    );
    const outcome = await scan();
    expect(outcome.action).toBe('updated');
    const block = idsOf(n);
    expect(block.rejectedVenues).toEqual([[SNAP, 'NeurIPS 2024']]);
    expect(block.venues).toEqual([[PYRAMID, 'COLM 2025']]);
    expect(block.ids).toHaveLength(10);
    for (const path of ['README.md', 'README_CN.md']) {
      expect(rowOf(SUGGEST_BRANCH, path, SNAP)).toContain('| arXiv 2024.04 |');
      expect(rowOf(SUGGEST_BRANCH, path, PYRAMID)).toContain('| COLM 2025 |');
    }
    // Carried forward: a later PR (this one closed after merging the rest) still knows.
    fake.closePull(n, { merged: true });
    expect(rowOf('main', 'README.md', SNAP)).toContain('| arXiv 2024.04 |');
    const later = await scan(new Date('2026-12-10T12:00:00Z'));
    expect(later.action).toBe('created');
    expect(idsOf(later.pull!.number).venues).toEqual([]);
    expect(idsOf(later.pull!.number).rejectedVenues).toEqual([[SNAP, 'NeurIPS 2024']]);
    expect(later.venueUpdates).toBe(0);
  });

  it('closing the PR unmerged turns its venues down: the next PR leaves those rows alone', async () => {
    const first = await scan();
    fake.closePull(first.pull!.number, { merged: false });
    const second = await scan();
    expect(second.venueUpdates).toBe(0);
    expect(idsOf(second.pull!.number).rejectedVenues).toEqual([
      [SNAP, 'NeurIPS 2024'],
      [PYRAMID, 'COLM 2025'],
    ]);
    expect(rowOf(SUGGEST_BRANCH, 'README.md', SNAP)).toContain('| arXiv 2024.04 |');
  });

  it('leaves a venue only the translation lacks to the sync PR (it could not be turned down here)', async () => {
    fake.commitFiles(
      'main',
      {
        'README.md': SEED_EN().replace(/(abs\/2404\.14469\) \| )arXiv 2024\.04/, '$1NeurIPS 2024'),
      },
      'SnapKV was at NeurIPS',
    );
    const first = await scan();
    expect(idsOf(first.pull!.number).venues).toEqual([[PYRAMID, 'COLM 2025']]);
    expect(rowOf(SUGGEST_BRANCH, 'README_CN.md', SNAP)).toContain('| arXiv 2024.04 |');
    expect(rowOf(SUGGEST_BRANCH, 'README_CN.md', PYRAMID)).toContain('| COLM 2025 |');
  });

  it('a merged venue is in the list: not counted as rejected, not proposed again', async () => {
    const first = await scan();
    fake.closePull(first.pull!.number, { merged: true });
    expect(rowOf('main', 'README.md', SNAP)).toContain('| NeurIPS 2024 |');
    const later = await scan(new Date('2026-12-10T12:00:00Z'));
    expect(later.venueUpdates).toBe(0);
    expect(later.action).toBe('created');
    expect(idsOf(later.pull!.number).rejectedVenues).toEqual([]);
  });
});

describe("LLM verdicts kept in the suggestion pull request (the next scan's cache)", () => {
  const labelOf = new Map(
    Object.entries(SCAN_EXPECTED.onTopic).flatMap(([cat, ids]) => ids.map((id) => [id, cat])),
  );
  const label = (id: string) => labelOf.get(id.replace(/v\d+$/, '')) ?? null;
  afterEach(() => nock.cleanAll());

  function llmScan(options: { now?: Date; config?: CuratorConfig } = {}) {
    const arxiv = fakeArxiv();
    return suggestPapersPr(octokit, r, {
      config: options.config ?? config,
      defaultBranch: 'main',
      arxiv: createArxivClient({ fetch: arxiv.fetch, userAgent: 'test', sleep: async () => {} }),
      llm: createLlm({
        apiKey: 'sk-test-not-real',
        baseURL: STAND_IN_URL,
        model: 'gpt-4o-mini',
        maxRetries: 0,
      }),
      now: options.now ?? new Date('2026-11-28T12:00:00Z'),
    });
  }
  const verdictIds = (n: number) =>
    Object.keys(idsOf(n).verdicts ?? {})
      .map((key) => key.split('|')[0]!)
      .sort();
  /** The body as an App that kept no verdicts would have written it. */
  async function forgetVerdicts(n: number, keep: (key: string) => boolean = () => false) {
    const pr = fake.state.pulls.find((p) => p.number === n)!;
    const block = readBlock(pr.body ?? '')!;
    const verdicts = Object.fromEntries(
      Object.entries(block.verdicts ?? {}).filter(([key]) => keep(key)),
    );
    const body = pr.body!.replace(
      /<!-- awesome-curator:suggestions .* -->/,
      `<!-- awesome-curator:suggestions ${JSON.stringify({ ...block, verdicts })} -->`,
    );
    await octokit.rest.pulls.update({ ...r, pull_number: n, body });
    fake.requests.length = 0;
  }

  it('a re-run of the same scan makes no LLM request: the block carries every verdict, off-topic ones too', async () => {
    const llm = llmStandIn(label);
    const first = await llmScan();
    expect(first.action).toBe('created');
    const paid = llm.requests();
    expect(paid).toBeGreaterThan(0);
    const judged = llm.asked.flat();
    expect(verdictIds(first.pull!.number)).toEqual([...judged].sort());
    expect(judged.filter((id) => label(id) === null).length).toBeGreaterThan(0);

    fake.requests.length = 0;
    const second = await llmScan({ now: new Date('2026-11-28T13:00:00Z') });
    expect(llm.requests()).toBe(paid);
    expect(second.action).toBe('unchanged');
    expect(second.ids).toEqual(first.ids);
    expect(writes()).toEqual([]);
  });

  it('a paper the block lacks is asked alone, and only the body is written (no commit)', async () => {
    const llm = llmStandIn(label);
    const first = await llmScan();
    const n = first.pull!.number;
    const sha = fake.state.branchSha(SUGGEST_BRANCH);
    const offTopic = Object.keys(idsOf(n).verdicts!).find(
      (key) => label(key.split('|')[0]!) === null,
    )!;
    await forgetVerdicts(n, (key) => key !== offTopic);
    const paid = llm.requests();

    const second = await llmScan();
    expect(llm.asked.slice(paid)).toEqual([[offTopic.split('|')[0]]]);
    expect(second.action).toBe('updated');
    expect(writes()).toEqual(['pulls/update']);
    expect(fake.state.branchSha(SUGGEST_BRANCH)).toBe(sha);
    expect(Object.keys(idsOf(n).verdicts!)).toContain(offTopic);
    expect(idsOf(n).ids).toEqual(first.ids);
  });

  it('a PR closed for lack of papers takes the verdicts with it: the next scan asks nothing and writes nothing', async () => {
    const llm = llmStandIn(label);
    const all = structuredClone(config);
    all.arxiv.maxPapers = 50;
    const first = await llmScan({ config: all });
    const n = first.pull!.number;
    // A body from before verdicts were kept; then a maintainer lists every paper on main.
    await forgetVerdicts(n);
    fake.commitFiles(
      'main',
      {
        'README.md': fake.state.fileAt(SUGGEST_BRANCH, 'README.md')!,
        'README_CN.md': fake.state.fileAt(SUGGEST_BRANCH, 'README_CN.md')!,
      },
      'List them all',
      'maintainer',
    );
    const paid = llm.requests();
    const closing = await llmScan({ config: all });
    expect(closing.action).toBe('closed');
    expect(llm.requests()).toBeGreaterThan(paid);
    expect(writes()).toEqual(['pulls/update', 'issues/create-comment', 'pulls/update']);
    expect(verdictIds(n)).toEqual([...new Set(llm.asked.slice(paid).flat())].sort());
    expect(idsOf(n).ids).toEqual(first.ids);

    fake.requests.length = 0;
    const before = llm.requests();
    const after = await llmScan({ config: all });
    expect(after.action).toBe('nothing');
    expect(llm.requests()).toBe(before);
    expect(writes()).toEqual([]);
  });

  it('a scan without the LLM hands the verdicts on: the next scan with it asks nothing', async () => {
    const llm = llmStandIn(label);
    const first = await llmScan();
    const n = first.pull!.number;
    const kept = verdictIds(n);
    fake.commitFiles('main', { 'README.md': SEED_EN().replace('# ', '# The ') }, 'Edit the title');
    // Offline (no key): the branch is rebuilt on the new head, the verdicts stay in the body.
    expect((await scan()).action).toBe('updated');
    expect(verdictIds(n)).toEqual(kept);
    const paid = llm.requests();
    await llmScan();
    expect(llm.requests()).toBe(paid);
  });

  it('with no open PR, the latest closed one is given the verdicts it lacks', async () => {
    const llm = llmStandIn(label);
    const all = structuredClone(config);
    all.arxiv.maxPapers = 50;
    const first = await llmScan({ config: all });
    const n = first.pull!.number;
    fake.closePull(n, { merged: true });
    await forgetVerdicts(n);
    const paid = llm.requests();

    const nothing = await llmScan({ config: all });
    expect(nothing.action).toBe('nothing');
    expect(llm.requests()).toBeGreaterThan(paid);
    expect(writes()).toEqual(['pulls/update']);
    expect(fake.state.pulls.find((p) => p.number === n)!.state).toBe('closed');
    expect(verdictIds(n).length).toBeGreaterThan(0);

    fake.requests.length = 0;
    const again = llm.requests();
    expect((await llmScan({ config: all })).action).toBe('nothing');
    expect(llm.requests()).toBe(again);
    expect(writes()).toEqual([]);
  });
});

describe('the schedule', () => {
  it('runs each repository once per interval, at its own hour, spread over the interval', () => {
    const hours = Array.from({ length: 24 * 7 }, (_, h) => new Date(Date.UTC(2026, 10, 1, h)));
    const dueHours = (name: string, every: number) =>
      hours.filter((at) => isDue(name, every, at)).map((at) => at.getTime() / 3_600_000);
    const daily = dueHours('octo/papers', 24);
    expect(daily).toHaveLength(7);
    expect(daily.slice(1).map((h, i) => h - daily[i]!)).toEqual([24, 24, 24, 24, 24, 24]);
    expect(dueHours('octo/papers', 6)).toHaveLength(28);
    expect(dueHours('octo/papers', 0)).toEqual([]);
    const slots = new Set(
      Array.from({ length: 200 }, (_, i) => dueHours(`org/list-${i}`, 24)[0]! % 24),
    );
    expect(slots.size).toBeGreaterThan(18);
  });
});
