/**
 * Where the translation is: named in the config (`files.translation`: a path, or null for one
 * language on purpose), else found among the usual names next to the primary file. None found
 * means a one-language list. This module loads no zod and no yaml: every run uses it.
 *
 * A config without `files.translation` comes out of the loader with `translationSource:
 * 'assumed'` and the first usual name (README_CN.md) in `translation`; each door then calls
 * `findTranslation` with what it can see (the working tree, a pull request's files, a push, one
 * directory listing through GitHub), which settles `translation` to a path that exists or null
 * and marks it `'found'`.
 */
import { CuratorError } from '../errors.js';

/**
 * The usual names of a list's Chinese translation, in the order they are tried: the first that
 * exists next to the primary file is the translation.
 */
export const TRANSLATION_NAMES = [
  'README_CN.md',
  'README_zh.md',
  'README.zh-CN.md',
  'README-zh.md',
  'README_ZH.md',
  'README.zh.md',
  'README_zh-CN.md',
] as const;

/** `files` of a config: `translation` is a path or null (one language) once settled. */
export interface FilesConfig {
  primary: string;
  translation: string | null;
  /**
   * Absent: `translation` comes from the config (or whoever built this object). `'assumed'`: the
   * config does not name it and nobody has looked yet (it holds the first usual name). `'found'`:
   * looked for, and `translation` is the first usual name that exists, or null when none does.
   */
  translationSource?: 'assumed' | 'found';
}

/** The folder of the primary file ('' for the repository root), in `/` form. */
export function listFolder(primary: string): string {
  const slash = primary.lastIndexOf('/');
  const dir = slash < 0 ? '' : primary.slice(0, slash);
  return dir === '.' ? '' : dir;
}

/** The paths the translation is looked for at, in order: the usual names next to the primary. */
export function translationCandidates(primary: string): string[] {
  const dir = listFolder(primary);
  return TRANSLATION_NAMES.map((name) => (dir ? `${dir}/${name}` : name)).filter(
    (path) => path !== primary,
  );
}

/** Whether `files.translation` still has to be looked for. */
export function translationUnsettled(files: FilesConfig): boolean {
  return files.translationSource === 'assumed';
}

/**
 * The config with its translation settled: unchanged when the config names it (or it was found
 * already); else the first candidate for which `exists` says yes, or null (one language).
 * `exists` is asked in order and no further than the first yes.
 */
export async function findTranslation<C extends { files: FilesConfig }>(
  config: C,
  exists: (path: string) => boolean | Promise<boolean>,
): Promise<C> {
  if (!translationUnsettled(config.files)) return config;
  let found: string | null = null;
  for (const path of translationCandidates(config.files.primary))
    if (await exists(path)) {
      found = path;
      break;
    }
  return {
    ...config,
    files: { primary: config.files.primary, translation: found, translationSource: 'found' },
  };
}

/** The error for a translation the config names that is not there. */
export function missingTranslation(path: string, where = ''): CuratorError {
  return new CuratorError(`files.translation: ${path} does not exist${where}`, {
    hint: `Restore ${path}, or set files.translation: null in .github/curator.yml for a one-language list (or remove the key, and curator looks for ${TRANSLATION_NAMES.slice(0, 2).join(', ')}, …)`,
  });
}

/**
 * One line for a list that has one language: why, and how to add a translation. `what` says
 * what is not done, e.g. "nothing to sync".
 */
export function oneLanguage(files: FilesConfig, what: string): string {
  const why =
    files.translationSource === 'found'
      ? `no ${TRANSLATION_NAMES.slice(0, 3).join(', ')} or other usual name next to it`
      : 'files.translation: null';
  const add =
    files.translationSource === 'found'
      ? 'run `curator translate` to write README_CN.md, or set files.translation in .github/curator.yml to an existing file'
      : 'run `curator translate` and set files.translation in .github/curator.yml to the file it writes';
  return `${files.primary} has one language (${why}): ${what}. To add a translation, ${add}.`;
}
