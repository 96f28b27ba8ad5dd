/**
 * Use case: the arXiv scan as a rolling pull request on `curator/arxiv` (the App and the Action
 * share it, and the branch, so they never fight): rebuilt on the default branch's
 * head at every run (so it never conflicts), both READMEs in one commit, the body listing every
 * paper plus a hidden block of ids. Papers maintainers rejected are worked out from the App's
 * earlier pull requests (see tasks/suggestion-pr.ts) and never suggested again. When nothing
 * changed (same base, same papers, branch untouched, no verdict the block lacks) nothing is written.
 *
 * The LLM verdicts of the scan ride in the block as the next scan's cache: the open PR's body; a
 * PR closing for lack of papers gets them in its body as it closes; with nothing to suggest and no
 * open PR, the latest closed one's body is edited to carry them (only its hidden block changes).
 * Before the first suggestion PR there is nowhere to keep them.
 */
import { memoryCache } from '../classifier/cache.js';
import type { CuratorConfig } from '../config/index.js';
import {
  branchHead,
  closePull,
  openOrUpdatePull,
  publishPull,
  pullsFromBranch,
  readFile,
  type GitHubClient,
  type RepoRef,
} from '../github/index.js';
import type { ArxivClient } from '../arxiv/index.js';
import type { Llm } from '../llm/client.js';
import { scanArxiv } from './scan-arxiv.js';
import {
  blockVerdicts,
  listedVenues,
  readBlock,
  rejectedIds,
  rejectedVenues,
  renderSuggestionBody,
  suggestionTitle,
  SUGGEST_BRANCH,
  withVerdicts,
} from './suggestion-pr.js';

const DAY = 86_400_000;

export interface ScanOutcome {
  /** What was done, or with `dryRun` what would have been done. */
  action: 'created' | 'updated' | 'unchanged' | 'nothing' | 'closed';
  dryRun: boolean;
  /** The suggested arXiv ids. */
  ids: string[];
  /** The pull request's title and body as written (or as they would be). */
  title: string | null;
  body: string | null;
  suggested: number;
  /** Venue updates proposed (listed preprints that arXiv now gives a venue). */
  venueUpdates: number;
  candidates: number;
  pull: { number: number; url: string } | null;
  since: Date;
  until: Date;
}

export interface SuggestPapersInput {
  config: CuratorConfig;
  defaultBranch: string;
  arxiv: ArxivClient;
  llm?: Llm | undefined;
  now: Date;
  /** Decide everything, write nothing (every write below checks it). */
  dryRun?: boolean;
}

