/** Reading files and asking who may do what. */
import { Buffer, isUtf8 } from 'node:buffer';
import { applyPatch, parsePatch, reversePatch } from 'diff';
import { CuratorError } from '../errors.js';
import type { GitHubClient } from './client.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

/**
 * A file's text at a ref (branch, tag or commit), or null when it does not exist there. A file
 * that is not UTF-8 is a CuratorError: decoded anyway, its bad bytes would become U+FFFD, and a
 * PR built from that text would rewrite them. A byte-order mark stays in the text (U+FEFF), so a
 * file written back from it keeps its mark.
 */
export async function readFile(
  octokit: GitHubClient,
  r: RepoRef,
  path: string,
  ref: string,
): Promise<string | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...r, path, ref });
    if (Array.isArray(data) || data.type !== 'file') return null;
    if (data.encoding === 'base64') return utf8(Buffer.from(data.content, 'base64'), path, ref);
    // Files over 1 MB come back without content: fetch the blob instead.
    const blob = await octokit.rest.git.getBlob({ ...r, file_sha: data.sha });
    return utf8(Buffer.from(blob.data.content, 'base64'), path, ref);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

function utf8(bytes: Buffer, path: string, ref: string): string {
  if (!isUtf8(bytes))
    throw new CuratorError(`${path} (at ${ref.slice(0, 40)}): not a UTF-8 text file`, {
      hint: 'Save it as UTF-8 (GitHub renders README files as UTF-8) and push again',
    });
  return bytes.toString('utf8');
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

/**
 * A file's text before a pull request, rebuilt from its text after and the unified diff GitHub
 * lists for it (`pulls/{n}/files` gives each file's `patch`, against the merge base). Saves one
 * read per file. Null when the patch is missing (GitHub leaves out large ones) or does not apply
 * exactly; the caller then reads the file.
 */
export function baseFromPatch(head: string, patch: string | undefined): string | null {
  if (!patch) return null;
  try {
    const [parsed] = parsePatch(patch);
    if (!parsed || parsed.hunks.length === 0) return null;
    // Every hunk must hold the lines its header counts; a hunk without them would "apply" to
    // anything and make the base look like the head.
    for (const h of parsed.hunks) {
      const old = h.lines.filter((l) => l.startsWith(' ') || l.startsWith('-')).length;
      const neu = h.lines.filter((l) => l.startsWith(' ') || l.startsWith('+')).length;
      if (h.lines.length === 0 || old !== h.oldLines || neu !== h.newLines) return null;
    }
    const base = applyPatch(head, reversePatch(parsed));
    return base === false ? null : base;
  } catch {
    return null;
  }
}

/**
 * The head-side line ranges of a unified diff's hunks, context lines included: the lines a pull
 * request review comment may be placed on ("Pull request review thread line must be part of the
 * diff" otherwise). Null when there is no patch (GitHub leaves out large ones).
 */
export function diffLineRanges(patch: string | undefined): [number, number][] | null {
  if (!patch) return null;
  const ranges: [number, number][] = [];
  for (const m of patch.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count > 0) ranges.push([start, start + count - 1]);
  }
  return ranges;
}
