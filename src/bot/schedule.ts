/**
 * Scheduled arXiv scans, run by the App itself. Every hour it walks its installations'
 * repositories; a repository is due when the hour, counted from the epoch, falls on its own slot
 * within `arxiv.scanEveryHours` (the slot comes from a hash of its name, so repositories are
 * spread over the interval instead of all scanning at once). Nothing is stored: a restarted
 * server or a second replica computes the same slots, and a scan that finds nothing new writes
 * nothing, so running one twice is harmless.
 */
import { createHash } from 'node:crypto';
import { Context, type Probot } from 'probot';
import { CuratorError, describeError } from '../errors.js';
import type { GitHubClient } from '../github/index.js';
import { loadRepoConfig } from './config.js';
import { describeScan, suggestPapersPr } from '../tasks/suggest-papers-pr.js';
import { arxivFor, llmFor, type BotServices } from './services.js';

export const HOUR = 3_600_000;

/** Whether `fullName` is due at `at` when it scans every `everyHours` hours (0: never). */
export function isDue(fullName: string, everyHours: number, at: Date): boolean {
  if (everyHours <= 0) return false;
  const slot = createHash('sha256').update(fullName.toLowerCase()).digest().readUInt32BE(0);
  return Math.floor(at.getTime() / HOUR) % everyHours === slot % everyHours;
}

export interface ScheduledRun {
  repo: string;
  result: string;
}

/** One tick: scan every repository that is due at `at`. Failures are logged per repository. */
export async function runScheduledScans(
  app: Probot,
  services: BotServices,
  at: Date,
): Promise<ScheduledRun[]> {
  const runs: ScheduledRun[] = [];
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, {
    per_page: 100,
  });
  for (const installation of installations) {
    if (installation.suspended_at) continue;
    const octokit = await app.auth(installation.id);
    const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
      per_page: 100,
    });
    for (const repo of repos) {
      if (repo.archived || repo.disabled) continue;
      const r = { owner: repo.owner.login, repo: repo.name };
      try {
        const context = new Context(
          {
            id: `schedule-${at.toISOString()}`,
            name: 'repository',
            payload: { repository: repo, installation: { id: installation.id } },
          } as never,
          octokit,
          app.log,
        );
        const config = await loadRepoConfig(context, services.env);
        if (!isDue(repo.full_name, config.arxiv.scanEveryHours, at)) continue;
        const outcome = await suggestPapersPr(octokit as unknown as GitHubClient, r, {
          config,
          defaultBranch: repo.default_branch,
          arxiv: arxivFor(services, config),
          llm: llmFor(services, config),
          now: services.now(),
        });
        runs.push({ repo: repo.full_name, result: describeScan(outcome) });
      } catch (error) {
        const what =
          error instanceof CuratorError ? describeError(error) : (error as Error).message;
        app.log.error({ err: error, repo: repo.full_name }, `scheduled scan failed: ${what}`);
        runs.push({ repo: repo.full_name, result: `failed: ${what.split('\n')[0]}` });
      }
    }
  }
  return runs;
}

/** Tick at the start of every hour until stopped. The timer does not keep the process alive. */
export function startScheduler(tick: (at: Date) => Promise<unknown>, now: () => Date): () => void {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const wait = HOUR - (now().getTime() % HOUR) + 1_000;
    timer = setTimeout(() => {
      void tick(now()).finally(schedule);
    }, wait);
    timer.unref();
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    timer = null;
  };
}
