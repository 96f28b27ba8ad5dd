/**
 * The `category` rule's classifier: the offline classifier built from the list's own guidelines,
 * asked about each listed row (the classifier leaves the paper itself out of what it learns from,
 * else every paper would "belong" where it already is).
 *
 * In a translation (README_CN.md beside README.md) a row is judged as its primary twin: from the
 * primary's guidelines, with the primary row's title, TL;DR and tags, and the verdict's category
 * named by the translation's paired section. So both files give one verdict for one paper.
 */
import { readGuidelines, type CategoryOverride } from '../classifier/guidelines.js';
import { offlineClassifier } from '../classifier/offline.js';
import type { Verdict } from '../classifier/verdict.js';
import { rowPaper } from '../classifier/row-paper.js';
import { categorySections, type PaperList, type PaperRow } from '../list/index.js';
import type { Placement, PlacementCheck } from '../lint/index.js';
import { pairSections, rowsByKey } from '../sync/pair-rows.js';

export interface PrimaryFile {
  list: PaperList;
  /** The config's section pairs (`sync.sections`), primary heading -> translation heading. */
  sections?: Readonly<Record<string, string>>;
  /** The primary's own placement check, when one was built already (it judges the same way). */
  check?: ListPlacementCheck;
}

/**
 * A placement check for the rows of one list. `place` may answer null for a row that stays where
 * it is listed (its category certainly wins, see OfflineClassifier.placeListed): nothing to report
 * there. `placeFull` always gives the verdict, for a translated row that sits elsewhere than its
 * twin.
 */
export interface ListPlacementCheck extends PlacementCheck {
  placeFull(row: PaperRow): Placement | null;
}

export function placementCheck(
  list: PaperList,
  exclude?: readonly string[],
  overrides: Readonly<Record<string, CategoryOverride>> = {},
  primary?: PrimaryFile,
  pin: Readonly<Record<string, string>> = {},
): ListPlacementCheck {
  if (!primary) {
    const own = classifierFor(list, exclude, overrides, pin);
    return { place: own.place, placeFull: own.placeFull, notes: own.notes };
  }
  // The translation's own classifier judges only rows with no twin in the primary: built when
  // the first such row comes (a translation in step with its primary never needs it).
  let own: ReturnType<typeof classifierFor> | null = null;
  const judge = primary.check ?? placementCheck(primary.list, exclude, overrides, undefined, pin);
  const twins = rowsByKey(primary.list);
  const inTranslation = new Map(
    pairSections(primary.list, list, exclude, primary.sections).map(([p, t]) => [p.text, t.text]),
  );
  // Where each row is listed, in both files: a twin that stays in its section stays in the
  // translation only if the translated row sits in the paired section.
  const primarySection = sectionsByLine(primary.list, exclude);
  const translationSection = sectionsByLine(list, exclude);
  const inPairedSection = (twin: PaperRow, row: PaperRow): boolean => {
    const section = primarySection.get(twin.line);
    return section !== undefined && inTranslation.get(section) === translationSection.get(row.line);
  };
  const place = (row: PaperRow, full: boolean): Placement | null => {
    const twin = twins.get(row.key)?.[0];
    if (!twin) {
      own ??= classifierFor(list, exclude, overrides, pin);
      return full ? own.placeFull(row) : own.place(row);
    }
    let v = full ? judge.placeFull(twin) : judge.place(twin);
    if (v === null && !full && !inPairedSection(twin, row)) v = judge.placeFull(twin);
    if (!v || v.section === null) return v;
    const section = inTranslation.get(v.section);
    return section ? { ...v, section } : null;
  };
  return {
    notes: judge.notes ?? [],
    place: (row) => place(row, false),
    placeFull: (row) => place(row, true),
  };
}

/** The section each row of the list's category tables is listed under, by line. */
function sectionsByLine(
  list: PaperList,
  exclude: readonly string[] | undefined,
): Map<number, string> {
  const categories = categorySections(list, exclude);
  const at = new Map<number, string>();
  for (const table of list.tables)
    if (table.isPaperTable && table.section && categories.has(table.section))
      for (const row of table.rows) at.set(row.line, table.section.text);
  return at;
}

function classifierFor(
  list: PaperList,
  exclude: readonly string[] | undefined,
  overrides: Readonly<Record<string, CategoryOverride>>,
  pin: Readonly<Record<string, string>>,
): {
  place(row: PaperRow): Placement | null;
  placeFull(row: PaperRow): Placement | null;
  notes: string[];
} {
  const guidelines = readGuidelines(list, categorySections(list, exclude), overrides, pin);
  const classifier = offlineClassifier(guidelines);
  // The category each row is listed under (by line), the row's identity in the file.
  const categoryOf = new Map(guidelines.categories.map((c) => [c.section, c.id]));
  const listedIn = new Map<number, string>();
  for (const [line, section] of sectionsByLine(list, exclude)) {
    const id = categoryOf.get(section);
    if (id !== undefined) listedIn.set(line, id);
  }
  // Each row is judged once: the primary's rows are asked about again when its translation is
  // linted (each translated row is placed as its twin), by line and key. A row that stays where
  // it is listed is kept as null (judged in brief); its full verdict replaces that if it is asked
  // for (which changes nothing for the rule: that verdict keeps the row where it is).
  const judged = new Map<number, { key: string; placement: Placement | null }>();
  const known = (row: PaperRow) => {
    const entry = judged.get(row.line);
    return entry && entry.key === row.key ? entry : undefined;
  };
  const keep = (row: PaperRow, v: Verdict | null): Placement | null => {
    const placement = v && {
      category: v.category,
      section: v.section,
      confidence: v.confidence,
      rationale: v.rationale,
    };
    judged.set(row.line, { key: row.key, placement });
    return placement;
  };
  const placeFull = (row: PaperRow): Placement =>
    known(row)?.placement ??
    keep(row, classifier.classify(rowPaper(row), { exclude: row.key, brief: true }))!;
  const place = (row: PaperRow): Placement | null => {
    const entry = known(row);
    if (entry) return entry.placement;
    const category = listedIn.get(row.line);
    if (category === undefined) return placeFull(row);
    return keep(row, classifier.placeListed(rowPaper(row), category, { exclude: row.key }));
  };
  return { place, placeFull, notes: guidelines.pinProblems ?? [] };
}
