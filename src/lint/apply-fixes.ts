import {
  applyEdits,
  LineIndex,
  replaceRow,
  type PaperList,
  type ParseOptions,
  type TextEdit,
} from '../list/index.js';
import { lintText } from './lint-list.js';
import type { Finding, LintOptions } from './types.js';

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
  /** How many line replacements were applied, over all passes. */
  applied: number;
  /** Findings left after the last pass. */
  findings: Finding[];
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
  let current = text;
  let findings = lintText(current, path, parseOptions, lintOptions);
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass += 1) {
    const edits = fixEdits({ lines: new LineIndex(current) }, findings, onlyLines);
    if (edits.length === 0) break;
    applied += edits.length;
    current = applyEdits(current, edits);
    findings = lintText(current, path, parseOptions, lintOptions);
  }
  return { text: current, applied, findings };
}

/** `fixText` for a parsed list. */
export function fixList(
  list: PaperList,
  lintOptions: LintOptions = {},
  parseOptions: ParseOptions = {},
): FixResult {
  return fixText(list.text, list.path, lintOptions, parseOptions);
}
