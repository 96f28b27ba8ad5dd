/**
 * A list's life replayed through the App: the real Probot server, signed deliveries, and the fake
 * GitHub, which sends the App the events of its own writes as GitHub does. One repository, one
 * pull request after another, each made of an edit maintainers really make (a paper added, a row
 * copied above its source, a duplicate at the top, one of two duplicates removed, a paper moved
 * into a table that lists it, a code link changed in one language, a section renamed, the
 * translation deleted, a badge), then merged or closed. Each step asserts what a maintainer sees:
 * the counts, the findings (file, line, rule), the texts posted, and what the App did not do.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_BRANCH } from '../../src/tasks/sync-pr.js';
import { startWorld, stopAll } from '../helpers/e2e-world.js';
import type { FakeGitHub } from '../helpers/fake-github.js';
import {
  editLine,
  insertAbove,
  lineNo,
  lineWith,
  moveLine,
  removeLine,
} from '../helpers/list-edits.js';
import { workspace } from '../helpers/cli.js';
import { completion } from '../helpers/openai.js';
import { pullRequestPayload, pushPayload } from '../helpers/webhooks.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(() => stopAll(stops));

const NEW_ROW =
  '| [Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `Eviction` | - | Gives lower layers a larger share of the KV cache budget than upper ones during decoding. |';
const NEW_ROW_CN =
  '| [Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `驱逐` | - | 解码时给较低层分配更多的KV缓存预算。 |';
const KV_HEADING = '## ⚡ Inference-Time KV Compression (Memory/Cache Level)';

type World = Awaited<ReturnType<typeof startWorld>>;

/** What the App did for one pull request. */
interface Seen {
  number: number;
  headSha: string;
  /** GitHub operations the App spent on the delivery (and the deliveries it caused). */
  ops: string[];
  conclusion: string | null | undefined;
  title: string | null | undefined;
  summary: string | null | undefined;
  /** [path, line, rule] of every annotation of the check run on the head. */
  findings: [string, number, string][];
  comments: string[];
  reviewComments: { path: string; line: number | null; body: string }[];
}

/** A contributor's pull request: the files at the head, opened, delivered; what the App did. */
async function pullRequest(
  w: World,
  branch: string,
  files: Record<string, string | null>,
  user = 'contributor',
): Promise<Seen> {
  w.fake.commitFiles(branch, files, `Edit on ${branch}`, user);
  const pr = w.fake.openPullRequest({ head: branch, title: branch, user });
  w.fake.requests.length = 0;
  await w.send('pull_request', pullRequestPayload(w.fake, pr.number, 'opened'));
  return seen(w, pr.number);
}

function seen(w: World, n: number): Seen {
  const pr = w.fake.state.pulls.find((p) => p.number === n)!;
  const runs = w.fake.state.checkRuns.filter((c) => c.head_sha === pr.head.sha);
  const run = runs.at(-1);
  return {
    number: n,
    headSha: pr.head.sha,
    ops: w.fake.requests.map((q) => q.op),
    conclusion: run?.conclusion,
    title: run?.output.title,
    summary: run?.output.summary,
    findings: (
      (run?.output.annotations ?? []) as { path: string; start_line: number; title: string }[]
    ).map((a) => [a.path, a.start_line, a.title]),
    comments: w.botComments(n).map((c) => c.body),
    reviewComments: w.fake.state
      .reviewComments(n)
      .map((c) => ({ path: c.path, line: c.line, body: c.body })),
  };
}

const LISTS = ['README.md', 'README_CN.md'];
const sorted = (f: [string, number, string][]) =>
  [...f].sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000')));

/**
 * `curator check` on the same base and head (folders holding the files at the pull request's
 * base and head commits): the same engine, so the same findings and counts.
 */
