/**
 * The Probot app: a thin door over src/tasks. It registers the handlers and learns its own bot
 * login once (to recognise its comments). Events from bots and drafts are ignored where noted.
 */
import type { Probot } from 'probot';
import type { GitHubClient } from '../github/index.js';
import { parseCommand, replyMarker } from '../tasks/answer-command.js';
import { handleComment, type CommandHandlers } from './comment.js';
import { handlePullRequest, PR_EVENTS } from './pull-request.js';
import { describeScan, suggestPapersPr } from '../tasks/suggest-papers-pr.js';
import { CONFIG_FILE } from './config.js';
import { operatorPolicy } from './policy.js';
import { handlePush, touchedFiles } from './sync.js';
import { addFromIssue, handleIssueOpened } from './issue.js';
import { answerTranslate } from './translate.js';
import { runScheduledScans, startScheduler } from './schedule.js';
import { deliveryMemory, keyedQueue } from './serial.js';
import { arxivFor, defaultServices, llmFor, type BotServices } from './services.js';
import { loadMarkdown } from '../tasks/markdown-parser.js';

// The built bundles load remark on demand (scripts/build.mjs); the App's handlers parse lists at
// any moment, so it is loaded before this module finishes loading (a no-op from the sources).
await loadMarkdown();

export function createCuratorApp(services: BotServices = defaultServices()) {
  return function curatorApp(app: Probot): void {
    // The operator's ceilings and allow-lists are read on every event; a malformed one fails here,
    // at start, rather than at the first delivery.
    operatorPolicy(services.env);
    // One thread (PR or issue) at a time, each delivery once: see serial.ts.
    const serial = keyedQueue();
    const once = deliveryMemory();
    const thread =
      (context: { id: string; repo(): { owner: string; repo: string } }, n: number | string) =>
      (work: () => Promise<void>) =>
        once(context.id, () => {
          const { owner, repo } = context.repo();
          return serial(`${owner}/${repo}#${n}`, work);
        });

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
      scan: async (context, config) => {
        const outcome = await suggestPapersPr(
          context.octokit as unknown as GitHubClient,
          context.repo(),
          {
            config,
            defaultBranch: context.payload.repository.default_branch,
            arxiv: arxivFor(services, config),
            llm: llmFor(services, config),
            now: services.now(),
          },
        );
        return `${replyMarker(context.payload.comment.id)}\n### awesome-curator\n\n${describeScan(outcome)}\n`;
      },
      add: async (context, config) => addFromIssue(context, config, services),
      translate: async (context, config) => answerTranslate(context, config, services),
    };

    app.on('push', async (context) => {
      const { payload } = context;
      if (payload.deleted || payload.ref !== `refs/heads/${payload.repository.default_branch}`)
        return;
      // Only a push that changes Markdown (or the config: files.translation) can change what
      // the sync has to do: others cost no request.
      if (
        ![...touchedFiles(payload)].some((f) => /\.md$/i.test(f) || f === `.github/${CONFIG_FILE}`)
      )
        return;
      await thread(
        context,
        'push',
      )(async () => {
        const result = await handlePush(context, services);
        context.log.info(
          `curator sync after ${payload.after.slice(0, 7)}: ${result ? result.action : 'no list file changed'}`,
        );
      });
    });

    app.on('issues.opened', async (context) => {
      if (context.payload.issue.user?.type === 'Bot') return;
      await thread(
        context,
        context.payload.issue.number,
      )(async () => handleIssueOpened(context, await botLogin(), services));
    });

    if (services.scheduler)
      startScheduler((at) => runScheduledScans(app, services, at), services.now);

    app.on([...PR_EVENTS], async (context) => {
      if (context.payload.pull_request.draft) return;
      await thread(
        context,
        context.payload.pull_request.number,
      )(async () => handlePullRequest(context, await botLogin(), services.env));
    });

    app.on('issue_comment.created', async (context) => {
      // Bots never start commands, and most comments are not commands: both are dropped before
      // any request (learning the bot's login takes one).
      if (context.payload.comment.user?.type === 'Bot') return;
      if (!parseCommand(context.payload.comment.body ?? '')) return;
      await thread(
        context,
        context.payload.issue.number,
      )(async () => handleComment(context, await botLogin(), services, handlers));
    });
  };
}

export default createCuratorApp();
