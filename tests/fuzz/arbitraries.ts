/**
 * Generators of list Markdown for the fuzz properties: realistic documents (the seed-like pair,
 * slices of it, small synthetic lists) put through random mutations — pipes dropped, added and
 * escaped, HTML in cells, CJK, emoji and variation selectors, CRLF and lone CR, a BOM, tabs, lines
 * deleted, duplicated, swapped and inserted, headings in odd places, deep nesting — and fully
 * random text from a Markdown-heavy alphabet.
 *
 * A document is kept as lines with their own endings, so that mutations can mix `\n` and `\r\n`.
 * Every index in a mutation is a plain natural number taken modulo the current length when the
 * mutation is applied, so shrinking stays meaningful.
 */
import fc from 'fast-check';
import { SEED_CN, SEED_EN } from '../helpers/fixtures.js';

export interface Doc {
  lines: string[];
  /** Line ending of each line (`''` for a last line without one). */
  eols: string[];
}

export function docOf(text: string): Doc {
  const lines: string[] = [];
  const eols: string[] = [];
  let at = 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) {
      lines.push(text.slice(at));
      eols.push('');
      break;
    }
    const crlf = nl > at && text.charCodeAt(nl - 1) === 13;
    lines.push(text.slice(at, crlf ? nl - 1 : nl));
    eols.push(crlf ? '\r\n' : '\n');
    at = nl + 1;
  }
  return { lines, eols };
}

export function textOf(doc: Doc): string {
  let out = '';
  for (let i = 0; i < doc.lines.length; i += 1) out += doc.lines[i]! + doc.eols[i]!;
  return out;
}

export const EN = SEED_EN();
export const CN = SEED_CN();

// ---------------------------------------------------------------------------------------------
// Fragments and cells

const WORDS = [
  'Prompt',
  'Compression',
  'KV',
  'Cache',
  'LLMLingua-2',
  'Gist',
  'tokens',
  'a',
  'of',
  'the',
  'x',
];
const CJK = [
  '压缩',
  '上下文',
  '显式',
  '推理时',
  '键值缓存',
  '论文标题',
  '标签',
  '简述',
  '（',
  '）',
];
const EMOJI = ['🗜️', '📝', '⚡', '🧠', '👍🏽', '👨‍👩‍👧', '🇨🇳', '❤\uFE0F', '\uFE0F', '\u200D', '✨'];
const SPICY = [
  '|',
  '\\|',
  '\\\\|',
  '\\',
  '\\\\',
  '<br>',
  '<br/>',
  '<img src="a.png" width="20">',
  '<sup>1</sup>',
  '<a id="x">',
  '`',
  '``',
  '`code`',
  '**',
  '*',
  '_',
  '~~',
  '[',
  ']',
  '(',
  ')',
  '](',
  '[x](https://a.org)',
  '[GitHub](https://github.com/a/b)',
  '![i](https://a.org/i.png)',
  '<https://a.org>',
  '&amp;',
  '&#124;',
  '&nbsp;',
  '\t',
  ' ',
  '  ',
  '\u00A0',
  '\u3000',
  '\u200B',
  '\r',
  '#',
  '-',
  ':',
  ',',
  '，',
  '、',
  '>',
  '<',
  '"',
  "'",
  '\\*',
  '\\`',
  '\\[',
];

export const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...CJK) },
  { weight: 2, arbitrary: fc.constantFrom(...EMOJI) },
  { weight: 4, arbitrary: fc.constantFrom(...SPICY) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4, unit: 'grapheme' }) },
);

/** Free text for a cell or a heading: words, CJK, emoji and Markdown/HTML punctuation. */
export const text = (maxParts = 6): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(fragment, fc.constantFrom('', ' ', ' ')), { maxLength: maxParts })
    .map((parts) => parts.map(([f, s]) => f + s).join(''));

const ARXIV_ID = fc
  .tuple(fc.integer({ min: 7, max: 26 }), fc.integer({ min: 1, max: 12 }), fc.nat(99_999))
  .map(([y, m, n]) => `${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}.${n}`);

