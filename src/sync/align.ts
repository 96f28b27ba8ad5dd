/**
 * README.md and README_CN.md, paper by paper: category sections paired by order, rows matched by
 * paper key. Every drift becomes a finding (lint's shape, sync rule ids) at the row that shows it;
 * missing rows also come back as ready-to-insert lines for the other file.
 */
import {
  arxivYearMonth,
  categorySections,
  fillTemplate,
  findVenue,
  insertRow,
  learnStyle,
  parseList,
  plainItem,
  removeRow,
  renderEntry,
  renderPaperRow,
  templateOf,
  unescapeMarkdown,
  type ColumnRole,
  type EntryFields,
  type ListStyle,
  type PaperList,
  type PaperRow,
  type PaperTable,
  type Section,
  type TextEdit,
} from '../list/index.js';
import { pairLists, pairSections } from './pair-rows.js';

export type SyncSeverity = 'error' | 'warning' | 'info';

export interface SyncFinding {
  file: string;
  ruleId: string;
  severity: SyncSeverity;
  line: number;
  column: number;
  message: string;
}

export interface MissingRow {
  /** The paper's key (arXiv id or title, see paper-key.ts). */
  key: string;
  /** The paper's TL;DR in the source file (to translate). */
  sourceTldr: string;
  /** The file the row is missing from. */
  file: string;
  section: string;
  row: string;
  /** The TL;DR is the other language's text: a translator should look at it. */
  needsTranslation: boolean;
  /** Tags the glossary does not know (kept as they were). */
  unknownTags: string[];
  edit: TextEdit;
  /** The same row with a translated TL;DR. */
  withTldr(tldr: string): MissingRow;
}

export interface SyncResult {
  findings: SyncFinding[];
  missing: MissingRow[];
  /** Cells of the translation copied from the primary file (title, link, venue, code). */
  fieldFixes: TextEdit[];
  /**
   * Rows of the translation to delete (with `primaryDecides`): papers the primary file dropped
   * (see AlignOptions), and copies beyond the number of times it lists a paper.
   */
  removals: RemovedRow[];
  /** Rows of the translation in another section than the primary's: where each one goes. */
  moves: MovedRow[];
}

export interface RemovedRow {
  key: string;
  file: string;
  section: string;
  line: number;
  /**
   * `not-in-primary`: the primary file does not list the paper and lists newer papers the
   * translation lacks (it dropped this one); `extra-copy`: it lists the paper fewer times.
   */
  reason: 'not-in-primary' | 'extra-copy';
  edit: TextEdit;
}

export interface MovedRow {
  key: string;
  file: string;
  /** The row's line and section before the move. */
  fromLine: number;
  fromSection: string;
  /** The section it goes to, and the row written there (cells copied from the primary file). */
  section: string;
  row: string;
  /** Delete the row, then insert it in the other table. */
  edits: TextEdit[];
  /** Its title, link, venue or code link were copied from the primary file too. */
  corrected: boolean;
}

const HAN = /\p{Script=Han}/u;

export { pairSections };

export interface AlignOptions {
  sections?: Readonly<Record<string, string>>;
  checkOrder?: boolean;
  /**
   * The primary file decides how the translation lists the papers both hold (`sync`): a copy
   * more than the primary has is to be deleted from the translation. A paper only the
   * translation lists is missing from the primary file, unless the primary lists a paper the
   * translation lacks that is newer (a later month): then the translation is the older file (an
   * old one restored) and the primary dropped the paper, which is to be deleted too. Without
   * this (the PR check), papers both files list are left alone however many copies each has.
   */
  primaryDecides?: boolean;
  /**
   * Papers only the translation lists that are known to be new there (added to it since the
   * last sync, e.g. by the push being synced): copied into the primary file, never deleted as
   * "dropped" however new the primary's papers are.
   */
  keepTranslationOnly?: ReadonlySet<string>;
  /**
   * The conventions the config pins (`config.style`, undefined values left out): a row written
   * into a file follows that file's style, learned from its entries, with these values winning.
   */
  style?: Partial<ListStyle> | undefined;
}

