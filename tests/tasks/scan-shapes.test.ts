/**
 * New entries in the list's own shape: `curator scan`, the suggestion PR and `/curator add` all
 * build their entries in scanArxiv, which writes each one as its file writes its entries (a table
 * row in the table's columns and style, a list item shaped like its neighbours) and inserts it by
 * entry, a multi-line item included. arXiv is a fake `fetch` answering in the API's Atom format
 * (tests/helpers/arxiv-feed.ts); GitHub is the in-memory fake. Nothing here uses the network.
 */
import { readFileSync } from 'node:fs';
import { Octokit } from '@octokit/rest';
import { afterEach, describe, expect, it } from 'vitest';
import { createArxivClient } from '../../src/arxiv/index.js';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import type { GitHubClient } from '../../src/github/index.js';
import { lintText } from '../../src/lint/index.js';
import { parseList } from '../../src/list/index.js';
import { addPapersPr } from '../../src/tasks/add-papers-pr.js';
import { lintOptionsFrom } from '../../src/tasks/lint-files.js';
import { scanArxiv, type ScanResult } from '../../src/tasks/scan-arxiv.js';
import { atomFeed, type FeedEntry } from '../helpers/arxiv-feed.js';
import { workspace } from '../helpers/cli.js';
import { startFakeGitHub, type FakeGitHub } from '../helpers/fake-github.js';

const shape = (name: string): string =>
  readFileSync(new URL(`../fixtures/shapes/${name}`, import.meta.url), 'utf8');

/**
 * arXiv as its API answers: a search gets every paper of the feed, an `id_list` look-up only the
 * papers asked for (a listed preprint it does not know gets an empty feed, so no venue update).
 */
function fakeArxiv(papers: FeedEntry[]) {
  const urls: URL[] = [];
  const fetch = (async (input: string | URL | Request) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    urls.push(url);
    const ids = url.searchParams.get('id_list');
    const body = ids
      ? atomFeed(
          papers.filter((p) => ids.split(',').some((id) => id.replace(/v\d+$/, '') === p.id)),
          `id_list=${ids.replace(/[^\w.,/-]/g, '')}`,
        )
      : atomFeed(papers, 'search_query=…&start=0&max_results=100');
    return new Response(body, { status: 200, headers: { 'content-type': 'application/atom+xml' } });
  }) as typeof globalThis.fetch;
  return { fetch, urls };
}

const EVICT_KV: FeedEntry = {
  id: '2501.01234',
  title: 'EvictKV: Attention-Guided KV Cache Eviction for Long-Context LLM Inference',
  summary:
    'We evict key value cache entries during decoding by attention scores, cutting KV cache memory of large language models. Code: https://github.com/acme/EvictKV',
  authors: ['Ada Lovelace'],
};

const client = (papers: FeedEntry[]) =>
  createArxivClient({ fetch: fakeArxiv(papers).fetch, userAgent: 'test', sleep: async () => {} });

function configWith(overrides: CuratorConfig['categories']['overrides'] = {}): CuratorConfig {
  const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
  config.categories.overrides = overrides;
  return config;
}

async function scan(text: string, papers: FeedEntry[], config: CuratorConfig) {
  return scanArxiv({
    primary: { path: 'README.md', text },
    translation: null,
    config,
    client: client(papers),
    since: new Date('2025-01-01'),
    until: new Date('2025-01-31'),
  });
}

const textOf = (r: ScanResult, path: string, original: string) =>
  r.changes.find((c) => c.path === path)?.text ?? original;

/** Findings as rule and message (positions move by the inserted lines), sorted. */
const findings = (text: string, config: CuratorConfig) =>
  lintText(text, 'README.md', {}, lintOptionsFrom(config))
    .map((f) => `${f.ruleId} ${f.severity}: ${f.message}`)
    .sort();

/** `before` with `entry` (and a line ending) inserted at the start of the line `anchor` begins. */
function inserted(before: string, anchor: string, entry: string): string {
  const at = before.indexOf(anchor);
  expect(at, `anchor ${anchor}`).toBeGreaterThan(0);
  expect(before.indexOf(anchor, at + 1), `anchor ${anchor} is unique`).toBe(-1);
  expect(before[at - 1]).toBe('\n');
  return `${before.slice(0, at)}${entry}\n${before.slice(at)}`;
}