/** URLs as lists write them, canonical or not. */
export const url = fc.oneof(
  { weight: 5, arbitrary: ARXIV_ID.map((id) => `https://arxiv.org/abs/${id}`) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(ARXIV_ID, fc.constantFrom('http://arxiv.org/pdf/', 'https://arxiv.org/abs/'))
      .map(([id, p]) => `${p}${id}v2`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'https://openreview.net/forum?id=abc',
      'http://a.org',
      'https://en.wikipedia.org/wiki/Transformer_(deep_learning)',
      'https://a.org/x\\_y',
    ),
  },
  { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
);

const venue = fc.oneof(
  fc.constantFrom('ICLR 2024', 'ACL 2024 Findings', 'NeurIPS 2023 (Oral)', 'arXiv 2024.03', '-'),
  text(3),
);
const tagsCell = fc.oneof(
  fc
    .array(fc.constantFrom('Pruning', 'RAG', 'Eviction', '剪枝', '驱逐', 'Prunning', 'KV'), {
      minLength: 1,
      maxLength: 3,
    })
    .map((ts) => ts.map((t) => `\`${t}\``).join(', ')),
  text(3),
);
const codeCell = fc.oneof(
  fc.constantFrom(
    '-',
    '[GitHub](https://github.com/microsoft/LLMLingua)',
    '[Github](http://github.com/a/b/)',
    '',
  ),
  text(2),
);
const titleCell = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(text(5), url).map(([t, u]) => `[${t}](${u})`) },
  { weight: 1, arbitrary: text(5) },
);

/** A body row for a five-column paper table, written in one of the styles lists use. */
export const paperRowLine = fc
  .tuple(
    fc.tuple(titleCell, venue, tagsCell, codeCell, text(8)),
    fc.constantFrom('| ', '|', '', '\t| '),
    fc.constantFrom(' | ', '|', ' |\t', '\t|\t'),
    fc.constantFrom(' |', '|', '', ' | |', ' |  '),
  )
  .map(([cells, lead, sep, trail]) => lead + cells.join(sep) + trail);

// ---------------------------------------------------------------------------------------------
// Lines

const HEADERS = [
  '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
  '| 论文标题 | 发表/日期 | 标签 | 代码 | 简述 |',
  '| Title | Venue | Focus |',
  '| Paper | Code |',
  '| Werk | Jahr |',
  '| Paper Title | Venue/Date | Tags | Code | TL;DR | Notes | Extra |',
];
const DELIMITERS = [
  '| :--- | :--- | :--- | :--- | :--- |',
  '|---|---|---|---|---|',
  '| :---: | ---: |',
  '| --- |',
  '|-|-|-|',
];
const BLOCK_LINES = [
  '```',
  '```js',
  '~~~',
  '````',
  '<details>',
  '</details>',
  '<!-- a comment',
  '-->',
  '<!-- one line -->',
  '<p align="center">',
  '</p>',
  '<div>',
  '<table>',
  '<script>',
  '</script>',
  '<?php',
  '?>',
  '<![CDATA[',
  ']]>',
  '---',
  '***',
  '===',
  '> quoted | text |',
  '>',
  '    | indented | code |',
  '\t| tab | indented |',
  '[toc]: #table-of-contents',
  '- [Explicit Context Compression](#-explicit-context-compression-promptinput-level)',
  '- [Broken](#no-such-heading)',
  '<a name="top"></a>',
  '',
  ' ',
  '\t',
  // Not blank to CommonMark (only spaces and tabs are): a row, or a paragraph line.
  '\u00a0',
  '\u3000 ',
  '\u000b',
  // …and so a setext heading when an underline follows (several lines in one insertion).
  'A paragraph\n\u00a0\n---',
  '说明\n\u3000\n===',
];

const heading = fc
  .tuple(
    fc.integer({ min: 1, max: 7 }),
    fc.constantFrom('', ' ', '\t'),
    fc.oneof(
      // Headings are mostly plain; markup in one sends the outline to remark (slower, also fuzzed).
      {
        weight: 4,
        arbitrary: fc.constantFrom(
          '📚 Surveys',
          '📝 Explicit',
          '⚡ 推理时KV压缩',
          'Contributing',
          'Notes 2',
        ),
      },
      { weight: 1, arbitrary: text(4) },
    ),
    fc.constantFrom('', ' #', ' ##'),
  )
  .map(([depth, space, t, close]) => `${'#'.repeat(depth)}${space || ' '}${t}${close}`);