async function viaCli(w: World, n: number) {
  const pr = w.fake.state.pulls.find((p) => p.number === n)!;
  const files: Record<string, string> = {
    '.github/curator.yml': w.fake.state.fileAt(pr.head.sha, '.github/curator.yml')!,
  };
  for (const [dir, sha] of [
    ['base', pr.base.sha],
    ['head', pr.head.sha],
  ] as const)
    for (const path of LISTS) {
      const text = w.fake.state.fileAt(sha, path);
      if (text !== null) files[`${dir}/${path}`] = text;
    }
  const ws = workspace(files);
  const { code, stdout, stderr } = await ws.run(
    'check',
    '--base',
    'base',
    '--head',
    'head',
    '--offline',
    '--format',
    'json',
  );
  expect([0, 1], stderr).toContain(code);
  const r = JSON.parse(stdout) as Record<string, unknown[]> & {
    findings: { file: string; line: number; ruleId: string }[];
  };
  return {
    findings: sorted(r.findings.map((f) => [f.file, f.line, f.ruleId])),
    counts: ['added', 'changed', 'moved', 'removed'].map((k) => r[k]!.length),
  };
}

/** The App and `curator check` agree on a pull request. */
async function sameAsCli(w: World, s: Seen, counts: number[]) {
  const cli = await viaCli(w, s.number);
  expect(cli.findings).toEqual(sorted(s.findings));
  expect(cli.counts).toEqual(counts);
}

/** A maintainer merges the pull request; GitHub sends the push to main. */
async function merge(w: World, n: number) {
  const before = w.fake.state.branchSha('main')!;
  w.fake.closePull(n, { merged: true });
  const after = w.fake.state.branchSha('main')!;
  await w.send('push', pushPayload(w.fake, { ref: 'refs/heads/main', before, after }));
}

/** A maintainer pushes straight to main. */
async function pushToMain(w: World, files: Record<string, string | null>, message: string) {
  const before = w.fake.state.branchSha('main')!;
  const after = w.fake.commitFiles('main', files, message, 'maintainer');
  await w.send('push', pushPayload(w.fake, { ref: 'refs/heads/main', before, after }));
}

const main = (fake: FakeGitHub, path: string) => fake.state.fileAt('main', path)!;
const syncPulls = (fake: FakeGitHub) => fake.state.pulls.filter((p) => p.head.ref === SYNC_BRANCH);

