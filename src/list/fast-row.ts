/**
 * A fast path for reading a well-formed row: one regular expression, built per table from its
 * column roles, that matches rows written the way the seed list writes them (`| a | b |` with one
 * space around each pipe, no escapes, a plain `[title](https://…)` link, backticked tags, `-` or
 * `[GitHub](…)` code). A row that does not match, for any reason, is read by the general path
 * (cell splitting, remark for odd links); tests/list/fast-row.test.ts checks that both paths give
 * the same fields.
 */
import type { ColumnRole } from './columns.js';

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
  tags: string[] | null;
  /** `null` without a code column; `'none'` for `-`. */
  code: { label: string; url: string } | 'none' | null;
  tldr: string | null;
  focus: string | null;
}

export interface FastRowReader {
  read(raw: string): FastRow | null;
}

/** Build the reader for a table's roles (each role at most once; `other` columns are any text). */
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
  return {
    read(raw) {
      const m = pattern.exec(raw);
      if (!m) return null;
      const row: FastRow = {
        title: null,
        url: null,
        venue: null,
        tags: null,
        code: null,
        tldr: null,
        focus: null,
      };
      let g = 1;
      for (const slot of slots) {
        switch (slot.role) {
          case 'title':
            row.title = m[g]!;
            row.url = m[g + 1]!;
            break;
          case 'venue':
            row.venue = m[g]!;
            break;
          case 'tags':
            row.tags = m[g]!.slice(1, -1).split('`, `');
            break;
          case 'code':
            row.code = m[g] === '-' ? 'none' : { label: 'GitHub', url: m[g + 1]! };
            break;
          case 'tldr':
            row.tldr = m[g]!;
            break;
          case 'focus':
            row.focus = m[g]!;
            break;
          default:
            break;
        }
        g += slot.groups;
      }
      return row;
    },
  };
}
