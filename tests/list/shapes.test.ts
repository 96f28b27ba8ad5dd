/**
 * Lists of other shapes (tests/fixtures/shapes: our own text in the shapes of the field's lists):
 * every entry read, the list's own style learned, no style finding on a consistent list, the
 * minority flagged on a mixed one, `--fix` lossless, a new entry written in the list's shape.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixText } from '../../src/lint/apply-fixes.js';
import { lintText } from '../../src/lint/lint-list.js';
import {
  applyEdits,
  insertRow,
  learnStyle,
  parseList,
  renderEntry,
  type EntryFields,
} from '../../src/list/index.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'shapes');
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort();
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
interface Expected {
  entries: {
    line: number;
    section: string;
    title: string;
    url: string;
    arxivId: string | null;
    venue: string | null;
    year: number | null;
    code: string | null;
  }[];
  deviations?: { line: number; kind: string }[];
}
const expected = (name: string): Expected =>
  JSON.parse(readFileSync(join(DIR, name.replace(/\.md$/, '.expected.json')), 'utf8'));

function entriesOf(text: string, name: string) {
  const list = parseList(text, name);
  return list.rows.map((r) => ({
    line: r.line,
    section: list.tables[r.tableIndex]!.section?.text ?? null,
    title: r.title,
    url: r.url,
    arxivId: r.arxiv?.id ?? null,
    venue: r.venue,
    year: r.year,
    code: typeof r.code === 'object' && r.code ? r.code.url : null,
  }));
}

describe('lists of every shape', () => {
  it('has a fixture for each shape of the field', () => {
    expect(NAMES).toEqual([
      'bullets.md',
      'date-title-paper-code.md',
      'fire-date-table.md',
      'labelled-nested.md',
      'mixed-bullets.md',
      'mixed-date-title-paper-code.md',
      'nested-bullets.md',
      'numbered.md',
      'paper-type-code.md',
      'title-authors-links.md',
      'title-year-resources.md',
      'year-title-type-venue.md',
    ]);
  });

  for (const name of NAMES) {
    it(`${name}: every entry is read (line, section, title, link, arXiv id, venue, year, code)`, () => {
      expect(entriesOf(read(name), name)).toEqual(expected(name).entries);
    });
  }

  const consistent = NAMES.filter((n) => !n.startsWith('mixed-'));
  for (const name of consistent) {
    it(`${name}: consistent in its own style, so no findings at all`, () => {
      expect(lintText(read(name), name)).toEqual([]);
    });
  }

  it('learns each list’s own conventions', () => {
    const style = (name: string) => {
      const { evidence, ...s } = learnStyle(parseList(read(name), name));
      expect(evidence.sampled).toBe(false);
      return s;
    };
    expect(style('date-title-paper-code.md')).toMatchObject({
      arxivLink: 'pdf',
      codeLabel: '[<repo>]',
      date: '9999.99',
      order: 'newest-first',
      titleLink: false,
    });
    expect(style('year-title-type-venue.md')).toMatchObject({
      codeLabel: 'Link',
      codeNone: '',
      venue: 'free',
      date: '9999',
      titleLink: false,
    });
    expect(style('bullets.md')).toMatchObject({ arxivLink: 'abs', codeLabel: '[Code]' });
    expect(style('numbered.md')).toMatchObject({ codeLabel: '<badge>' });
    expect(style('title-authors-links.md')).toMatchObject({
      codeLabel: '<badge>',
      titleLink: false,
    });
    expect(style('paper-type-code.md')).toMatchObject({ codeLabel: 'Code', titleLink: true });
    // `|Title|Year|Resources|`: PDF links ending in .pdf, `[[Code]]` among other resources.
    expect(style('title-year-resources.md')).toMatchObject({
      arxivLink: 'pdf',
      arxivPdfSuffix: true,
      codeLabel: '[Code]',
    });
    // Emoji-rated titles, a `[[pdf]]` label on abstract-page links, `⚠️` for no code.
    expect(style('fire-date-table.md')).toMatchObject({
      arxivLink: 'abs',
      codeLabel: '[<repo>]',
      codeNone: '⚠️',
      date: '9999.99',
      titleLink: false,
    });
  });

  it('reads the parts an entry labels: `摘要:` is the TL;DR, `作者:` the authors; decorations are not the title', () => {
    const nested = parseList(read('labelled-nested.md'), 'labelled-nested.md').rows[0]!;
    expect(nested.title).toBe(
      'Efficient Memory Management for Large Language Model Serving with PagedAttention',
    );
    expect(nested.tldr).toBe('用分页方式管理KV缓存，减少显存碎片，提高服务吞吐。');
    expect(nested.authors).toBe('Woosuk Kwon, Zhuohan Li, Siyuan Zhuang 等 (2023)');
    const fire = parseList(read('fire-date-table.md'), 'fire-date-table.md').rows[0]!;
    expect(fire.title).toBe('SnapKV: LLM Knows What You are Looking for Before Generation');
    const resources = parseList(read('title-year-resources.md'), 'title-year-resources.md').rows;
    expect(resources.map((r) => r.venue)).toEqual([
      'arXiv 2023',
      'arXiv 2023',
      'SOSP 2023',
      'NeurIPS 2023',
      'ICLR 2024',
      'ICML 2024',
    ]);
  });

  for (const name of NAMES.filter((n) => n.startsWith('mixed-'))) {
    it(`${name}: the minority style is flagged, each deviation once, and --fix makes it the list's`, () => {
      const text = read(name);
      const findings = lintText(text, name);
      const want = expected(name).deviations!;
      expect(findings.map((f) => f.line).sort((a, b) => a - b)).toEqual(
        want.map((d) => d.line).sort((a, b) => a - b),
      );
      for (const f of findings) expect(f.fix, f.message).toBeDefined();
      const fixed = fixText(text, name);
      expect(fixed.findings).toEqual([]);
      // Lossless: only the deviating lines changed.
      const before = text.split('\n');
      const after = fixed.text.split('\n');
      expect(after).toHaveLength(before.length);
      const changed = before.flatMap((l, i) => (l === after[i] ? [] : [i + 1]));
      expect(changed).toEqual([...new Set(want.map((d) => d.line))].sort((a, b) => a - b));
      // Idempotent.
      expect(fixText(fixed.text, name).text).toBe(fixed.text);
      // The papers are the same papers.
      expect(entriesOf(fixed.text, name).map((e) => e.arxivId)).toEqual(
        entriesOf(text, name).map((e) => e.arxivId),
      );
    });
  }

  it('the mixed date table: the abs links become the list’s pdf form, the code label its repository-name form', () => {
    const name = 'mixed-date-title-paper-code.md';
    const messages = lintText(read(name), name).map((f) => `${f.line} ${f.ruleId}`);
    expect(messages).toEqual(['19 arxiv-link', '31 arxiv-link', '33 code-link']);
    const fixed = fixText(read(name), name).text.split('\n');
    expect(fixed[18]).toContain('[[pdf]](https://arxiv.org/pdf/2309.00071)');
    expect(fixed[32]).toContain('[[LongBench]](https://github.com/THUDM/LongBench)');
  });
});

const WITH_CODE: EntryFields = {
  title: 'SnapKV: LLM Knows What You are Looking for Before Generation',
  url: 'https://arxiv.org/abs/2404.14469',
  venue: 'NeurIPS 2024',
  tags: [],
  code: { label: 'GitHub', url: 'https://github.com/FasterDecoding/SnapKV' },
  tldr: 'Keeps the cached positions each attention head already looks at.',
  authors: 'Yuhong Li, Yingbing Huang',
};
const WITHOUT_CODE: EntryFields = {
  title: 'A Study We Made Up for This Test',
  url: 'https://arxiv.org/abs/2501.01234',
  venue: 'arXiv 2025.01',
  tags: [],
  code: null,
  tldr: 'Says nothing; it only has no code.',
};

/** The new entry written at the top of the file's first list or table. */
function insertFirst(name: string, fields: EntryFields): { text: string; entry: string } {
  const text = read(name);
  const list = parseList(text, name);
  const style = learnStyle(list);
  const table = list.tables.find((t) => t.isPaperTable)!;
  const entry = renderEntry(table, 0, fields, style);
  return { text: applyEdits(text, [insertRow(list, table, 0, entry)]), entry };
}

