/**
 * Comment commands: `/classify`, `/curator scan`, `/curator add`, `/curator translate`. Only new comments count (an
 * edited comment is not a new request); bots, including this App, are ignored. Who may run what
 * comes from `commands.allow`; everyone else gets one short reply per issue. A redelivered webhook
 * finds the reply it already posted and stops, and a per-issue hourly limit bounds LLM spend.
 */
import type { Context } from 'probot';
import { CuratorError, describeError } from '../errors.js';
import {
  canWrite,
  listCommentsBy,
  postComment,
  react,
  readFile,
  roleOf,
  type GitHubClient,
} from '../github/index.js';
import {
  arxivIdsIn,
  parseCommand,
  renderClassifyReply,
  replyMarker,
  REPLY_MARKER_PREFIX,
  type Command,
} from '../tasks/answer-command.js';
import { checkPullRequest } from '../tasks/check-pull-request.js';
import {
  classifyPapers,
  lookupPapers,
  sanitizeText,
  type PaperInput,
} from '../tasks/classify-papers.js';
import type { CuratorConfig } from '../config/index.js';
import { loadRepoConfig } from './config.js';
import { describeOffline } from '../tasks/offline-reasons.js';
import { arxivFor, llmFor, type BotServices } from './services.js';

export type IssueCommentContext = Context<'issue_comment.created'>;

const DENIED = (login: string) => `<!-- awesome-curator:denied user=${login} -->`;
const LIMITED = '<!-- awesome-curator:rate-limited -->';
const HOUR = 3_600_000;

export interface CommandHandlers {
  scan(context: IssueCommentContext, config: CuratorConfig): Promise<string>;
  add(context: IssueCommentContext, config: CuratorConfig): Promise<string>;
  translate(context: IssueCommentContext, config: CuratorConfig): Promise<string>;
}

/**
 * Whether the commenter may run the command, by `commands.allow` (scan, add and translate: write
 * access).
 */
async function allowed(
  context: IssueCommentContext,
  command: Command,
  config: CuratorConfig,
): Promise<boolean> {
  const { comment, issue } = context.payload;
  const login = comment.user?.login ?? '';
  const octokit = context.octokit as unknown as GitHubClient;
  if (command.kind === 'classify') {
    const policy = config.commands.allow;
    if (policy === 'everyone') return true;
    if (policy === 'collaborators') {
      if (['OWNER', 'MEMBER', 'COLLABORATOR'].includes(comment.author_association)) return true;
      if (issue.user?.login === login) return true;
    }
  }
  return canWrite(await roleOf(octokit, context.repo(), login));
}

export async function handleComment(
  context: IssueCommentContext,
  botLogin: string,
  services: BotServices,
  handlers: CommandHandlers,
): Promise<void> {
  const { comment, issue } = context.payload;
  // Bots (this App included) never start commands: no loops, no bot-to-bot storms.
  if (comment.user?.type === 'Bot' || comment.user?.login === botLogin) return;
  const command = parseCommand(comment.body ?? '');
  if (!command) return;

  const octokit = context.octokit as unknown as GitHubClient;
  const r = context.repo();
  const where = { ...r, issue_number: issue.number };
  const reactTo = (content: 'eyes' | 'rocket' | 'confused') =>
    react(octokit, { ...r, comment_id: comment.id }, content);

  let config: CuratorConfig;
  try {
    config = await loadRepoConfig(context, services.env);
  } catch (error) {
    if (!(error instanceof CuratorError)) throw error;
    await reactTo('confused');
    await postComment(
      octokit,
      where,
      `### awesome-curator\n\nThe config is not valid, so the command did not run: ${sanitizeText(describeError(error), 600)}.\n`,
    );
    return;
  }

  const mine = await listCommentsBy(octokit, { ...where, author: botLogin });
  // A redelivered webhook (or a second replica) finds the reply already posted and stops.
  if (mine.some((c) => c.body.startsWith(replyMarker(comment.id)))) return;

  const login = comment.user?.login ?? 'someone';
  if (!(await allowed(context, command, config))) {
    if (mine.some((c) => c.body.startsWith(DENIED(login)))) return; // told once already
    const who =
      command.kind === 'classify' && config.commands.allow === 'collaborators'
        ? 'collaborators of this repository and the author of this thread'
        : 'people with write access to this repository';
    await postComment(
      octokit,
      where,
      `${DENIED(login)}\nThanks for the interest! In this repository that command is open to ${who}, so I have not run it. A maintainer can run it for you.\n`,
    );
    return;
  }

  if (command.kind === 'classify') {
    const since = services.now().getTime() - HOUR;
    const recent = mine.filter(
      (c) => c.body.startsWith(REPLY_MARKER_PREFIX) && c.createdAt.getTime() > since,
    );
    if (recent.length >= config.commands.maxPerHour) {
      await reactTo('confused');
      const told = mine.some((c) => c.body.startsWith(LIMITED) && c.createdAt.getTime() > since);
      if (!told) {
        const next = new Date(recent[0]!.createdAt.getTime() + HOUR);
        await postComment(
          octokit,
          where,
          `${LIMITED}\nThis thread has had ${recent.length} \`/classify\` answers in the last hour, the most \`commands.maxPerHour\` allows. Try again after ${next.toISOString().slice(11, 16)} UTC.\n`,
        );
      }
      return;
    }
  }

  await reactTo('eyes');
  try {
    const reply =
      command.kind === 'classify'
        ? await answerClassify(context, command, config, services)
        : command.kind === 'scan'
          ? await handlers.scan(context, config)
          : command.kind === 'add'
            ? await handlers.add(context, config)
            : command.kind === 'translate'
              ? await handlers.translate(context, config)
              : `${replyMarker(comment.id)}\nI know \`/classify [arXiv ids or URLs]\`, \`/curator scan\`, \`/curator add\` and \`/curator translate\`; \`/curator ${sanitizeText(command.word, 40).replace(/`/g, '')}\` is not one of them.\n`;
    await postComment(octokit, where, reply);
    await reactTo('rocket');
  } catch (error) {
    context.log.error({ err: error }, `curator ${command.kind} failed`);
    const what =
      error instanceof CuratorError
        ? describeError(error)
        : `${(error as { status?: number }).status ?? 'error'}: ${(error as Error).message.split('\n')[0]}`;
    await postComment(
      octokit,
      where,
      `${replyMarker(comment.id)}\n### awesome-curator\n\nThe command did not finish: ${sanitizeText(what, 500)}. Nothing was changed; comment again to retry.\n`,
    );
    await reactTo('confused');
  }
}

