import { describe, expect, it } from 'vitest';
import { parseList, splitLines } from '../../src/list/index.js';
import { learnGlossary } from '../../src/sync/glossary.js';
import { workspace } from '../helpers/cli.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';
import { editLine, insertAbove, lineNo, lineWith } from '../helpers/list-edits.js';

const en = SEED_EN();
const cn = SEED_CN();

/** README.md with two papers added (explicit and KV sections) and one venue changed. */
function drifted(): string {
  const lines = en.split('\n');
  const explicitRow =
    '| [Sentence-Level Prompt Pruning under a Token Budget](https://arxiv.org/abs/2509.02417) | arXiv 2025.09 | `Pruning`, `RAG` | - | Drops whole sentences of retrieved passages that score low against the question. |';
  const kvRow =
    '| [Funnel Budgets: Layer-Wise KV Cache Allocation](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `Eviction`, `Layer-wise` | - | Gives lower layers a larger KV cache budget than upper ones. |';
  const out = lines.map((l) =>
    l.includes('(https://arxiv.org/abs/2403.09636)')
      ? l.replace('| ICML 2024 |', '| ICML 2025 |')
      : l,
  );
  out.splice(
    out.findIndex((l) => l.includes('2403.12968')),
    0,
    explicitRow,
  );
  out.splice(
    out.findIndex((l) => l.includes('2406.10774')),
    0,
    kvRow,
  );
  return out.join('\n');
}

