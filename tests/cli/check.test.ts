import { describe, expect, it } from 'vitest';
import { workspace } from '../helpers/cli.js';
import { fakeArxiv } from '../helpers/fake-arxiv.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const added =
  '| [Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding](https://arxiv.org/pdf/2509.04890) | arXiv 2025.09 | `Eviction` | - | Gives lower layers a larger share of the KV cache budget than upper ones during decoding. |';
/** The English file with one KV-cache paper added to the explicit table, with a PDF link. */
function head(): string {
  const lines = SEED_EN().split('\n');
  lines.splice(
    lines.findIndex((l) => l.includes('2403.12968')),
    0,
    added,
  );
  return lines.join('\n');
}
const ADDED_LINE =
  SEED_EN()
    .split('\n')
    .findIndex((l) => l.includes('2403.12968')) + 1;

function pair() {
  return workspace(
    {
      'base/README.md': SEED_EN(),
      'base/README_CN.md': SEED_CN(),
      'head/README.md': head(),
      'head/README_CN.md': SEED_CN(),
    },
    {},
    { fetch: fakeArxiv().fetch },
  );
}

describe('curator check', () => {
  it('reports each problem of the added row on its line, the placement with its rationale, and proposes the Chinese row; nothing on untouched rows', async () => {
    const ws = pair();
    const { code, stdout } = await ws.run(
      'check',
      '--base',
      'base',
      '--head',
      'head',
      '--format',
      'json',
    );
    expect(code).toBe(1);
    const r = JSON.parse(stdout);
    expect(r.added).toEqual([
      {
        key: 'arxiv:2509.04890',
        file: 'README.md',
        section: '📝 Explicit Context Compression (Prompt/Input Level)',
        line: ADDED_LINE,
        title: 'Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding',
        arxivId: '2509.04890',
        tldr: 'Gives lower layers a larger share of the KV cache budget than upper ones during decoding.',
      },
    ]);
    expect(r.changed).toEqual([]);
    expect(r.removed).toEqual([]);
    expect(
      r.findings.map((f: { file: string; line: number; ruleId: string }) => [
        f.file,
        f.line,
        f.ruleId,
      ]),
    ).toEqual([
      ['README.md', ADDED_LINE, 'arxiv-link'],
      ['README.md', ADDED_LINE, 'category'],
      ['README.md', ADDED_LINE, 'sync-missing'],
    ]);
    const placement = r.findings.find((f: { ruleId: string }) => f.ruleId === 'category');
    expect(placement.message).toMatch(
      /expected "⚡ Inference-Time KV Compression \(Memory\/Cache Level\)" \(confidence 0\.\d\d\): It mentions "kv cache"/,
    );
    expect(r.classifications[0]).toMatchObject({
      key: 'arxiv:2509.04890',
      category: 'kv-cache',
      placedIn: '📝 Explicit Context Compression (Prompt/Input Level)',
      source: 'offline',
    });
    expect(r.syncRows).toEqual([
      {
        file: 'README_CN.md',
        section: '📝 显式上下文压缩（提示/输入层面）',
        // Proposed with the link corrected: the PDF link is not copied into the translation.
        row: '| [Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `驱逐` | - | Gives lower layers a larger share of the KV cache budget than upper ones during decoding. |',
      },
    ]);
    expect(r.notes).toEqual([]);
    // The PDF link has a known fix: the whole corrected row, offered as a review suggestion.
    expect(r.suggestions).toEqual([
      {
        file: 'README.md',
        line: ADDED_LINE,
        text: added.replace('arxiv.org/pdf/', 'arxiv.org/abs/'),
      },
    ]);
  });

  it('catches a wrong arXiv id by its title, and says when it could not verify (offline)', async () => {
    const wrong = head().replace(
      'Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding',
      'Some Other Paper',
    );
    const ws = workspace(
      {
        'base/README.md': SEED_EN(),
        'head/README.md': wrong,
        '.github/curator.yml': 'files:\n  translation: null\n',
      },
      {},
      { fetch: fakeArxiv().fetch },
    );
    const online = JSON.parse(
      (await ws.run('check', '--base', 'base', '--head', 'head', '--format', 'json')).stdout,
    );
    expect(online.findings.find((f: { ruleId: string }) => f.ruleId === 'arxiv-id').message).toBe(
      'Unexpected title for 2509.04890, expected `Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding`: the id belongs to that paper; check the link or the title',
    );
    const offline = JSON.parse(
      (await ws.run('check', '--base', 'base', '--head', 'head', '--offline', '--format', 'json'))
        .stdout,
    );
    expect(offline.findings.some((f: { ruleId: string }) => f.ruleId === 'arxiv-id')).toBe(false);
    expect(offline.notes).toEqual(['arXiv ids were not verified (offline).']);
  });

  it('--format markdown prints the pull-request comment, marked for editing in place, with no HTML from the list', async () => {
    const ws = pair();
    const { stdout } = await ws.run(
      'check',
      '--base',
      'base',
      '--head',
      'head',
      '--format',
      'markdown',
    );
    expect(stdout.startsWith('<!-- awesome-curator:check -->\n### awesome-curator\n')).toBe(true);
    expect(stdout).toContain('1 paper added, 0 changed, 0 removed: 2 errors, 1 warning.');
    expect(stdout).toContain(
      '| Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding | 📝 Explicit Context Compression (Prompt/Input Level) | ⚡ Inference-Time KV Compression (Memory/Cache Level) |',
    );
    expect(stdout).toContain(
      '`README_CN.md`, under "📝 显式上下文压缩（提示/输入层面）", a new row:',
    );
  });

  it('finds nothing when nothing changed', async () => {
    const ws = workspace(
      {
        'base/README.md': SEED_EN(),
        'base/README_CN.md': SEED_CN(),
        'README.md': SEED_EN(),
        'README_CN.md': SEED_CN(),
      },
      {},
      { fetch: fakeArxiv().fetch },
    );
    const { code, stdout } = await ws.run('check', '--base', 'base', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      added: [],
      changed: [],
      removed: [],
      findings: [],
      syncRows: [],
    });
  });

  it('needs --base', async () => {
    const { code, stderr } = await workspace({ 'README.md': SEED_EN() }).run('check');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--base is missing\. Give the version to compare with/);
  });
});

