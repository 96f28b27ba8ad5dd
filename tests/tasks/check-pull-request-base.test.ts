/**
 * The check reads the base only as far as it must: its rows where they differ from the head, and
 * its lint findings only when the head has a finding the base may have had (off the rows, or on
 * an edited or moved row). What the base already said is still not news on the head.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import {
  checkPullRequest,
  type CheckResult,
  type FileVersions,
} from '../../src/tasks/check-pull-request.js';
import { SEED_CN, SEED_EN, NEW_ROW, NEW_ROW_CN } from '../helpers/fixtures.js';
import { editLine, insertAbove, lineNo } from '../helpers/list-edits.js';

const EN = SEED_EN();
const CN = SEED_CN();
const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;

const check = (en: [string | null, string | null], cn: [string | null, string | null] = [CN, CN]) =>
  checkPullRequest({
    primary: { path: 'README.md', base: en[0], head: en[1] },
    translation: { path: 'README_CN.md', base: cn[0], head: cn[1] },
    config,
    arxiv: null,
  });
const where = (r: CheckResult) => r.findings.map((f) => [f.file, f.line, f.ruleId]);

/** A table-of-contents link to no heading: a finding off the rows. */
const brokenLink = (t: string) =>
  t.replace('- [Surveys](#-surveys)', '- [Surveys](#-surveys)\n- [Nowhere](#-nowhere)');
/** Quest linked to its PDF: a finding on its row. */
const pdfLink = (t: string) =>
  t.replace('https://arxiv.org/abs/2406.10774', 'https://arxiv.org/pdf/2406.10774');
/** A tag added to Quest's row: an edit of that row, with a finding of its own. */
const newTag = (t: string) =>
  editLine(t, '2406.10774', (l) => l.replace('`Sparse`', '`Sparse`, `Paged`'));

describe('checkPullRequest: what the base already said', () => {
  it('an edited row keeps a problem it had (not reported) and gains one (reported); a broken link it had is not news', async () => {
    const base = pdfLink(brokenLink(EN));
    const r = await check([base, newTag(base)]);
    expect(r.changed).toHaveLength(1);
    const quest = lineNo(base, '2406.10774');
    expect(where(r)).toEqual([
      ['README.md', quest, 'sync-edit'],
      ['README.md', quest, 'tag-vocabulary'],
    ]);
    expect(r.findings.find((f) => f.ruleId === 'tag-vocabulary')?.message).toContain('`Paged`');
  });

  it('the same problems brought by the change are reported: the link off the rows, and the row ones', async () => {
    const head = newTag(pdfLink(brokenLink(EN)));
    const r = await check([EN, head]);
    const quest = lineNo(head, '2406.10774');
    const rules = where(r).map(([, line, rule]) => `${line} ${rule}`);
    expect(rules).toContain(`${lineNo(head, '#-nowhere')} toc-anchor`);
    expect(rules).toContain(`${quest} arxiv-link`);
  });

  it('a file the change did not touch says nothing, whatever its old problems', async () => {
    const cn = brokenLink(pdfLink(CN));
    const head = insertAbove(EN, '2406.10774', NEW_ROW);
    const r = await check([EN, head], [cn, cn]);
    expect(r.findings.filter((f) => f.file === 'README_CN.md')).toEqual([]);
    expect(r.added.map((a) => a.file)).toEqual(['README.md']);
  });

  it('a row added below a link broken before: the addition only, nothing about the old link', async () => {
    const base = brokenLink(EN);
    const r = await check(
      [base, insertAbove(base, '2406.10774', NEW_ROW)],
      [CN, insertAbove(CN, '2406.10774', NEW_ROW_CN)],
    );
    expect(r.added).toHaveLength(2);
    expect(where(r)).toEqual([]);
  });
});

describe('checkPullRequest: line endings, tables, and the bases handed over', () => {
  it('a CRLF pair gives what the LF pair gives', async () => {
    const crlf = (t: string) => t.replace(/\r?\n/g, '\r\n');
    const head = newTag(pdfLink(brokenLink(EN)));
    const lf = await check([EN, head]);
    const r = await check([crlf(EN), crlf(head)], [crlf(CN), crlf(CN)]);
    expect(where(r)).toEqual(where(lf));
    expect(r.changed.map((c) => c.line)).toEqual(lf.changed.map((c) => c.line));
    expect(r.findings.map((f) => f.message)).toEqual(lf.findings.map((f) => f.message));
  });

  it('a file with no tables gaining one: every row added, read from the head', async () => {
    const prose = '# A list\n\nNo papers yet.\n';
    const head = `${prose}\n## Papers\n\n| Title | Venue |\n| --- | --- |\n| [Paper One](https://arxiv.org/abs/2401.00001) | arXiv 2024.01 |\n`;
    const r = await checkPullRequest({
      primary: { path: 'README.md', base: prose, head },
      translation: null,
      config,
      arxiv: null,
    });
    expect(r.added.map((a) => [a.line, a.key, a.section])).toEqual([
      [9, 'arxiv:2401.00001', 'Papers'],
    ]);
    const none = await checkPullRequest({
      primary: { path: 'README.md', base: prose, head: prose },
      translation: null,
      config,
      arxiv: null,
    });
    expect([none.added, none.findings]).toEqual([[], []]);
  });

  it('releaseBases: the bases are set aside once compared, and the result is the same', async () => {
    const head = newTag(pdfLink(brokenLink(EN)));
    const primary: FileVersions = { path: 'README.md', base: EN, head };
    const translation: FileVersions = {
      path: 'README_CN.md',
      base: CN,
      head: insertAbove(CN, '2406.10774', NEW_ROW_CN),
    };
    const kept = await checkPullRequest({
      primary: { ...primary },
      translation: { ...translation },
      config,
      arxiv: null,
    });
    const released = await checkPullRequest({
      primary,
      translation,
      config,
      arxiv: null,
      releaseBases: true,
    });
    expect(released).toEqual(kept);
    expect([primary.base, translation.base]).toEqual([null, null]);
    expect(primary.head).toBe(head);
    expect(kept.added.length + kept.changed.length).toBeGreaterThan(1);
  });
});