export function alignLists(
  primary: PaperList,
  translation: PaperList,
  glossary: ReadonlyMap<string, string>,
  exclude?: readonly string[],
  options: AlignOptions = {},
): SyncResult {
  const pairing = pairLists(primary, translation, exclude, options.sections);
  const pairs = pairing.sections;
  const other = new Map<Section, Section>();
  for (const [a, b] of pairs) {
    other.set(a, b);
    other.set(b, a);
  }
  const reverse = new Map([...glossary].map(([en, cn]) => [cn, en]));
  const findings: SyncFinding[] = [];
  const missing: MissingRow[] = [];
  const fieldFixes: TextEdit[] = [];
  const removals: RemovedRow[] = [];
  const moves: MovedRow[] = [];
  const paired = pairing.rows;
  const sectionOf = (list: PaperList, row: PaperRow) => list.tables[row.tableIndex]!.section;
  // Each file's style, learned once and only when a row is written into it.
  const styles = new Map<PaperList, ListStyle>();
  const styleOf = (list: PaperList): ListStyle => {
    let style = styles.get(list);
    if (!style) styles.set(list, (style = { ...learnStyle(list), ...options.style }));
    return style;
  };
  const report = (
    list: PaperList,
    row: PaperRow,
    ruleId: string,
    severity: SyncSeverity,
    message: string,
    column = row.cell.title?.column ?? 1,
  ) => findings.push({ file: list.path, ruleId, severity, line: row.line, column, message });

  // Rows with no copy in the other file: missing there, or (primaryDecides) to delete.
  const inPrimary = pairing.primaryByKey;
  const inTranslation = pairing.translationByKey;
  const categories = categorySections(primary, exclude);
  // The newest paper the primary lists and the translation lacks: the primary moved on since.
  // A paper the translation lacks has every row in primaryOnly (in document order, so its first
  // row comes first): only those rows are looked at, papers in the order inPrimary holds them.
  let newest: { row: PaperRow; month: number } | null = null;
  if (options.primaryDecides) {
    const seen = new Set<string>();
    for (const row of paired.primaryOnly) {
      if (seen.has(row.key)) continue;
      seen.add(row.key);
      if (inTranslation.has(row.key)) continue;
      const month = monthsOf(row)?.earliest;
      if (month !== undefined && (!newest || month > newest.month)) newest = { row, month };
    }
  }
  const dropped = (row: PaperRow) => {
    const latest = monthsOf(row)?.latest;
    return !!newest && latest !== undefined && latest < newest.month;
  };
  // The first paired copy of each paper that has a copy too many in the translation.
  const keptCopy = new Map<string, PaperRow>();
  if (options.primaryDecides) {
    const extra = new Set<string>();
    for (const r of paired.translationOnly) if (inPrimary.has(r.key)) extra.add(r.key);
    if (extra.size)
      for (const [p, t] of paired.pairs)
        if (extra.has(p.key) && !keptCopy.has(p.key)) keptCopy.set(p.key, t);
  }
  const lonely: (readonly [PaperList, PaperList, PaperRow, ReadonlyMap<string, string>])[] = [
    ...paired.primaryOnly.map((r) => [primary, translation, r, glossary] as const),
    ...paired.translationOnly.map((r) => [translation, primary, r, reverse] as const),
  ];
  for (const [from, to, row, translate] of lonely) {
    const section = sectionOf(from, row);
    const target = section ? other.get(section) : undefined;
    if (!target) continue; // not in a category (Surveys), or no counterpart section
    // Without primaryDecides (the PR check), a paper both files list is not missing from
    // either, however many copies each has.
    if (!options.primaryDecides && (from === primary ? inTranslation : inPrimary).has(row.key))
      continue;
    const listed = from === translation ? (inPrimary.get(row.key) ?? []) : [];
    const isDropped = dropped(row) && !options.keepTranslationOnly?.has(row.key);
    if (from === translation && options.primaryDecides && (listed.length || isDropped)) {
      // One copy too many (the primary lists the paper fewer times), or a paper it dropped.
      const kept = keptCopy.get(row.key);
      if (listed.length && kept) {
        report(
          translation,
          row,
          'sync-duplicate',
          'error',
          `Unexpected extra copy of this paper: ${primary.path} lists it ${times(listed.length)} (line ${listed.map((r) => r.line).join(', ')}), ${translation.path} ${times(listed.length + countExtra(paired.translationOnly, row.key))}; expected this copy deleted (line ${kept.line} keeps the paper)`,
        );
      } else {
        report(
          translation,
          row,
          'sync-extra',
          'error',
          `Unexpected paper that ${primary.path} no longer lists: it lists a newer one this file lacks (${primary.path} line ${newest!.row.line}, ${newest!.row.arxiv ? `arXiv ${newest!.row.arxiv.id}` : `"${newest!.row.title ?? ''}"`}), so this file is the older one; expected this row deleted, or the paper added back to ${primary.path} under "${target.text}"`,
        );
      }
      removals.push({
        key: row.key,
        file: translation.path,
        section: section!.text,
        line: row.line,
        reason: listed.length && kept ? 'extra-copy' : 'not-in-primary',
        edit: removeRow(row),
      });
      continue;
    }
    report(
      from,
      row,
      'sync-missing',
      'error',
      `Unexpected paper missing from ${to.path}, expected it there under "${target.text}"`,
    );
    const table = target.tables[0];
    if (table) missing.push(missingRow(from, row, to, target, table, translate, styleOf(to)));
  }

  for (const [p, t] of paired.pairs) {
    const sp = sectionOf(primary, p);
    const st = sectionOf(translation, t);
    const expected = sp ? other.get(sp) : undefined;
    const misplaced = !!(sp && st && expected !== st && categories.has(sp));
    if (misplaced) {
      report(
        translation,
        t,
        'sync-category',
        'error',
        `Unexpected section "${st.text}", expected "${expected?.text ?? '?'}" as in ${primary.path} (line ${p.line})`,
      );
    }
    // Facts come from the primary file: a differing cell is copied over as written there.
    const differing: SharedField[] = [];
    const pc = codeUrl(p);
    const tc = codeUrl(t);
    // Most pairs agree on every field: only a pair that differs somewhere is looked at closely.
    const same4 = p.title === t.title && p.url === t.url && p.venue === t.venue && pc === tc;
    if (!same4)
      for (const [field, a, b] of [
        ['title', p.title, t.title],
        ['link', p.url, t.url],
        ['venue', p.venue, t.venue],
        ['code link', pc, tc],
      ] as const) {
        if (sameText(a, b)) continue;
        differing.push(field);
        report(
          translation,
          t,
          'sync-field',
          'error',
          `Unexpected ${field} \`${b ?? ''}\`, expected \`${a ?? ''}\` as in ${primary.path} (line ${p.line})`,
        );
      }
    // Cells are replaced left to right, whatever the table's column order (copyFields).
    const fixedLine = differing.length ? copyFields(p, t, differing, new Map()) : t.raw;
    const table = misplaced && expected ? expected.tables[0] : undefined;
    if (table && expected) {
      const sourceTable = primary.tables[p.tableIndex]!;
      const at = insertPositions(sourceTable, table)[rowIndex(sourceTable, p)] ?? 0;
      // A list item going into a table (or a row into a list) is written in the target's shape.
      const moved =
        (t.shape === 'item') === (table.kind === 'list')
          ? fixedLine
          : renderNear(
              table,
              at,
              { ...fieldsOf(p, t.tldr ?? p.tldr ?? '', new Map()), tags: t.tags ?? [] },
              styleOf(translation),
              p.key,
            );
      moves.push({
        key: t.key,
        file: translation.path,
        fromLine: t.line,
        fromSection: st!.text,
        section: expected.text,
        row: moved,
        edits: [removeRow(t), insertRow(translation, table, at, moved)],
        corrected: fixedLine !== t.raw,
      });
    } else if (fixedLine !== t.raw)
      fieldFixes.push({ start: t.start, end: t.end, text: fixedLine });
    if (p.tags && t.tags && !sameTags(p.tags, t.tags, glossary)) {
      const expected = p.tags.map((tag) => glossary.get(tag) ?? tag);
      if (expected.join('\u0000') !== t.tags.join('\u0000')) {
        report(
          translation,
          t,
          'sync-tags',
          'warning',
          `Unexpected tags ${t.tags.map((x) => `\`${x}\``).join(', ')}, expected ${expected.map((x) => `\`${x}\``).join(', ')} (the glossary's translation of ${primary.path} line ${p.line})`,
          t.cell.tags?.column ?? 1,
        );
      }
    }
    if (t.tldr && !HAN.test(t.tldr) && translation.path !== primary.path) {
      report(
        translation,
        t,
        'sync-untranslated',
        'warning',
        `Unexpected TL;DR without Chinese, expected a translation of ${primary.path} line ${p.line}`,
        t.cell.tldr?.column ?? 1,
      );
    }
  }
  if (options.checkOrder) {
    // Papers in both tables of a pair should come in the same order.
    for (const [a, b] of pairs) {
      const ta = a.tables[0];
      const tb = b.tables[0];
      if (!ta || !tb) continue;
      const inB = new Set(tb.rows.map((r) => r.key));
      const inA = new Set(ta.rows.map((r) => r.key));
      const orderA = ta.rows.filter((r) => inB.has(r.key)).map((r) => r.key);
      const firstAt = new Map<string, number>();
      orderA.forEach((key, i) => {
        if (!firstAt.has(key)) firstAt.set(key, i);
      });
      tb.rows
        .filter((r) => inA.has(r.key))
        .forEach((row, i) => {
          if (orderA[i] === row.key) return;
          const n = (firstAt.get(row.key) ?? -1) + 1;
          report(
            translation,
            row,
            'sync-order',
            'warning',
            `Unexpected position ${i + 1}, expected ${n} as in ${primary.path} (counting the papers both tables hold)`,
          );
        });
    }
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { findings, missing, fieldFixes, removals, moves };
}

