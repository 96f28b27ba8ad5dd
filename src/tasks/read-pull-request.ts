/**
 * The two versions of each list file in a pull request, read through GitHub (the App and the
 * Action share it). Each list file is read once, at the head: an untouched file is the same at the
 * base, and a changed one's base is rebuilt from the patch GitHub lists for it (against the merge
 * base); the base is read only when that is not possible (no patch, a rename, a patch that does
 * not apply). A list file the pull request deletes or renames away has no head.
 *
 * Without `files.translation` in the config, the translation is the first usual name the pull
 * request touches or that the head's folder holds (one listing, only when the touched files do not
 * settle it); none is a one-language list, and no file that does not exist is requested.
 */
import {
  missingTranslation,
  translationCandidates,
  translationUnsettled,
  type CuratorConfig,
} from '../config/index.js';
import {
  baseFromPatch,
  diffLineRanges,
  readFile,
  type GitHubClient,
  type RepoRef,
} from '../github/index.js';
import type { FileVersions } from './check-pull-request.js';
import { findTranslationOnGitHub } from './find-translation.js';

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

/**
 * The list files' versions, or null when the pull request touches neither list file. A
 * translation the config names that is in neither version is an error naming the key.
 */
export async function readPullRequestLists(
  octokit: GitHubClient,
  r: RepoRef,
  pr: PullRequestRef,
  loaded: CuratorConfig,
): Promise<PullRequestLists | null> {
  const changed = await octokit.paginate(octokit.rest.pulls.listFiles, {
    ...r,
    pull_number: pr.number,
    per_page: 100,
  });
  const touched = new Set(changed.flatMap((f) => [f.filename, f.previous_filename ?? f.filename]));
  const mayBeLists = translationUnsettled(loaded.files)
    ? [loaded.files.primary, ...translationCandidates(loaded.files.primary)]
    : [loaded.files.primary, loaded.files.translation];
  if (!mayBeLists.some((f) => f !== null && touched.has(f))) return null;
  // A usual name the pull request touches is there at the base or the head: that settles it
  // without a request when it is the first; the head's folder is listed otherwise.
  const config = await findTranslationOnGitHub(octokit, r, loaded, {
    ref: pr.headSha,
    known: new Map([...touched].map((f) => [f, true])),
  });
  const wanted = [config.files.primary, config.files.translation].filter(
    (f): f is string => typeof f === 'string',
  );

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
  const primary = await versions(config.files.primary);
  const translation = config.files.translation ? await versions(config.files.translation) : null;
  if (translation && translation.base === null && translation.head === null) {
    // Named in the config: a mistake to fix. Found a moment ago: deleted since, read as absent.
    if (config.files.translationSource !== 'found')
      throw missingTranslation(translation.path, ' in this pull request (base or head)');
    return { primary, translation: null, diffLines };
  }
  return { primary, translation, diffLines };
}
