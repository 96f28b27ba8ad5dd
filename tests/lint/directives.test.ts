/**
 * `curator-disable` directives (lint/directives.ts): a paper row in the middle of a table is
 * silenced from above the table, so the table stays one table on GitHub.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ignoreKey, parseDirective, readDirectives } from '../../src/lint/directives.js';
import { fixText, lintList, lintText, RULE_IDS, type Finding } from '../../src/lint/index.js';
import { exampleRow } from '../../src/lint/rules/example-table.js';
import { parseList } from '../../src/list/index.js';
import { checkPullRequest } from '../../src/tasks/check-pull-request.js';
import { lintOptionsFrom } from '../../src/tasks/lint-files.js';

const HEADER = [
  '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
  '| :--- | :--- | :--- | :--- | :--- |',
];
const OK_ROW = exampleRow({
  title:
    '[LongLLMLingua: Accelerating and Enhancing LLMs in Long Context Scenarios via Prompt Compression](https://arxiv.org/abs/2310.06839)',
  venue: 'ACL 2024',
});
/** arxiv-link: a PDF link (an error). */
const PDF_ROW = exampleRow({
  title:
    '[LLMLingua-2: Data Distillation for Efficient and Faithful Task-Agnostic Prompt Compression](https://arxiv.org/pdf/2403.12968)',
});
/** venue: no venue (a finding of another rule, which must stay). */
const NO_VENUE_ROW = exampleRow({
  title:
    '[Selective Context: Compressing Context to Enhance Inference Efficiency of Large Language Models](https://arxiv.org/abs/2310.06201)',
  venue: 'accepted somewhere',
});

function doc(...lines: string[]): string {
  return [...lines, ''].join('\n');
}

const ids = (findings: Finding[]) => findings.map((f) => `${f.line}:${f.ruleId}`);
/** Lists of two or three rows learn the seed's abstract-page links; longer ones need it pinned. */
const ABS = { style: { arxivLink: 'abs' as const } };

describe('acceptance: a finding in the middle of a table, silenced from above it', () => {
  const before = doc(
    '## Prompt Compression',
    '',
    '<!-- curator-disable arxiv-link: 2403.12968 -->',
    '',
    ...HEADER,
    OK_ROW,
    PDF_ROW,
    NO_VENUE_ROW,
  );
  const inside = doc(
    '## Prompt Compression',
    '',
    ...HEADER,
    OK_ROW,
    '<!-- curator-disable-next-line arxiv-link -->',
    PDF_ROW,
    NO_VENUE_ROW,
  );

  it('keeps the table one table, with every row', () => {
    const list = parseList(before, 'README.md');
    expect(list.tables).toHaveLength(1);
    expect(list.tables[0]!.rows.map((r) => r.line)).toEqual([7, 8, 9]);
  });

  it('drops the finding and keeps the others (lintList and lintText)', () => {
    const unsilenced = lintText(
      before.replace('<!-- curator-disable arxiv-link: 2403.12968 -->', ''),
      'README.md',
    );
    expect(ids(unsilenced)).toContain('8:arxiv-link');
    for (const findings of [
      lintList(parseList(before, 'README.md')),
      lintText(before, 'README.md'),
    ]) {
      expect(ids(findings)).not.toContain('8:arxiv-link');
      expect(ids(findings)).toContain('9:venue');
      expect(findings.some((f) => f.ruleId === 'table-cut')).toBe(false);
    }
  });

  it('with the comment inside the table: table-cut, and the rows after it are no longer checked', () => {
    const list = parseList(inside, 'README.md');
    expect(list.tables[0]!.rows.map((r) => r.line)).toEqual([5]);
    const findings = lintText(inside, 'README.md');
    const cut = findings.find((f) => f.ruleId === 'table-cut');
    expect(cut).toMatchObject({ line: 6, column: 1, severity: 'warning' });
    expect(cut!.message).toBe(
      'Unexpected `curator-disable-next-line` directive inside the table "Prompt Compression": the 2 rows after it no longer render as a table on GitHub. A directive cannot sit inside a table: put `<!-- curator-disable RULE: KEY -->` (an arXiv id or a title) above the table',
    );
    expect(ids(findings)).not.toContain('8:venue');
  });

  it('is not fixed by --fix while silenced', () => {
    const result = fixText(before, 'README.md');
    expect(result.text).toContain('https://arxiv.org/pdf/2403.12968');
  });
});

