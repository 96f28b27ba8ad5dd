/**
 * On a push to the default branch that changes a README: when the two files are out of step,
 * open or update one pull request on `curator/sync` with the missing rows (one commit on the
 * pushed head, both files at once); when they are in step again, close a stale one.
 */
import type { Context } from 'probot';
import {
  branchHead,
  closePull,
  commitFiles,
  openOrUpdatePull,
  pullsFromBranch,
  readFile,
  setBranch,
  type GitHubClient,
} from '../github/index.js';
import { syncReadmes } from '../tasks/sync-readmes.js';
import { readSyncBlock, renderSyncBody, syncTitle, SYNC_BRANCH } from '../tasks/sync-pr.js';
import { loadRepoConfig } from './config.js';
import { llmFor, type BotServices } from './services.js';

export type PushContext = Context<'push'>;

/** The list files a push touched (from the payload: no request). */
export function touchedFiles(payload: PushContext['payload']): Set<string> {
  return new Set(
    payload.commits.flatMap((c) => [
      ...(c.added ?? []),
      ...(c.modified ?? []),
      ...(c.removed ?? []),
    ]),
  );
}

export async function handlePush(
  context: PushContext,
  botLogin: string,
  services: BotServices,
): Promise<string> {
  const { payload } = context;
  const config = await loadRepoConfig(context);
  const { primary: primaryPath, translation: translationPath } = config.files;
  if (!translationPath) return 'no translation file configured';
  const touched = touchedFiles(payload);
  if (!touched.has(primaryPath) && !touched.has(translationPath)) return 'no list file changed';

  const octokit = context.octokit as unknown as GitHubClient;
  const r = context.repo();
  const head = payload.after;
  const [primary, translation] = [
    await readFile(octokit, r, primaryPath, head),
    await readFile(octokit, r, translationPath, head),
  ];
  if (primary === null || translation === null) return 'a list file is missing';
  const outcome = await syncReadmes({
    primary: { path: primaryPath, text: primary },
    translation: { path: translationPath, text: translation },
    config,
    fix: true,
    llm: llmFor(services, config),
  });
  const pulls = (await pullsFromBranch(octokit, r, SYNC_BRANCH)).filter(
    (p) => p.author === botLogin,
  );
  const open = pulls.find((p) => p.state === 'open') ?? null;
  if (outcome.changes.length === 0) {
    if (!open) return 'in sync';
    await closePull(
      octokit,
      r,
      open.number,
      'The READMEs are in step on the default branch now, so this pull request is no longer needed.',
    );
    return `in sync; closed #${open.number}`;
  }
  const branchSha = await branchHead(octokit, r, SYNC_BRANCH);
  const previous = open ? readSyncBlock(open.body) : null;
  if (open && previous && previous.base === head && previous.commit === branchSha)
    return `#${open.number} is current`;
  const commit = await commitFiles(octokit, r, {
    parent: head,
    message: `${syncTitle(outcome)}\n\nMade by awesome-curator after ${head.slice(0, 7)}.`,
    files: outcome.changes,
  });
  await setBranch(octokit, r, SYNC_BRANCH, commit, branchSha !== null);
  const pull = await openOrUpdatePull(octokit, r, {
    branch: SYNC_BRANCH,
    base: payload.repository.default_branch,
    title: syncTitle(outcome),
    body: renderSyncBody(outcome, { v: 1, base: head, commit }),
    open,
  });
  return `${pull.action} #${pull.number}`;
}
