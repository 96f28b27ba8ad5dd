import type * as Zod from 'zod/mini';
import type { ListStyle, PaperList, PaperRow, PaperTable, Section } from '../list/index.js';

export type Severity = 'error' | 'warning' | 'info';

/** One problem at one place. The JSON formatter prints exactly these fields. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  line: number;
  column: number;
  message: string;
  /** The whole corrected line, when the rule knows it. */
  fix?: { line: number; text: string };
}

export interface RuleExample {
  /** A small list (or part of one) in Markdown. */
  markdown: string;
  /** For not-ok examples: where the rule reports, in order. */
  findings?: { line: number; column: number }[];
  /** For not-ok examples with a fix: the Markdown after `--fix`. */
  fixed?: string;
  /** Options for the rule in this example. */
  options?: Record<string, unknown>;
}

/** A classifier's opinion of where a listed row belongs (injected; lint knows no classifier). */
export interface Placement {
  category: string | null;
  section: string | null;
  confidence: number;
  rationale: string;
}

export interface PlacementCheck {
  /** Where the row belongs, or null when it cannot say. */
  place(row: PaperRow): Placement | null;
  /** Problems with the check's own settings (a pin naming no category), reported once. */
  notes?: readonly string[];
}

export interface RuleContext {
  /**
   * The list being linted. Its sections, tables and outline are complete; its rows may not be
   * (`lintText` streams rows through `row` and keeps none), so rules read rows only in `row`.
   */
  list: PaperList;
  /**
   * The list's own conventions, learned from its entries (see list/style.ts) and overridden by the
   * config's `style`: rules judge a list by its majority, not by the seed's habits.
   */
  style: ListStyle;
  /** Sections that are categories (they hold paper tables and are not excluded, e.g. Surveys). */
  categories: ReadonlySet<Section>;
  options: Record<string, unknown>;
  /** The placement check, when the caller supplied a classifier; `skipped` says why not. */
  placement: PlacementCheck | { skipped: string } | null;
  /**
   * Rules that compare two rows (duplicates, copies) report on the later row, unless this says
   * the earlier one is the row a change touched and the later one is not: then on the earlier.
   * A copy inserted above its source is the copy's problem, wherever it sits.
   */
  blame(earlier: number, later: number): number;
  report(finding: Omit<Finding, 'ruleId' | 'severity'> & { severity?: Severity }): void;
}

export interface Rule {
  id: string;
  /** One sentence: what the rule checks. */
  description: string;
  /** Why it matters and how to fix it (rendered in docs/rules.md). */
  rationale: string;
  defaultSeverity: Severity;
  /** Rules off by default must be switched on in the config. */
  defaultOn: boolean;
  fixable: boolean;
  /**
   * The rule also reads list-item entries (bullets, numbered items), not only table rows. Rules
   * about cells (table shape, tags, TL;DR) leave items alone.
   */
  entries?: boolean;
  /** A rule off by default that turns itself on when the list's style shows it keeps the convention. */
  onWhen?(style: ListStyle): boolean;
  examples: { ok: RuleExample[]; notOk: RuleExample[] };
  /**
   * The schema of the rule's `options` (zod/mini, with a description and default per key): the
   * config is checked against it and docs/rules.md lists it. A function of the zod module, so that
   * a run without a config file never loads zod. No schema: the rule takes no options.
   */
  options?: (z: typeof Zod) => Zod.ZodMiniType;
  /**
   * Called once per file (ESLint's `create`): returns the visitors for that file. Rules keep what
   * they must remember across rows (keys seen, tag counts) in the closure, never the rows.
   */
  create(ctx: RuleContext): RuleVisitor;
}

export interface RuleVisitor {
  /** Each paper table, before its rows. */
  table?(table: PaperTable): void;
  /** Each paper row, in document order. */
  row?(row: PaperRow, table: PaperTable): void;
  /** After the last row. */
  end?(): void;
}

export interface RuleSetting {
  /** Left out: the rule's default severity. */
  severity?: Severity | 'off' | undefined;
  options?: Record<string, unknown>;
}

export interface LintOptions {
  /** Per-rule severity and options; rules not named use their defaults. */
  rules?: Record<string, RuleSetting | undefined>;
  /** Headings whose tables are not categories (matched case-insensitively as substrings). */
  excludeSections?: readonly string[];
  /**
   * For the `category` rule: a classifier, or why there is none. A function is called with the
   * list (sections and tables read, rows not yet) so the caller can decide by its size.
   */
  placement?:
    | PlacementCheck
    | { skipped: string }
    | null
    | ((list: PaperList) => PlacementCheck | { skipped: string } | null);
  /** Conventions pinned by the config (`style:`); the rest are learned from the list. */
  style?: Partial<ListStyle> | undefined;
  /** Lines a change added or edited (the pull-request check): see `RuleContext.blame`. */
  touchedLines?: ReadonlySet<number>;
  /**
   * Papers a rule says nothing about, in every section (the config's `ignore:`): rule id -> arXiv
   * ids or titles. The in-file form is `<!-- curator-disable RULE: KEY -->` (lint/directives.ts).
   */
  ignore?: Readonly<Record<string, readonly (string | number)[]>> | undefined;
  /** Report `curator-disable` directives that silenced nothing (`--report-unused-disable-directives`). */
  reportUnusedDisableDirectives?: boolean | undefined;
}

/** Helper for rules: the row's cell position or the row start. */
export function at(row: PaperRow, role: keyof PaperRow['cell']): { line: number; column: number } {
  const cell = row.cell[role];
  return { line: row.line, column: cell ? cell.column : 1 };
}

/** Replace a cell's text inside its row's line, giving the whole new line. */
export function withCell(row: PaperRow, role: keyof PaperRow['cell'], text: string): string {
  const cell = row.cell[role];
  if (!cell) return row.raw;
  return row.raw.slice(0, cell.start - row.start) + text + row.raw.slice(cell.end - row.start);
}

/**
 * Replace `from` with `to` on the line of the entry that holds it, giving that whole line: for
 * fixes outside the title cell (a Paper column, a list item's links). Null when not found once.
 */
export function replaceInEntry(
  row: PaperRow,
  from: string,
  to: string,
): { line: number; text: string } | null {
  const parts = row.raw.split('\n');
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i]!.replace(/\r$/, '');
    const at = part.indexOf(from);
    if (at === -1) continue;
    if (part.indexOf(from, at + 1) !== -1) return null;
    return { line: row.line + i, text: part.slice(0, at) + to + part.slice(at + from.length) };
  }
  return null;
}

/** Where `needle` stands in an entry (line and 1-based column), else the entry's start. */
export function locate(row: PaperRow, needle: string): { line: number; column: number } {
  const parts = row.raw.split('\n');
  for (let i = 0; i < parts.length; i += 1) {
    const at = parts[i]!.indexOf(needle);
    if (at !== -1) return { line: row.line + i, column: at + 1 };
  }
  return { line: row.line, column: 1 };
}

/** Inline code for messages, safe when the value itself has backticks. */
export function code(value: string): string {
  const v = value.length > 120 ? `${value.slice(0, 117)}...` : value;
  return v.includes('`') ? `\`\` ${v} \`\`` : `\`${v}\``;
}