/** `text` with the entries of each run of lines that `isEntry` accepts in the opposite order. */
function reversedSections(text: string, isEntry: (line: string) => boolean): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      if (!isEntry(line)) return line;
      let first = i;
      while (first > 0 && isEntry(lines[first - 1]!)) first -= 1;
      let last = i;
      while (last + 1 < lines.length && isEntry(lines[last + 1]!)) last += 1;
      return lines[first + last - i]!;
    })
    .join('\n');
}

/**
 * One scan adding one paper: exactly `entry` before `anchor`, nothing else changed, no lint
 * finding the original does not have, and a second scan changes nothing.
 */
async function expectAdded(
  text: string,
  paper: FeedEntry,
  config: CuratorConfig,
  anchor: string,
  entry: string,
  section: string,
) {
  const first = await scan(text, [paper], config);
  expect(first.skipped).toEqual([]);
  expect(first.suggested.map((s) => [s.arxivId, s.section])).toEqual([[paper.id, section]]);
  expect(first.suggested[0]!.rows).toEqual({ 'README.md': entry });
  const after = textOf(first, 'README.md', text);
  expect(after).toBe(inserted(text, anchor, entry));
  // The new entry reads back as the paper, in its section.
  const list = parseList(after, 'README.md');
  const row = list.rows.find((r) => r.arxiv?.id === paper.id)!;
  expect(row).toBeDefined();
  expect(list.tables[row.tableIndex]!.section!.text).toBe(section);
  expect(row.lastLine - row.line + 1).toBe(entry.split('\n').length);
  expect(findings(text, config)).toEqual([]);
  expect(findings(after, config)).toEqual(findings(text, config));
  // Idempotent: the paper is listed now.
  const second = await scan(after, [paper], config);
  expect(second.changes).toEqual([]);
  expect(second.skipped).toEqual([{ arxivId: paper.id, reason: 'already-listed' }]);
  return after;
}

