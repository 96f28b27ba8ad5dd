/**
 * Edits a maintainer makes to a list, as text operations on its lines (tests build the head of a
 * change from the base with these).
 */

const lineIndex = (lines: string[], needle: string): number => {
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line contains ${needle}`);
  return i;
};

/** The whole line holding `needle`. */
export function lineWith(text: string, needle: string): string {
  const lines = text.split('\n');
  return lines[lineIndex(lines, needle)]!;
}

/** The 1-based number of the line holding `needle`. */
export function lineNo(text: string, needle: string): number {
  return lineIndex(text.split('\n'), needle) + 1;
}

/** `row` inserted above the line holding `needle`. */
export function insertAbove(text: string, needle: string, row: string): string {
  const lines = text.split('\n');
  lines.splice(lineIndex(lines, needle), 0, row);
  return lines.join('\n');
}

/** `row` inserted below the line holding `needle`. */
export function insertBelow(text: string, needle: string, row: string): string {
  const lines = text.split('\n');
  lines.splice(lineIndex(lines, needle) + 1, 0, row);
  return lines.join('\n');
}

/** The first line holding `needle` removed. */
export function removeLine(text: string, needle: string): string {
  const lines = text.split('\n');
  lines.splice(lineIndex(lines, needle), 1);
  return lines.join('\n');
}

/** The first line holding `needle` rewritten by `edit`. */
export function editLine(text: string, needle: string, edit: (line: string) => string): string {
  const lines = text.split('\n');
  const i = lineIndex(lines, needle);
  lines[i] = edit(lines[i]!);
  return lines.join('\n');
}

/** The line holding `needle` moved above the line holding `above`. */
export function moveLine(text: string, needle: string, above: string): string {
  const row = lineWith(text, needle);
  return insertAbove(removeLine(text, needle), above, row);
}
