/**
 * The rolling suggestion pull request, without GitHub: its body (every paper with section,
 * confidence and rationale, plus a hidden machine-readable block), reading that block back, and
 * working out which papers a maintainer rejected. All state lives in the pull requests themselves:
 *
 * - a paper listed by a closed suggestion PR (merged or not) that is not in the list now was
 *   rejected: closed unmerged, deleted from the branch before merging, or removed later;
 * - a paper listed by the open suggestion PR whose row is gone from its branch was rejected;
 * - each body carries the rejections it knows forward, so they outlive the PR they came from.
 *
 * Venue updates (a listed preprint that arXiv now gives a venue) follow the same rules, keyed by
 * paper and venue: a proposed venue that is not in the list after its PR closed, or that was
 * edited away on the open PR's branch, is rejected, and that venue is not proposed again for that
 * paper (another venue later is a new proposal).
 *
 * The block also carries the LLM verdicts of the scan's candidates (off-topic ones included), by
 * cache key: the next scan reads them back as its cache, so papers still in its window are not
 * paid for again. They are bounded to what fits under GitHub's body limit, the oldest papers
 * dropped first.
 */
import { describeOffline } from './offline-reasons.js';
import * as z from 'zod/mini';
import { keyId, validEntries } from '../classifier/cache.js';
import { markdownText } from '../classifier/sanitize.js';
import type { Verdict } from '../classifier/verdict.js';
import type { CuratorConfig } from '../config/index.js';
import { canonicalArxivUrl, parseArxivRef, parseList } from '../list/index.js';
import { readHiddenBlock, renderHiddenBlock } from './hidden-block.js';
import { parseOptionsFrom } from './lint-files.js';
import type { ScanResult } from './scan-arxiv.js';

export const SUGGEST_BRANCH = 'curator/arxiv';

const Id = z.string().check(z.refine((s) => parseArxivRef(s)?.form === 'bare'));
/** A venue update: the paper and the venue proposed for it. */
const VenuePair = z.tuple([Id, z.string()]);
const BlockSchema = z.object({
  v: z.literal(1),
  /** The papers this PR suggests. */
  ids: z.array(Id),
  /** Papers maintainers rejected, carried from run to run. */
  rejected: z.array(Id),
  /** The default branch commit the PR was built on, and the commit the App made. */
  base: z.string(),
  commit: z.string(),
  /** Venue updates this PR proposes (absent in bodies written before venue updates). */
  venues: z.optional(z.array(VenuePair)),
  /** Venue updates maintainers rejected, carried from run to run. */
  rejectedVenues: z.optional(z.array(VenuePair)),
  /**
   * LLM verdicts by cache key (`id|text hash|guidelines hash|model[|language]`), newest paper
   * first; absent in older bodies. Loose here and checked entry by entry ({@link blockVerdicts}),
   * so one damaged verdict does not cost the rejections.
   */
  verdicts: z.optional(z.record(z.string(), z.unknown())),
});
export type SuggestionBlock = z.infer<typeof BlockSchema>;

/** The hidden block of a body the App wrote, or null (absent, or not valid). */
export function readBlock(body: string): SuggestionBlock | null {
  return readHiddenBlock(body, 'suggestions', BlockSchema);
}

export interface PastPull {
  state: 'open' | 'closed';
  body: string;
}

/** The verdicts the blocks of these pull requests carry (valid entries only): a scan's cache. */
export function blockVerdicts(pulls: readonly Pick<PastPull, 'body'>[]): Record<string, Verdict> {
  const all: Record<string, Verdict> = {};
  for (const p of pulls) {
    const { entries } = validEntries(readBlock(p.body)?.verdicts ?? {});
    for (const [key, verdict] of Object.entries(entries)) all[key] ??= verdict;
  }
  return all;
}

