import type { Octokit } from '@octokit/rest';

/**
 * The GitHub client the adapter needs: `rest` methods and `paginate`. Probot's context.octokit and
 * an @octokit/rest instance (the Action, the tests) both provide it.
 */
export type GitHubClient = Pick<Octokit, 'rest' | 'paginate'>;