export async function suggestPapersPr(
  octokit: GitHubClient,
  r: RepoRef,
  input: SuggestPapersInput,
): Promise<ScanOutcome> {
  const { config } = input;
  const dryRun = input.dryRun ?? false;
  const head = await branchHead(octokit, r, input.defaultBranch);
  if (!head) throw new Error(`the default branch ${input.defaultBranch} was not found`);
  // Ours are the pull requests from the branch that carry a valid block (whoever opened them:
  // the App's bot, github-actions[bot] or an App token in a workflow). Only people with write
  // access can push to a branch of this repository.
  const pulls = (await pullsFromBranch(octokit, r, SUGGEST_BRANCH)).filter(
    (p) => readBlock(p.body) !== null,
  );
  const open = pulls.find((p) => p.state === 'open') ?? null;

  const { primary: primaryPath, translation: translationPath } = config.files;
  const primary = await readFile(octokit, r, primaryPath, head);
  if (primary === null) throw new Error(`${primaryPath} is not on ${input.defaultBranch}`);
  const translation = translationPath ? await readFile(octokit, r, translationPath, head) : null;
  const branchText = open ? await readFile(octokit, r, primaryPath, SUGGEST_BRANCH) : null;
  const listed = listedVenues(primary, primaryPath, config);
  const onBranch = branchText === null ? null : listedVenues(branchText, primaryPath, config);
  const rejected = rejectedIds(
    pulls,
    new Set(listed.keys()),
    onBranch === null ? null : new Set(onBranch.keys()),
  );
  const venuesTurnedDown = rejectedVenues(pulls, listed, onBranch);

  // The window reaches back far enough to keep what the open PR already suggests.
  const until = input.now;
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
    client: input.arxiv,
    llm: input.llm,
    // The verdicts earlier scans paid for: papers still in the window are not asked again.
    cache: memoryCache(blockVerdicts(pulls)),
    since,
    until,
    rejectedVenues: venuesTurnedDown,
  });
  const ids = scan.suggested.map((s) => s.arxivId);
  // A scan without the LLM asked nothing: the open PR's verdicts are handed on as they are.
  const verdicts = input.llm ? scan.llmVerdicts : open ? blockVerdicts([open]) : {};
  // The venue updates of the primary file (the translation gets the same ones).
  const venues = scan.venueUpdates
    .filter((v) => v.file === primaryPath)
    .map((v): [string, string] => [v.arxivId, v.to]);
  const outcome = {
    suggested: scan.suggested.length,
    venueUpdates: venues.length,
    candidates: scan.candidates,
    since,
    until,
    dryRun,
    ids,
    title: null,
    body: null,
  };

  if (scan.changes.length === 0) {
    if (!open) {
      // The latest pull request keeps the verdicts, so the next scan does not pay for them again.
      const latest = pulls[0];
      const body = latest && !dryRun ? withVerdicts(latest.body, verdicts) : null;
      if (latest && body !== null && lacks(latest.body, body))
        await octokit.rest.pulls.update({ ...r, pull_number: latest.number, body });
      return { ...outcome, action: 'nothing', pull: null };
    }
    if (!dryRun) {
      const body = withVerdicts(open.body, verdicts);
      if (body !== null && lacks(open.body, body))
        await octokit.rest.pulls.update({ ...r, pull_number: open.number, body });
      await closePull(
        octokit,
        r,
        open.number,
        'Nothing is left to suggest here: every paper in this pull request is now in the list or was turned down. Closing it; the next scan opens a new one when arXiv has something.',
      );
    }
    return { ...outcome, action: 'closed', pull: { number: open.number, url: open.url } };
  }

  const title = suggestionTitle(ids.length, venues.length);
  const block = (commit: string) => ({
    v: 1 as const,
    ids,
    rejected,
    base: head,
    commit,
    venues,
    rejectedVenues: venuesTurnedDown,
    verdicts,
  });
  const branchSha = await branchHead(octokit, r, SUGGEST_BRANCH);
  const previous = open ? readBlock(open.body) : null;
  if (
    open &&
    previous &&
    previous.base === head &&
    previous.commit === branchSha &&
    previous.ids.join() === ids.join() &&
    JSON.stringify(previous.venues ?? []) === JSON.stringify(venues)
  ) {
    // The same papers on the same commit; only verdicts the block lacks are worth a write (the
    // body alone: no commit).
    const body = renderSuggestionBody(scan, block(branchSha!), { since, until });
    if (!lacks(open.body, body))
      return { ...outcome, action: 'unchanged', pull: { number: open.number, url: open.url } };
    if (!dryRun)
      await openOrUpdatePull(octokit, r, {
        branch: SUGGEST_BRANCH,
        base: input.defaultBranch,
        title: open.title,
        body,
        open,
      });
    return {
      ...outcome,
      title: open.title,
      body,
      action: 'updated',
      pull: { number: open.number, url: open.url },
    };
  }

  // The one write point: a dry run stops here with the body it would have written.
  if (dryRun) {
    const body = renderSuggestionBody(scan, block('(dry run)'), { since, until });
    return {
      ...outcome,
      title,
      body,
      action: open ? 'updated' : 'created',
      pull: open ? { number: open.number, url: open.url } : null,
    };
  }
  const pull = await publishPull(octokit, r, {
    branch: SUGGEST_BRANCH,
    base: input.defaultBranch,
    parent: head,
    message: `${title}\n\nSuggested by awesome-curator from its arXiv scan: ${[...ids, ...venues.map(([id, venue]) => `${id} (${venue})`)].join(', ')}.`,
    files: scan.changes,
    branchExists: branchSha !== null,
    title,
    body: (commit) => renderSuggestionBody(scan, block(commit), { since, until }),
    open,
  });
  return {
    ...outcome,
    title,
    body: pull.body,
    action: pull.action,
    pull: { number: pull.number, url: pull.url },
  };
}

/** Whether the block of `next` holds a verdict that the block of `body` does not. */
function lacks(body: string, next: string): boolean {
  const had = new Set(Object.keys(readBlock(body)?.verdicts ?? {}));
  return Object.keys(readBlock(next)?.verdicts ?? {}).some((key) => !had.has(key));
}

export function describeScan(o: ScanOutcome): string {
  const window = `${o.since.toISOString().slice(0, 10)} to ${o.until.toISOString().slice(0, 10)}`;
  const venues = o.venueUpdates
    ? `, ${o.venueUpdates} venue update${o.venueUpdates === 1 ? '' : 's'}`
    : '';
  const found = `arXiv ${window}: ${o.candidates} candidate${o.candidates === 1 ? '' : 's'}, ${o.suggested} suggested${venues}`;
  const pr = o.pull ? `#${o.pull.number}` : 'the pull request';
  const done: Record<ScanOutcome['action'], [string, string]> = {
    created: [o.pull ? `Opened ${pr}.` : 'Opened a pull request.', 'Would open a pull request.'],
    updated: [`Updated ${pr}.`, `Would update ${pr}.`],
    unchanged: [
      `${pr} already has them; nothing changed.`,
      `${pr} already has them; nothing to change.`,
    ],
    closed: [
      `Closed ${pr}: nothing left in it to suggest.`,
      `Would close ${pr}: nothing left in it.`,
    ],
    nothing: ['Nothing new, so no pull request.', 'Nothing new, so no pull request.'],
  };
  return `${found}. ${o.dryRun ? `[dry run] ${done[o.action][1]}` : done[o.action][0]}`;
}
