/**
 * Use case: watch arXiv for papers that belong in the list and propose rows for both READMEs.
 *
 * 1. Read both lists and the primary list's guidelines; search terms are the categories'
 *    **Keywords** plus config.
 * 2. Fetch the search result pages for the date window (one request per page).
 * 3. Drop what the list has (arXiv id, any version; normalised title) and what a maintainer rejected.
 * 4. Classify: the offline classifier first; with an LLM, what passes goes to it in batches.
 * 5. Keep confident verdicts with a category, the surest first, up to the cap.
 * 6. Build each entry for both files in that file's own shape and style (a table row, or a list
 *    item shaped like its neighbours; venue from the journal reference or comment, code link from
 *    the abstract, authors, tags through the glossary) and insert it in its section, in the
 *    list's order (newest first unless it keeps oldest first).
 * 7. Look up the listed preprints (100 ids per request) for venues they have gained since.
 * 8. Return the plan and the new texts; the door decides whether to write them.
 */
import { trackingCache, type VerdictCache } from '../classifier/cache.js';
import { readGuidelines } from '../classifier/guidelines.js';
import { cleanPaper, llmClassifier, type Spend } from '../classifier/llm-classifier.js';
import { offlineClassifier } from '../classifier/offline.js';
import { capWords, inertText, sanitizeText } from '../classifier/sanitize.js';
import type { Verdict } from '../classifier/verdict.js';
import type { CuratorConfig } from '../config/index.js';
import { venueOf, type ArxivClient, type ArxivEntry } from '../arxiv/index.js';
import type { Llm } from '../llm/client.js';
import {
  applyEdits,
  arxivVenue,
  arxivYearMonth,
  categorySections,
  diffLists,
  insertRow,
  learnStyle,
  normaliseTitle,
  openList,
  parseList,
  renderEntry,
  replaceRow,
  type ListStyle,
  type PaperList,
  type PaperTable,
  type ParseOptions,
  type Section,
  type TextEdit,
} from '../list/index.js';
import { withCell } from '../lint/index.js';
import { listGlossary } from './list-glossary.js';
import { fixRows, lintOptionsFrom, parseOptionsFrom, pinnedStyle } from './lint-files.js';

export type SkipReason =
  'already-listed' | 'rejected' | 'off-topic' | 'low-confidence' | 'over-cap';

export interface Suggestion {
  arxivId: string;
  title: string;
  category: string;
  section: string;
  confidence: number;
  rationale: string;
  source: Verdict['source'];
  /** The new row for each file, by path. */
  rows: Record<string, string>;
  /** The translated file got the English TL;DR: a translator should look at it. */
  needsTranslation: boolean;
}

export interface VenueUpdate {
  arxivId: string;
  file: string;
  line: number;
  from: string;
  to: string;
}

export interface ScanInput {
  primary: { path: string; text: string };
  translation: { path: string; text: string } | null;
  config: CuratorConfig;
  client: ArxivClient;
  since: Date;
  until: Date;
  /** Overrides config.arxiv.maxPapers. */
  max?: number | undefined;
  llm?: Llm | undefined;
  cache?: VerdictCache | undefined;
  progress?: ((line: string) => void) | undefined;
  /** Search pages of this size (arXiv allows up to 2,000; 100 keeps replies small). */
  pageSize?: number;
  /** Safety stop for a very wide window. */
  maxPages?: number;
  /** Papers to consider instead of searching (already looked up by id). */
  entries?: ArxivEntry[] | undefined;
  /** Look up listed preprints for venues they gained (default true). */
  venueUpdates?: boolean;
  /**
   * The new texts in `changes` are made when first read, not before (a dry run that reads none
   * never makes them). Default: made at once.
   */
  lazyTexts?: boolean;
  /** Venue updates a maintainer turned down, as `[arXiv id, venue]`: not proposed again. */
  rejectedVenues?: readonly (readonly [string, string])[] | undefined;
}

export interface ScanResult {
  candidates: number;
  suggested: Suggestion[];
  skipped: { arxivId: string; reason: SkipReason }[];
  venueUpdates: VenueUpdate[];
  /** The files as they would be after the scan (only those that change). */
  changes: { path: string; text: string }[];
  requests: { arxiv: number; llm: number };
  spend: Spend | null;
  /**
   * The LLM verdicts this scan used (asked for, or found in the cache), by cache key: what the
   * next scan needs as its cache (the suggestion PR's hidden block, the CLI's cache file).
   */
  llmVerdicts: Record<string, Verdict>;
  /** Problems with the config's pins (a pin naming no category is ignored), one sentence each. */
  notes?: string[];
}

const GITHUB =
  /https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9-]+\/[A-Za-z0-9._-]+?)(?:\.git)?(?=[\s/).,;:]|$)/;