describe('parseDirective', () => {
  it('reads the forms', () => {
    expect(parseDirective('<!-- curator-disable arxiv-link: 2403.12968 -->')).toMatchObject({
      kind: 'disable',
      rules: ['arxiv-link'],
      papers: ['2403.12968'],
    });
    expect(
      parseDirective(
        '<!-- curator-disable arxiv-link, venue: 2403.12968, "A Title, With a Comma", Plain: Title -- the PDF is the only version -->',
      ),
    ).toMatchObject({
      rules: ['arxiv-link', 'venue'],
      papers: ['2403.12968', 'A Title, With a Comma', 'Plain: Title'],
    });
    expect(parseDirective('  <!--curator-disable-next-line venue-->')).toMatchObject({
      kind: 'disable-next-line',
      column: 3,
      rules: ['venue'],
      papers: null,
    });
    expect(parseDirective('<!-- curator-disable -->')).toMatchObject({
      kind: 'disable',
      rules: [],
    });
    expect(parseDirective('<!-- curator-enable venue tags -->')).toMatchObject({
      kind: 'enable',
      rules: ['venue', 'tags'],
    });
  });

  it('marks what it cannot use, and ignores what is no directive', () => {
    expect(parseDirective('<!-- curator-enable venue: 2403.12968 -->')?.problem).toMatch(
      /takes no papers/,
    );
    expect(parseDirective('<!-- curator-disable venue: -->')?.problem).toMatch(/no paper/);
    expect(parseDirective('<!-- curator-disable-line venue -->')?.problem).toMatch(/not supported/);
    expect(parseDirective('<!-- curator-disabled venue -->')).toBeNull();
    expect(parseDirective('text <!-- curator-disable venue -->')).toBeNull();
    expect(parseDirective('    <!-- curator-disable venue -->')).toBeNull();
  });

  it('skips directives in fenced code', () => {
    const list = parseList(
      doc('```md', '<!-- curator-disable venue -->', '```', '<!-- curator-enable -->'),
      'x.md',
    );
    expect(readDirectives(list).map((d) => [d.line, d.kind])).toEqual([[4, 'enable']]);
  });
});

