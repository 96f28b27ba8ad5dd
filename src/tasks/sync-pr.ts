/**
 * The sync pull request's title and body, without GitHub: the rows each file lacks, and a hidden
 * block recording the commit it was built on and the commit the App made (a rerun on the same
 * push finds them and writes nothing).
 */
import * as z from 'zod/mini';
import { markdownText } from '../classifier/sanitize.js';
import type { CuratorConfig } from '../config/index.js';
import {
  branchHead,
  closePull,
  publishPull,
  pullsFromBranch,
  readFile,
  type GitHubClient,
  type RepoRef,
} from '../github/index.js';
import type { Llm } from '../llm/client.js';
import { readHiddenBlock, renderHiddenBlock } from './hidden-block.js';
import { parseList } from '../list/index.js';
import { parseOptionsFrom } from './lint-files.js';
import { syncReadmes, type SyncOutcome } from './sync-readmes.js';

export const SYNC_BRANCH = 'curator/sync';
const BlockSchema = z.object({
  v: z.literal(1),
  base: z.string(),
  commit: z.string(),
  /** TL;DR translations paid for, by `translationKey`: a rebuild after a push reuses them. */
  translations: z.optional(z.record(z.string(), z.string())),
});
/** At most this many translations ride in the block (well under GitHub's body limit). */
const MAX_TRANSLATIONS = 100;
export type SyncBlock = z.infer<typeof BlockSchema>;

export function readSyncBlock(body: string): SyncBlock | null {
  return readHiddenBlock(body, 'sync', BlockSchema);
}

export function syncTitle(
  o: Pick<SyncOutcome, 'rows' | 'rowsCorrected'> &
    Partial<Pick<SyncOutcome, 'rowsRemoved' | 'rowsMoved'>>,
): string {
  const plural = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  const parts = [
    ...(o.rows.length ? [plural(o.rows.length, 'missing row')] : []),
    ...(o.rowsRemoved?.length ? [`${plural(o.rowsRemoved.length, 'row')} removed`] : []),
    ...(o.rowsMoved?.length ? [`${plural(o.rowsMoved.length, 'row')} moved`] : []),
  ];
  return parts.length
    ? `Sync the READMEs: ${parts.join(', ')}`
    : `Sync the READMEs: ${plural(o.rowsCorrected, 'row')} corrected`;
}

export function renderSyncBody(
  o: Pick<SyncOutcome, 'rows' | 'rowsCorrected'> &
    Partial<Pick<SyncOutcome, 'rowsLintFixed' | 'rowsRemoved' | 'rowsMoved'>>,
  block: SyncBlock,
): string {
  const out = [
    `The last push to the default branch left the two READMEs out of step. This pull request adds what each file lacks${o.rowsCorrected ? ` and copies titles, links, venues and code links to ${o.rowsCorrected} row${o.rowsCorrected === 1 ? '' : 's'} of the translation` : ''}.`,
    '',
  ];
  const fixed = o.rowsLintFixed ?? [];
  if (fixed.length)
    out.push(
      `The copied rows get the lint fixes the PR check proposed (link, venue, code link, tags), in both files: ${fixed
        .map((f) => `\`${f.path}\` line${f.lines.length === 1 ? '' : 's'} ${f.lines.join(', ')}`)
        .join('; ')}.`,
      '',
    );
  for (const r of o.rowsRemoved ?? [])
    out.push(
      `- \`${r.path}\` line ${r.line}, under "${markdownText(r.section, 120)}": removed (${
        r.reason === 'extra-copy'
          ? 'an extra copy of a paper the file lists already'
          : 'a paper the primary file no longer lists'
      }).`,
    );
  for (const m of o.rowsMoved ?? [])
    out.push(
      `- \`${m.path}\` line ${m.fromLine}: moved from "${markdownText(m.fromSection, 120)}" to "${markdownText(m.section, 120)}", where the primary file lists it.`,
    );
  if ((o.rowsRemoved?.length ?? 0) + (o.rowsMoved?.length ?? 0) && o.rows.length) out.push('');
  for (const r of o.rows) {
    out.push(
      `- \`${r.file}\`, under "${markdownText(r.section, 120)}"${r.needsTranslation ? ' (TL;DR still to translate)' : ''}:`,
      '',
      '  ```markdown',
      // Every line of a list item that spans lines stays inside the fence.
      `  ${r.row.replace(/```/g, "'''").replace(/\n/g, '\n  ')}`,
      '  ```',
    );
  }
  out.push(
    '',
    'The branch is rebuilt on the default branch after each push that changes a README, so it never conflicts; edits made on it are replaced then.',
    '',
    renderHiddenBlock('sync', block),
  );
  return `${out.join('\n')}\n`;
}

