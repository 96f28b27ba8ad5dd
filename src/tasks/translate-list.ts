/**
 * Use case: write the translation of a list from its primary file (`curator translate`), or
 * complete an existing translation.
 *
 * The translation has the primary file's structure line for line: headings (with GitHub anchors
 * and the table of contents following them), paper tables, lists, badges, links, HTML and code
 * blocks. What is translated, and how:
 * - table headers, the common headings (Introduction, Surveys, Contributing…) and the
 *   `**Definition**` / `**Keywords**` labels from a built-in dictionary (Simplified Chinese);
 * - tags and keywords through the tag glossary (the config's `sync.glossary` wins over the one
 *   learned from the two files, which wins over the built-in seed); unknown ones are kept;
 * - TL;DRs, other headings and prose lines (paragraphs, list items, quotes) by the LLM when one is
 *   given: batched and capped by translateTexts, cached by `translationKey`, the reply made inert
 *   plain text; links, images, code spans, HTML, URLs and emphasis markers are sent as markers
 *   (`⟦0⟧`) and put back from the source, so the model never writes any. Without an LLM (or
 *   where a reply is not usable) the text stays in the source language; `curator sync` lists such
 *   TL;DRs as `sync-untranslated`.
 * Completing an existing translation adds only what it lacks: sections (placed by a heading
 * alignment, with their table-of-contents lines), paper rows missing from paired tables, and, with
 * an LLM, TL;DR cells that are still a verbatim copy of the primary file's. Every other line stays
 * byte for byte. Every paper row written gets every lint fix (`fixRows`).
 */
import { inertText, sanitizeText } from '../classifier/sanitize.js';
import type { CuratorConfig } from '../config/index.js';
import type { Llm } from '../llm/client.js';
import {
  columnRoles,
  escapeCell,
  learnStyle,
  normaliseHeader,
  parseList,
  renderEntry,
  renderPaperRow,
  type ColumnAliases,
  type ColumnRole,
  type ListStyle,
  type Heading,
  type PaperList,
  type PaperRow,
  type PaperTable,
} from '../list/index.js';
import { seedTranslation } from '../sync/glossary.js';
import { listGlossary } from './list-glossary.js';
import { translateTexts, translationKey, type TranslateSpend } from '../sync/translate.js';
import { fixRows, lintOptionsFrom, parseOptionsFrom } from './lint-files.js';

export const DEFAULT_LANGUAGE = 'Simplified Chinese';
/** The translation's file when neither `--to` nor `files.translation` names one. */
export const DEFAULT_TRANSLATION_FILE = 'README_CN.md';

/** README_CN.md next to the primary file. */
export function defaultTranslationPath(primary: string): string {
  const slash = primary.lastIndexOf('/');
  return slash < 0
    ? DEFAULT_TRANSLATION_FILE
    : `${primary.slice(0, slash)}/${DEFAULT_TRANSLATION_FILE}`;
}

export interface TranslateListInput {
  primary: { path: string; text: string };
  /** The translation's path, and its text when the file exists (null: written from scratch). */
  translation: { path: string; text: string | null };
  config: CuratorConfig;
  /** Default: Simplified Chinese. */
  language?: string | undefined;
  llm?: Llm | undefined;
  /** Translations already paid for (see `translationKey`), used first and added to. */
  translations?: Map<string, string> | undefined;
  /** What the run has spent on the LLM so far; counted on here, under config.llm's caps. */
  spend?: TranslateSpend | undefined;
  /** Why there is no LLM, for the report (e.g. `--offline`); default: none is configured. */
  offlineReason?: string | undefined;
}

