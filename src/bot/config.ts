/**
 * The repository's config through Probot's `context.config`, which reads `.github/curator.yml`
 * and follows `_extends` (e.g. to the organisation's `.github` repository). A missing file means
 * the defaults; an invalid one throws a CuratorError naming the key and the fix.
 */
import type { Context } from 'probot';
import type { CuratorConfig } from '../config/index.js';
import type { GitHubClient } from '../github/index.js';
import { parseCommand } from '../tasks/answer-command.js';
import { findTranslationOnGitHub } from '../tasks/find-translation.js';
import { configFromObject } from '../tasks/lint-files.js';
import { applyPolicy, describeIgnored, ignoredSettings, operatorPolicy } from './policy.js';

export const CONFIG_FILE = 'curator.yml';

const logged = new Set<string>();

/**
 * Whether an event's door needs the translation found when the config is loaded: a pull request
 * and a push find it from the files they touched (read-pull-request.ts, sync.ts), and an issue or
 * a `/classify` reads the primary file only. The others (`/curator scan`, `/curator add`, the
 * scheduled scan…) read both files on the default branch.
 */
function findsOnLoad(context: Partial<Pick<Context, 'name' | 'payload'>>): boolean {
  if (context.name === 'pull_request' || context.name === 'push' || context.name === 'issues')
    return false;
  if (context.name === 'issue_comment') {
    const body = (context.payload as { comment?: { body?: string | null } } | undefined)?.comment
      ?.body;
    return parseCommand(body ?? '')?.kind !== 'classify';
  }
  return true;
}

/**
 * The config the App follows: the repository's, with the operator's policy applied (see
 * policy.ts) when `env` is given. Settings it sets aside are logged once per repository and
 * process, and available from `ignoredSettings(config)` for the check run.
 *
 * Without `files.translation`, the translation is looked for with one listing of the primary
 * file's folder on the default branch (`find`; by default when the event's door needs it and has
 * no better way, see `findsOnLoad`); otherwise `files.translationSource` stays `'assumed'` and the
 * door finds it (`findTranslationOnGitHub`).
 */
export async function loadRepoConfig(
  context: Pick<Context, 'config'> &
    Partial<Pick<Context, 'log' | 'repo' | 'name' | 'payload' | 'octokit'>>,
  env?: Record<string, string | undefined>,
  options: { find?: boolean } = {},
): Promise<CuratorConfig> {
  const raw = await context.config(CONFIG_FILE);
  let config = await configFromObject(raw, `.github/${CONFIG_FILE}`);
  // Before the policy: it keeps what it set aside by the config object it returns.
  if ((options.find ?? findsOnLoad(context)) && context.octokit && context.repo)
    config = await findTranslationOnGitHub(
      context.octokit as unknown as GitHubClient,
      context.repo(),
      config,
      {
        ref:
          (context.payload as { repository?: { default_branch?: string } } | undefined)?.repository
            ?.default_branch ?? 'HEAD',
      },
    );
  if (!env) return config;
  const out = applyPolicy(config, operatorPolicy(env));
  const ignored = ignoredSettings(out);
  if (ignored.length && context.log && context.repo) {
    const { owner, repo } = context.repo();
    const key = `${owner}/${repo}\u0000${JSON.stringify(ignored)}`;
    if (!logged.has(key)) {
      // Bounded: a repository that keeps changing its config cannot grow this without end.
      if (logged.size >= 10_000) logged.clear();
      logged.add(key);
      context.log.warn(`curator: ${owner}/${repo}: ${describeIgnored(ignored)}`);
    }
  }
  return out;
}
