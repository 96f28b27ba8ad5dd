/**
 * Use case: a maintainer's `/curator add` on a paper-suggestion issue.
 *
 * 1. The arXiv ids the issue links (at most 20), looked up on arXiv.
 * 2. The scan pipeline over exactly those papers (no search): rows for both files, in their
 *    sections; the maintainer chose them, so no confidence floor, but a paper with no section,
 *    or already listed, is left out and named.
 * 3. One commit on the default branch's head, branch `curator/add-<issue>`, the PR opened or
 *    edited; then the issue is closed with the PR named in the reply.
 */
import type { ArxivClient } from '../arxiv/index.js';
import { markdownText } from '../classifier/sanitize.js';
import type { CuratorConfig } from '../config/index.js';
import {
  branchHead,
  publishPull,
  pullsFromBranch,
  readFile,
  type GitHubClient,
  type RepoRef,
} from '../github/index.js';
import { canonicalArxivUrl } from '../list/index.js';
import type { Llm } from '../llm/client.js';
import { arxivIdsIn, MAX_COMMAND_PAPERS } from './answer-command.js';
import { scanArxiv } from './scan-arxiv.js';

const SKIPPED: Record<string, string> = {
  'already-listed': 'already in the list',
  rejected: 'turned down before',
  'off-topic': 'does not belong in this list',
  'low-confidence': 'no confident section',
  'over-cap': 'over the limit',
};

export const idsOfIssue = (issue: { title: string; body?: string | null }): string[] =>
  arxivIdsIn(`${issue.title}\n${issue.body ?? ''}`).slice(0, MAX_COMMAND_PAPERS);

export interface AddPapersInput {
  config: CuratorConfig;
  issue: { number: number; title: string; body: string; open: boolean };
  defaultBranch: string;
  arxiv: ArxivClient;
  llm?: Llm | undefined;
  now: Date;
}

export async function addPapersPr(
  octokit: GitHubClient,
  r: RepoRef,
  input: AddPapersInput,
): Promise<{ message: string; pull: { number: number; url: string } | null }> {
  const { config, issue } = input;
  const ids = idsOfIssue(issue);
  if (ids.length === 0)
    return { message: 'This issue links no arXiv papers, so there is nothing to add.', pull: null };
  const base = await branchHead(octokit, r, input.defaultBranch);
  if (!base) throw new Error(`the default branch ${input.defaultBranch} was not found`);
  const { primary: primaryPath, translation: translationPath } = config.files;
  const primary = await readFile(octokit, r, primaryPath, base);
  if (primary === null) throw new Error(`${primaryPath} is not on ${input.defaultBranch}`);
  const translation = translationPath ? await readFile(octokit, r, translationPath, base) : null;
  const client = input.arxiv;
  const entries = await client.lookup(ids);
  const now = input.now;
  // The maintainer chose these papers: every one with a section goes in, however sure the verdict.
  const scan = await scanArxiv({
    primary: { path: primaryPath, text: primary },
    translation:
      translationPath && translation !== null ? { path: translationPath, text: translation } : null,
    config: { ...config, arxiv: { ...config.arxiv, minConfidence: 0, maxPapers: ids.length } },
    client,
    entries,
    llm: input.llm,
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
  if (scan.changes.length === 0)
    return { message: `Nothing to add. ${notAdded}`.trim(), pull: null };

  const branch = `curator/add-${issue.number}`;
  const open = (await pullsFromBranch(octokit, r, branch)).find((p) => p.state === 'open') ?? null;
  const title = `Add ${scan.suggested.length} paper${scan.suggested.length === 1 ? '' : 's'} suggested in #${issue.number}`;
  const lines = scan.suggested.map(
    (s) =>
      `- [${markdownText(s.title, 200)}](${canonicalArxivUrl(s.arxivId)}) → ${markdownText(s.section, 120)} (${s.confidence.toFixed(2)})${s.needsTranslation ? ', TL;DR still to translate' : ''}`,
  );
  const body = `Adds the papers suggested in #${issue.number} to both READMEs, as a maintainer asked with \`/curator add\`.\n\n${lines.join('\n')}\n${notAdded ? `\n${notAdded}\n` : ''}`;
  const pull = await publishPull(octokit, r, {
    branch,
    base: input.defaultBranch,
    parent: base,
    message: title,
    files: scan.changes,
    branchExists: (await branchHead(octokit, r, branch)) !== null,
    title,
    body: () => body,
    open,
  });
  if (issue.open)
    await octokit.rest.issues.update({
      ...r,
      issue_number: issue.number,
      state: 'closed',
      state_reason: 'completed',
    });
  return {
    message:
      `Opened #${pull.number} with ${scan.suggested.length} paper${scan.suggested.length === 1 ? '' : 's'}; closing this issue, the review goes on there. ${notAdded}`.trim(),
    pull: { number: pull.number, url: pull.url },
  };
}