const listItem = fc
  .tuple(fc.nat(12), fc.constantFrom('- ', '* ', '+ ', '1. ', '2) '), text(4))
  .map(([depth, marker, t]) => '  '.repeat(depth) + marker + t);

/** A new line to insert: a row, a header, a delimiter, a heading, a block marker, prose. */
export const line = fc.oneof(
  { weight: 5, arbitrary: paperRowLine },
  { weight: 1, arbitrary: fc.constantFrom(...HEADERS) },
  { weight: 1, arbitrary: fc.constantFrom(...DELIMITERS) },
  { weight: 2, arbitrary: heading },
  { weight: 2, arbitrary: fc.constantFrom(...BLOCK_LINES) },
  { weight: 1, arbitrary: listItem },
  { weight: 2, arbitrary: text(8) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
);

// ---------------------------------------------------------------------------------------------
// Mutations

export type Mutation =
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'insert'; at: number; line: string }
  | { kind: 'dropPipe'; at: number; which: number }
  | { kind: 'addPipe'; at: number; pos: number }
  | { kind: 'escapePipe'; at: number; which: number }
  | { kind: 'splice'; at: number; pos: number; cut: number; insert: string }
  | { kind: 'tabs'; at: number }
  | { kind: 'indent'; at: number; by: string }
  | { kind: 'eol'; at: number; eol: string }
  | { kind: 'allCrlf' }
  | { kind: 'noFinalEol' }
  | { kind: 'bom' }
  | { kind: 'nest'; at: number; marker: string; depth: number }
  | { kind: 'retitle'; at: number; title: string | null; form: string }
  | { kind: 'recell'; at: number; which: number; value: string };

/** How an arXiv link may be written (`ID` is the paper's id): the same paper, another URL. */
const ARXIV_FORMS = [
  'https://arxiv.org/abs/ID',
  'https://arxiv.org/pdf/ID',
  'http://arxiv.org/abs/IDv2',
  'https://arxiv.org/pdf/ID.pdf',
  'https://export.arxiv.org/abs/ID',
  'https://arxiv.org/abs/ID#x',
];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    // The same paper (arXiv id kept) under another title or another form of its link.
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('retitle'),
      at: fc.nat(),
      title: fc.option(text(5), { freq: 3 }),
      form: fc.constantFrom(...ARXIV_FORMS),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('recell'),
      at: fc.nat(),
      which: fc.nat(6),
      value: fc.oneof(venue, tagsCell, codeCell, text(4)),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('delete'),
      at: fc.nat(),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate'), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap'), at: fc.nat(), with: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert'), at: fc.nat(), line }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('dropPipe'), at: fc.nat(), which: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('addPipe'), at: fc.nat(), pos: fc.nat() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('escapePipe'), at: fc.nat(), which: fc.nat() }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('splice'),
      at: fc.nat(),
      pos: fc.nat(),
      cut: fc.nat(6),
      insert: fc.oneof(fragment, text(3)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tabs'), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('indent'),
      at: fc.nat(),
      by: fc.constantFrom(' ', '   ', '    ', '\t', '> ', '- '),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('eol'),
      at: fc.nat(),
      eol: fc.constantFrom('\n', '\r\n', '\r\r\n'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('allCrlf') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('noFinalEol') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bom') }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('nest'),
      at: fc.nat(),
      marker: fc.constantFrom('  - ', '> ', '1. ', '[', '* '),
      // remark's time grows fast with the depth (200 levels take about a second): the random
      // cases stay shallow, and big-inputs.fuzz.test.ts feeds 200 levels on its own.
      depth: fc.integer({ min: 1, max: 16 }),
    }),
  },
) as fc.Arbitrary<Mutation>;

function pipesOf(s: string): number[] {
  const out: number[] = [];
  for (let i = s.indexOf('|'); i !== -1; i = s.indexOf('|', i + 1)) out.push(i);
  return out;
}

