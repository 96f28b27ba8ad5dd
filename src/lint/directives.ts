/**
 * Silencing findings in the file, without breaking its Markdown.
 *
 * In GFM an HTML comment between two table rows ends the table (the rows after it render as text),
 * so a directive for a paper row cannot sit next to the row as ESLint's would. The forms:
 *
 * - `<!-- curator-disable RULE[, RULE…]: KEY[, KEY…] -->` anywhere in a section (above the table
 *   is the documented place): the rules say nothing about the papers named by KEY (an arXiv id
 *   such as `2403.12968`, or a title; quote a title holding a comma) in that section and the
 *   sections under it. Before the first heading it covers the whole file. Without RULE (`<!--
 *   curator-disable: KEY -->`), every rule.
 * - `<!-- curator-disable-next-line [RULE[, RULE…]] -->`: the next line, or the whole list-item
 *   entry that starts there. Not above a table row: there it cuts the table (`table-cut` says so).
 * - `<!-- curator-disable [RULE…] -->` … `<!-- curator-enable [RULE…] -->`: the lines between
 *   (to the end of the file without an enable). Without RULE, every rule.
 *
 * A directive is a whole line; ` -- ` starts a note that is ignored
 * (`<!-- curator-disable arxiv-link: 2403.12968 -- the PDF is the only public version -->`).
 * The config's `ignore:` (rule -> keys) does what the first form does, in every file and section.
 */
import { normaliseTitle, parseArxivRef, type PaperList, type PaperRow } from '../list/index.js';
import type { Finding } from './types.js';

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line';

export interface Directive {
  kind: DirectiveKind;
  line: number;
  /** 1-based column of `<!--`. */
  column: number;
  /** Rules named; empty: every rule. */
  rules: string[];
  /** The papers form (`RULE: KEY, …`): the keys as written; null for the other forms. */
  papers: string[] | null;
  /** Lines the directive covers: the section (papers form) or the next entry (next-line). */
  from: number;
  to: number;
  /** The keyword as written (`disable-line` is read only to be reported). */
  name: string;
  /** Why the directive cannot be used (a malformed one silences nothing). */
  problem?: string;
}

/** The pseudo-rule id of findings about directives (unused, malformed, unknown rule). */
export const DIRECTIVE_RULE_ID = 'disable-directive';

const DIRECTIVE =
  /^( {0,3})<!--[ \t]*curator-(disable-next-line|disable-line|disable|enable)(?=[\s:]|-->)([\s\S]*?)-->[ \t]*$/;

/** Read one line as a directive (null when it is not one). Positions are filled in by the caller. */
export function parseDirective(
  text: string,
): Pick<Directive, 'kind' | 'name' | 'column' | 'rules' | 'papers' | 'problem'> | null {
  const m = DIRECTIVE.exec(text);
  if (!m) return null;
  const column = m[1]!.length + 1;
  const name = m[2]!;
  let body = m[3]!;
  const note = body.search(/\s--\s|\s--$/);
  if (note !== -1) body = body.slice(0, note);
  body = body.trim();
  if (m[2] === 'disable-line')
    return {
      kind: 'disable-next-line',
      name,
      column,
      rules: [],
      papers: null,
      problem:
        'it is not supported: use curator-disable-next-line above the line, or name the paper above its table',
    };
  const kind = m[2] as DirectiveKind;
  const colon = body.indexOf(':');
  const ruleText = colon === -1 ? body : body.slice(0, colon);
  const rules = ruleText
    .split(/[\s,]+/)
    .map((r) => r.trim())
    .filter(Boolean);
  if (colon === -1) return { kind, name, column, rules, papers: null };
  const papers = splitKeys(body.slice(colon + 1));
  if (kind !== 'disable')
    return {
      kind,
      name,
      column,
      rules,
      papers: null,
      problem: `it takes no papers; name papers with curator-disable RULE: KEY`,
    };
  if (papers.length === 0)
    return { kind, name, column, rules, papers, problem: 'no paper named after the colon' };
  return { kind, name, column, rules, papers };
}

