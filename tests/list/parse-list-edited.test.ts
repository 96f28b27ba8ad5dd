import { readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyEdits,
  parseList,
  parseListEdited,
  type PaperList,
  type TextEdit,
} from '../../src/list/index.js';
import { rowFields } from '../fuzz/oracles.js';
import { fixture, SEED_CN, SEED_EN } from '../helpers/fixtures.js';

/** Everything a reader sees of a list's rows, the lazily split cells included. */
function rowsOf(list: PaperList): unknown[] {
  return list.rows.map((r) => ({
    ...rowFields(r),
    lastLine: r.lastLine,
    shape: r.shape,
    tableIndex: r.tableIndex,
    year: r.year,
    date: r.date,
    authors: r.authors,
    urlSource: r.urlSource,
    paperLink: r.paperLink,
    codeNone: r.codeNone,
    cell: r.cell,
    has: (['title', 'venue', 'tags', 'code', 'tldr', 'date', 'authors'] as const).map((x) =>
      r.has(x),
    ),
    // Rows of the same table are the same objects in `rows` and in the table.
    inTable: list.tables[r.tableIndex]!.rows.includes(r),
  }));
}

/** Edits that change the paper rows at these indexes (0-based, of the paper rows) of `list`. */
function editRows(
  list: PaperList,
  edit: (line: string, k: number) => string | string[],
  pick: (k: number) => boolean,
): TextEdit[] {
  return list.rows.flatMap((row, k) => {
    if (!pick(k)) return [];
    const out = edit(row.raw, k);
    const lines = Array.isArray(out) ? out : [out];
    return [{ start: row.start, end: row.lineEnd, text: lines.map((l) => `${l}\n`).join('') }];
  });
}

describe('parseListEdited: rows inserted, changed, deleted, copied', () => {
  const en = SEED_EN();
  const base = parseList(en, 'README.md');

  it('gives what parseList gives when rows are inserted above others (offsets and lines move)', () => {
    const edits = editRows(
      base,
      (line) => [line.replace('https://arxiv.org/abs/', 'https://arxiv.org/abs/9'), line],
      (k) => k % 7 === 0,
    );
    expect(edits.length).toBeGreaterThan(3);
    expectSameEdited(base, edits);
  });

  it('gives what parseList gives when rows are changed, deleted or copied elsewhere', () => {
    const edits = editRows(
      base,
      (line, k) =>
        k % 3 === 0
          ? []
          : k % 3 === 1
            ? line.replace(/\| - \|/, '| [GitHub](https://github.com/a/b) |')
            : [line, line],
      (k) => k % 5 === 1,
    );
    expectSameEdited(base, edits);
  });

  it('gives what parseList gives when every line end becomes CRLF, and back', () => {
    const crlf: TextEdit[] = [...en.matchAll(/\n/g)].map((m) => ({
      start: m.index,
      end: m.index,
      text: '\r',
    }));
    expectSameEdited(base, crlf);
    const back = parseList(applyEdits(en, crlf), 'README.md');
    expectSameEdited(
      back,
      [...back.text.matchAll(/\r\n/g)].map((m) => ({ start: m.index, end: m.index + 1, text: '' })),
    );
  });

  it('does not take a row over into a table whose columns read it differently', () => {
    // The same line under a header with the columns in another order reads as other fields.
    const row = base.rows[0]!.raw;
    const header = base.tables[base.rows[0]!.tableIndex]!.header.raw;
    const cells = header.split('|').slice(1, -1);
    const swapped = `|${[cells[1], cells[0], ...cells.slice(2)].join('|')}|`;
    const first = parseList(`# A\n\n${header}\n|${' --- |'.repeat(cells.length)}\n${row}\n`);
    const added = `\n# B\n\n${swapped}\n|${' --- |'.repeat(cells.length)}\n${row}\n`;
    const edits = [{ start: first.text.length, end: first.text.length, text: added }];
    expectSameEdited(first, edits);
    const edited = parseListEdited(first, edits);
    expect(edited.rows[1]!.title).not.toBe(edited.rows[0]!.title);
  });

  it('reads list items and other shapes afresh, the same as parseList', () => {
    const dir = 'shapes';
    for (const name of readdirSync(`${__dirname}/../fixtures/${dir}`).filter(
      (f) => f.endsWith('.md') && f !== 'README.md',
    )) {
      const previous = parseList(fixture(`${dir}/${name}`), name);
      // Every other line doubled: items and rows alike move.
      const edits: TextEdit[] = [];
      for (let n = 2; n <= previous.lines.count; n += 2) {
        const at = previous.lines.start(n);
        edits.push({
          start: at,
          end: at,
          text: previous.text.slice(at, previous.lines.lineEnd(n)),
        });
      }
      expectSameEdited(previous, edits);
      expectSameEdited(previous, []);
    }
  });

  it('parses the Chinese copy from the English parse (the whole text replaced) as parseList', () => {
    expectSameEdited(base, [{ start: 0, end: en.length, text: SEED_CN() }]);
  });

  it('lets go of the version it took rows from (a file edited in steps holds one version)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const held: { list: PaperList | null } = { list: parseList(en, 'README.md') };
    const gone = new WeakRef(held.list!);
    const at = en.indexOf('\n| [') + 3;
    const edited = parseListEdited(held.list!, [{ start: at, end: at, text: '[Zeta] ' }]);
    held.list = null;
    // A WeakRef keeps its target until the current job ends.
    await new Promise((done) => setImmediate(done));
    gc();
    expect(gone.deref()).toBeUndefined();
    // What it reads afterwards is still right (read afresh).
    const line = edited.rows[3]!.line;
    expect(rowFields(edited.rowAt(line)!)).toEqual(rowFields(parseList(edited.text).rowAt(line)!));
  });
});

