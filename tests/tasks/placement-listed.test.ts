/**
 * The placement check asks the classifier about a listed row with the category it is listed
 * under, and takes "stays" (null) when that category's own evidence outweighs every other's by
 * more than the similarity and the nearest paper can add. These tests hold that shortcut to the
 * full verdict: it is null only where the full verdict keeps the paper where it is (or says it
 * does not belong), and equal to it otherwise; and the rule reports exactly what the full
 * verdicts report, also for a translated row that sits in another section than its twin.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { readGuidelines } from '../../src/classifier/guidelines.js';
import { offlineClassifier } from '../../src/classifier/offline.js';
import { rowPaper } from '../../src/classifier/row-paper.js';
import { categorySections, parseList, type PaperList } from '../../src/list/index.js';
import { lintFiles } from '../../src/tasks/lint-files.js';
import { pairSections } from '../../src/sync/pair-rows.js';
import { fixture, SEED_CN, SEED_EN } from '../helpers/fixtures.js';

/** The lines of the list's category tables, each table's rows as [start, end) line indexes. */
function tableBodies(text: string): [number, number][] {
  const lines = text.split('\n');
  const bodies: [number, number][] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!/^\| *:?-{3,}/.test(lines[i]!)) continue;
    let end = i + 1;
    while (end < lines.length && lines[end]!.startsWith('|')) end += 1;
    bodies.push([i + 1, end]);
  }
  return bodies;
}

/** The text with the `row`-th row of table `from` moved to the top of table `to`. */
function moveRow(text: string, from: number, row: number, to: number): string {
  const lines = text.split('\n');
  const bodies = tableBodies(text);
  const at = bodies[from]![0] + row;
  const [moved] = lines.splice(at, 1);
  const target = bodies[to]![0] - (bodies[to]![0] > at ? 1 : 0);
  lines.splice(target, 0, moved!);
  return lines.join('\n');
}

/** Every third row of each of the first three tables moved to the next one: many misplaced papers. */
function shuffled(text: string): string {
  let out = text;
  for (let t = 0; t < 3; t += 1) {
    const [start, end] = tableBodies(out)[t]!;
    for (let r = end - start - 1; r >= 0; r -= 3) out = moveRow(out, t, r, (t + 1) % 3);
  }
  return out;
}

/**
 * Rows made to sit on the edge: titles of the first category (prompt compression, token pruning)
 * over the tags and TL;DRs of the third category's rows (the KV cache), at the top of the first
 * table. The words say one thing and the rest another, so the similarity and the nearest paper
 * decide some of them: a shortcut that ignored those two parts would keep such a row wrongly.
 */
function onTheEdge(text: string): string {
  const lines = text.split('\n');
  const bodies = tableBodies(text);
  const kv = lines.slice(bodies[2]![0], bodies[2]![1]);
  const titles = [
    'Prompt Compression with Token Pruning',
    'Token Selection for Prompt Compression',
    'Summarization of Prompts',
    'Information Entropy Token Pruning',
    'Coarse-grained Pruning of Long Prompts',
  ];
  const made: string[] = [];
  for (const title of titles)
    for (const row of kv) {
      const cells = row.split(' | ');
      const n = made.length + 1;
      cells[0] = `| [${title} ${n}](https://arxiv.org/abs/2501.${10000 + n})`;
      made.push(cells.join(' | '));
    }
  lines.splice(bodies[0]![0], 0, ...made);
  return lines.join('\n');
}

const lists = (): [string, string][] => [
  ['seed-like', SEED_EN()],
  ['seed-like CN', SEED_CN()],
  ['english-only', fixture('lists/english-only/README.md')],
  ['shuffled', shuffled(SEED_EN())],
  ['on the edge', onTheEdge(SEED_EN())],
];

