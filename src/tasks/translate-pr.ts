/**
 * Use case: `/curator translate` (the App) and `command: translate` (the Action): the translation
 * written or completed from the primary file on the default branch, through one pull request on
 * `curator/translate`.
 *
 * 1. Read the primary file and the translation (when it exists) at the default branch's head.
 * 2. translateList: nothing to add means no pull request (an open one is closed with a note).
 * 3. The open pull request already built on this head, its branch untouched: nothing is written.
 * 4. Else one commit on the head with the translation, the branch forced to it, the pull request
 *    opened or edited (the single write point; a dry run stops before it). Translations paid for
 *    ride in the body's hidden block, so rebuilding the branch later asks the LLM nothing again.
 */
import * as z from 'zod/mini';
import { markdownText } from '../classifier/sanitize.js';
import { translationUnsettled, type CuratorConfig } from '../config/index.js';
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
import { CuratorError } from '../errors.js';
import { findTranslationOnGitHub } from './find-translation.js';
import { readHiddenBlock, renderHiddenBlock } from './hidden-block.js';
import {
  DEFAULT_LANGUAGE,
  defaultTranslationPath,
  translateList,
  type TranslateListOutcome,
} from './translate-list.js';

export const TRANSLATE_BRANCH = 'curator/translate';
/** At most this many translations ride in the block (well under GitHub's body limit). */
const MAX_TRANSLATIONS = 100;

const BlockSchema = z.object({
  v: z.literal(1),
  base: z.string(),
  commit: z.string(),
  translations: z.optional(z.record(z.string(), z.string())),
});
export type TranslateBlock = z.infer<typeof BlockSchema>;

export function readTranslateBlock(body: string): TranslateBlock | null {
  return readHiddenBlock(body, 'translate', BlockSchema);
}

export interface TranslatePrOutcome {
  action: 'nothing-to-do' | 'closed' | 'unchanged' | 'created' | 'updated';
  dryRun: boolean;
  /** The translation's path. */
  path: string;
  /** The file did not exist on the default branch. */
  created: boolean;
  sections: number;
  rows: number;
  untranslatedTldrs: number;
  llmRequests: number;
  pull: { number: number; url: string } | null;
  title: string | null;
  body: string | null;
}

export function translateTitle(
  o: Pick<TranslateListOutcome, 'created' | 'path' | 'language' | 'sections' | 'rows'>,
  primary: string,
): string {
  if (o.created) return `Translate ${primary} into ${o.language}: ${o.path}`;
  const parts = [
    ...(o.sections ? [`${o.sections} section${o.sections === 1 ? '' : 's'}`] : []),
    ...(o.rows ? [`${o.rows} row${o.rows === 1 ? '' : 's'}`] : []),
  ];
  return `Complete ${o.path} from ${primary}${parts.length ? `: ${parts.join(', ')}` : ': TL;DRs translated'}`;
}

export function renderTranslateBody(
  o: TranslateListOutcome,
  primary: string,
  block: TranslateBlock,
): string {
  const out = [
    o.created
      ? `\`${o.path}\` is written from \`${primary}\` in ${markdownText(o.language, 60)}, as a maintainer asked with \`/curator translate\`: the same headings, tables, lists, badges, links and code blocks, line for line.`
      : `\`${o.path}\` gets what it lacks from \`${primary}\`, as a maintainer asked with \`/curator translate\`; every line it has stays as it is.`,
    '',
    `- Sections written: ${o.sections}; paper rows written: ${o.rows} (each with every lint fix).`,
    `- Translated: ${o.translated} headings, prose lines and TL;DRs; kept in the source language: ${o.untranslated}${o.untranslatedTldrs ? `, of which ${o.untranslatedTldrs} TL;DR${o.untranslatedTldrs === 1 ? '' : 's'} (\`curator sync\` lists them as \`sync-untranslated\`)` : ''}.`,
  ];
  if (o.reasons.length)
    out.push(
      `- Why texts kept the source language: ${o.reasons.map((r) => `${markdownText(r.reason, 200)} (${r.count})`).join('; ')}.`,
    );
  if (o.unknownTerms.length)
    out.push(
      `- Tags and keywords the glossary does not know, kept as they are: ${o.unknownTerms
        .slice(0, 40)
        .map((t) => `\`${markdownText(t, 60).replace(/`/g, '')}\``)
        .join(
          ', ',
        )}${o.unknownTerms.length > 40 ? ', …' : ''}. Add them to \`sync.glossary\` in the curator config to translate them.`,
    );
  for (const note of o.notes) out.push(`- ${markdownText(note, 400)}.`);
  out.push(
    '',
    'The branch is rebuilt on the default branch each time `/curator translate` runs, so it never conflicts; edits made on it are replaced then. Merge it first, then edit.',
    '',
    renderHiddenBlock('translate', block),
  );
  return `${out.join('\n')}\n`;
}

