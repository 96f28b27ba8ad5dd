/**
 * The repository's config through Probot's `context.config`, which reads `.github/curator.yml`
 * and follows `_extends` (e.g. to the organisation's `.github` repository). A missing file means
 * the defaults; an invalid one throws a CuratorError naming the key and the fix.
 */
import type { Context } from 'probot';
import type { CuratorConfig } from '../config/index.js';
import { configFromObject } from '../tasks/lint-files.js';
import { applyPolicy, describeIgnored, ignoredSettings, operatorPolicy } from './policy.js';

export const CONFIG_FILE = 'curator.yml';

const logged = new Set<string>();

/**
 * The config the App follows: the repository's, with the operator's policy applied (see
 * policy.ts) when `env` is given. Settings it sets aside are logged once per repository and
 * process, and available from `ignoredSettings(config)` for the check run.
 */
export async function loadRepoConfig(
  context: Pick<Context, 'config'> & Partial<Pick<Context, 'log' | 'repo'>>,
  env?: Record<string, string | undefined>,
): Promise<CuratorConfig> {
  const raw = await context.config(CONFIG_FILE);
  const config = await configFromObject(raw, `.github/${CONFIG_FILE}`);
  if (!env) return config;
  const out = applyPolicy(config, operatorPolicy(env));
  const ignored = ignoredSettings(out);
  if (ignored.length && context.log && context.repo) {
    const { owner, repo } = context.repo();
    const key = `${owner}/${repo}\u0000${JSON.stringify(ignored)}`;
    if (!logged.has(key)) {
      logged.add(key);
      context.log.warn(`curator: ${owner}/${repo}: ${describeIgnored(ignored)}`);
    }
  }
  return out;
}
