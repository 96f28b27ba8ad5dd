/**
 * Review suggestions: a ```suggestion block on each changed line whose fix is known, so the author
 * can apply it with one click. All new ones go in a single review (one notification, not one per
 * line), and a suggestion already posted by the bot on the same file with the same text is not
 * posted again on the next push.
 */
import type { GitHubClient } from './client.js';

export interface LineSuggestion {
  path: string;
  line: number;
  /** The whole corrected line. */
  text: string;
}

export interface ReviewTarget {
  owner: string;
  repo: string;
  pull_number: number;
  /** The head commit the lines refer to. */
  commit_id: string;
  /** The bot's login: only its earlier comments count as already posted. */
  author: string;
}

/** A fence longer than any run of backticks in the text, so a row cannot close the block early. */
/**
 * At most this many suggestions in one review: a pull request that adds 500 broken rows gets the
 * first 30 as one-click fixes (the check run and the comment list every finding).
 */
export const MAX_SUGGESTIONS = 30;

export function suggestionBody(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}suggestion\n${text}\n${fence}`;
}

/** Post the suggestions not yet posted; returns how many were posted. */
export async function postSuggestions(
  octokit: GitHubClient,
  t: ReviewTarget,
  suggestions: readonly LineSuggestion[],
): Promise<number> {
  if (suggestions.length === 0) return 0;
  const existing = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
    owner: t.owner,
    repo: t.repo,
    pull_number: t.pull_number,
    per_page: 100,
  });
  const posted = new Set(
    existing.filter((c) => c.user?.login === t.author).map((c) => `${c.path}\u0000${c.body}`),
  );
  const fresh = suggestions
    .map((s) => ({
      path: s.path,
      line: s.line,
      side: 'RIGHT' as const,
      body: suggestionBody(s.text),
    }))
    .filter((c) => !posted.has(`${c.path}\u0000${c.body}`))
    .slice(0, MAX_SUGGESTIONS);
  if (fresh.length === 0) return 0;
  await octokit.rest.pulls.createReview({
    owner: t.owner,
    repo: t.repo,
    pull_number: t.pull_number,
    commit_id: t.commit_id,
    event: 'COMMENT',
    body: `awesome-curator: ${fresh.length} fix${fresh.length === 1 ? '' : 'es'} you can apply from here.`,
    comments: fresh,
  });
  return fresh.length;
}