describe('directive scope', () => {
  const section = (name: string, ...rows: string[]) => ['', `## ${name}`, '', ...HEADER, ...rows];

  it('the papers form covers its section and the sections under it, not the next one', () => {
    const text = doc(
      '# List',
      ...section('A', OK_ROW),
      '<!-- curator-disable arxiv-link: 2403.12968 -->',
      ...section('A', PDF_ROW).slice(0, 0),
      '',
      '### A.1',
      '',
      ...HEADER,
      PDF_ROW,
      ...section('B', PDF_ROW),
    );
    const list = parseList(text, 'x.md');
    const rows = list.rows.filter((r) => r.arxiv?.id === '2403.12968').map((r) => r.line);
    expect(rows).toHaveLength(2);
    expect(ids(lintList(list, ABS)).filter((x) => x.endsWith('arxiv-link'))).toEqual([
      `${rows[1]}:arxiv-link`,
    ]);
  });

  it('names a paper by its title too, and before the first heading covers the file', () => {
    const text = doc(
      '<!-- curator-disable arxiv-link: LLMLingua-2: Data Distillation for Efficient and Faithful Task-Agnostic Prompt Compression -->',
      ...section('A', PDF_ROW),
      ...section('B', PDF_ROW),
    );
    expect(lintText(text, 'x.md').filter((f) => f.ruleId === 'arxiv-link')).toEqual([]);
  });

  it('next-line covers a whole list-item entry; without a rule it silences every rule', () => {
    const item = [
      '- LLMLingua-2: Data Distillation for Efficient and Faithful Task-Agnostic Prompt Compression',
      '  - [[pdf]](https://arxiv.org/pdf/2403.12968v2)',
    ];
    const plain = doc('## Papers', '', ...item);
    const findings = lintText(plain, 'x.md');
    expect(findings.some((f) => f.ruleId === 'arxiv-link' && f.line === 4)).toBe(true);
    const silenced = doc('## Papers', '', '<!-- curator-disable-next-line arxiv-link -->', ...item);
    expect(lintText(silenced, 'x.md').filter((f) => f.ruleId === 'arxiv-link')).toEqual([]);
    const all = doc('## Papers', '', '<!-- curator-disable-next-line -->', ...item);
    expect(lintText(all, 'x.md').filter((f) => f.line >= 4 && f.line <= 5)).toEqual([]);
  });

  it('the papers form silences a list-item entry too, on any of its lines', () => {
    const item = [
      '- LLMLingua-2: Data Distillation for Efficient and Faithful Task-Agnostic Prompt Compression',
      '  - [[pdf]](https://arxiv.org/pdf/2403.12968v2)',
    ];
    const loud = lintText(doc('## Papers', '', ...item), 'x.md');
    expect(loud.filter((f) => f.ruleId === 'arxiv-link')).toHaveLength(1);
    const quiet = lintText(
      doc('## Papers', '', '<!-- curator-disable arxiv-link: 2403.12968 -->', '', ...item),
      'x.md',
    );
    expect(quiet.filter((f) => f.ruleId === 'arxiv-link')).toEqual([]);
  });

  it('disable ... enable covers the lines between, per rule', () => {
    const text = doc(
      '## Papers',
      '',
      '<!-- curator-disable arxiv-link -->',
      '',
      ...HEADER,
      PDF_ROW,
      NO_VENUE_ROW,
      '',
      '<!-- curator-enable arxiv-link -->',
      '',
      ...HEADER,
      PDF_ROW,
    );
    const findings = lintText(text, 'x.md', {}, ABS);
    expect(ids(findings).filter((x) => /arxiv-link|venue/.test(x))).toEqual([
      '8:venue',
      '14:arxiv-link',
    ]);
    // Enabling every rule ends a disable of one.
    const all = lintText(
      text.replace('curator-enable arxiv-link', 'curator-enable'),
      'x.md',
      {},
      ABS,
    );
    expect(ids(all)).toContain('14:arxiv-link');
    // Without an enable, to the end of the file.
    const open = lintText(text.replace('<!-- curator-enable arxiv-link -->', ''), 'x.md', {}, ABS);
    expect(open.filter((f) => f.ruleId === 'arxiv-link')).toEqual([]);
  });
});

describe('unused and malformed directives', () => {
  const text = doc(
    '## Papers',
    '',
    '<!-- curator-disable arxiv-link: 2403.12968, 2401.00001 -->',
    '<!-- curator-disable venue: 2403.12968 -->',
    '',
    ...HEADER,
    PDF_ROW,
    '',
    '<!-- curator-disable-next-line tags -->',
    'Some text.',
  );

  it('are reported with --report-unused-disable-directives only', () => {
    expect(lintText(text, 'x.md').filter((f) => f.ruleId === 'disable-directive')).toEqual([]);
    const findings = lintText(text, 'x.md', {}, { reportUnusedDisableDirectives: true });
    expect(findings.filter((f) => f.ruleId === 'disable-directive')).toEqual([
      {
        ruleId: 'disable-directive',
        severity: 'warning',
        line: 3,
        column: 1,
        message:
          'Unused curator-disable directive (no problems were reported from `arxiv-link` for "2401.00001")',
      },
      {
        ruleId: 'disable-directive',
        severity: 'warning',
        line: 4,
        column: 1,
        message:
          'Unused curator-disable directive (no problems were reported from `venue` for "2403.12968")',
      },
      {
        ruleId: 'disable-directive',
        severity: 'warning',
        line: 10,
        column: 1,
        message:
          'Unused curator-disable-next-line directive (no problems were reported from `tags`)',
      },
    ]);
  });

  it('an unknown rule is reported, and the directive silences nothing', () => {
    const findings = lintText(
      doc(
        '## Papers',
        '',
        '<!-- curator-disable arxiv-lnk: 2403.12968 -->',
        '',
        ...HEADER,
        PDF_ROW,
      ),
      'x.md',
    );
    expect(findings.find((f) => f.ruleId === 'disable-directive')?.message).toBe(
      'Unexpected directive `curator-disable`: unknown rule `arxiv-lnk`',
    );
    expect(ids(findings)).toContain('7:arxiv-link');
  });
});