describe('curator check against a git ref', () => {
  it('reads the base from git and the head from the working tree', async () => {
    const { execFileSync } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const ws = workspace(
      { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN() },
      {},
      { fetch: fakeArxiv().fetch },
    );
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: ws.dir,
        stdio: 'pipe',
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(ws.dir, 'README.md'), head());
    const { code, stdout } = await ws.run(
      'check',
      '--base',
      'HEAD',
      '--offline',
      '--format',
      'json',
    );
    expect(code).toBe(1);
    expect(JSON.parse(stdout).added.map((a: { key: string }) => a.key)).toEqual([
      'arxiv:2509.04890',
    ]);
    const bad = await ws.run('check', '--base', 'no-such-branch');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/git cannot read no-such-branch:README\.md/);
  });

  it('reads a BOM and CRLF list the same from git and from the folder; refuses one that is not UTF-8, naming it', async () => {
    const { execFileSync } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const marked = (t: string) => Buffer.from(`\uFEFF${t.replace(/\n/g, '\r\n')}`);
    const ws = workspace(
      { 'README.md': marked(SEED_EN()), 'README_CN.md': marked(SEED_CN()) },
      {},
      { fetch: fakeArxiv().fetch },
    );
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: ws.dir,
        stdio: 'pipe',
      });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const same = await ws.run('check', '--base', 'HEAD', '--offline', '--format', 'json');
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ added: [], changed: [], findings: [] });

    writeFileSync(
      join(ws.dir, 'README.md'),
      Buffer.from(SEED_EN().replace('Title', 'Titl\u00e9'), 'latin1'),
    );
    git('commit', '-qam', 'latin-1');
    const bad = await ws.run('check', '--base', 'HEAD', '--offline');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/HEAD:README\.md: not a UTF-8 text file/);
  });
});
