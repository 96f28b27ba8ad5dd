/**
 * markdown.ts as the CLI is built (scripts/build.mjs puts this module in its place): remark is
 * loaded by `loadMarkdown`, and `parseMarkdown` before that throws MarkdownNotLoaded, which
 * `withMarkdown` (markdown-needed.ts) turns into "load it, then do the work again".
 */
import type { Root } from 'mdast';
import { MarkdownNotLoaded } from './markdown-needed.js';

let parser: { parse(text: string): Root } | null = null;

export function parseMarkdown(text: string): Root {
  if (parser === null) throw new MarkdownNotLoaded();
  return parser.parse(text);
}

export async function loadMarkdown(): Promise<void> {
  if (parser !== null) return;
  const [{ unified }, { default: remarkParse }] = await Promise.all([
    import('unified'),
    import('remark-parse'),
  ]);
  parser = unified().use(remarkParse).freeze();
}

export { MarkdownNotLoaded };
