/**
 * The translation looked for through GitHub (the App and the Action): from what an event already
 * says (the files a pull request or a push touched), else with one listing of the primary file's
 * folder. A file that does not exist is never requested.
 */
import {
  findTranslation,
  listFolder,
  translationCandidates,
  translationUnsettled,
  type CuratorConfig,
} from '../config/index.js';
import type { GitHubClient, RepoRef } from '../github/index.js';

/**
 * The paths of the files in a folder at a ref (a branch name or a commit): one request. The root
 * is read as the commit's tree (the contents API has no documented route for it), a folder
 * through the contents API.
 */
export async function filesIn(
  octokit: GitHubClient,
  r: RepoRef,
  dir: string,
  ref: string,
): Promise<Set<string>> {
  try {
    if (dir === '') {
      const { data } = await octokit.rest.git.getTree({ ...r, tree_sha: ref });
      return new Set(data.tree.filter((e) => e.type === 'blob').map((e) => e.path));
    }
    const { data } = await octokit.rest.repos.getContent({ ...r, path: dir, ref });
    if (!Array.isArray(data)) return new Set();
    return new Set(data.filter((e) => e.type === 'file').map((e) => e.path));
  } catch (error) {
    if ((error as { status?: number }).status === 404) return new Set();
    throw error;
  }
}

/**
 * The config with its translation settled through GitHub. `known` says, per path, what the
 * event shows already (true: the file is there, false: it is not); the folder is listed at `ref`
 * (a commit or a branch name) only when a candidate before the first known one is unknown. A config that names the
 * translation is returned as it is.
 */
export async function findTranslationOnGitHub<C extends CuratorConfig>(
  octokit: GitHubClient,
  r: RepoRef,
  config: C,
  at: { ref: string; known?: ReadonlyMap<string, boolean> },
): Promise<C> {
  if (!translationUnsettled(config.files)) return config;
  let listed: Set<string> | null = null;
  return findTranslation(config, async (path) => {
    const known = at.known?.get(path);
    if (known !== undefined) return known;
    listed ??= await filesIn(octokit, r, listFolder(config.files.primary), at.ref);
    return listed.has(path);
  });
}

/**
 * What a push left of each file it touched: true when the last commit that touched it added or
 * modified it, false when it removed it (commits oldest first, as GitHub sends them).
 */
export function pushedFiles(
  commits: readonly { added?: string[]; modified?: string[]; removed?: string[] }[],
): Map<string, boolean> {
  const state = new Map<string, boolean>();
  for (const c of commits) {
    for (const f of c.added ?? []) state.set(f, true);
    for (const f of c.modified ?? []) state.set(f, true);
    for (const f of c.removed ?? []) state.set(f, false);
  }
  return state;
}

/** The first usual name of the translation that a push removed (a list gone one-language). */
export function removedTranslation(
  primary: string,
  pushed: ReadonlyMap<string, boolean>,
): string | undefined {
  return translationCandidates(primary).find((path) => pushed.get(path) === false);
}
