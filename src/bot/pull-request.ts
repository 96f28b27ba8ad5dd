/**
 * The App's pull-request check: on opened / synchronize / reopened / ready_for_review, when a list
 * file changed, read both versions, run the check-pull-request task, and report it as the
 * `curator` check run plus one PR comment edited in place. A bad config or a failure is reported
 * as a failed check run (and in the comment), never as a green check that did nothing.
 */
import type { Context } from 'probot';
import { describeError, CuratorError } from '../errors.js';
import {
  postSuggestions,
  publishCheckRun,
  upsertMarkedComment,
  type GitHubClient,
} from '../github/index.js';
import { checkPullRequest, type CheckResult } from '../tasks/check-pull-request.js';
import { readPullRequestLists } from '../tasks/read-pull-request.js';
import { loadRepoConfig } from './config.js';
import { COMMENT_MARKER, renderCheckComment } from '../tasks/render-check.js';
import type { CuratorConfig } from '../config/index.js';

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
  if (errors + warnings === 0) return `${r.added.length} added, no problems`;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

export async function handlePullRequest(
  context: Context<'pull_request'>,
  botLogin: string,
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
    config = await loadRepoConfig(context);
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
    const result = await checkPullRequest({ ...lists, config, arxiv: null });
    const body = renderCheckComment(result);
    await publishCheckRun(octokit, {
      ...r,
      head_sha,
      title: titleOf(result),
      summary: body.slice(COMMENT_MARKER.length).trimStart(),
      findings: result.findings,
      policy: config.check,
    });
    await upsertMarkedComment(
      octokit,
      { ...r, issue_number: pr.number, marker: COMMENT_MARKER, author: botLogin },
      body,
    );
    await postSuggestions(
      octokit,
      { ...r, pull_number: pr.number, commit_id: head_sha, author: botLogin },
      result.suggestions.map((s) => ({ path: s.file, line: s.line, text: s.text })),
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