/** Whether `tags` through the glossary are `theirs`, tag for tag (no array made). */
function sameTags(
  tags: readonly string[],
  theirs: readonly string[],
  glossary: ReadonlyMap<string, string>,
): boolean {
  if (tags.length !== theirs.length) return false;
  for (let i = 0; i < tags.length; i += 1)
    if ((glossary.get(tags[i]!) ?? tags[i]) !== theirs[i]) return false;
  return true;
}

/** The months (year * 12 + month - 1) a row's paper may date from: its arXiv id, else its venue. */
function monthsOf(row: PaperRow): { earliest: number; latest: number } | null {
  if (row.arxiv) {
    try {
      const { year, month } = arxivYearMonth(row.arxiv.id);
      return { earliest: year * 12 + month - 1, latest: year * 12 + month - 1 };
    } catch {
      return null;
    }
  }
  const v = row.venueInfo;
  if (v.kind === 'arxiv' && v.month)
    return { earliest: v.year * 12 + v.month - 1, latest: v.year * 12 + v.month - 1 };
  if (v.kind === 'arxiv' || v.kind === 'venue')
    return { earliest: v.year * 12, latest: v.year * 12 + 11 };
  return null;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function countExtra(rows: readonly PaperRow[], key: string): number {
  let n = 0;
  for (const r of rows) if (r.key === key) n += 1;
  return n;
}

/**
 * Cell values that render the same: runs of white space are one space in HTML, and a row copied
 * into the other file is written with single spaces (escapeCell), so `A  B` and `A B` agree.
 */
function sameText(a: string | null, b: string | null): boolean {
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  return a === b || norm(a) === norm(b);
}

function codeUrl(row: PaperRow): string | null {
  return typeof row.code === 'object' && row.code !== null ? row.code.url : null;
}

/** A row's paper as fields for renderEntry: tags through `translate`, the TL;DR given. */
function fieldsOf(
  row: PaperRow,
  tldr: string,
  translate: ReadonlyMap<string, string>,
): EntryFields {
  const fields: EntryFields = {
    title: row.title ?? '',
    url: row.url ?? '',
    venue: row.venue ?? '',
    tags: (row.tags ?? []).map((t) => translate.get(t) ?? t),
    code: typeof row.code === 'object' && row.code !== null ? row.code : null,
    tldr,
  };
  if (row.shape === 'row') {
    const authors = row.cell.authors?.text;
    if (authors) fields.authors = authors;
  }
  return fields;
}

/**
 * Cells of the source row in columns the sync has no role for (`Recom`, `Stars`): the k-th such
 * column of the target gets the k-th of the source, when both tables have as many of them.
 */
function otherCells(source: PaperTable, row: PaperRow, target: PaperTable): Record<string, string> {
  const out: Record<string, string> = {};
  if (source.kind !== 'table' || target.kind !== 'table' || row.shape !== 'row') return out;
  const mine = source.columns.flatMap((c, i) => (c.role === 'other' ? [i] : []));
  const theirs = target.columns.filter((c) => c.role === 'other');
  if (!mine.length || mine.length !== theirs.length) return out;
  const cells = row.cells;
  theirs.forEach((c, k) => {
    const text = cells[mine[k]!]?.text;
    // Plain text as renderPaperRow takes it: its escapes are written again there.
    if (text) out[c.header] = unescapeMarkdown(text);
  });
  return out;
}

/**
 * The source row's links cell (`Resources`, `Links`), when both tables have one such column: the
 * links name no language, and those beside the paper's and the code's (a note, a project page)
 * belong to this paper alone.
 */
function linksCell(source: PaperTable, row: PaperRow, target: PaperTable): string | null {
  if (source.kind !== 'table' || target.kind !== 'table' || row.shape !== 'row') return null;
  const mine = source.columns.flatMap((c, i) => (c.role === 'link' ? [i] : []));
  const theirs = target.columns.filter((c) => c.role === 'link');
  if (mine.length !== 1 || theirs.length !== 1) return null;
  return row.cells[mine[0]!]?.text || null;
}

/**
 * The source's own list item, when the target list would write the paper the same way (the
 * item's shape, filled with the paper's fields, is what the target's shape gives): copied as it
 * is, authors and all, with the insertion point's marker. Null when the shapes differ.
 */
function sameShapeItem(row: PaperRow, rendered: string, fields: EntryFields, style: ListStyle) {
  if (row.shape !== 'item') return null;
  const own = templateOf(row.raw, row);
  if (!own) return null;
  const marker = /^[ \t]*([-*+]|\d{1,9}[.)])/;
  const theirs = marker.exec(rendered)?.[1];
  if (theirs === undefined) return null;
  const mine = fillTemplate(own, fields, style).replace(
    marker,
    (m, k: string) => m.slice(0, m.length - k.length) + theirs,
  );
  if (mine !== rendered) return null;
  return row.raw
    .replace(/\r\n/g, '\n')
    .replace(marker, (m, k: string) => m.slice(0, m.length - k.length) + theirs);
}