export async function scanArxiv(input: ScanInput): Promise<ScanResult> {
  const { config } = input;
  const parseOptions = parseOptionsFrom(config);
  // Steps 1-7 read both lists whole; what they build (the lists, the classifier) is gone once
  // they return, before the new texts are made and linted.
  const plan = await planScan(input, parseOptions);
  const changes: ScanResult['changes'] = [];
  // The rows written get every lint fix, so the suggestion PR passes its own check.
  const written = (file: { path: string; text: string }, edits: readonly TextEdit[]) => {
    const text = applyEdits(file.text, edits);
    // The rows the edits touched: the two versions compared row by row, only those read whole.
    const keys = new Set(
      diffLists(
        openList(file.text, file.path, parseOptions).list,
        openList(text, file.path, parseOptions).list,
      ).head.map((c) => c.head!.key),
    );
    return fixRows(text, file.path, keys, lintOptionsFrom(config), parseOptions).text;
  };
  const change = (file: { path: string; text: string }, edits: readonly TextEdit[]) => {
    if (!input.lazyTexts) return { path: file.path, text: written(file, edits) };
    // Made when first read (a dry run reads none): the same text, computed once.
    let text: string | null = null;
    return {
      path: file.path,
      get text(): string {
        return (text ??= written(file, edits));
      },
    };
  };
  if (plan.primaryEdits.length) changes.push(change(input.primary, plan.primaryEdits));
  if (input.translation && plan.translationEdits.length)
    changes.push(change(input.translation, plan.translationEdits));
  return {
    candidates: plan.candidates,
    suggested: plan.suggested,
    skipped: plan.skipped,
    venueUpdates: plan.venueUpdates,
    changes,
    requests: { arxiv: input.client.requests(), llm: plan.spend?.requests ?? 0 },
    spend: plan.spend,
    llmVerdicts: plan.cache.used(),
    notes: plan.notes,
  };
}

interface ScanPlan {
  candidates: number;
  suggested: Suggestion[];
  skipped: ScanResult['skipped'];
  venueUpdates: VenueUpdate[];
  primaryEdits: TextEdit[];
  translationEdits: TextEdit[];
  spend: Spend | null;
  cache: ReturnType<typeof trackingCache>;
  notes: string[];
}

type Kept = { entry: ArxivEntry; verdict: Verdict & { category: string; section: string } };

