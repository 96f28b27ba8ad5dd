import {
  applyEdits,
  learnStyle,
  LineIndex,
  parseListEdited,
  replaceRow,
  type PaperList,
  type PaperRow,
  type ParseOptions,
  type TextEdit,
} from '../list/index.js';
import { findingOrder, lintList, lintText } from './lint-list.js';
import { RULES } from './preset.js';
import type { Finding, LintOptions, Rule } from './types.js';

/** Turn fixes into line replacements; the first fix for a line wins (others wait for the next pass). */
export function fixEdits(
  list: Pick<PaperList, 'lines'>,
  findings: readonly Finding[],
  onlyLines?: ReadonlySet<number>,
): TextEdit[] {
  const byLine = new Map<number, string>();
  for (const f of findings) {
    if (!f.fix || byLine.has(f.fix.line)) continue;
    if (onlyLines && !onlyLines.has(f.fix.line)) continue;
    if (
      f.fix.line < 1 ||
      f.fix.line > list.lines.count ||
      list.lines.line(f.fix.line).text === f.fix.text
    )
      continue;
    byLine.set(f.fix.line, f.fix.text);
  }
  return [...byLine].map(([n, text]) => replaceRow(list.lines.line(n), text));
}

export interface FixResult {
  text: string;
  /** How many lines changed (a line fixed in two passes counts once). */
  applied: number;
  /** Findings left after the last pass. */
  findings: Finding[];
}

/** How many lines differ between two texts whose lines correspond (fixes replace whole lines). */
export function changedLines(before: string, after: string): number {
  if (before === after) return 0;
  const a = before.split('\n');
  const b = after.split('\n');
  let n = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) n += 1;
  return n;
}

/** The passes of `fixText`, from the findings of `text` (already linted). */
function fixPasses(
  text: string,
  path: string,
  initial: Finding[],
  lintOptions: LintOptions,
  parseOptions: ParseOptions,
  maxPasses: number,
  onlyLines?: ReadonlySet<number>,
): FixResult {
  let current = text;
  let findings = initial;
  for (let pass = 0; pass < maxPasses; pass += 1) {
    const edits = fixEdits({ lines: new LineIndex(current) }, findings, onlyLines);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    findings = lintText(current, path, parseOptions, lintOptions);
  }
  return { text: current, applied: changedLines(text, current), findings };
}

/**
 * Apply every fix, re-linting between passes so that two fixes for one line (a wrong label and a
 * wrong URL) both land. Each pass only replaces whole lines, so every other byte is kept; with
 * `onlyLines`, only those lines are fixed (line numbers do not move: fixes replace whole lines).
 */
export function fixText(
  text: string,
  path: string,
  lintOptions: LintOptions = {},
  parseOptions: ParseOptions = {},
  maxPasses = 10,
  onlyLines?: ReadonlySet<number>,
): FixResult {
  const findings = lintText(text, path, parseOptions, lintOptions);
  return fixPasses(text, path, findings, lintOptions, parseOptions, maxPasses, onlyLines);
}

/**
 * The findings of `text` with the fixes for one line merged. Each rule proposes the whole line
 * corrected from the text it read, so two fixes on one line undo each other; here every fix for a
 * line that has more than one becomes the line with all of them applied (the passes of `fixText`,
 * restricted to those lines), so applying any one of them gives the line `--fix` writes.
 */
export function mergeFixes(
  text: string,
  path: string,
  findings: Finding[],
  lintOptions: LintOptions = {},
  parseOptions: ParseOptions = {},
): Finding[] {
  const perLine = new Map<number, number>();
  for (const f of findings) if (f.fix) perLine.set(f.fix.line, (perLine.get(f.fix.line) ?? 0) + 1);
  const shared = new Set([...perLine].filter(([, n]) => n > 1).map(([line]) => line));
  if (shared.size === 0) return findings;
  const fixed = new LineIndex(
    fixPasses(text, path, findings, lintOptions, parseOptions, 10, shared).text,
  );
  return findings.map((f) =>
    f.fix && shared.has(f.fix.line)
      ? { ...f, fix: { line: f.fix.line, text: fixed.line(f.fix.line).text } }
      : f,
  );
}

/** `fixText` for a parsed list. */
export function fixList(
  list: PaperList,
  lintOptions: LintOptions = {},
  parseOptions: ParseOptions = {},
): FixResult {
  return fixText(list.text, list.path, lintOptions, parseOptions);
}

/**
 * Fixable rules whose fix for a row depends only on that row, its table and the list's style
 * (not on other rows): for `fixListRows` they need to see the rows being fixed only.
 */
const ROW_LOCAL_FIXES = new Set([
  'arxiv-link',
  'code-link',
  'table-shape',
  'tags',
  'title-link',
  'venue',
]);

/**
 * The fixes `lintText` proposes for the rows on `lines` (and any other fix of the rules that
 * read the whole list), in its order, from a parsed list: rules that fix nothing are not run,
 * and the row-local fixable rules see the rows on `lines` only, judged by the style learned
 * from the whole list. Other findings are left out.
 */
function fixFindings(
  list: PaperList,
  lintOptions: LintOptions,
  lines: ReadonlySet<number>,
  rules: readonly Rule[],
): Finding[] {
  const fixable = rules.filter((r) => r.fixable);
  const local = fixable.filter((r) => ROW_LOCAL_FIXES.has(r.id));
  const global = fixable.filter((r) => !ROW_LOCAL_FIXES.has(r.id));
  // The style lintText would learn (every key set, so the view's own learning is overridden).
  const options: LintOptions = {
    ...lintOptions,
    style: { ...learnStyle(list), ...lintOptions.style },
  };
  const findings: Finding[] = [];
  if (global.length) findings.push(...lintList(list, options, global).filter((f) => f.fix));
  if (local.length) {
    const picked = new Map<number, PaperRow[]>();
    for (const r of list.rows) {
      if (!lines.has(r.line)) continue;
      const rows = picked.get(r.tableIndex);
      if (rows) rows.push(r);
      else picked.set(r.tableIndex, [r]);
    }
    const tables = list.tables.map((t) => ({ ...t, rows: picked.get(t.index) ?? [] }));
    const view: PaperList = { ...list, tables, rows: tables.flatMap((t) => t.rows) };
    findings.push(...lintList(view, options, local).filter((f) => f.fix));
  }
  if (!global.length || !local.length) return findings;
  return findings.sort(findingOrder(rules));
}

/**
 * `fixText(list.text, list.path, lintOptions, parseOptions, maxPasses, lines)` for a parsed
 * list (the same text), without linting the whole list again on every pass: only the fixes for
 * `lines` are worked out (see fixFindings), and each pass parses the fixed text taking the
 * unchanged rows over. Returns the fixed text and its parse.
 */
export function fixListRows(
  list: PaperList,
  lintOptions: LintOptions,
  parseOptions: ParseOptions,
  lines: ReadonlySet<number>,
  maxPasses = 10,
  rules: readonly Rule[] = RULES,
): { text: string; list: PaperList } {
  let current = list;
  for (let pass = 0; pass < maxPasses; pass += 1) {
    const edits = fixEdits(current, fixFindings(current, lintOptions, lines, rules), lines);
    if (edits.length === 0) break;
    current = parseListEdited(current, edits, parseOptions);
  }
  return { text: current.text, list: current };
}