describe('scan writes a new entry in the shape of its list', () => {
  it('bullets: one line shaped like its neighbours, abs link, [[Code]], newest first', async () => {
    const text = shape('bullets.md');
    await expectAdded(
      text,
      {
        id: '2501.01234',
        title: 'LayerDrop-LM: Deleting Redundant Layers of Large Language Models',
        summary:
          'We delete redundant layers of large language models and keep their accuracy. Code: https://github.com/acme/layerdrop-lm',
        authors: ['Ada Lovelace', 'Alan Turing'],
      },
      configWith({ pruning: { keywords: ['redundant layers'] } }),
      '- ShortGPT: Layers in Large Language Models',
      '- LayerDrop-LM: Deleting Redundant Layers of Large Language Models <br> arXiv 2025 [[Paper]](https://arxiv.org/abs/2501.01234) [[Code]](https://github.com/acme/layerdrop-lm)',
      'Pruning',
    );
  });

  it('bullets, no code: the code link is left out, not a dangling label', async () => {
    const text = shape('bullets.md');
    await expectAdded(
      text,
      {
        id: '2501.01234',
        title: 'LayerDrop-LM: Deleting Redundant Layers of Large Language Models',
        summary: 'We delete redundant layers of large language models and keep their accuracy.',
      },
      configWith({ pruning: { keywords: ['redundant layers'] } }),
      '- ShortGPT: Layers in Large Language Models',
      '- LayerDrop-LM: Deleting Redundant Layers of Large Language Models <br> arXiv 2025 [[Paper]](https://arxiv.org/abs/2501.01234)',
      'Pruning',
    );
  });

  it('Date | Title | Paper | Code table: the date column, a [[pdf]] link, the [[<repo>]] label, an empty Recom cell', async () => {
    const text = shape('date-title-paper-code.md');
    await expectAdded(
      text,
      {
        id: '2501.01234',
        title: 'EvictKV: Attention-Guided KV Cache Eviction for Long-Context LLM Inference',
        summary:
          'We evict key value cache entries during decoding by attention scores, cutting KV cache memory of large language models. Code: https://github.com/acme/EvictKV',
      },
      configWith(),
      '| 2024.06 | PyramidKV:',
      '| 2025.01 | EvictKV: Attention-Guided KV Cache Eviction for Long-Context LLM Inference | [[pdf]](https://arxiv.org/pdf/2501.01234) | [[EvictKV]](https://github.com/acme/EvictKV) |  |',
      'KV Cache Compression',
    );
  });

  it('Date | Title | Paper | Code table, no code: the list\'s own "no code" mark', async () => {
    const text = shape('date-title-paper-code.md');
    await expectAdded(
      text,
      {
        id: '2501.01234',
        title: 'EvictKV: Attention-Guided KV Cache Eviction for Long-Context LLM Inference',
        summary:
          'We evict key value cache entries during decoding by attention scores, cutting KV cache memory of large language models.',
      },
      configWith(),
      '| 2024.06 | PyramidKV:',
      '| 2025.01 | EvictKV: Attention-Guided KV Cache Eviction for Long-Context LLM Inference | [[pdf]](https://arxiv.org/pdf/2501.01234) | - |  |',
      'KV Cache Compression',
    );
  });

  it('a pinned style wins over the learned one: style.arxivLink abs in a list of [[pdf]] links', async () => {
    const text = shape('date-title-paper-code.md');
    const config = configWith();
    config.style = { arxivLink: 'abs' };
    const r = await scan(
      text,
      [
        {
          id: '2501.01234',
          title: 'EvictKV: Attention-Guided KV Cache Eviction for Long-Context LLM Inference',
          summary:
            'We evict key value cache entries during decoding by attention scores, cutting KV cache memory of large language models.',
        },
      ],
      config,
    );
    expect(r.suggested[0]!.rows['README.md']).toBe(
      '| 2025.01 | EvictKV: Attention-Guided KV Cache Eviction for Long-Context LLM Inference | [[pdf]](https://arxiv.org/abs/2501.01234) | - |  |',
    );
  });

  it('a list pinned oldest first (style.order) gets the new entry after the older ones, not at the top', async () => {
    // bullets.md with every section's entries in the opposite order: oldest first. Its venue
    // years alone are too little to learn an order from, so the config pins it.
    const text = reversedSections(shape('bullets.md'), (line) => line.startsWith('- '));
    expect(text).toContain(
      '- LLM-Pruner: On the Structural Pruning of Large Language Models <br> NeurIPS 2023 [[Paper]](https://arxiv.org/abs/2305.11627) [[Code]](https://github.com/horseee/LLM-Pruner)\n- A Simple and Effective',
    );
    const config = configWith({ pruning: { keywords: ['redundant layers'] } });
    config.style = { order: 'oldest-first' };
    await expectAdded(
      text,
      {
        id: '2402.01234',
        title: 'LayerDrop-LM: Deleting Redundant Layers of Large Language Models',
        summary: 'We delete redundant layers of large language models and keep their accuracy.',
      },
      config,
      // Between SliceGPT (2401) and ShortGPT (2403).
      '- ShortGPT: Layers in Large Language Models',
      '- LayerDrop-LM: Deleting Redundant Layers of Large Language Models <br> arXiv 2024 [[Paper]](https://arxiv.org/abs/2402.01234)',
      'Pruning',
    );
  });

  it('a table that keeps oldest first (learned from its dates) gets the new row after the older ones', async () => {
    const text = reversedSections(shape('date-title-paper-code.md'), (line) =>
      /^\| \d{4}\.\d{2} \|/.test(line),
    );
    const entry =
      '| 2025.01 | EvictKV: Attention-Guided KV Cache Eviction for Long-Context LLM Inference | [[pdf]](https://arxiv.org/pdf/2501.01234) | - |  |';
    // The newest entry of KV Cache Compression is PyramidKV, last in the table now.
    const r = await scan(
      text,
      [{ ...EVICT_KV, summary: EVICT_KV.summary.replace(/ Code:.*$/, '') }],
      configWith(),
    );
    const after = textOf(r, 'README.md', text);
    expect(after).toBe(inserted(text, '\n## Surveys', entry));
    expect(after).toContain(
      `| [[PyramidKV]](https://github.com/Zefan-Cai/PyramidKV) | ⭐ |\n${entry}\n\n## Surveys`,
    );
    expect(findings(after, configWith())).toEqual(findings(text, configWith()));
  });

  it('numbered: bold title link, the authors from arXiv in italics, venue, a stars badge for the code', async () => {
    const text = shape('numbered.md');
    await expectAdded(
      text,
      {
        id: '2501.01234',
        title: 'NeedleBench-X: A Long-Context Benchmark for Language Models',
        summary:
          'We present a benchmark that tests how language models use long contexts across many tasks. Code: https://github.com/acme/needlebench-x',
        authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'],
      },
      configWith({ benchmarks: { keywords: ['long-context benchmark'] } }),
      '1. [**HELMET:',
      '1. [**NeedleBench-X: A Long-Context Benchmark for Language Models.**](https://arxiv.org/abs/2501.01234) *Ada Lovelace, Alan Turing, Grace Hopper.* arXiv 2025. [![stars](https://img.shields.io/github/stars/acme/needlebench-x?style=social)](https://github.com/acme/needlebench-x)',
      'Benchmarks',
    );
  });

  it('numbered, after the last entry of the file: the next number, the venue from the journal reference', async () => {
    // Older than every entry of its section: it goes last, numbered on from the last one.
    const text = shape('numbered.md');
    const config = configWith({ benchmarks: { keywords: ['long-context benchmark'] } });
    const paper: FeedEntry = {
      id: '2304.01234',
      title: 'NeedleBench-X: A Long-Context Benchmark for Language Models',
      summary:
        'We present a benchmark that tests how language models use long contexts across many tasks.',
      authors: ['Ada Lovelace'],
      journalRef: 'ACL 2023',
    };
    const r = await scan(text, [paper], config);
    const entry =
      '7. [**NeedleBench-X: A Long-Context Benchmark for Language Models.**](https://arxiv.org/abs/2304.01234) *Ada Lovelace.* ACL 2023.';
    expect(r.suggested.map((s) => [s.section, s.rows['README.md']])).toEqual([
      ['Benchmarks', entry],
    ]);
    const after = textOf(r, 'README.md', text);
    expect(after).toBe(`${text}${entry}\n`);
    expect(findings(after, config)).toEqual(findings(text, config));
    expect((await scan(after, [paper], config)).changes).toEqual([]);
  });

  it('nested bullets: a multi-line entry, inserted whole before the first entry of its section', async () => {
    const text = shape('nested-bullets.md');
    await expectAdded(
      text,
      {
        id: '2501.01234',
        title: 'SoftSqueeze: Compressing Long Prompts into Soft Tokens for LLMs',
        summary:
          'We compress long prompts into a few soft tokens that a frozen large language model reads. Code: https://github.com/acme/softsqueeze',
      },
      configWith({ 'soft-prompt-compression': { keywords: ['soft tokens'] } }),
      '- **Gisting**',
      [
        '- **SoftSqueeze**',
        '  - Paper: [SoftSqueeze: Compressing Long Prompts into Soft Tokens for LLMs](https://arxiv.org/abs/2501.01234) (arXiv 2025)',
        '  - Code: [GitHub](https://github.com/acme/softsqueeze)',
      ].join('\n'),
      'Soft Prompt Compression',
    );
  });
});