describe('a new entry in the list’s own shape', () => {
  const cases: [string, EntryFields, string][] = [
    [
      'bullets.md',
      WITH_CODE,
      '- SnapKV: LLM Knows What You are Looking for Before Generation <br> NeurIPS 2024 [[Paper]](https://arxiv.org/abs/2404.14469) [[Code]](https://github.com/FasterDecoding/SnapKV)',
    ],
    [
      'bullets.md',
      WITHOUT_CODE,
      '- A Study We Made Up for This Test <br> arXiv 2025 [[Paper]](https://arxiv.org/abs/2501.01234)',
    ],
    [
      'nested-bullets.md',
      WITH_CODE,
      '- **SnapKV**\n  - Paper: [SnapKV: LLM Knows What You are Looking for Before Generation](https://arxiv.org/abs/2404.14469) (NeurIPS 2024)\n  - Code: [GitHub](https://github.com/FasterDecoding/SnapKV)',
    ],
    [
      'nested-bullets.md',
      WITHOUT_CODE,
      '- **A Study We Made Up for This Test**\n  - Paper: [A Study We Made Up for This Test](https://arxiv.org/abs/2501.01234) (arXiv 2025)',
    ],
    [
      'numbered.md',
      WITH_CODE,
      '1. [**SnapKV: LLM Knows What You are Looking for Before Generation.**](https://arxiv.org/abs/2404.14469) *Yuhong Li, Yingbing Huang.* NeurIPS 2024. [![stars](https://img.shields.io/github/stars/FasterDecoding/SnapKV?style=social)](https://github.com/FasterDecoding/SnapKV)',
    ],
    [
      'numbered.md',
      WITHOUT_CODE,
      '1. [**A Study We Made Up for This Test.**](https://arxiv.org/abs/2501.01234) arXiv 2025.',
    ],
    [
      'date-title-paper-code.md',
      WITHOUT_CODE,
      '| 2025.01 | A Study We Made Up for This Test | [[pdf]](https://arxiv.org/pdf/2501.01234) | - |  |',
    ],
    [
      'year-title-type-venue.md',
      WITH_CODE,
      '| 2024 | SnapKV: LLM Knows What You are Looking for Before Generation |  | NeurIPS | [Link](https://arxiv.org/abs/2404.14469) | [Link](https://github.com/FasterDecoding/SnapKV) |',
    ],
    [
      'title-authors-links.md',
      WITHOUT_CODE,
      '| **A Study We Made Up for This Test** <br> [![Publish](https://img.shields.io/badge/arXiv-2025-blue)]() | Says nothing; it only has no code. | [![arXiv](https://img.shields.io/badge/arXiv-b31b1b.svg)](https://arxiv.org/abs/2501.01234) |',
    ],
    [
      'fire-date-table.md',
      WITH_CODE,
      '|2024.04|[**SnapKV**] SnapKV: LLM Knows What You are Looking for Before Generation|[[pdf]](https://arxiv.org/abs/2404.14469)|[[SnapKV]](https://github.com/FasterDecoding/SnapKV)|||',
    ],
    [
      'fire-date-table.md',
      WITHOUT_CODE,
      '|2025.01|A Study We Made Up for This Test|[[pdf]](https://arxiv.org/abs/2501.01234)|⚠️|||',
    ],
    [
      'title-year-resources.md',
      WITH_CODE,
      '|[SnapKV: LLM Knows What You are Looking for Before Generation](https://arxiv.org/pdf/2404.14469.pdf)|NeurIPS2024|[[Paper]](https://arxiv.org/pdf/2404.14469.pdf) ,[[Code]](https://github.com/FasterDecoding/SnapKV)|',
    ],
    [
      'labelled-nested.md',
      WITHOUT_CODE,
      '- **A Study We Made Up for This Test**\n  - 链接: [arXiv:2501.01234](https://arxiv.org/abs/2501.01234)\n  - 摘要: Says nothing; it only has no code.',
    ],
    [
      'labelled-nested.md',
      WITH_CODE,
      '- **SnapKV: LLM Knows What You are Looking for Before Generation**\n  - 作者: Yuhong Li, Yingbing Huang\n  - 链接: [arXiv:2404.14469](https://arxiv.org/abs/2404.14469)\n  - 摘要: Keeps the cached positions each attention head already looks at.',
    ],
    [
      'paper-type-code.md',
      WITH_CODE,
      '| [SnapKV: LLM Knows What You are Looking for Before Generation](https://arxiv.org/abs/2404.14469) |  | [Code](https://github.com/FasterDecoding/SnapKV) |',
    ],
  ];
  for (const [name, fields, want] of cases) {
    it(`${name}: ${fields.code ? 'with' : 'without'} code`, () => {
      const { text, entry } = insertFirst(name, fields);
      expect(entry).toBe(want);
      // Read back: the same paper, its fields as given.
      const id = /(\d{4}\.\d{5})$/.exec(fields.url)![1];
      const row = parseList(text, name).rows.find((r) => r.arxiv?.id === id);
      expect(row?.title).toBe(fields.title);
      // The code is written where the list writes code; a list that never shows code has no place.
      const listShowsCode = parseList(read(name), name).rows.some(
        (r) => typeof r.code === 'object' && r.code,
      );
      expect(typeof row?.code === 'object' && row.code ? row.code.url : null).toBe(
        listShowsCode ? (fields.code?.url ?? null) : null,
      );
      // Nothing but the new entry was added.
      expect(text.replace(`${entry}\n`, '')).toBe(read(name));
      // The new entry raises no style finding (the paper may only be a duplicate of one listed).
      const findings = lintText(text, name).filter(
        (f) => !/duplicate|second category|row-order/.test(`${f.ruleId} ${f.message}`),
      );
      expect(findings).toEqual([]);
    });
  }
});

