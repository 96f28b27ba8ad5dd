/**
 * The two versions of each list file in a pull request, read through GitHub (the App and the
 * Action share it). Each list file is read once, at the head: an untouched file is the same at the
 * base, and a changed one's base is rebuilt from the patch GitHub lists for it (against the merge
 * base); the base is read only when that is not possible (no patch, a rename, a patch that does
 * not apply). A list file the pull request deletes or renames away has no head.
 */
import type { CuratorConfig } from '../config/index.js';
import {
  baseFromPatch,
  diffLineRanges,
  readFile,
  type GitHubClient,
  type RepoRef,
} from '../github/index.js';
import type { FileVersions } from './check-pull-request.js';

export interface PullRequestRef {
  number: number;
  baseSha: string;
  headSha: string;
}

export interface PullRequestLists {
  primary: FileVersions;
  translation: FileVersions | null;
  /**
   * Per list file the pull request changed, the head lines its diff shows (hunks with their
   * context): review comments go on these lines only. Null for a file whose patch GitHub left out.
   */
  diffLines: Record<string, [number, number][] | null>;
}

/** The list files' versions, or null when the pull request touches neither list file. */
export async function readPullRequestLists(
  octokit: GitHubClient,
  r: RepoRef,
  pr: PullRequestRef,
  config: CuratorConfig,
): Promise<PullRequestLists | null> {
  const changed = await octokit.paginate(octokit.rest.pulls.listFiles, {
    ...r,
    pull_number: pr.number,
    per_page: 100,
  });
  const wanted = [config.files.primary, config.files.translation].filter(
    (f): f is string => typeof f === 'string',
  );
  const touched = new Set(changed.flatMap((f) => [f.filename, f.previous_filename ?? f.filename]));
  if (!wanted.some((f) => touched.has(f))) return null;

  const diffLines: PullRequestLists['diffLines'] = {};
  for (const f of changed)
    if (wanted.includes(f.filename)) diffLines[f.filename] = diffLineRanges(f.patch);

  const versions = async (path: string): Promise<FileVersions> => {
    const file = changed.find((f) => f.filename === path);
    const renamedAway = changed.find(
      (f) => f.status === 'renamed' && f.previous_filename === path && f.filename !== path,
    );
    if (renamedAway && !file)
      return {
        path,
        base: await readFile(octokit, r, path, pr.baseSha),
        head: null,
        renamedTo: renamedAway.filename,
      };
    if (file?.status === 'removed')
      return { path, base: await readFile(octokit, r, path, pr.baseSha), head: null };
    const head = await readFile(octokit, r, path, pr.headSha);
    if (!file || head === null) return { path, base: head, head };
    if (file.status === 'added') return { path, base: null, head };
    const base =
      (file.status === 'modified' ? baseFromPatch(head, file.patch) : null) ??
      (await readFile(octokit, r, file.previous_filename ?? path, pr.baseSha));
    return { path, base, head };
  };
  return {
    primary: await versions(config.files.primary),
    translation: config.files.translation ? await versions(config.files.translation) : null,
    diffLines,
  };
}
