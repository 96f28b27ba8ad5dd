/**
 * Paper suggestions by issue. An opened issue with arXiv links gets one comment with the verdicts
 * (edited in place if the event comes again). A maintainer's `/curator add` on it opens a pull
 * request on `curator/add-<issue>` that adds the papers that belong to both files in one commit,
 * then closes the issue with a link to it.
 */
import type { Context } from 'probot';
import type { CuratorConfig } from '../config/index.js';
import { readFile, upsertMarkedComment, type GitHubClient } from '../github/index.js';
import { addPapersPr, idsOfIssue } from '../tasks/add-papers-pr.js';
import { renderClassifyReply, replyMarker } from '../tasks/answer-command.js';
import { classifyAgainst, lookUp, type IssueCommentContext } from './comment.js';
import { loadRepoConfig } from './config.js';
import { arxivFor, llmFor, type BotServices } from './services.js';

export const ISSUE_MARKER = '<!-- awesome-curator:issue-verdicts -->';

export async function handleIssueOpened(
  context: Context<'issues.opened'>,
  botLogin: string,
  services: BotServices,
): Promise<void> {
  const { issue } = context.payload;
  const ids = idsOfIssue(issue);
  if (ids.length === 0) return;
  const octokit = context.octokit as unknown as GitHubClient;
  const r = context.repo();
  const config = await loadRepoConfig(context, services.env);
  const { papers, missing } = await lookUp(services, config, ids);
  const listText = await readFile(
    octokit,
    r,
    config.files.primary,
    context.payload.repository.default_branch,
  );
  const { result, notes } = await classifyAgainst(listText, config, services, papers);
  const body = renderClassifyReply(ISSUE_MARKER, { papers, result, missing, notes });
  await upsertMarkedComment(
    octokit,
    { ...r, issue_number: issue.number, marker: ISSUE_MARKER, author: botLogin },
    `${body}\nA maintainer can comment \`/curator add\` to open a pull request that adds the papers that belong to both READMEs.\n`,
  );
}

export async function addFromIssue(
  context: IssueCommentContext,
  config: CuratorConfig,
  services: BotServices,
): Promise<string> {
  const { issue, comment, repository } = context.payload;
  const head = `${replyMarker(comment.id)}\n### awesome-curator\n\n`;
  if (issue.pull_request)
    return `${head}\`/curator add\` works on issues that link arXiv papers, not on pull requests.\n`;
  const outcome = await addPapersPr(context.octokit as unknown as GitHubClient, context.repo(), {
    config,
    issue: {
      number: issue.number,
      title: issue.title,
      body: issue.body ?? '',
      open: issue.state === 'open',
    },
    defaultBranch: repository.default_branch,
    arxiv: arxivFor(services, config),
    llm: llmFor(services, config),
    now: services.now(),
  });
  return `${head}${outcome.message}\n`;
}
