/**
 * The verdict cache of `curator classify` and `curator scan`: a JSON file outside the repository
 * by default (see {@link defaultCachePath}), `--cache FILE` to choose it, `--no-cache` for none.
 *
 * A path is checked before any request: a folder, a file in a folder that does not exist, or a file
 * that is not a curator cache (a README, say) is refused with exit 2 and never written. A cache
 * file that is damaged is said once and replaced; one of a newer format is left alone. Writes go
 * to a temporary file in the same folder, renamed over the cache, so a reader never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  memoryCache,
  readCacheFile,
  renderCacheFile,
  trackingCache,
  type TrackingCache,
  type Verdict,
} from '../tasks/classify-papers.js';
import { CuratorError } from '../errors.js';
import type { CliIo } from './io.js';

/** The most verdicts a cache file keeps; beyond it the ones used longest ago go. */
export const MAX_CACHE_ENTRIES = 5000;

/**
 * `$CURATOR_CACHE_DIR/verdicts.json`, else `$XDG_CACHE_HOME/awesome-curator/verdicts.json`, else
 * `~/.cache/awesome-curator/verdicts.json` (`%LOCALAPPDATA%\awesome-curator\verdicts.json` on
 * Windows without HOME); null when the environment names none of them.
 */
export function defaultCachePath(env: CliIo['env'], cwd: string): string | null {
  const dir = env['CURATOR_CACHE_DIR']?.trim();
  if (dir) return resolve(cwd, dir, 'verdicts.json');
  const xdg = env['XDG_CACHE_HOME']?.trim();
  // The XDG spec: a relative path is invalid and is ignored.
  if (xdg && isAbsolute(xdg)) return join(xdg, 'awesome-curator', 'verdicts.json');
  const home = env['HOME']?.trim();
  if (home) return join(home, '.cache', 'awesome-curator', 'verdicts.json');
  const local = env['LOCALAPPDATA']?.trim();
  if (local) return join(local, 'awesome-curator', 'verdicts.json');
  return null;
}

export interface CacheFile {
  /** Absolute path. */
  path: string;
  cache: TrackingCache;
  /** Write what this run added (merged with what another run saved meanwhile); warns on failure. */
  save(): Promise<void>;
}

const kindOf = async (path: string) => {
  const s = await stat(path).catch((e: { code?: string }) =>
    e.code === 'ENOENT' || e.code === 'ENOTDIR' ? null : Promise.reject(e),
  );
  return s === null ? 'none' : s.isDirectory() ? 'folder' : s.isFile() ? 'file' : 'other';
};

/**
 * The cache of a run, checked and read, or null with `--no-cache` (or when there is no default
 * place). `flag` is the `--cache` value; `command` names the command in messages.
 */
