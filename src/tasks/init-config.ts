/**
 * Use case: `curator init`. Read the list's file(s), learn what the rules would learn (the column
 * roles of each table, the list's style, its categories) and write it out as a commented
 * `.github/curator.yml`, so that a maintainer sees what curator read and can pin it.
 *
 * The style values come from `learnStyle` (the same function the linter uses); the counts in the
 * comments are `countStyle` over every parsed entry (the counting `learnStyle` does on a sample). A value is
 * written as a key (pinned) only when it cannot change a finding today: the list shows enough of
 * it, and both files, when there are two, learn the same value. Otherwise it stays in a comment.
 * The header words written under `columns:` are checked to give every table the roles it has now.
 */
import { TRANSLATION_NAMES } from '../config/index.js';
import { CuratorError } from '../errors.js';
import {
  categorySections,
  columnRoles,
  countStyle,
  DEFAULT_COLUMN_ALIASES,
  learnStyle,
  MIN_EVIDENCE,
  MIN_ORDERED,
  normaliseHeader,
  parseList,
  unescapeMarkdown,
  type StyleCounts,
  type ColumnAliases,
  type ColumnRole,
  type ListStyle,
  type PaperList,
  type PaperTable,
  type StyleEvidence,
} from '../list/index.js';

export interface InitFile {
  path: string;
  text: string;
}

export interface InitConfigInput {
  primary: InitFile;
  translation: InitFile | null;
  /**
   * Why `files.translation` is what it is, for its comment: `given` (on the command line),
   * `named` (by an existing config), `found` (by its usual name), `none-found`, `none-named`.
   */
  translationSource: 'given' | 'named' | 'found' | 'none-found' | 'none-named';
  /** Header words the list is read with (an existing config's `columns`). */
  columns?: ColumnAliases;
  /** `categories.exclude` (an existing config's, else the defaults). */
  exclude: readonly string[];
}

export interface InitConfigResult {
  /** The config file's text. */
  yaml: string;
  /** Entries read per file (a translation with none is still named in `files`). */
  entries: { path: string; entries: number }[];
  /** Things worth saying on stderr (a translation with no entries). */
  notes: string[];
}

type Role = Exclude<ColumnRole, 'other'>;
const ROLES = Object.keys(DEFAULT_COLUMN_ALIASES) as Role[];

// ---------------------------------------------------------------------------------------------
// YAML text

const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** A YAML scalar: plain when that reads back as the same string, else double-quoted (JSON). */
function scalar(value: string | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (/^\p{L}[\p{L}\p{N} ._\-/&]*$/u.test(value) && !/[ .]$/.test(value) && !RESERVED.test(value))
    return value;
  return JSON.stringify(value);
}

/** Any learned value as YAML: a scalar, or JSON (which YAML reads as the same value). */
function yamlValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return scalar(value);
  return JSON.stringify(value);
}

/** Text safe inside a `#` comment: one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${num(n)} ${n === 1 ? word : many}`;
}

// ---------------------------------------------------------------------------------------------
// Counting the style's evidence

function sum(m: Map<unknown, number>): number {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
}

interface FileRead {
  path: string;
  list: PaperList;
  style: ListStyle & { evidence: StyleEvidence };
  /** The learned values by name (conventions this version of init does not know included). */
  values: Record<string, unknown>;
  counts: StyleCounts;
}

/** What one file says about one convention: whether it shows enough of it, and in words. */
interface Said {
  evidence: boolean;
  text: string;
}

function labelWords(label: string): string {
  if (label === '<repo>') return "with the repository's name";
  if (label === '[<repo>]') return "with the repository's name in brackets";
  if (label === '<badge>') return 'with a stars badge';
  return `\`${label}\``;
}

function most(m: Map<string, number>): [string, number] | null {
  let best: [string, number] | null = null;
  for (const [k, n] of m) if (!best || n > best[1]) best = [k, n];
  return best;
}

/**
 * The conventions init counts, in the order written. A key `learnStyle` does not return is
 * skipped; one it returns that is not here is written as a comment, not pinned.
 */
