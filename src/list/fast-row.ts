/**
 * A fast path for reading a well-formed row: one regular expression, built per table from its
 * column roles, that matches rows written the way the seed list writes them (`| a | b |` with one
 * space around each pipe, no escapes, a plain `[title](https://…)` link, backticked tags, `-` or
 * `[GitHub](…)` code). A row that does not match, for any reason, is read by the general path
 * (cell splitting, remark for odd links); tests/list/fast-row.test.ts checks that both paths give
 * the same fields.
 */
import type { ColumnRole } from './columns.js';
import { parseVenue, type Venue } from './venue.js';

// A trimmed cell with no pipe or backslash; may not be empty.
const TEXT = String.raw`([^\s|\\](?:[^|\\]*[^\s|\\])?)`;
const TITLE = String.raw`\[([^\s[\]\\|\x60<>](?:[^[\]\\|\x60<>]*[^\s[\]\\|\x60<>])?)\]\((https:\/\/[^\s()<>|\\]+)\)`;
const TAG = String.raw`\x60[^\s\x60|\\](?:[^\x60|\\]*[^\s\x60|\\])?\x60`;
const TAGS = `(${TAG}(?:, ${TAG})*)`;
const CODE = String.raw`(?:(-)|\[GitHub\]\((https:\/\/github\.com\/[^\s()<>|\\]+)\))`;

export interface FastRow {
  title: string | null;
  url: string | null;
  venue: string | null;
  /** The venue cell read (`parseVenue`); `missing` without a venue column. */
  venueInfo: Venue;
  /** Rows with the same tags cell share one (frozen) array. */
  tags: string[] | null;
  /** `null` without a code column; `'none'` for `-`. */
  code: { label: string; url: string } | 'none' | null;
  tldr: string | null;
  focus: string | null;
}

export interface FastRowReader {
  read(raw: string): FastRow | null;
}

/**
 * Build the reader for a table's roles (each role at most once; `other` columns are any text).
 * A table's rows repeat a few venues and tag sets: each is read once per table, and the rows
 * share the result (100k rows hold about 50 venues and 15k tag sets, not 100k of each).
 */
export function fastRowReader(roles: readonly ColumnRole[]): FastRowReader {
  const parts: string[] = [];
  const slots: { role: ColumnRole; groups: number }[] = [];
  for (const role of roles) {
    if (role === 'title') {
      parts.push(TITLE);
      slots.push({ role, groups: 2 });
    } else if (role === 'tags') {
      parts.push(TAGS);
      slots.push({ role, groups: 1 });
    } else if (role === 'code') {
      parts.push(CODE);
      slots.push({ role, groups: 2 });
    } else {
      parts.push(TEXT);
      slots.push({ role, groups: 1 });
    }
  }
  const pattern = new RegExp(`^\\| ${parts.join(' \\| ')} \\|$`);
  // Capture group of each role, worked out once per table (0: the table has no such column).
  const group: Partial<Record<ColumnRole, number>> = {};
  let g = 1;
  for (const slot of slots) {
    group[slot.role] ??= g;
    g += slot.groups;
  }
  const [title, venue, tags, code, tldr, focus] = (
    ['title', 'venue', 'tags', 'code', 'tldr', 'focus'] as const
  ).map((r) => group[r] ?? 0) as [number, number, number, number, number, number];
  const NO_VENUE = parseVenue(null);
  const venues = new Map<string, Venue>();
  const venueOf = (text: string): Venue => {
    let v = venues.get(text);
    if (!v) venues.set(text, (v = parseVenue(text)));
    return v;
  };
  const tagSets = new Map<string, string[]>();
  const tagsOf = (cell: string): string[] => {
    let t = tagSets.get(cell);
    if (!t) tagSets.set(cell, (t = Object.freeze(cell.slice(1, -1).split('`, `')) as string[]));
    return t;
  };
  return {
    read(raw) {
      const m = pattern.exec(raw);
      if (!m) return null;
      return {
        title: title ? m[title]! : null,
        url: title ? m[title + 1]! : null,
        venue: venue ? m[venue]! : null,
        venueInfo: venue ? venueOf(m[venue]!) : NO_VENUE,
        tags: tags ? tagsOf(m[tags]!) : null,
        code: code ? (m[code] === '-' ? 'none' : { label: 'GitHub', url: m[code + 1]! }) : null,
        tldr: tldr ? m[tldr]! : null,
        focus: focus ? m[focus]! : null,
      };
    },
  };
}