function missingRow(
  from: PaperList,
  row: PaperRow,
  to: PaperList,
  target: Section,
  table: PaperTable,
  translate: ReadonlyMap<string, string>,
  style: ListStyle,
): MissingRow {
  const tags = row.tags ?? [];
  const unknownTags = tags.filter((t) => !translate.has(t));
  // Same place as in the source table: after the row that precedes it there, when that row is
  // in the target table too; else at the top (lists are newest first).
  const sourceTable = from.tables[row.tableIndex]!;
  const at = insertPositions(sourceTable, table)[rowIndex(sourceTable, row)] ?? 0;
  const other = otherCells(sourceTable, row, table);
  const links = linksCell(sourceTable, row, table);
  const render = (tldr: string) => {
    const fields = { ...fieldsOf(row, tldr, translate), other, ...(links ? { links } : {}) };
    const rendered = renderNear(table, at, fields, style, row.key);
    return table.kind === 'list'
      ? (sameShapeItem(row, rendered, fields, style) ?? rendered)
      : rendered;
  };
  const make = (tldr: string, needsTranslation: boolean): MissingRow => {
    const line = render(tldr);
    return {
      key: row.key,
      file: to.path,
      section: target.text,
      row: line,
      sourceTldr: row.tldr ?? '',
      needsTranslation,
      unknownTags,
      edit: insertRow(to, table, at, line),
      withTldr: (translated) => make(translated, false),
    };
  };
  // An entry without a TL;DR (a list item) has nothing to translate.
  return make(row.tldr ?? '', (row.tldr ?? '').trim() !== '');
}