export async function openCacheFile(
  io: Pick<CliIo, 'cwd' | 'env' | 'stderr'>,
  options: { flag: string | undefined; noCache: boolean; command: string },
): Promise<CacheFile | null> {
  if (options.flag !== undefined && options.noCache)
    throw new CuratorError('--cache and --no-cache contradict each other', {
      hint: 'Give one of them',
    });
  if (options.noCache) return null;
  const given = options.flag !== undefined;
  if (given && options.flag!.trim() === '')
    throw new CuratorError('--cache needs a file path', {
      hint: 'Give a file such as --cache verdicts.json, or --no-cache',
    });
  const path = given ? resolve(io.cwd, options.flag!) : defaultCachePath(io.env, io.cwd);
  if (path === null) return null;
  // How the path is named in messages: as given, or the default location in full.
  const shown = given ? `--cache ${options.flag}` : `${path} (the default verdict cache)`;
  const other = given
    ? 'Give a path for a new cache file, or --no-cache'
    : 'Give another file with --cache FILE (or set CURATOR_CACHE_DIR), or run with --no-cache';
  const say = (text: string) => io.stderr(`curator ${options.command}: ${text}\n`);

  let kind: string;
  try {
    kind = await kindOf(path);
  } catch (cause) {
    throw new CuratorError(`${shown}: cannot be read (${code(cause)})`, { hint: other, cause });
  }
  if (kind === 'folder')
    throw new CuratorError(`${shown}: is a folder, not a file`, {
      hint: given
        ? `Give a file path, such as --cache ${join(options.flag!, 'verdicts.json')}`
        : other,
    });
  if (kind === 'other') throw new CuratorError(`${shown}: is not a regular file`, { hint: other });

  let initial: Record<string, Verdict> = {};
  let writable = true;
  if (kind === 'none') {
    // A folder the user named must exist (a typo should not create folders); ours is created on save.
    if (given) {
      const folder = dirname(path);
      const folderKind = await kindOf(folder).catch(() => 'none');
      const named = relative(io.cwd, folder) || '.';
      if (folderKind !== 'folder')
        throw new CuratorError(
          `${shown}: the folder ${named} ${folderKind === 'none' ? 'does not exist' : 'is not a folder'}`,
          { hint: 'Create the folder first, or give a file in a folder that exists' },
        );
    }
  } else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
    } catch (cause) {
      const c = code(cause);
      if (c === 'EACCES' || c === 'EPERM')
        throw new CuratorError(`${shown}: permission denied`, { hint: other, cause });
      // Bytes that are not UTF-8 are no cache of ours.
      text = '\u0000';
    }
    const file = readCacheFile(text);
    switch (file.kind) {
      case 'cache':
        initial = file.entries;
        if (file.dropped)
          say(
            `${path}: ${file.dropped} damaged verdict${file.dropped === 1 ? '' : 's'} left out of the cache.`,
          );
        break;
      case 'empty':
        break;
      case 'old':
        say(
          `${path} is a verdict cache of an older format (keys without the paper's text); starting a new one there.`,
        );
        break;
      case 'damaged':
        say(`${path} is a damaged verdict cache; starting an empty one there.`);
        break;
      case 'newer':
        say(
          `${path} was written by a newer awesome-curator (format ${file.version}); it is neither read nor written this run.`,
        );
        writable = false;
        break;
      case 'foreign':
        throw new CuratorError(
          `${shown}: is not a verdict cache written by awesome-curator, so it is left untouched`,
          { hint: other },
        );
    }
  }

  const cache = trackingCache(memoryCache(initial));
  return {
    path,
    cache,
    async save() {
      if (!writable || cache.added() === 0) return;
      try {
        await mkdir(dirname(path), { recursive: true });
        // Another run may have saved since this one read: keep its verdicts too.
        const now = await readFile(path, 'utf8').catch(() => '');
        const disk = readCacheFile(now);
        if (disk.kind === 'foreign' || disk.kind === 'newer') {
          say(`${path} was replaced by another program meanwhile; the verdicts were not saved.`);
          return;
        }
        const merged = new Map(Object.entries(disk.kind === 'cache' ? disk.entries : {}));
        for (const [key, verdict] of Object.entries(cache.entries())) {
          merged.delete(key);
          merged.set(key, verdict);
        }
        // What this run used goes last: the oldest use is the first to go.
        for (const [key, verdict] of Object.entries(cache.used())) {
          merged.delete(key);
          merged.set(key, verdict);
        }
        const kept = [...merged].slice(-MAX_CACHE_ENTRIES);
        const temp = join(
          dirname(path),
          `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
        );
        try {
          await writeFile(temp, renderCacheFile(Object.fromEntries(kept)));
          await rename(temp, path);
        } catch (error) {
          await unlink(temp).catch(() => undefined);
          throw error;
        }
      } catch (cause) {
        say(
          `could not save the verdict cache to ${path} (${code(cause)}); the verdicts are not kept.`,
        );
      }
    },
  };
}

function code(error: unknown): string {
  return (
    (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error))
  );
}
