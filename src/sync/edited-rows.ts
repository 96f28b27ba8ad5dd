/**
 * The rows an edit of a list wrote, found from the edits themselves: a list edited by splices
 * (`applyEdits`) keeps every other row where it was, at an offset the edits before it moved, so
 * the rows of the edited version are matched with the old version's by position, in one pass and
 * without comparing every row's text with every other (a diff of 100k-row lists).
 */
import type { PaperList, PaperRow, TextEdit } from '../list/index.js';

export interface EditedRow {
  /** The row in the edited version. */
  row: PaperRow;
  /**
   * The edit whose text the row stands in (the first one it overlaps), or null for a row the
   * edits changed otherwise (an entry that an edit next to it joined or split).
   */
  edit: TextEdit | null;
}

/**
 * Rows of `after` (the text `applyEdits(before.text, edits)`, parsed) that are not a row of
 * `before` left as it was: a row lying in an edit's text, or any other row whose text differs
 * from the row at its place in `before` (or that has no row there). In document order.
 */
export function editedRows(
  before: Pick<PaperList, 'rows'>,
  after: Pick<PaperList, 'rows'>,
  edits: readonly TextEdit[],
): EditedRow[] {
  // The edits in applyEdits' order, with the span each one's text takes in the edited text.
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const from: number[] = [];
  const to: number[] = [];
  /** How far the text after each edit has moved (edited offset - original offset). */
  const shift: number[] = [];
  let delta = 0;
  for (const e of sorted) {
    from.push(e.start + delta);
    to.push(e.start + delta + e.text.length);
    delta += e.text.length - (e.end - e.start);
    shift.push(delta);
  }
  const old = before.rows;
  const out: EditedRow[] = [];
  let k = 0; // the first edit not wholly before the current row
  let o = 0; // the first row of `before` not before the current row's old place
  for (const row of after.rows) {
    // Edits ending at or before the row's start (a deletion just before it included) moved it.
    while (k < sorted.length && to[k]! <= row.start) k += 1;
    let hit: TextEdit | null = null;
    for (let i = k; i < sorted.length && from[i]! <= row.end; i += 1) {
      const inside =
        from[i] === to[i]
          ? from[i]! > row.start && from[i]! < row.end // a deletion inside the row
          : from[i]! < row.end && to[i]! > row.start;
      if (inside) {
        hit = sorted[i]!;
        break;
      }
    }
    if (hit) {
      out.push({ row, edit: hit });
      continue;
    }
    // Outside every edit: the row at its old place (the edits before it moved it by their shift).
    const moved = k > 0 ? shift[k - 1]! : 0;
    const start = row.start - moved;
    while (o < old.length && old[o]!.start < start) o += 1;
    const same = old[o];
    if (!same || same.start !== start || same.raw !== row.raw) out.push({ row, edit: null });
  }
  return out;
}
