/**
 * The arXiv scan as a rolling pull request on `curator/arxiv`: rebuilt on the default branch's
 * head at every run (so it never conflicts), both READMEs in one commit, the body listing every
 * paper plus a hidden block of ids. Papers maintainers rejected are worked out from the App's
 * earlier pull requests (see tasks/suggestion-pr.ts) and never suggested again. When nothing
 * changed (same base, same papers, branch untouched) nothing is written at all.
 */
import type { CuratorConfig } from '../config/index.js';
import {
  branchHead,
  closePull,
  commitFiles,
  openOrUpdatePull,
  pullsFromBranch,
  readFile,
  setBranch,
  type GitHubClient,
  type RepoRef,
} from '../github/index.js';
import { scanArxiv } from '../tasks/scan-arxiv.js';
import {
  listedArxivIds,
  readBlock,
  rejectedIds,
  renderSuggestionBody,
  suggestionTitle,
  SUGGEST_BRANCH,
} from '../tasks/suggestion-pr.js';
import { arxivFor, llmFor, type BotServices } from './services.js';

const DAY = 86_400_000;

export interface ScanOutcome {
  action: 'created' | 'updated' | 'unchanged' | 'nothing' | 'closed';
  suggested: number;
  candidates: number;
  pull: { number: number; url: string } | null;
  since: Date;
  until: Date;
}

export async function runScan(
  octokit: GitHubClient,
  r: RepoRef,
  input: { config: CuratorConfig; defaultBranch: string; botLogin: string; services: BotServices },
): Promise<ScanOutcome> {
  const { config, services } = input;
  const head = await branchHead(octokit, r, input.defaultBranch);
  if (!head) throw new Error(`the default branch ${input.defaultBranch} was not found`);
  const pulls = (await pullsFromBranch(octokit, r, SUGGEST_BRANCH)).filter(
    (p) => p.author === input.botLogin,
  );
  const open = pulls.find((p) => p.state === 'open') ?? null;

  const { primary: primaryPath, translation: translationPath } = config.files;
  const primary = await readFile(octokit, r, primaryPath, head);
  if (primary === null) throw new Error(`${primaryPath} is not on ${input.defaultBranch}`);
  const translation = translationPath ? await readFile(octokit, r, translationPath, head) : null;
  const branchText = open ? await readFile(octokit, r, primaryPath, SUGGEST_BRANCH) : null;
  const rejected = rejectedIds(
    pulls,
    listedArxivIds(primary, primaryPath, config),
    branchText === null ? null : listedArxivIds(branchText, primaryPath, config),
  );

  // The window reaches back far enough to keep what the open PR already suggests.
  const until = services.now();
  let since = new Date(until.getTime() - config.arxiv.windowDays * DAY);
  if (open)
    since = new Date(
      Math.min(since.getTime(), open.createdAt.getTime() - config.arxiv.windowDays * DAY),
    );
  const scan = await scanArxiv({
    primary: { path: primaryPath, text: primary },
    translation:
      translationPath && translation !== null ? { path: translationPath, text: translation } : null,
    config: {
      ...config,
      arxiv: { ...config.arxiv, ignore: [...config.arxiv.ignore, ...rejected] },
    },
    client: arxivFor(services, config),
    llm: llmFor(services, config),
    since,
    until,
    // Venue updates have no rejection record yet: a closed PR would bring them back at every
    // scan. The CLI's `curator scan` proposes them; the App suggests new papers only.
    venueUpdates: false,
  });
  const outcome = { suggested: scan.suggested.length, candidates: scan.candidates, since, until };

  if (scan.changes.length === 0) {
    if (!open) return { ...outcome, action: 'nothing', pull: null };
    await closePull(
      octokit,
      r,
      open.number,
      'Nothing is left to suggest here: every paper in this pull request is now in the list or was turned down. Closing it; the next scan opens a new one when arXiv has something.',
    );
    return { ...outcome, action: 'closed', pull: { number: open.number, url: open.url } };
  }

  const ids = scan.suggested.map((s) => s.arxivId);
  const branchSha = await branchHead(octokit, r, SUGGEST_BRANCH);
  const previous = open ? readBlock(open.body) : null;
  if (
    open &&
    previous &&
    previous.base === head &&
    previous.commit === branchSha &&
    previous.ids.join() === ids.join()
  )
    return { ...outcome, action: 'unchanged', pull: { number: open.number, url: open.url } };

  const commit = await commitFiles(octokit, r, {
    parent: head,
    message: `${suggestionTitle(ids.length)}\n\nSuggested by awesome-curator from its arXiv scan: ${ids.join(', ')}.`,
    files: scan.changes,
  });
  await setBranch(octokit, r, SUGGEST_BRANCH, commit, branchSha !== null);
  const body = renderSuggestionBody(
    scan,
    { v: 1, ids, rejected, base: head, commit },
    { since, until },
  );
  const pull = await openOrUpdatePull(octokit, r, {
    branch: SUGGEST_BRANCH,
    base: input.defaultBranch,
    title: suggestionTitle(ids.length),
    body,
    open,
  });
  return {
    ...outcome,
    action: pull.action === 'created' ? 'created' : 'updated',
    pull: { number: pull.number, url: pull.url },
  };
}

export function describeScan(o: ScanOutcome): string {
  const window = `${o.since.toISOString().slice(0, 10)} to ${o.until.toISOString().slice(0, 10)}`;
  const found = `arXiv ${window}: ${o.candidates} candidate${o.candidates === 1 ? '' : 's'}, ${o.suggested} suggested`;
  switch (o.action) {
    case 'created':
      return `${found}. Opened #${o.pull!.number}.`;
    case 'updated':
      return `${found}. Updated #${o.pull!.number}.`;
    case 'unchanged':
      return `${found}. #${o.pull!.number} already has them; nothing changed.`;
    case 'closed':
      return `${found}. Closed #${o.pull!.number}: nothing left in it to suggest.`;
    case 'nothing':
      return `${found}. Nothing new, so no pull request.`;
  }
}
