import { readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseList, parseListReusing, type PaperList } from '../../src/list/index.js';
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

function expectSameParse(edited: string, previous: PaperList): void {
  const fresh = parseList(edited, previous.path);
  const reused = parseListReusing(edited, previous.path, {}, previous);
  expect(rowsOf(reused)).toEqual(rowsOf(fresh));
  expect(reused.tables.map((t) => [t.bodyFirst, t.bodyLast, t.rows.length])).toEqual(
    fresh.tables.map((t) => [t.bodyFirst, t.bodyLast, t.rows.length]),
  );
  expect(reused.eol).toBe(fresh.eol);
  expect(reused.sections.map((s) => [s.line, s.text])).toEqual(
    fresh.sections.map((s) => [s.line, s.text]),
  );
}

/** Lines of `text` with the paper rows at these indexes (0-based, of the paper rows) changed. */
function editRows(
  text: string,
  edit: (line: string, k: number) => string | string[],
  pick: (k: number) => boolean,
): string {
  let k = -1;
  return text
    .split('\n')
    .flatMap((line) => {
      if (!/^\| \[/.test(line)) return [line];
      k += 1;
      return pick(k) ? edit(line, k) : [line];
    })
    .join('\n');
}

describe('parseListReusing', () => {
  const en = SEED_EN();
  const base = parseList(en, 'README.md');

  it('gives what parseList gives when rows are inserted above others (offsets and lines move)', () => {
    const edited = editRows(
      en,
      (line) => [line.replace('https://arxiv.org/abs/', 'https://arxiv.org/abs/9'), line],
      (k) => k % 7 === 0,
    );
    expectSameParse(edited, base);
  });

  it('gives what parseList gives when rows are changed, deleted or copied elsewhere', () => {
    const edited = editRows(
      en,
      (line, k) =>
        k % 3 === 0
          ? []
          : k % 3 === 1
            ? line.replace(/\| - \|/, '| [GitHub](https://github.com/a/b) |')
            : [line, line],
      (k) => k % 5 === 1,
    );
    expectSameParse(edited, base);
  });

  it('gives what parseList gives with CRLF line ends, from an LF parse and back', () => {
    const crlf = en.replace(/\n/g, '\r\n');
    expectSameParse(crlf, base);
    expectSameParse(en, parseList(crlf, 'README.md'));
  });

  it('does not take a row over into a table whose columns read it differently', () => {
    // The same line under a header with the columns in another order reads as other fields.
    const row = base.rows[0]!.raw;
    const header = base.tables[base.rows[0]!.tableIndex]!.header.raw;
    const cells = header.split('|').slice(1, -1);
    const swapped = `|${[cells[1], cells[0], ...cells.slice(2)].join('|')}|`;
    const doc = `# A\n\n${header}\n|${' --- |'.repeat(cells.length)}\n${row}\n\n# B\n\n${swapped}\n|${' --- |'.repeat(cells.length)}\n${row}\n`;
    const first = parseList(`# A\n\n${header}\n|${' --- |'.repeat(cells.length)}\n${row}\n`);
    expectSameParse(doc, first);
    const reused = parseListReusing(doc, 'README.md', {}, first);
    expect(reused.rows[1]!.title).not.toBe(reused.rows[0]!.title);
  });

  it('reads list items and other shapes afresh, the same as parseList', () => {
    const dir = 'shapes';
    for (const name of readdirSync(`${__dirname}/../fixtures/${dir}`).filter(
      (f) => f.endsWith('.md') && f !== 'README.md',
    )) {
      const text = fixture(`${dir}/${name}`);
      const previous = parseList(text, name);
      const lines = text.split('\n');
      // Every other line doubled: items and rows alike move.
      const edited = lines.flatMap((l, i) => (i % 2 ? [l, l] : [l])).join('\n');
      expectSameParse(edited, previous);
      expectSameParse(text, previous);
    }
  });

  it('parses the Chinese copy from the English parse (nothing to take over) as parseList', () => {
    expectSameParse(SEED_CN(), base);
  });

  it('lets go of the version it took rows from (a file edited in steps holds one version)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const text = SEED_EN();
    const held: { list: PaperList | null } = { list: parseList(text, 'README.md') };
    const gone = new WeakRef(held.list!);
    const edited = text.replace(/\n\| \[/, '\n| [Zeta] [');
    const reused = parseListReusing(edited, 'README.md', {}, held.list);
    held.list = null;
    // A WeakRef keeps its target until the current job ends.
    await new Promise((done) => setImmediate(done));
    gc();
    expect(gone.deref()).toBeUndefined();
    // What it reads afterwards is still right (read afresh).
    const line = reused.rows[3]!.line;
    expect(rowFields(reused.rowAt(line)!)).toEqual(rowFields(parseList(edited).rowAt(line)!));
  });
});