describe('a list replayed as pull requests through the App', () => {
  it('reports every change a maintainer makes where it was made, stays quiet when there is nothing to say, and leaves its own PRs green', async () => {
    const w = await startWorld((s) => stops.push(s), {}, undefined, { deliverOwnEvents: true });
    const { fake } = w;
    const EN = main(fake, 'README.md');
    const CN = main(fake, 'README_CN.md');

    // 1. One paper added to both files: one comment, green, at most 8 GitHub requests with the
    //    installation token and the config look-up (the first delivery of a fresh server).
    const add = await pullRequest(w, 'add-funnel', {
      'README.md': insertAbove(EN, '2406.10774', NEW_ROW),
      'README_CN.md': insertAbove(CN, '2406.10774', NEW_ROW_CN),
    });
    expect(add.conclusion).toBe('success');
    expect(add.findings).toEqual([]);
    expect(add.comments).toHaveLength(1);
    expect(add.comments[0]).toContain('1 paper added, 0 changed, 0 removed: no problems found.');
    expect(add.comments[0]).toContain('Funnel Budgets');
    expect(add.reviewComments).toEqual([]);
    // A fresh server first learns its own login and gets an installation token (both cached).
    const ONCE = ['apps/get-authenticated', 'apps/create-installation-access-token'];
    expect(add.ops.filter((op) => ONCE.includes(op))).toEqual(ONCE);
    await sameAsCli(w, add, [2, 0, 0, 0]); // rows: one per file
    expect(add.ops.filter((op) => !ONCE.includes(op))).toEqual([
      'repos/get-content', // .github/curator.yml
      'pulls/list-files',
      'repos/get-content', // README.md at the head (the base comes from the patch)
      'repos/get-content', // README_CN.md at the head
      'checks/create',
      'issues/list-comments',
      'issues/create-comment',
    ]);
    await merge(w, add.number);
    // Both files have it: nothing to sync.
    expect(syncPulls(fake)).toEqual([]);

    // 2. A row copied from SnapKV (code link and TL;DR kept), inserted ABOVE its source.
    const en2 = main(fake, 'README.md');
    const snap = lineWith(en2, '2404.14469');
    const copy = snap
      .replace('SnapKV: LLM Knows What You are Looking for Before Generation', 'Lookahead Eviction')
      .replace('2404.14469', '2509.05218');
    const copied = insertAbove(en2, '2404.14469', copy);
    const cp = await pullRequest(w, 'copy-above', { 'README.md': copied });
    const copyLine = lineNo(copied, '2509.05218');
    expect(cp.findings).toContainEqual(['README.md', copyLine, 'copy-paste']);
    expect(cp.findings.every(([, line]) => line === copyLine || line === 1)).toBe(true);
    expect(cp.comments[0]).toContain('1 paper added, 0 changed, 0 removed');
    expect(cp.ops.filter((op) => op.startsWith('apps/'))).toEqual([]); // login and token cached
    expect(cp.comments[0]).toContain(`\`README.md:${copyLine}\` | \`copy-paste\``);
    await sameAsCli(w, cp, [1, 0, 0, 0]);
    fake.closePull(cp.number);

    // 3. A duplicate of SnapKV at the top of its table, above Quest.
    const dupHead = insertAbove(en2, '2509.04890', snap);
    const dup = await pullRequest(w, 'duplicate-top', { 'README.md': dupHead });
    const top = lineNo(dupHead, '2404.14469');
    expect(dup.findings).toContainEqual(['README.md', top, 'duplicate-in-table']);
    expect(dup.findings.filter(([, line]) => line !== top)).toEqual([]);
    expect(dup.comments[0]).toContain('1 paper added, 0 changed, 0 removed');
    expect(dup.conclusion).toBe('failure');
    await sameAsCli(w, dup, [1, 0, 0, 0]);
    fake.closePull(dup.number);

    // 4. The duplicate lands on main anyway (both files); a PR removes one of the two copies.
    await pushToMain(
      w,
      {
        'README.md': dupHead,
        'README_CN.md': insertAbove(
          main(fake, 'README_CN.md'),
          '2509.04890',
          lineWith(main(fake, 'README_CN.md'), '2404.14469'),
        ),
      },
      'Keep SnapKV twice',
    );
    const twice = { en: main(fake, 'README.md'), cn: main(fake, 'README_CN.md') };
    const rm = await pullRequest(w, 'remove-duplicate', {
      'README.md': removeLine(twice.en, '2404.14469'),
      'README_CN.md': removeLine(twice.cn, '2404.14469'),
    });
    expect(rm.comments[0]).toContain('0 papers added, 0 changed, 1 removed: no problems found.');
    expect(rm.findings).toEqual([]);
    expect(rm.conclusion).toBe('success');
    await sameAsCli(w, rm, [0, 0, 0, 2]);
    await merge(w, rm.number);

    // 5. Gist moved into the Implicit table, which lists it already: a move, and the duplicate
    //    on the moved row, not on the row that was there.
    const en5 = main(fake, 'README.md');
    const cn5 = main(fake, 'README_CN.md');
    const moved = moveLine(en5, '2304.08467', '2412.06769');
    const mv = await pullRequest(w, 'move-gist', {
      'README.md': moved,
      'README_CN.md': moveLine(cn5, '2304.08467', '2412.06769'),
    });
    expect(mv.comments[0]).toContain('0 papers added, 0 changed, 1 moved, 0 removed');
    const movedLine = lineNo(moved, '2304.08467');
    expect(mv.findings).toContainEqual(['README.md', movedLine, 'duplicate-in-table']);
    const stay = moved.split('\n').findLastIndex((l) => l.includes('2304.08467')) + 1;
    expect(mv.findings.filter(([path, line]) => path === 'README.md' && line === stay)).toEqual([]);
    await sameAsCli(w, mv, [0, 0, 2, 0]);
    fake.closePull(mv.number);

    // 6. Quest's code link changed in README.md only, with a defect: the edited row gets the
    //    one-language finding and a suggestion; the comment carries README_CN.md's row, copyable.
    const edited = editLine(en5, '2406.10774', (l) =>
      l.replace(
        '[GitHub](https://github.com/mit-han-lab/Quest)',
        '[Github](https://github.com/mit-han-lab/quest-kv.git)',
      ),
    );
    const code = await pullRequest(w, 'code-link-en-only', { 'README.md': edited });
    const questLine = lineNo(edited, '2406.10774');
    expect(code.comments[0]).toContain('0 papers added, 1 changed, 0 removed');
    expect(code.findings).toContainEqual(['README.md', questLine, 'sync-edit']);
    expect(code.findings).toContainEqual(['README.md', questLine, 'code-link']);
    const cnRow = lineWith(cn5, '2406.10774').replace(
      '[GitHub](https://github.com/mit-han-lab/Quest)',
      '[GitHub](https://github.com/mit-han-lab/quest-kv)',
    );
    expect(code.comments[0]).toContain(
      `\`README_CN.md\` line ${lineNo(cn5, '2406.10774')}, under "⚡ 推理时KV压缩（内存/缓存层面）": replace the row with\n\n\`\`\`markdown\n${cnRow}\n\`\`\``,
    );
    expect(code.comments[0]).not.toContain('\u2060');
    expect(code.reviewComments).toEqual([
      {
        path: 'README.md',
        line: questLine,
        body: expect.stringContaining(
          `\`\`\`suggestion\n${edited.split('\n')[questLine - 1]!.replace('[Github](https://github.com/mit-han-lab/quest-kv.git)', '[GitHub](https://github.com/mit-han-lab/quest-kv)')}\n\`\`\``,
        ),
      },
    ]);
    await sameAsCli(w, code, [0, 1, 0, 0]);

    // 6b. The contributor pushes a paper above Quest: the suggestion's line moved with its text,
    //     GitHub keeps it on the new line, and the App does not post it twice.
    const above = insertAbove(edited, '2406.10774', NEW_ROW.replace('2509.04890', '2509.06001'));
    const movedQuest = lineNo(above, '2406.10774');
    w.fake.commitFiles('code-link-en-only', { 'README.md': above }, 'Add one more', 'contributor');
    await w.send('pull_request', pullRequestPayload(fake, code.number, 'synchronize'));
    const afterMove = seen(w, code.number);
    expect(afterMove.reviewComments).toEqual([{ ...code.reviewComments[0]!, line: movedQuest }]);
    // 6c. Then rewrites the Quest row again, still with the wrong label: the old suggestion is
    //     outdated (GitHub sets its line to null) and a new one goes on the row.
    const again = editLine(above, '2406.10774', (l) => l.replace('quest-kv.git', 'quest-kv2.git'));
    w.fake.commitFiles('code-link-en-only', { 'README.md': again }, 'Fix the link', 'contributor');
    await w.send('pull_request', pullRequestPayload(fake, code.number, 'synchronize'));
    const afterEdit = seen(w, code.number);
    expect(afterEdit.reviewComments.map((c) => c.line)).toEqual([null, movedQuest]);
    expect(afterEdit.reviewComments[1]!.body).toContain(
      '[GitHub](https://github.com/mit-han-lab/quest-kv2)',
    );
    expect(afterEdit.comments).toHaveLength(1); // the one comment, edited in place
    fake.closePull(code.number);

    // 7. The KV section renamed, with its table-of-contents link, in both files: "section
    //    renamed", no row changes, no findings, no suggestions, a green check and no comment.
    const renamed = en5
      .replace(KV_HEADING, '## ⚡ KV Cache Compression at Inference Time')
      .replace(
        '(#-inference-time-kv-compression-memorycache-level)',
        '(#-kv-cache-compression-at-inference-time)',
      );
    const rn = await pullRequest(w, 'rename-kv', { 'README.md': renamed });
    expect(rn.conclusion).toBe('success');
    expect(rn.findings).toEqual([]);
    expect(rn.title).toContain('1 section renamed');
    expect(rn.summary).toContain(
      '"⚡ Inference-Time KV Compression (Memory/Cache Level)" → "⚡ KV Cache Compression at Inference Time"',
    );
    expect(rn.reviewComments).toEqual([]);
    expect(rn.comments).toEqual([]);
    await sameAsCli(w, rn, [0, 0, 0, 0]);
    fake.closePull(rn.number);

    // 8. A paper pushed to README.md only, with the defects a hurried maintainer leaves: the
    //    App's sync PR writes the row corrected in both files, and GitHub's events for that PR
    //    give a green check run and nothing else (no comment, no suggestion to itself).
    const hurried =
      '| [Token Triage for Long Prompts](https://arxiv.org/pdf/2509.07777v1) | - | `Pruning` | [Github](https://github.com/example/token-triage/) | Ranks prompt tokens and drops the lowest before the model reads them. |';
    const fixedRow =
      '| [Token Triage for Long Prompts](https://arxiv.org/abs/2509.07777) | arXiv 2025.09 | `Pruning` | [GitHub](https://github.com/example/token-triage) | Ranks prompt tokens and drops the lowest before the model reads them. |';
    await pushToMain(w, { 'README.md': insertAbove(en5, '2403.12968', hurried) }, 'Add a paper');
    await w.settle();
    const [sync] = syncPulls(fake);
    expect(sync).toBeDefined();
    expect(sync!.user).toBe(fake.botLogin);
    expect(lineWith(fake.state.fileAt(sync!.head.sha, 'README.md')!, '2509.07777')).toBe(fixedRow);
    expect(lineWith(fake.state.fileAt(sync!.head.sha, 'README_CN.md')!, '2509.07777')).toBe(
      fixedRow.replace('`Pruning`', '`剪枝`'),
    );
    const own = seen(w, sync!.number);
    // Green; the only note is for the translator (no LLM here), as the PR body says.
    const syncCn = fake.state.fileAt(sync!.head.sha, 'README_CN.md')!;
    expect(own.findings).toEqual([
      ['README_CN.md', lineNo(syncCn, '2509.07777'), 'sync-untranslated'],
    ]);
    expect(own.conclusion).toBe('success');
    expect(sync!.body).toContain('TL;DR still to translate');
    expect(sync!.body).toContain('get the lint fixes the PR check proposed');
    expect(own.comments).toEqual([]);
    expect(own.reviewComments).toEqual([]);
    expect(fake.state.reviews.filter((r) => r.pull === sync!.number)).toEqual([]);

    // 9. README_CN.md deleted: a warning that says what it held and how to go one-language;
    //    once merged, the stale sync PR is closed with the reason (merging it would bring the
    //    file back).
    const del = await pullRequest(w, 'one-language', { 'README_CN.md': null }, 'maintainer');
    expect(del.findings).toEqual([['README_CN.md', 1, 'file-removed']]);
    expect(del.conclusion).toBe('neutral');
    expect(del.comments[0]).toContain('0 papers added, 0 changed, 0 removed: 0 errors, 1 warning.');
    expect(del.comments[0]).toContain('files.translation: null');
    await sameAsCli(w, del, [0, 0, 0, 0]);
    await merge(w, del.number);
    await w.settle();
    const closed = fake.state.pulls.find((p) => p.number === sync!.number)!;
    expect(closed.state).toBe('closed');
    expect(closed.merged).toBe(false);
    const why = w.botComments(sync!.number).map((c) => c.body);
    expect(why).toHaveLength(1);
    expect(why[0]).toContain('`README_CN.md` is not on the default branch any more');
    expect(why[0]).toContain('merging this pull request would bring the file back');

    // 10. A badge-only edit: a green check run, no comment at all.
    const badge = main(fake, 'README.md').replace(
      '# Awesome-Context-Compression-LLMs 🗜️',
      '# Awesome-Context-Compression-LLMs 🗜️ ![stars](https://img.shields.io/github/stars/o/r)',
    );
    const b = await pullRequest(w, 'badge', { 'README.md': badge });
    expect(b.comments).toEqual([]);
    expect(b.reviewComments).toEqual([]);
    expect(b.conclusion).toBe('success');
    expect(b.title).toBe('0 papers added, 0 changed, 0 removed: no problems');
    await sameAsCli(w, b, [0, 0, 0, 0]);
  });
});

