import { Octokit } from '@octokit/rest';

/**
 * The GitHub client the adapter needs: `rest` methods and `paginate`. Probot's context.octokit and
 * an @octokit/rest instance (the Action, the tests) both provide it.
 */
export type GitHubClient = Pick<Octokit, 'rest' | 'paginate'>;

/** A client for a token (the Action's), on GitHub.com or a GitHub Enterprise Server API URL. */
export function createGitHubClient(options: {
  token: string;
  baseUrl?: string | undefined;
  userAgent: string;
  fetch?: typeof fetch | undefined;
}): GitHubClient {
  return new Octokit({
    auth: options.token,
    userAgent: options.userAgent,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}