export interface TranslateListOutcome {
  path: string;
  /** The translation after this run (the same text when nothing was to do). */
  text: string;
  changed: boolean;
  /** There was no translation: it was written whole. */
  created: boolean;
  language: string;
  /** Headings written (every one when created; the missing sections' when completing). */
  sections: number;
  /** Paper rows written. */
  rows: number;
  /** Headings, prose lines and TL;DRs written in the target language (dictionary, LLM or cache). */
  translated: number;
  /** Headings, prose lines and TL;DRs written in the source language. */
  untranslated: number;
  /** Of those, TL;DR (and Focus) cells: `curator sync` lists them as `sync-untranslated`. */
  untranslatedTldrs: number;
  /** Why texts kept the source language: each reason once, with how many texts. */
  reasons: { reason: string; count: number }[];
  /** HTTP requests sent to the LLM. */
  llmRequests: number;
  /** Texts answered from the translation cache without a request. */
  cacheHits: number;
  /** Tags and keywords the glossary does not know (kept as they are). */
  unknownTerms: string[];
  /** Lines of the translation whose rows a lint fix corrected. */
  rowsLintFixed: number[];
  /** What a maintainer should know (a row not placed, fixes the primary file lacks). */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Built-in words (Simplified Chinese): the ones every list of this kind has.

const HEADERS_ZH: Record<string, string> = {
  'paper title': '论文标题',
  title: '标题',
  paper: '论文',
  papers: '论文',
  name: '论文名称',
  'venue/date': '发表/日期',
  venue: '发表',
  date: '日期',
  publication: '发表',
  published: '发表时间',
  conference: '会议',
  year: '年份',
  tags: '标签',
  tag: '标签',
  labels: '标签',
  code: '代码',
  github: '代码',
  repo: '代码',
  repository: '代码',
  implementation: '代码',
  'tl;dr': '简述',
  tldr: '简述',
  summary: '摘要',
  description: '说明',
  notes: '说明',
  note: '说明',
  focus: '关注点',
  scope: '关注点',
};

const HEADINGS_ZH: Record<string, string> = {
  'table of contents': '目录',
  contents: '目录',
  toc: '目录',
  introduction: '简介',
  overview: '概述',
  taxonomy: '分类体系',
  surveys: '综述论文',
  survey: '综述',
  'survey papers': '综述论文',
  benchmarks: '基准测试',
  benchmark: '基准测试',
  datasets: '数据集',
  tools: '工具',
  resources: '资源',
  papers: '论文',
  news: '动态',
  contributing: '如何贡献',
  'how to contribute': '如何贡献',
  'categorization guidelines': '分类指南',
  'categorisation guidelines': '分类指南',
  'star history': 'Star历史',
  license: '许可证',
  licence: '许可证',
  acknowledgements: '致谢',
  acknowledgments: '致谢',
  citation: '引用',
  contact: '联系方式',
  faq: '常见问题',
};

const LABELS_ZH: Record<string, string> = { definition: '定义', keywords: '关键词' };

/** Whether the built-in words (Simplified Chinese) fit the target language. */
export function isSimplifiedChinese(language: string): boolean {
  return (
    /chinese|中文|简体|^zh(?:[-_](?:cn|hans|sg))?$/i.test(language.trim()) &&
    !/traditional|繁|hant|tw|hk/i.test(language)
  );
}

const lookup = (table: Record<string, string>, text: string): string | undefined =>
  Object.hasOwn(table, normaliseHeader(text)) ? table[normaliseHeader(text)] : undefined;

// ---------------------------------------------------------------------------------------------
// Inline Markdown the model never writes: sent as markers, put back from the source.

const PROTECTED: RegExp[] = [
  // Code spans.
  /(`+)[\s\S]*?[^`]\1(?!`)|(`+)\2(?!`)/y,
  // Links and images (with one level of nested brackets: a linked badge), reference links.
  /!?\[(?:[^[\]\\]|\\.|\[(?:[^[\]\\]|\\.)*\])*\](?:\((?:[^()\s\\]|\\.|\([^()\s]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\)|\[[^[\]]*\])?/y,
  // HTML comments and tags, autolinks.
  /<!--[\s\S]*?-->|<\/?[A-Za-z][^<>]*>|<[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>/y,
  // Bare URLs.
  /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<>]*[^\s<>.,;:!?'")\]]/iy,
  // Entities and escapes.
  /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/iy,
  /\\[!-/:-@[-`{-~]/y,
  // @-mentions (kept as written: the model's would be taken out).
  /(?<![\w@])@[A-Za-z0-9][A-Za-z0-9-]*(?:\/[\w.-]+)?/y,
  // Emphasis and strike-through markers (the words between them are translated).
  /\*+|~~|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/uy,
];

export interface Masked {
  /** The text with each protected span replaced by `⟦i⟧`. */
  text: string;
  spans: string[];
}

/** `text` with its markup replaced by markers (adjacent spans are one marker). */
export function maskMarkup(text: string): Masked {
  const spans: string[] = [];
  let out = '';
  let plain = '';
  let i = 0;
  const flush = () => {
    out += plain;
    plain = '';
  };
  while (i < text.length) {
    let hit: string | null = null;
    for (const re of PROTECTED) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m && m[0].length) {
        hit = m[0];
        break;
      }
    }
    if (hit === null) {
      plain += text[i];
      i += 1;
      continue;
    }
    if (plain === '' && spans.length && out.endsWith(`⟦${spans.length - 1}⟧`))
      spans[spans.length - 1] += hit;
    else {
      flush();
      out += `⟦${spans.length}⟧`;
      spans.push(hit);
    }
    i += hit.length;
  }
  flush();
  return { text: out, spans };
}

/** A translation with its markers replaced by the source's spans; null when one is lost or doubled. */
export function unmaskMarkup(translated: string, spans: readonly string[]): string | null {
  const seen = new Set<number>();
  let ok = true;
  const out = translated.replace(/⟦(\d+)⟧/g, (m, d: string) => {
    const i = Number(d);
    if (i >= spans.length || seen.has(i)) {
      ok = false;
      return m;
    }
    seen.add(i);
    return spans[i]!;
  });
  return ok && seen.size === spans.length ? out : null;
}

const LATIN = /[A-Za-z]/;

/** Whether a masked text has words to translate (for Chinese: Latin words). */
function hasWords(masked: string, chinese: boolean): boolean {
  const words = masked.replace(/⟦\d+⟧/g, ' ');
  return chinese ? LATIN.test(words) : /\p{L}/u.test(words);
}

// ---------------------------------------------------------------------------------------------
// Lines.

type Origin = { kind: 'P'; line: number } | { kind: 'T'; line: number } | { kind: 'row' };

interface OutLine {
  text: string;
  eol: string;
  origin: Origin;
}

const ATX = /^( {0,3}#{1,6}(?:[ \t]+|$))(.*?)((?:[ \t]+#+)?[ \t]*)$/;
const FENCE = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})/;
const PREFIX =
  /^((?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?(?:[ \t]*>)*[ \t]*)/;
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$|^ {0,3}(?:=+|-+)[ \t]*$/;
const DEFINITION_LINE = /^ {0,3}\[[^\]]+\]:/;
const LABEL = /^(\*\*|__)([^*_]+?)\1[ \t]*([:：])[ \t]*/;
/** Emoji and symbols in front of a heading's words (kept as they are). */
const EMOJI_PREFIX = /^(?:\p{Extended_Pictographic}|\p{So}|\uFE0F|\u200D|[ \t])*/u;

/** What a line's words are, for the prompt and the counts. */
type UnitKind = 'heading' | 'prose' | 'tldr';

interface Words {
  /** The LLM's translation of `text` (asked for while collecting), or null: the source stays. */
  llm(text: string, kind: UnitKind): string | null;
  /** What became of a text asked for: written translated or not (its markers lost, say). */
  result(text: string, kind: UnitKind, translated: boolean): void;
  /** A text translated by the built-in dictionary. */
  dictionary(): void;
}