/** Rows on either side of an insertion point that renderEntry takes its neighbour from. */
const NEAR = 16;

/**
 * renderEntry with the rows around `at` only (it ranks every row of the table by its distance,
 * which for tens of thousands of missing rows in a table as long took minutes), and only rows
 * whose title and paper link were read: a malformed row is no template for a new one. An entry
 * that would not read back as the same paper (a title whose brackets a template leaves bare) is
 * written plainly instead: a seed-shaped row, or a plain item.
 */
function renderNear(
  table: PaperTable,
  at: number,
  fields: EntryFields,
  style: ListStyle,
  key: string,
): string {
  // A row with its title and link read, and (a table row) every cell between outer pipes.
  const ok = (r: PaperRow) =>
    !!r.title &&
    !!r.url &&
    (r.shape === 'item' ||
      (r.leadingPipe && r.trailingPipe && r.cellCount === table.columns.length));
  const before = table.rows.slice(Math.max(0, at - NEAR), at).filter(ok);
  const after = table.rows.slice(at, at + NEAR).filter(ok);
  const rows = [...before, ...after];
  // Past the last row stays past it (a numbered list's next number).
  const index = at >= table.rows.length ? rows.length : before.length;
  const text = renderEntry(
    { kind: table.kind, columns: table.columns, rows },
    index,
    fields,
    style,
  );
  // Plain words need no check (parsing each entry again doubled the time of a large sync).
  const plain =
    !MARKUP.test(fields.title) && fields.url !== '' && !/[\s()<>[\]\\]/.test(fields.url);
  if (plain || readsBack(table, text, key, fields.title)) return text;
  if (table.kind === 'table') return renderPaperRow(table.columns, fields);
  const marker = /^[ \t]*(?:[-*+]|\d{1,9}[.)])/.exec(text)?.[0] ?? '-';
  return plainItem(marker, fields, style);
}