describe('going one-language on purpose', () => {
  it('a push that sets files.translation: null closes the open sync PR, saying why', async () => {
    const w = await startWorld((s) => stops.push(s), {}, undefined, { deliverOwnEvents: true });
    const { fake } = w;
    await pushToMain(
      w,
      { 'README.md': insertAbove(main(fake, 'README.md'), '2406.10774', NEW_ROW) },
      'Add a paper to the English list',
    );
    const [sync] = syncPulls(fake);
    expect(sync!.state).toBe('open');
    await pushToMain(
      w,
      { '.github/curator.yml': 'files:\n  translation: null\n' },
      'One language from now on',
    );
    expect(fake.state.pulls.find((p) => p.number === sync!.number)!.state).toBe('closed');
    const why = w.botComments(sync!.number).map((c) => c.body);
    expect(why).toEqual([expect.stringContaining('`files.translation: null`')]);
    // Another push changes nothing more: no new sync PR, no second comment.
    await pushToMain(
      w,
      {
        'README.md': insertAbove(
          main(fake, 'README.md'),
          '2406.10774',
          NEW_ROW.replace('2509.04890', '2509.04891').replace('Funnel', 'Tunnel'),
        ),
      },
      'Another paper',
    );
    expect(syncPulls(fake)).toHaveLength(1);
    expect(w.botComments(sync!.number)).toHaveLength(1);
  });
});

