/**
 * The second example list (examples/second-list): an LLM-evaluation list with its own sections,
 * header words, column order and file names (README.md and README_zh.md, whose sections come in
 * another order). Everything curator needs to know about it is in its .github/curator.yml; these
 * tests copy the three files into a temporary folder and run the CLI and the App's pull request
 * check there, offline.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkPullRequest } from '../../src/tasks/check-pull-request.js';
import { readConfig } from '../../src/tasks/lint-files.js';
import { parseList } from '../../src/list/index.js';
import { workspace } from '../helpers/cli.js';

const example = (path: string): string =>
  readFileSync(new URL(`../../examples/second-list/${path}`, import.meta.url), 'utf8');

const EN = example('README.md');
const ZH = example('README_zh.md');
const CONFIG = example('.github/curator.yml');
const FILES = { 'README.md': EN, 'README_zh.md': ZH, '.github/curator.yml': CONFIG };
/** The header words of the config, for parsing the files here the way the CLI does. */
const COLUMNS = (parse(CONFIG) as { columns: Record<string, string[]> }).columns;

const SECTIONS = {
  benchmarks: '📏 Capability Benchmarks',
  judges: '⚖️ LLM-as-a-Judge',
  factuality: '🌫️ Hallucination and Factuality',
  contamination: '🧪 Data Contamination',
};

interface JsonReport {
  files: { path: string; findings: { ruleId: string; severity: string; line: number; message: string }[] }[];
  summary: { errors: number; warnings: number; infos: number };
}

/** A paper the list does not hold yet, added to the LLM-as-a-Judge table of README.md only. */
const POLL_ROW =
  '| [Replacing Judges with Juries: Evaluating LLM Generations with a Panel of Diverse Models](https://arxiv.org/abs/2404.18796) | - | arXiv 2024.04 | `Judge Panel`, `Judge Bias` | Pools the votes of several smaller judge models from different families instead of asking one large judge, which agrees better with human raters, leans less towards one family and costs less |';

/** README.md with POLL_ROW right after JudgeLM (newest first: ICLR 2025, 2024.04, COLM 2024). */
function withPoll(): string {
  const lines = EN.split('\n');
  const judgeLm = lines.findIndex((l) => l.includes('(https://arxiv.org/abs/2310.17631)'));
  expect(judgeLm).toBeGreaterThan(0);
  lines.splice(judgeLm + 1, 0, POLL_ROW);
  return lines.join('\n');
}

/** The example's config with some keys removed, as YAML (for the controls below). */
function configWithout(edit: (config: Record<string, Record<string, unknown>>) => void): string {
  const config = parse(CONFIG) as Record<string, Record<string, unknown>>;
  edit(config);
  return stringify(config);
}