const CONVENTIONS: {
  key: string;
  say(f: FileRead, value: unknown): Said;
}[] = [
  {
    key: 'arxivLink',
    say({ style, counts }) {
      const total = sum(counts.arxiv);
      if (total < MIN_EVIDENCE)
        return {
          evidence: false,
          text: total ? `only ${plural(total, 'arXiv link')}` : 'no arXiv links',
        };
      const n = counts.arxiv.get(style.arxivLink) ?? 0;
      return {
        evidence: true,
        text: `${num(n)} of ${plural(total, 'arXiv link')} open the ${style.arxivLink === 'pdf' ? 'PDF' : 'abstract page'}`,
      };
    },
  },
  {
    key: 'arxivPdfSuffix',
    say({ counts }, value) {
      const total = sum(counts.suffix);
      if (total < MIN_EVIDENCE)
        return {
          evidence: false,
          text: total ? `only ${plural(total, 'PDF link')}` : 'no arXiv PDF links',
        };
      const n = counts.suffix.get(value === true) ?? 0;
      return {
        evidence: true,
        text: `${num(n)} of ${plural(total, 'PDF link')} ${value ? 'end' : 'do not end'} in .pdf`,
      };
    },
  },
  {
    key: 'arxivVersions',
    say({ counts }, value) {
      const total = sum(counts.versions);
      if (total < MIN_EVIDENCE)
        return {
          evidence: false,
          text: total ? `only ${plural(total, 'arXiv link')}` : 'no arXiv links',
        };
      const n = counts.versions.get(value === 'keep' ? 'keep' : 'drop') ?? 0;
      return {
        evidence: true,
        text: `${num(n)} of ${plural(total, 'arXiv link')} name ${value === 'keep' ? 'a version (v2)' : 'no version'}`,
      };
    },
  },
  {
    key: 'codeLabel',
    say({ style, counts }) {
      const total = sum(counts.labels);
      if (total < MIN_EVIDENCE)
        return {
          evidence: false,
          text: total ? `only ${plural(total, 'code link')}` : 'no code links',
        };
      if (style.codeLabel === null) {
        const [label, n] = most(counts.labels)!;
        return {
          evidence: true,
          text: `no label is on half of the ${plural(total, 'code link')} (the most: ${labelWords(label)}, ${num(n)}): labels are not judged`,
        };
      }
      const n = counts.labels.get(style.codeLabel) ?? 0;
      return {
        evidence: true,
        text: `${num(n)} of ${plural(total, 'code link')} are labelled ${labelWords(style.codeLabel)}`,
      };
    },
  },
  {
    key: 'codeNone',
    say({ style, counts }) {
      const total = sum(counts.none);
      if (total < MIN_EVIDENCE)
        return {
          evidence: false,
          text: total
            ? `only ${plural(total, 'entry', 'entries')} without code`
            : 'no code cell says there is no code',
        };
      const n = counts.none.get(style.codeNone) ?? 0;
      return {
        evidence: true,
        text: `${num(n)} of ${plural(total, 'code cell')} without a link ${style.codeNone === '' ? 'are empty' : `hold \`${style.codeNone}\``}`,
      };
    },
  },
  {
    key: 'venue',
    say({ style, counts }) {
      const total = sum(counts.venues);
      if (total < MIN_EVIDENCE)
        return {
          evidence: false,
          text: total ? `only ${plural(total, 'venue cell')}` : 'no venue column',
        };
      const n = counts.venues.get(style.venue) ?? 0;
      return {
        evidence: true,
        text:
          style.venue === 'seed'
            ? `${num(n)} of ${plural(total, 'venue cell')} read VENUE YYYY or arXiv YYYY.MM`
            : `${num(n)} of ${plural(total, 'venue cell')} are free-form or stand next to a date column: venues are not judged`,
      };
    },
  },
  {
    key: 'date',
    say({ style, counts }) {
      const total = sum(counts.dates);
      if (total < MIN_EVIDENCE)
        return {
          evidence: false,
          text: total ? `only ${plural(total, 'date')}` : 'no date column',
        };
      if (style.date === null)
        return {
          evidence: true,
          text: `no shape is on half of the ${plural(total, 'date')}: dates are not judged`,
        };
      const n = counts.dates.get(style.date) ?? 0;
      return {
        evidence: true,
        text: `${num(n)} of ${plural(total, 'date')} are written ${style.date}`,
      };
    },
  },
  {
    key: 'order',
    say({ style, counts }) {
      const ordered = counts.newer + counts.older;
      const pairs = plural(ordered, 'neighbouring pair');
      if (ordered < MIN_ORDERED)
        return {
          evidence: false,
          text: ordered
            ? `only ${pairs} of entries with different dates`
            : 'no neighbouring entries with different dates',
        };
      if (style.order === null)
        return {
          evidence: true,
          text: `of ${pairs} with different dates, ${num(counts.newer)} go newest first and ${num(counts.older)} oldest first: no order is kept`,
        };
      const n = style.order === 'newest-first' ? counts.newer : counts.older;
      return {
        evidence: true,
        text: `${num(n)} of ${pairs} with different dates go ${style.order === 'newest-first' ? 'newest' : 'oldest'} first`,
      };
    },
  },
  {
    key: 'titleLink',
    say({ style, counts }) {
      const total = sum(counts.titles);
      if (total < MIN_EVIDENCE)
        return {
          evidence: false,
          text: total
            ? `only ${plural(total, 'table row')} with a paper link`
            : 'no table rows with a paper link',
        };
      const n = counts.titles.get(style.titleLink) ?? 0;
      return {
        evidence: true,
        text: style.titleLink
          ? `${num(n)} of ${plural(total, 'row')} link the title to the paper`
          : `${num(n)} of ${plural(total, 'row')} keep the paper link outside the title`,
      };
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Columns

/** A header as a config word: without escapes and emphasis marks, spaces collapsed. */
function headerWord(header: string): string {
  return oneLine(unescapeMarkdown(header).replace(/[*_`]/g, ''));
}

