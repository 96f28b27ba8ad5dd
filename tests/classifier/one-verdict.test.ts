/**
 * One verdict per paper (issue 19): the PR check, `/classify` (the bot's classifyAgainst), the
 * CLI's `classify ID` and the arXiv scan judge a paper from the same text (title and abstract when
 * known, else the row's TL;DR and tags), against the list without the paper itself, and agree. Both
 * files of a bilingual list place a paper alike.
 */
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createArxivClient } from '../../src/arxiv/index.js';
import { classifyAgainst } from '../../src/bot/comment.js';
import { readGuidelines } from '../../src/classifier/guidelines.js';
import { offlineClassifier } from '../../src/classifier/offline.js';
import { rowPaper } from '../../src/classifier/row-paper.js';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { lintList } from '../../src/lint/index.js';
import { categorySections, parseList } from '../../src/list/index.js';
import { checkPullRequest } from '../../src/tasks/check-pull-request.js';
import { placementCheck } from '../../src/tasks/placement-check.js';
import { renderCheckComment } from '../../src/tasks/render-check.js';
import { scanArxiv } from '../../src/tasks/scan-arxiv.js';
import { atomFeed, type FeedEntry } from '../helpers/arxiv-feed.js';
import { workspace } from '../helpers/cli.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
config.files.translation = null;

// A real paper (arXiv 2405.16635), described in our own words.
const PAPER: FeedEntry = {
  id: '2405.16635',
  title: 'Compressing Lengthy Context With UltraGist',
  summary:
    'Long inputs are expensive for language models to read. We propose UltraGist, which cuts a long context into windows and condenses each window into the hidden activations of a few special tokens, trained at many compression ratios. The model then answers from these condensed states instead of the original text.',
};
const ROW = `| [${PAPER.title}](https://arxiv.org/abs/${PAPER.id}) | ACL 2025 | \`Soft Prompt\` | - | Squeezes a whole prompt into a handful of learned tokens read by a frozen model |`;

/** The seed-like README with the row added at the top of the implicit table. */
function withPaper(text: string): string {
  const lines = text.split('\n');
  const heading = lines.findIndex((l) => l.startsWith('## 🧠'));
  const delimiter = lines.findIndex((l, i) => i > heading && /^\|\s*:?-+/.test(l));
  lines.splice(delimiter + 1, 0, ROW);
  return lines.join('\n');
}

