import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readBlock } from '../../src/tasks/suggestion-pr.js';
import { workspace } from '../helpers/cli.js';
import { fakeArxiv, SCAN_EXPECTED } from '../helpers/fake-arxiv.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

/** The `--format json` contract of `curator scan`. */
const ScanJson = z.object({
  candidates: z.number(),
  suggested: z.array(
    z.object({
      arxivId: z.string(),
      title: z.string(),
      category: z.string(),
      section: z.string(),
      confidence: z.number(),
      rationale: z.string(),
      rows: z.record(z.string(), z.string()),
    }),
  ),
  skipped: z.array(
    z.object({
      arxivId: z.string(),
      reason: z.enum(['already-listed', 'rejected', 'off-topic', 'low-confidence', 'over-cap']),
    }),
  ),
});

const config = `arxiv:\n  ignore: [${SCAN_EXPECTED.rejected.map((id) => `'${id}'`).join(', ')}]\n  maxPapers: 3\n`;

describe('curator scan', () => {
  it('is a dry run by default: prints the plan as JSON and writes nothing', async () => {
    const arxiv = fakeArxiv();
    const ws = workspace(
      { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN(), '.github/curator.yml': config },
      {},
      { fetch: arxiv.fetch },
    );
    const { code, stdout, stderr } = await ws.run(
      'scan',
      '--since',
      '2025-09-01',
      '--until',
      '2025-09-20',
      '--arxiv-url',
      'http://arxiv.test/api/query',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    const plan = ScanJson.parse(JSON.parse(stdout));
    expect(plan.candidates).toBe(51);
    expect(plan.suggested).toHaveLength(3);
    for (const s of plan.suggested)
      expect(Object.keys(s.rows)).toEqual(['README.md', 'README_CN.md']);
    // 18 papers belong; the offline classifier also keeps one that does not. Three fit the cap.
    expect(plan.skipped.filter((s) => s.reason === 'over-cap').length).toBeGreaterThanOrEqual(15);
    expect(stderr).toContain('classifying offline');
    expect(ws.read('README.md').toString('utf8')).toBe(SEED_EN());
    expect(ws.read('README_CN.md').toString('utf8')).toBe(SEED_CN());
    expect(arxiv.urls[0]!.origin).toBe('http://arxiv.test');
    expect(arxiv.urls[0]!.searchParams.get('search_query')).toMatch(
      /submittedDate:\[202509010000 TO 202509202359\]/,
    );
  });

  it('--dry-run is the default said out loud: the same plan, nothing written', async () => {
    const files = {
      'README.md': SEED_EN(),
      'README_CN.md': SEED_CN(),
      '.github/curator.yml': config,
    };
    const argv = ['scan', '--since', '2025-09-01', '--until', '2025-09-20', '--format', 'json'];
    const plain = await workspace(files, {}, { fetch: fakeArxiv().fetch }).run(...argv);
    const ws = workspace(files, {}, { fetch: fakeArxiv().fetch });
    const dry = await ws.run(...argv, '--dry-run');
    expect(dry.code).toBe(0);
    expect(ScanJson.parse(JSON.parse(dry.stdout)).suggested).toHaveLength(3);
    expect(dry.stdout).toBe(plain.stdout);
    expect(ws.read('README.md').toString('utf8')).toBe(SEED_EN());
    expect(ws.read('README_CN.md').toString('utf8')).toBe(SEED_CN());
  });

  it('--format markdown prints the body of the suggestion PR the App would open', async () => {
    const ws = workspace(
      { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN(), '.github/curator.yml': config },
      {},
      { fetch: fakeArxiv().fetch },
    );
    const { code, stdout } = await ws.run(
      'scan',
      '--since',
      '2025-09-01',
      '--until',
      '2025-09-20',
      '--format',
      'markdown',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('papers submitted from 2025-09-01 to 2025-09-20');
    expect(stdout).toContain('| Paper | Section | Confidence | Why |');
    expect(stdout.split('\n').filter((l) => l.startsWith('| [')).length).toBe(3);
    expect(readBlock(stdout)).toMatchObject({ v: 1, base: 'local', commit: 'local' });
    expect(readBlock(stdout)!.ids).toHaveLength(3);
    expect(readBlock(stdout)!.venues).toEqual([
      ['2406.02069', 'COLM 2025'],
      ['2404.14469', 'NeurIPS 2024'],
    ]);
    expect(stdout).toContain('Venues that listed preprints have gained since:');
  });

  it('--write edits both files; a second --write finds nothing to change', async () => {
    // No cap in the way: everything that belongs is written the first time.
    const uncapped = config.replace('maxPapers: 3', 'maxPapers: 50');
    const ws = workspace(
      { 'README.md': SEED_EN(), 'README_CN.md': SEED_CN(), '.github/curator.yml': uncapped },
      {},
      { fetch: fakeArxiv().fetch, isTerminal: true },
    );
    const first = await ws.run('scan', '--since', '2025-09-01', '--until', '2025-09-20', '--write');
    expect(first.code).toBe(0);
    // The 18 on-topic papers of scan-expected.json; a hallucination detector is no longer among them.
    expect(first.stdout).toMatch(/51 candidates from arXiv; 18 suggested, \d+ skipped\./);
    expect(first.stdout).toContain('Wrote README.md and README_CN.md.');
    expect(first.stderr).toMatch(/page 1 of 1: 51 of 51 papers/);
    const after = ws.read('README.md').toString('utf8');
    expect(after).not.toBe(SEED_EN());
    const second = await ws.run(
      'scan',
      '--since',
      '2025-09-01',
      '--until',
      '2025-09-20',
      '--write',
    );
    expect(second.stdout).toContain('Nothing to change.');
    expect(ws.read('README.md').toString('utf8')).toBe(after);
  });

  it('--write keeps a byte-order mark and CRLF line endings: the same edit as on the plain files', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const crlf = (t: string) => Buffer.concat([bom, Buffer.from(t.replace(/\n/g, '\r\n'))]);
    const scan = async (en: string | Buffer, cn: string | Buffer) => {
      const ws = workspace(
        { 'README.md': en, 'README_CN.md': cn, '.github/curator.yml': config },
        {},
        { fetch: fakeArxiv().fetch },
      );
      const argv = ['scan', '--since', '2025-09-01', '--until', '2025-09-20', '--write'];
      expect((await ws.run(...argv)).code).toBe(0);
      return ws;
    };
    const plain = await scan(SEED_EN(), SEED_CN());
    const marked = await scan(crlf(SEED_EN()), crlf(SEED_CN()));
    for (const [path, before] of [
      ['README.md', SEED_EN()],
      ['README_CN.md', SEED_CN()],
    ] as const) {
      const edited = plain.read(path).toString('utf8');
      expect(edited.split('\n').length).toBe(before.split('\n').length + 3);
      expect(marked.read(path).equals(crlf(edited))).toBe(true);
    }
  });

  it('refuses a list that is not UTF-8, naming it, and writes nothing', async () => {
    const latin1 = Buffer.from(SEED_EN().replace('Paper Title', 'Paper Titl\u00e9'), 'latin1');
    const ws = workspace(
      { 'README.md': latin1, 'README_CN.md': SEED_CN(), '.github/curator.yml': config },
      {},
      { fetch: fakeArxiv().fetch },
    );
    const { code, stderr } = await ws.run('scan', '--write');
    expect(code).toBe(2);
    expect(stderr).toMatch(/README\.md: not a UTF-8 text file/);
    expect(ws.read('README.md').equals(latin1)).toBe(true);
  });

  it.each([
    [
      ['scan', '--since', 'yesterday'],
      /--since: "yesterday" is not a date\. Write it as YYYY-MM-DD/,
    ],
    [['scan', '--since', '2025-13-01'], /--since: "2025-13-01" is not a date/],
    [['scan', '--until', '2025-02-30'], /--until: "2025-02-30" is not a date/],
    [['scan', '--since', '2025-09-20', '--until', '2025-09-01'], /--since is after --until/],
    [['scan', '--max=-1'], /--max: "-1" is not a whole number/],
    [['scan', '--dry-run', '--write'], /--dry-run and --write contradict each other/],
  ])('%j: one clear line, exit 2', async (argv, message) => {
    const { code, stderr } = await workspace(
      { 'README.md': SEED_EN() },
      {},
      { fetch: fakeArxiv().fetch },
    ).run(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