/** Apply one mutation in place. */
export function mutate(doc: Doc, m: Mutation): void {
  const n = doc.lines.length;
  const at = n === 0 ? 0 : ('at' in m ? m.at : 0) % n;
  const set = (s: string) => {
    if (n === 0) {
      doc.lines.push(s);
      doc.eols.push('\n');
    } else doc.lines[at] = s;
  };
  const cur = doc.lines[at] ?? '';
  switch (m.kind) {
    case 'delete':
      doc.lines.splice(at, m.count);
      doc.eols.splice(at, m.count);
      break;
    case 'duplicate':
      if (n === 0) return;
      doc.lines.splice(at, 0, cur);
      doc.eols.splice(at, 0, doc.eols[at] || '\n');
      break;
    case 'swap': {
      if (n === 0) return;
      const j = m.with % n;
      [doc.lines[at], doc.lines[j]] = [doc.lines[j]!, doc.lines[at]!];
      break;
    }
    case 'insert': {
      const i = m.at % (n + 1);
      // Before a line, it ends like that line; after the last one, like the last one did (and
      // the last line then gets a line ending of its own).
      let eol = doc.eols[i] || '\n';
      if (i === n) {
        eol = n > 0 ? doc.eols[n - 1]! : '';
        if (n > 0 && eol === '') doc.eols[n - 1] = '\n';
      }
      doc.lines.splice(i, 0, m.line);
      doc.eols.splice(i, 0, eol);
      break;
    }
    case 'dropPipe': {
      const pipes = pipesOf(cur);
      if (!pipes.length) return;
      const p = pipes[m.which % pipes.length]!;
      set(cur.slice(0, p) + cur.slice(p + 1));
      break;
    }
    case 'addPipe': {
      const p = m.pos % (cur.length + 1);
      set(cur.slice(0, p) + '|' + cur.slice(p));
      break;
    }
    case 'escapePipe': {
      const pipes = pipesOf(cur);
      if (!pipes.length) return;
      const p = pipes[m.which % pipes.length]!;
      set(cur.slice(0, p) + '\\' + cur.slice(p));
      break;
    }
    case 'splice': {
      const p = m.pos % (cur.length + 1);
      set(cur.slice(0, p) + m.insert + cur.slice(p + m.cut));
      break;
    }
    case 'tabs':
      set(cur.replace(/ \| /g, '\t|\t'));
      break;
    case 'indent':
      set(m.by + cur);
      break;
    case 'eol':
      if (n === 0) return;
      // A last line keeps "no line ending" when it has none; `\r\r\n` leaves a lone CR in the line.
      if (doc.eols[at] !== '') doc.eols[at] = m.eol;
      break;
    case 'allCrlf':
      doc.eols = doc.eols.map((e) => (e === '' ? '' : '\r\n'));
      break;
    case 'noFinalEol':
      if (n) doc.eols[n - 1] = '';
      break;
    case 'bom':
      if (n === 0) set('\uFEFF');
      else doc.lines[0] = `\uFEFF${doc.lines[0]!.replace(/^\uFEFF/, '')}`;
      break;
    case 'retitle': {
      const m2 =
        /^(\s*\|?\s*)\[((?:[^\]\\]|\\.)*)\]\(([^)\s]*?arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})[^)\s]*)\)/.exec(
          cur,
        );
      if (!m2) return;
      const title = m.title ?? m2[2]!;
      const link = m.form.replace('ID', m2[4]!);
      set(`${m2[1]}[${title}](${link})${cur.slice(m2[0].length)}`);
      break;
    }
    case 'recell': {
      // Cells split at pipes not escaped (as a table reads them); the row keeps its other cells.
      const parts = cur.split(/(?<!\\)\|/);
      if (parts.length < 3) return;
      const i = 1 + (m.which % (parts.length - 2));
      parts[i] = ` ${m.value} `;
      set(parts.join('|'));
      break;
    }
    case 'nest': {
      // Deeply nested list items or quotes, or a run of brackets, before line `at`.
      const block =
        m.marker === '['
          ? ['['.repeat(m.depth * 8) + ']'.repeat(m.depth * 4) + '(#x)']
          : Array.from({ length: m.depth }, (_, d) =>
              m.marker === '> '
                ? `${'> '.repeat(d + 1)}item ${d}`
                : `${'  '.repeat(d)}${m.marker.trim()} item ${d}`,
            );
      const eol = doc.eols[at] || '\n';
      doc.lines.splice(at, 0, ...block);
      doc.eols.splice(at, 0, ...block.map(() => eol));
      if (n === 0) doc.eols[doc.eols.length - 1] = '';
      break;
    }
  }
  // Only the last line may lack a line ending.
  for (let i = 0; i < doc.eols.length - 1; i += 1) if (doc.eols[i] === '') doc.eols[i] = '\n';
}