/** arXiv over HTTP, as the API manual describes it: id look-ups and searches answer this paper. */
function arxivFetch(entries: FeedEntry[] = [PAPER]): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const query = url.searchParams.has('id_list') ? 'id_list' : 'search_query=…';
    return new Response(atomFeed(entries, query), {
      status: 200,
      headers: { 'content-type': 'application/atom+xml' },
    });
  }) as typeof fetch;
}
const client = (entries: FeedEntry[] = [PAPER]) =>
  createArxivClient({
    fetch: arxivFetch(entries),
    userAgent: 'test',
    sleep: async () => undefined,
  });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('one verdict per paper', () => {
  it('the check, /classify, classify by id and scan give the same category and confidence', async () => {
    const base = SEED_EN();
    const head = withPaper(base);

    const check = await checkPullRequest({
      primary: { path: 'README.md', base, head },
      translation: null,
      config,
      arxiv: client(),
    });
    const fromCheck = check.classifications.find((c) => c.key === `arxiv:${PAPER.id}`);

    const paper = { id: PAPER.id, title: PAPER.title, abstract: PAPER.summary };
    const fromComment = (
      await classifyAgainst(
        head,
        config,
        { fetch: arxivFetch(), env: {}, now: () => new Date(), scheduler: false },
        [paper],
      )
    ).result.verdicts[0];

    const ws = workspace({ 'README.md': head, 'feed.xml': atomFeed([PAPER]) });
    const cli = await ws.run(
      'classify',
      PAPER.id,
      '--arxiv-url',
      'file:feed.xml',
      '--format',
      'json',
    );
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(cli.stdout)[0];

    const scan = await scanArxiv({
      primary: { path: 'README.md', text: base },
      translation: null,
      config: { ...config, arxiv: { ...config.arxiv, minConfidence: 0 } },
      client: client(),
      since: new Date('2024-03-01'),
      until: new Date('2024-03-31'),
      venueUpdates: false,
    });
    const fromScan = scan.suggested.find((s) => s.arxivId === PAPER.id);

    const verdicts = [fromCheck, fromComment, fromCli, fromScan].map((v) => ({
      section: v?.section,
      confidence: v?.confidence,
    }));
    expect(verdicts[0]!.section).toMatch(/^🧠 Implicit/);
    expect(verdicts).toEqual([verdicts[0], verdicts[0], verdicts[0], verdicts[0]]);
    // None of them names the paper itself as its nearest listed paper.
    for (const v of [fromCheck, fromComment, fromCli, fromScan])
      expect(v?.rationale).not.toContain('UltraGist');
  });

  it('a listed paper is judged against the list without it, and is never its own nearest paper', () => {
    const text = SEED_EN();
    const list = parseList(text, 'README.md');
    const whole = offlineClassifier(readGuidelines(list, categorySections(list)));
    const rows = list.rows.filter((r) => r.arxiv);
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      const lines = text.split('\n');
      lines.splice(row.line - 1, 1);
      const rest = parseList(lines.join('\n'), 'README.md');
      const without = offlineClassifier(readGuidelines(rest, categorySections(rest)));
      const byId = whole.classify(rowPaper(row));
      expect(byId, row.title ?? row.key).toEqual(without.classify(rowPaper(row)));
      expect(byId.rationale).not.toContain(`nearest listed paper: ${row.title}.`);
    }
  });

  it("the placement check's brief verdict is the full verdict without its TL;DR and tags", () => {
    const list = parseList(SEED_EN(), 'README.md');
    const classifier = offlineClassifier(readGuidelines(list, categorySections(list)));
    const rows = list.rows.filter((r) => r.title);
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      const full = classifier.classify(rowPaper(row), { exclude: row.key });
      const brief = classifier.classify(rowPaper(row), { exclude: row.key, brief: true });
      expect(brief, row.title ?? row.key).toEqual({ ...full, tldr: '', tags: [] });
    }
    // The full verdict does carry them (the brief one is not the same thing by accident).
    const sample = classifier.classify(rowPaper(rows[0]!), { exclude: rows[0]!.key });
    expect(sample.tldr).not.toBe('');
  });

  it('a row of the translation with no twin in the primary is judged from the translation', () => {
    const en = parseList(SEED_EN(), 'README.md');
    const cnText = SEED_CN();
    const cn = parseList(cnText, 'README_CN.md');
    // A KV-cache paper added to the CN file's first table only (no twin in README.md).
    const first = cn.rows[0]!;
    const lines = cnText.split('\n');
    lines.splice(
      first.line - 1,
      0,
      '| [PyramidInfer: Pyramid KV Cache Compression for High-throughput LLM Inference](https://arxiv.org/abs/2405.12532) | ACL 2024 | `Eviction` | - | 逐层减少保留在 KV 缓存中的键值对，深层保留得更少。 |',
    );
    const grown = parseList(lines.join('\n'), 'README_CN.md');
    const check = placementCheck(grown, undefined, {}, { list: en, check: placementCheck(en) });
    const row = grown.rows.find((r) => r.arxiv?.id === '2405.12532')!;
    expect(row.line).toBe(first.line);
    const verdict = check.place(row);
    expect(verdict?.section).toMatch(/KV/);
    expect(cn.rows.some((r) => r.arxiv?.id === '2405.12532')).toBe(false);
    // A row with a twin still gets its primary twin's verdict, section named in Chinese (the
    // full verdict: `place` may say only that the paper stays, see placement-listed.test.ts).
    const twin = en.rows.find((r) => r.key === grown.rows[1]!.key)!;
    const own = placementCheck(en).placeFull(twin)!;
    const translated = check.placeFull(grown.rows[1]!)!;
    expect(translated.confidence).toBe(own.confidence);
    expect(translated.category).toBe(own.category);
  });

  it('README.md and README_CN.md place every paper alike', () => {
    const en = parseList(SEED_EN(), 'README.md');
    const cn = parseList(SEED_CN(), 'README_CN.md');
    const found = (list: typeof en, placement: ReturnType<typeof placementCheck>) =>
      lintList(list, { placement })
        .filter((f) => f.ruleId === 'category')
        .map((f) => [f.line, /\(confidence ([0-9.]+)\)/.exec(f.message)?.[1]]);
    const inEnglish = found(en, placementCheck(en));
    expect(inEnglish.length).toBeGreaterThan(0);
    expect(found(cn, placementCheck(cn, undefined, {}, { list: en }))).toEqual(inEnglish);
  });
});

