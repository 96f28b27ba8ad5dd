/**
 * The repository's config through Probot's `context.config`, which reads `.github/curator.yml`
 * and follows `_extends` (e.g. to the organisation's `.github` repository). A missing file means
 * the defaults; an invalid one throws a CuratorError naming the key and the fix.
 */
import type { Context } from 'probot';
import type { CuratorConfig } from '../config/index.js';
import { configFromObject } from '../tasks/lint-files.js';

export const CONFIG_FILE = 'curator.yml';

export async function loadRepoConfig(context: Pick<Context, 'config'>): Promise<CuratorConfig> {
  const raw = await context.config(CONFIG_FILE);
  return configFromObject(raw, `.github/${CONFIG_FILE}`);
}