/** Steps 1-7: what to add and update, as edits of each file's text. */
async function planScan(input: ScanInput, parseOptions: ParseOptions): Promise<ScanPlan> {
  const { config } = input;
  const primary = parseList(input.primary.text, input.primary.path, parseOptions);
  // The translation is read when first needed: after the classifier is gone, unless the LLM
  // needs the glossary while it classifies.
  let translationList: PaperList | null | undefined;
  const translationOf = (): PaperList | null =>
    (translationList ??= input.translation
      ? parseList(input.translation.text, input.translation.path, parseOptions)
      : null);
  let glossaryMap: Map<string, string> | undefined;
  const glossaryOf = (): Map<string, string> => {
    if (glossaryMap) return glossaryMap;
    const translation = translationOf();
    return (glossaryMap = translation
      ? listGlossary(primary, translation, config).glossary
      : new Map<string, string>());
  };
  const found = await findPapers(input, primary, glossaryOf);
  const translation = translationOf();
  const glossary = glossaryOf();
  const { categories, keep, skipped } = found;

  // 6. Rows for both files, inserted in their sections.
  const primaryEdits: TextEdit[] = [];
  const translationEdits: TextEdit[] = [];
  const sectionIndex = primary.sections.filter((s) => categories.has(s));
  const translatedSections = translation
    ? translation.sections.filter((s) =>
        categorySections(translation, config.categories.exclude).has(s),
      )
    : [];
  // Each file's own conventions (learned from its entries, pinned by the config): every new entry
  // is written in them.
  const primaryStyle = styleOf(primary, config);
  const translationStyle = translation ? styleOf(translation, config) : null;
  const suggested: Suggestion[] = [];
  for (const { entry, verdict } of keep) {
    const venue = venueOf(entry.journalRef, entry.comment) ?? arxivVenue(entry.id);
    const repo = GITHUB.exec(`${entry.abstract} ${entry.comment ?? ''}`)?.[1];
    const fields = {
      // A title from arXiv is outside text: no HTML, mentions or control characters in a README.
      title: sanitizeText(entry.title, 300),
      url: entry.absUrl,
      venue,
      // Tags and TL;DR are a model's words: plain text in the row, never links, images or HTML.
      // A tag that would lose anything to that is left out (tags are the list's own anyway).
      tags: verdict.tags.filter((t) => t !== '' && inertText(t) === t),
      code: repo ? { label: 'GitHub', url: `https://github.com/${repo}` } : null,
      // Names from arXiv are outside text too: plain, for the shapes that write authors.
      authors: inertText(entry.authors.join(', ')) || undefined,
      tldr:
        inertText(verdict.tldr) ||
        inertText(
          capWords(cleanPaper({ id: entry.id, title: '', abstract: entry.abstract }).abstract),
        ),
    };
    const rows: Record<string, string> = {};
    const s = sectionIndex.findIndex((x) => x.text === verdict.section);
    const table = sectionIndex[s]?.tables[0];
    if (!table) continue;
    const at = positionFor(table, entry.id, primaryStyle.order);
    rows[primary.path] = renderEntry(table, at, fields, primaryStyle);
    primaryEdits.push(insertRow(primary, table, at, rows[primary.path]!));
    let needsTranslation = false;
    const otherTable = translatedSections[s]?.tables[0];
    if (translation && otherTable) {
      // A translation is used only if it is one (it has Chinese in it); otherwise the English
      // TL;DR stands, marked for a translator. Nothing is invented.
      const plain = inertText(verdict.tldrTranslated ?? '');
      const translated = /\p{Script=Han}/u.test(plain) ? plain : null;
      needsTranslation = translated === null;
      const otherAt = positionFor(otherTable, entry.id, translationStyle!.order);
      rows[translation.path] = renderEntry(
        otherTable,
        otherAt,
        {
          ...fields,
          tags: fields.tags.map((t) => glossary.get(t) ?? t),
          tldr: translated ?? fields.tldr,
        },
        translationStyle!,
      );
      translationEdits.push(insertRow(translation, otherTable, otherAt, rows[translation.path]!));
    }
    suggested.push({
      arxivId: entry.id,
      title: entry.title,
      category: verdict.category,
      section: verdict.section,
      confidence: verdict.confidence,
      rationale: verdict.rationale,
      source: verdict.source,
      rows,
      needsTranslation,
    });
  }

  // 7. Listed preprints that have found a venue since.
  const venueUpdates: VenueUpdate[] = [];
  const turnedDown = new Set((input.rejectedVenues ?? []).map((pair) => JSON.stringify(pair)));
  const preprints = primary.rows.filter((r) => r.arxiv && r.venueInfo.kind === 'arxiv');
  if (preprints.length && input.venueUpdates !== false) {
    const found = new Map(
      (await input.client.lookup([...new Set(preprints.map((r) => r.arxiv!.id))])).map((e) => [
        e.id,
        e,
      ]),
    );
    for (const list of [primary, translation]) {
      if (!list) continue;
      for (const row of list.rows) {
        if (!row.arxiv || row.venueInfo.kind !== 'arxiv' || !row.cell.venue) continue;
        const e = found.get(row.arxiv.id);
        const to = e ? venueOf(e.journalRef, e.comment) : null;
        if (!to || turnedDown.has(JSON.stringify([row.arxiv.id, to]))) continue;
        venueUpdates.push({
          arxivId: row.arxiv.id,
          file: list.path,
          line: row.line,
          from: row.venue ?? '',
          to,
        });
        (list === primary ? primaryEdits : translationEdits).push(
          replaceRow(row, withCell(row, 'venue', to)),
        );
      }
    }
  }

  return {
    candidates: found.candidates,
    suggested,
    skipped,
    venueUpdates,
    primaryEdits,
    translationEdits,
    spend: found.spend,
    cache: found.cache,
    notes: found.notes,
  };
}

/**
 * Steps 1-5: search, drop what the list has, classify, keep the confident verdicts. The
 * classifier is built here and gone when it returns.
 */
