/**
 * The pull-request comment shown in the README's screenshot (docs/images/pr-comment.png), built
 * here so that `npm run screenshot` and tests/docs/screenshot.test.ts compute the same text.
 *
 * The "pull request": the example list (examples/context-compression) with one paper added.
 * The contributor made the usual mistakes: a PDF link with a version instead of the abstract
 * page, an unpadded preprint month, a KV-cache paper in the prompt-compression table, and no row
 * in README_CN.md.
 */
import { readFileSync } from 'node:fs';
import { readConfig } from '../src/tasks/lint-files.js';
import { checkPullRequest } from '../src/tasks/check-pull-request.js';
import { renderCheckComment } from '../src/tasks/render-check.js';

/** The screenshot's width in CSS pixels (and PNG pixels: it is taken at scale 1). */
export const WIDTH = 900;
/** The PNG's tEXt keyword for the SHA-256 of the Markdown it shows. */
export const SOURCE_KEYWORD = 'awesome-curator pr-comment.md sha256';

const EXAMPLE = new URL('../examples/context-compression/', import.meta.url);

/** The row the pull request adds. */
export const ADDED_ROW =
  '| [Scissorhands: Exploiting the Persistence of Importance Hypothesis for LLM KV Cache Compression at Test Time](https://arxiv.org/pdf/2305.17118v2) | arXiv 2023.5 | `Eviction` | - | Keeps the KV cache at a fixed budget by dropping tokens that received little attention so far, cutting its memory by up to 5x without fine-tuning |';

/** The added row goes after this paper, the last row of the "Explicit" (prompt-level) table. */
const AFTER = 'https://arxiv.org/abs/2307.06945';

export interface PullRequestFiles {
  base: { en: string; cn: string };
  head: { en: string; cn: string };
}

export function pullRequestFiles(): PullRequestFiles {
  const en = readFileSync(new URL('README.md', EXAMPLE), 'utf8');
  const cn = readFileSync(new URL('README_CN.md', EXAMPLE), 'utf8');
  const lines = en.split('\n');
  const at = lines.findIndex((l) => l.includes(AFTER));
  if (at < 0) throw new Error(`pr-comment: ${AFTER} is no longer in the example README.md`);
  lines.splice(at + 1, 0, ADDED_ROW);
  return { base: { en, cn }, head: { en: lines.join('\n'), cn } };
}

/** The comment the App would post on that pull request (offline: no arXiv look-ups). */
export async function prComment(): Promise<string> {
  const files = pullRequestFiles();
  const result = await checkPullRequest({
    primary: { path: 'README.md', base: files.base.en, head: files.head.en },
    translation: { path: 'README_CN.md', base: files.base.cn, head: files.head.cn },
    config: await readConfig(null, '.github/curator.yml'),
    arxiv: null,
  });
  return renderCheckComment(result);
}