/**
 * The Date | Title | Paper | Code table as a Chinese list of bullets: same sections, same papers,
 * its own style (abs links, code links labelled 代码, no date).
 */
function chineseBullets(en: string): string {
  const headings: Record<string, string> = {
    '## Prompt Compression': '## 提示压缩',
    '## KV Cache Compression': '## KV 缓存压缩',
    '## Surveys': '## 综述',
  };
  return en
    .split('\n')
    .flatMap((line) => {
      const row =
        /^\| \d{4}\.\d{2} \| (.+?) \| \[\[pdf\]\]\(https:\/\/arxiv\.org\/pdf\/([\d.]+)\) \| (.+?) \|/.exec(
          line,
        );
      if (row) {
        const code = /\]\((https:\/\/github\.com\/[^)]+)\)/.exec(row[3]!)?.[1];
        return [`- [${row[1]}](https://arxiv.org/abs/${row[2]})${code ? ` [代码](${code})` : ''}`];
      }
      if (/^\| (?:Date|---)/.test(line)) return [];
      return [headings[line] ?? line];
    })
    .join('\n');
}

describe('/curator add writes each file in its own shape', () => {
  let fake: FakeGitHub;
  afterEach(async () => {
    expect(fake.violations).toEqual([]);
    await fake.close();
  });

  it('a table row in README.md and a bullet in README_CN.md, each in its own style, nothing else changed', async () => {
    const en = shape('date-title-paper-code.md');
    const cn = chineseBullets(en);
    expect(cn).toContain(
      '- [SnapKV: LLM Knows What You are Looking for Before Generation](https://arxiv.org/abs/2404.14469) [代码](https://github.com/FasterDecoding/SnapKV)',
    );
    const r = { owner: 'octo', repo: 'papers' };
    fake = await startFakeGitHub({ ...r, files: { 'README.md': en, 'README_CN.md': cn } });
    const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    const octokit = new Octokit({
      baseUrl: fake.url,
      auth: 'ghs_fake',
      log: quiet,
    }) as GitHubClient;
    const issue = fake.openIssue({
      title: 'Suggest a paper',
      body: `Please add https://arxiv.org/abs/${EVICT_KV.id}`,
      user: 'contributor',
    });
    const arxiv = fakeArxiv([EVICT_KV]);
    const outcome = await addPapersPr(octokit, r, {
      config: configWith(),
      issue: { number: issue.number, title: issue.title, body: issue.body ?? '', open: true },
      defaultBranch: 'main',
      arxiv: createArxivClient({ fetch: arxiv.fetch, userAgent: 'test', sleep: async () => {} }),
      now: new Date('2025-01-20T12:00:00Z'),
    });
    expect(outcome.pull).not.toBeNull();
    // The paper was looked up by id, never searched for.
    expect(arxiv.urls.map((u) => u.searchParams.get('id_list'))).toEqual([EVICT_KV.id]);
    const pr = fake.state.pulls.find((p) => p.head.ref === `curator/add-${issue.number}`)!;
    expect(fake.state.fileAt(pr.head.sha, 'README.md')).toBe(
      inserted(
        en,
        '| 2024.06 | PyramidKV:',
        '| 2025.01 | EvictKV: Attention-Guided KV Cache Eviction for Long-Context LLM Inference | [[pdf]](https://arxiv.org/pdf/2501.01234) | [[EvictKV]](https://github.com/acme/EvictKV) |  |',
      ),
    );
    expect(fake.state.fileAt(pr.head.sha, 'README_CN.md')).toBe(
      inserted(
        cn,
        '- [PyramidKV:',
        '- [EvictKV: Attention-Guided KV Cache Eviction for Long-Context LLM Inference](https://arxiv.org/abs/2501.01234) [代码](https://github.com/acme/EvictKV)',
      ),
    );
    expect(fake.state.fileAt('main', 'README.md')).toBe(en);
  });
});

