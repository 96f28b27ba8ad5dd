/**
 * An old README_CN.md restored next to today's README.md (tests/fixtures/lists/restore/NOTES.md
 * lists what the old file differs in): `sync --fix` brings it in line, after which `sync` reports
 * no errors; the glossary learned from the pair is right and says where the files disagree.
 */
import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/index.js';
import { buildGlossary } from '../../src/sync/glossary.js';
import { workspace } from '../helpers/cli.js';
import { fixture, SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { editLine, insertAbove, lineNo, lineWith, removeLine } from '../helpers/list-edits.js';

const en = SEED_EN();
const cn = SEED_CN();
const old = fixture('lists/restore/README_CN.md');

interface JsonFinding {
  ruleId: string;
  severity: string;
  line: number;
  message: string;
}
const findingsOf = (stdout: string, file: number): JsonFinding[] =>
  (JSON.parse(stdout) as { files: { findings: JsonFinding[] }[] }).files[file]!.findings;

describe('an old translation restored next to a newer primary file', () => {
  it('is reported: papers README.md dropped, extra copies (to delete), a row in the wrong section (to move), an old venue', async () => {
    const ws = workspace({ 'README.md': en, 'README_CN.md': old });
    const { code, stdout } = await ws.run('sync', '--format', 'json');
    expect(code).toBe(1);
    const at = (needle: string, nth = 0) => {
      const lines = old.split('\n');
      return lines.map((l, i) => (l.includes(needle) ? i + 1 : 0)).filter(Boolean)[nth]!;
    };
    expect(findingsOf(stdout, 0).map((f) => [f.ruleId, f.line])).toEqual([
      ['sync-missing', lineNo(en, '2412.06769')],
      ['sync-missing', lineNo(en, '2406.10774')],
    ]);
    const cnFindings = findingsOf(stdout, 1);
    expect(cnFindings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['sync-extra', 'error', at('2409.01227')],
      ['sync-tags', 'warning', at('2304.08467')],
      ['sync-duplicate', 'error', at('2401.06104')],
      ['sync-duplicate', 'error', at('2404.14469', 1)],
      ['sync-category', 'error', at('2403.09054')],
      ['sync-field', 'error', at('2403.09636')],
      ['sync-extra', 'error', at('2405.14256')],
    ]);
    const byRule = (rule: string) => cnFindings.filter((f) => f.ruleId === rule);
    // The extra copy of TOVA stands in the explicit table, above the KV copy README.md matches:
    // it is one copy too many (delete it), not a row in the wrong section (move it).
    expect(byRule('sync-duplicate')[0]!.message).toBe(
      `Unexpected extra copy of this paper: README.md lists it once (line ${lineNo(en, '2401.06104')}), README_CN.md twice; expected this copy deleted (line ${at('2401.06104', 1)} keeps the paper)`,
    );
    // README.md lists Coconut (December 2024), which the old file lacks: the old file is the older
    // one, and a paper only it lists (CPC, September 2024) is one README.md dropped.
    expect(byRule('sync-extra')[0]!.message).toBe(
      `Unexpected paper that README.md no longer lists: it lists a newer one this file lacks (README.md line ${lineNo(en, '2412.06769')}, arXiv 2412.06769), so this file is the older one; expected this row deleted, or the paper added back to README.md under "📝 Explicit Context Compression (Prompt/Input Level)"`,
    );
    expect(byRule('sync-category')[0]!.message).toBe(
      `Unexpected section "⚡ 推理时KV压缩（内存/缓存层面）", expected "📝 显式上下文压缩（提示/输入层面）" as in README.md (line ${lineNo(en, '2403.09054')})`,
    );
  });

  it('sync --fix deletes, moves and corrects whole rows, adds the missing ones, changes no other byte, and leaves no error; a second run changes nothing', async () => {
    const ws = workspace({ 'README.md': en, 'README_CN.md': old });
    const fixed = await ws.run('sync', '--fix', '--offline', '--format', 'json');
    expect(fixed.code).toBe(0);
    const after = ws.read('README_CN.md').toString('utf8');
    // The old file, brought in line, is today's translation but for what a translator still has
    // to do: the outdated tag (a warning) and the two TL;DRs copied in English.
    const englishRow = (id: string) =>
      lineWith(en, id)
        .replace('`Latent Reasoning`, `CoT`', '`潜在推理`, `CoT`')
        .replace('`Sparse`, `Query-Aware`', '`稀疏`, `查询感知`');
    let expected = editLine(cn, '2304.08467', (l) =>
      l.replace('`软提示`, `Gist`', '`摘要`, `Gist`'),
    );
    expected = editLine(expected, '2412.06769', () => englishRow('2412.06769'));
    expected = editLine(expected, '2406.10774', () => englishRow('2406.10774'));
    expect(after).toBe(expected);
    expect(ws.read('README.md').toString('utf8')).toBe(en);
    expect(fixed.stderr).toBe(
      [
        'README_CN.md: 1 row corrected from README.md (title, link, venue or code)',
        // The moved row gets every lint fix: its code link was labelled [Github].
        `README_CN.md: lint fixes applied to the copied row on line ${lineNo(en, '2403.09054')}`,
        'README_CN.md: added under "🧠 隐式上下文压缩（潜在/推理层面）" (TL;DR needs translation)',
        'README_CN.md: added under "⚡ 推理时KV压缩（内存/缓存层面）" (TL;DR needs translation)',
        'README_CN.md: deleted line 64 under "📝 显式上下文压缩（提示/输入层面）" (README.md no longer lists the paper)',
        'README_CN.md: deleted line 71 under "📝 显式上下文压缩（提示/输入层面）" (an extra copy: README.md lists the paper fewer times)',
        'README_CN.md: deleted line 107 under "⚡ 推理时KV压缩（内存/缓存层面）" (an extra copy: README.md lists the paper fewer times)',
        'README_CN.md: deleted line 113 under "⚡ 推理时KV压缩（内存/缓存层面）" (README.md no longer lists the paper)',
        'README_CN.md: moved line 108 from "⚡ 推理时KV压缩（内存/缓存层面）" to "📝 显式上下文压缩（提示/输入层面）" (as in README.md)',
        '',
      ].join('\n'),
    );
    // What --fix printed is the state it left: warnings only.
    expect(JSON.parse(fixed.stdout).summary).toEqual({ errors: 0, warnings: 3, infos: 0 });
    const check = await ws.run('sync', '--format', 'json');
    expect(check.code).toBe(0);
    expect(findingsOf(check.stdout, 1).map((f) => [f.ruleId, f.line])).toEqual([
      ['sync-tags', lineNo(after, '2304.08467')],
      ['sync-untranslated', lineNo(after, '2412.06769')],
      ['sync-untranslated', lineNo(after, '2406.10774')],
    ]);
    const again = await ws.run('sync', '--fix', '--offline');
    expect(again.stderr).toBe('');
    expect(ws.read('README_CN.md').toString('utf8')).toBe(after);
  });

  it('sync --fix keeps CRLF line endings and a file that ends without a line break', async () => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    // The old file ends with its KV table, whose last row (a paper README.md dropped) has no line
    // break after it; that row is deleted.
    const upToFastGen = old.slice(0, old.indexOf('\n', old.indexOf('2310.01801')));
    const oldKv = `${removeLine(upToFastGen, '2405.14256')}\n${lineWith(old, '2405.14256')}`;
    const ws = workspace({ 'README.md': crlf(en), 'README_CN.md': crlf(oldKv) });
    await ws.run('sync', '--fix', '--offline');
    const after = ws.read('README_CN.md').toString('utf8');
    expect(after.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(after).not.toContain('2405.14256');
    // The file now ends with the row before it, and its line break.
    expect(after.endsWith(`${lineWith(old, '2310.01801')}\r\n`)).toBe(true);
    const again = await ws.run('sync', '--fix', '--offline');
    expect(again.stderr).toBe('');
    expect(ws.read('README_CN.md').toString('utf8')).toBe(after);
  });
});