const DEFAULT_ROLES_OF = (() => {
  const m = new Map<string, Set<Role>>();
  for (const role of ROLES)
    for (const word of DEFAULT_COLUMN_ALIASES[role] ?? []) {
      const k = normaliseHeader(word);
      if (!m.has(k)) m.set(k, new Set());
      m.get(k)!.add(role);
    }
  return m;
})();

interface TableHeader {
  path: string;
  table: PaperTable;
  /** The header cells as the parser reads them (escapes undone). */
  headers: string[];
  roles: ColumnRole[];
}

function mergeAliases(a: ColumnAliases, b: Map<Role, string[]>): ColumnAliases {
  const out: ColumnAliases = {};
  for (const role of ROLES) {
    const words = [...(a[role] ?? [])];
    for (const w of b.get(role) ?? [])
      if (!words.some((x) => normaliseHeader(x) === normaliseHeader(w))) words.push(w);
    if (words.length) out[role] = words;
  }
  return out;
}

/**
 * The header words per role of the tables whose headers are not all default words, without
 * the words that would change any table's roles (a word such as `Paper`, a title or a link
 * column by its place, is left to the defaults).
 */
function learnColumns(
  tables: readonly TableHeader[],
  base: ColumnAliases,
): { aliases: ColumnAliases; leftOut: string[] } {
  const candidates = new Map<Role, string[]>();
  const leftOut = new Set<string>();
  const seen = new Set<string>();
  for (const t of tables) {
    if (!t.table.isPaperTable) continue;
    const allDefault = t.roles.every(
      (role, i) =>
        role !== 'other' && DEFAULT_ROLES_OF.get(normaliseHeader(t.headers[i]!))?.has(role),
    );
    if (allDefault) continue;
    t.roles.forEach((role, i) => {
      if (role === 'other') return;
      const word = headerWord(t.headers[i]!);
      const key = normaliseHeader(word);
      if (!word || seen.has(`${role}\n${key}`)) return;
      seen.add(`${role}\n${key}`);
      if ((DEFAULT_ROLES_OF.get(key)?.size ?? 0) > 1) {
        leftOut.add(word);
        return;
      }
      candidates.set(role, [...(candidates.get(role) ?? []), word]);
    });
  }
  // Check: with these words every table keeps its roles; drop the words that change one.
  const keyOf = (header: string) => normaliseHeader(headerWord(header));
  const drop = (keys: ReadonlySet<string>): boolean => {
    let dropped = false;
    for (const [role, words] of candidates) {
      const kept = words.filter((w) => !keys.has(normaliseHeader(w)));
      for (const w of words) if (!kept.includes(w)) leftOut.add(w);
      if (kept.length !== words.length) dropped = true;
      candidates.set(role, kept);
    }
    return dropped;
  };
  for (;;) {
    const aliases = mergeAliases(base, candidates);
    const changed = tables.find((t) =>
      columnRoles(t.headers, aliases).some((r, i) => r !== t.roles[i]),
    );
    if (!changed) return { aliases, leftOut: [...leftOut] };
    const roles = columnRoles(changed.headers, aliases);
    const moved = new Set(
      changed.headers.filter((_, i) => roles[i] !== changed.roles[i]).map(keyOf),
    );
    // The words of the columns that moved; else this table's words; else every word.
    if (
      !drop(moved) &&
      !drop(new Set(changed.headers.map(keyOf))) &&
      !drop(new Set([...candidates.values()].flat().map((w) => normaliseHeader(w))))
    )
      return { aliases: { ...base }, leftOut: [...leftOut] };
  }
}

