/**
 * One bot comment per pull request or issue, found again by a hidden marker and edited in place.
 * Users of comparable bots complain most about duplicate comments: this is the only way the App
 * writes a check comment, so a second push, a redelivered webhook or a re-run edits the same one.
 */
import type { GitHubClient } from './client.js';

export interface MarkedCommentTarget {
  owner: string;
  repo: string;
  issue_number: number;
  /** A hidden HTML comment that starts the body, e.g. `<!-- awesome-curator:check -->`. */
  marker: string;
  /**
   * The login of the account that writes the comment (the App's bot user, `name[bot]`). Only its
   * comments are edited: a human who quotes the marker must not have their comment overwritten.
   * Null (a workflow, where the token's account is not known): any bot account's comment.
   */
  author: string | null;
}

/** GitHub refuses comment bodies over 65,536 characters. */
export const MAX_COMMENT = 65_536;
const CUT_NOTE = "\n\n_(cut at GitHub's comment limit; the check run lists every finding)_\n";

/** A body GitHub accepts: cut at a line break under the limit, with a note, when too long. */
export function clipComment(body: string): string {
  if (body.length <= MAX_COMMENT) return body;
  const room = body.slice(0, MAX_COMMENT - CUT_NOTE.length);
  const cut = room.lastIndexOf('\n');
  return `${cut > 0 ? room.slice(0, cut) : room}${CUT_NOTE}`;
}

export type UpsertOutcome =
  | { action: 'created'; id: number }
  | { action: 'updated'; id: number }
  | { action: 'unchanged'; id: number };

/** Find the bot's marked comment, if any (all pages are read: long threads exist). */
export async function findMarkedComment(
  octokit: GitHubClient,
  t: MarkedCommentTarget,
): Promise<{ id: number; body: string } | null> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: t.owner,
    repo: t.repo,
    issue_number: t.issue_number,
    per_page: 100,
  });
  for (const c of comments) {
    if (t.author === null ? c.user?.type !== 'Bot' : c.user?.login !== t.author) continue;
    if ((c.body ?? '').startsWith(t.marker)) return { id: c.id, body: c.body ?? '' };
  }
  return null;
}

/**
 * Create the marked comment, or edit it when its body changed. An identical body sends no write at
 * all, so running twice changes nothing (and sends no notification) the second time.
 */
export async function upsertMarkedComment(
  octokit: GitHubClient,
  t: MarkedCommentTarget,
  body: string,
  /** The comment `findMarkedComment` found already (saves reading the thread again). */
  found?: { id: number; body: string } | null,
): Promise<UpsertOutcome> {
  const full = clipComment(body.startsWith(t.marker) ? body : `${t.marker}\n${body}`);
  const existing = found === undefined ? await findMarkedComment(octokit, t) : found;
  if (existing) {
    if (existing.body === full) return { action: 'unchanged', id: existing.id };
    await octokit.rest.issues.updateComment({
      owner: t.owner,
      repo: t.repo,
      comment_id: existing.id,
      body: full,
    });
    return { action: 'updated', id: existing.id };
  }
  const { data } = await octokit.rest.issues.createComment({
    owner: t.owner,
    repo: t.repo,
    issue_number: t.issue_number,
    body: full,
  });
  return { action: 'created', id: data.id };
}

export interface BotComment {
  id: number;
  body: string;
  createdAt: Date;
}

/** The comments `author` wrote on an issue or pull request, oldest first. */
export async function listCommentsBy(
  octokit: GitHubClient,
  t: { owner: string; repo: string; issue_number: number; author: string },
): Promise<BotComment[]> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: t.owner,
    repo: t.repo,
    issue_number: t.issue_number,
    per_page: 100,
  });
  return comments
    .filter((c) => c.user?.login === t.author)
    .map((c) => ({ id: c.id, body: c.body ?? '', createdAt: new Date(c.created_at) }));
}

export type Reaction = 'eyes' | 'rocket' | 'confused' | '+1';

/** React to a comment. A reaction already there is fine (GitHub answers 200). */
export async function react(
  octokit: GitHubClient,
  t: { owner: string; repo: string; comment_id: number },
  content: Reaction,
): Promise<void> {
  await octokit.rest.reactions.createForIssueComment({ ...t, content });
}

/** A new comment, clipped to GitHub's limit. */
export async function postComment(
  octokit: GitHubClient,
  t: { owner: string; repo: string; issue_number: number },
  body: string,
): Promise<number> {
  const { data } = await octokit.rest.issues.createComment({ ...t, body: clipComment(body) });
  return data.id;
}
