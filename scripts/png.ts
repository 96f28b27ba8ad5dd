/**
 * Just enough PNG for the README screenshot: its size, and one text chunk that records which
 * Markdown it was rendered from (so the test can tell a stale picture without a browser).
 */
import { crc32 } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Chunk {
  type: string;
  data: Buffer;
  /** Offset of the chunk (its length field) in the file. */
  start: number;
  end: number;
}

function chunks(png: Buffer): Chunk[] {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const out: Chunk[] = [];
  for (let at = 8; at + 12 <= png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > png.length) throw new Error(`PNG chunk ${type} runs past the end of the file`);
    out.push({ type, data: png.subarray(at + 8, at + 8 + length), start: at, end });
    if (type === 'IEND') break;
    at = end;
  }
  if (out[0]?.type !== 'IHDR') throw new Error('PNG does not start with IHDR');
  return out;
}

export function pngSize(png: Buffer): { width: number; height: number } {
  const ihdr = chunks(png)[0]!.data;
  return { width: ihdr.readUInt32BE(0), height: ihdr.readUInt32BE(4) };
}

/** The text of the first tEXt chunk with this keyword, or null. */
export function pngText(png: Buffer, keyword: string): string | null {
  for (const c of chunks(png)) {
    if (c.type !== 'tEXt') continue;
    const nul = c.data.indexOf(0);
    if (nul >= 0 && c.data.toString('latin1', 0, nul) === keyword)
      return c.data.toString('latin1', nul + 1);
  }
  return null;
}

/** The PNG with a tEXt chunk (Latin-1 keyword and text) right after IHDR. */
export function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  const ihdr = chunks(png)[0]!;
  const body = Buffer.concat([
    Buffer.from('tEXt', 'latin1'),
    Buffer.from(keyword, 'latin1'),
    Buffer.from([0]),
    Buffer.from(text, 'latin1'),
  ]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([png.subarray(0, ihdr.end), length, body, crc, png.subarray(ihdr.end)]);
}
