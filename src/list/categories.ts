import type { PaperList, Section } from './parse-list.js';

export const DEFAULT_EXCLUDED_SECTIONS: readonly string[] = ['Survey', '综述'];

/** Sections that are categories: they hold paper tables and their heading is not excluded. */
export function categorySections(
  list: Pick<PaperList, 'sections'>,
  exclude: readonly string[] = DEFAULT_EXCLUDED_SECTIONS,
): Set<Section> {
  const lowered = exclude.map((e) => e.toLowerCase());
  return new Set(
    list.sections.filter(
      (s) => s.tables.length > 0 && !lowered.some((e) => s.text.toLowerCase().includes(e)),
    ),
  );
}
