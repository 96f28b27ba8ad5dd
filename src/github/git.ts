/**
 * Branches and pull requests the App owns (`curator/arxiv`, `curator/sync`, `curator/add-<n>`):
 * every file change is one commit made with the git data API (a tree on top of the base commit's
 * tree, then a commit), never one contents update per file, and the branch is pointed at it.
 */
import type { GitHubClient } from './client.js';
import type { RepoRef } from './files.js';

const status = (error: unknown) => (error as { status?: number }).status;

/** The commit a branch points at, or null when there is no such branch. */
export async function branchHead(
  octokit: GitHubClient,
  r: RepoRef,
  branch: string,
): Promise<string | null> {
  try {
    const { data } = await octokit.rest.git.getRef({ ...r, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (error) {
    if (status(error) === 404) return null;
    throw error;
  }
}

/** One commit on top of `parent` that writes every file given (both READMEs at once). */
export async function commitFiles(
  octokit: GitHubClient,
  r: RepoRef,
  input: { parent: string; message: string; files: { path: string; text: string }[] },
): Promise<string> {
  const { data: parent } = await octokit.rest.git.getCommit({ ...r, commit_sha: input.parent });
  const { data: tree } = await octokit.rest.git.createTree({
    ...r,
    base_tree: parent.tree.sha,
    tree: input.files.map((f) => ({
      path: f.path,
      mode: '100644' as const,
      type: 'blob' as const,
      content: f.text,
    })),
  });
  const { data: commit } = await octokit.rest.git.createCommit({
    ...r,
    message: input.message,
    tree: tree.sha,
    parents: [input.parent],
  });
  return commit.sha;
}

/**
 * Point `branch` at `sha`, creating it when missing. The App's branches are rebuilt from the
 * default branch at every run, so the move is forced: they never conflict with it.
 */
export async function setBranch(
  octokit: GitHubClient,
  r: RepoRef,
  branch: string,
  sha: string,
  exists: boolean,
): Promise<void> {
  if (exists) {
    try {
      await octokit.rest.git.updateRef({ ...r, ref: `heads/${branch}`, sha, force: true });
      return;
    } catch (error) {
      // Deleted since it was read (e.g. "delete branch" after a merge): create it instead.
      if (status(error) !== 422 && status(error) !== 404) throw error;
    }
  }
  try {
    await octokit.rest.git.createRef({ ...r, ref: `refs/heads/${branch}`, sha });
  } catch (error) {
    // Created since it was read (a second replica, or the Action and the App at once): the
    // branch is ours to rebuild, so move it.
    if (status(error) !== 422) throw error;
    await octokit.rest.git.updateRef({ ...r, ref: `heads/${branch}`, sha, force: true });
  }
}

export interface BranchPull {
  number: number;
  state: 'open' | 'closed';
  merged: boolean;
  body: string;
  title: string;
  author: string;
  createdAt: Date;
  url: string;
}

/** Every pull request (open and closed) from `branch` of this repository, newest first. */
export async function pullsFromBranch(
  octokit: GitHubClient,
  r: RepoRef,
  branch: string,
): Promise<BranchPull[]> {
  const pulls = await octokit.paginate(octokit.rest.pulls.list, {
    ...r,
    head: `${r.owner}:${branch}`,
    state: 'all',
    per_page: 100,
  });
  return pulls.map((p) => ({
    number: p.number,
    state: p.state === 'open' ? 'open' : 'closed',
    merged: Boolean(p.merged_at),
    body: p.body ?? '',
    title: p.title,
    author: p.user?.login ?? '',
    createdAt: new Date(p.created_at),
    url: p.html_url,
  }));
}

/**
 * Open the pull request from `branch`, or edit the open one (only what changed). Two runs racing
 * to open it: GitHub refuses the second with 422, which then edits the first one's instead.
 */
export async function openOrUpdatePull(
  octokit: GitHubClient,
  r: RepoRef,
  input: { branch: string; base: string; title: string; body: string; open: BranchPull | null },
): Promise<{ number: number; url: string; action: 'created' | 'updated' | 'unchanged' }> {
  let open = input.open;
  if (!open) {
    try {
      const { data } = await octokit.rest.pulls.create({
        ...r,
        head: input.branch,
        base: input.base,
        title: input.title,
        body: input.body,
      });
      return { number: data.number, url: data.html_url, action: 'created' };
    } catch (error) {
      if (status(error) !== 422) throw error;
      open =
        (await pullsFromBranch(octokit, r, input.branch)).find((p) => p.state === 'open') ?? null;
      if (!open) throw error;
    }
  }
  if (open.title === input.title && open.body === input.body)
    return { number: open.number, url: open.url, action: 'unchanged' };
  await octokit.rest.pulls.update({
    ...r,
    pull_number: open.number,
    title: input.title,
    body: input.body,
  });
  return { number: open.number, url: open.url, action: 'updated' };
}

/** Close a pull request the App opened, saying why first. */
export async function closePull(
  octokit: GitHubClient,
  r: RepoRef,
  pull_number: number,
  why: string,
): Promise<void> {
  await octokit.rest.issues.createComment({ ...r, issue_number: pull_number, body: why });
  await octokit.rest.pulls.update({ ...r, pull_number, state: 'closed' });
}

/**
 * The write of every App pull request: one commit of `files` on `parent`, the branch pointed at
 * it (created, or forced when it exists), then its pull request opened or edited. The body is
 * made from the new commit's sha (the hidden blocks record it).
 */
export async function publishPull(
  octokit: GitHubClient,
  r: RepoRef,
  input: {
    branch: string;
    /** The branch the pull request merges into. */
    base: string;
    parent: string;
    message: string;
    files: { path: string; text: string }[];
    branchExists: boolean;
    title: string;
    body: (commit: string) => string;
    open: BranchPull | null;
  },
): Promise<{ number: number; url: string; action: 'created' | 'updated'; body: string }> {
  const commit = await commitFiles(octokit, r, {
    parent: input.parent,
    message: input.message,
    files: input.files,
  });
  await setBranch(octokit, r, input.branch, commit, input.branchExists);
  const body = input.body(commit);
  const pull = await openOrUpdatePull(octokit, r, {
    branch: input.branch,
    base: input.base,
    title: input.title,
    body,
    open: input.open,
  });
  return { ...pull, action: pull.action === 'created' ? 'created' : 'updated', body };
}