async function findPapers(
  input: ScanInput,
  primary: PaperList,
  glossaryOf: () => Map<string, string>,
): Promise<{
  candidates: number;
  categories: ReadonlySet<Section>;
  keep: Kept[];
  skipped: ScanResult['skipped'];
  spend: Spend | null;
  cache: ReturnType<typeof trackingCache>;
  notes: string[];
}> {
  const { config } = input;
  const categories = categorySections(primary, config.categories.exclude);
  const guidelines = readGuidelines(
    primary,
    categories,
    config.categories.overrides,
    config.categories.pin,
  );
  const offline = offlineClassifier(guidelines);

  // 1-2. Search, page by page.
  const terms = [
    ...new Set([...guidelines.categories.flatMap((c) => c.keywords), ...config.arxiv.extraTerms]),
  ];
  const pageSize = input.pageSize ?? 100;
  const entries: ArxivEntry[] = input.entries ? [...input.entries] : [];
  // Given entries (a maintainer's `/curator add`) replace the search.
  for (
    let page = 0, total = input.entries ? 0 : Infinity;
    page * pageSize < total && page < (input.maxPages ?? 20);
    page += 1
  ) {
    const result = await input.client.search({
      terms,
      excludeTerms: config.arxiv.excludeTerms,
      categories: config.arxiv.categories,
      submittedFrom: input.since,
      submittedTo: input.until,
      start: page * pageSize,
      maxResults: pageSize,
      sortBy: 'submittedDate',
      sortOrder: 'descending',
    });
    total = result.total;
    entries.push(...result.entries);
    input.progress?.(
      `page ${page + 1} of ${Math.max(1, Math.ceil(total / pageSize))}: ${entries.length} of ${total} papers`,
    );
    if (result.entries.length === 0) break;
  }

  // 3. What the list has, and what a maintainer rejected.
  const listedIds = new Set(
    primary.rows.map((r) => r.arxiv?.id).filter((id): id is string => Boolean(id)),
  );
  const listedTitles = new Set(primary.rows.map((r) => normaliseTitle(r.title ?? '')));
  const rejected = new Set(config.arxiv.ignore.map((id) => id.replace(/v\d+$/, '')));
  const skipped: ScanResult['skipped'] = [];
  const seen = new Set<string>();
  const fresh: ArxivEntry[] = [];
  for (const e of entries) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (listedIds.has(e.id) || listedTitles.has(normaliseTitle(e.title)))
      skipped.push({ arxivId: e.id, reason: 'already-listed' });
    else if (rejected.has(e.id)) skipped.push({ arxivId: e.id, reason: 'rejected' });
    else fresh.push(e);
  }

  // 4. Offline first; the LLM only sees what the offline classifier thinks may belong.
  const papers = fresh.map((e) => ({
    id: e.version ? `${e.id}v${e.version}` : e.id,
    title: e.title,
    abstract: e.abstract,
  }));
  let verdicts = papers.map((p) => offline.classify(cleanPaper(p)));
  let spend: Spend | null = null;
  const cache = trackingCache(input.cache);
  if (input.llm) {
    const passing = verdicts.flatMap((v, i) => (v.category ? [i] : []));
    const asked = await llmClassifier({
      // The Chinese TL;DR comes with the verdict: one request, not two.
      translateTo: input.translation
        ? { language: 'Simplified Chinese', glossary: glossaryOf() }
        : undefined,
      llm: input.llm,
      guidelines,
      offline,
      cache,
      budget: { maxRequests: config.llm.maxRequests, maxTokens: config.llm.maxTokens },
      batchSize: config.llm.batchSize,
    }).classify(passing.map((i) => papers[i]!));
    spend = asked.spend;
    const asAsked = new Map(passing.map((i, k) => [i, k]));
    verdicts = verdicts.map((v, i) => {
      const k = asAsked.get(i);
      return k === undefined ? v : asked.verdicts[k]!;
    });
  }
  input.progress?.(`classified ${papers.length} papers`);

  // 5. Confident verdicts with a category, surest first, up to the cap.
  const keep: Kept[] = [];
  fresh.forEach((entry, i) => {
    const v = verdicts[i]!;
    if (!v.category || !v.section) skipped.push({ arxivId: entry.id, reason: 'off-topic' });
    else if (v.confidence < config.arxiv.minConfidence)
      skipped.push({ arxivId: entry.id, reason: 'low-confidence' });
    else keep.push({ entry, verdict: v as Verdict & { category: string; section: string } });
  });
  keep.sort(
    (a, b) => b.verdict.confidence - a.verdict.confidence || (a.entry.id < b.entry.id ? 1 : -1),
  );
  const cap = input.max ?? config.arxiv.maxPapers;
  for (const k of keep.splice(cap)) skipped.push({ arxivId: k.entry.id, reason: 'over-cap' });

  return {
    candidates: entries.length,
    categories,
    keep,
    skipped,
    spend,
    cache,
    notes: guidelines.pinProblems ?? [],
  };
}

/** A file's style: what its entries show, with the values the config pins. */
function styleOf(list: PaperList, config: CuratorConfig): ListStyle {
  return { ...learnStyle(list), ...pinnedStyle(config) };
}

/**
 * Where a new entry goes, as an index into the table's rows (a list's rows are its entries, a
 * nested item one entry however many lines it spans): by arXiv year and month, before the first
 * entry older than this one (newest first), or, in a list kept oldest first, before the first
 * entry newer. Entries without an arXiv id are passed over; with no such entry, it goes last.
 */
function positionFor(table: PaperTable, id: string, order: ListStyle['order']): number {
  const { year, month } = arxivYearMonth(id);
  const own = year * 100 + month;
  const at = table.rows.findIndex((r) => {
    if (!r.arxiv) return false;
    const other = arxivYearMonth(r.arxiv.id);
    const theirs = other.year * 100 + other.month;
    return order === 'oldest-first' ? theirs > own : theirs < own;
  });
  return at === -1 ? table.rows.length : at;
}
