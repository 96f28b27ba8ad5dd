/**
 * The tag glossary of a list pair, learned as `curator sync` learns it: rows paired within the
 * sections the config pairs (`sync.sections`), its excluded sections left out. The check, the scan,
 * the sync and the translation all learn it here, so a paper listed in two sections teaches each
 * of them the same words (and the pairing is computed once for the glossary and the alignment).
 */
import type { CuratorConfig } from '../config/index.js';
import type { PaperList } from '../list/index.js';
import { buildGlossary, type LearnedGlossary } from '../sync/glossary.js';

export function listGlossary(
  primary: PaperList,
  translation: PaperList,
  config: Pick<CuratorConfig, 'categories' | 'sync'>,
  seed?: boolean,
): LearnedGlossary {
  return buildGlossary(primary, translation, config.sync.glossary, {
    exclude: config.categories.exclude,
    sections: config.sync.sections,
    ...(seed === undefined ? {} : { seed }),
  });
}