describe('curator scan --write', () => {
  it('writes a nested entry into a CRLF file with CRLF endings; a second --write changes nothing', async () => {
    const lf = shape('nested-bullets.md');
    const crlf = lf.replace(/\n/g, '\r\n');
    const arxiv = fakeArxiv([
      {
        id: '2509.01234',
        title: 'SoftSqueeze: Compressing Long Prompts into Soft Tokens for LLMs',
        summary:
          'We compress long prompts into a few soft tokens that a frozen large language model reads. Code: https://github.com/acme/softsqueeze',
      },
    ]);
    const ws = workspace(
      {
        'README.md': crlf,
        '.github/curator.yml':
          "categories:\n  overrides:\n    soft-prompt-compression:\n      keywords: ['soft tokens']\n",
      },
      {},
      { fetch: arxiv.fetch },
    );
    // No OPENAI_API_KEY in the workspace: the papers are classified offline; arXiv is the fake.
    const argv = ['scan', '--since', '2025-09-01', '--until', '2025-09-20', '--write'];
    const first = await ws.run(...argv);
    expect(first.code).toBe(0);
    const entry = [
      '- **SoftSqueeze**',
      '  - Paper: [SoftSqueeze: Compressing Long Prompts into Soft Tokens for LLMs](https://arxiv.org/abs/2509.01234) (arXiv 2025)',
      '  - Code: [GitHub](https://github.com/acme/softsqueeze)',
    ].join('\n');
    const written = ws.read('README.md').toString('utf8');
    expect(written).toBe(inserted(lf, '- **Gisting**', entry).replace(/\n/g, '\r\n'));
    const second = await ws.run(...argv);
    expect(second.code).toBe(0);
    expect(ws.read('README.md').toString('utf8')).toBe(written);
  });
});
