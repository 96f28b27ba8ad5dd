/**
 * Inline content of the cells that carry structure: the title link, the code link and the tags.
 * Well-formed cells take a fast path (one regular expression); anything else is handed to remark,
 * which knows every corner of CommonMark inline syntax, and the verdict is taken from its tree.
 */
import { parseMarkdown } from './markdown.js';
import type { Link, PhrasingContent, RootContent } from 'mdast';

export interface LinkCell {
  kind: 'link';
  /** Link text with Markdown escapes removed. */
  text: string;
  url: string;
}
export interface NotLinkCell {
  kind: 'not-link';
  /** How many links the cell holds (0, or 2 and more, or 1 with other text around it). */
  links: number;
  /** The first link, when there is one. */
  first: { text: string; url: string } | null;
}

/** Undo Markdown backslash escapes (`\|`, `\[` …). */
export function unescapeMarkdown(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

// A destination with a backslash goes to remark, which reads its escapes.
const SIMPLE_LINK = /^\[((?:[^[\]\\]|\\.)*)\]\(([^()\s<>\\]+)\)$/;

function plainText(nodes: readonly (PhrasingContent | RootContent)[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'inlineCode') out += node.value;
    else if ('children' in node) out += plainText(node.children as PhrasingContent[]);
  }
  return out;
}

/**
 * A link's text as written between its brackets, escapes removed: what SIMPLE_LINK reads, so
 * that a title reads the same whichever path reads it (remark would drop HTML and markup).
 */
function linkText(node: Link, source: string): string {
  const first = node.children[0]?.position?.start.offset;
  const last = node.children[node.children.length - 1]?.position?.end.offset;
  if (node.children.length === 0) return '';
  if (first === undefined || last === undefined) return plainText(node.children);
  return unescapeMarkdown(source.slice(first, last));
}

function collectLinks(
  nodes: readonly RootContent[],
  source: string,
  out: { text: string; url: string }[],
): void {
  for (const node of nodes) {
    if (node.type === 'link') out.push({ text: linkText(node, source), url: node.url });
    else if ('children' in node) collectLinks(node.children as RootContent[], source, out);
  }
}

/** Is the cell exactly one Markdown link (emphasis around it allowed)? */
export function parseLinkCell(cellText: string): LinkCell | NotLinkCell {
  const simple = SIMPLE_LINK.exec(cellText);
  if (simple) return { kind: 'link', text: unescapeMarkdown(simple[1]!), url: simple[2]! };
  // A `\|` in a cell is a pipe once the table is split (GFM); remark sees the cell's own text.
  const source = cellText.replace(/\\\|/g, '|');
  const tree = parseMarkdown(source);
  const links: { text: string; url: string }[] = [];
  collectLinks(tree.children, source, links);
  const outsideText = plainText(stripLinks(tree.children)).trim();
  if (links.length === 1 && outsideText === '') return { kind: 'link', ...links[0]! };
  return { kind: 'not-link', links: links.length, first: links[0] ?? null };
}

function stripLinks(nodes: readonly RootContent[]): RootContent[] {
  return nodes
    .filter((n) => n.type !== 'link')
    .map((n) =>
      'children' in n
        ? ({ ...n, children: stripLinks(n.children as RootContent[]) } as RootContent)
        : n,
    );
}

export interface TagsCell {
  tags: string[];
  /** True when the cell is only backticked tags separated by commas. */
  wellFormed: boolean;
}

const isSeparator = (s: string): boolean => /^\s*[,，、]\s*$/.test(s);

/** `` `A`, `B` `` -> ['A', 'B']; reports whether anything else stands in the cell. */
export function parseTagsCell(cellText: string): TagsCell {
  const tags: string[] = [];
  let wellFormed = true;
  let last = 0;
  for (;;) {
    const open = cellText.indexOf('`', last);
    if (open === -1) break;
    const close = cellText.indexOf('`', open + 1);
    if (close === -1) break;
    const between = cellText.slice(last, open);
    if (tags.length === 0 ? between.trim() !== '' : !isSeparator(between)) wellFormed = false;
    const tag = cellText.slice(open + 1, close).trim();
    if (tag === '') wellFormed = false;
    else tags.push(tag);
    last = close + 1;
  }
  if (cellText.slice(last).trim() !== '' || tags.length === 0) wellFormed = false;
  return { tags, wellFormed };
}