/** `2403.12968, "A title, with a comma", Another title` -> the three keys. */
function splitKeys(text: string): string[] {
  const keys: string[] = [];
  const re = /\s*(?:"([^"]*)"|'([^']*)'|([^,]*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < text.length && (m = re.exec(text))) {
    const key = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    if (key) keys.push(key);
    if (m[0] === '') break;
  }
  return keys;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Every directive in the list, in line order (none inside fenced code). */
export function readDirectives(list: PaperList): Directive[] {
  const text = list.text;
  if (!/^ {0,3}<!--[ \t]*curator-/m.test(text)) return [];
  const found: Directive[] = [];
  const lines = list.lines;
  let fence: { char: string; length: number } | null = null;
  // Headings from the outline, for the papers form's section.
  const headings = list.outline.headings;
  for (let n = 1; n <= lines.count; n += 1) {
    const line = text.slice(lines.start(n), lines.end(n));
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1]![0] === fence.char && f[1]!.length >= fence.length && !f[2]!.trim())
        fence = null;
      continue;
    }
    if (f && !(f[1]![0] === '`' && f[2]!.includes('`'))) {
      fence = { char: f[1]![0]!, length: f[1]!.length };
      continue;
    }
    if (!line.includes('curator-')) continue;
    const d = parseDirective(line);
    if (!d) continue;
    let from = n + 1;
    let to = lines.count;
    if (d.kind === 'disable-next-line') {
      // The next line, or the whole entry (a list item with nested lines) that starts there.
      const row = n < lines.count ? list.rowAt(n + 1) : null;
      to = row && row.line === n + 1 ? row.lastLine : n + 1;
    } else if (d.papers) {
      // The section the directive stands in, with its subsections.
      let at = -1;
      for (let i = 0; i < headings.length && headings[i]!.line < n; i += 1) at = i;
      if (at === -1) from = 1;
      else {
        const h = headings[at]!;
        from = h.line;
        const next = headings.find((x, i) => i > at && x.depth <= h.depth);
        to = next ? next.line - 1 : lines.count;
      }
    }
    found.push({ ...d, line: n, from, to });
  }
  return found;
}

/** A key (arXiv id or title) as compared with rows. */
interface Key {
  written: string;
  arxiv: string | null;
  title: string;
}

function keyOf(written: string): Key {
  return { written, arxiv: parseArxivRef(written)?.id ?? null, title: normaliseTitle(written) };
}

function matches(key: Key, row: PaperRow): boolean {
  if (key.arxiv) return row.arxiv?.id === key.arxiv;
  return !!row.title && key.title !== '' && normaliseTitle(row.title) === key.title;
}

/**
 * An arXiv id read from YAML as a number (`2403.10010` without quotes is 2403.1001): the digits
 * after the point are padded back to 5 (4 for ids before 2015).
 */
export function ignoreKey(value: string | number): string {
  if (typeof value === 'string') return value;
  const [yymm, seq = ''] = String(value).split('.');
  if (!/^\d{4}$/.test(yymm!)) return String(value);
  const width = Number(yymm) >= 1501 ? 5 : 4;
  return `${yymm}.${seq.padEnd(width, '0')}`;
}

export interface DirectiveOptions {
  /** The config's `ignore:`: rule id -> keys. */
  ignore?: Readonly<Record<string, readonly (string | number)[]>> | undefined;
  reportUnused?: boolean | undefined;
  /** Rule ids a directive may name. */
  ruleIds: readonly string[];
}

/**
 * Drop the findings that directives and the config's `ignore:` silence; add findings for
 * malformed directives, and with `reportUnused` for directives that silenced nothing.
 */