describe('examples/second-list, configured only through .github/curator.yml', () => {
  it('the files parse with the configured header words: 5 tables of 5 columns and a Surveys table', () => {
    const roles = (text: string, path: string) =>
      parseList(text, path, { columnAliases: COLUMNS }).tables.map((t) =>
        t.columns.map((c) => c.role).join(','),
      );
    const expected = [
      ...Array<string>(5).fill('title,code,venue,tags,tldr'),
      'title,venue,focus',
    ];
    expect(roles(EN, 'README.md')).toEqual(expected);
    expect(roles(ZH, 'README_zh.md')).toEqual(expected);
  });

  it('curator lint: both files (README.md and README_zh.md by default) give one placement doubt, the same in both', async () => {
    const ws = workspace(FILES);
    const { code, stdout, stderr } = await ws.run('lint', '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    // LiveBench is a capability benchmark built to avoid contamination, listed under Data
    // Contamination: the classifier, which judges a paper against the list without the paper
    // itself, leans (0.51) towards Capability Benchmarks, and says so in both files alike.
    const doubt = (section: string) => ({
      ruleId: 'category',
      severity: 'warning',
      line: 80,
      section,
    });
    expect(
      report.files.map((f) => [
        f.path,
        f.findings.map((x) => ({
          ruleId: x.ruleId,
          severity: x.severity,
          line: x.line,
          section: /expected "([^"]+)" \(confidence 0\.51\)/.exec(x.message)?.[1],
        })),
      ]),
    ).toEqual([
      ['README.md', [doubt(SECTIONS.benchmarks)]],
      ['README_zh.md', [doubt('📏 能力基准')]],
    ]);
    expect(report.summary).toEqual({ errors: 0, warnings: 2, infos: 0 });
    // row-order is on (warning) through the config: the tables really are newest first.
    expect((parse(CONFIG) as { rules: Record<string, string> }).rules['row-order']).toBe('warning');
  });

  it('without the config, curator finds no paper table in either file (the config does the work)', async () => {
    const ws = workspace({ 'README.md': EN, 'README_zh.md': ZH });
    const { code, stdout } = await ws.run('lint', 'README.md', 'README_zh.md', '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.files.map((f) => [f.path, f.findings.map((x) => x.ruleId)])).toEqual([
      ['README.md', ['paper-table']],
      ['README_zh.md', ['paper-table']],
    ]);
  });

  it('curator sync: the pair is in sync, and the glossary covers every topic of both files', async () => {
    const ws = workspace(FILES);
    const { code, stdout } = await ws.run('sync', '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.files.map((f) => f.path)).toEqual(['README.md', 'README_zh.md']);
    expect(report.summary).toEqual({ errors: 0, warnings: 0, infos: 0 });

    const glossary = JSON.parse((await ws.run('sync', '--glossary', '--format', 'json')).stdout) as
      Record<string, string>;
    const tags = new Set(parseList(EN, 'README.md', { columnAliases: COLUMNS }).rows.flatMap((r) => r.tags ?? []));
    expect(tags.size).toBe(17);
    for (const tag of tags) expect(glossary[tag], tag).toMatch(/\p{Script=Han}/u);
    // Learned from the rows, and given by sync.glossary for topics no row uses yet.
    expect(glossary['Judge Bias']).toBe('评委偏差');
    expect(glossary['Black-Box']).toBe('黑盒');
    expect(glossary['Judge Panel']).toBe('评委团');
  });

  it('without sync.sections, pairing by order mismatches the two swapped sections (the config does the work)', async () => {
    const ws = workspace({
      ...FILES,
      '.github/curator.yml': configWithout((c) => delete c['sync']!['sections']),
    });
    const { code, stdout } = await ws.run('sync', '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    // The five judge papers and the five factuality papers, each reported in README_zh.md.
    expect(report.files[1]!.findings.map((f) => f.ruleId)).toEqual(
      Array<string>(10).fill('sync-category'),
    );
    expect(report.files[0]!.findings).toEqual([]);
  });

  it('curator sync --fix puts a paper added to README.md under the translated section, after the same neighbour', async () => {
    const ws = workspace({ ...FILES, 'README.md': withPoll() });
    const before = await ws.run('sync', '--format', 'json');
    expect(before.code).toBe(1);
    const drift = JSON.parse(before.stdout) as JsonReport;
    expect(drift.files.flatMap((f) => f.findings.map((x) => [f.path, x.ruleId]))).toEqual([
      ['README.md', 'sync-missing'],
    ]);

    const fixed = await ws.run('sync', '--fix', '--offline', '--format', 'json');
    expect(fixed.stderr).toBe(
      'README_zh.md: added under "⚖️ 大模型评委" (TL;DR needs translation)\n',
    );
    const zh = ws.read('README_zh.md').toString('utf8').split('\n');
    const at = zh.findIndex((l) => l.includes('2404.18796'));
    expect(zh[at - 1]).toContain('(https://arxiv.org/abs/2310.17631)'); // JudgeLM, as in README.md
    expect(zh[at]).toBe(
      POLL_ROW.replace('`Judge Panel`, `Judge Bias`', '`评委团`, `评委偏差`'),
    );
    // Every other line is unchanged.
    expect(zh.filter((_, i) => i !== at)).toEqual(ZH.split('\n'));
    // What remains is the English TL;DR, for a translator.
    const after = JSON.parse(fixed.stdout) as JsonReport;
    expect(after.files.flatMap((f) => f.findings.map((x) => [f.path, x.ruleId]))).toEqual([
      ['README_zh.md', 'sync-untranslated'],
    ]);
  });

  it("curator classify --input (offline) puts papers described in our own words in this list's sections", async () => {
    const papers = [
      {
        id: '2404.18796',
        title:
          'Replacing Judges with Juries: Evaluating LLM Generations with a Panel of Diverse Models',
        abstract:
          'Instead of one large judge model grading the answers, a panel of several smaller evaluator models from different families votes on each response. The panel agrees better with human raters, shows less bias towards its own family and costs less to run.',
      },
      {
        id: '2401.06855',
        title: 'Fine-grained Hallucination Detection and Editing for Language Models',
        abstract:
          'Sorts the false statements of language models into a taxonomy of error types, collects human annotations of such errors in model answers, and trains a retrieval-augmented model that finds and corrects the made-up spans one by one.',
      },
      {
        id: '2406.01574',
        title:
          'MMLU-Pro: A More Robust and Challenging Multi-Task Language Understanding Benchmark',
        abstract:
          'A harder successor to MMLU: more reasoning-heavy exam questions across 14 subjects, ten answer options instead of four and noisy questions removed, so that model scores spread out more and depend less on the wording of the prompt.',
      },
      {
        id: '2311.09783',
        title: 'Investigating Data Contamination in Modern Benchmarks for Large Language Models',
        abstract:
          'Checks whether popular test sets leaked into the training data of open and closed models, by searching for overlaps and by asking the model to fill in a masked wrong option of a test question it may have memorized.',
      },
      {
        // A context-compression paper: at home in the first example list, not in this one.
        id: '2404.14469',
        title: 'SnapKV: LLM Knows What You are Looking for Before Generation',
        abstract:
          'Selects which key-value pairs to keep in the KV cache per attention head, using an observation window at the end of the prompt, which cuts GPU memory during generation.',
      },
      {
        id: '2112.10752',
        title: 'High-Resolution Image Synthesis with Latent Diffusion Models',
        abstract:
          'Trains diffusion models in the latent space of a pretrained image autoencoder, which makes high-resolution image generation much cheaper.',
      },
    ];
    const ws = workspace({
      ...FILES,
      'papers.jsonl': papers.map((p) => JSON.stringify(p)).join('\n'),
    });
    const { code, stdout, stderr } = await ws.run(
      'classify',
      '--input',
      'papers.jsonl',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    expect(stderr).toBe(
      'curator classify: no OPENAI_API_KEY or OPENAI_BASE_URL set, so using the offline classifier (no network).\n',
    );
    const verdicts = JSON.parse(stdout) as {
      id: string;
      category: string | null;
      section: string | null;
      confidence: number;
      rationale: string;
      source: string;
    }[];
    expect(verdicts.map((v) => [v.id, v.category, v.section])).toEqual([
      ['2404.18796', 'judges', SECTIONS.judges],
      ['2401.06855', 'factuality', SECTIONS.factuality],
      ['2406.01574', 'benchmarks', SECTIONS.benchmarks],
      ['2311.09783', 'contamination', SECTIONS.contamination],
      ['2404.14469', null, null],
      ['2112.10752', null, null],
    ]);
    expect(verdicts.every((v) => v.source === 'offline')).toBe(true);
    // No word of the first example's topic leaks into this list's answers.
    for (const v of verdicts) expect(v.rationale).not.toMatch(/compress/i);
  });

  it("the App's pull request check proposes the README_zh.md row under the translated section", async () => {
    const config = await readConfig(CONFIG, '.github/curator.yml');
    const head = withPoll();
    const result = await checkPullRequest({
      primary: { path: 'README.md', base: EN, head },
      translation: { path: 'README_zh.md', base: ZH, head: ZH },
      config,
      arxiv: null,
    });
    const line = head.split('\n').indexOf(POLL_ROW) + 1;
    expect(result.added.map((a) => [a.file, a.section, a.line, a.arxivId])).toEqual([
      ['README.md', SECTIONS.judges, line, '2404.18796'],
    ]);
    expect(result.changed).toEqual([]);
    expect(result.removed).toEqual([]);
    // The offline classifier agrees with where the contributor put it.
    expect(result.classifications).toHaveLength(1);
    expect(result.classifications[0]).toMatchObject({
      category: 'judges',
      section: SECTIONS.judges,
      placedIn: SECTIONS.judges,
      source: 'offline',
    });
    // The row is missing from README_zh.md (error), and its new topic is used nowhere else (info).
    expect(result.findings.map((f) => [f.file, f.line, f.ruleId, f.severity])).toEqual([
      ['README.md', line, 'sync-missing', 'error'],
      ['README.md', line, 'tag-vocabulary', 'info'],
    ]);
    expect(result.findings[0]!.message).toBe(
      'Unexpected paper missing from README_zh.md, expected it there under "⚖️ 大模型评委"',
    );
    expect(result.syncRows).toEqual([
      {
        file: 'README_zh.md',
        section: '⚖️ 大模型评委',
        row: POLL_ROW.replace('`Judge Panel`, `Judge Bias`', '`评委团`, `评委偏差`'),
      },
    ]);
    expect(result.suggestions).toEqual([]);
    expect(result.notes).toEqual(['arXiv ids were not verified (offline).']);
  });

  it('the same check without sync.sections would propose the row under the wrong section', async () => {
    const config = await readConfig(
      configWithout((c) => delete c['sync']!['sections']),
      '.github/curator.yml',
    );
    const result = await checkPullRequest({
      primary: { path: 'README.md', base: EN, head: withPoll() },
      translation: { path: 'README_zh.md', base: ZH, head: ZH },
      config,
      arxiv: null,
    });
    expect(result.syncRows.map((r) => r.section)).toEqual(['🌫️ 幻觉与事实性']);
  });
});
