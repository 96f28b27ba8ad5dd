/**
 * `/curator translate` from a maintainer (write access, as comment.ts checks): the translation
 * written or completed from the primary file on the default branch, through one pull request on
 * `curator/translate` (tasks/translate-pr.ts); the reply says what it holds.
 */
import type { CuratorConfig } from '../config/index.js';
import type { GitHubClient } from '../github/index.js';
import { replyMarker } from '../tasks/answer-command.js';
import { describeTranslate, translatePr } from '../tasks/translate-pr.js';
import type { IssueCommentContext } from './comment.js';
import { llmFor, type BotServices } from './services.js';

export async function answerTranslate(
  context: IssueCommentContext,
  config: CuratorConfig,
  services: BotServices,
): Promise<string> {
  const outcome = await translatePr(context.octokit as unknown as GitHubClient, context.repo(), {
    config,
    defaultBranch: context.payload.repository.default_branch,
    llm: llmFor(services, config),
  });
  return `${replyMarker(context.payload.comment.id)}\n### awesome-curator\n\n${describeTranslate(outcome)}\n`;
}
