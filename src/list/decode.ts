import { Buffer, isUtf8 } from 'node:buffer';
import { CuratorError } from '../errors.js';

/**
 * Bytes -> text. A README must be UTF-8 (GitHub renders it so); a byte-order mark is kept out of
 * the text and reported so a writer can put it back. `isUtf8` (simdutf) validates a 30 MB file in
 * a few milliseconds, far faster than a fatal TextDecoder on Node 20.
 */
export function decodeMarkdown(bytes: Uint8Array, path: string): { text: string; bom: boolean } {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) {
    throw new CuratorError(`${path}: not a UTF-8 text file`, {
      hint: 'Save it as UTF-8 (GitHub renders README files as UTF-8) and run again',
    });
  }
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  // NUL is valid UTF-8 but never in a Markdown file; memchr on the bytes is cheaper than a scan of the text.
  if (buf.indexOf(0) !== -1)
    throw new CuratorError(`${path}: binary data (NUL bytes), not a Markdown file`, {
      hint: "Name the list's README file",
    });
  return { text: utf8ToString(buf), bom };
}

export function encodeMarkdown(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/**
 * UTF-8 -> string, faster for mostly-ASCII files. A list in English is ASCII but for a few emoji
 * in its headings, and a whole-file UTF-8 decode on Node 20 runs at about 200 MB/s. Read as
 * latin1 (a copy), ASCII stays exact; each run of bytes >= 0x80 is a run of whole UTF-8 sequences
 * (ASCII bytes never occur inside one), decoded on its own. Files with many such runs (Chinese)
 * are decoded whole. Only called on bytes already checked with `isUtf8`.
 */
export function utf8ToString(buf: Buffer): string {
  // Chinese text has a run in nearly every line: its first 64 KB say so, before a latin1 copy of
  // the whole file is made only to be thrown away.
  if (buf.length > SAMPLE && nonAsciiRuns(buf, SAMPLE) > MAX_RUNS * (SAMPLE / buf.length))
    return buf.toString('utf8');
  const latin = buf.toString('latin1');
  const parts: string[] = [];
  let from = 0;
  let runs = 0;
  for (const m of latin.matchAll(/[\x80-\xff]+/g)) {
    runs += 1;
    if (runs > MAX_RUNS) return buf.toString('utf8');
    parts.push(latin.slice(from, m.index), buf.toString('utf8', m.index, m.index + m[0].length));
    from = m.index + m[0].length;
  }
  if (runs === 0) return latin;
  parts.push(latin.slice(from));
  return parts.join('');
}

/** Runs of non-ASCII bytes past which a file is decoded whole. */
const MAX_RUNS = 1000;
const SAMPLE = 64 * 1024;

/** Runs of bytes >= 0x80 in the first `n` bytes. */
function nonAsciiRuns(buf: Buffer, n: number): number {
  let runs = 0;
  let inRun = false;
  for (let i = 0; i < n; i += 1) {
    const high = buf[i]! >= 0x80;
    if (high && !inRun) runs += 1;
    inRun = high;
  }
  return runs;
}
