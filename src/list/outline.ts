/**
 * The document outline (headings, in-page links, HTML anchors), read with remark.
 *
 * Each table is replaced by one blank line before remark sees the text: remark-gfm's table parsing
 * is quadratic in the number of cells, and the outline needs none of it. Lines are mapped back to
 * the original file; columns are unchanged since only whole lines are removed.
 */
import { parseMarkdown } from './markdown.js';
import type { RootContent, PhrasingContent } from 'mdast';
import GithubSlugger from 'github-slugger';
import type { LineIndex } from './scan-tables.js';

export interface Heading {
  depth: number;
  /** Rendered text of the heading (emoji kept, Markdown removed). */
  text: string;
  /** GitHub's anchor for it (without `#`), duplicates numbered `-1`, `-2` as GitHub does. */
  slug: string;
  line: number;
  /** Offset of the heading's line in the document. */
  start: number;
}

export interface AnchorLink {
  /** The fragment as written, without `#`. */
  anchor: string;
  line: number;
  column: number;
  /** Offsets of `anchor` (without `#`) in the document, for a fix. */
  start: number;
  end: number;
}

export interface Block {
  type: 'paragraph' | 'list-item' | 'heading' | 'code' | 'html' | 'other';
  /** Plain text (Markdown removed; inline code kept). */
  text: string;
  line: number;
  endLine: number;
}

export interface Outline {
  headings: Heading[];
  anchorLinks: AnchorLink[];
  /** `id`/`name` attributes of HTML in the document: anchors a link may point at. */
  htmlAnchors: string[];
  /** Top-level blocks in order, for readers of section prose (definitions, guidelines). */
  blocks: Block[];
}

function textOf(nodes: readonly (RootContent | PhrasingContent)[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'inlineCode') out += node.value;
    else if (node.type === 'break') out += ' ';
    // GitHub's anchor is made from the rendered text: images and raw HTML add nothing.
    else if (node.type === 'image' || node.type === 'html') continue;
    else if ('children' in node) out += textOf(node.children as RootContent[]);
    if (node.type === 'paragraph' || node.type === 'listItem') out += '\n';
  }
  return out;
}

const HTML_ANCHOR = /\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

export function readOutline(
  text: string,
  lines: LineIndex,
  tableBlocks: readonly { first: number; last: number }[],
): Outline {
  // Each table (lines first..last) becomes one blank line; `shift` maps a line of the masked text
  // back to the original: add the lines removed before it.
  const parts: string[] = [];
  const shifts: { from: number; add: number }[] = [];
  let from = 0;
  let removed = 0;
  for (const block of tableBlocks) {
    parts.push(text.slice(from, lines.start(block.first)));
    from = lines.end(block.last);
    removed += block.last - block.first;
    shifts.push({ from: block.first + 1 - (removed - (block.last - block.first)), add: removed });
  }
  parts.push(text.slice(from));
  // A lone CR ends a line for remark (CommonMark) but not for LineIndex, the scanners or the
  // edits; as a space (same length) it keeps remark's line numbers those of the rest of curator.
  const masked = parts.join('').replace(/\r(?!\n)/g, ' ');
  const toOriginal = (maskedLine: number): number => {
    let add = 0;
    // Blocks are few (one per table); a linear walk is fine.
    for (const s of shifts) if (maskedLine >= s.from) add = s.add;
    return maskedLine + add;
  };
  const tree = parseMarkdown(masked);
  const slugger = new GithubSlugger();
  const outline: Outline = { headings: [], anchorLinks: [], htmlAnchors: [], blocks: [] };
  const offsetOf = (line: number, column: number): number => lines.start(line) + column - 1;

  const visit = (node: RootContent): void => {
    if (node.type === 'heading') {
      const headingText = textOf(node.children).trim();
      const line = toOriginal(node.position?.start.line ?? 0);
      outline.headings.push({
        depth: node.depth,
        text: headingText,
        slug: slugger.slug(headingText),
        line,
        start: lines.start(line),
      });
    }
    if (node.type === 'link' || node.type === 'definition') {
      if (node.url.startsWith('#') && node.position) {
        const { column } = node.position.start;
        const line = toOriginal(node.position.start.line);
        const lineText = lines.line(line).text;
        const at = lineText.indexOf(node.url, column - 1);
        const start = at === -1 ? offsetOf(line, column) : offsetOf(line, at + 1) + 1;
        outline.anchorLinks.push({
          anchor: node.url.slice(1),
          line,
          column,
          start,
          end: start + node.url.length - 1,
        });
      }
    }
    if (node.type === 'html') {
      // Attributes of tags only: an HTML block's text (a URL with `?id=`) names no anchor.
      for (const tag of node.value.matchAll(/<[A-Za-z][^>]*>/g))
        for (const m of tag[0].matchAll(HTML_ANCHOR))
          outline.htmlAnchors.push((m[1] ?? m[2] ?? m[3] ?? '').toLowerCase());
    }
    if ('children' in node) for (const child of node.children as RootContent[]) visit(child);
  };

  for (const node of tree.children) {
    const line = toOriginal(node.position?.start.line ?? 0);
    const endLine = toOriginal(node.position?.end.line ?? 0);
    if (node.type === 'heading') {
      outline.blocks.push({ type: 'heading', text: textOf(node.children).trim(), line, endLine });
    } else if (node.type === 'paragraph') {
      outline.blocks.push({ type: 'paragraph', text: textOf(node.children).trim(), line, endLine });
    } else if (node.type === 'list') {
      for (const item of node.children) {
        const l = toOriginal(item.position?.start.line ?? 0);
        outline.blocks.push({
          type: 'list-item',
          text: textOf(item.children).trim(),
          line: l,
          endLine: toOriginal(item.position?.end.line ?? 0),
        });
      }
    } else if (node.type === 'code') {
      outline.blocks.push({ type: 'code', text: node.value, line, endLine });
    } else if (node.type === 'html') {
      outline.blocks.push({ type: 'html', text: node.value, line, endLine });
    }
    visit(node);
  }
  return outline;
}
