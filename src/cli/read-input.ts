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