/** A masked text through the LLM, its markers put back; null keeps the source. */
function ask(masked: Masked, kind: UnitKind, r: Renderer): string | null {
  const reply = r.words.llm(masked.text, kind);
  const restored = reply === null ? null : unmaskMarkup(reply, masked.spans);
  r.words.result(masked.text, kind, restored !== null);
  return restored;
}

interface Renderer {
  chinese: boolean;
  /** The config's column words: a translated header must keep each column's role. */
  aliases: ColumnAliases | undefined;
  /** The translation's style (learned, the config's pins winning), for entries written anew. */
  style: ListStyle;
  /** Tags (and keywords) through the glossary. */
  glossary: ReadonlyMap<string, string>;
  exclude: readonly string[];
  unknown: Set<string>;
  words: Words;
}

/** A line of the primary file in the translation. */
type LineKind =
  | { kind: 'keep' }
  /** `excluded`: whether its section is left out of the categories (null: it holds no papers). */
  | { kind: 'heading'; excluded: boolean | null }
  | { kind: 'prose' }
  | { kind: 'header'; table: PaperTable }
  | { kind: 'row'; row: PaperRow };

/** How each line of the primary file is written: kept, or translated as what it is. */
function classifyLines(list: PaperList, exclude: readonly string[]): LineKind[] {
  const kinds: LineKind[] = Array.from({ length: list.lines.count + 1 }, () => ({
    kind: 'prose',
  }));
  const keep = (from: number, to: number) => {
    for (let n = from; n <= to; n += 1) kinds[n] = { kind: 'keep' };
  };
  const excluded = (text: string) =>
    exclude.some((e) => text.toLowerCase().includes(e.toLowerCase()));
  for (const block of list.outline.blocks) {
    if (block.type === 'code') keep(block.line, block.endLine);
    else if (
      block.type === 'html' &&
      /^\s*<(?:!--|pre\b|script\b|style\b|textarea\b|\?|!)/i.test(block.text)
    )
      keep(block.line, block.endLine);
  }
  // Fences inside lists and quotes (the outline's blocks are the top-level ones).
  let fence: { char: string; length: number } | null = null;
  for (let n = 1; n <= list.lines.count; n += 1) {
    const text = list.lines.line(n).text;
    const m = FENCE.exec(text);
    if (fence) {
      kinds[n] = { kind: 'keep' };
      if (
        m &&
        m[1]![0] === fence.char &&
        m[1]!.length >= fence.length &&
        /^[`~]+\s*$/.test(text.slice(text.indexOf(m[1]!)))
      )
        fence = null;
    } else if (m && kinds[n]!.kind !== 'keep') {
      fence = { char: m[1]![0]!, length: m[1]!.length };
      kinds[n] = { kind: 'keep' };
    }
  }
  for (const table of list.tables) {
    if (table.kind === 'list') {
      // Entries are copied as they are (an item has no TL;DR cell); prose between them is prose.
      for (const e of table.entries) keep(e.first, e.last);
      continue;
    }
    keep(table.header.line, Math.max(table.delimiter.line, table.bodyLast));
    if (!table.isPaperTable) continue;
    kinds[table.header.line] = { kind: 'header', table };
  }
  for (const row of list.rows) if (row.shape === 'row') kinds[row.line] = { kind: 'row', row };
  const withPapers = new Set(list.sections.filter((s) => s.tables.length).map((s) => s.line));
  for (const h of list.outline.headings) {
    if (kinds[h.line]!.kind !== 'prose') continue;
    const text = list.lines.line(h.line).text;
    const setext = THEMATIC.test(list.lines.line(h.line + 1).text) && !ATX.test(text);
    // A heading inside a quote or list item is left as it is.
    kinds[h.line] =
      ATX.test(text) || setext
        ? { kind: 'heading', excluded: withPapers.has(h.line) ? excluded(h.text) : null }
        : { kind: 'keep' };
  }
  for (let n = 1; n <= list.lines.count; n += 1) {
    if (kinds[n]!.kind !== 'prose') continue;
    const text = list.lines.line(n).text;
    if (text.trim() === '' || THEMATIC.test(text) || DEFINITION_LINE.test(text))
      kinds[n] = { kind: 'keep' };
  }
  return kinds;
}

/** A heading's words in the target language (the prefix and emoji kept). */
function renderHeading(text: string, excluded: boolean | null, r: Renderer): string {
  const m = ATX.exec(text);
  const [lead, content, tail] = m ? [m[1]!, m[2]!, m[3]!] : ['', text, ''];
  const emoji = EMOJI_PREFIX.exec(content)![0];
  const words = content.slice(emoji.length);
  if (words.trim() === '') return text;
  const known = r.chinese ? lookup(HEADINGS_ZH, words) : undefined;
  let translated: string | null = null;
  if (known !== undefined) {
    r.words.dictionary();
    translated = known;
  } else {
    const masked = maskMarkup(words);
    if (!hasWords(masked.text, r.chinese)) return text;
    translated = ask(masked, 'heading', r);
  }
  if (translated === null) return text;
  // A section left out of the categories (Surveys) stays left out, and a category stays one.
  const isExcluded = r.exclude.some((e) => translated!.toLowerCase().includes(e.toLowerCase()));
  if (excluded !== null && isExcluded !== excluded) return text;
  return `${lead}${emoji}${translated}${tail}`;
}

/** A prose line: its list or quote marker kept, a known label translated, the rest by the LLM. */
function renderProse(text: string, r: Renderer): string {
  const prefix = PREFIX.exec(text)![1]!;
  let body = text.slice(prefix.length);
  const hardBreak = /(?: {2,}|\\)$/.exec(body)?.[0] ?? '';
  body = body.slice(0, body.length - hardBreak.length);
  let head = '';
  const label = LABEL.exec(body);
  const labelled = label ? normaliseHeader(label[2]!) : null;
  if (label && labelled !== null && Object.hasOwn(LABELS_ZH, labelled)) {
    // The labels the classifier reads (Definition, Keywords): in Chinese from the dictionary,
    // else as they are.
    head = r.chinese ? `${label[1]}${LABELS_ZH[labelled]}${label[1]}：` : label[0];
    body = body.slice(label[0].length);
    if (labelled === 'keywords') return `${prefix}${head}${renderTerms(body, r)}${hardBreak}`;
  }
  const masked = maskMarkup(body);
  if (!hasWords(masked.text, r.chinese)) return head ? `${prefix}${head}${body}${hardBreak}` : text;
  const translated = ask(masked, 'prose', r);
  if (translated === null) return head ? `${prefix}${head}${body}${hardBreak}` : text;
  return `${prefix}${head}${translated}${hardBreak}`;
}

/** A keyword line's terms (`a`, `b`) through the glossary, in the target language's list style. */
function renderTerms(body: string, r: Renderer): string {
  const terms = [...body.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  if (!terms.length || body.replace(/`[^`]+`/g, '').replace(/[\s,，、;；.。]/g, '') !== '')
    return body;
  const out = terms.map((t) => {
    // Keywords are no tags, but the same words: the glossary, else the seed's.
    const known = r.glossary.get(t.trim()) ?? (r.chinese ? seedTranslation(t.trim()) : undefined);
    if (known === undefined) r.unknown.add(t.trim());
    return `\`${known ?? t}\``;
  });
  return out.join(r.chinese ? '、' : ', ');
}

/** A column word for each role, for a header whose dictionary word would read as another role. */
const ROLES_ZH: Partial<Record<ColumnRole, string>> = {
  title: '标题',
  venue: '发表',
  date: '日期',
  link: '链接',
  authors: '作者',
  tags: '标签',
  code: '代码',
  tldr: '简述',
  focus: '关注点',
};

/**
 * A table header: each known column word translated, every other byte kept. Each column keeps
 * its role (`| Title | Paper |`: `论文` alone would read as a second title, so the paper column
 * is `链接`); a word that cannot keep it stays as it was.
 */
function renderHeader(line: string, lineStart: number, table: PaperTable, r: Renderer): string {
  if (!r.chinese || table.kind !== 'table') return line;
  const cells = table.header.cells.map((cell) => {
    const core = /^(\**)(.*?)(\**)$/.exec(cell.text)!;
    return { cell, core, word: lookup(HEADERS_ZH, core[2]!) ?? null };
  });
  const roles = table.columns.map((c) => c.role);
  // Each step turns a word into its role's word, or back into the source's: at most 2n steps.
  for (let round = 0; ; round += 1) {
    const now = columnRoles(
      cells.map((c) => c.word ?? c.core[2]!),
      r.aliases,
    );
    const i = now.findIndex((role, k) => role !== roles[k]);
    if (i === -1) break;
    if (round > cells.length * 2) return line;
    const c = cells[i]!;
    const fallback = ROLES_ZH[roles[i]!];
    if (c.word !== null) c.word = fallback !== undefined && c.word !== fallback ? fallback : null;
    else {
      // A word kept as it was reads as another role because of a translated one: keep that too.
      const j = cells.findIndex((x) => x.word !== null);
      if (j === -1) return line;
      cells[j]!.word = null;
    }
  }
  let out = line;
  for (const { cell, core, word } of [...cells].reverse()) {
    if (word === null) continue;
    const at = cell.start - lineStart;
    out = `${out.slice(0, at)}${core[1]}${word}${core[3]}${out.slice(at + cell.text.length)}`;
  }
  return out;
}

/** Plain text -> cell Markdown that parses back to it (as renderPaperRow writes it). */
const cellText = (text: string) => escapeCell(text.replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\'));

const tagsCell = (tags: readonly string[]) =>
  tags.map((t) => `\`${t.replace(/`/g, '')}\``).join(', ');

/** Tags through the glossary; unknown ones kept and noted. */
function translateTags(tags: readonly string[], r: Renderer): string[] {
  return tags.map((t) => {
    const known = r.glossary.get(t);
    if (known === undefined) r.unknown.add(t);
    return known ?? t;
  });
}

/** A TL;DR (or Focus) in the target language, or null. */
function translateTldr(row: Pick<PaperRow, 'tldr'>, r: Renderer): string | null {
  const source = row.tldr?.trim() ?? '';
  if (source === '' || source === '-' || !hasWords(source, r.chinese)) return null;
  const reply = r.words.llm(source, 'tldr');
  const text = reply === null ? null : inertText(reply, 300) || null;
  r.words.result(source, 'tldr', text !== null);
  return text;
}

/** A primary row as written in the primary table: only its tags and TL;DR cells change. */
function renderRowAsIs(row: PaperRow, r: Renderer): string {
  let line = row.raw;
  const edits: { start: number; end: number; text: string }[] = [];
  const tagsCellOf = row.cell.tags;
  if (row.tags && row.tagsWellFormed && tagsCellOf) {
    const translated = translateTags(row.tags, r);
    if (translated.some((t, i) => t !== row.tags![i]))
      edits.push({ start: tagsCellOf.start, end: tagsCellOf.end, text: tagsCell(translated) });
  }
  const summary = row.cell.tldr ?? row.cell.focus;
  const tldr = summary ? translateTldr(row, r) : null;
  if (summary && tldr !== null)
    edits.push({ start: summary.start, end: summary.end, text: cellText(tldr) });
  for (const e of edits.sort((a, b) => b.start - a.start))
    line = line.slice(0, e.start - row.start) + e.text + line.slice(e.end - row.start);
  return line;
}

/**
 * A primary row for a table (or list) of the translation, in that table's column order; `index`:
 * where it goes among the rows of `to`. A list item going into a list is copied as it is.
 */
function renderRowFor(
  row: PaperRow,
  from: PaperTable,
  to: PaperTable,
  index: number,
  r: Renderer,
  eol: string,
): string {
  if (row.shape === 'item' && to.kind === 'list') return row.raw.replace(/\r?\n/g, eol);
  if (row.shape === 'item' || to.kind === 'list') {
    const tldr = row.tldr ? translateTldr(row, r) : null;
    return renderEntry(
      to,
      index,
      {
        title: row.title ?? '',
        url: row.url ?? '',
        venue: row.venue ?? '',
        tags: translateTags(row.tags ?? [], r),
        code: typeof row.code === 'object' && row.code !== null ? row.code : null,
        tldr: tldr ?? row.tldr ?? '',
      },
      r.style,
    ).replace(/\r?\n/g, eol);
  }
  const same =
    from.columns.length === to.columns.length &&
    from.columns.every((c, i) => c.role === to.columns[i]!.role);
  if (same) return renderRowAsIs(row, r);
  const other: Record<string, string> = {};
  to.columns.forEach((c, i) => {
    if (c.role === 'other' && from.columns[i]?.role === 'other')
      other[c.header] = row.cells[i]?.text ?? '';
  });
  const tldr = translateTldr(row, r);
  return renderPaperRow(to.columns, {
    title: row.title ?? '',
    url: row.url ?? '',
    venue: row.venue ?? '',
    tags: translateTags(row.tags ?? [], r),
    code: typeof row.code === 'object' && row.code !== null ? row.code : null,
    tldr: tldr ?? row.tldr ?? '',
    other,
  });
}

/** Primary line n as the translation writes it. */
function renderLine(list: PaperList, kinds: LineKind[], n: number, r: Renderer): string {
  const line = list.lines.line(n);
  const kind = kinds[n]!;
  switch (kind.kind) {
    case 'keep':
      return line.text;
    case 'heading':
      return renderHeading(line.text, kind.excluded, r);
    case 'header':
      return renderHeader(line.text, line.start, kind.table, r);
    case 'row':
      return renderRowAsIs(kind.row, r);
    case 'prose':
      return renderProse(line.text, r);
  }
}

// ---------------------------------------------------------------------------------------------
// Completing a translation: which of its headings are which of the primary's.

const emojiOf = (text: string) => EMOJI_PREFIX.exec(text)![0].trim();
const wordsOf = (text: string) => text.slice(EMOJI_PREFIX.exec(text)![0].length).trim();
const same = (a: string, b: string) =>
  a.normalize('NFKC').replace(/\s+/g, '').toLowerCase() ===
  b.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * For each heading of the primary file, the heading of the translation that stands for it (or
 * null): a weighted alignment of the two sequences (same depth required; the same text, the
 * dictionary's translation, the same emoji, papers in common and `sync.sections` count).
 */
function alignHeadings(
  primary: PaperList,
  translation: PaperList,
  chinese: boolean,
  pairs: Readonly<Record<string, string>>,
): (number | null)[] {
  const P = primary.outline.headings;
  const T = translation.outline.headings;
  // Which translation headings share a paper with each primary heading (one pass over the rows).
  const sectionOf = (list: PaperList) => new Map(list.sections.map((s) => [s.line, s]));
  const tIndex = new Map(T.map((h, j) => [h.line, j]));
  const tByKey = new Map<string, number[]>();
  for (const s of sectionOf(translation).values())
    for (const table of s.tables)
      for (const row of table.rows) {
        const list = tByKey.get(row.key) ?? [];
        list.push(tIndex.get(s.line)!);
        tByKey.set(row.key, list);
      }
  const pSections = sectionOf(primary);
  const shared = P.map((h) => {
    const out = new Set<number>();
    for (const table of pSections.get(h.line)?.tables ?? [])
      for (const row of table.rows) for (const j of tByKey.get(row.key) ?? []) out.add(j);
    return out;
  });
  const score = (i: number, j: number): number => {
    const p = P[i]!;
    const t = T[j]!;
    if (p.depth !== t.depth) return -1;
    let s = 1;
    const known = chinese ? lookup(HEADINGS_ZH, wordsOf(p.text)) : undefined;
    if (same(p.text, t.text) || (known !== undefined && same(known, wordsOf(t.text)))) s += 3;
    if (emojiOf(p.text) !== '' && emojiOf(p.text) === emojiOf(t.text)) s += 2;
    if (shared[i]!.has(j)) s += 3;
    for (const [from, to] of Object.entries(pairs))
      if (
        p.text.toLowerCase().includes(from.toLowerCase()) &&
        t.text.toLowerCase().includes(to.toLowerCase())
      )
        s += 3;
    return s;
  };
  const n = P.length;
  const m = T.length;
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1)
    for (let j = m - 1; j >= 0; j -= 1) {
      const s = score(i, j);
      best[i]![j] = Math.max(
        best[i + 1]![j]!,
        best[i]![j + 1]!,
        s > 0 ? s + best[i + 1]![j + 1]! : -Infinity,
      );
    }
  const match: (number | null)[] = new Array<number | null>(n).fill(null);
  for (let i = 0, j = 0; i < n && j < m;) {
    const s = score(i, j);
    if (s > 0 && best[i]![j] === s + best[i + 1]![j + 1]!) {
      match[i] = j;
      i += 1;
      j += 1;
    } else if (best[i]![j] === best[i + 1]![j]) i += 1;
    else j += 1;
  }
  return match;
}

// ---------------------------------------------------------------------------------------------

/**
 * The tag glossary of a run, as `curator sync` learns it: the config's `sync.glossary`, then what
 * the two files agree on, then (Chinese) the built-in seed glossary; with no translation yet, the
 * config's entries and the seed's translations of the primary file's tags.
 */
export function glossaryFor(
  primary: PaperList,
  translation: PaperList | null,
  config: CuratorConfig,
  chinese: boolean,
): Map<string, string> {
  if (translation) return listGlossary(primary, translation, config, chinese).glossary;
  const glossary = new Map<string, string>();
  if (chinese)
    for (const row of primary.rows)
      for (const tag of row.tags ?? []) {
        const seed = seedTranslation(tag);
        if (seed !== undefined) glossary.set(tag, seed);
      }
  for (const [tag, word] of Object.entries(config.sync.glossary)) glossary.set(tag, word);
  return glossary;
}

export async function translateList(input: TranslateListInput): Promise<TranslateListOutcome> {
  const language = input.language?.trim() || DEFAULT_LANGUAGE;
  const chinese = isSimplifiedChinese(language);
  const { config } = input;
  const parseOptions = parseOptionsFrom(config);
  const exclude = config.categories.exclude;
  const primary = parseList(input.primary.text, input.primary.path, parseOptions);
  const existingText = input.translation.text;
  const created = existingText === null || existingText.trim() === '';
  const existing = created ? null : parseList(existingText, input.translation.path, parseOptions);
  const glossary = glossaryFor(primary, existing, config, chinese);
  // Entries written anew follow the translation's style (the primary's when it is written whole).
  const style: ListStyle = {
    ...learnStyle(existing ?? primary),
    ...(Object.fromEntries(
      Object.entries(config.style ?? {}).filter(([, v]) => v !== undefined),
    ) as Partial<ListStyle>),
  };
  const kinds = classifyLines(primary, exclude);
  const eolOf = (list: PaperList, n: number) =>
    list.text.slice(list.lines.end(n), list.lines.lineEnd(n));

  // The plan: which primary lines are rendered, where, and which rows are inserted.
  const notes: string[] = [];
  let headingsWritten = 0;
  const before = new Map<number, OutLine[]>(); // translation line -> lines written above it
  const after = new Map<number, OutLine[]>(); // translation line -> lines written below it
  const atEnd: OutLine[] = [];
  const cellEdits = new Map<number, { row: PaperRow; source: PaperRow }>();
  /** Rendering steps, run twice: once to collect the texts for the LLM, once to write. */
  const steps: ((r: Renderer) => void)[] = [];
  const rowKeys = new Set<string>();
  let rowsWritten = 0;
  const rendered = (n: number, r: Renderer): OutLine => ({
    text: renderLine(primary, kinds, n, r),
    eol: eolOf(primary, n),
    origin: { kind: 'P', line: n },
  });
  const chunk = (from: number, to: number) => (r: Renderer) => {
    const lines: OutLine[] = [];
    for (let n = from; n <= to; n += 1) lines.push(rendered(n, r));
    return lines;
  };
  /** Rows written in lines from..to of the primary file; those of papers new to the file get fixed. */
  const countRows = (from: number, to: number, present: ReadonlySet<string>) => {
    for (const row of primary.rows)
      if (row.line >= from && row.line <= to) {
        if (!present.has(row.key)) rowKeys.add(row.key);
        rowsWritten += 1;
      }
  };
  let whole: ((r: Renderer) => OutLine[]) | null = null;
  /** Translation heading line -> the primary heading it stands for. */
  const counterpart = new Map<number, Heading>();

  if (!existing) {
    whole = chunk(1, primary.lines.count);
    headingsWritten = primary.outline.headings.length;
    countRows(1, primary.lines.count, new Set());
  } else {
    const P = primary.outline.headings;
    const T = existing.outline.headings;
    const match = alignHeadings(primary, existing, chinese, config.sync.sections);
    const endOf = (i: number) => (P[i + 1]?.line ?? primary.lines.count + 1) - 1;
    const slugTarget = new Map<string, number>(); // primary slug -> translation heading line
    match.forEach((j, i) => {
      if (j === null) return;
      slugTarget.set(P[i]!.slug, T[j]!.line);
      counterpart.set(T[j]!.line, P[i]!);
    });
    const present = new Set(existing.rows.map((r) => r.key));
    const inList = (list: PaperList, line: number) =>
      /^\s*(?:[-*+]|\d{1,9}[.)])\s/.test(list.lines.line(line).text);
    const tocLinks = (list: PaperList, slug: string) =>
      list.outline.anchorLinks.filter((a) => a.anchor === slug && inList(list, a.line));
    const tocWritten = new Set<number>();
    // Sections the translation lacks, each before the next section it has.
    for (let i = 0; i < P.length; i += 1) {
      if (match[i] !== null) continue;
      const next = match.findIndex((j, k) => k > i && j !== null);
      const from = P[i]!.line;
      const to = endOf(i);
      const write = chunk(from, to);
      headingsWritten += 1;
      countRows(from, to, present);
      if (next === -1) steps.push((r) => void atEnd.push(...write(r)));
      else {
        const at = T[match[next]!]!.line;
        steps.push((r) => void (before.get(at) ?? before.set(at, []).get(at)!).push(...write(r)));
      }
      // Its table-of-contents line, next to the line of the section before (or after) it.
      for (const link of tocLinks(primary, P[i]!.slug)) {
        if ((link.line >= from && link.line <= to) || tocWritten.has(link.line)) continue;
        tocWritten.add(link.line);
        const listed = primary.outline.anchorLinks.filter((a) => inList(primary, a.line));
        const neighbours = [
          ...listed
            .filter((a) => a.line < link.line)
            .reverse()
            .map((a) => ({ a, below: true })),
          ...listed.filter((a) => a.line > link.line).map((a) => ({ a, below: false })),
        ];
        for (const { a, below } of neighbours) {
          const target = slugTarget.get(a.anchor);
          if (target === undefined) continue;
          const slug = T.find((h) => h.line === target)!.slug;
          const there = tocLinks(existing, slug)[0];
          if (!there) continue;
          const map = below ? after : before;
          steps.push(
            (r) =>
              void (map.get(there.line) ?? map.set(there.line, []).get(there.line)!).push(
                rendered(link.line, r),
              ),
          );
          break;
        }
      }
    }
    // Rows the paired tables lack.
    const sectionOf = (list: PaperList, line: number) => list.sections.find((s) => s.line === line);
    match.forEach((j, i) => {
      if (j === null) return;
      const ps = sectionOf(primary, P[i]!.line);
      const ts = sectionOf(existing, T[j]!.line);
      if (!ps || !ts) return;
      ps.tables.forEach((from, k) => {
        const to = ts.tables[k];
        const missing = new Set(
          from.rows.filter((row) => row.key !== 'title:' && !present.has(row.key)),
        );
        if (!missing.size) return;
        if (!to) {
          notes.push(
            `${missing.size} row${missing.size === 1 ? '' : 's'} of "${sanitizeText(ps.text, 80)}" not written: ${input.translation.path} has no table under "${sanitizeText(ts.text, 80)}"`,
          );
          return;
        }
        const first = new Map<string, number>();
        to.rows.forEach((x, idx) => {
          if (!first.has(x.key)) first.set(x.key, idx);
        });
        let at = 0;
        for (const row of from.rows) {
          const found = first.get(row.key);
          if (found !== undefined) at = found + 1;
          if (!missing.has(row)) continue;
          rowKeys.add(row.key);
          rowsWritten += 1;
          const anchor = to.rows[at - 1];
          // After the whole entry before it (a list item may span lines).
          const [map, line] = anchor
            ? [after, anchor.lastLine]
            : to.rows[0]
              ? [before, to.rows[0].line]
              : [after, to.delimiter.line];
          steps.push(
            (r) =>
              void (map.get(line) ?? map.set(line, []).get(line)!).push({
                text: renderRowFor(row, from, to, at, r, existing.eol),
                eol: existing.eol,
                origin: { kind: 'row' },
              }),
          );
        }
      });
    });
    // TL;DRs still a verbatim copy of the primary's, with an LLM to translate them.
    if (input.llm) {
      // A paper listed twice pairs its first rows, then its second rows.
      const sources = new Map<string, PaperRow[]>();
      for (const row of primary.rows) sources.set(row.key, [...(sources.get(row.key) ?? []), row]);
      const taken = new Map<string, number>();
      for (const row of existing.rows) {
        const k = taken.get(row.key) ?? 0;
        taken.set(row.key, k + 1);
        const source = sources.get(row.key)?.[k];
        const text = row.tldr?.trim();
        if (source && text && text === source.tldr?.trim() && (row.cell.tldr ?? row.cell.focus))
          cellEdits.set(row.line, { row, source });
      }
    }
  }

  // Phase 1: collect what the LLM is asked; phase 2: write with its answers.
  const asked = new Set<string>();
  const renderer = (words: Words): Renderer => ({
    chinese,
    aliases: parseOptions.columnAliases,
    style,
    glossary,
    exclude,
    unknown: new Set(),
    words,
  });
  const run = (r: Renderer) => {
    const lines = whole ? whole(r) : [];
    for (const step of steps) step(r);
    const cells = new Map<number, string>();
    for (const [line, { row, source }] of cellEdits) {
      const tldr = translateTldr(source, r);
      const cell = row.cell.tldr ?? row.cell.focus;
      if (tldr === null || !cell) continue;
      cells.set(
        line,
        row.raw.slice(0, cell.start - row.start) +
          cellText(tldr) +
          row.raw.slice(cell.end - row.start),
      );
    }
    return { lines, cells };
  };
  run(
    renderer({
      llm: (text) => (asked.add(text), null),
      result: () => undefined,
      dictionary: () => undefined,
    }),
  );
  before.clear();
  after.clear();
  atEnd.length = 0;

  const answers = new Map<string, string>();
  const reasons = new Map<string, number>();
  const because = (reason: string, count: number) =>
    reasons.set(reason, (reasons.get(reason) ?? 0) + count);
  let llmRequests = 0;
  let cacheHits = 0;
  const texts = [...asked];
  if (texts.length && input.llm) {
    const llm = input.llm;
    const keyOf = (t: string) => translationKey(llm.model, language, glossary, t);
    cacheHits = texts.filter((t) => input.translations?.has(keyOf(t))).length;
    const done = await translateTexts(llm, {
      texts,
      language,
      glossary,
      budget: { maxRequests: config.llm.maxRequests, maxTokens: config.llm.maxTokens },
      spend: input.spend,
      clean: (text) => inertText(text, 2000),
      cache: input.translations,
      subject:
        'text of a paper list README (a heading, a line of prose, or a one-sentence paper summary)',
      markers: texts.some((t) => /⟦\d+⟧/.test(t)),
    });
    llmRequests = done.requests;
    done.translations.forEach((t, i) => {
      if (t !== null) answers.set(texts[i]!, t);
    });
    for (const f of done.failures) because(sanitizeText(f.reason, 300), f.count);
  }

  let translated = 0;
  let untranslated = 0;
  let untranslatedTldrs = 0;
  const lost = new Set<string>();
  const write = renderer({
    llm: (text) => answers.get(text) ?? null,
    result: (text, kind, done) => {
      if (done) translated += 1;
      else {
        untranslated += 1;
        if (kind === 'tldr') untranslatedTldrs += 1;
        if (answers.has(text)) lost.add(text);
      }
    },
    dictionary: () => void (translated += 1),
  });
  const out = run(write);
  if (!input.llm && texts.length)
    because(input.offlineReason ?? 'no LLM is configured', texts.length);
  if (lost.size)
    because('the reply lost or doubled the markers of its links, code or emphasis', lost.size);

  // Assemble: the translation's lines with what was planned around them, or the rendered file.
  let lines: OutLine[];
  if (!existing) lines = out.lines;
  else {
    lines = [];
    for (let n = 1; n <= existing.lines.count; n += 1) {
      lines.push(...(before.get(n) ?? []));
      const text = out.cells.get(n) ?? existing.lines.line(n).text;
      lines.push({ text, eol: eolOf(existing, n), origin: { kind: 'T', line: n } });
      lines.push(...(after.get(n) ?? []));
    }
    if (atEnd.length) {
      const last = lines[lines.length - 1];
      if (last && last.text.trim() !== '')
        lines.push({ text: '', eol: '', origin: { kind: 'row' } });
      lines.push(...atEnd);
    }
  }
  const eol = existing?.eol ?? primary.eol;
  let text = joinLines(lines, eol);

  // Anchors: links to a heading of the primary file go to its heading in the translation.
  text = relink(text, lines, primary, counterpart, input.translation.path, parseOptions, eol);

  // Every row written gets every lint fix.
  const fixed = fixRows(
    text,
    input.translation.path,
    rowKeys,
    lintOptionsFrom(config),
    parseOptions,
  );
  text = fixed.text;
  if (fixed.lines.length)
    notes.push(
      `lint fixes applied to ${fixed.lines.length} row${fixed.lines.length === 1 ? '' : 's'} written (line${fixed.lines.length === 1 ? '' : 's'} ${fixed.lines.join(', ')}); run \`curator lint --fix ${input.primary.path}\` so that ${input.primary.path} agrees`,
    );

  return {
    path: input.translation.path,
    text,
    changed: text !== (existingText ?? null),
    created,
    language,
    sections: headingsWritten,
    rows: rowsWritten,
    translated,
    untranslated,
    untranslatedTldrs,
    reasons: [...reasons].map(([reason, count]) => ({ reason, count })),
    llmRequests,
    cacheHits,
    unknownTerms: [...write.unknown].sort(),
    rowsLintFixed: fixed.lines,
    notes,
  };
}

function joinLines(lines: readonly OutLine[], eol: string): string {
  return lines
    .map((l, i) => (i < lines.length - 1 && l.eol === '' ? l.text + eol : l.text + l.eol))
    .join('');
}

/**
 * In the lines rendered from the primary file, every `[text](#anchor)` (and `[label]: #anchor`)
 * that names a primary heading is pointed at that heading in the translation, and a link whose
 * text was the heading's gets the translated heading's text.
 */
function relink(
  text: string,
  lines: readonly OutLine[],
  primary: PaperList,
  counterpart: ReadonlyMap<number, Heading>,
  path: string,
  parseOptions: ReturnType<typeof parseOptionsFrom>,
  eol: string,
): string {
  if (!lines.some((l) => l.origin.kind === 'P')) return text;
  const now = parseList(text, path, parseOptions).outline.headings;
  const P = primary.outline.headings;
  const pAt = new Map(P.map((h) => [h.line, h]));
  const target = new Map<string, { from: Heading; to: Heading }>();
  for (const h of now) {
    const origin = lines[h.line - 1]?.origin;
    const from =
      origin?.kind === 'P'
        ? pAt.get(origin.line)
        : origin?.kind === 'T'
          ? counterpart.get(origin.line)
          : undefined;
    if (from && !target.has(from.slug)) target.set(from.slug, { from, to: h });
  }
  // As the toc-anchor rule compares them: case and invisible variation selectors aside.
  const fold = (a: string) =>
    a
      .normalize('NFC')
      .toLowerCase()
      .replace(/[\uFE00-\uFE0F\u200D]/g, '');
  const folded = new Map([...target].map(([slug, t]) => [fold(slug), t]));
  const find = (anchor: string) => {
    let decoded = anchor;
    try {
      decoded = decodeURIComponent(anchor);
    } catch {
      // kept as written
    }
    return target.get(anchor) ?? folded.get(fold(decoded));
  };
  /** The new anchor, without variation selectors when the link was written without them. */
  const anchorFor = (written: string, slug: string) =>
    /[\uFE00-\uFE0F\u200D]/.test(written) ? slug : slug.replace(/[\uFE00-\uFE0F\u200D]/g, '');
  const escapeLinkText = (s: string) => s.replace(/([[\]\\])/g, '\\$1');
  let changed = false;
  const out = lines.map((l) => {
    if (l.origin.kind !== 'P') return l;
    const next = l.text
      .replace(
        /(?<!!)\[((?:[^[\]\\]|\\.)*)\]\(#([^()\s]*)\)/g,
        (m, label: string, anchor: string) => {
          const t = find(anchor);
          if (!t) return m;
          const plain = label.replace(/\\(.)/g, '$1');
          const text = same(plain, t.from.text)
            ? escapeLinkText(t.to.text)
            : same(plain, wordsOf(t.from.text))
              ? escapeLinkText(wordsOf(t.to.text))
              : label;
          return `[${text}](#${anchorFor(anchor, t.to.slug)})`;
        },
      )
      .replace(/^( {0,3}\[[^\]]+\]:[ \t]*)#(\S+)/, (m, lead: string, anchor: string) => {
        const t = find(anchor);
        return t ? `${lead}#${anchorFor(anchor, t.to.slug)}` : m;
      });
    if (next === l.text) return l;
    changed = true;
    return { ...l, text: next };
  });
  return changed ? joinLines(out, eol) : text;
}