/** Characters that may mean something to Markdown in a title, and outer or doubled spaces. */
const MARKUP = /[[\]\\`*_<>|!#(){}~&$]|^\s|\s$|\s\s|[\r\n]/;

/** Header words each role is read from (any other word is a column of no role). */
const HEADER_WORD: Record<ColumnRole, string> = {
  title: 'Title',
  venue: 'Venue',
  date: 'Date',
  link: 'Link',
  authors: 'Authors',
  tags: 'Tags',
  code: 'Code',
  tldr: 'TL;DR',
  focus: 'Focus',
  other: 'Other',
};

/** Whether `text`, as an entry of `table`, reads as the paper of `key` with its title. */
function readsBack(table: PaperTable, text: string, key: string, title: string): boolean {
  let doc: string;
  if (table.kind === 'table') {
    const header = table.columns.map(
      (c, i) => `${HEADER_WORD[c.role]}${c.role === 'other' ? i : ''}`,
    );
    doc = `| ${header.join(' | ')} |\n|${' --- |'.repeat(header.length)}\n${text}\n`;
  } else {
    // A nested entry read at the top level (four spaces would make it a code block).
    const lines = text.split('\n');
    const indent = Math.min(
      ...lines.map((l) => (l.trim() === '' ? Infinity : /^ */.exec(l)![0].length)),
    );
    doc = `# L\n\n${lines.map((l) => l.slice(Math.min(indent, l.length))).join('\n')}\n`;
  }
  const rows = parseList(doc).rows;
  return rows.length === 1 && rows[0]!.key === key && sameText(rows[0]!.title, title);
}

const indexes = new WeakMap<PaperTable, Map<number, number>>();

/** The index of `row` in its table's rows (a table's rows are its body lines; a list's, not). */
function rowIndex(table: PaperTable, row: PaperRow): number {
  if (table.kind !== 'list') return row.line - table.bodyFirst;
  let byLine = indexes.get(table);
  if (!byLine) {
    byLine = new Map(table.rows.map((r, i) => [r.line, i]));
    indexes.set(table, byLine);
  }
  return byLine.get(row.line) ?? 0;
}

const positions = new WeakMap<PaperTable, WeakMap<PaperTable, number[]>>();

/**
 * For each row of `source` (by its index), where its copy goes in `target`: after the first row of
 * `target` holding the nearest earlier row's paper, else 0. One pass per pair of tables; searching
 * again for each missing row took minutes for tables of tens of thousands of rows.
 */
