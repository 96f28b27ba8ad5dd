/**
 * Inline content of the cells that carry structure: the title link, the code link and the tags.
 * Well-formed cells take a fast path (one regular expression); anything else is handed to remark,
 * which knows every corner of CommonMark inline syntax, and the verdict is taken from its tree.
 */
import type { Root, PhrasingContent, RootContent } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

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

const parser = unified().use(remarkParse).freeze();

/** Undo Markdown backslash escapes (`\|`, `\[` …). */
export function unescapeMarkdown(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const SIMPLE_LINK = /^\[((?:[^[\]\\]|\\.)*)\]\(([^()\s<>]+)\)$/;

function plainText(nodes: readonly (PhrasingContent | RootContent)[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'inlineCode') out += node.value;
    else if ('children' in node) out += plainText(node.children as PhrasingContent[]);
  }
  return out;
}

function collectLinks(nodes: readonly RootContent[], out: { text: string; url: string }[]): void {
  for (const node of nodes) {
    if (node.type === 'link') out.push({ text: plainText(node.children), url: node.url });
    else if ('children' in node) collectLinks(node.children as RootContent[], out);
  }
}

/** Is the cell exactly one Markdown link (emphasis around it allowed)? */
export function parseLinkCell(cellText: string): LinkCell | NotLinkCell {
  const simple = SIMPLE_LINK.exec(cellText);
  if (simple) return { kind: 'link', text: unescapeMarkdown(simple[1]!), url: simple[2]! };
  // A `\|` in a cell is a pipe once the table is split (GFM); remark sees the cell's own text.
  const tree = parser.parse(cellText.replace(/\\\|/g, '|')) as Root;
  const links: { text: string; url: string }[] = [];
  collectLinks(tree.children, links);
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
