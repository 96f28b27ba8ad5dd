import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { findTranslation, missingTranslation, type CuratorConfig } from '../config/index.js';
import { decodeMarkdown } from '../tasks/list-bytes.js';
import { readConfig } from '../tasks/lint-files.js';
import { CuratorError, readFailure } from '../errors.js';
import type { CliIo } from './io.js';

export function usageError(message: string, hint: string): CuratorError {
  return new CuratorError(message, { hint });
}

/** Read a file the user named, turning every I/O failure into one clear line. */
export async function readInput(
  io: Pick<CliIo, 'readFile'>,
  abs: string,
  shown: string,
): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(abs);
  } catch (cause) {
    const why = readFailure(cause);
    throw new CuratorError(`${shown}: ${why}`, { hint: 'Check the path and run again', cause });
  }
  return bytes;
}

/**
 * A list file the CLI may write back: UTF-8 checked (a file that is not UTF-8 or holds NUL bytes
 * is a clear error, not text with U+FFFD in it), the byte-order mark set aside and remembered so
 * that `writeMarkdown` puts it back. Every byte outside the rows an edit touches stays as it was.
 */
export async function readMarkdown(
  io: Pick<CliIo, 'readFile' | 'cwd'>,
  path: string,
): Promise<{ path: string; text: string; bom: boolean }> {
  const { text, bom } = decodeMarkdown(await readInput(io, resolve(io.cwd, path), path), path);
  return { path, text, bom };
}

/**
 * The config of this run: the file given with `--config` (which must exist), else
 * `.github/curator.yml` when present, else the defaults. Without `files.translation` there, the
 * translation is the first usual name (README_CN.md, README_zh.md, …) next to the primary file
 * in the current folder, or none (one language); `find: false` leaves that to the command (check
 * looks in the base and head versions).
 */
export async function loadCliConfig(
  io: CliIo,
  flag: string | undefined,
  options: { find?: boolean } = {},
): Promise<CuratorConfig> {
  const path = flag ?? '.github/curator.yml';
  const abs = resolve(io.cwd, path);
  let text: string | null = null;
  if (flag !== undefined || (await io.isFile(abs)))
    text = new TextDecoder().decode(await readInput(io, abs, path));
  const config = await readConfig(text, path);
  if (options.find === false) return config;
  return findTranslation(config, (p) => io.isFile(resolve(io.cwd, p)));
}

/**
 * The translation's path, or null for a one-language list. A path the config names that is not
 * there is an error naming `files.translation`.
 */
export async function translationPath(io: CliIo, config: CuratorConfig): Promise<string | null> {
  const path = config.files.translation;
  if (path === null) return null;
  if (!(await io.isFile(resolve(io.cwd, path)))) throw missingTranslation(path, ` in ${io.cwd}`);
  return path;
}

/** The config file a folder uses when it names none: `.github/curator.yml`, found walking up. */
export const CONFIG_PATH = '.github/curator.yml';

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}

/**
 * The `.github/curator.yml` that governs files in `dir`: the first one found walking up from `dir`
 * to the repository root (the first folder holding `.git`, file or folder) or the file-system
 * root; null when there is none.
 */
export async function discoverConfig(
  io: Pick<CliIo, 'isFile'>,
  dir: string,
): Promise<string | null> {
  let here = resolve(dir);
  for (;;) {
    const candidate = join(here, CONFIG_PATH);
    if (await io.isFile(candidate)) return candidate;
    const up = dirname(here);
    if (up === here || (await exists(join(here, '.git')))) return null;
    here = up;
  }
}

/** Where a config came from: the `--config` file, a discovered file (absolute), or none. */
export interface FoundConfig {
  config: CuratorConfig;
  /** Absolute path of the file read, or null for the defaults. */
  file: string | null;
  /** Whether it is the file given with `--config`. */
  flag: boolean;
}

/**
 * Configs per folder, each file read and validated once: `--config` (when given) for every folder,
 * else the discovered `.github/curator.yml`, else the defaults. `adjust` is applied to each config
 * once (the `--rule` overrides of the run).
 */
export function configResolver(
  io: CliIo,
  flag: string | undefined,
  adjust: (config: CuratorConfig) => void = () => undefined,
): { forDir(dir: string): Promise<FoundConfig> } {
  const byFile = new Map<string, Promise<FoundConfig>>();
  const byDir = new Map<string, Promise<FoundConfig>>();
  const load = (file: string | null, isFlag: boolean): Promise<FoundConfig> => {
    const key = file ?? '';
    let found = byFile.get(key);
    if (!found) {
      found = (async () => {
        const shown = file === null ? CONFIG_PATH : isFlag ? flag! : relative(io.cwd, file) || file;
        const text =
          file === null ? null : new TextDecoder().decode(await readInput(io, file, shown));
        const config = await readConfig(text, shown);
        adjust(config);
        return { config, file, flag: isFlag };
      })();
      byFile.set(key, found);
    }
    return found;
  };
  return {
    forDir(dir) {
      if (flag !== undefined) return load(resolve(io.cwd, flag), true);
      const key = resolve(dir);
      let found = byDir.get(key);
      if (!found) {
        found = discoverConfig(io, key).then((file) => load(file, false));
        byDir.set(key, found);
      }
      return found;
    },
  };
}