function insertPositions(source: PaperTable, target: PaperTable): number[] {
  let byTarget = positions.get(source);
  if (!byTarget) positions.set(source, (byTarget = new WeakMap()));
  let out = byTarget.get(target);
  if (out) return out;
  const first = new Map<string, number>();
  target.rows.forEach((x, i) => {
    if (!first.has(x.key)) first.set(x.key, i);
  });
  out = [];
  let at = 0;
  for (const r of source.rows) {
    out.push(at);
    const i = first.get(r.key);
    if (i !== undefined) at = i + 1;
  }
  byTarget.set(target, out);
  return out;
}

/** `line` (a version of `row`'s line) with one cell replaced; cells are located from the right. */
function replaceCell(
  line: string,
  row: PaperRow,
  role: 'title' | 'venue' | 'code' | 'tags',
  text: string,
): string {
  const cell = row.cell[role];
  if (!cell) return line;
  // Offsets are those of the original line; edits so far only touched other cells, so measure
  // this cell's position from the end of the line, which no edit to its left can move.
  const fromEnd = row.end - cell.end;
  const startFromEnd = row.end - cell.start;
  return line.slice(0, line.length - startFromEnd) + text + line.slice(line.length - fromEnd);
}

/** The facts a row carries that both languages must agree on. */
export type SharedField = 'title' | 'link' | 'venue' | 'code link' | 'tags';

/** A field's value in a row, as compared across the two files (tags through `translate`). */
export function fieldValue(
  row: PaperRow,
  field: SharedField,
  translate: ReadonlyMap<string, string> = new Map(),
): string | null {
  switch (field) {
    case 'title':
      return row.title;
    case 'link':
      return row.url;
    case 'venue':
      return row.venue;
    case 'code link':
      return codeUrl(row);
    case 'tags':
      return row.tags ? row.tags.map((t) => translate.get(t) ?? t).join(', ') : null;
  }
}

/** Whether two values of a field render the same. */
export function sameField(a: string | null, b: string | null): boolean {
  return sameText(a, b);
}

/**
 * `to`'s line with the cells of `fields` taken from `from` (the same paper in the other file):
 * title and link share a cell; tags are translated through `translate` and written in the seed's
 * style. Cells `to` lacks are left alone.
 */
export function copyFields(
  from: PaperRow,
  to: PaperRow,
  fields: readonly SharedField[],
  translate: ReadonlyMap<string, string>,
): string {
  if (to.shape === 'item') return copyItemFields(from, to, fields);
  let line = to.raw;
  const roles = new Set(
    fields.map((f) =>
      f === 'title' || f === 'link'
        ? 'title'
        : f === 'code link'
          ? 'code'
          : f === 'venue'
            ? 'venue'
            : 'tags',
    ),
  );
  // Left to right: replaceCell measures from the line's end, which edits to the left do not move.
  const ordered = [...roles].sort((a, b) => (to.cell[a]?.start ?? 0) - (to.cell[b]?.start ?? 0));
  for (const role of ordered) {
    if (role === 'tags') {
      if (!from.tags || !to.cell.tags) continue;
      const text = from.tags
        .map((t) => `\`${(translate.get(t) ?? t).replace(/`/g, '')}\``)
        .join(', ');
      line = replaceCell(line, to, 'tags', text);
    } else {
      const cell = from.cell[role];
      if (cell) line = replaceCell(line, to, role, cell.text);
    }
  }
  return line;
}

/**
 * A list item with the facts of `fields` taken from `from`: its link, code link, venue and title
 * replaced where the item writes them as read (an item has no cells). What it does not write as
 * read (an escaped title, say) stays; tags: an item has none.
 */
function copyItemFields(from: PaperRow, to: PaperRow, fields: readonly SharedField[]): string {
  let text = to.raw;
  const swap = (a: string | null | undefined, b: string | null | undefined) => {
    if (!a || !b || a === b) return;
    const at = text.indexOf(a);
    if (at !== -1) text = text.slice(0, at) + b + text.slice(at + a.length);
  };
  const want = new Set(fields);
  // Links first (inside parentheses), then the venue and the title in the text.
  if (want.has('link') && from.url) swap(to.paperLink?.url ?? to.url, from.url);
  if (want.has('code link')) swap(codeUrl(to), codeUrl(from));
  if (want.has('venue'))
    swap(
      findVenue(to.raw)?.written,
      from.shape === 'item' ? findVenue(from.raw)?.written : from.venue,
    );
  if (want.has('title')) swap(to.title, from.title);
  return text;
}
