/**
 * The Probot app: a thin door over src/tasks. It registers the handlers and learns its own bot
 * login once (to recognise its comments). Events from bots and drafts are ignored where noted.
 */
import type { Probot } from 'probot';
import { parseCommand } from '../tasks/answer-command.js';
import { handleComment, type CommandHandlers } from './comment.js';
import { handlePullRequest, PR_EVENTS } from './pull-request.js';
import { defaultServices, type BotServices } from './services.js';

export function createCuratorApp(services: BotServices = defaultServices()) {
  return function curatorApp(app: Probot): void {
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

    const handlers: CommandHandlers = {
      scan: async () => 'not yet',
      add: async () => 'not yet',
    };

    app.on([...PR_EVENTS], async (context) => {
      if (context.payload.pull_request.draft) return;
      await handlePullRequest(context, await botLogin());
    });

    app.on('issue_comment.created', async (context) => {
      // Bots never start commands, and most comments are not commands: both are dropped before
      // any request (learning the bot's login takes one).
      if (context.payload.comment.user?.type === 'Bot') return;
      if (!parseCommand(context.payload.comment.body ?? '')) return;
      await handleComment(context, await botLogin(), services, handlers);
    });
  };
}

export default createCuratorApp();