/** `/classify`: the ids given, else the papers the pull request adds, else the issue's arXiv links. */
async function answerClassify(
  context: IssueCommentContext,
  command: Extract<Command, { kind: 'classify' }>,
  config: CuratorConfig,
  services: BotServices,
): Promise<string> {
  const { comment, issue } = context.payload;
  const octokit = context.octokit as unknown as GitHubClient;
  const r = context.repo();
  let papers: PaperInput[] = [];
  let missing: string[] = [];
  let listText: string | null | undefined; // the PR head's list, when that is what is classified
  let ids = command.ids;

  if (ids.length === 0 && issue.pull_request) {
    const { data: pr } = await octokit.rest.pulls.get({ ...r, pull_number: issue.number });
    const path = config.files.primary;
    listText = await readFile(octokit, r, path, pr.head.sha);
    const result = await checkPullRequest({
      primary: { path, base: await readFile(octokit, r, path, pr.base.sha), head: listText },
      translation: null,
      config,
      arxiv: null,
    });
    papers = result.added.map((a) => ({
      id: a.arxivId ?? a.key,
      title: a.title,
      abstract: a.tldr ?? '',
    }));
  } else if (ids.length === 0) ids = arxivIdsIn(`${issue.title}\n${issue.body ?? ''}`).slice(0, 20);

  if (ids.length) ({ papers, missing } = await lookUp(services, config, ids));
  if (papers.length === 0 && missing.length === 0) {
    return `${replyMarker(comment.id)}\n### awesome-curator\n\nNothing to classify: ${
      issue.pull_request
        ? `this pull request adds no papers to \`${config.files.primary}\``
        : 'this issue has no arXiv links'
    }. Give ids or links, e.g. \`/classify 2403.12968\`.\n`;
  }
  listText ??= await readFile(
    octokit,
    r,
    config.files.primary,
    context.payload.repository.default_branch,
  );
  const { result, notes } = await classifyAgainst(listText, config, services, papers);
  return renderClassifyReply(replyMarker(comment.id), {
    papers,
    result,
    missing,
    notUnderstood: command.notUnderstood,
    dropped: command.dropped,
    notes,
  });
}

/** Papers looked up on arXiv; an outage becomes one clear error. */
export async function lookUp(services: BotServices, config: CuratorConfig, ids: string[]) {
  try {
    return await lookupPapers(arxivFor(services, config), ids);
  } catch (error) {
    const reason = error instanceof CuratorError ? error.message : (error as Error).message;
    throw new CuratorError(`arXiv could not be reached (${reason.split('\n')[0]})`);
  }
}

/** Verdicts for papers against the list's guidelines (LLM when configured), with notes on fallbacks. */
export async function classifyAgainst(
  listText: string | null,
  config: CuratorConfig,
  services: BotServices,
  papers: PaperInput[],
) {
  if (listText === null)
    throw new CuratorError(`${config.files.primary} is not in the repository`, {
      hint: 'Set files.primary in .github/curator.yml',
    });
  const notes: string[] = [];
  const result = papers.length
    ? await classifyPapers({
        list: { path: config.files.primary, bytes: new TextEncoder().encode(listText) },
        config,
        papers,
        llm: llmFor(services, config),
      })
    : { verdicts: [], spend: null, categories: [] };
  if (result.spend?.offline.length) notes.push(describeOffline(result.spend.offline));
  notes.push(...(result.notes ?? []));
  return { result, notes };
}
