/**
 * The App on a list that is not shaped like ours: a one-language list of bullet entries. A
 * contributor adds a bullet in another style than the list's (a PDF link, a `[[GitHub]]` label);
 * the check reports exactly that entry, judged by the list's own style, and offers the entry in
 * the list's form as a one-click suggestion.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorld, stopAll } from '../helpers/e2e-world.js';
import { pullRequestPayload } from '../helpers/webhooks.js';

const stops: (() => Promise<unknown>)[] = [];
afterEach(() => stopAll(stops));

const BULLETS = readFileSync(
  join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'shapes', 'bullets.md'),
  'utf8',
);
const ADDED =
  '- SnapKV: LLM Knows What You are Looking for Before Generation <br> NeurIPS 2024 [[Paper]](https://arxiv.org/pdf/2404.14469) [[GitHub]](https://github.com/FasterDecoding/SnapKV)';
const FIXED =
  '- SnapKV: LLM Knows What You are Looking for Before Generation <br> NeurIPS 2024 [[Paper]](https://arxiv.org/abs/2404.14469) [[Code]](https://github.com/FasterDecoding/SnapKV)';

/** The list with `line` inserted before its first entry; the new line's number. */
function withEntry(text: string, line: string): { text: string; at: number } {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith('- ') && l.includes('arxiv.org'));
  lines.splice(i, 0, line);
  return { text: lines.join('\n'), at: i + 1 };
}

describe('the App on a bullet list', () => {
  it('reports the new entry by the list’s own style and suggests it in the list’s form; a consistent entry passes', async () => {
    const w = await startWorld((s) => stops.push(s), {}, undefined, {
      files: { 'README.md': BULLETS, '.github/curator.yml': 'files:\n  translation: null\n' },
    });
    const { fake } = w;
    const { text, at } = withEntry(BULLETS, ADDED);
    fake.commitFiles('add-snapkv', { 'README.md': text }, 'Add SnapKV', 'contributor');
    const pr = fake.openPullRequest({
      head: 'add-snapkv',
      title: 'Add SnapKV',
      user: 'contributor',
    });
    await w.send('pull_request', pullRequestPayload(fake, pr.number, 'opened'));

    const run = fake.state.checkRuns.find((c) => c.head_sha === pr.head.sha)!;
    expect(run.conclusion).toBe('failure');
    const [comment] = w.botComments(pr.number);
    expect(comment!.body).toContain('expected `https://arxiv.org/abs/2404.14469`');
    expect(comment!.body).toContain('the list labels code links `[Code]`');
    // Only the new entry is reported: the list's other entries follow its style.
    const lines = [...comment!.body.matchAll(/README\.md:(\d+)/g)].map((m) => Number(m[1]));
    expect(new Set(lines)).toEqual(new Set([at]));
    // One suggestion on the added line, holding the entry as the list writes it.
    const reviews = fake.state.reviewComments(pr.number);
    expect(reviews.map((r) => r.line)).toEqual([at]);
    expect(reviews[0]!.body).toContain(`\`\`\`suggestion\n${FIXED}\n\`\`\``);

    // The contributor applies it: the check passes.
    const fixed = withEntry(BULLETS, FIXED);
    fake.commitFiles(
      'add-snapkv',
      { 'README.md': fixed.text },
      'Use the list’s form',
      'contributor',
    );
    await w.send('pull_request', pullRequestPayload(fake, pr.number, 'synchronize'));
    const after = fake.state.checkRuns.filter(
      (c) => c.head_sha === (fake.render.pull(pr.number) as { head: { sha: string } }).head.sha,
    );
    expect(after.at(-1)!.conclusion).toBe('success');
    expect(fake.violations).toEqual([]);
  });
});
