import { resolve } from 'node:path';
import { findTranslation, missingTranslation, type CuratorConfig } from '../config/index.js';
import { createArxivClient, type ArxivClient } from '../tasks/classify-papers.js';
import { decodeMarkdown } from '../tasks/list-bytes.js';
import { readConfig } from '../tasks/lint-files.js';
import { CuratorError } from '../errors.js';
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
    const code = (cause as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot be read (${code ?? String(cause)})`;
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

const USER_AGENT =
  'awesome-curator/0.1 (paper-list maintenance; https://github.com/awesome-curator)';

/** The arXiv client of a CLI run: `--arxiv-url` when given, else the config's endpoint. */
export function arxivClientFor(
  io: Pick<CliIo, 'fetch' | 'sleep'>,
  config: CuratorConfig,
  flag: string | undefined,
): ArxivClient {
  return createArxivClient({
    fetch: io.fetch,
    baseUrl: flag ?? config.arxiv.apiUrl,
    userAgent: USER_AGENT,
    ...(io.sleep ? { sleep: io.sleep } : {}),
  });
}
