/**
 * The list's own rules for placing a paper: its category sections, each with the `**Definition**`
 * paragraph, the `**Keywords**` line, the matching "Categorization Guidelines" bullet and the
 * papers already listed there. Nothing here is specific to one list: other headings, other words
 * and other languages work, and the config can add or replace text per category.
 */
import {
  parseArxivRef,
  paperKey,
  type PaperList,
  type PaperRow,
  type Section,
} from '../list/index.js';
import GithubSlugger from 'github-slugger';

export interface Category {
  /** Stable id: the word in parentheses of its guideline bullet (`Cat 3 (KV Cache)` -> `kv-cache`), else the heading's slug. */
  id: string;
  section: string;
  definition: string;
  keywords: string[];
  guideline: string;
  examples: { key: string; title: string; tags: string[]; tldr: string }[];
}

export interface Guidelines {
  categories: Category[];
  /** Every tag the list uses, for suggestions. */
  tags: string[];
  /** A maintainer's decisions (config `categories.pin`): paper key -> category id, or null for none. */
  pins?: ReadonlyMap<string, string | null>;
  /** Pins naming no category of this list (they are ignored), each said in one sentence. */
  pinProblems?: string[];
}

/**
 * `categories.pin` read into paper keys: an arXiv id (or arXiv URL) gives `arxiv:ID`, anything
 * else is a title (`title:…`); the value `none` means "does not belong".
 */
export function readPins(pin: Readonly<Record<string, string>>): Map<string, string | null> {
  const pins = new Map<string, string | null>();
  for (const [paper, category] of Object.entries(pin)) {
    const ref = parseArxivRef(paper.trim());
    const key = ref ? paperKey(ref, null) : paperKey(null, paper);
    const id = category.trim().toLowerCase();
    pins.set(key, id === 'none' ? null : id);
  }
  return pins;
}

export interface CategoryOverride {
  definition?: string | undefined;
  keywords?: readonly string[] | undefined;
  guideline?: string | undefined;
}

const DEFINITION = /^(?:definition|定义)\s*[:：]\s*/i;
const KEYWORDS = /^(?:keywords|关键词)\s*[:：]\s*/i;
const GUIDELINES_HEADING = /categori[sz]ation guidelines|分类指南|guidelines/i;
const BULLET = /^(?:cat(?:egory)?\s*\d+|类别\s*\d+)\s*[(（]([^)）]+)[)）]\s*[:：]\s*(.*)$/is;

function slugOf(text: string): string {
  return new GithubSlugger().slug(text.replace(/^[^\p{L}\p{N}]+/u, '')).replace(/^-+|-+$/g, '');
}

function idOf(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** Markdown inline syntax out: `**a**` -> a, `[t](u)` -> t, backticks and emphasis dropped. */
function plainInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface ProseBlock {
  kind: 'paragraph' | 'item';
  text: string;
  line: number;
}

const ITEM = /^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+/;

/**
 * Paragraphs and list items between two lines (table rows, headings and fenced code left out),
 * read line by line: the guideline texts are plain prose, and this keeps remark off the path.
 */
function proseBetween(list: PaperList, from: number, to: number): ProseBlock[] {
  const tableLines = (n: number) =>
    list.tables.some((t) => n >= t.header.line && n <= Math.max(t.bodyLast, t.delimiter.line));
  const blocks: ProseBlock[] = [];
  let current: ProseBlock | null = null;
  let fence = false;
  for (let n = from; n <= Math.min(to, list.lines.count); n += 1) {
    const text = list.lines.line(n).text;
    if (/^\s{0,3}(```|~~~)/.test(text)) fence = !fence;
    if (
      fence ||
      tableLines(n) ||
      text.trim() === '' ||
      /^\s{0,3}#{1,6}\s/.test(text) ||
      /^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(text)
    ) {
      current = null;
      continue;
    }
    if (ITEM.test(text)) {
      current = { kind: 'item', text: plainInline(text.replace(ITEM, '')), line: n };
      blocks.push(current);
    } else if (current) {
      current.text = `${current.text} ${plainInline(text)}`;
    } else {
      current = { kind: 'paragraph', text: plainInline(text.replace(/^\s*>\s?/, '')), line: n };
      blocks.push(current);
    }
  }
  return blocks;
}

export function readGuidelines(
  list: PaperList,
  categories: ReadonlySet<Section>,
  overrides: Readonly<Record<string, CategoryOverride>> = {},
  pin: Readonly<Record<string, string>> = {},
): Guidelines {
  const headings = list.sections;
  const nextHeadingLine = (line: number): number =>
    headings.find((h) => h.line > line)?.line ?? list.lines.count + 1;
  const guidelineHeading = headings.find((h) => GUIDELINES_HEADING.test(h.text));
  const bullets = guidelineHeading
    ? proseBetween(list, guidelineHeading.line + 1, nextHeadingLine(guidelineHeading.line) - 1)
        .filter((b) => b.kind === 'item')
        .map((b) => BULLET.exec(b.text))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ label: m[1]!.trim(), text: m[2]!.trim() }))
    : [];
  const rowsBySection = new Map<Section, PaperRow[]>();
  for (const row of list.rows) {
    const section = list.tables[row.tableIndex]!.section;
    if (!section) continue;
    // Pushed in place: copying the array for each row made this quadratic in a section's rows.
    const rows = rowsBySection.get(section);
    if (rows) rows.push(row);
    else rowsBySection.set(section, [row]);
  }
  const ordered = list.sections.filter((s) => categories.has(s));
  const result: Category[] = ordered.map((section, i) => {
    const inSection = proseBetween(
      list,
      section.line + 1,
      nextHeadingLine(section.line) - 1,
    ).filter((b) => b.kind === 'paragraph');
    const definition =
      inSection.find((b) => DEFINITION.test(b.text))?.text.replace(DEFINITION, '') ?? '';
    const keywordText =
      inSection.find((b) => KEYWORDS.test(b.text))?.text.replace(KEYWORDS, '') ?? '';
    const bullet = bullets[i];
    const id = bullet ? idOf(bullet.label) : slugOf(section.text);
    const override = overrides[id] ?? {};
    return {
      id,
      section: section.text,
      definition: override.definition ?? definition,
      keywords: override.keywords
        ? [...override.keywords]
        : keywordText
            .split(/[,，、]/)
            .map((k) => k.trim())
            .filter(Boolean),
      guideline: override.guideline ?? bullet?.text ?? '',
      examples: (rowsBySection.get(section) ?? []).map((r) => ({
        key: r.key,
        title: r.title ?? '',
        tags: r.tags ?? [],
        tldr: r.tldr ?? '',
      })),
    };
  });
  const tags = [...new Set(list.rows.flatMap((r) => r.tags ?? []))];
  const ids = result.map((c) => c.id);
  const pinProblems = Object.entries(pin)
    .filter(([, category]) => {
      const id = category.trim().toLowerCase();
      return id !== 'none' && !ids.includes(id);
    })
    .map(
      ([paper, category]) =>
        `categories.pin: "${category}" (for ${paper}) is not a category of this list, so the pin is ignored; use one of ${[...ids, 'none'].map((i) => `"${i}"`).join(', ')}`,
    );
  return { categories: result, tags, pins: readPins(pin), pinProblems };
}