// ---------------------------------------------------------------------------------------------
// Documents

/** A slice of a seed file (whole lines), from `from` for `count` lines. */
function slice(text: string, from: number, count: number): Doc {
  const d = docOf(text);
  const start = from % Math.max(1, d.lines.length);
  return { lines: d.lines.slice(start, start + count), eols: d.eols.slice(start, start + count) };
}

const PAPER_HEADERS = HEADERS.filter((h) => !h.includes('Werk'));

/**
 * A small list made of generated lines around a table. With `table`, the table is one (a paper
 * header, a delimiter that fits it, a blank line above); else now and then a header of no paper
 * table, a delimiter that does not fit, or a block right above that swallows it.
 */
const synthetic = (table: boolean): fc.Arbitrary<Doc> =>
  fc
    .tuple(
      fc.array(line, { maxLength: 4 }),
      fc.constantFrom(...(table ? PAPER_HEADERS : HEADERS)),
      fc.oneof(
        {
          weight: 4,
          arbitrary: fc
            .constantFrom(':---', '---', ':---:', '---:', '-')
            .map((cell) => ({ cell, row: null })),
        },
        {
          weight: table ? 0 : 1,
          arbitrary: fc.constantFrom(...DELIMITERS).map((row) => ({ cell: '', row })),
        },
      ),
      fc.array(paperRowLine, { maxLength: 8 }),
      fc.array(line, { maxLength: 4 }),
    )
    .map(([before, header, delim, rows, after]): Doc => {
      const columns = header.split('|').length - 2;
      const delimiter =
        delim.row ?? `| ${Array.from({ length: columns }, () => delim.cell).join(' | ')} |`;
      const lines = [
        '# A list',
        '',
        '## 📝 Explicit',
        '',
        ...before,
        ...(table ? [''] : []),
        header,
        delimiter,
        ...rows,
        '',
        ...after,
      ];
      return { lines, eols: lines.map((_, i) => (i === lines.length - 1 ? '' : '\n')) };
    });

export const baseDoc: fc.Arbitrary<Doc> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(EN, CN).map(docOf) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(EN, CN), fc.nat(), fc.integer({ min: 1, max: 60 }))
      .map(([t, from, count]) => slice(t, from, count)),
  },
  { weight: 8, arbitrary: synthetic(false) },
);

/** Line numbers (0-based) of the seed files' paper table headers. */
const tableHeaders = (text: string): number[] =>
  docOf(text).lines.flatMap((l, i) => (/^\| (?:Paper Title|论文标题) \|/.test(l) ? [i] : []));

/** Like `baseDoc`, but a slice of a seed always starts a little above one of its paper tables. */
export const tableDoc: fc.Arbitrary<Doc> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(EN, CN).map(docOf) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(EN, CN), fc.nat(), fc.nat(10), fc.integer({ min: 2, max: 40 }))
      .map(([t, which, back, count]) => {
        const headers = tableHeaders(t);
        const h = headers[which % headers.length]!;
        const from = Math.max(0, h - back);
        return slice(t, from, h - from + count);
      }),
  },
  { weight: 8, arbitrary: synthetic(true) },
);

export const mutations = (max: number): fc.Arbitrary<Mutation[]> =>
  fc.array(mutation, { maxLength: max });

function mutated(base: fc.Arbitrary<Doc>, max: number): fc.Arbitrary<string> {
  return fc.tuple(base, mutations(max)).map(([doc, ms]) => {
    const d: Doc = { lines: [...doc.lines], eols: [...doc.eols] };
    for (const m of ms) mutate(d, m);
    return textOf(d);
  });
}