describe('a paper only the translation lists', () => {
  const row = (id: string, venue: string, tag: string, tldr: string) =>
    `| [Budgeted KV Cache Eviction ${id}](https://arxiv.org/abs/${id}) | ${venue} | \`${tag}\` | - | ${tldr} |`;

  it('is copied into README.md when README.md lists no newer paper the translation lacks', async () => {
    // Both files gained a paper of the same month: the translation is not the older file.
    const enNew = insertAbove(
      en,
      '2406.10774',
      row('2509.30101', 'arXiv 2025.09', 'Eviction', 'Evicts cache entries under a budget.'),
    );
    const cnNew = insertAbove(
      cn,
      '2406.10774',
      row('2509.30102', 'arXiv 2025.09', '驱逐', '在预算内驱逐缓存条目。'),
    );
    const ws = workspace({ 'README.md': enNew, 'README_CN.md': cnNew });
    const { stdout } = await ws.run('sync', '--format', 'json');
    expect(findingsOf(stdout, 1).map((f) => [f.ruleId, f.line])).toEqual([
      ['sync-missing', lineNo(cnNew, '2509.30102')],
    ]);
    const fixed = await ws.run('sync', '--fix', '--offline');
    expect(fixed.stderr).not.toMatch(/deleted/);
    expect(ws.read('README.md').toString('utf8')).toBe(
      insertAbove(
        enNew,
        '2509.30101',
        row('2509.30102', 'arXiv 2025.09', 'Eviction', '在预算内驱逐缓存条目。'),
      ),
    );
    expect(ws.read('README_CN.md').toString('utf8')).toContain('2509.30101');
  });

  it('is deleted when README.md lists a paper of a later month that the translation lacks', async () => {
    const enNew = insertAbove(
      en,
      '2406.10774',
      row('2510.00001', 'arXiv 2025.10', 'Eviction', 'Evicts cache entries under a budget.'),
    );
    const cnOld = insertAbove(
      cn,
      '2406.10774',
      row('2509.30102', 'arXiv 2025.09', '驱逐', '在预算内驱逐缓存条目。'),
    );
    const ws = workspace({ 'README.md': enNew, 'README_CN.md': cnOld });
    const { stdout } = await ws.run('sync', '--format', 'json');
    expect(findingsOf(stdout, 1).map((f) => [f.ruleId, f.line])).toEqual([
      ['sync-extra', lineNo(cnOld, '2509.30102')],
    ]);
    await ws.run('sync', '--fix', '--offline');
    expect(ws.read('README.md').toString('utf8')).toBe(enNew);
    const after = ws.read('README_CN.md').toString('utf8');
    expect(after).not.toContain('2509.30102');
    expect(after).toContain('2510.00001');
  });
});

