import {
  categorySections,
  learnStyle,
  openList,
  type PaperList,
  type PaperRow,
  type PaperTable,
  type ParseOptions,
} from '../list/index.js';
import { applyDirectives } from './directives.js';
import { RULES } from './preset.js';
import type { Finding, LintOptions, Rule, RuleVisitor, Severity } from './types.js';

export { categorySections, DEFAULT_EXCLUDED_SECTIONS } from '../list/index.js';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

type EachRow = (table: PaperTable, visit: (row: PaperRow) => void) => void;

function run(
  list: PaperList,
  eachRow: EachRow,
  options: LintOptions,
  rules: readonly Rule[],
): Finding[] {
  const findings: Finding[] = [];
  const categories = categorySections(list, options.excludeSections);
  const visitors: RuleVisitor[] = [];
  const forEntries: RuleVisitor[] = [];
  const placementOption = options.placement ?? null;
  const categoryOn =
    rules.some((r) => r.id === 'category') && options.rules?.['category']?.severity !== 'off';
  const placement =
    typeof placementOption === 'function'
      ? categoryOn
        ? placementOption(list)
        : null
      : placementOption;
  const learned = learnStyle(list, eachRow);
  const style = { ...learned, ...options.style };
  const touched = options.touchedLines;
  const blame = (earlier: number, later: number) =>
    touched?.has(earlier) && !touched.has(later) ? earlier : later;
  for (const rule of rules) {
    const setting = options.rules?.[rule.id];
    if (setting?.severity === 'off') continue;
    if (!setting && !rule.defaultOn && !rule.onWhen?.(style)) continue;
    const forced = setting?.severity;
    const visitor = rule.create({
      list,
      style,
      categories,
      options: setting?.options ?? {},
      placement,
      blame,
      report(f) {
        const severity: Severity = forced ?? f.severity ?? rule.defaultSeverity;
        findings.push({
          ruleId: rule.id,
          severity,
          line: f.line,
          column: f.column,
          message: f.message,
          ...(f.fix ? { fix: f.fix } : {}),
        });
      },
    });
    visitors.push(visitor);
    if (rule.entries) forEntries.push(visitor);
  }
  const onTable = visitors.filter((v) => v.table);
  const onRow = visitors.filter((v) => v.row);
  const onListTable = forEntries.filter((v) => v.table);
  const onItem = forEntries.filter((v) => v.row);
  for (const table of list.tables) {
    if (!table.isPaperTable) continue;
    const list = table.kind === 'list';
    for (const v of list ? onListTable : onTable) v.table!(table);
    const visit = list ? onItem : onRow;
    eachRow(table, (row) => {
      for (const v of visit) v.row!(row, table);
    });
  }
  for (const v of visitors) v.end?.();
  // `curator-disable` comments and the config's `ignore:` (directives.ts).
  const kept = applyDirectives(list, findings, {
    ignore: options.ignore,
    reportUnused: options.reportUnusedDisableDirectives,
    ruleIds: [...new Set([...RULES, ...rules].map((r) => r.id))],
  });
  // Messages and fixes are built from slices of the document; a copy lets the document go.
  return structuredClone(kept).sort(findingOrder(rules));
}

/** The order lint reports findings in: line, column, the rules' order, then severity. */
export function findingOrder(rules: readonly Rule[]): (a: Finding, b: Finding) => number {
  const rank = new Map(rules.map((r, i) => [r.id, i]));
  return (a, b) =>
    a.line - b.line ||
    a.column - b.column ||
    (rank.get(a.ruleId) ?? rules.length) - (rank.get(b.ruleId) ?? rules.length) ||
    ORDER[a.severity] - ORDER[b.severity];
}

/** Run the rules on a parsed list; findings sorted by line, column, then rule order. */
export function lintList(
  list: PaperList,
  options: LintOptions = {},
  rules: readonly Rule[] = RULES,
): Finding[] {
  return run(list, (table, visit) => table.rows.forEach(visit), options, rules);
}

/** Parse and lint in one pass over the rows, keeping none of them (for large files). */
export function lintText(
  text: string,
  path: string,
  parseOptions: ParseOptions = {},
  options: LintOptions = {},
  rules: readonly Rule[] = RULES,
): Finding[] {
  const reader = openList(text, path, parseOptions);
  return run(reader.list, reader.eachRow, options, rules);
}
