/**
 * Paper entries written as list items, found in one pass over the lines outside tables and code:
 * `- Title <br> ICLR 2024 [[Paper]](…)`, `1. [**Title.**](…) *Authors.*`, or a bullet whose nested
 * items hold the paper (`- **Name**` / `  - Paper: [Title](…)` / `  - Code: …`).
 *
 * An item is a paper entry when its own text holds a paper link (see entry-content.ts); an item
 * without one whose nested items hold exactly one paper link is an entry with its children (the
 * nested shape); otherwise its children are looked at in turn. Table-of-contents bullets
 * (`[Section](#anchor)`) hold no paper link and are never entries.
 */
import { findLinks, isPaperUrl } from './entry-content.js';
import type { LineIndex, ScannedTable } from './scan-tables.js';

export interface ScannedEntry {
  /** First and last line of the entry (nested items and continuation lines included). */
  first: number;
  last: number;
  /** The list marker of the entry's first line: `-`, `*`, `+`, `1.`, `1)`. */
  marker: string;
}

/** Consecutive entries under one heading: the list a new entry of that section joins. */
export interface ScannedEntryBlock {
  entries: ScannedEntry[];
}

const ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const ATX = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BLANK = /^[ \t]*$/;

interface Item {
  line: number;
  indent: number;
  marker: string;
  /**
   * Last line of the item's own text that counts for finding its paper link: the marker line and
   * the lines indented under it, before its first nested item. A lazy continuation (a line
   * written flush left under an item) belongs to the item but does not make it an entry.
   */
  ownLast: number;
  /** Last line of the item with its nested items. */
  last: number;
  /** Paper links on the item's own counting lines (see `ownLast`). */
  links: number;
  children: Item[];
}

function width(ws: string): number {
  let w = 0;
  for (const c of ws) w = c === '\t' ? w + 4 - (w % 4) : w + 1;
  return w;
}

function paperLinks(lines: LineIndex, first: number, last: number): number {
  let n = 0;
  for (let i = first; i <= last; i += 1) {
    const text = lines.line(i).text;
    // A line shaped like a table row is not an entry's text (a stray row under an item).
    if (!text.includes('](') || /^[ \t]*\|/.test(text)) continue;
    for (const l of findLinks(text)) if (!l.image && isPaperUrl(l.url)) n += 1;
  }
  return n;
}

/** Find the entries; `tables` are skipped (their lines are rows, not items). */
export function scanEntries(
  lines: LineIndex,
  tables: readonly Pick<ScannedTable, 'header' | 'bodyLast' | 'delimiter'>[],
): ScannedEntryBlock[] {
  const text = lines.text;
  // Quick exit: a file with no list item holding a link has no entries (most seed-shaped lists
  // have a table of contents only, which the walk below handles; this skips files without any).
  if (!text.includes('](')) return [];
  const blocks: ScannedEntryBlock[] = [];
  let current: ScannedEntry[] = [];
  const close = () => {
    if (current.length) blocks.push({ entries: current });
    current = [];
  };
  let t = 0;
  let fence: string | null = null;
  // Top-level items of the list being read, as a tree.
  let roots: Item[] = [];
  let stack: Item[] = [];
  let blankRun = false;
  const flush = () => {
    for (const root of roots) collect(root);
    roots = [];
    stack = [];
  };
  const subtreeLinks = (item: Item): number =>
    item.links + item.children.reduce((n, c) => n + subtreeLinks(c), 0);
  const collect = (item: Item) => {
    // A table-of-contents item (`[Section](#anchor)`) is never a paper, whatever follows it.
    if (/\]\(#[^)]*\)/.test(lines.line(item.line).text)) {
      for (const child of item.children) collect(child);
      return;
    }
    if (item.links > 0) {
      current.push({ first: item.line, last: item.last, marker: item.marker });
      return;
    }
    if (item.children.length && subtreeLinks(item) === 1) {
      current.push({ first: item.line, last: item.last, marker: item.marker });
      return;
    }
    for (const child of item.children) collect(child);
  };
  for (let n = 1; n <= lines.count; n += 1) {
    const table = tables[t];
    if (table && n >= table.header.line) {
      flush();
      close();
      n = Math.max(table.bodyLast, table.delimiter.line);
      t += 1;
      continue;
    }
    const line = text.slice(lines.start(n), lines.end(n));
    if (fence !== null) {
      if (line.trimStart().startsWith(fence)) fence = null;
      continue;
    }
    const f = FENCE.exec(line);
    if (f) {
      flush();
      fence = f[1]!.slice(0, 3);
      continue;
    }
    if (ATX.test(line)) {
      flush();
      close();
      continue;
    }
    if (BLANK.test(line)) {
      blankRun = true;
      continue;
    }
    const m = ITEM.exec(line);
    const indent = m ? width(m[1]!) : width(/^[ \t]*/.exec(line)![0]);
    if (m) {
      const item: Item = {
        line: n,
        indent,
        marker: m[2]!,
        ownLast: n,
        last: n,
        links: paperLinks(lines, n, n),
        children: [],
      };
      while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.children.push(item);
        for (const s of stack) s.last = n;
      } else roots.push(item);
      stack.push(item);
      blankRun = false;
      continue;
    }
    // A continuation line: indented under the open item, or lazy (right after it, no blank).
    const open = stack[stack.length - 1];
    if (open && (indent > open.indent || !blankRun)) {
      if (open.children.length === 0 && indent > open.indent && open.ownLast === n - 1) {
        open.ownLast = n;
        open.links += paperLinks(lines, n, n);
      }
      for (const s of stack) s.last = n;
      blankRun = false;
      continue;
    }
    // Prose: the list ended. Entries on both sides of a paragraph stay one block (one section).
    flush();
    blankRun = false;
  }
  flush();
  close();
  return blocks;
}