// ---------------------------------------------------------------------------------------------

function readFile(file: InitFile, columns: ColumnAliases): FileRead {
  const list = parseList(file.text, file.path, { columnAliases: columns });
  const style = learnStyle(list);
  const values: Record<string, unknown> = { ...style };
  delete values['evidence'];
  return { path: file.path, list, style, values, counts: countStyle(list, null, true) };
}

function noPapers(file: InitFile, list: PaperList): CuratorError {
  const tables = list.tables.filter((t) => t.kind === 'table');
  const shown = tables
    .slice(0, 3)
    .map((t) => `| ${t.columns.map((c) => c.header).join(' | ')} |`)
    .join(', ');
  const tablesSaid = tables.length
    ? ` (its ${plural(tables.length, 'table')} ${tables.length === 1 ? 'has' : 'have'} no title column: ${shown}${tables.length > 3 ? ', …' : ''})`
    : '';
  return new CuratorError(
    `${file.path}: no papers found, so there is nothing to learn${tablesSaid}`,
    {
      hint: 'Papers are read from Markdown tables with a title column and from list items that link a paper (arXiv, OpenReview, ACL Anthology, DOI, a PDF); name the file that holds the papers (curator init path/to/list.md), or write .github/curator.yml by hand with the title header under columns.title (see docs/config.md)',
    },
  );
}

