// The schema and loader are imported lazily by tasks (`import('../config/load-config.js')`) so a
// run with no config file never pays for zod and yaml; only types, defaults and the translation
// look-up (no zod) are re-exported.
export { DEFAULT_CONFIG } from './defaults.js';
export type { CuratorConfig, RuleConfig } from './schema.js';
export {
  TRANSLATION_NAMES,
  findTranslation,
  listFolder,
  missingTranslation,
  oneLanguage,
  translationCandidates,
  translationUnsettled,
  type FilesConfig,
} from './translation.js';