describe('the sync PR and the LLM', () => {
  it('a rebuild after the next push reuses the translation it paid for', async () => {
    const nock = (await import('nock')).default;
    let asked = 0;
    nock('http://llm.test')
      .persist()
      .post('/v1/chat/completions')
      .reply(200, (_uri, body) => {
        asked += 1;
        const user = (body as { messages: { content: string }[] }).messages[1]!.content;
        const texts = JSON.parse(user.replace(/^<texts>\n|\n<\/texts>$/g, '')) as {
          index: number;
        }[];
        return completion(
          JSON.stringify({
            translations: texts.map((t) => ({
              index: t.index,
              text: '解码时给较低层分配更多的KV缓存预算。',
            })),
          }),
        );
      });
    try {
      const w = await startWorld(
        (s) => stops.push(s),
        {
          env: { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: 'http://llm.test/v1' },
          // The LLM stand-in (nock) behind the real fetch; nothing else is fetched here.
          fetch: globalThis.fetch,
        },
        undefined,
        { deliverOwnEvents: true },
      );
      const { fake } = w;
      await pushToMain(
        w,
        { 'README.md': insertAbove(main(fake, 'README.md'), '2406.10774', NEW_ROW) },
        'Add a paper to the English list',
      );
      const [sync] = syncPulls(fake);
      const cnRow = () => lineWith(fake.state.fileAt(SYNC_BRANCH, 'README_CN.md')!, '2509.04890');
      expect(cnRow()).toContain('解码时给较低层分配更多的KV缓存预算。');
      expect(asked).toBe(1);
      const first = fake.state.branchSha(SYNC_BRANCH);

      // Another push to main: the sync branch is rebuilt on it, the translation comes from the
      // sync PR's block.
      await pushToMain(
        w,
        {
          'README.md': main(fake, 'README.md').replace(
            '# Awesome-Context-Compression-LLMs 🗜️',
            '# Awesome-Context-Compression-LLMs 🗜️ ![stars](https://img.shields.io/github/stars/o/r)',
          ),
        },
        'A badge',
      );
      expect(fake.state.branchSha(SYNC_BRANCH)).not.toBe(first);
      expect(syncPulls(fake).map((p) => p.number)).toEqual([sync!.number]);
      expect(cnRow()).toContain('解码时给较低层分配更多的KV缓存预算。');
      expect(asked).toBe(1);
    } finally {
      nock.cleanAll();
    }
  });
});

describe('a paper added to the translation first', () => {
  it('is copied into README.md by the sync PR, not deleted, though README.md gained a newer paper in the same push', async () => {
    const w = await startWorld((s) => stops.push(s), {}, undefined, { deliverOwnEvents: true });
    const { fake } = w;
    const newer = NEW_ROW.replace('2509.04890', '2510.01234').replace(
      'Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding',
      'Ladder Budgets for Long Decoding',
    );
    await pushToMain(
      w,
      {
        'README.md': insertAbove(main(fake, 'README.md'), '2406.10774', newer),
        'README_CN.md': insertAbove(main(fake, 'README_CN.md'), '2406.10774', NEW_ROW_CN),
      },
      'One paper in each language',
    );
    const [sync] = syncPulls(fake);
    expect(sync!.title).toBe('Sync the READMEs: 2 missing rows');
    expect(sync!.body).not.toContain('removed');
    expect(fake.state.fileAt(SYNC_BRANCH, 'README.md')).toContain('2509.04890');
    const cn = fake.state.fileAt(SYNC_BRANCH, 'README_CN.md')!;
    expect(cn).toContain('2509.04890');
    expect(cn).toContain('2510.01234');
  });
});
