/**
 * The Markdown parser's loading, for the CLI (which may not reach into src/list): loaded on demand
 * in the built CLI, always there elsewhere (src/list/markdown.ts, markdown-lazy.ts).
 */
export { loadMarkdown } from '../list/markdown.js';
export { withMarkdown } from '../list/markdown-needed.js';