describe('curator sync', () => {
  it('finds no drift in the seed-like pair, and its glossary covers every tag of both files', async () => {
    const ws = workspace({ 'README.md': en, 'README_CN.md': cn });
    const { code, stdout } = await ws.run('sync', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).summary).toEqual({ errors: 0, warnings: 0, infos: 0 });
    const glossary = JSON.parse(
      (await ws.run('sync', '--glossary', '--format', 'json')).stdout,
    ) as Record<string, string>;
    const tags = new Set(parseList(en).rows.flatMap((r) => r.tags ?? []));
    expect(Object.keys(glossary).sort()).toEqual([...tags].sort());
    expect(glossary['Pruning']).toBe('剪枝');
    expect(glossary['Eviction']).toBe('驱逐');
    expect(learnGlossary(parseList(en), parseList(cn), { Pruning: '修剪' }).get('Pruning')).toBe(
      '修剪',
    );
  });

  it('reports exactly the three drifts of two added papers and a changed venue', async () => {
    const ws = workspace({ 'README.md': drifted(), 'README_CN.md': cn });
    const { code, stdout } = await ws.run('sync', '--format', 'json');
    expect(code).toBe(1);
    const files = JSON.parse(stdout).files as {
      path: string;
      findings: { ruleId: string; line: number; message: string }[];
    }[];
    expect(files.flatMap((f) => f.findings.map((x) => [f.path, x.ruleId]))).toEqual([
      ['README.md', 'sync-missing'],
      ['README.md', 'sync-missing'],
      ['README_CN.md', 'sync-field'],
    ]);
    expect(files[1]!.findings[0]!.message).toBe(
      'Unexpected venue `ICML 2024`, expected `ICML 2025` as in README.md (line 111)',
    );
  });

  it('--fix adds the two rows to the right sections of README_CN.md with glossary tags, changes nothing else, and then finds nothing', async () => {
    const ws = workspace({ 'README.md': drifted(), 'README_CN.md': cn });
    const fixed = await ws.run('sync', '--fix', '--format', 'json');
    expect(fixed.stderr).toBe(
      'README_CN.md: 1 row corrected from README.md (title, link, venue or code)\n' +
        'README_CN.md: added under "📝 显式上下文压缩（提示/输入层面）" (TL;DR needs translation)\nREADME_CN.md: added under "⚡ 推理时KV压缩（内存/缓存层面）" (TL;DR needs translation)\n',
    );
    const after = ws.read('README_CN.md').toString('utf8');
    const added = splitLines(after)
      .map((l) => l.text)
      .filter((l) => !cn.split('\n').includes(l) && !l.includes('2403.09636'));
    expect(added).toEqual([
      '| [Sentence-Level Prompt Pruning under a Token Budget](https://arxiv.org/abs/2509.02417) | arXiv 2025.09 | `剪枝`, `RAG` | - | Drops whole sentences of retrieved passages that score low against the question. |',
      '| [Funnel Budgets: Layer-Wise KV Cache Allocation](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `驱逐`, `分层` | - | Gives lower layers a larger KV cache budget than upper ones. |',
    ]);
    // Every original line is still there, in order, and the new rows sit where they do in English.
    // The venue that differed is copied from README.md; every other original line is unchanged.
    const expectedCn = cn
      .split('\n')
      .map((l) => (l.includes('2403.09636') ? l.replace('| ICML 2024 |', '| ICML 2025 |') : l));
    expect(after.split('\n').filter((l) => !added.includes(l))).toEqual(expectedCn);
    const list = parseList(after, 'README_CN.md');
    const sectionOf = (id: string) =>
      list.tables[list.rows.find((r) => r.arxiv?.id === id)!.tableIndex]!.section!.text;
    expect(sectionOf('2509.02417')).toBe('📝 显式上下文压缩（提示/输入层面）');
    expect(sectionOf('2509.04890')).toBe('⚡ 推理时KV压缩（内存/缓存层面）');
    expect(ws.read('README.md').toString('utf8')).toBe(drifted());
    // What is left are the two TL;DRs to translate (offline).
    expect(
      JSON.parse(fixed.stdout)
        .files[1].findings.map((f: { ruleId: string }) => f.ruleId)
        .sort(),
    ).toEqual(['sync-untranslated', 'sync-untranslated']);
    const again = await ws.run('sync', '--fix');
    expect(again.stderr).toBe('');
    expect(ws.read('README_CN.md').toString('utf8')).toBe(after);
  });

  it('--fix keeps byte-order marks and CRLF line endings, and changes only the rows it reports', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const crlf = (t: string) => Buffer.concat([bom, Buffer.from(t.replace(/\n/g, '\r\n'))]);
    const ws = workspace({ 'README.md': crlf(drifted()), 'README_CN.md': crlf(cn) });
    const { code } = await ws.run('sync', '--fix');
    expect(code).toBe(0);
    expect(ws.read('README.md').equals(crlf(drifted()))).toBe(true);
    const after = ws.read('README_CN.md');
    expect([...after.subarray(0, 3)]).toEqual([...bom]);
    const lines = after.subarray(3).toString('utf8').split('\r\n');
    expect(lines.some((l) => l.includes('\n'))).toBe(false);
    const old = cn.split('\n');
    expect(lines.length).toBe(old.length + 2);
    // Every line but the two added rows and the one corrected venue is the old line.
    expect(lines.filter((l) => !old.includes(l))).toHaveLength(3);
    const again = await ws.run('sync', '--fix');
    expect(again.stderr).toBe('');
    expect(ws.read('README_CN.md').equals(after)).toBe(true);
  });

  it('refuses a translation that is not UTF-8, naming it, and writes nothing', async () => {
    const gbk = Buffer.concat([Buffer.from(cn.slice(0, 200)), Buffer.from([0xc4, 0xe3, 0x0a])]);
    const ws = workspace({ 'README.md': drifted(), 'README_CN.md': gbk });
    const { code, stderr } = await ws.run('sync', '--fix');
    expect(code).toBe(2);
    expect(stderr).toMatch(/README_CN\.md: not a UTF-8 text file/);
    expect(ws.read('README_CN.md').equals(gbk)).toBe(true);
  });

  it('says in one line when the list has one language on purpose, and exits 0', async () => {
    const ws = workspace({
      'README.md': en,
      'README_CN.md': cn,
      '.github/curator.yml': 'files:\n  translation: null\n',
    });
    const { code, stdout, stderr } = await ws.run('sync');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      'README.md has one language (files.translation: null): nothing to sync. To add a translation, run `curator translate` and set files.translation in .github/curator.yml to the file it writes.\n',
    );
  });
});

