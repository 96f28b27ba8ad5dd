/**
 * Prose drift: `curator sync` compares the headings, the table of contents and the keyword lines
 * of the two files, and is quiet on the seed-like pair, whose two files agree.
 */
import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/index.js';
import { compareProse } from '../../src/sync/prose.js';
import { workspace } from '../helpers/cli.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { editLine, lineNo, removeLine } from '../helpers/list-edits.js';

const en = SEED_EN();
const cn = SEED_CN();

interface JsonFinding {
  ruleId: string;
  severity: string;
  line: number;
  message: string;
}

async function sync(primary: string, translation: string) {
  const { code, stdout } = await workspace({
    'README.md': primary,
    'README_CN.md': translation,
  }).run('sync', '--format', 'json');
  const files = (JSON.parse(stdout) as { files: { path: string; findings: JsonFinding[] }[] })
    .files;
  return {
    code,
    findings: files.flatMap((f) => f.findings.map((x) => ({ file: f.path, ...x }))),
  };
}

/** The lines of a section: its heading up to (not including) the next `---` rule. */
function withoutSection(text: string, heading: string): string {
  const lines = text.split('\n');
  const from = lines.findIndex((l) => l.startsWith(heading));
  const to = lines.findIndex((l, i) => i > from && l === '---');
  lines.splice(from, to - from + 2); // the rule and the blank line after it go too
  return lines.join('\n');
}

describe('prose drift', () => {
  it('finds nothing on the seed-like pair', async () => {
    expect(compareProse(parseList(en, 'README.md'), parseList(cn, 'README_CN.md'))).toEqual([]);
    const { code, findings } = await sync(en, cn);
    expect(code).toBe(0);
    expect(findings).toEqual([]);
  });

  it('reports a section the translation lacks, on the primary file, with where it goes', async () => {
    const { code, findings } = await sync(en, withoutSection(cn, '## 📄 许可证'));
    expect(code).toBe(0); // a prose section: a warning
    expect(findings).toEqual([
      {
        file: 'README.md',
        ruleId: 'sync-section',
        severity: 'warning',
        line: lineNo(en, '## 📄 License'),
        column: 1,
        message: `Unexpected section "📄 License" missing from README_CN.md, expected its translation there after "⭐ Star历史" (line ${lineNo(cn, '## ⭐ Star历史')}) (README.md has 13 headings, README_CN.md 12)`,
      },
    ]);
  });

  it('reports a section only the translation has, on the translation', async () => {
    const { findings } = await sync(withoutSection(en, '## 🙏 Acknowledgements'), cn);
    expect(findings.map((f) => [f.file, f.ruleId, f.line])).toEqual([
      ['README_CN.md', 'sync-section', lineNo(cn, '## 🙏 致谢')],
    ]);
    expect(findings[0]!.message).toMatch(
      /^Unexpected section "🙏 致谢" that README\.md does not have, expected it deleted or added to README\.md after "📄 License" \(line \d+\)/,
    );
  });

  it('reports a category missing from the translation as an error, and still pairs the other sections by their papers', async () => {
    // A new category in README.md between the explicit and implicit ones.
    const table =
      '## 🔬 Benchmarks\n\n| Paper Title | Venue/Date | Tags | Code | TL;DR |\n| :--- | :--- | :--- | :--- | :--- |\n| [LongBench: A Bilingual, Multitask Benchmark for Long Context Understanding](https://arxiv.org/abs/2308.14508) | ACL 2024 | `Benchmark` | - | Scores long-context understanding on tasks in two languages. |\n\n---\n\n';
    const withBench = en.replace('## 🧠 Implicit', `${table}## 🧠 Implicit`);
    const { code, findings } = await sync(withBench, cn);
    expect(code).toBe(1);
    expect(findings.map((f) => [f.file, f.ruleId, f.severity, f.line])).toEqual([
      ['README.md', 'sync-section', 'error', lineNo(withBench, '## 🔬 Benchmarks')],
    ]);
    // Its paper has nowhere to go in README_CN.md yet: the section is the finding, not the row.
  });

  it('reports a table of contents entry the translation lacks, and an anchor that leads nowhere', async () => {
    const noEntry = removeLine(cn, '- [综述论文](#-综述论文)');
    const missing = await sync(en, noEntry);
    expect(missing.findings).toEqual([
      {
        file: 'README_CN.md',
        ruleId: 'sync-toc',
        severity: 'warning',
        line: lineNo(cn, '## 📑 目录'),
        column: 1,
        message: `Unexpected table of contents without an entry for "📚 综述论文" (line ${lineNo(noEntry, '## 📚 综述论文')}), expected one after line ${lineNo(noEntry, '- [推理时KV压缩')}, as README.md has (line ${lineNo(en, '- [Surveys]')}: \`#-surveys\`)`,
      },
    ]);
    const broken = editLine(cn, '- [综述论文]', (l) => l.replace('#-综述论文', '#-综述'));
    const anchor = await sync(en, broken);
    expect(anchor.findings.map((f) => [f.file, f.ruleId, f.line, f.message])).toEqual([
      [
        'README_CN.md',
        'sync-toc',
        lineNo(cn, '- [综述论文]'),
        `Unexpected anchor \`#-综述\` in the table of contents, no heading has it; expected \`#-综述论文\` for "📚 综述论文" (line ${lineNo(cn, '## 📚 综述论文')}), as README.md links "📚 Surveys" (line ${lineNo(en, '- [Surveys]')})`,
      ],
    ]);
    const extra = await sync(removeLine(en, '- [Surveys](#-surveys)'), cn);
    expect(extra.findings.map((f) => [f.file, f.ruleId, f.line])).toEqual([
      ['README_CN.md', 'sync-toc', lineNo(cn, '- [综述论文]')],
    ]);
  });

  it('reports a keyword line with another number of keywords, or none', async () => {
    const fewer = editLine(cn, '**关键词**：`软提示`', (l) => l.replace('`软提示`、', ''));
    const counted = await sync(en, fewer);
    expect(counted.findings).toEqual([
      {
        file: 'README_CN.md',
        ruleId: 'sync-keywords',
        severity: 'warning',
        line: lineNo(cn, '**关键词**：`软提示`'),
        column: 1,
        message: `Unexpected 6 keywords, expected 7 as in README.md (line ${lineNo(en, '**Keywords**: `Soft Prompt`')})`,
      },
    ]);
    const none = removeLine(cn, '**关键词**：`KV缓存驱逐`');
    const gone = await sync(en, none);
    expect(gone.findings.map((f) => [f.file, f.ruleId, f.line, f.message])).toEqual([
      [
        'README_CN.md',
        'sync-keywords',
        lineNo(none, '## ⚡ 推理时KV压缩'),
        `Unexpected section "⚡ 推理时KV压缩（内存/缓存层面）" without a keyword line, expected one with 7 keywords as in README.md (line ${lineNo(en, '**Keywords**: `KV Cache Eviction`')})`,
      ],
    ]);
  });

  it('reports a heading at another level', async () => {
    const promoted = editLine(cn, '### 分类指南', (l) => l.replace('### ', '## '));
    const { findings } = await sync(en, promoted);
    expect(findings.map((f) => [f.file, f.ruleId, f.line, f.message])).toEqual([
      [
        'README_CN.md',
        'sync-section',
        lineNo(cn, '分类指南'),
        `Unexpected heading level 2 for "分类指南", expected level 3 as "Categorization Guidelines" in README.md (line ${lineNo(en, '### Categorization Guidelines')})`,
      ],
    ]);
  });
});
