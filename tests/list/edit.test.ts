import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  splitLines,
  applyEdits,
  escapeCell,
  insertRow,
  parseList,
  removeRow,
  renderPaperRow,
  replaceRow,
  type TextEdit,
} from '../../src/list/index.js';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

const SEEDS = [
  ['README.md', SEED_EN()],
  ['README_CN.md', SEED_CN()],
] as const;

const newRow = {
  title: 'A | tricky\ntitle [v2]',
  url: 'https://arxiv.org/abs/2501.00001',
  venue: 'arXiv 2025.01',
  tags: ['Pruning', 'RAG'],
  code: null,
  tldr: 'Line one\nline two | with a pipe',
};

describe('rendering a row', () => {
  it('escapes pipes and strips newlines inside cells', () => {
    expect(escapeCell('a | b\nc\r\nd')).toBe('a \\| b c d');
    expect(escapeCell('already \\| escaped')).toBe('already \\| escaped');
    const list = parseList(SEED_EN(), 'README.md');
    const line = renderPaperRow(list.tables[0]!.columns, newRow);
    expect(line).toBe(
      '| [A \\| tricky title \\[v2\\]](https://arxiv.org/abs/2501.00001) | arXiv 2025.01 | `Pruning`, `RAG` | - | Line one line two \\| with a pipe |',
    );
    // Read back, the row has the same fields.
    const table = list.tables[0]!;
    const after = parseList(applyEdits(list.text, [insertRow(list, table, 0, line)]), 'README.md');
    expect(after.tables[0]!.rows[0]).toMatchObject({
      title: 'A | tricky title [v2]',
      url: newRow.url,
      venue: newRow.venue,
      tags: newRow.tags,
      code: 'none',
      tldr: 'Line one line two | with a pipe',
    });
    expect(after.tables[0]!.rows[0]!.cells).toHaveLength(5);
  });

  // Found by tests/fuzz (insertRow round trip, sync idempotence).
  it('writes values that read back as themselves: backslashes, escaped pipes, parentheses in URLs, wide spaces', () => {
    // `\\|` is an escaped backslash and then a pipe that splits the cell: it must be escaped too.
    expect(escapeCell('a\\\\|b')).toBe('a\\\\\\|b');
    expect(escapeCell('a\\|b')).toBe('a\\|b');
    // Ideographic and no-break spaces are text (a Chinese TL;DR, a link), not white space to fold.
    expect(escapeCell('压缩\u3000方法\u00a0x  y')).toBe('压缩\u3000方法\u00a0x y');
    const list = parseList(SEED_EN(), 'README.md');
    const table = list.tables[0]!;
    const fields = {
      title: 'Keeps \\| and \\ in a title',
      url: 'https://en.wikipedia.org/wiki/A_(b)_c\\d\u3000e',
      venue: 'ACL\\* 2024',
      tags: ['Pruning'],
      code: { label: 'GitHub', url: 'https://github.com/a/b_(c)' },
      tldr: 'Uses a\\|b, \\_x\\_ and 压缩\u3000方法',
    };
    const line = renderPaperRow(table.columns, fields);
    const after = parseList(applyEdits(list.text, [insertRow(list, table, 0, line)]), 'README.md');
    const row = after.tables[0]!.rows[0]!;
    expect(row.cellCount).toBe(5);
    expect(row).toMatchObject({
      title: fields.title,
      url: fields.url,
      venue: fields.venue,
      tldr: fields.tldr,
      code: fields.code,
    });
  });

  it('puts fields in the columns of their roles', () => {
    const list = parseList('| Code | Paper | Year |\n|---|---|---|\n', 'x.md');
    expect(
      renderPaperRow(list.tables[0]!.columns, {
        ...newRow,
        title: 'T',
        tldr: 'x',
        code: { label: 'GitHub', url: 'https://github.com/a/b' },
      }),
    ).toBe(
      '| [GitHub](https://github.com/a/b) | [T](https://arxiv.org/abs/2501.00001) | arXiv 2025.01 |',
    );
  });
});

describe('lossless edits', () => {
  it('rejects overlapping edits', () => {
    expect(() =>
      applyEdits('abcdef', [
        { start: 1, end: 3, text: 'x' },
        { start: 2, end: 4, text: 'y' },
      ]),
    ).toThrow(/overlapping/);
  });

  it('appends after a last row that has no line ending', () => {
    const list = parseList('| Paper Title |\n| --- |\n| [A](https://a.org) |', 'x.md');
    const out = applyEdits(list.text, [
      insertRow(list, list.tables[0]!, 99, '| [B](https://b.org) |'),
    ]);
    expect(out).toBe('| Paper Title |\n| --- |\n| [A](https://a.org) |\n| [B](https://b.org) |');
  });

  it('keeps CRLF files CRLF', () => {
    const list = parseList('| Paper Title |\r\n| --- |\r\n| [A](https://a.org) |\r\n', 'x.md');
    const out = applyEdits(list.text, [
      insertRow(list, list.tables[0]!, 1, '| [B](https://b.org) |'),
    ]);
    expect(out).toBe(
      '| Paper Title |\r\n| --- |\r\n| [A](https://a.org) |\r\n| [B](https://b.org) |\r\n',
    );
  });

  // Property: any mix of inserts, replacements and removals leaves every byte outside the
  // touched rows identical, and the file parses to the expected rows.
  it.each(SEEDS)('on %s, every byte outside the touched rows stays identical', (path, text) => {
    const list = parseList(text, path);
    const rows = list.rows;
    const op = fc.record({
      kind: fc.constantFrom('insert', 'replace', 'remove'),
      row: fc.nat({ max: rows.length - 1 }),
      title: fc.string({ maxLength: 30 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(op, { maxLength: 6, selector: (o) => o.row }), (ops) => {
        const edits: TextEdit[] = [];
        const touched = new Set<number>();
        for (const o of ops) {
          const row = rows[o.row]!;
          const table = list.tables[row.tableIndex]!;
          const line = renderPaperRow(table.columns, { ...newRow, title: o.title || 'x' });
          if (o.kind !== 'insert') touched.add(o.row);
          if (o.kind === 'insert')
            edits.push(insertRow(list, table, table.rows.indexOf(row), line));
          else if (o.kind === 'replace') edits.push(replaceRow(row, line));
          else edits.push(removeRow(row));
        }
        const out = applyEdits(text, edits);
        // Removing the touched rows' original lines and the inserted lines from `out` must give the
        // original with the touched rows' lines removed: nothing else moved or changed.
        const untouchedOriginal = splitLines(text)
          .filter((l) => !rows.some((r, i) => touched.has(i) && r.line === l.line))
          .map((l) => l.text);
        const outLines = out
          .split('\n')
          .filter((l) => !l.includes('(https://arxiv.org/abs/2501.00001)'));
        expect(outLines).toEqual(untouchedOriginal.concat(text.endsWith('\n') ? [''] : []));
        const after = parseList(out, path);
        const added = ops.filter((o) => o.kind !== 'remove').length;
        const removed = ops.filter((o) => o.kind !== 'insert').length;
        expect(after.rows.length).toBe(rows.length + added - removed);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
