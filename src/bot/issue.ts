/**
 * Paper suggestions by issue. An opened issue with arXiv links gets one comment with the verdicts
 * (edited in place if the event comes again). A maintainer's `/curator add` on it opens a pull
 * request on `curator/add-<issue>` that adds the papers that belong to both files in one commit,
 * then closes the issue with a link to it.
 */
import type { Context } from 'probot';
import type { CuratorConfig } from '../config/index.js';
import {
  branchHead,
  commitFiles,
  openOrUpdatePull,
  pullsFromBranch,
  readFile,
  setBranch,
  upsertMarkedComment,
  type GitHubClient,
} from '../github/index.js';
import { sanitizeText } from '../classifier/sanitize.js';
import { canonicalArxivUrl } from '../list/index.js';
import {
  arxivIdsIn,
  MAX_COMMAND_PAPERS,
  renderClassifyReply,
  replyMarker,
} from '../tasks/answer-command.js';
import { scanArxiv } from '../tasks/scan-arxiv.js';
import { classifyAgainst, lookUp, type IssueCommentContext } from './comment.js';
import { loadRepoConfig } from './config.js';
import { arxivFor, llmFor, type BotServices } from './services.js';

export const ISSUE_MARKER = '<!-- awesome-curator:issue-verdicts -->';
const SKIPPED: Record<string, string> = {
  'already-listed': 'already in the list',
  rejected: 'turned down before',
  'off-topic': 'does not belong in this list',
  'low-confidence': 'no confident section',
  'over-cap': 'over the limit',
};

const idsOfIssue = (issue: { title: string; body?: string | null }) =>
  arxivIdsIn(`${issue.title}\n${issue.body ?? ''}`).slice(0, MAX_COMMAND_PAPERS);

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
  const config = await loadRepoConfig(context);
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
  botLogin: string,
  services: BotServices,
): Promise<string> {
  const { issue, comment, repository } = context.payload;
  const head = `${replyMarker(comment.id)}\n### awesome-curator\n\n`;
  if (issue.pull_request)
    return `${head}\`/curator add\` works on issues that link arXiv papers, not on pull requests.\n`;
  const ids = idsOfIssue(issue);
  if (ids.length === 0)
    return `${head}This issue links no arXiv papers, so there is nothing to add.\n`;

  const octokit = context.octokit as unknown as GitHubClient;
  const r = context.repo();
  const base = await branchHead(octokit, r, repository.default_branch);
  if (!base) throw new Error(`the default branch ${repository.default_branch} was not found`);
  const { primary: primaryPath, translation: translationPath } = config.files;
  const primary = await readFile(octokit, r, primaryPath, base);
  if (primary === null) throw new Error(`${primaryPath} is not on ${repository.default_branch}`);
  const translation = translationPath ? await readFile(octokit, r, translationPath, base) : null;
  const client = arxivFor(services, config);
  const entries = await client.lookup(ids);
  const now = services.now();
  // The maintainer chose these papers: every one with a section goes in, however sure the verdict.
  const scan = await scanArxiv({
    primary: { path: primaryPath, text: primary },
    translation:
      translationPath && translation !== null ? { path: translationPath, text: translation } : null,
    config: { ...config, arxiv: { ...config.arxiv, minConfidence: 0, maxPapers: ids.length } },
    client,
    entries,
    llm: llmFor(services, config),
    since: now,
    until: now,
    venueUpdates: false,
  });
  const skipped = scan.skipped.map((s) => `\`${s.arxivId}\` (${SKIPPED[s.reason] ?? s.reason})`);
  const unknown = ids.filter((id) => !entries.some((e) => e.id === id));
  const notAdded = [
    ...(skipped.length ? [`Not added: ${skipped.join(', ')}.`] : []),
    ...(unknown.length
      ? [`arXiv does not know: ${unknown.map((u) => `\`${u}\``).join(', ')}.`]
      : []),
  ].join(' ');
  if (scan.changes.length === 0) return `${head}Nothing to add. ${notAdded}\n`;

  const branch = `curator/add-${issue.number}`;
  const open =
    (await pullsFromBranch(octokit, r, branch)).find(
      (p) => p.state === 'open' && p.author === botLogin,
    ) ?? null;
  const commit = await commitFiles(octokit, r, {
    parent: base,
    message: `Add ${scan.suggested.length} paper${scan.suggested.length === 1 ? '' : 's'} suggested in #${issue.number}`,
    files: scan.changes,
  });
  await setBranch(octokit, r, branch, commit, (await branchHead(octokit, r, branch)) !== null);
  const lines = scan.suggested.map(
    (s) =>
      `- [${sanitizeText(s.title, 200).replace(/[[\]]/g, '')}](${canonicalArxivUrl(s.arxivId)}) → ${sanitizeText(s.section, 120)} (${s.confidence.toFixed(2)})${s.needsTranslation ? ', TL;DR still to translate' : ''}`,
  );
  const pull = await openOrUpdatePull(octokit, r, {
    branch,
    base: repository.default_branch,
    title: `Add ${scan.suggested.length} paper${scan.suggested.length === 1 ? '' : 's'} suggested in #${issue.number}`,
    body: `Adds the papers suggested in #${issue.number} to both READMEs, as a maintainer asked with \`/curator add\`.\n\n${lines.join('\n')}\n${notAdded ? `\n${notAdded}\n` : ''}`,
    open,
  });
  if (issue.state === 'open')
    await octokit.rest.issues.update({
      ...r,
      issue_number: issue.number,
      state: 'closed',
      state_reason: 'completed',
    });
  return `${head}Opened #${pull.number} with ${scan.suggested.length} paper${scan.suggested.length === 1 ? '' : 's'}; closing this issue, the review goes on there. ${notAdded}\n`;
}