describe("a maintainer's decision (categories.pin)", () => {
  const pinned = (pin: Record<string, string>): CuratorConfig => ({
    ...config,
    categories: { ...config.categories, pin },
  });

  it('the check, /classify, classify by id and scan all give the pinned category', async () => {
    const cfg = pinned({ [PAPER.id]: 'explicit' });
    const base = SEED_EN();
    const head = withPaper(base);
    const check = await checkPullRequest({
      primary: { path: 'README.md', base, head },
      translation: null,
      config: cfg,
      arxiv: client(),
    });
    const paper = { id: PAPER.id, title: PAPER.title, abstract: PAPER.summary };
    const services = { fetch: arxivFetch(), env: {}, now: () => new Date(), scheduler: false };
    const comment = (await classifyAgainst(head, cfg, services, [paper])).result.verdicts[0];
    const ws = workspace({
      'README.md': head,
      'feed.xml': atomFeed([PAPER]),
      '.github/curator.yml': `categories:\n  pin:\n    "${PAPER.id}": explicit\n`,
    });
    const cli = JSON.parse(
      (await ws.run('classify', PAPER.id, '--arxiv-url', 'file:feed.xml', '--format', 'json'))
        .stdout,
    )[0];
    const scan = await scanArxiv({
      primary: { path: 'README.md', text: base },
      translation: null,
      config: cfg,
      client: client(),
      since: new Date('2024-03-01'),
      until: new Date('2024-03-31'),
      venueUpdates: false,
    });
    const fromScan = scan.suggested.find((s) => s.arxivId === PAPER.id);
    const fromCheck = check.classifications.find((c) => c.key === `arxiv:${PAPER.id}`);
    for (const v of [fromCheck, comment, cli, fromScan]) {
      expect(v?.section).toMatch(/^📝 Explicit/);
      expect(v?.confidence).toBe(1);
      expect(v?.rationale).toContain('A maintainer placed it under');
    }
  });

  it('a pinned row is not reported by the placement rule; `none` keeps a paper out of the scan', async () => {
    const en = parseList(SEED_EN(), 'README.md');
    const lines = (placement: ReturnType<typeof placementCheck>) =>
      lintList(en, { placement })
        .filter((f) => f.ruleId === 'category')
        .map((f) => f.line);
    expect(lines(placementCheck(en))).toContain(62); // Keyformer, under the explicit table
    const keyformer = en.rows.find((r) => r.line === 62)!;
    expect(keyformer.arxiv?.id).toBe('2403.09054');
    const kept = lines(placementCheck(en, undefined, {}, undefined, { '2403.09054': 'explicit' }));
    expect(kept).not.toContain(62);
    expect(kept.length).toBe(lines(placementCheck(en)).length - 1);
    // A pin naming no category of the list is ignored.
    expect(lines(placementCheck(en, undefined, {}, undefined, { '2403.09054': 'kv' }))).toContain(
      62,
    );

    const scan = await scanArxiv({
      primary: { path: 'README.md', text: SEED_EN() },
      translation: null,
      config: pinned({ [`https://arxiv.org/abs/${PAPER.id}`]: 'none' }),
      client: client(),
      since: new Date('2024-03-01'),
      until: new Date('2024-03-31'),
      venueUpdates: false,
    });
    expect(scan.suggested).toEqual([]);
    expect(scan.skipped).toEqual([{ arxivId: PAPER.id, reason: 'off-topic' }]);
  });

  it('the PR comment says how to keep a paper judged not to belong, and only then', async () => {
    const base = SEED_EN();
    /** `row` added at the top of the KV-cache table. */
    const inKvTable = (row: string) => {
      const lines = base.split('\n');
      const heading = lines.findIndex((l) => l.startsWith('## ⚡'));
      const delimiter = lines.findIndex((l, i) => i > heading && /^\|\s*:?-+/.test(l));
      lines.splice(delimiter + 1, 0, row);
      return lines.join('\n');
    };
    // Misplaced (a soft-prompt method in the KV-cache table): the finding says where it goes.
    const misplaced = await checkPullRequest({
      primary: { path: 'README.md', base, head: inKvTable(ROW) },
      translation: null,
      config,
      arxiv: client(),
    });
    const c = misplaced.classifications.find((x) => x.key === `arxiv:${PAPER.id}`);
    expect([c?.placedInCategory, c?.category]).toEqual(['kv-cache', 'implicit']);
    expect(renderCheckComment(misplaced)).not.toContain('pin:');

    // Judged not to belong (weight quantization): the comment shows the pin that keeps it.
    const awq: FeedEntry = {
      id: '2306.00978',
      title: 'AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration',
      summary:
        'Large models are costly to serve on small devices. We propose AWQ, a weight-only quantization method that protects the few salient weight channels, found from activation magnitudes, by scaling them before rounding the weights to 4 bits.',
    };
    const awqRow = `| [${awq.title}](https://arxiv.org/abs/${awq.id}) | MLSys 2024 | \`Quantization\` | - | Keeps 4-bit weights accurate by scaling the channels that activations mark as salient |`;
    const offTopic = await checkPullRequest({
      primary: { path: 'README.md', base, head: inKvTable(awqRow) },
      translation: null,
      config,
      arxiv: client([awq]),
    });
    const d = offTopic.classifications.find((x) => x.key === `arxiv:${awq.id}`);
    expect([d?.placedInCategory, d?.category]).toEqual(['kv-cache', null]);
    expect(d?.rationale).toContain('a neighbouring field');
    expect(renderCheckComment(offTopic)).toContain(
      `in \`.github/curator.yml\`, \`categories: { pin: { "${awq.id}": kv-cache } }\``,
    );
  });
});

