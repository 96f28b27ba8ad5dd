/**
 * The Markdown parser (remark) behind the fast paths: a cell, a TL;DR or an outline that the
 * one-pass readers cannot settle is handed to it. Loaded with the module, for the App, the Action
 * and the tests. The CLI is built with markdown-lazy.ts in its place (scripts/build.mjs): there
 * remark is loaded only when a file needs it, since most lint runs never do.
 */
import type { Root } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { MarkdownNotLoaded } from './markdown-needed.js';

const parser = unified().use(remarkParse).freeze();

/** The CommonMark tree of `text`. */
export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

/** Make `parseMarkdown` ready (here it always is). */
export async function loadMarkdown(): Promise<void> {}

export { MarkdownNotLoaded };