/** The commented config (see the module comment). Throws when the primary file has no papers. */
export function initConfig(input: InitConfigInput): InitConfigResult {
  const base = input.columns ?? {};
  const primary = readFile(input.primary, base);
  if (primary.list.rows.length === 0) throw noPapers(input.primary, primary.list);
  const translation = input.translation ? readFile(input.translation, base) : null;
  const files = translation ? [primary, translation] : [primary];
  const notes: string[] = [];
  if (translation && translation.list.rows.length === 0)
    notes.push(
      `${translation.path}: no papers found; its style is not learned (the config names it as the translation all the same)`,
    );
  const learning = files.filter((f) => f.list.rows.length > 0);
  const two = files.length > 1;
  const out: string[] = [];
  const line = (text = '') => out.push(text);

  // Header
  const read = files.map((f) => `${f.path} (${plural(f.list.rows.length, 'entry', 'entries')})`);
  line(`# awesome-curator settings, written by \`curator init\` from ${read.join(' and ')}.`);
  line(
    '# Each value below is what curator read or learned from the list: keep it to pin it, change',
  );
  line('# it, or delete it to let curator learn it again on every run. Every key is optional; all');
  line('# of them are described in docs/config.md of awesome-curator.');
  line();

  // files
  line("# The list's files, relative to the repository root.");
  line('files:');
  line(`  primary: ${scalar(input.primary.path)}`);
  const t = input.translation?.path ?? null;
  const names = TRANSLATION_NAMES.slice(0, 2).join(', ');
  const why: Record<InitConfigInput['translationSource'], string> = {
    given: 'as named on the command line',
    named: 'as the previous config named it',
    found: `found by its usual name next to ${input.primary.path}`,
    'none-found': `no ${names} or other usual name next to ${input.primary.path}: one language`,
    'none-named': 'one language, as the previous config said',
  };
  line(`  translation: ${scalar(t)}  # ${why[input.translationSource]}`);
  line();

  // columns
  const headers: TableHeader[] = [];
  for (const f of files)
    for (const table of f.list.tables)
      if (table.kind === 'table') {
        const cells = table.columns.map((c) => unescapeMarkdown(c.header));
        headers.push({
          path: f.path,
          table,
          headers: cells,
          roles: table.columns.map((c) => c.role),
        });
      }
  line('# Columns: the role of each column, read from its header words.');
  for (const f of files) {
    const prefix = two ? `${f.path}: ` : '';
    const shown = new Map<string, number>();
    for (const h of headers) {
      if (h.path !== f.path) continue;
      const head = `| ${h.table.columns.map((c) => oneLine(c.header)).join(' | ')} |`;
      const roles = h.roles.join(', ');
      const key = `${head} -> ${roles}${h.table.isPaperTable ? '' : ' (not a paper table: no title column)'}`;
      shown.set(key, (shown.get(key) ?? 0) + 1);
    }
    for (const [key, n] of shown) line(`#   ${prefix}${key}${n > 1 ? `  (${n} tables)` : ''}`);
    const lists = f.list.tables.filter((x) => x.kind === 'list' && x.isPaperTable);
    if (lists.length) {
      const entries = lists.reduce((n, x) => n + x.entries.length, 0);
      const markers = new Set(
        lists.flatMap((x) => x.entries.map((e) => (/\d/.test(e.marker) ? 'numbered' : 'bullet'))),
      );
      const nested = lists.some((x) => x.entries.some((e) => e.last > e.first));
      line(
        `#   ${prefix}${plural(entries, 'entry', 'entries')} read from ${[...markers].sort().join(' and ')} items (${plural(lists.length, 'list')}), not tables: columns do not apply to them${nested ? "; an entry's nested items belong to it" : ''}`,
      );
    }
    if (!shown.size && !lists.length) line(`#   ${prefix}no tables and no entries`);
  }
  const { aliases, leftOut } = learnColumns(headers, base);
  const roles = ROLES.filter((r) => aliases[r]?.length);
  if (leftOut.length)
    line(
      `# Not listed: ${leftOut.join(', ')} (read by its place in the table: the title column, or the link column next to a title; as a config word it would override that).`,
    );
  if (roles.length) {
    line('# The header words of these tables, per role (add words for other headers):');
    line('columns:');
    for (const role of roles) line(`  ${role}: [${aliases[role]!.map(scalar).join(', ')}]`);
  } else {
    line(
      headers.length
        ? '# Every header above is one curator knows; add words per role for other headers,'
        : '# No tables: no header words to list. Add words per role for tables with other headers,',
    );
    line('# e.g. `title: [Werk]`.');
    line('columns: {}');
  }
  line();

  // style
  const known = new Set(CONVENTIONS.map((c) => c.key));
  const keys = [
    ...CONVENTIONS.filter((c) => c.key in primary.values),
    ...Object.keys(primary.values)
      .filter((k) => !known.has(k))
      .map((key) => ({ key, say: (): Said => ({ evidence: false, text: 'learned' }) })),
  ];
  const decided = keys.map((c) => {
    const said = learning.map((f) => ({
      path: f.path,
      value: f.values[c.key],
      said: c.say(f, f.values[c.key]),
    }));
    const values = new Set(said.map((s) => JSON.stringify(s.value)));
    const texts = said.map((s) => s.said.text);
    const text = !two
      ? texts[0]!
      : said.length > 1 && texts.every((x) => x === texts[0])
        ? `each file: ${texts[0]}`
        : said.map((s) => `${s.path}: ${s.said.text}`).join('; ');
    const agree = values.size === 1;
    const pinned = agree && said.some((s) => s.said.evidence);
    const reason = !agree
      ? `${said.map((s) => `${s.path} learns ${yamlValue(s.value)}`).join(', ')}: each file keeps its own`
      : known.has(c.key)
        ? 'learned again on every run'
        : 'curator init does not count this one; learned again on every run';
    return { key: c.key, value: yamlValue(said[0]!.value), pinned, text, reason };
  });
  line(
    "# The list's conventions, learned from the majority of its entries. A value written here is",
  );
  line('# pinned: entries that differ from it are reported even when they become the majority. A');
  line('# commented line is not pinned (too few entries show it, or the files differ).');
  const sampled = learning.filter((f) => f.style.evidence.sampled);
  for (const f of sampled)
    line(
      `# ${f.path} is long: the values were learned from 20 windows of 100 entries; the counts are over all ${plural(f.style.evidence.entries, 'entry', 'entries')}.`,
    );
  line(decided.some((d) => d.pinned) ? 'style:' : 'style: {}');
  for (const d of decided) {
    if (d.pinned) line(`  ${d.key}: ${d.value}  # ${d.text}`);
    else line(`  # ${d.key}: ${d.value}  # ${d.text} (not pinned: ${d.reason})`);
  }
  line();

  // categories
  line('# Categories: the sections that hold paper entries and whose heading contains none of the');
  line('# exclude words (the classifier places papers among them).');
  for (const f of files) {
    const cats = categorySections(f.list, input.exclude);
    const lowered = input.exclude.map((e) => e.toLowerCase());
    const withEntries = f.list.sections.filter((s) => s.tables.length > 0);
    const count = (tables: readonly PaperTable[]) =>
      plural(
        tables.reduce((n, x) => n + x.rows.length, 0),
        'entry',
        'entries',
      );
    if (f !== primary) {
      line(
        `#   ${f.path}: ${plural(cats.size, 'category', 'categories')} (paired with ${primary.path}'s by curator sync)`,
      );
      continue;
    }
    if (two) line(`#   ${f.path}:`);
    for (const s of withEntries) {
      const name = oneLine(s.text);
      if (cats.has(s)) line(`#   - ${name}: ${count(s.tables)}`);
      else {
        const word = input.exclude[lowered.findIndex((e) => s.text.toLowerCase().includes(e))];
        line(
          `#   - ${name}: ${count(s.tables)}, not a category (excluded by ${JSON.stringify(word)})`,
        );
      }
    }
    const loose = f.list.tables.filter((x) => x.isPaperTable && x.section === null);
    if (loose.length) line(`#   ${count(loose)} before the first heading: in no category`);
    if (!withEntries.length && !loose.length) line('#   (none)');
  }
  line('categories:');
  if (input.exclude.length) {
    line('  exclude:');
    for (const e of input.exclude) line(`    - ${scalar(e)}`);
  } else line('  exclude: []');
  line();

  // rules
  line(
    '# Rules keep their default severities: see docs/rules.md of awesome-curator for each rule.',
  );
  line('# Set one with e.g. `row-order: warning` or `tag-vocabulary: off`.');
  line('rules: {}');

  return {
    yaml: `${out.join('\n')}\n`,
    entries: files.map((f) => ({ path: f.path, entries: f.list.rows.length })),
    notes,
  };
}
