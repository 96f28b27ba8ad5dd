/**
 * What `curator lint` reads: the files, folders and globs on its command line. A file is itself; a
 * folder is its list files (README.md and its translation by a usual name, or `files.primary` and
 * `files.translation` when the folder's own `.github/curator.yml` names them); a glob is the files
 * it matches (sorted; node_modules and .git skipped). A glob matching nothing is an error naming it.
 */
import { stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import {
  DEFAULT_CONFIG,
  findTranslation,
  missingTranslation,
  TRANSLATION_NAMES,
  type FilesConfig,
} from '../config/index.js';
import { CuratorError } from '../errors.js';
import type { CliIo } from './io.js';
import { CONFIG_PATH, readInput, type FoundConfig } from './read-input.js';

export interface InputFile {
  /** As shown in reports (relative to the current folder). */
  path: string;
  abs: string;
}

async function kind(path: string): Promise<'file' | 'dir' | null> {
  const s = await stat(path).catch(() => null);
  return s === null ? null : s.isDirectory() ? 'dir' : 'file';
}

/**
 * The list files of a folder. `whereShown` names the folder in the error when it holds none
 * (today's message for the current folder: "no README.md or README_CN.md in /abs/path").
 */
export async function folderFiles(
  io: CliIo,
  dir: string,
  found: FoundConfig,
  whereShown: string,
): Promise<string[]> {
  // A config names files relative to its repository's root: they apply to the folder that holds
  // its .github (or to every folder, for --config), otherwise the usual names do.
  const own = found.flag || found.file === join(dir, CONFIG_PATH);
  const files: FilesConfig = own
    ? found.config.files
    : { ...DEFAULT_CONFIG.files, translationSource: 'assumed' };
  const at = (p: string): string => resolve(dir, p);
  const hasPrimary = await io.isFile(at(files.primary));
  const settled = await findTranslation({ files }, (p) => io.isFile(at(p)));
  const translation = settled.files.translation;
  if (!hasPrimary && translation === null)
    throw new CuratorError(`no ${files.primary} or ${TRANSLATION_NAMES[0]} in ${whereShown}`, {
      hint: "Run curator in the list's folder, or name the files: curator lint path/to/README.md",
    });
  if (translation !== null && !(await io.isFile(at(translation))))
    throw missingTranslation(translation, ` in ${whereShown}`);
  return [...(hasPrimary ? [at(files.primary)] : []), ...(translation ? [at(translation)] : [])];
}

/**
 * Whether an argument that names no file or folder is a glob. The glob library is loaded only for
 * such an argument: a lint of named files starts without it.
 */
async function isPattern(arg: string): Promise<boolean> {
  const { isDynamicPattern } = await import('tinyglobby');
  return isDynamicPattern(arg);
}

/** Every input's files, in order, each once. */
export async function expandInputs(
  io: CliIo,
  args: readonly string[],
  configFor: (dir: string) => Promise<FoundConfig>,
): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const add = (abs: string, shown: string): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ path: relative(io.cwd, abs) || shown, abs });
  };
  for (const arg of args) {
    const abs = resolve(io.cwd, arg);
    const what = (await io.isFile(abs)) ? 'file' : await kind(abs);
    if (what === 'file') add(abs, arg);
    else if (what === 'dir') {
      for (const file of await folderFiles(io, abs, await configFor(abs), arg)) add(file, file);
    } else if (await isPattern(arg)) {
      const { glob } = await import('tinyglobby');
      const matches = await glob(arg, {
        cwd: io.cwd,
        absolute: true,
        onlyFiles: true,
        expandDirectories: false,
        ignore: ['**/node_modules/**', '**/.git/**'],
      });
      if (matches.length === 0)
        throw new CuratorError(`${arg}: no files match this pattern`, {
          hint: 'Check the pattern (quote it, so that the shell does not expand it first)',
        });
      for (const m of matches.map((m) => resolve(m)).sort()) add(m, m);
    } else {
      // Not there: the one clear line readInput gives ("x.md: no such file").
      await readInput(io, abs, arg);
      add(abs, arg);
    }
  }
  return out;
}
