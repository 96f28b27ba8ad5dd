/**
 * The machine-readable block at the end of a pull request body the App wrote: one HTML comment,
 * `<!-- awesome-curator:<name> {json} -->`, invisible on GitHub. It is the App's only state, so it
 * is validated when read (a body anyone with write access edited may hold anything) and written so
 * that no value can end the comment early: `<`, `>` and `&` go out as JSON escapes, which
 * `JSON.parse` reads back as themselves.
 */
import * as z from 'zod/mini';

export function renderHiddenBlock(name: string, value: unknown): string {
  const json = JSON.stringify(value).replace(
    /[<>&]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<!-- awesome-curator:${name} ${json} -->`;
}

/** The block named `name` in a body, when it is there and matches the schema; else null. */
export function readHiddenBlock<T extends z.ZodMiniType>(
  body: string,
  name: string,
  schema: T,
): z.infer<T> | null {
  const start = body.indexOf(`<!-- awesome-curator:${name} {`);
  if (start === -1) return null;
  const from = body.indexOf('{', start);
  const end = body.indexOf('\n', from);
  const line = body.slice(from, end === -1 ? body.length : end);
  const close = line.lastIndexOf('} -->');
  if (close === -1) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(line.slice(0, close + 1)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
