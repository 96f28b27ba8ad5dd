/**
 * Fake GitHub replies, shaped as GitHub's OpenAPI description documents them (every required key
 * present; the tests check each reply with assertDocumentedReply).
 */
export function fakeUser(login: string, id: number, type: 'User' | 'Bot' = 'User') {
  const url = `https://api.github.com/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false,
  };
}

export function fakeComment(
  repo: string,
  issue: number,
  id: number,
  body: string,
  user: ReturnType<typeof fakeUser>,
) {
  return {
    id,
    node_id: `IC_${id}`,
    url: `https://api.github.com/repos/${repo}/issues/comments/${id}`,
    html_url: `https://github.com/${repo}/pull/${issue}#issuecomment-${id}`,
    issue_url: `https://api.github.com/repos/${repo}/issues/${issue}`,
    body,
    user,
    created_at: '2026-11-28T10:00:00Z',
    updated_at: '2026-11-28T10:00:00Z',
    author_association: user.type === 'Bot' ? 'NONE' : 'MEMBER',
  };
}

export function fakeCheckRun(
  repo: string,
  id: number,
  name: string,
  head_sha: string,
  conclusion: string,
) {
  const [owner] = repo.split('/');
  return {
    id,
    node_id: `CR_${id}`,
    head_sha,
    name,
    external_id: '',
    url: `https://api.github.com/repos/${repo}/check-runs/${id}`,
    html_url: `https://github.com/${repo}/runs/${id}`,
    details_url: null,
    status: 'completed',
    conclusion,
    started_at: '2026-11-28T10:00:00Z',
    completed_at: '2026-11-28T10:00:01Z',
    output: {
      title: null,
      summary: null,
      text: null,
      annotations_count: 0,
      annotations_url: `https://api.github.com/repos/${repo}/check-runs/${id}/annotations`,
    },
    check_suite: { id: 1 },
    app: {
      id: 1,
      slug: 'awesome-curator',
      node_id: 'A_1',
      owner: fakeUser(owner ?? 'owner', 2),
      name: 'awesome-curator',
      description: 'test app',
      external_url: 'https://example.com',
      html_url: 'https://github.com/apps/awesome-curator',
      created_at: '2026-11-01T00:00:00Z',
      updated_at: '2026-11-01T00:00:00Z',
      permissions: { checks: 'write' },
      events: ['pull_request'],
    },
    pull_requests: [],
  };
}

export function fakeFileContent(
  repo: string,
  path: string,
  text: string | Uint8Array,
  ref: string,
) {
  const sha = `${ref.slice(0, 8)}${path.length.toString(16).padStart(32, '0')}`;
  const url = `https://api.github.com/repos/${repo}/contents/${path}?ref=${ref}`;
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(text),
    name: path.split('/').pop(),
    path,
    content: Buffer.from(text as string).toString('base64'),
    sha,
    url,
    git_url: `https://api.github.com/repos/${repo}/git/blobs/${sha}`,
    html_url: `https://github.com/${repo}/blob/${ref}/${path}`,
    download_url: `https://raw.githubusercontent.com/${repo}/${ref}/${path}`,
    _links: { self: url, git: null, html: null },
  };
}

/** GET /repos/{owner}/{repo}/git/trees/{ref}: the root folder holds these files. */
export function fakeTree(repo: string, ref: string, paths: string[]) {
  const sha = `${ref.slice(0, 8)}${'0'.repeat(32)}`;
  return {
    sha,
    url: `https://api.github.com/repos/${repo}/git/trees/${sha}`,
    truncated: false,
    tree: paths.map((path) => {
      const blob = `${'c'.repeat(8)}${path.length.toString(16).padStart(32, '0')}`;
      return {
        path,
        mode: '100644',
        type: 'blob',
        sha: blob,
        size: 1,
        url: `https://api.github.com/repos/${repo}/git/blobs/${blob}`,
      };
    }),
  };
}

export function fakePullFile(repo: string, filename: string, status = 'modified') {
  return {
    sha: 'b'.repeat(40),
    filename,
    status,
    additions: 1,
    deletions: 0,
    changes: 1,
    blob_url: `https://github.com/${repo}/blob/head/${filename}`,
    raw_url: `https://github.com/${repo}/raw/head/${filename}`,
    contents_url: `https://api.github.com/repos/${repo}/contents/${filename}?ref=head`,
    patch: '@@ -1 +1 @@',
  };
}

export const NOT_FOUND = {
  message: 'Not Found',
  documentation_url: 'https://docs.github.com/rest',
  status: '404',
};

export function fakeReviewComment(
  repo: string,
  pull: number,
  id: number,
  path: string,
  line: number,
  body: string,
  user: ReturnType<typeof fakeUser>,
) {
  const url = `https://api.github.com/repos/${repo}/pulls/comments/${id}`;
  const html = `https://github.com/${repo}/pull/${pull}#discussion_r${id}`;
  const pr = `https://api.github.com/repos/${repo}/pulls/${pull}`;
  return {
    url,
    id,
    node_id: `PRRC_${id}`,
    pull_request_review_id: id + 1,
    diff_hunk: '@@ -1 +1 @@',
    path,
    line,
    side: 'RIGHT',
    commit_id: '2'.repeat(40),
    original_commit_id: '2'.repeat(40),
    user,
    body,
    created_at: '2026-11-28T10:00:00Z',
    updated_at: '2026-11-28T10:00:00Z',
    html_url: html,
    pull_request_url: pr,
    author_association: 'NONE',
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pr } },
  };
}

export function fakeReview(
  repo: string,
  pull: number,
  id: number,
  user: ReturnType<typeof fakeUser>,
) {
  const html = `https://github.com/${repo}/pull/${pull}#pullrequestreview-${id}`;
  const pr = `https://api.github.com/repos/${repo}/pulls/${pull}`;
  return {
    id,
    node_id: `PRR_${id}`,
    user,
    body: 'review',
    state: 'COMMENTED',
    commit_id: '2'.repeat(40),
    html_url: html,
    pull_request_url: pr,
    author_association: 'NONE',
    _links: { html: { href: html }, pull_request: { href: pr } },
  };
}