describe('the config form: ignore', () => {
  const text = doc('## Papers', '', ...HEADER, OK_ROW, PDF_ROW, NO_VENUE_ROW);

  it('silences the papers named, in every section, from .github/curator.yml', () => {
    const config = loadConfig(
      'ignore:\n  arxiv-link: [2403.12968]\n  venue: ["Selective Context: Compressing Context to Enhance Inference Efficiency of Large Language Models"]\n',
      '.github/curator.yml',
      RULE_IDS,
    );
    const findings = lintText(text, 'x.md', {}, lintOptionsFrom(config));
    expect(findings.filter((f) => f.ruleId === 'arxiv-link' || f.ruleId === 'venue')).toEqual([]);
    expect(lintText(text, 'x.md').filter((f) => f.ruleId === 'arxiv-link')).toHaveLength(1);
  });

  it('puts back the zeros YAML drops from an unquoted id, and rejects an unknown rule', () => {
    expect(ignoreKey(2403.1001)).toBe('2403.10010');
    expect(ignoreKey(1402.123)).toBe('1402.1230');
    expect(ignoreKey('2403.12968')).toBe('2403.12968');
    expect(() => loadConfig('ignore:\n  arxiv-lnk: [2403.12968]\n', 'c.yml', RULE_IDS)).toThrow(
      /arxiv-lnk/,
    );
  });

  it('reportUnusedDisableDirectives in the config turns the report on', () => {
    const config = loadConfig('reportUnusedDisableDirectives: true\n', 'c.yml', RULE_IDS);
    const findings = lintText(
      doc('<!-- curator-disable venue -->', '## Papers', '', ...HEADER, OK_ROW),
      'x.md',
      {},
      lintOptionsFrom(config),
    );
    expect(findings.filter((f) => f.ruleId === 'disable-directive')).toHaveLength(1);
    expect(
      lintText(
        doc('<!-- curator-disable venue -->', '## Papers', '', ...HEADER, OK_ROW),
        'x.md',
      ).filter((f) => f.ruleId === 'disable-directive'),
    ).toEqual([]);
  });
});

describe('the pull-request check applies directives', () => {
  it('a row added in the middle of a table, silenced from above it', async () => {
    const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
    const base = doc(
      '## Prompt Compression',
      '',
      ...HEADER,
      OK_ROW,
      NO_VENUE_ROW.replace('accepted somewhere', 'EMNLP 2023'),
    );
    const head = (directive: string) =>
      doc(
        '## Prompt Compression',
        '',
        directive,
        '',
        ...HEADER,
        OK_ROW,
        PDF_ROW,
        NO_VENUE_ROW.replace('accepted somewhere', 'EMNLP 2023'),
      );
    const check = (text: string) =>
      checkPullRequest({
        primary: { path: 'README.md', base, head: text },
        translation: null,
        config,
        arxiv: null,
      });
    const loud = await check(head(''));
    expect(loud.findings.some((f) => f.ruleId === 'arxiv-link')).toBe(true);
    const quiet = await check(head('<!-- curator-disable arxiv-link: 2403.12968 -->'));
    expect(quiet.added).toHaveLength(1);
    expect(quiet.findings.some((f) => f.ruleId === 'arxiv-link')).toBe(false);
  });
});