describe('a new entry whose title holds Markdown characters', () => {
  for (const name of ['bullets.md', 'numbered.md', 'nested-bullets.md', 'fire-date-table.md']) {
    it(`${name}: brackets, stars, a backslash and a tag read back as written, and break nothing`, () => {
      const title = 'A [bracketed] *starred* \\ title <b>';
      const { text, entry } = insertFirst(name, { ...WITHOUT_CODE, title });
      const rows = parseList(text, name).rows;
      const row = rows.find((r) => r.arxiv?.id === '2501.01234')!;
      expect(row.title).toBe(title);
      expect(row.url).toBe(
        entry.includes('arxiv.org/pdf/')
          ? 'https://arxiv.org/pdf/2501.01234'
          : 'https://arxiv.org/abs/2501.01234',
      );
      // Every other entry is read as before.
      expect(rows.filter((r) => r !== row).map((r) => r.key)).toEqual(
        parseList(read(name), name).rows.map((r) => r.key),
      );
    });
  }
});

describe('style on a long list', () => {
  it('learns from windows of a 2,000-row list and still flags exactly the minority', () => {
    // A `| Date | Title | Paper | Code |` table of 2,000 papers with PDF links; every 40th row
    // links the abstract page instead, 50 rows in all.
    const rows: string[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const id = `2401.${String(10000 + i)}`;
      const form = i % 40 === 7 ? 'abs' : 'pdf';
      rows.push(`| 2024.01 | Paper number ${i} | [[pdf]](https://arxiv.org/${form}/${id}) | - |`);
    }
    const text = `# Long list\n\n## Papers\n\n| Date | Title | Paper | Code |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`;
    const { evidence, ...style } = learnStyle(parseList(text, 'long.md'));
    expect(evidence).toEqual({ entries: 2000, sampled: true });
    expect(style).toMatchObject({
      arxivLink: 'pdf',
      codeNone: '-',
      date: '9999.99',
      titleLink: false,
    });
    const findings = lintText(text, 'long.md', {}, { rules: { category: { severity: 'off' } } });
    expect(findings.map((f) => f.ruleId)).toEqual(Array(50).fill('arxiv-link'));
    expect(findings.map((f) => f.line)).toEqual(
      rows.flatMap((r, i) => (r.includes('/abs/') ? [i + 7] : [])),
    );
  });
});
