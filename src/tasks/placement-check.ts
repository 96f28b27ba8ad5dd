/**
 * The `category` rule's classifier: the offline classifier built from the list's own guidelines,
 * asked about each listed row with that row left out of the examples (else every paper would
 * "belong" where it already is).
 */
import { readGuidelines, type CategoryOverride } from '../classifier/guidelines.js';
import { offlineClassifier } from '../classifier/offline.js';
import { categorySections, type PaperList } from '../list/index.js';
import type { PlacementCheck } from '../lint/index.js';

export function placementCheck(
  list: PaperList,
  exclude?: readonly string[],
  overrides: Readonly<Record<string, CategoryOverride>> = {},
): PlacementCheck {
  const classifier = offlineClassifier(
    readGuidelines(list, categorySections(list, exclude), overrides),
  );
  return {
    place(row) {
      const abstract = [row.tldr ?? '', (row.tags ?? []).join(', ')].filter(Boolean).join('. ');
      const v = classifier.classify(
        { id: row.key, title: row.title ?? '', abstract },
        { exclude: row.key },
      );
      return {
        category: v.category,
        section: v.section,
        confidence: v.confidence,
        rationale: v.rationale,
      };
    },
  };
}
