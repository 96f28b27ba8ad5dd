import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The demo serves arXiv from its own process, so it is run without blocking this one. */
function demo(): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const script = fileURLToPath(new URL('../../scripts/demo.mjs', import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('npm run demo', () => {
  it('lints the example, prints the PR comment, syncs a copy and scans a recorded feed, offline', async () => {
    const r = await demo();
    expect(r.status).toBe(0);
    const steps = r.stdout.split(/\n(?=\[\d\/4\] )/).slice(1);
    expect(steps.map((s) => s.slice(0, 5))).toEqual(['[1/4]', '[2/4]', '[3/4]', '[4/4]']);
    const [lint, check, sync, scan] = steps as [string, string, string, string];
    expect(lint).toMatch(/13 problems \(13 errors, 0 warnings, 0 info\)/);
    // The exact comment the App posts for the simulated pull request.
    expect(check).toContain('<!-- awesome-curator:check -->');
    expect(check).toMatch(/`README\.md:30` \| `arxiv-link`/);
    expect(check).toMatch(/`README\.md:30` \| `category`/);
    expect(check).toContain(
      '| [Funnel Budgets: Layer-Wise KV Cache Allocation for Efficient Decoding](https://arxiv.org/abs/2509.04890) | arXiv 2025.09 | `驱逐`',
    );
    expect(check).not.toContain('did not answer'); // offline: no network tried
    expect(sync).toMatch(/README_CN\.md:30\n {2}\+ \| \[Funnel Budgets/);
    // The suggestion PR's body, with its hidden block, then the rows in both files.
    expect(scan).toContain('| Paper | Section | Confidence | Why |');
    expect(scan).toMatch(/<!-- awesome-curator:suggestions \{"v":1,"ids":\["2509\.\d+"/);
    expect(scan.match(/^README\.md:\d+$/gm)).toHaveLength(5);
    expect(scan.match(/^README_CN\.md:\d+$/gm)).toHaveLength(5);
    for (const s of steps) expect(s).toMatch(/\(done in \d+\.\d s\)/);
    // Readable without colour: no escape sequences at all.
    // eslint-disable-next-line no-control-regex -- looking for escape sequences is the point
    expect(r.stdout).not.toMatch(/\x1b\[/);
  }, 60_000);
});