describe('curator sync --fix with an LLM', () => {
  it('translates the copied TL;DRs, with the glossary in the prompt; a reply that is not Chinese is not used', async () => {
    const nock = (await import('nock')).default;
    const { completion } = await import('../helpers/openai.js');
    nock.disableNetConnect();
    let system = '';
    nock('http://llm.test')
      .post(
        '/v1/chat/completions',
        (b: { messages: { content: string }[] }) => ((system = b.messages[0]!.content), true),
      )
      .reply(
        200,
        completion(
          JSON.stringify({
            translations: [
              { index: 0, text: '丢弃与问题相关性低的整句检索内容。' },
              { index: 1, text: 'Still English, not a translation.' },
            ],
          }),
        ),
      );
    const ws = workspace(
      { 'README.md': drifted(), 'README_CN.md': cn },
      { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: 'http://llm.test/v1' },
    );
    const { stderr } = await ws.run('sync', '--fix');
    expect(system).toMatch(/Simplified Chinese[\s\S]*Pruning = 剪枝/);
    expect(stderr).toBe(
      'README_CN.md: 1 row corrected from README.md (title, link, venue or code)\nREADME_CN.md: added under "📝 显式上下文压缩（提示/输入层面）"\nREADME_CN.md: added under "⚡ 推理时KV压缩（内存/缓存层面）" (TL;DR needs translation)\n' +
        'curator sync: 1 TL;DR was not translated and keeps the source text: 1 because the reply was not in Simplified Chinese\n',
    );
    const after = ws.read('README_CN.md').toString('utf8');
    expect(after).toContain('| `剪枝`, `RAG` | - | 丢弃与问题相关性低的整句检索内容。 |');
    expect(after).toContain('| Gives lower layers a larger KV cache budget than upper ones. |');
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
});

describe('sync options', () => {
  it('pairs sections named in the config instead of by order', async () => {
    // The Chinese file lists the implicit and KV sections the other way round.
    const lines = cn.split('\n');
    const start = lines.findIndex((l) => l.startsWith('## 🧠'));
    const mid = lines.findIndex((l) => l.startsWith('## ⚡'));
    const end = lines.findIndex((l) => l.startsWith('## 📚'));
    const swapped = [
      ...lines.slice(0, start),
      ...lines.slice(mid, end),
      ...lines.slice(start, mid),
      ...lines.slice(end),
    ].join('\n');
    const byOrder = await workspace({ 'README.md': en, 'README_CN.md': swapped }).run(
      'sync',
      '--format',
      'json',
    );
    expect(JSON.parse(byOrder.stdout).summary.errors).toBeGreaterThan(0);
    const config = 'sync:\n  sections:\n    Implicit: 隐式\n    KV Compression: KV压缩\n';
    const named = await workspace({
      'README.md': en,
      'README_CN.md': swapped,
      '.github/curator.yml': config,
    }).run('sync', '--format', 'json');
    expect(JSON.parse(named.stdout).summary).toEqual({ errors: 0, warnings: 0, infos: 0 });
  });

  it('reports a different row order only when asked', async () => {
    const lines = cn.split('\n');
    const a = lines.findIndex((l) => l.includes('2403.12968'));
    [lines[a], lines[a + 1]] = [lines[a + 1]!, lines[a]!];
    const reordered = lines.join('\n');
    expect(
      JSON.parse(
        (
          await workspace({ 'README.md': en, 'README_CN.md': reordered }).run(
            'sync',
            '--format',
            'json',
          )
        ).stdout,
      ).summary.warnings,
    ).toBe(0);
    const asked = await workspace({
      'README.md': en,
      'README_CN.md': reordered,
      '.github/curator.yml': 'sync:\n  checkOrder: true\n',
    }).run('sync', '--format', 'json');
    const findings = JSON.parse(asked.stdout).files[1].findings as {
      ruleId: string;
      line: number;
      message: string;
    }[];
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['sync-order', a + 1],
      ['sync-order', a + 2],
    ]);
    expect(findings[0]!.message).toBe(
      'Unexpected position 1, expected 2 as in README.md (counting the papers both tables hold)',
    );
  });
});

