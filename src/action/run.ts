/**
 * The GitHub Action: the App's checks, scans and syncs from a workflow.
 *
 * 1. Parse every input once (inputs.ts); read the event (GITHUB_EVENT_NAME / GITHUB_EVENT_PATH).
 * 2. Pick the command: `auto` maps pull_request -> check, push -> sync, schedule and
 *    workflow_dispatch -> scan, anything else -> lint.
 * 3. Read the config from the workspace (or, without a checkout, through the API).
 * 4. Run the task; report findings as annotations on their lines, a job summary, outputs, the
 *    sticky comment when allowed; PRs go to the same branches as the App's.
 * 5. Fail the step by `fail-on`, or with one clear line when something went wrong.
 */
import { readFile as readLocal, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as core from '@actions/core';
import {
  findTranslation,
  listFolder,
  missingTranslation,
  oneLanguage,
  type CuratorConfig,
} from '../config/index.js';
import { CuratorError, describeError } from '../errors.js';
import {
  createGitHubClient,
  findMarkedComment,
  readFile,
  upsertMarkedComment,
  type GitHubClient,
  type RepoRef,
} from '../github/index.js';
import { arxivIdsIn, renderClassifyReply } from '../tasks/answer-command.js';
import { checkPullRequest, type CheckFinding } from '../tasks/check-pull-request.js';
import { createArxivClient } from '../tasks/arxiv-client.js';
import {
  classifyPapers,
  llmFromConfig,
  lookupPapers,
  type Llm,
  type PaperInput,
} from '../tasks/classify-papers.js';
import {
  filesIn,
  findTranslationOnGitHub,
  pushedFiles,
  removedTranslation,
} from '../tasks/find-translation.js';
import { lintFiles, readConfig } from '../tasks/lint-files.js';
import { readPullRequestLists } from '../tasks/read-pull-request.js';
import {
  COMMENT_MARKER,
  isQuiet,
  renderCheckComment,
  renderFindingsTable,
  renderResolvedComment,
} from '../tasks/render-check.js';
import { describeScan, suggestPapersPr } from '../tasks/suggest-papers-pr.js';
import { syncPr } from '../tasks/sync-pr.js';
import { describeTranslate, translatePr } from '../tasks/translate-pr.js';
import { InputError, parseInputs, type ActionInputs } from './inputs.js';

const USER_AGENT = 'awesome-curator-action/0.1';
const DAY = 86_400_000;

export interface ActionDeps {
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  now: () => Date;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

export interface ActionResult {
  command: ActionInputs['command'];
  errors: number;
  warnings: number;
  papersSuggested: number;
  venuesUpdated: number;
  pullRequestUrl: string;
  failed: string | null;
}

type Event = Record<string, unknown> & {
  pull_request?: {
    number: number;
    body?: string | null;
    user?: { login: string; type?: string } | null;
    base: { sha: string; repo: { full_name: string } };
    head: { sha: string; ref?: string; repo: { full_name: string } | null };
  };
  issue?: { number: number; title: string; body?: string | null; pull_request?: unknown };
  repository?: { default_branch: string };
  after?: string;
  ref?: string;
  commits?: { added?: string[]; modified?: string[]; removed?: string[] }[];
};

interface Run {
  inputs: ActionInputs;
  deps: ActionDeps;
  octokit: GitHubClient;
  r: RepoRef;
  eventName: string;
  event: Event;
  config: CuratorConfig;
  workspace: string;
  result: ActionResult;
}

export async function run(
  deps: ActionDeps = { env: process.env, fetch: globalThis.fetch, now: () => new Date() },
): Promise<ActionResult> {
  const result: ActionResult = {
    command: 'auto',
    errors: 0,
    warnings: 0,
    papersSuggested: 0,
    venuesUpdated: 0,
    pullRequestUrl: '',
    failed: null,
  };
  try {
    const inputs = parseInputs((name) => core.getInput(name));
    if (inputs.token) core.setSecret(inputs.token);
    if (inputs.openaiApiKey) core.setSecret(inputs.openaiApiKey);
    const { env } = deps;
    const eventName = env['GITHUB_EVENT_NAME'] ?? '';
    const repository = env['GITHUB_REPOSITORY'] ?? '';
    const [owner, repo] = repository.split('/');
    if (!owner || !repo)
      throw new InputError(
        'GITHUB_REPOSITORY is not set: run this as a step of a GitHub Actions workflow.',
      );
    const event = await readEvent(env['GITHUB_EVENT_PATH']);
    const command = inputs.command === 'auto' ? commandFor(eventName) : inputs.command;
    result.command = command;
    if (!inputs.token && command !== 'lint')
      throw new InputError('Input `token` is empty: pass `${{ github.token }}` or an App token.');
    const octokit = createGitHubClient({
      token: inputs.token,
      baseUrl: env['GITHUB_API_URL'],
      userAgent: USER_AGENT,
      fetch: deps.fetch,
    });
    const r = { owner, repo };
    const workspace = env['GITHUB_WORKSPACE'] ?? process.cwd();
    const config = await loadConfig(inputs, workspace, octokit, r, env['GITHUB_SHA']);
    const ctx: Run = { inputs, deps, octokit, r, eventName, event, config, workspace, result };
    core.info(`awesome-curator: ${command} (${eventName || 'no event'})`);
    if (command === 'check') await check(ctx);
    else if (command === 'lint') await lint(ctx);
    else if (command === 'sync') await sync(ctx);
    else if (command === 'scan') await scan(ctx);
    else if (command === 'translate') await translate(ctx);
    else await classify(ctx);

    core.setOutput('errors', String(result.errors));
    core.setOutput('warnings', String(result.warnings));
    core.setOutput('papers-suggested', String(result.papersSuggested));
    core.setOutput('venues-updated', String(result.venuesUpdated));
    core.setOutput('pull-request-url', result.pullRequestUrl);
    const failOn = inputs.failOn;
    if (failOn !== 'never' && (result.errors > 0 || (failOn === 'warning' && result.warnings > 0)))
      fail(
        result,
        `${result.errors} error${result.errors === 1 ? '' : 's'} and ${result.warnings} warning${result.warnings === 1 ? '' : 's'} (fail-on: ${failOn}).`,
      );
  } catch (error) {
    fail(result, messageFor(error));
  }
  return result;
}

function fail(result: ActionResult, message: string): void {
  result.failed = message;
  core.setFailed(message);
}

/** One line for a user's mistake or a refusal by GitHub; never a stack trace. */
function messageFor(error: unknown): string {
  if (error instanceof InputError) return error.message;
  if (error instanceof CuratorError) return describeError(error);
  const status = (error as { status?: number }).status;
  const text = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  if (status === 403 && /not permitted to create or approve pull requests/i.test(text))
    return 'GitHub refused to open the pull request: GitHub Actions may not create pull requests in this repository. Turn on Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests", or pass an App token as `token`.';
  if (
    (status === 403 || status === 429) &&
    /secondary rate limit|rate limit exceeded/i.test(text)
  ) {
    const after = (error as { response?: { headers?: Record<string, string> } }).response
      ?.headers?.['retry-after'];
    return `GitHub's rate limit stopped the run (${status}${after ? `, retry after ${after} s` : ''}): nothing was half-written (every change is one commit, made last). Run the workflow again later.`;
  }
  if (status === 403 && /not accessible by integration/i.test(text))
    return `GitHub refused a request (403: ${text}). Give the workflow the permissions it needs: \`permissions: { contents: write, pull-requests: write, issues: write }\`.`;
  if (status !== undefined) return `GitHub answered ${status}: ${text}`;
  return `awesome-curator failed: ${text}`;
}

/**
 * A pull request curator opened (the Action's token or the App): a `curator/` branch of this
 * repository whose body carries one of curator's hidden blocks (see bot/pull-request.ts).
 */
function ownPullRequest(event: Event): boolean {
  const pr = event.pull_request;
  if (!pr) return false;
  const sameRepo = pr.head.repo?.full_name === pr.base.repo.full_name;
  return (
    sameRepo &&
    (pr.head.ref ?? '').startsWith('curator/') &&
    /<!-- awesome-curator:(?:sync|suggestions|add|translate)\b/.test(pr.body ?? '')
  );
}

function commandFor(eventName: string): ActionInputs['command'] {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') return 'check';
  if (eventName === 'push') return 'sync';
  if (eventName === 'schedule' || eventName === 'workflow_dispatch') return 'scan';
  return 'lint';
}

async function readEvent(path: string | undefined): Promise<Event> {
  if (!path) return {};
  try {
    return JSON.parse(await readLocal(path, 'utf8')) as Event;
  } catch (error) {
    throw new InputError(
      `Cannot read the event file ${path} (GITHUB_EVENT_PATH): ${(error as Error).message}`,
    );
  }
}

/** The workspace's config file; without a checkout, the same path through the API; else defaults. */
async function loadConfig(
  inputs: ActionInputs,
  workspace: string,
  octokit: GitHubClient,
  r: RepoRef,
  sha: string | undefined,
): Promise<CuratorConfig> {
  let text: string | null = null;
  try {
    text = await readLocal(join(workspace, inputs.config), 'utf8');
  } catch {
    if (inputs.token && sha) text = await readFile(octokit, r, inputs.config, sha);
  }
  const config = await readConfig(text, inputs.config);
  if (inputs.model) config.llm.model = inputs.model;
  if (inputs.maxPapers !== null) config.arxiv.maxPapers = inputs.maxPapers;
  return config;
}

function llmOf(ctx: Run): Llm | undefined {
  return llmFromConfig(ctx.config, {
    apiKey: ctx.inputs.openaiApiKey ?? undefined,
    baseURL: ctx.inputs.openaiBaseUrl ?? undefined,
    fetch: ctx.deps.fetch,
  });
}

function arxivOf(ctx: Run) {
  return createArxivClient({
    fetch: ctx.deps.fetch,
    baseUrl: ctx.config.arxiv.apiUrl,
    userAgent: USER_AGENT,
    ...(ctx.deps.sleep ? { sleep: ctx.deps.sleep } : {}),
  });
}

/**
 * GitHub shows at most this many annotations of each level (error, warning, notice) per step and
 * drops the rest; every finding is in the job summary's table as well.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

/** Findings as annotations on their file and line; counts into the result. */
function annotate(ctx: Run, findings: CheckFinding[]): void {
  for (const f of findings) {
    const props = { title: f.ruleId, file: f.file, startLine: f.line, startColumn: f.column };
    if (f.severity === 'error') core.error(f.message, props);
    else if (f.severity === 'warning') core.warning(f.message, props);
    else core.notice(f.message, props);
  }
  const over = (['error', 'warning', 'info'] as const).filter(
    (level) => findings.filter((f) => f.severity === level).length > ANNOTATIONS_PER_LEVEL,
  );
  if (over.length)
    core.info(
      `GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations of each level per step; all ${findings.length} findings are in the job summary.`,
    );
  ctx.result.errors += findings.filter((f) => f.severity === 'error').length;
  ctx.result.warnings += findings.filter((f) => f.severity === 'warning').length;
}

async function summary(ctx: Run, markdown: string): Promise<void> {
  if (!ctx.inputs.jobSummary) return;
  await core.summary.addRaw(markdown, true).write();
}

async function check(ctx: Run): Promise<void> {
  const pr = ctx.event.pull_request;
  if (!pr)
    throw new InputError(
      `command check needs a pull_request event, not "${ctx.eventName}"; use command: lint to check the files in the workspace.`,
    );
  const lists = await readPullRequestLists(
    ctx.octokit,
    ctx.r,
    { number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha },
    ctx.config,
  );
  if (!lists) {
    core.info('This pull request changes no list file: nothing to check.');
    await summary(ctx, '### awesome-curator\n\nThis pull request changes no list file.\n');
    return;
  }
  const own = ownPullRequest(ctx.event);
  const result = await checkPullRequest({
    primary: lists.primary,
    translation: lists.translation,
    config: ctx.config,
    arxiv: null,
    ownChange: own,
  });
  annotate(ctx, result.findings);
  const body = renderCheckComment(result);
  await summary(ctx, body.slice(COMMENT_MARKER.length).trimStart());
  // curator's own pull requests (sync, suggestions) get the summary only, no comment to itself.
  if (!ctx.inputs.comment || own) return;
  const fork =
    ctx.eventName === 'pull_request' && pr.head.repo?.full_name !== pr.base.repo.full_name;
  if (fork) {
    core.notice(
      'This pull request comes from a fork, so the workflow token is read-only: the findings are in the annotations and the job summary instead of a comment.',
    );
    return;
  }
  if (ctx.inputs.dryRun) {
    core.info('[dry run] would post or edit the awesome-curator comment on the pull request.');
    return;
  }
  try {
    const target = { ...ctx.r, issue_number: pr.number, marker: COMMENT_MARKER, author: null };
    if (isQuiet(result)) {
      // Nothing to say: no comment, or the earlier one says its problems are resolved.
      const found = await findMarkedComment(ctx.octokit, target);
      if (found) await upsertMarkedComment(ctx.octokit, target, renderResolvedComment(), found);
      return;
    }
    await upsertMarkedComment(ctx.octokit, target, body);
  } catch (error) {
    if ((error as { status?: number }).status !== 403) throw error;
    core.warning(
      'The token may not comment on this pull request (403): the findings are in the annotations and the job summary. Give the job `permissions: pull-requests: write` for the comment.',
    );
  }
}

/** Whether a file is in the workspace (the checkout). */
async function inWorkspace(ctx: Run, path: string): Promise<boolean> {
  return (await stat(join(ctx.workspace, path)).catch(() => null))?.isFile() ?? false;
}

async function lint(ctx: Run): Promise<void> {
  // The translation, when the list has one: found in the checkout by its usual name, or named in
  // the config (which must then be there).
  const config = await findTranslation(ctx.config, (path) => inWorkspace(ctx, path));
  const { primary, translation } = config.files;
  if (!(await inWorkspace(ctx, primary)))
    throw new CuratorError(`${primary}: not found in the workspace`, {
      hint: 'Add actions/checkout before this step, or set files.primary in the config',
    });
  if (translation !== null && !(await inWorkspace(ctx, translation)))
    throw missingTranslation(translation, ' in the workspace');
  const paths = translation === null ? [primary] : [primary, translation];
  const { report } = await lintFiles({
    files: paths.map((path) => ({
      path,
      read: async () => {
        try {
          return await readLocal(join(ctx.workspace, path));
        } catch {
          throw new CuratorError(`${path}: cannot be read in the workspace`, {
            hint: 'Check that actions/checkout ran before this step and the file is readable',
          });
        }
      },
    })),
    config: ctx.config,
  });
  annotate(
    ctx,
    report.files.flatMap((f) => f.findings.map((x) => ({ ...x, file: f.path }))),
  );
  const lines = [
    '### awesome-curator lint',
    '',
    `${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.infos} notes in ${paths.join(' and ')}${translation === null ? ` (${oneLanguage(config.files, 'the primary file alone is linted').replace(/\.$/, '')})` : ''}.`,
    ...renderFindingsTable(
      report.files.flatMap((f) => f.findings.map((x) => ({ ...x, file: f.path }))),
      { severity: true },
    ),
  ];
  await summary(ctx, `${lines.join('\n')}\n`);
}

async function sync(ctx: Run): Promise<void> {
  const branch = ctx.event.repository?.default_branch;
  if (ctx.eventName === 'push' && branch && ctx.event.ref !== `refs/heads/${branch}`) {
    core.info(`A push to ${ctx.event.ref}, not to ${branch}: nothing to sync.`);
    return;
  }
  const head = ctx.event.after ?? ctx.deps.env['GITHUB_SHA'];
  if (!head || !branch)
    throw new InputError('command sync needs a push event (or GITHUB_SHA and a repository).');
  // Without files.translation: the first usual name the push left (or one listing at the commit).
  const pushed = pushedFiles(ctx.event.commits ?? []);
  const config = await findTranslationOnGitHub(ctx.octokit, ctx.r, ctx.config, {
    ref: head,
    known: pushed,
  });
  const gone =
    config.files.translation === null && config.files.translationSource === 'found'
      ? removedTranslation(config.files.primary, pushed)
      : undefined;
  const outcome = await syncPr(ctx.octokit, ctx.r, {
    config,
    head,
    defaultBranch: branch,
    llm: llmOf(ctx),
    dryRun: ctx.inputs.dryRun,
    before:
      ctx.eventName === 'push' && typeof ctx.event.before === 'string'
        ? ctx.event.before
        : undefined,
    ...(gone ? { gone } : {}),
  });
  ctx.result.pullRequestUrl = outcome.pull?.url ?? '';
  const closed = `${outcome.dryRun ? '[dry run] ' : ''}sync: ${outcome.action}${outcome.pull ? ` #${outcome.pull.number}` : ''}`;
  if (config.files.translation === null) {
    // One language: nothing to sync (a stale sync PR was closed above).
    const said = oneLanguage(config.files, 'nothing to sync');
    core.info(said);
    await summary(
      ctx,
      `### awesome-curator sync\n\n${said}${outcome.action === 'closed' ? `\n\n${closed}.` : ''}\n`,
    );
    return;
  }
  if (outcome.missing === config.files.translation && config.files.translationSource !== 'found')
    throw missingTranslation(outcome.missing, ` at ${head.slice(0, 7)}`);
  const said = `${closed}, ${outcome.rows} missing row${outcome.rows === 1 ? '' : 's'}`;
  core.info(said);
  await summary(ctx, `### awesome-curator sync\n\n${said}.\n\n${outcome.body ?? ''}`);
}

async function scan(ctx: Run): Promise<void> {
  const now = ctx.deps.now();
  const config = ctx.config;
  if (ctx.inputs.since)
    config.arxiv.windowDays = Math.max(
      1,
      Math.ceil((now.getTime() - ctx.inputs.since.getTime()) / DAY),
    );
  const branch =
    ctx.event.repository?.default_branch ??
    (await ctx.octokit.rest.repos.get({ ...ctx.r })).data.default_branch;
  // The translation on the default branch: found by its usual name (one listing), or named in
  // the config, which must be there; none: one row per paper.
  const found = await findTranslationOnGitHub(ctx.octokit, ctx.r, config, { ref: branch });
  const named = found.files.translation;
  if (
    named !== null &&
    found.files.translationSource !== 'found' &&
    !(await filesIn(ctx.octokit, ctx.r, listFolder(named), branch)).has(named)
  )
    throw missingTranslation(named, ` on ${branch}`);
  const outcome = await suggestPapersPr(ctx.octokit, ctx.r, {
    config: found,
    defaultBranch: branch,
    arxiv: arxivOf(ctx),
    llm: llmOf(ctx),
    now,
    dryRun: ctx.inputs.dryRun,
  });
  ctx.result.papersSuggested = outcome.suggested;
  ctx.result.venuesUpdated = outcome.venueUpdates;
  ctx.result.pullRequestUrl = outcome.pull?.url ?? '';
  const one =
    found.files.translation === null
      ? ` ${oneLanguage(found.files, 'rows are proposed for it alone')}`
      : '';
  const said = `${describeScan(outcome)}${one}`;
  core.info(said);
  await summary(ctx, `### awesome-curator scan\n\n${said}\n\n${outcome.body ?? ''}`);
}

async function classify(ctx: Run): Promise<void> {
  const pr = ctx.event.pull_request;
  let papers: PaperInput[] = [];
  let missing: string[] = [];
  let listText: string | null = null;
  if (pr) {
    const lists = await readPullRequestLists(
      ctx.octokit,
      ctx.r,
      { number: pr.number, baseSha: pr.base.sha, headSha: pr.head.sha },
      ctx.config,
    );
    if (lists) {
      listText = lists.primary.head;
      const result = await checkPullRequest({ ...lists, config: ctx.config, arxiv: null });
      papers = result.added
        .filter((a) => a.file === ctx.config.files.primary)
        .map((a) => ({ id: a.arxivId ?? a.key, title: a.title, abstract: a.tldr ?? '' }));
    }
  } else if (ctx.event.issue) {
    const ids = arxivIdsIn(`${ctx.event.issue.title}\n${ctx.event.issue.body ?? ''}`).slice(0, 20);
    if (ids.length) ({ papers, missing } = await lookupPapers(arxivOf(ctx), ids));
  }
  listText ??= await readLocal(join(ctx.workspace, ctx.config.files.primary), 'utf8').catch(
    () => null,
  );
  if (listText === null)
    throw new CuratorError(`${ctx.config.files.primary}: not found`, {
      hint: 'Add actions/checkout before this step, or set files.primary in the config',
    });
  const result = papers.length
    ? await classifyPapers({
        list: { path: ctx.config.files.primary, bytes: new TextEncoder().encode(listText) },
        config: ctx.config,
        papers,
        llm: llmOf(ctx),
      })
    : { verdicts: [], spend: null, categories: [] };
  const table = renderClassifyReply('', { papers, result, missing });
  core.info(`classified ${result.verdicts.length} paper(s)`);
  await summary(ctx, table.trimStart());
}

/**
 * `command: translate`: the translation written or completed from the primary file on the default
 * branch, through the `curator/translate` pull request the App's `/curator translate` opens too.
 */
async function translate(ctx: Run): Promise<void> {
  const branch =
    ctx.event.repository?.default_branch ??
    (await ctx.octokit.rest.repos.get({ ...ctx.r })).data.default_branch;
  const outcome = await translatePr(ctx.octokit, ctx.r, {
    config: ctx.config,
    defaultBranch: branch,
    llm: llmOf(ctx),
    dryRun: ctx.inputs.dryRun,
  });
  ctx.result.pullRequestUrl = outcome.pull?.url ?? '';
  const said = describeTranslate(outcome).replace(/`/g, '');
  core.info(said);
  await summary(
    ctx,
    `### awesome-curator translate\n\n${describeTranslate(outcome)}\n\n${outcome.body ?? ''}`,
  );
}
