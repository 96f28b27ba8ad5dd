/**
 * After a push to the default branch that changes a README, the sync use case
 * (tasks/sync-pr.ts) opens, rebuilds or closes the `curator/sync` pull request.
 */
import type { Context } from 'probot';
import { translationCandidates, translationUnsettled } from '../config/index.js';
import type { GitHubClient } from '../github/index.js';
import {
  findTranslationOnGitHub,
  pushedFiles,
  removedTranslation,
} from '../tasks/find-translation.js';
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
  const loaded = await loadRepoConfig(context, services.env, { find: false });
  const touched = touchedFiles(payload);
  const primary = loaded.files.primary;
  // A config change may have made the list one-language (files.translation: null): then an
  // open sync PR is closed, with the reason.
  const configChanged = touched.has(`.github/${CONFIG_FILE}`);
  const octokit = context.octokit as unknown as GitHubClient;
  let config = loaded;
  let gone: string | undefined;
  if (translationUnsettled(loaded.files)) {
    // Not named in the config: found among the usual names, from what the push says (a file it
    // added or modified is there, one it removed is not), else one listing at the pushed commit.
    if (
      !configChanged &&
      !touched.has(primary) &&
      !translationCandidates(primary).some((f) => touched.has(f))
    )
      return null;
    const pushed = pushedFiles(payload.commits);
    config = await findTranslationOnGitHub(octokit, context.repo(), loaded, {
      ref: payload.after,
      known: pushed,
    });
    gone = config.files.translation ? undefined : removedTranslation(primary, pushed);
    // One language and no translation just removed: no sync PR can be open.
    if (!config.files.translation && !gone && !configChanged) return null;
  } else {
    const { translation } = loaded.files;
    if (!translation && !configChanged) return null;
    if (translation && !touched.has(primary) && !touched.has(translation) && !configChanged)
      return null;
  }
  return syncPr(octokit, context.repo(), {
    config,
    head: payload.after,
    defaultBranch: payload.repository.default_branch,
    llm: llmFor(services, config),
    before: payload.before,
    ...(gone ? { gone } : {}),
  });
}
