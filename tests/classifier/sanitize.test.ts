import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { markdownText, sanitizeText } from '../../src/classifier/sanitize.js';
import { renderCheckComment } from '../../src/tasks/render-check.js';
import type { CheckResult } from '../../src/tasks/check-pull-request.js';

/** How GitHub would render `md` in one table cell (GFM through micromark). */
const inCell = (md: string) =>
  micromark(`| a |\n| - |\n| ${md} |\n`, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
/** The text a reader copies from the rendered cell. */
const copied = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim()
    .split('\n')
    .at(-1)!;

describe('markdownText for our messages (keepCode)', () => {
  it('a fixed row quoted in a code span is copied exactly: no backslashes, no invisible characters', () => {
    const row =
      '| [SnapKV: LLM Knows What You are Looking for](https://arxiv.org/abs/2404.14469) | arXiv 2024.04 | `Eviction` | [GitHub](https://github.com/FasterDecoding/SnapKV) | Picks positions. |';
    const message = `Unexpected \`x\`, expected \`\` ${row} \`\``;
    const out = markdownText(message, 2000, true);
    expect(out).not.toMatch(/\u2060/);
    expect(copied(inCell(out))).toBe(`Unexpected x, expected ${row}`);
  });

  it('keeps <id>-style placeholders, in code and in prose', () => {
    const out = markdownText(
      'Unexpected `https://arxiv.org/pdf/2310.04408`, expected `https://arxiv.org/abs/<id>` (the <id> without a version)',
      600,
      true,
    );
    expect(copied(inCell(out))).toBe(
      'Unexpected https://arxiv.org/pdf/2310.04408, expected https://arxiv.org/abs/<id> (the <id> without a version)',
    );
    expect(inCell(out)).not.toMatch(/<id>/); // shown, not parsed as a tag
  });

  it('a value with pipes stays in one cell', () => {
    const out = markdownText('Unexpected `a | b`, expected `c`', 600, true);
    const html = inCell(out);
    expect(html.match(/<td>/g)).toHaveLength(1);
    expect(copied(html)).toBe('Unexpected a | b, expected c');
  });

  it('nothing outside a code span can link, embed or ping; nothing can break out of a span', () => {
    for (const hostile of [
      'See [x](https://evil.example/a) and ![p](https://evil.example/p.png) @octocat <img src=x onerror=alert(1)>',
      'Unexpected `` a ` [x](https://evil.example/b) `` then [y](https://evil.example/c)',
      'Escaped \\`[x](https://evil.example/d)` backtick',
      'Unclosed ` [x](https://evil.example/e)',
      'Autolink <https://evil.example/f> and https://evil.example/g',
    ]) {
      const html = inCell(markdownText(hostile, 600, true));
      expect(html, hostile).not.toMatch(/<a |<img /);
      expect(html.replace(/<code>[\s\S]*?<\/code>/g, ''), hostile).not.toMatch(/@octocat/);
    }
  });

  it('untrusted cells (no keepCode) are unchanged: HTML removed, backticks replaced', () => {
    expect(markdownText('<b>bold</b> `x` [y](z)', 100)).toBe("bold 'x' \\[y\\](z)");
    expect(sanitizeText('hi @octocat <script>')).toBe('hi octocat');
  });
});

describe('the check comment', () => {
  const result = (over: Partial<CheckResult>): CheckResult => ({
    added: [],
    changed: [],
    removed: [],
    moved: [],
    renamedSections: [],
    findings: [],
    classifications: [],
    syncRows: [],
    suggestions: [],
    notes: [],
    ...over,
  });

  it('a row for the other file is a fenced block longer than any backtick run in it', () => {
    const row = '| [A ``` B](https://arxiv.org/abs/2401.00001) | ICML 2024 | `X` | - | t |';
    const body = renderCheckComment(
      result({ syncRows: [{ file: 'README_CN.md', section: 'S', row, replaces: 7 }] }),
    );
    expect(body).toContain(['````markdown', row, '````'].join('\n'));
    expect(body).toContain('`README_CN.md` line 7, under "S": replace the row with');
  });

  it('counts moves and renamed sections', () => {
    const ref = {
      key: 'arxiv:1',
      file: 'README.md',
      section: 'B',
      line: 9,
      title: 'T',
      arxivId: '1',
      tldr: null,
    };
    const body = renderCheckComment(
      result({
        moved: [{ ...ref, from: { section: 'A', line: 3 }, edited: false }],
        renamedSections: [{ file: 'README.md', from: 'Old', to: 'New', line: 5 }],
      }),
    );
    expect(body).toContain(
      '0 papers added, 0 changed, 1 moved, 0 removed, 1 section renamed: no problems found.',
    );
    expect(body).toContain('- Section renamed in `README.md` (line 5): "Old" → "New".');
  });
});
