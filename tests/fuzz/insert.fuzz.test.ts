/**
 * Fuzz: a row rendered with renderPaperRow and inserted with insertRow into any paper table of a
 * (mutated) list reads back with the same fields, at the place asked for; every other byte of the
 * file is unchanged and every other row reads as before.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  applyEdits,
  insertRow,
  parseList,
  renderPaperRow,
  type PaperRow,
} from '../../src/list/index.js';
import { lightlyMutated, rowFields } from './arbitraries.js';
import { checkProperty, FUZZ_RUNS, timeoutFor } from './fuzz-config.js';
import { check } from './oracles.js';

/** What a cell keeps of a value: one line, runs of ASCII white space as one space, trimmed. */
const oneLine = (s: string): string =>
  s
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
    .replace(/[ \t\f\v]+/g, ' ')
    .trim();

describe('fuzz: row insertion', () => {
  it(
    'parse(applyEdits(text, insertRow(row))) finds the row with the same fields; nothing else moves',
    () => {
      checkProperty(
        'insertRow round trip',
        fc.property(
          lightlyMutated(6),
          fc.nat(),
          fc.nat(),
          rowFields,
          fc.constantFrom('README.md', 'README_CN.md'),
          (text, tableChoice, position, fields, path) => {
            const list = parseList(text, path);
            // Table rows here; list-item entries get their own test (tests/list/shapes.test.ts).
            const tables = list.tables.filter((t) => t.isPaperTable && t.kind === 'table');
            fc.pre(tables.length > 0);
            const table = tables[tableChoice % tables.length]!;
            const index = position % (table.rows.length + 2); // one past the end appends too
            const line = renderPaperRow(table.columns, fields);
            const edit = insertRow(list, table, index, line);

            // The edit inserts one whole line at a line boundary, in the file's line ending.
            check(edit.start === edit.end, 'not an insertion', edit);
            const atBoundary =
              edit.start === 0 || text[edit.start - 1] === '\n' || edit.start === text.length;
            check(atBoundary, 'inserted inside a line', edit.start);
            check(
              edit.text === line + list.eol ||
                (edit.start === text.length && edit.text === list.eol + line),
              'inserted text is not the line and a line ending',
              edit.text,
            );
            const out = applyEdits(text, [edit]);
            check(
              out.slice(0, edit.start) === text.slice(0, edit.start) &&
                out.slice(edit.start + edit.text.length) === text.slice(edit.start),
              'bytes outside the inserted line changed',
            );

            // Read back: same tables; the table has the old rows and the new one at `index`.
            const after = parseList(out, path);
            check(after.tables.length === list.tables.length, 'table count changed');
            const t = after.tables[table.index]!;
            const at = Math.min(index, table.rows.length);
            const expectedRaw = table.rows.map((r) => r.raw);
            expectedRaw.splice(at, 0, line);
            check(
              JSON.stringify(t.rows.map((r) => r.raw)) === JSON.stringify(expectedRaw),
              'rows of the table differ from the old rows plus the new one',
              t.rows.map((r) => r.raw),
              expectedRaw,
            );
            const others = after.tables
              .filter((x) => x !== t)
              .flatMap((x) => x.rows.map((r) => r.raw));
            const othersBefore = list.tables
              .filter((x) => x.index !== table.index)
              .flatMap((x) => x.rows.map((r) => r.raw));
            check(
              JSON.stringify(others) === JSON.stringify(othersBefore),
              'rows of other tables changed',
            );

            const row: PaperRow = t.rows[at]!;
            check(row.cellCount === table.columns.length, 'cell count', row.cellCount, line);
            const roles = new Set(table.columns.map((c) => c.role));
            const got = {
              title: roles.has('title') ? row.title : null,
              url: roles.has('title') ? row.url : null,
              venue: roles.has('venue') ? row.venue : null,
              tags: roles.has('tags') ? row.tags : null,
              code: roles.has('code') ? row.code : null,
              tldr: roles.has('tldr') || roles.has('focus') ? row.tldr : null,
            };
            const want = {
              title: roles.has('title') ? oneLine(fields.title) : null,
              url: roles.has('title') ? fields.url : null,
              venue: roles.has('venue') ? oneLine(fields.venue) : null,
              tags: roles.has('tags')
                ? fields.tags
                    .map((tag) => oneLine(tag.replace(/`/g, '')))
                    .filter((tag) => tag !== '')
                : null,
              code: roles.has('code') ? (fields.code ? { ...fields.code } : 'none') : null,
              tldr: roles.has('tldr') || roles.has('focus') ? oneLine(fields.tldr) : null,
            };
            check(JSON.stringify(got) === JSON.stringify(want), 'fields read back differ', {
              got,
              want,
              line,
            });
          },
        ),
      );
    },
    timeoutFor(FUZZ_RUNS),
  );
});