/** Fully random text from a Markdown-heavy alphabet (lines of pipes, escapes, HTML, CJK …). */
export const randomMarkdown = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fragment },
      { weight: 2, arbitrary: fc.constantFrom('\n', '\r\n', '\n\n', '| ', ' |', '|---|', '# ') },
      { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'binary' }) },
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(''));

/** A list document: a realistic one, mutated (mostly), or random text. */
export const markdown: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: mutated(baseDoc, 12) },
  { weight: 2, arbitrary: randomMarkdown },
);

/** A realistic list with a few mutations (its tables mostly survive). */
export const lightlyMutated = (max = 6): fc.Arbitrary<string> => mutated(tableDoc, max);

const ROW_KINDS = new Set([
  'retitle',
  'recell',
  'delete',
  'duplicate',
  'swap',
  'dropPipe',
  'escapePipe',
  'splice',
  'tabs',
  'eol',
  'allCrlf',
  'noFinalEol',
  'bom',
]);

/**
 * Mutations for the sync pair: mostly those that change rows (a paper dropped, duplicated,
 * retitled, relinked, a cell rewritten, pipes, line endings), some of any kind (headings, HTML,
 * nesting: the outline then goes to remark, which costs ten times as much per case).
 */
const pairMutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 8, arbitrary: mutation.filter((m) => ROW_KINDS.has(m.kind)) },
  { weight: 1, arbitrary: mutation },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('insert'), at: fc.nat(), line: paperRowLine }),
  },
);

/** A seed file cut before each `## ` heading: [preamble, section 1, section 2, …]. */
function chunks(text: string): string[] {
  return text.split(/(?=^## )/m);
}
const EN_CHUNKS = chunks(EN);
const CN_CHUNKS = chunks(CN);

/**
 * The seed pair: the same sections taken from both files (now and then different ones), then
 * each side mutated on its own (rows dropped, edited, added, line endings changed …).
 */
export const pair: fc.Arbitrary<{ en: string; cn: string }> = fc
  .tuple(
    // Each section kept with probability 1/3 (smaller pairs, more cases per second).
    fc.array(
      fc.nat(2).map((n) => n === 0),
      { minLength: EN_CHUNKS.length, maxLength: EN_CHUNKS.length },
    ),
    fc.option(fc.nat(EN_CHUNKS.length - 1), { freq: 4 }),
    fc.array(pairMutation, { maxLength: 6 }),
    fc.array(pairMutation, { maxLength: 6 }),
  )
  .map(([keep, dropInCn, a, b]) => {
    const pick = (parts: string[], extraDrop: number | null) =>
      parts.filter((_, i) => i === 0 || (keep[i] && i !== extraDrop)).join('');
    const apply = (t: string, ms: Mutation[]) => {
      const d = docOf(t);
      for (const m of ms) mutate(d, m);
      return textOf(d);
    };
    return { en: apply(pick(EN_CHUNKS, null), a), cn: apply(pick(CN_CHUNKS, dropInCn), b) };
  });

// ---------------------------------------------------------------------------------------------
// Row fields (for insertRow / renderPaperRow)

const fieldText = (maxParts: number) =>
  fc.oneof(
    { weight: 3, arbitrary: text(maxParts) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('\n', '\r\n', ' \t ', '\u2028')
        .chain((nl) => text(maxParts).map((t) => t + nl + 'x')),
    },
  );

export const rowFields = fc.record({
  title: fieldText(8),
  url,
  venue: fieldText(3),
  // Tags are read as written between backticks (no unescaping), so a pipe (written `\|` in a
  // table) or a backslash in a tag does not read back as itself; tags never hold them.
  tags: fc.array(
    fieldText(2).map((t) => t.replace(/[|\\]/g, '')),
    { maxLength: 4 },
  ),
  code: fc.option(
    fc.record({
      label: fc.constantFrom('GitHub', 'Code', '代码'),
      url: fc.constantFrom('https://github.com/microsoft/LLMLingua', 'https://huggingface.co/x/y'),
    }),
  ),
  tldr: fieldText(10),
});
