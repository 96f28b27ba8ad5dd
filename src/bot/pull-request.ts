/**
 * The App's pull-request check: on opened / synchronize / reopened / ready_for_review, when a list
 * file changed, read both versions, run the check-pull-request task, and report it as the
 * `curator` check run plus one PR comment edited in place. A bad config or a failure is reported
 * as a failed check run (and in the comment), never as a green check that did nothing.
 */
import type { Context } from 'probot';
import { describeError, CuratorError } from '../errors.js';
import {
  findMarkedComment,
  postSuggestions,
  publishCheckRun,
  upsertMarkedComment,
  type GitHubClient,
} from '../github/index.js';
import { checkPullRequest, type CheckResult } from '../tasks/check-pull-request.js';
import { readHiddenBlock, renderHiddenBlock } from '../tasks/hidden-block.js';
import { readPullRequestLists } from '../tasks/read-pull-request.js';
import { loadRepoConfig } from './config.js';
import { describeIgnored, ignoredSettings } from './policy.js';
import {
  COMMENT_MARKER,
  describeChange,
  isQuiet,
  renderCheckComment,
  renderResolvedComment,
} from '../tasks/render-check.js';
import type { CuratorConfig } from '../config/index.js';
import * as z from 'zod/mini';

export { CONFIG_FILE } from './config.js';
export const PR_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

function titleOf(r: CheckResult): string {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  if (errors + warnings === 0) return `${describeChange(r)}: no problems`;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

const Suggested = z.object({ v: z.literal(1) });

/**
 * A pull request the App (or the Action, with the same hidden blocks) opened: by the bot itself,
 * or from a `curator/` branch of this repository whose body carries one of curator's blocks.
 */
export function isOwnPullRequest(
  pr: Context<'pull_request'>['payload']['pull_request'],
  botLogin: string,
): boolean {
  if (pr.user?.login === botLogin) return true;
  const sameRepo = pr.head.repo?.full_name === pr.base.repo.full_name;
  return (
    sameRepo &&
    pr.head.ref.startsWith('curator/') &&
    /<!-- awesome-curator:(?:sync|suggestions|add|translate)\b/.test(pr.body ?? '')
  );
}

export async function handlePullRequest(
  context: Context<'pull_request'>,
  botLogin: string,
  env?: Record<string, string | undefined>,
): Promise<void> {
  const { pull_request: pr } = context.payload;
  const octokit = context.octokit as unknown as GitHubClient;
  const r = context.repo();
  const head_sha = pr.head.sha;
  const fail = async (summary: string) => {
    await publishCheckRun(octokit, {
      ...r,
      head_sha,
      title: 'awesome-curator could not check this pull request',
      summary,
      findings: [],
      conclusion: 'failure',
    });
    await upsertMarkedComment(
      octokit,
      { ...r, issue_number: pr.number, marker: COMMENT_MARKER, author: botLogin },
      `${COMMENT_MARKER}\n### awesome-curator\n\n${summary}\n`,
    );
  };

  let config: CuratorConfig;
  try {
    config = await loadRepoConfig(context, env);
  } catch (error) {
    if (!(error instanceof CuratorError)) throw error;
    await fail(`The config is not valid, so nothing was checked: ${describeError(error)}.`);
    return;
  }

  try {
    const lists = await readPullRequestLists(
      octokit,
      r,
      { number: pr.number, baseSha: pr.base.sha, headSha: head_sha },
      config,
    );
    if (!lists) return; // no list file changed: nothing to say, no check run
    const own = isOwnPullRequest(pr, botLogin);
    const result = await checkPullRequest({
      primary: lists.primary,
      translation: lists.translation,
      config,
      arxiv: null,
      ownChange: own,
    });
    const body = renderCheckComment(result);
    await publishCheckRun(octokit, {
      ...r,
      head_sha,
      title: titleOf(result),
      summary: [
        body.slice(COMMENT_MARKER.length).trimStart(),
        ...(ignoredSettings(config).length
          ? [`_${describeIgnored(ignoredSettings(config))}_\n`]
          : []),
      ].join('\n'),
      findings: result.findings,
      policy: config.check,
    });
    // The App's own pull requests get the check run only: no comment, no suggestions to itself.
    if (own) return;
    const target = { ...r, issue_number: pr.number, marker: COMMENT_MARKER, author: botLogin };
    const found = await findMarkedComment(octokit, target);
    if (isQuiet(result)) {
      // Nothing to say: no comment, or the earlier one says its problems are resolved.
      if (found) await upsertMarkedComment(octokit, target, renderResolvedComment(), found);
      return;
    }
    const suggesting = result.suggestions.length > 0;
    const postedBefore =
      found !== null && readHiddenBlock(found.body, 'suggested', Suggested) !== null;
    await upsertMarkedComment(
      octokit,
      target,
      // The record that suggestions went out lets a later run skip reading review comments when
      // none ever did (a one-paper pull request stays within 8 requests).
      suggesting || postedBefore ? `${body}\n${renderHiddenBlock('suggested', { v: 1 })}\n` : body,
      found,
    );
    if (!suggesting) return;
    const outcome = await postSuggestions(
      octokit,
      { ...r, pull_number: pr.number, commit_id: head_sha, author: botLogin },
      result.suggestions.map((s) => ({ path: s.file, line: s.line, text: s.text })),
      { diffLines: lists.diffLines, postedBefore },
    );
    if (outcome.refused)
      context.log.warn(
        `curator: GitHub refused the review suggestions (${outcome.refused.split('\n')[0]}); the check run and the comment stand`,
      );
  } catch (error) {
    const what =
      error instanceof CuratorError
        ? describeError(error)
        : `GitHub or the checker failed (${(error as { status?: number }).status ?? 'no status'}: ${(error as Error).message.split('\n')[0]})`;
    context.log.error({ err: error }, 'curator check failed');
    await fail(`The check did not finish: ${what}. Push again or re-run the check to retry.`);
  }
}
