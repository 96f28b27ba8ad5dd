import { htmlBlockKind, type LineIndex, type PaperTable } from '../../list/index.js';
import { parseDirective } from '../directives.js';
import type { Rule } from '../types.js';
import { exampleRow, exampleTable } from './example-table.js';

const second = exampleRow({
  title:
    '[LongLLMLingua: Accelerating and Enhancing LLMs in Long Context Scenarios via Prompt Compression](https://arxiv.org/abs/2310.06839)',
  venue: 'ACL 2024',
});
const third = exampleRow({
  title:
    '[Selective Context: Compressing Context to Enhance Inference Efficiency of Large Language Models](https://arxiv.org/abs/2310.06201)',
  venue: 'EMNLP 2023',
});

const BLANK = /^[ \t\r]*$/;
const ROW_LIKE = /^ {0,3}\|/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** What else can end a table body (see scan-tables.ts INTERRUPTS), by name. */
const BLOCKS: [RegExp, string][] = [
  [/^ {0,3}>/, 'block quote'],
  [/^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/, 'thematic break'],
  [/^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/, 'list item'],
  [/^(?: {4}|\t)/, 'indented code'],
];
const HTML_END: Record<number, RegExp> = {
  1: /<\/(?:script|pre|style|textarea)>/i,
  2: /-->/,
  3: /\?>/,
  4: />/,
  5: /\]\]>/,
};

interface Cut {
  /** What cuts the table, for the message. */
  what: string;
  advice: string;
  /** The first line after the cutting block. */
  after: number;
}

/** The block that starts at line `n` right below a table's last row, or null for a heading. */
function cutAt(lines: LineIndex, n: number): Cut | null {
  const text = (k: number) => lines.text.slice(lines.start(k), lines.end(k));
  const line = text(n);
  const count = lines.count;
  if (BLANK.test(line)) {
    let k = n;
    while (k <= count && BLANK.test(text(k))) k += 1;
    return { what: 'blank line', advice: 'Remove the blank line', after: k };
  }
  if (HEADING.test(line)) return null;
  const kind = htmlBlockKind(line);
  if (kind !== 0) {
    let k = n;
    const end = HTML_END[kind];
    // Blocks of kinds 1-5 run to their closing marker; the others are read as one line here.
    if (end) {
      const open = kind === 2 ? line.slice(line.indexOf('<!--') + 4) : line;
      if (!end.test(open)) {
        k += 1;
        while (k <= count && !end.test(text(k))) k += 1;
      }
    }
    if (kind === 2) {
      const directive = parseDirective(line);
      if (directive)
        return {
          what: `\`curator-${directive.name}\` directive`,
          advice:
            'A directive cannot sit inside a table: put `<!-- curator-disable RULE: KEY -->` (an arXiv id or a title) above the table',
          after: k + 1,
        };
      return { what: 'HTML comment', advice: 'Move the comment above the table', after: k + 1 };
    }
    return { what: 'HTML block', advice: 'Move it out of the table', after: k + 1 };
  }
  const fence = FENCE.exec(line);
  if (fence) {
    let k = n + 1;
    const mark = fence[1]!;
    while (k <= count && !text(k).trimStart().startsWith(mark)) k += 1;
    return { what: 'code block', advice: 'Move it out of the table', after: k + 1 };
  }
  const block = BLOCKS.find(([re]) => re.test(line));
  if (!block) return null;
  return { what: block[1], advice: 'Move it out of the table', after: n + 1 };
}

export const tableCut: Rule = {
  id: 'table-cut',
  description:
    'Nothing cuts a paper table in two: no HTML comment, blank line or other block between its rows.',
  rationale:
    'In GitHub Markdown a table ends at the first line that is not a row: an HTML comment (a `curator-disable` directive too), a blank line, a list item or a quote. Every row after it renders as a paragraph of pipes, and curator no longer reads it as a paper row, so nothing checks it either. Move comments above the table (`<!-- curator-disable RULE: KEY -->` there silences one paper, see "Silencing a finding" in README.md) and remove blank lines between rows. Reported at the cutting line, with the number of rows that no longer render; a heading is not reported (it starts a new section).',
  defaultSeverity: 'warning',
  defaultOn: true,
  fixable: false,
  examples: {
    ok: [
      { markdown: exampleTable(exampleRow(), second, third) },
      {
        markdown: [
          '## Papers',
          '',
          '<!-- curator-disable venue: 2310.06839 -->',
          '',
          ...exampleTable(exampleRow(), second, third).split('\n').slice(2),
        ].join('\n'),
      },
    ],
    notOk: [
      {
        markdown: exampleTable(exampleRow(), '<!-- checked by hand -->', second, third),
        findings: [{ line: 6, column: 1 }],
      },
      {
        markdown: exampleTable(exampleRow(), '', second, third),
        findings: [{ line: 6, column: 1 }],
      },
      {
        markdown: exampleTable(exampleRow(), '<!-- curator-disable-next-line venue -->', second),
        findings: [{ line: 6, column: 1 }],
      },
    ],
  },
  create({ list, report }) {
    const lines = list.lines;
    const headerAt = new Set(
      list.tables.filter((t) => t.kind === 'table').map((t) => t.header.line),
    );
    const name = (table: PaperTable) =>
      table.section
        ? `the table "${table.section.text}"`
        : `the table at line ${table.header.line}`;
    return {
      table(table) {
        if (table.kind !== 'table') return;
        const n = Math.max(table.bodyLast, table.delimiter.line) + 1;
        if (n > lines.count) return;
        const cut = cutAt(lines, n);
        if (!cut) return;
        // Blank lines and one-line comments between the cut and the rows it separated.
        let first = cut.after;
        for (;;) {
          if (first > lines.count) return;
          const t = lines.text.slice(lines.start(first), lines.end(first));
          if (BLANK.test(t) || /^ {0,3}<!--.*-->[ \t]*$/.test(t)) first += 1;
          else break;
        }
        // A new table (header and delimiter) is no cut: two tables in one section.
        if (headerAt.has(first)) return;
        let rows = 0;
        while (
          first + rows <= lines.count &&
          ROW_LIKE.test(lines.text.slice(lines.start(first + rows), lines.end(first + rows)))
        )
          rows += 1;
        if (rows === 0) return;
        const after =
          rows === 1
            ? 'the row after it no longer renders'
            : `the ${rows} rows after it no longer render`;
        report({
          line: n,
          column: 1,
          message: `Unexpected ${cut.what} inside ${name(table)}: ${after} as a table on GitHub. ${cut.advice}`,
        });
      },
    };
  },
};
