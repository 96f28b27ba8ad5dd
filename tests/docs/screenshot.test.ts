/**
 * The README's screenshot of the pull-request comment is current: docs/images/pr-comment.md is
 * exactly the comment the code renders today, and docs/images/pr-comment.png was rendered from
 * that Markdown. No browser here; `npm run screenshot` (which needs Chromium) remakes both.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pngSize, pngText } from '../../scripts/png.js';
import { prComment, SOURCE_KEYWORD, WIDTH } from '../../scripts/pr-comment.js';

const IMAGES = new URL('../../docs/images/', import.meta.url);
const STALE = 'the README screenshot is stale: run npm run screenshot';

describe('docs/images/pr-comment', () => {
  it('the Markdown is the comment the App posts on the example pull request, byte for byte', async () => {
    const comment = await prComment();
    const onDisk = readFileSync(new URL('pr-comment.md', IMAGES), 'utf8');
    expect(onDisk, STALE).toBe(comment);
  });

  it('shows what the README promises: findings, where the paper belongs, the Chinese row', async () => {
    const comment = await prComment();
    expect(comment).toContain('| Where | Rule | Problem |');
    for (const rule of ['arxiv-link', 'venue', 'category', 'sync-missing'])
      expect(comment).toContain(`| \`${rule}\` |`);
    expect(comment).toContain('| Paper | Placed in | Verdict | Confidence | Why |');
    expect(comment).toMatch(
      /`README_CN\.md`, under "[^"]+", a new row:\n\n```markdown\n\| \[Scissorhands/,
    );
  });

  it('the PNG is a PNG of the expected size, rendered from that Markdown', () => {
    const png = readFileSync(new URL('pr-comment.png', IMAGES));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const { width, height } = pngSize(png);
    expect(width).toBe(WIDTH);
    expect(height).toBeGreaterThan(300);
    expect(height).toBeLessThan(4000);
    const markdown = readFileSync(new URL('pr-comment.md', IMAGES));
    expect(pngText(png, SOURCE_KEYWORD), STALE).toBe(
      createHash('sha256').update(markdown).digest('hex'),
    );
  });
});