/** GitHub refuses longer bodies; the verdicts take what room the rest of the body leaves. */
export const MAX_BODY = 65_536;
/** Kept free under the limit (lengths here count UTF-16 units, never fewer than GitHub's characters). */
const BODY_ROOM = MAX_BODY - 2_000;

/**
 * The verdicts to write in a block, newest paper first, within `room` characters as rendered.
 * An off-topic verdict keeps only what a scan reads of it (no category, its confidence): its
 * rationale and TL;DR are shown nowhere.
 */
function fitVerdicts(verdicts: Record<string, unknown>, room: number): Record<string, Verdict> {
  const { entries } = validEntries(verdicts);
  const newestFirst = Object.entries(entries).sort(([a], [b]) =>
    keyId(a) === keyId(b) ? (a < b ? -1 : 1) : keyId(a) < keyId(b) ? 1 : -1,
  );
  const kept: Record<string, Verdict> = {};
  let used = 0;
  for (const [key, v] of newestFirst) {
    const verdict: Verdict =
      v.category === null
        ? { ...v, section: null, rationale: '', runnerUp: null, tags: [], tldr: '' }
        : v;
    if (verdict.category === null) delete verdict.tldrTranslated;
    const json = `${JSON.stringify(key)}:${JSON.stringify(verdict)},`;
    // `<`, `>` and `&` are written as six-character escapes (see hidden-block.ts).
    used += json.length + 5 * (json.match(/[<>&]/g)?.length ?? 0);
    if (used > room) break;
    kept[key] = verdict;
  }
  return kept;
}

/** The block's line, its verdicts fitted into the room that `rest` characters of body leave. */
function blockLine(block: SuggestionBlock, rest: number): string {
  const { verdicts, ...bare } = block;
  const line = renderHiddenBlock('suggestions', bare);
  if (!verdicts || Object.keys(verdicts).length === 0) return line;
  const room = BODY_ROOM - rest - line.length - ',"verdicts":{}'.length;
  return renderHiddenBlock('suggestions', { ...bare, verdicts: fitVerdicts(verdicts, room) });
}

/**
 * A body the App wrote with its block's verdicts replaced (all else as it was), or null when the
 * body has no valid block. For a pull request that is closing or closed: its ids stay as they are,
 * since they tell which papers were turned down.
 */
export function withVerdicts(body: string, verdicts: Record<string, Verdict>): string | null {
  const block = readBlock(body);
  if (!block) return null;
  const start = body.indexOf('<!-- awesome-curator:suggestions {');
  const end = body.indexOf('\n', start);
  const head = body.slice(0, start);
  const tail = end === -1 ? '' : body.slice(end);
  return `${head}${blockLine({ ...block, verdicts }, head.length + tail.length)}${tail}`;
}

/**
 * The ids maintainers rejected. `listed` holds the ids in the list on the default branch;
 * `onBranch` the ids still in the open PR's branch (null when there is no open PR).
 */
export function rejectedIds(
  pulls: PastPull[],
  listed: ReadonlySet<string>,
  onBranch: ReadonlySet<string> | null,
): string[] {
  const rejected = new Set<string>();
  for (const p of pulls) {
    const block = readBlock(p.body);
    if (!block) continue;
    for (const id of block.rejected) rejected.add(id);
    for (const id of block.ids) {
      if (listed.has(id)) continue;
      if (p.state === 'closed' || (onBranch && !onBranch.has(id))) rejected.add(id);
    }
  }
  return [...rejected].sort();
}

/** Two venues are the same when they render the same (runs of white space folded). */
const sameVenue = (a: string | undefined, b: string) =>
  a !== undefined && a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/**
 * The venue updates maintainers rejected, as `[id, venue]` pairs. `listed` maps each arXiv id in
 * the list on the default branch to its venue; `onBranch` the same for the open PR's branch (null
 * when there is no open PR).
 */
