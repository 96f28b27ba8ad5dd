/**
 * After a push to the default branch that changes a README, the sync use case
 * (tasks/sync-pr.ts) opens, rebuilds or closes the `curator/sync` pull request.
 */
import type { Context } from 'probot';
import type { GitHubClient } from '../github/index.js';
import { syncPr, type SyncPrOutcome } from '../tasks/sync-pr.js';
import { CONFIG_FILE, loadRepoConfig } from './config.js';
import { llmFor, type BotServices } from './services.js';

export type PushContext = Context<'push'>;

/** The files a push touched (from the payload: no request). */
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
  services: BotServices,
): Promise<SyncPrOutcome | null> {
  const { payload } = context;
  const config = await loadRepoConfig(context, services.env);
  const touched = touchedFiles(payload);
  const { primary, translation } = config.files;
  // A config change may have made the list one-language (files.translation: null): then an
  // open sync PR is closed, with the reason.
  const configChanged = touched.has(`.github/${CONFIG_FILE}`);
  if (!translation && !configChanged) return null;
  if (translation && !touched.has(primary) && !touched.has(translation) && !configChanged)
    return null;
  return syncPr(context.octokit as unknown as GitHubClient, context.repo(), {
    config,
    head: payload.after,
    defaultBranch: payload.repository.default_branch,
    llm: llmFor(services, config),
  });
}
