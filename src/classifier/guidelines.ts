/**
 * The list's own rules for placing a paper: its category sections, each with the `**Definition**`
 * paragraph, the `**Keywords**` line, the matching "Categorization Guidelines" bullet and the
 * papers already listed there. Nothing here is specific to one list: other headings, other words
 * and other languages work, and the config can add or replace text per category.
 */
import type { PaperList, PaperRow, Section } from '../list/index.js';
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

export function readGuidelines(
  list: PaperList,
  categories: ReadonlySet<Section>,
  overrides: Readonly<Record<string, CategoryOverride>> = {},
): Guidelines {
  const blocks = list.outline.blocks;
  const headings = list.sections;
  const nextHeadingLine = (line: number): number =>
    headings.find((h) => h.line > line)?.line ?? Infinity;
  const guidelineHeading = headings.find((h) => GUIDELINES_HEADING.test(h.text));
  const bullets = guidelineHeading
    ? blocks
        .filter(
          (b) =>
            b.type === 'list-item' &&
            b.line > guidelineHeading.line &&
            b.line < nextHeadingLine(guidelineHeading.line),
        )
        .map((b) => BULLET.exec(b.text.trim()))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => ({ label: m[1]!.trim(), text: m[2]!.trim() }))
    : [];
  const rowsBySection = new Map<Section, PaperRow[]>();
  for (const row of list.rows) {
    const section = list.tables[row.tableIndex]!.section;
    if (!section) continue;
    rowsBySection.set(section, [...(rowsBySection.get(section) ?? []), row]);
  }
  const ordered = list.sections.filter((s) => categories.has(s));
  const result: Category[] = ordered.map((section, i) => {
    const inSection = blocks.filter(
      (b) =>
        b.type === 'paragraph' && b.line > section.line && b.line < nextHeadingLine(section.line),
    );
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
  return { categories: result, tags };
}