export interface SyncPrOutcome {
  action: 'in-sync' | 'closed' | 'unchanged' | 'created' | 'updated';
  /** A list file that is not on the pushed commit (nothing to sync; a sync PR is closed). */
  missing?: string;
  dryRun: boolean;
  rows: number;
  pull: { number: number; url: string } | null;
  title: string | null;
  body: string | null;
}

/**
 * Use case: after a push to the default branch, bring the READMEs into step through one pull
 * request on `curator/sync` (the App and the Action share it).
 *
 * 1. Read both files at the pushed commit and sync them with `fix`.
 * 2. In step: close a stale sync PR, if any, and stop.
 * 3. The open sync PR already built on this commit, branch untouched: stop.
 * 4. One commit on the pushed commit with both files, the branch forced to it, the PR opened or
 *    edited (the single write point; a dry run stops before it).
 */
export async function syncPr(
  octokit: GitHubClient,
  r: RepoRef,
  input: {
    config: CuratorConfig;
    head: string;
    defaultBranch: string;
    llm?: Llm | undefined;
    dryRun?: boolean;
    /**
     * The translation the push removed, when the config does not name it (found by its usual
     * name, now gone: the list has one language): the open sync PR is closed saying so.
     */
    gone?: string;
    /**
     * The commit before the push: a paper only the translation lists that it gained in this
     * push is a new addition (copied to the primary file), not one the primary dropped.
     */
    before?: string | undefined;
  },
): Promise<SyncPrOutcome> {
  const { config, head } = input;
  const dryRun = input.dryRun ?? false;
  const { primary: primaryPath, translation: translationPath } = config.files;
  const none = { dryRun, rows: 0, pull: null, title: null, body: null };
  if (!translationPath) {
    const { gone } = input;
    const found = config.files.translationSource === 'found';
    const open = await openSyncPull(octokit, r);
    if (!open) return { ...none, ...(gone ? { missing: gone } : {}), action: 'in-sync' };
    if (!dryRun)
      await closePull(
        octokit,
        r,
        open.number,
        gone
          ? `\`${gone}\` is not on the default branch any more (commit ${head.slice(0, 7)}), so the list has one language and there is nothing to sync, and merging this pull request would bring the file back. To keep two languages, restore \`${gone}\` (or run \`curator translate\`) and the App opens a new sync pull request; to say one language on purpose, set \`files.translation: null\` in the curator config.`
          : found
            ? `There is no translation next to \`${primaryPath}\` on the default branch (commit ${head.slice(0, 7)}): the list has one language, so there is nothing to sync.`
            : 'The curator config has `files.translation: null` now: the list has one language, so there is nothing to sync.',
      );
    return {
      ...none,
      ...(gone ? { missing: gone } : {}),
      action: 'closed',
      pull: { number: open.number, url: open.url },
    };
  }
  const primary = await readFile(octokit, r, primaryPath, head);
  const translation = await readFile(octokit, r, translationPath, head);
  if (primary === null || translation === null) {
    const missing = primary === null ? primaryPath : translationPath;
    const open = await openSyncPull(octokit, r);
    if (!open) return { ...none, missing, action: 'in-sync' };
    if (!dryRun)
      await closePull(
        octokit,
        r,
        open.number,
        `\`${missing}\` is not on the default branch any more (commit ${head.slice(0, 7)}), so there is nothing to sync, and merging this pull request would bring the file back. ${
          missing === translationPath
            ? `If the list is meant to have one language now, set \`files.translation: null\` in the curator config; to keep two languages, restore \`${missing}\` and the App opens a new sync pull request.`
            : `If the list moved to another file, set \`files.primary\` in the curator config to its new path.`
        }`,
      );
    return { ...none, missing, action: 'closed', pull: { number: open.number, url: open.url } };
  }
  const open = await openSyncPull(octokit, r);
  const previous = open ? readSyncBlock(open.body) : null;
  const translations = new Map(Object.entries(previous?.translations ?? {}));
  const sync = (keepTranslationOnly?: ReadonlySet<string>) =>
    syncReadmes({
      primary: { path: primaryPath, text: primary },
      translation: { path: translationPath, text: translation },
      config,
      fix: true,
      llm: input.llm,
      translations,
      keepTranslationOnly,
    });
  let outcome = await sync();
  // Deleting a paper only the translation lists is right when the primary dropped it, wrong when
  // the translation just gained it: the translation before the push tells (one read, only then).
  const dropping = outcome.rowsRemoved.filter((x) => x.reason === 'not-in-primary');
  if (dropping.length && input.before && !/^0+$/.test(input.before)) {
    const earlier = await readFile(octokit, r, translationPath, input.before);
    if (earlier !== null) {
      const had = new Set(
        parseList(earlier, translationPath, parseOptionsFrom(config)).rows.map((x) => x.key),
      );
      const gained = new Set(dropping.map((x) => x.key).filter((k) => !had.has(k)));
      if (gained.size) outcome = await sync(gained);
    }
  }
  // The newest translations ride on in the block, so the next rebuild does not pay for them.
  const kept = [...translations].slice(-MAX_TRANSLATIONS);
  const block = (commit: string): SyncBlock => ({
    v: 1,
    base: head,
    commit,
    ...(kept.length ? { translations: Object.fromEntries(kept) } : {}),
  });
  const rows = outcome.rows.length;
  if (outcome.changes.length === 0) {
    if (!open) return { ...none, action: 'in-sync' };
    if (!dryRun)
      await closePull(
        octokit,
        r,
        open.number,
        'The READMEs are in step on the default branch now, so this pull request is no longer needed.',
      );
    return { ...none, action: 'closed', pull: { number: open.number, url: open.url } };
  }
  const branchSha = await branchHead(octokit, r, SYNC_BRANCH);
  if (open && previous && previous.base === head && previous.commit === branchSha)
    return { ...none, rows, action: 'unchanged', pull: { number: open.number, url: open.url } };
  const title = syncTitle(outcome);
  if (dryRun)
    return {
      ...none,
      rows,
      title,
      body: renderSyncBody(outcome, block('(dry run)')),
      action: open ? 'updated' : 'created',
      pull: open ? { number: open.number, url: open.url } : null,
    };
  const pull = await publishPull(octokit, r, {
    branch: SYNC_BRANCH,
    base: input.defaultBranch,
    parent: head,
    message: `${title}\n\nMade by awesome-curator after ${head.slice(0, 7)}.`,
    files: outcome.changes,
    branchExists: branchSha !== null,
    title,
    body: (commit) => renderSyncBody(outcome, block(commit)),
    open,
  });
  return {
    dryRun,
    rows,
    title,
    body: pull.body,
    action: pull.action,
    pull: { number: pull.number, url: pull.url },
  };
}

/** The open pull request from the sync branch that the App made (it carries the sync block). */
async function openSyncPull(octokit: GitHubClient, r: RepoRef) {
  return (
    (await pullsFromBranch(octokit, r, SYNC_BRANCH)).find(
      (p) => p.state === 'open' && readSyncBlock(p.body) !== null,
    ) ?? null
  );
}
