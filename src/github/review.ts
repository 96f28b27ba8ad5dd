/**
 * Review suggestions: a ```suggestion block on each changed line whose fix is known, so the author
 * can apply it with one click. All new ones go in a single review (one notification, not one per
 * line). A suggestion is placed only on a line the pull request's diff shows (GitHub refuses the
 * whole review otherwise), and is not posted again while the bot's same suggestion still stands on
 * the same line; one GitHub marked outdated (its line changed in a later push: `line` is null) or
 * left on another line (lines moved) does not count, so the fix is offered again where it applies.
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

export interface SuggestionOptions {
  /**
   * Per path, the head lines the pull request's diff shows (see `diffLineRanges`): a suggestion
   * elsewhere is dropped. A path that is missing was not changed (dropped too); null ranges mean
   * GitHub gave no patch (kept, and a refusal is survived). Without this option nothing is dropped.
   */
  diffLines?: Readonly<Record<string, readonly (readonly [number, number])[] | null>>;
  /**
   * Whether the bot may have posted suggestions on this pull request before. False (known from
   * the bot's own record) saves reading the review comments; by default they are read.
   */
  postedBefore?: boolean;
}

export interface SuggestionOutcome {
  posted: number;
  /** Left out: already standing, outside the diff, or over the cap. */
  skipped: number;
  /** GitHub refused the review (422): nothing was posted; the check itself stands. */
  refused: string | null;
}

/**
 * At most this many suggestions in one review: a pull request that adds 500 broken rows gets the
 * first 30 as one-click fixes (the check run and the comment list every finding).
 */
export const MAX_SUGGESTIONS = 30;

/** A fence longer than any run of backticks in the text, so a row cannot close the block early. */
export function suggestionBody(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}suggestion\n${text}\n${fence}`;
}

const inDiff = (s: LineSuggestion, diffLines: SuggestionOptions['diffLines']): boolean => {
  if (!diffLines) return true;
  if (!(s.path in diffLines)) return false;
  const ranges = diffLines[s.path];
  return (
    ranges === null || ranges === undefined || ranges.some(([a, b]) => s.line >= a && s.line <= b)
  );
};

/** Post the suggestions not yet standing. */
export async function postSuggestions(
  octokit: GitHubClient,
  t: ReviewTarget,
  suggestions: readonly LineSuggestion[],
  options: SuggestionOptions = {},
): Promise<SuggestionOutcome> {
  const placeable = suggestions.filter((s) => inDiff(s, options.diffLines));
  let skipped = suggestions.length - placeable.length;
  if (placeable.length === 0) return { posted: 0, skipped, refused: null };
  const standing = new Set<string>();
  if (options.postedBefore !== false) {
    const existing = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
      owner: t.owner,
      repo: t.repo,
      pull_number: t.pull_number,
      per_page: 100,
    });
    for (const c of existing)
      if (c.user?.login === t.author && typeof c.line === 'number')
        standing.add(`${c.path}\u0000${c.line}\u0000${c.body}`);
  }
  const fresh = placeable
    .map((s) => ({
      path: s.path,
      line: s.line,
      side: 'RIGHT' as const,
      body: suggestionBody(s.text),
    }))
    .filter((c) => !standing.has(`${c.path}\u0000${c.line}\u0000${c.body}`));
  skipped += placeable.length - fresh.length;
  const batch = fresh.slice(0, MAX_SUGGESTIONS);
  skipped += fresh.length - batch.length;
  if (batch.length === 0) return { posted: 0, skipped, refused: null };
  try {
    await octokit.rest.pulls.createReview({
      owner: t.owner,
      repo: t.repo,
      pull_number: t.pull_number,
      commit_id: t.commit_id,
      event: 'COMMENT',
      body: `awesome-curator: ${batch.length} fix${batch.length === 1 ? '' : 'es'} you can apply from here.`,
      comments: batch,
    });
  } catch (error) {
    // A line GitHub will not take (a diff it did not show us) must not sink the whole check.
    if ((error as { status?: number }).status !== 422) throw error;
    return { posted: 0, skipped: skipped + batch.length, refused: (error as Error).message };
  }
  return { posted: batch.length, skipped, refused: null };
}