/** parseListEdited against parseList of the same edited text. */
function expectSameEdited(previous: PaperList, edits: TextEdit[]): void {
  const text = applyEdits(previous.text, edits);
  const fresh = parseList(text, previous.path);
  const edited = parseListEdited(previous, edits);
  expect(edited.text).toBe(text);
  expect(rowsOf(edited)).toEqual(rowsOf(fresh));
  expect(edited.tables.map((t) => [t.bodyFirst, t.bodyLast, t.rows.length])).toEqual(
    fresh.tables.map((t) => [t.bodyFirst, t.bodyLast, t.rows.length]),
  );
  expect(edited.eol).toBe(fresh.eol);
  expect(edited.sections.map((s) => [s.line, s.text])).toEqual(
    fresh.sections.map((s) => [s.line, s.text]),
  );
}

describe('parseListEdited: edits anywhere', () => {
  const en = SEED_EN();
  const base = parseList(en, 'README.md');
  const row = (k: number) => base.rows[k]!;

  it('gives what parseList gives for rows inserted, deleted and changed, and a header rewritten', () => {
    const header = base.tables[row(0).tableIndex]!.header;
    expectSameEdited(base, [
      // A copy of a row inserted above another (the line below moves; its text does not).
      { start: row(3).start, end: row(3).start, text: `${row(9).raw}\n` },
      // A row deleted, line ending included.
      { start: row(5).start, end: row(5).lineEnd, text: '' },
      // One cell of a row changed, and text appended to the end of another row.
      { start: row(7).start + 2, end: row(7).start + 3, text: '[[' },
      { start: row(8).end, end: row(8).end, text: ' extra |' },
      // The first table's header with its first two columns swapped: its rows read anew.
      {
        start: header.start,
        end: header.end,
        text: header.raw.replace(/^\|([^|]*)\|([^|]*)\|/, '|$2|$1|'),
      },
    ]);
  });

  it('gives what parseList gives with CRLF line ends and with no edit at all', () => {
    const crlf = parseList(en.replace(/\n/g, '\r\n'), 'README.md');
    const r = crlf.rows[4]!;
    expectSameEdited(crlf, [{ start: r.start, end: r.lineEnd, text: '' }]);
    expectSameEdited(base, []);
  });

  it('agrees with parseList for random edits anywhere in the text (fuzz)', () => {
    const pieces = [
      '',
      '\n',
      '|',
      ' | ',
      '\r\n',
      '`',
      '[x](https://a.b)',
      row(2).raw,
      `${row(6).raw}\n`,
      '## Heading\n',
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: en.length }),
            length: fc.integer({ min: 0, max: 300 }),
            text: fc.constantFrom(...pieces),
          }),
          { maxLength: 6 },
        ),
        (raw) => {
          // Non-overlapping: each edit starts past the previous one's end.
          const edits: TextEdit[] = [];
          let from = 0;
          for (const e of [...raw].sort((a, b) => a.at - b.at)) {
            const start = Math.max(e.at, from);
            if (start > en.length) break;
            const end = Math.min(en.length, start + e.length);
            edits.push({ start, end, text: e.text });
            from = end + 1;
          }
          expectSameEdited(base, edits);
        },
      ),
      { numRuns: 200, seed: 20_251_203 },
    );
  });

  it('takes the untouched rows over (the same objects’ fields, not read again)', () => {
    const edited = parseListEdited(base, [{ start: row(3).start, end: row(3).lineEnd, text: '' }]);
    // The tags array of a row taken over is the previous row's own.
    expect(edited.rows[10]!.tags).toBe(base.rows[11]!.tags);
  });
});
