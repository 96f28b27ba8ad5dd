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
import { rowPaper } from '../classifier/row-paper.js';
import { categorySections, type PaperList, type PaperRow } from '../list/index.js';
import type { Placement, PlacementCheck } from '../lint/index.js';
import { pairSections, rowsByKey } from '../sync/pair-rows.js';

export interface PrimaryFile {
  list: PaperList;
  /** The config's section pairs (`sync.sections`), primary heading -> translation heading. */
  sections?: Readonly<Record<string, string>>;
  /** The primary's own placement check, when one was built already (it judges the same way). */
  check?: PlacementCheck;
}

export function placementCheck(
  list: PaperList,
  exclude?: readonly string[],
  overrides: Readonly<Record<string, CategoryOverride>> = {},
  primary?: PrimaryFile,
  pin: Readonly<Record<string, string>> = {},
): PlacementCheck {
  if (!primary) {
    const own = classifierFor(list, exclude, overrides, pin);
    return { place: own, notes: own.notes };
  }
  // The translation's own classifier judges only rows with no twin in the primary: built when
  // the first such row comes (a translation in step with its primary never needs it).
  let own: ReturnType<typeof classifierFor> | null = null;
  const judge = primary.check ?? placementCheck(primary.list, exclude, overrides, undefined, pin);
  const twins = rowsByKey(primary.list);
  const inTranslation = new Map(
    pairSections(primary.list, list, exclude, primary.sections).map(([p, t]) => [p.text, t.text]),
  );
  return {
    notes: judge.notes ?? [],
    place(row) {
      const twin = twins.get(row.key)?.[0];
      if (!twin) return (own ??= classifierFor(list, exclude, overrides, pin))(row);
      const v = judge.place(twin);
      if (!v || v.section === null) return v;
      const section = inTranslation.get(v.section);
      return section ? { ...v, section } : null;
    },
  };
}

function classifierFor(
  list: PaperList,
  exclude: readonly string[] | undefined,
  overrides: Readonly<Record<string, CategoryOverride>>,
  pin: Readonly<Record<string, string>>,
): ((row: PaperRow) => Placement) & { notes: string[] } {
  const guidelines = readGuidelines(list, categorySections(list, exclude), overrides, pin);
  const classifier = offlineClassifier(guidelines);
  // Each row is judged once: the primary's rows are asked about again when its translation is
  // linted (each translated row is placed as its twin), by line, the row's identity in the file.
  const judged = new Map<number, { key: string; placement: Placement }>();
  const place = (row: PaperRow): Placement => {
    const known = judged.get(row.line);
    if (known && known.key === row.key) return known.placement;
    const v = classifier.classify(rowPaper(row), { exclude: row.key, brief: true });
    const placement = {
      category: v.category,
      section: v.section,
      confidence: v.confidence,
      rationale: v.rationale,
    };
    judged.set(row.line, { key: row.key, placement });
    return placement;
  };
  return Object.assign(place, { notes: guidelines.pinProblems ?? [] });
}