describe('a pin that names no category', () => {
  it('is ignored, and the placement rule and the check say so, naming the ids to use', async () => {
    const en = parseList(SEED_EN(), 'README.md');
    const placement = placementCheck(en, undefined, {}, undefined, {
      '2403.09054': 'Explicit',
      '2404.14469': 'kv',
    });
    const findings = lintList(en, { placement }).filter((f) => f.ruleId === 'category');
    // "Explicit" is read as the id "explicit" (ids are lower case): Keyformer is not reported.
    expect(findings.map((f) => f.line)).not.toContain(62);
    const warning =
      'categories.pin: "kv" (for 2404.14469) is not a category of this list, so the pin is ignored; use one of "explicit", "implicit", "kv-cache", "none"';
    expect(findings.filter((f) => f.line === 1).map((f) => [f.severity, f.message])).toEqual([
      ['warning', warning],
    ]);
    const check = await checkPullRequest({
      primary: { path: 'README.md', base: SEED_EN(), head: withPaper(SEED_EN()) },
      translation: null,
      config: { ...config, categories: { ...config.categories, pin: { '2404.14469': 'kv' } } },
      arxiv: client(),
    });
    expect(check.notes).toContain(warning);
    const ws = workspace({
      'README.md': SEED_EN(),
      'feed.xml': atomFeed([PAPER]),
      '.github/curator.yml': 'categories:\n  pin:\n    "2404.14469": kv\n',
    });
    const cli = await ws.run('classify', PAPER.id, '--arxiv-url', 'file:feed.xml');
    expect(cli.code).toBe(0);
    expect(cli.stderr).toContain(`curator classify: ${warning}\n`);
    const scan = await ws.run(
      'scan',
      '--arxiv-url',
      'file:feed.xml',
      '--since',
      '2024-03-01',
      '--until',
      '2024-03-31',
    );
    expect(scan.code).toBe(0);
    expect(scan.stderr).toContain(`curator scan: ${warning}\n`);
  });
});