describe('placeListed', () => {
  it.each(lists())('is null only where the full verdict keeps the paper (%s)', (_, text) => {
    const list = parseList(text, 'README.md');
    const categories = categorySections(list);
    const guidelines = readGuidelines(list, categories, {}, {});
    const classifier = offlineClassifier(guidelines);
    let stays = 0;
    let judged = 0;
    for (const table of list.tables) {
      if (!table.section || !categories.has(table.section)) continue;
      const listed = guidelines.categories.find((c) => c.section === table.section!.text)!.id;
      for (const row of table.rows) {
        const full = classifier.classify(rowPaper(row), { exclude: row.key, brief: true });
        const fast = classifier.placeListed(rowPaper(row), listed, { exclude: row.key });
        if (fast === null) {
          stays += 1;
          expect([listed, null]).toContain(full.category);
        } else {
          judged += 1;
          expect(fast).toEqual(full);
        }
      }
    }
    // Both kinds occur, so both branches were held to the full verdict.
    expect(stays).toBeGreaterThan(0);
    expect(judged).toBeGreaterThan(0);
  });
});

const config = (): CuratorConfig => structuredClone(DEFAULT_CONFIG) as CuratorConfig;

/** The category rule's lines in each file, worked out from full verdicts (the rule's meaning). */
function expectedLines(en: PaperList, cn: PaperList): { en: number[]; cn: number[] } {
  const categories = categorySections(en);
  const classifier = offlineClassifier(readGuidelines(en, categories, {}, {}));
  const verdicts = new Map<string, { section: string | null; confidence: number }>();
  const out = { en: [] as number[], cn: [] as number[] };
  for (const table of en.tables) {
    if (!table.section || !categories.has(table.section)) continue;
    for (const row of table.rows) {
      const v = classifier.classify(rowPaper(row), { exclude: row.key, brief: true });
      verdicts.set(row.key, v);
      if (v.section !== null && v.section !== table.section.text && v.confidence >= 0.5)
        out.en.push(row.line);
    }
  }
  const paired = new Map(pairSections(en, cn).map(([p, t]) => [p.text, t.text]));
  const cnCategories = categorySections(cn);
  for (const table of cn.tables) {
    if (!table.section || !cnCategories.has(table.section)) continue;
    for (const row of table.rows) {
      const v = verdicts.get(row.key);
      const section = v?.section ? paired.get(v.section) : undefined;
      if (v && section && section !== table.section.text && v.confidence >= 0.5)
        out.cn.push(row.line);
    }
  }
  return out;
}

async function reported(en: string, cn: string): Promise<{ en: number[]; cn: number[] }> {
  const file = (path: string, text: string) => ({
    path,
    read: async () => new TextEncoder().encode(text),
  });
  const r = await lintFiles({
    files: [file('README.md', en), file('README_CN.md', cn)],
    config: config(),
  });
  const lines = (path: string) =>
    r.report.files
      .find((f) => f.path === path)!
      .findings.filter((f) => f.ruleId === 'category')
      .map((f) => f.line);
  return { en: lines('README.md'), cn: lines('README_CN.md') };
}

describe('the category rule with the shortcut', () => {
  it('reports what the full verdicts report, in both files', async () => {
    const en = shuffled(SEED_EN());
    const cn = shuffled(SEED_CN());
    const expected = expectedLines(parseList(en, 'README.md'), parseList(cn, 'README_CN.md'));
    expect(expected.en.length).toBeGreaterThan(5);
    expect(await reported(en, cn)).toEqual(expected);
  });

  it('reports a translated row that sits in another section than its twin, which stays', async () => {
    const en = SEED_EN();
    const enList = parseList(en, 'README.md');
    const categories = categorySections(enList);
    const guidelines = readGuidelines(enList, categories, {}, {});
    const classifier = offlineClassifier(guidelines);
    // The first row of the first table whose category certainly wins where it is.
    const first = enList.tables.find((t) => t.section && categories.has(t.section))!;
    const listed = guidelines.categories.find((c) => c.section === first.section!.text)!.id;
    const index = first.rows.findIndex(
      (row) => classifier.placeListed(rowPaper(row), listed, { exclude: row.key }) === null,
    );
    expect(index).toBeGreaterThanOrEqual(0);
    const key = first.rows[index]!.key;
    // Its Chinese twin moved to the second category's table.
    const cn = moveRow(SEED_CN(), 0, index, 1);
    const cnList = parseList(cn, 'README_CN.md');
    const moved = cnList.tables.flatMap((t) => t.rows).find((r) => r.key === key)!;
    const got = await reported(en, cn);
    expect(got.cn).toContain(moved.line);
    expect(got).toEqual(expectedLines(enList, cnList));
  });
});
