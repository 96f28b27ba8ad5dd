/** Reading files and asking who may do what. */
import type { GitHubClient } from './client.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

/** A file's text at a ref (branch, tag or commit), or null when it does not exist there. */
export async function readFile(
  octokit: GitHubClient,
  r: RepoRef,
  path: string,
  ref: string,
): Promise<string | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...r, path, ref });
    if (Array.isArray(data) || data.type !== 'file') return null;
    if (data.encoding === 'base64') return Buffer.from(data.content, 'base64').toString('utf8');
    // Files over 1 MB come back without content: fetch the blob instead.
    const blob = await octokit.rest.git.getBlob({ ...r, file_sha: data.sha });
    return Buffer.from(blob.data.content, 'base64').toString('utf8');
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/**
 * The account's role on the repository: `admin`, `maintain`, `write`, `triage`, `read` or
 * `none` (GitHub answers `read` for anyone on a public repository).
 */
export async function roleOf(octokit: GitHubClient, r: RepoRef, username: string): Promise<string> {
  const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...r, username });
  return data.role_name || data.permission;
}

/** Can merge pull requests: admin, maintain or write. */
export const canWrite = (role: string): boolean => ['admin', 'maintain', 'write'].includes(role);
