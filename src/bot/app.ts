/**
 * The Probot app: a thin door over src/tasks. It registers the handlers and learns its own bot
 * login once (to recognise its comments). Events from bots and drafts are ignored where noted.
 */
import type { Probot } from 'probot';
import { handlePullRequest, PR_EVENTS } from './pull-request.js';

export default function curatorApp(app: Probot): void {
  let login: Promise<string> | null = null;
  const botLogin = () => {
    login ??= app
      .auth()
      .then((octokit) => octokit.rest.apps.getAuthenticated())
      .then(({ data }) => `${data?.slug ?? 'awesome-curator'}[bot]`)
      .catch((error: unknown) => {
        login = null; // try again on the next event
        throw error;
      });
    return login;
  };

  app.on([...PR_EVENTS], async (context) => {
    if (context.payload.pull_request.draft) return;
    await handlePullRequest(context, await botLogin());
  });
}