export function rejectedVenues(
  pulls: PastPull[],
  listed: ReadonlyMap<string, string>,
  onBranch: ReadonlyMap<string, string> | null,
): [string, string][] {
  const rejected = new Map<string, [string, string]>();
  const add = (pair: [string, string]) => rejected.set(JSON.stringify(pair), pair);
  for (const p of pulls) {
    const block = readBlock(p.body);
    if (!block) continue;
    for (const pair of block.rejectedVenues ?? []) add(pair);
    for (const [id, venue] of block.venues ?? []) {
      if (sameVenue(listed.get(id), venue)) continue;
      if (p.state === 'closed' || (onBranch && !sameVenue(onBranch.get(id), venue)))
        add([id, venue]);
    }
  }
  return [...rejected.values()].sort(
    (a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]),
  );
}

const cell = (text: string, max = 300) => markdownText(text, max);

export function suggestionTitle(count: number, venues = 0): string {
  const papers = `${count} paper${count === 1 ? '' : 's'}`;
  const updates = `${venues} venue${venues === 1 ? '' : 's'}`;
  if (venues === 0) return `Suggest ${papers} from arXiv`;
  if (count === 0) return `Update ${updates} from arXiv`;
  return `Suggest ${papers} and update ${updates} from arXiv`;
}

export function renderSuggestionBody(
  result: Pick<ScanResult, 'suggested' | 'venueUpdates'> & { spend?: ScanResult['spend'] },
  block: SuggestionBlock,
  window: { since: Date; until: Date },
): string {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const out = [
    `awesome-curator searched arXiv for papers submitted from ${day(window.since)} to ${day(window.until)} and classified them with this list's own guidelines.`,
    '',
  ];
  if (result.suggested.length) {
    out.push(
      '| Paper | Section | Confidence | Why |',
      '| :--- | :--- | ---: | :--- |',
      ...result.suggested.map(
        (s) =>
          `| [${cell(s.title, 200)}](${canonicalArxivUrl(s.arxivId)}) | ${cell(s.section, 120)} | ${s.confidence.toFixed(2)} | ${cell(s.rationale)}${s.needsTranslation ? ' _(TL;DR still in English in the translation)_' : ''} |`,
      ),
    );
  }
  const offline = result.spend?.offline ?? [];
  if (offline.length) out.push('', `_${describeOffline(offline, (reason) => cell(reason, 160))}_`);
  if (result.venueUpdates.length) {
    out.push('', 'Venues that listed preprints have gained since:', '');
    for (const v of result.venueUpdates)
      out.push(`- \`${v.file}:${v.line}\` ${cell(v.from, 80)} → ${cell(v.to, 80)}`);
  }
  out.push(
    '',
    result.venueUpdates.length
      ? 'To turn a paper down, delete its row from this branch; to turn a venue down, put the old venue back in its row. Closing this pull request turns everything in it down. What is turned down is never suggested again. Other edits to this branch are replaced at the next scan (it is rebuilt on the default branch each time, so it never conflicts).'
      : 'To turn a paper down, delete its row from this branch, or close this pull request to turn them all down: rejected papers are never suggested again. Other edits to this branch are replaced at the next scan (it is rebuilt on the default branch each time, so it never conflicts).',
  );
  const text = `${out.join('\n')}\n\n`;
  return `${text}${blockLine(block, text.length + 1)}\n`;
}

/** The arXiv ids (without version) of the papers in a list. */
export function listedArxivIds(text: string, path: string, config: CuratorConfig): Set<string> {
  return new Set(listedVenues(text, path, config).keys());
}

/** Each listed arXiv id (without version) and its venue as written (empty when none). */
export function listedVenues(
  text: string,
  path: string,
  config: CuratorConfig,
): Map<string, string> {
  const list = parseList(text, path, parseOptionsFrom(config));
  const venues = new Map<string, string>();
  for (const row of list.rows)
    if (row.arxiv && !venues.has(row.arxiv.id)) venues.set(row.arxiv.id, row.venue ?? '');
  return venues;
}