export function applyDirectives(
  list: PaperList,
  findings: Finding[],
  options: DirectiveOptions,
): Finding[] {
  const directives = readDirectives(list);
  const ignore = Object.entries(options.ignore ?? {})
    .filter(([, keys]) => keys.length > 0)
    .map(([rule, keys]) => [rule, keys.map((k) => keyOf(ignoreKey(k)))] as const);
  if (directives.length === 0 && ignore.length === 0) return findings;

  const extra: Finding[] = [];
  const usable: Directive[] = [];
  const known = new Set(options.ruleIds);
  for (const d of directives) {
    const unknown = d.rules.filter((r) => !known.has(r));
    const problem =
      d.problem ??
      (unknown.length
        ? `unknown rule${unknown.length > 1 ? 's' : ''} ${unknown.map((r) => `\`${r}\``).join(', ')}`
        : undefined);
    if (problem)
      extra.push({
        ruleId: DIRECTIVE_RULE_ID,
        severity: 'warning',
        line: d.line,
        column: d.column,
        message: `Unexpected directive \`curator-${d.name}\`: ${problem}`,
      });
    else usable.push(d);
  }
  const ranges = usable.filter((d) => d.kind !== 'disable-next-line' && !d.papers);
  const nextLine = usable.filter((d) => d.kind === 'disable-next-line');
  const papers = usable.filter((d) => d.papers).map((d) => ({ d, keys: d.papers!.map(keyOf) }));
  // Used (directive, rule, key) triples: `rule` is '' for a directive naming no rule.
  const used = new Set<string>();
  const mark = (d: Directive, rule: string, key = ''): void => {
    used.add(`${d.line}\u0000${d.rules.length ? rule : ''}\u0000${key}`);
  };
  const applies = (d: Directive, rule: string) => d.rules.length === 0 || d.rules.includes(rule);
  const rows = new Map<number, PaperRow | null>();
  const rowAt = (line: number): PaperRow | null => {
    if (!rows.has(line)) rows.set(line, list.rowAt(line));
    return rows.get(line)!;
  };

  const kept = findings.filter((f) => {
    let silenced = false;
    for (const d of nextLine)
      if (applies(d, f.ruleId) && f.line >= d.from && f.line <= d.to) {
        mark(d, f.ruleId);
        silenced = true;
      }
    // Ranges: the last disable or enable above the line that names this rule (or every rule).
    let state: Directive | null = null;
    for (const d of ranges) {
      if (d.line >= f.line) break;
      if (applies(d, f.ruleId)) state = d.kind === 'disable' ? d : null;
    }
    if (state) {
      mark(state, f.ruleId);
      silenced = true;
    }
    const inScope = papers.filter(
      ({ d }) => applies(d, f.ruleId) && f.line >= d.from && f.line <= d.to,
    );
    const ignored = ignore.find(([rule]) => rule === f.ruleId)?.[1];
    if (inScope.length || ignored) {
      const row = rowAt(f.line);
      if (row) {
        for (const { d, keys } of inScope)
          for (const k of keys)
            if (matches(k, row)) {
              mark(d, f.ruleId, k.written);
              silenced = true;
            }
        if (ignored?.some((k) => matches(k, row))) silenced = true;
      }
    }
    return !silenced;
  });

  if (options.reportUnused) {
    for (const d of usable) {
      if (d.kind === 'enable') continue;
      const rules = d.rules.length ? d.rules : [''];
      const keys = d.papers ?? [''];
      const unused: string[] = [];
      for (const r of rules)
        for (const k of keys)
          if (!used.has(`${d.line}\u0000${r}\u0000${k}`))
            unused.push(
              [r ? `\`${r}\`` : 'any rule', k ? `for ${JSON.stringify(k)}` : '']
                .filter(Boolean)
                .join(' '),
            );
      if (unused.length)
        extra.push({
          ruleId: DIRECTIVE_RULE_ID,
          severity: 'warning',
          line: d.line,
          column: d.column,
          message: `Unused curator-${d.kind} directive (no problems were reported from ${unused.join(', ')})`,
        });
    }
  }
  return extra.length ? [...kept, ...extra] : kept;
}
