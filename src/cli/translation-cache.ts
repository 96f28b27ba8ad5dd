/**
 * The translation cache of `curator translate`: `translations.json` in the folder of the verdict
 * cache (`$CURATOR_CACHE_DIR`, else `$XDG_CACHE_HOME/awesome-curator`, else
 * `~/.cache/awesome-curator`), keyed by `translationKey` (model, language, glossary, text), so
 * a dry run followed by the real run, or a run cut short by the spending cap, pays for no text
 * twice. `--no-cache`, or no such folder in the environment: an in-memory cache for the run.
 * A file that is not ours is left alone; a damaged one is said once and replaced; writes go to a
 * temporary file renamed over it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { CliIo } from './io.js';
import { defaultCachePath } from './verdict-cache.js';

export const TRANSLATION_CACHE_FORMAT = 'awesome-curator/translation-cache';
/** The most translations the file keeps; beyond it the ones written longest ago go. */
export const MAX_TRANSLATIONS = 5000;

export interface TranslationCache {
  /** null: in memory only. */
  path: string | null;
  entries: Map<string, string>;
  /** Write the file when this run added translations; says so on stderr when it cannot. */
  save(): Promise<void>;
}

export function defaultTranslationCachePath(env: CliIo['env'], cwd: string): string | null {
  const verdicts = defaultCachePath(env, cwd);
  return verdicts === null ? null : join(dirname(verdicts), 'translations.json');
}

function readEntries(text: string): Map<string, string> | 'foreign' | 'damaged' {
  if (text.trim() === '') return new Map();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'damaged';
  }
  const file = json as { format?: unknown; v?: unknown; translations?: unknown };
  if (typeof json !== 'object' || json === null || file.format !== TRANSLATION_CACHE_FORMAT)
    return 'foreign';
  if (file.v !== 1 || typeof file.translations !== 'object' || file.translations === null)
    return 'damaged';
  return new Map(
    Object.entries(file.translations as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
}

export async function openTranslationCache(
  io: Pick<CliIo, 'cwd' | 'env' | 'stderr'>,
  options: { noCache: boolean },
): Promise<TranslationCache> {
  const path = options.noCache ? null : defaultTranslationCachePath(io.env, io.cwd);
  const say = (text: string) => io.stderr(`curator translate: ${text}\n`);
  if (path === null) return { path, entries: new Map(), save: async () => undefined };
  let writable = true;
  let entries = new Map<string, string>();
  const text = await readFile(path, 'utf8').catch((e: { code?: string }) =>
    e.code === 'ENOENT' ? '' : null,
  );
  const read = text === null ? 'damaged' : readEntries(text);
  if (read === 'foreign') {
    say(`${path} is not a translation cache of awesome-curator; it is neither read nor written.`);
    writable = false;
  } else if (read === 'damaged') say(`${path} is a damaged translation cache; starting a new one.`);
  else entries = read;
  const known = new Map(entries);
  return {
    path,
    entries,
    async save() {
      const added = [...entries].filter(([k, v]) => known.get(k) !== v);
      if (!writable || added.length === 0) return;
      const temp = join(
        dirname(path),
        `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
      );
      try {
        await mkdir(dirname(path), { recursive: true });
        // Another run may have saved since this one read: keep its translations too.
        const now = readEntries(await readFile(path, 'utf8').catch(() => ''));
        const merged = new Map(now instanceof Map ? now : []);
        for (const [k, v] of entries) merged.set(k, v);
        for (const [k, v] of added) {
          merged.delete(k);
          merged.set(k, v);
        }
        const kept = Object.fromEntries([...merged].slice(-MAX_TRANSLATIONS));
        await writeFile(
          temp,
          `${JSON.stringify({ format: TRANSLATION_CACHE_FORMAT, v: 1, translations: kept })}\n`,
        );
        await rename(temp, path);
      } catch (cause) {
        await unlink(temp).catch(() => undefined);
        say(
          `could not save the translation cache to ${path} (${(cause as { code?: string }).code ?? String(cause)}); the translations are not kept.`,
        );
      }
    },
  };
}
