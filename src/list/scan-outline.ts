/**
 * A linear reader for the outline of a typical list: ATX headings, `[text](#anchor)` links,
 * `[label]: #anchor` definitions and HTML `id`/`name` anchors, skipping fenced code, indented code,
 * HTML blocks and the tables. remark is exact but costs a cold parser start on every run; this
 * reader takes the documents it can read with certainty and returns `null` for anything else
 * (setext headings, headings with inline markup or entities, block quotes and list items that
 * hold headings, anchor links it cannot read alone on their line), so the caller falls back to
 * remark. tests/list/scan-outline.differential.test.ts checks both give the same outline.
 */
import GithubSlugger from 'github-slugger';
import type { AnchorLink, Heading } from './outline.js';
import { htmlBlockKind, type LineIndex } from './scan-tables.js';

export interface ScannedOutline {
  headings: Heading[];
  anchorLinks: AnchorLink[];
  htmlAnchors: string[];
}

// `s`: a line may hold U+2028, U+2029 or a lone CR, which `.` would not match (no line ends there).
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$/s;
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/s;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const ANCHOR_LINK = /(!?)\[((?:[^[\]\\`]|\\[^`])*)\]\((#[^\s()<>\\&`"']*)\)/g;
const DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*(#\S*)[ \t]*$/;
const HTML_ANCHOR = /\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const HAS_ANCHOR = /<[A-Za-z][^>]*\b(?:id|name)\s*=/i;
/** Characters that make a heading's rendered text differ from its source. */
const INLINE_MARKUP = /[`*_[\]<>!\\&~]/;
// Four columns of indentation: four spaces, or a tab after up to three spaces.
const INDENTED = /^(?: {4}| {0,3}\t)/;
const CONTAINED_HEADING = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t])))+[ \t]*#/;
const EMPTY_QUOTE = /^ {0,3}>[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/** The outline, or null when this document needs remark. */
export function scanOutline(
  lines: LineIndex,
  tableBlocks: readonly { first: number; last: number }[],
): ScannedOutline | null {
  const text = lines.text;
  // A byte-order mark in the text (a file read through GitHub's API keeps it): remark skips it
  // and reads a heading on line 1; this reader would not.
  if (text.charCodeAt(0) === 0xfeff) return null;
  const out: ScannedOutline = { headings: [], anchorLinks: [], htmlAnchors: [] };
  const slugger = new GithubSlugger();
  let block = 0;
  let fence: { char: string; length: number } | null = null;
  let html = false;
  let paragraph = false;
  /** The current paragraph holds a backtick. */
  let tick = false;
  /** A list item came last (the lines since are its own or lazy continuations). */
  let inList = false;
  for (let n = 1; n <= lines.count; n += 1) {
    const table = tableBlocks[block];
    if (table && n >= table.first) {
      n = table.last;
      block += 1;
      paragraph = false;
      continue;
    }
    // A lone CR is a space here, as in the text remark is given (outline.ts).
    const raw = text.slice(lines.start(n), lines.end(n));
    const line = raw.includes('\r') ? raw.replace(/\r/g, ' ') : raw;
    // Only spaces and tabs make a line blank (see isBlank in scan-tables.ts).
    const blank = !/[^ \t\r]/.test(line);
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.length && !/[^ \t\r]/.test(m[2]!))
        fence = null;
      continue;
    }
    if (html) {
      collectHtmlAnchors(line, out);
      if (blank) html = false;
      continue;
    }
    if (blank) {
      paragraph = false;
      continue;
    }
    if (!paragraph && INDENTED.test(line)) {
      // In a list, an indented line after a blank one may continue an item (a nested item, a
      // paragraph with links or anchors) rather than be code: remark knows which.
      if (inList) return null;
      continue; // indented code
    }
    // In a list, an indented `#`, `===` or `---` may make a heading inside an item.
    if (inList && /^[ \t]+(?:#|=+[ \t]*$|-+[ \t]*$)/.test(line)) return null;
    inList = LIST_ITEM.test(line) || (inList && (paragraph || /^[ \t]/.test(line)));
    const f = FENCE.exec(line);
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
      fence = { char: f[1]![0]!, length: f[1]!.length };
      paragraph = false;
      continue;
    }
    const htmlKind = htmlBlockKind(line);
    if (htmlKind !== 0 && (htmlKind !== 7 || !paragraph)) {
      // Kinds 6 and 7 run to a blank line; comments, scripts and the like (kinds 1 to 5) end at
      // their own markers, which this reader does not follow.
      if (htmlKind < 6) return null;
      collectHtmlAnchors(line, out);
      html = true;
      paragraph = false;
      continue;
    }
    if (paragraph && SETEXT_UNDERLINE.test(line)) return null;
    if (THEMATIC_BREAK.test(line)) {
      // Not a paragraph line: an HTML block of kind 7 may start right below it.
      paragraph = false;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      const raw = atx[2]!;
      const content = (/^#+[ \t]*$/.test(raw) ? '' : raw.replace(/[ \t]+#+[ \t]*$/, '')).trim();
      // `#` left inside, or inline markup, and the rendered text may differ: ask remark.
      if (INLINE_MARKUP.test(content) || content.includes('#')) return null;
      out.headings.push({
        depth: atx[1]!.length,
        text: content,
        slug: slugger.slug(content),
        line: n,
        start: lines.start(n),
      });
      paragraph = false;
      continue;
    }
    // A heading in a quote or a list item, however nested (`># h`, `> > # h`, `- > # h`).
    if (line.includes('#') && CONTAINED_HEADING.test(line)) return null;
    if (line.includes('(#') || line.includes(': #') || line.includes(':#')) {
      // A definition cannot interrupt a paragraph (then it is text); leave that case to remark.
      if (paragraph && DEFINITION.test(line)) return null;
      if (!readAnchorLinks(line, n, lines.start(n), out)) return null;
    }
    // In a paragraph with a backtick, `<a id=…>` may sit in a code span (one that can run over
    // lines), its `<` be escaped, or it be in an image's alt text: no anchor. remark knows.
    tick = (paragraph && tick) || line.includes('`');
    if (line.includes('<')) {
      if ((tick || line.includes('\\<') || line.includes('![')) && HAS_ANCHOR.test(line))
        return null;
      collectHtmlAnchors(line, out, true);
    }
    // An empty quote line (`>`) holds no paragraph: an indented line below it is code.
    paragraph = !EMPTY_QUOTE.test(line);
  }
  return out;
}

/**
 * An open tag as CommonMark reads raw HTML in a paragraph: `<a name=x"y">` or an unclosed quote
 * is text there (an HTML block keeps any `<…>`, as browsers do).
 */
const OPEN_TAG =
  /<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>/g;

function collectHtmlAnchors(line: string, out: ScannedOutline, inline = false): void {
  if (!/<[A-Za-z]/.test(line)) return;
  for (const tag of line.matchAll(inline ? OPEN_TAG : /<[A-Za-z][^>]*>/g)) {
    for (const m of tag[0].matchAll(HTML_ANCHOR))
      out.htmlAnchors.push((m[1] ?? m[2] ?? m[3] ?? '').toLowerCase());
  }
}

/** Anchor links and definitions on one line; false when the line is not certain without remark. */
function readAnchorLinks(line: string, n: number, lineStart: number, out: ScannedOutline): boolean {
  // Code spans and escaped brackets (`\[text](#a)` is no link) are remark's to read.
  if (line.includes('`') || line.includes('\\[')) return false;
  const def = DEFINITION.exec(line);
  if (def) {
    const at = line.indexOf(def[1]!);
    out.anchorLinks.push({
      anchor: def[1]!.slice(1),
      line: n,
      column: line.indexOf('[') + 1,
      start: lineStart + at + 1,
      end: lineStart + at + def[1]!.length,
    });
    return true;
  }
  // A definition this reader does not place (in a quote or a list item): remark's.
  if (/\]:[ \t]*#/.test(line)) return false;
  let found = 0;
  for (const m of line.matchAll(ANCHOR_LINK)) {
    if (m[1] === '!') return false; // an image pointing at an anchor: leave it to remark
    const url = m[3]!;
    const at = m.index + m[0].length - 1 - url.length;
    out.anchorLinks.push({
      anchor: url.slice(1),
      line: n,
      column: m.index + 1,
      start: lineStart + at + 1,
      end: lineStart + at + url.length,
    });
    found += 1;
  }
  // Every `(#` on the line must have been read as a link destination.
  return found === line.split('](#').length - 1 && found === line.split('(#').length - 1;
}