describe('the glossary of a restored translation', () => {
  it('does not learn `Soft Prompt = 摘要` next to `Summarization = 摘要`, flags no correct 软提示, and reports the conflict', async () => {
    const ws = workspace({ 'README.md': en, 'README_CN.md': old });
    const json = await ws.run('sync', '--glossary', '--format', 'json');
    expect(json.code).toBe(0);
    const glossary = JSON.parse(json.stdout) as Record<string, string>;
    // The same shape as before: a flat map from tag to translation.
    expect(Object.values(glossary).every((v) => typeof v === 'string')).toBe(true);
    expect(glossary['Summarization']).toBe('摘要');
    expect(glossary['Soft Prompt']).toBe('软提示');
    expect(Object.entries(glossary).filter(([, cn]) => cn === '摘要')).toEqual([
      ['Summarization', '摘要'],
    ]);
    const conflicts = [
      `curator sync: 2 glossary conflicts between README.md and README_CN.md:`,
      `  - \`Soft Prompt\` is translated 2 ways: \`摘要\` (1 row, README_CN.md line 70), \`软提示\` (1 row, README_CN.md line 89); the glossary uses \`软提示\``,
      `  - \`摘要\` is the translation of 2 tags: \`Summarization\` (3 rows, README_CN.md lines 63, 66, 69), \`Soft Prompt\` (1 row, README_CN.md line 70); the glossary keeps it for \`Summarization\` (one word translates two tags only when both files use it for both everywhere)`,
      '',
    ].join('\n');
    expect(json.stderr).toBe(conflicts);
    const text = await ws.run('sync', '--glossary');
    expect(text.stdout).toContain('Soft Prompt = 软提示\n');
    expect(text.stdout).toContain('Summarization = 摘要\n');
    expect(text.stderr).toBe(conflicts);

    // The correct 软提示 (the implicit copy of AutoCompressors) is not flagged; the outdated 摘要
    // on the Gist row is, with the right translation.
    const report = await ws.run('sync', '--format', 'json');
    const tags = findingsOf(report.stdout, 1).filter((f) => f.ruleId === 'sync-tags');
    expect(tags.map((f) => [f.line, f.message])).toEqual([
      [
        70,
        "Unexpected tags `摘要`, `Gist`, expected `软提示`, `Gist` (the glossary's translation of README.md line 70)",
      ],
    ]);
    expect(lineWith(old, '2305.14788) | EMNLP 2023 | `递归`')).toContain('`软提示`');
  });

  it('reports no conflict on the seed pair, whose two files agree', () => {
    const learned = buildGlossary(parseList(en, 'README.md'), parseList(cn, 'README_CN.md'));
    expect(learned.conflicts).toEqual([]);
    expect(learned.glossary.get('Soft Prompt')).toBe('软提示');
  });
});