describe('sync.glossary in the config', () => {
  it('wins over the learned translation', async () => {
    const ws = workspace({
      'README.md': en,
      'README_CN.md': cn,
      '.github/curator.yml': 'sync:\n  glossary:\n    Pruning: 修剪\n',
    });
    const { stdout } = await ws.run('sync', '--glossary');
    expect(stdout).toContain('Pruning = 修剪\n');
    expect(stdout).toContain('Eviction = 驱逐\n');
  });
});

describe('curator sync --fix copies no defect', () => {
  it('writes the copied row with every lint fix, corrects its source the same way, touches nothing else, and is idempotent', async () => {
    // A row merged with the defects the PR check proposed to correct: a pdf link with a version,
    // venue '-', a code link labelled [Github] with a trailing slash.
    const defective =
      '| [Sentence-Level Prompt Pruning under a Token Budget](https://arxiv.org/pdf/2509.02417v2) | - | `Pruning` | [Github](https://github.com/example/sent-prune/) | Drops whole sentences of retrieved passages that score low against the question. |';
    const corrected =
      '| [Sentence-Level Prompt Pruning under a Token Budget](https://arxiv.org/abs/2509.02417) | arXiv 2025.09 | `Pruning` | [GitHub](https://github.com/example/sent-prune) | Drops whole sentences of retrieved passages that score low against the question. |';
    const head = insertAbove(en, '2403.12968', defective);
    const ws = workspace({ 'README.md': head, 'README_CN.md': cn });
    const fixed = await ws.run('sync', '--fix', '--format', 'json');
    const enAfter = ws.read('README.md').toString('utf8');
    const cnAfter = ws.read('README_CN.md').toString('utf8');
    expect(enAfter).toBe(head.replace(defective, corrected));
    const cnRow = lineWith(cnAfter, '2509.02417');
    expect(cnRow).toBe(corrected.replace('`Pruning`', '`剪枝`'));
    expect(cnAfter).toBe(insertAbove(cn, '2403.12968', cnRow));
    expect(fixed.stderr).toContain(
      `README.md: lint fixes applied to the copied row on line ${lineNo(head, '2509.02417')}\n`,
    );
    // Lint finds nothing on either copy of the row.
    const lint = await ws.run('lint', '--format', 'json');
    const onRow = (
      JSON.parse(lint.stdout).files as { path: string; findings: { line: number }[] }[]
    ).flatMap((f) =>
      f.findings.filter(
        (x) => x.line === lineNo(f.path === 'README.md' ? enAfter : cnAfter, '2509.02417'),
      ),
    );
    expect(onRow).toEqual([]);
    const again = await ws.run('sync', '--fix');
    expect(again.stderr).toBe('');
    expect(ws.read('README.md').toString('utf8')).toBe(enAfter);
    expect(ws.read('README_CN.md').toString('utf8')).toBe(cnAfter);
  });

  it('fixes the source and the copy of a cell it copies, and leaves alone a defect both files share', async () => {
    const head = editLine(en, '2403.12968', (l) => l.replace('/abs/2403.12968', '/pdf/2403.12968'));
    const ws = workspace({ 'README.md': head, 'README_CN.md': cn });
    await ws.run('sync', '--fix');
    // The link differs from the translation's, so the translation's cell is copied from README.md
    // (the sync's job), and the source row and the copy get the lint fix: both are canonical again.
    expect(ws.read('README.md').toString('utf8')).toBe(en);
    expect(ws.read('README_CN.md').toString('utf8')).toBe(cn);
    const other = editLine(en, '2406.10774', (l) =>
      l.replace('/abs/2406.10774', '/pdf/2406.10774'),
    );
    const ws2 = workspace({
      'README.md': other,
      'README_CN.md': editLine(cn, '2406.10774', (l) =>
        l.replace('/abs/2406.10774', '/pdf/2406.10774'),
      ),
    });
    const quiet = await ws2.run('sync', '--fix');
    expect(quiet.stderr).toBe('');
    expect(ws2.read('README.md').toString('utf8')).toBe(other);
  });
});