export async function translatePr(
  octokit: GitHubClient,
  r: RepoRef,
  input: {
    config: CuratorConfig;
    defaultBranch: string;
    llm?: Llm | undefined;
    language?: string | undefined;
    dryRun?: boolean;
  },
): Promise<TranslatePrOutcome> {
  const dryRun = input.dryRun ?? false;
  const head = await branchHead(octokit, r, input.defaultBranch);
  if (!head) throw new CuratorError(`the default branch ${input.defaultBranch} was not found`);
  // Without files.translation in the config, the translation is the usual name that exists.
  const config = translationUnsettled(input.config.files)
    ? await findTranslationOnGitHub(octokit, r, input.config, { ref: head })
    : input.config;
  const primaryPath = config.files.primary;
  const path = config.files.translation ?? defaultTranslationPath(primaryPath);
  const primary = await readFile(octokit, r, primaryPath, head);
  if (primary === null)
    throw new CuratorError(`${primaryPath} is not on ${input.defaultBranch}`, {
      hint: 'Set files.primary in .github/curator.yml',
    });
  // A translation known to be absent (none of the usual names) is not asked for.
  const existing =
    config.files.translation === null ? null : await readFile(octokit, r, path, head);
  const open =
    (await pullsFromBranch(octokit, r, TRANSLATE_BRANCH)).find(
      (p) => p.state === 'open' && readTranslateBlock(p.body) !== null,
    ) ?? null;
  const previous = open ? readTranslateBlock(open.body) : null;
  const translations = new Map(Object.entries(previous?.translations ?? {}));
  const outcome = await translateList({
    primary: { path: primaryPath, text: primary },
    translation: { path, text: existing },
    config,
    language: input.language ?? DEFAULT_LANGUAGE,
    llm: input.llm,
    translations,
    offlineReason: 'no LLM is configured for this App or workflow',
  });
  const counts = {
    dryRun,
    path,
    created: outcome.created,
    sections: outcome.sections,
    rows: outcome.rows,
    untranslatedTldrs: outcome.untranslatedTldrs,
    llmRequests: outcome.llmRequests,
  };
  const none = { ...counts, pull: null, title: null, body: null };
  if (!outcome.changed) {
    if (!open) return { ...none, action: 'nothing-to-do' };
    if (!dryRun)
      await closePull(
        octokit,
        r,
        open.number,
        `\`${path}\` on the default branch has every section and paper row of \`${primaryPath}\` now, so this pull request is no longer needed.`,
      );
    return { ...none, action: 'closed', pull: { number: open.number, url: open.url } };
  }
  const branchSha = await branchHead(octokit, r, TRANSLATE_BRANCH);
  if (open && previous && previous.base === head && previous.commit === branchSha)
    return { ...none, action: 'unchanged', pull: { number: open.number, url: open.url } };
  const kept = [...translations].slice(-MAX_TRANSLATIONS);
  const block = (commit: string): TranslateBlock => ({
    v: 1,
    base: head,
    commit,
    ...(kept.length ? { translations: Object.fromEntries(kept) } : {}),
  });
  const title = translateTitle(outcome, primaryPath);
  if (dryRun)
    return {
      ...counts,
      title,
      body: renderTranslateBody(outcome, primaryPath, block('(dry run)')),
      action: open ? 'updated' : 'created',
      pull: open ? { number: open.number, url: open.url } : null,
    };
  const pull = await publishPull(octokit, r, {
    branch: TRANSLATE_BRANCH,
    base: input.defaultBranch,
    parent: head,
    message: `${title}\n\nMade by awesome-curator on ${head.slice(0, 7)}.`,
    files: [{ path, text: outcome.text }],
    branchExists: branchSha !== null,
    title,
    body: (commit) => renderTranslateBody(outcome, primaryPath, block(commit)),
    open,
  });
  return {
    ...counts,
    title,
    body: pull.body,
    action: pull.action,
    pull: { number: pull.number, url: pull.url },
  };
}

/** One line on what happened, for the App's reply and the Action's log. */
export function describeTranslate(o: TranslatePrOutcome): string {
  const pr = o.pull ? `#${o.pull.number}` : 'the pull request';
  const what = `${o.created ? 'writes' : 'completes'} \`${o.path}\` (${o.sections} section${o.sections === 1 ? '' : 's'}, ${o.rows} paper row${o.rows === 1 ? '' : 's'}${o.untranslatedTldrs ? `; ${o.untranslatedTldrs} TL;DR${o.untranslatedTldrs === 1 ? '' : 's'} still in the source language` : ''})`;
  switch (o.action) {
    case 'nothing-to-do':
      return `\`${o.path}\` already has every section and paper row of the primary file: nothing to translate.`;
    case 'closed':
      return `\`${o.path}\` already has every section and paper row of the primary file; ${pr} was closed.`;
    case 'unchanged':
      return `${pr} ${what} and is up to date with the default branch: nothing changed.`;
    case 'created':
      return `${o.dryRun ? '[dry run] Would open a pull request that' : `Opened ${pr}, which`} ${what}.`;
    case 'updated':
      return `${o.dryRun ? `[dry run] Would rebuild ${pr}, which` : `Rebuilt ${pr}, which`} ${what}.`;
  }
}
