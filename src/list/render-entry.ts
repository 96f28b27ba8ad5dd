/**
 * A new entry in the list's own shape. A table row gets the table's columns, in the list's style
 * (its arXiv link form, its code label, its "no code" mark, its date format, a plain title when
 * the list links the paper in another column). A list item is written from a template learned
 * from its neighbours: the entry beside the insertion point, with its title, links, venue, year,
 * authors and code replaced by the new paper's. A neighbour whose text would leave anything of
 * its own paper in the copy (another link, a project page) is not used; when no neighbour fits,
 * a plain item (`- [Title](url) VENUE YEAR [Code](url)`) is written.
 */
import { parseArxivRef } from './arxiv-id.js';
import { findLinks, findVenue, repoPath } from './entry-content.js';
import { escapeCell, escapeLinkText, escapeUrl, renderPaperRow, type RowFields } from './edit.js';
import type { PaperRow, PaperTable } from './parse-list.js';
import { arxivUrlFor, codeLabelFor, SEED_STYLE, type ListStyle } from './style.js';

export interface EntryFields extends RowFields {
  /** Authors as the list writes them (`A, B and C`), when known. */
  authors?: string | undefined;
  /**
   * The paper's own links cell (`[[Paper]](…), [[Code]](…), [[Note]](…)`) when the entry is a
   * copy of a row of a table with such a column: written as it is into the target's links column,
   * not rebuilt from a neighbour's, which would drop the links that only this paper has.
   */
  links?: string | undefined;
}

const PLACEHOLDER =
  /\{\{(title|name|tag|url|venue|year|venueName|code|codeLabel|repoPath|authors|tldr|arxivId)\}\}/g;

/** The paper's URL in the list's arXiv form. */
function paperUrl(style: ListStyle, url: string): string {
  const ref = parseArxivRef(url);
  return ref ? arxivUrlFor(style, ref.id) : url;
}

/** A date in the list's date shape (`9999.99` -> `2024.03`), from the paper's arXiv id or venue year. */
export function formatDate(shape: string | null, fields: RowFields): string {
  const ref = parseArxivRef(fields.url);
  const id = ref && /^\d{4}\./.test(ref.id) ? ref.id : null;
  const year = id
    ? 2000 + Number(id.slice(0, 2))
    : Number(/\b((?:19|20)\d{2})\b/.exec(fields.venue)?.[1] ?? 0);
  const month = id ? id.slice(2, 4) : '01';
  if (!year) return '';
  if (!shape) return String(year);
  let out = '';
  let digits = 0;
  for (const c of shape) {
    if (c !== '9') {
      out += c;
      continue;
    }
    digits += 1;
    out += digits <= 4 ? String(year)[digits - 1] : digits <= 6 ? month[digits - 5] : '0';
  }
  // A day, when the shape has one, is the first of the month.
  return out.replace(/(\d{4}[-./]\d{2}[-./])00$/, '$101');
}

/** Render a table row in the list's style. */
export function renderTableEntry(
  table: Pick<PaperTable, 'columns'>,
  fields: EntryFields,
  style: ListStyle = SEED_STYLE,
  neighbour: PaperRow | null = null,
): string {
  const url = paperUrl(style, fields.url);
  const hasVenue = table.columns.some((c) => c.role === 'venue');
  const hasLink = table.columns.some((c) => c.role === 'link');
  const venue = findVenue(fields.venue);
  const code = fields.code
    ? { label: codeLabelFor(style, fields.code.url) ?? fields.code.label, url: fields.code.url }
    : null;
  // The label of the paper link (`[pdf]`, `Link`) as the neighbour writes it.
  const paperLabel = neighbour?.paperLink?.text ?? 'Paper';
  const cells: (string | null)[] = table.columns.map((col) => {
    switch (col.role) {
      case 'title':
        return !style.titleLink && hasLink
          ? escapeCell(fields.title).replace(/[[\]\\*_`<>]/g, '\\$&')
          : null;
      case 'link':
        return `[${paperLabel.startsWith('![') ? paperLabel : escapeLinkText(paperLabel.replace(/^\[(.*)\]$/, '[$1]'))}](${escapeUrl(url)})`;
      case 'venue':
        // Beside a date column the venue cell names the venue only (`ICLR`, `arXiv`).
        return table.columns.some((c) => c.role === 'date') ? (venue?.name ?? '') : null;
      case 'date':
        return hasVenue
          ? formatDate(style.date ?? '9999', fields)
          : formatDate(style.date, fields) || fields.venue;
      case 'code':
        return code ? `[${escapeLinkText(code.label)}](${escapeUrl(code.url)})` : style.codeNone;
      case 'authors':
        return fields.authors ?? '';
      default:
        return null;
    }
  });
  // Cells that carry more than the bare value in the neighbour (`**Title** <br> authors <br>
  // badge`, `[[pdf]](…)`, a stars badge) are written from the neighbour's cell as a template.
  if (neighbour && neighbour.shape === 'row') {
    const theirs = neighbour.cells;
    table.columns.forEach((col, i) => {
      const datedVenue = col.role === 'date' && findVenue(theirs[i]?.text ?? '', []) !== null;
      if (col.role !== 'title' && col.role !== 'link' && col.role !== 'code' && !datedVenue) return;
      if (col.role === 'code' && !fields.code) return;
      const text = theirs[i]?.text;
      if (!text) return;
      const template = templateOf(text, neighbour);
      if (template && template !== text) cells[i] = fillTemplate(template, fields, style);
    });
  }
  if (fields.links !== undefined) {
    const links = table.columns.flatMap((c, i) => (c.role === 'link' ? [i] : []));
    if (links.length === 1) cells[links[0]!] = fields.links;
  }
  const base = renderPaperRow(table.columns, { ...fields, url, code });
  const parts = base.slice(2, -2).split(' | ');
  const out =
    parts.length !== cells.length
      ? parts
      : parts.map((p, i) =>
          cells[i] === null || cells[i] === undefined ? p : escapeCell(cells[i]!),
        );
  // The neighbour's pipes: `|a|b|` rows get compact pipes, `| a | b |` rows spaced ones.
  if (neighbour && /^\|[^ |]/.test(neighbour.raw) && /[^ |]\|$/.test(neighbour.raw))
    return `|${out.join('|')}|`;
  return `| ${out.join(' | ')} |`;
}

/**
 * A template from an entry's text (a list item, or one cell of a table row): the entry's own
 * paper data replaced by placeholders. Null when something of that paper would stay in the copy
 * (a link that is not the paper's or the code's, a name, its arXiv id).
 */
export function templateOf(text: string, neighbour: PaperRow): string | null {
  let t = text.replace(/\r\n/g, '\n');
  const put = (from: string, to: string): boolean => {
    if (from === '' || !t.includes(from)) return false;
    t = t.split(from).join(to);
    return true;
  };
  if (!neighbour.title) return null;
  if (neighbour.url) put(neighbour.url, '{{url}}');
  if (neighbour.arxiv) put(neighbour.arxiv.id, '{{arxivId}}');
  // Code before the title: a title's short name is often the repository's name too.
  const code = typeof neighbour.code === 'object' && neighbour.code ? neighbour.code : null;
  if (code) {
    const repo = repoPath(code.url);
    put(code.url, '{{code}}');
    if (repo) put(repo, '{{repoPath}}');
    // The code link's label: the list's label for the new code (a stars badge stays a badge).
    if (!code.label.trim().startsWith('!['))
      put(`[${code.label}]({{code}})`, '[{{codeLabel}}]({{code}})');
  }
  put(neighbour.title, '{{title}}');
  // A short name standing apart from the title (`- **LLMLingua**` above `Paper: [LLMLingua: …]`).
  const name = /^([^:：]{2,40})[:：]/.exec(neighbour.title)?.[1]?.trim();
  if (name) put(name, '{{name}}');
  // A bracketed short name before the title (`[**H2O**] H2O: …`), whatever it says.
  t = t.replace(/\[(\*\*|__)?([^\]{}]{1,40}?)\1\](?=\s*\{\{title\}\})/, '[$1{{tag}}$1]');
  // The neighbour's summary and authors, where the entry writes them.
  if (neighbour.tldr && neighbour.tldr.length >= 8) put(neighbour.tldr, '{{tldr}}');
  if (neighbour.authors && neighbour.authors.length >= 3) put(neighbour.authors, '{{authors}}');
  const venue = findVenue(t, findLinks(t));
  if (venue) {
    if (venue.badge)
      put(
        venue.written,
        venue.written
          .replace(venue.name.replace(/ /g, '_'), '{{venueName}}')
          .replace(String(venue.year), '{{year}}'),
      );
    else {
      // As the neighbour writes it: `ICLR 2024`, `SOSP2023`, `(ICML 2026)`, `arXiv 2024.03`.
      const w = venue.written.replace(/\s+(?:Findings|Oral|Spotlight|Workshop|Poster)$/i, '');
      const form = w
        .replace(
          new RegExp(venue.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'),
          '{{venueName}}',
        )
        .replace(
          /((?:19|20)\d{2}|'\d{2}|(?<=[ '’-])\d{2})(?:([.\-/])\d{1,2})?/,
          (_m, _y, sep?: string) => (sep ? `{{year}}${sep}{{month}}` : '{{year}}'),
        );
      put(w, form.includes('{{venueName}}') && form.includes('{{year}}') ? form : '{{venue}}');
    }
  }
  // A rating in front of the title (`🔥🔥[**H2O**] …`) is the neighbour's, not the new paper's.
  t = t.replace(
    /(?:\p{Extended_Pictographic}\uFE0F?)+(?=\s*(?:\[(?:\*\*|__)?\{\{(?:name|tag)\}\}|\{\{title\}\}))/gu,
    '',
  );
  // Authors: an italic run after the title (`*A, B.*`), or a `<br>` part of a title cell.
  t = t.replace(
    /(\{\{title\}\}[^\n]*?\)\s+)\*([^*\n]{3,}?)(\.?)\*(?!\*)/,
    (_m, before: string, _a, dot: string) => `${before}*{{authors}}${dot}*`,
  );
  if (t.includes('<br')) {
    t = t
      .split(/(<br\s*\/?>)/i)
      .map((part, i) =>
        i % 2 === 0 && part.trim() !== '' && !part.includes('{{') && !part.includes('](')
          ? part.replace(/^(\s*)(.*?)(\s*)$/, '$1{{authors}}$3')
          : part,
      )
      .join('');
  }
  // The neighbour's year outside links (`(2023)` after the authors) is the new paper's year.
  if (neighbour.year !== null) {
    const keep = findLinks(t);
    let out = '';
    let at = 0;
    for (const l of keep) {
      out += t
        .slice(at, l.start)
        .replace(new RegExp(`(?<![\\d{])${neighbour.year}(?![\\d}])`, 'g'), '{{year}}');
      out += t.slice(l.start, l.end);
      at = l.end;
    }
    t =
      out +
      t.slice(at).replace(new RegExp(`(?<![\\d{])${neighbour.year}(?![\\d}])`, 'g'), '{{year}}');
  }
  // Links of the neighbour's own (a note, a project page) are dropped with their separator: only
  // the paper's and the code's links, and images, are copied.
  for (const l of findLinks(t).reverse()) {
    if (l.image || l.url === '' || /^\{\{(?:url|code)\}\}$/.test(l.url)) continue;
    const before = /[ \t]*[,，;；|/·]?[ \t]*$/.exec(t.slice(0, l.start))![0];
    t = t.slice(0, l.start - before.length) + t.slice(l.end);
  }
  // A line left with a label only (`  - Notes:`) goes too.
  t = t
    .split('\n')
    .filter(
      (line, i) =>
        i === 0 ||
        /[^\s\-*+:：]/.test(
          line.replace(/^[ \t]*(?:[-*+]|\d+[.)])?[ \t]*[^:：]{0,20}[:：]?/, ''),
        ) ||
        !/[:：]/.test(line),
    )
    .join('\n');
  if (neighbour.arxiv && t.includes(neighbour.arxiv.id)) return null;
  // The first line must say something of the new paper (else it names the neighbour's).
  if (!t.split('\n')[0]!.includes('{{')) return null;
  return t;
}

/** Text for inline Markdown: what would end a link's text or open emphasis or HTML is escaped. */
function inline(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[[\]\\*`<]/g, '\\$&');
}

/** Fill a template; parts about code (or authors) are dropped when the paper has none. */
export function fillTemplate(template: string, fields: EntryFields, style: ListStyle): string {
  const url = paperUrl(style, fields.url);
  const ref = parseArxivRef(url);
  const venue = findVenue(fields.venue);
  const code = fields.code;
  let t = template;
  if (!code) {
    // Drop lines that only hold the code (`  - Code: …`), then code links and badges in a line.
    t = t
      .split('\n')
      .filter((line, i) => i === 0 || !/\{\{(?:code|repoPath)\}\}/.test(line))
      .join('\n')
      .replace(/\s*\[(?:[^[\]]|\[[^\]]*\]|!\[[^\]]*\]\([^)]*\))*\]\(\{\{code\}\}\)/g, '')
      .replace(/\s*!\[[^\]]*\]\([^)]*\{\{repoPath\}\}[^)]*\)/g, '');
  }
  if (!fields.authors)
    t = t
      .replace(/\s*\*\{\{authors\}\}\.?\*/g, '')
      .replace(/\{\{authors\}\}\s*<br\s*\/?>\s*/gi, '');
  if (!venue)
    t = t
      .replace(/\s*\(?\{\{venue\}\}\)?\.?/g, '')
      .replace(/\s*\(?\{\{venueName\}\}[ '’-]?\{\{year\}\}(?:[.\-/]\{\{month\}\})?\)?\.?/g, '');
  // A month the new paper has (from its arXiv id or venue), else the year alone.
  const month =
    venue?.month ?? (ref && /^\d{4}\./.test(ref.id) ? Number(ref.id.slice(2, 4)) : null);
  if (month === null) t = t.replace(/[.\-/]\{\{month\}\}/g, '');
  // A part the new paper has nothing for (authors, a summary) goes with its line or its slot.
  for (const [slot, has] of [
    ['authors', !!fields.authors],
    ['tldr', !!fields.tldr],
  ] as const) {
    if (has) continue;
    t = t
      .split('\n')
      .filter((line, i) => i === 0 || !line.includes(`{{${slot}}}`))
      .join('\n');
  }
  // A bracketed short name is written only when the title has one (`Name: …`).
  const shortName = /^([^:：]{2,40})[:：]/.exec(fields.title)?.[1]?.trim() ?? null;
  if (!shortName) t = t.replace(/\[(?:\*\*|__)?\{\{tag\}\}(?:\*\*|__)?\]\s*/g, '');
  // A `<br>` left at either end of a cell or twice in a row by a dropped part goes too.
  t = t
    .replace(/(<br\s*\/?>\s*){2,}/gi, '$1')
    .replace(/^\s*<br\s*\/?>\s*/i, '')
    .replace(/\s*<br\s*\/?>\s*$/i, '');
  const label = code ? (codeLabelFor(style, code.url) ?? code.label) : '';
  const repo = code ? (repoPath(code.url) ?? '') : '';
  const name = shortName ?? fields.title;
  const year =
    venue?.year ?? (ref && /^\d{4}\./.test(ref.id) ? 2000 + Number(ref.id.slice(0, 2)) : null);
  const values: Record<string, string> = {
    // Characters that would end a link's text or open emphasis are escaped (read back as text).
    title: inline(fields.title),
    name: inline(name),
    url: escapeUrl(url),
    venue: venue ? `${venue.name} ${venue.year}` : fields.venue,
    venueName: venue ? venue.name.replace(/ /g, '_') : '',
    year: year !== null ? String(year) : '',
    tag: inline(shortName ?? ''),
    month: month !== null ? String(month).padStart(2, '0') : '',
    code: code ? escapeUrl(code.url) : '',
    codeLabel: label,
    repoPath: repo,
    authors: fields.authors ?? '',
    tldr: fields.tldr,
    arxivId: ref?.id ?? '',
  };
  return t.replace(PLACEHOLDER, (_m, k: string) => values[k] ?? '').replace(/[ \t]+$/gm, '');
}

/** The plain item written when no neighbour gives a template. */
export function plainItem(marker: string, fields: EntryFields, style: ListStyle): string {
  const url = paperUrl(style, fields.url);
  const code = fields.code
    ? ` [${escapeLinkText(codeLabelFor(style, fields.code.url) ?? 'Code')}](${escapeUrl(fields.code.url)})`
    : '';
  const venue = fields.venue ? ` ${fields.venue}` : '';
  return `${marker} [${escapeLinkText(fields.title)}](${escapeUrl(url)})${venue}${code}`;
}

/**
 * A new entry for `table` (its rows read), to stand before the entry at `index` (or last): a
 * table row, or a list item shaped like its neighbours.
 */
export function renderEntry(
  table: Pick<PaperTable, 'kind' | 'columns' | 'rows'>,
  index: number,
  fields: EntryFields,
  style: ListStyle = SEED_STYLE,
): string {
  const near = table.rows[Math.min(index, table.rows.length - 1)] ?? null;
  if (table.kind === 'table') {
    // The nearest row with code when the new paper has code (its code cell is a template too).
    const rows = [...table.rows]
      .map((r, i) => ({ r, d: Math.abs(i - index) }))
      .sort((a, b) => a.d - b.d)
      .map((x) => x.r);
    const hasCode = (r: PaperRow) => typeof r.code === 'object' && r.code !== null;
    const neighbour = rows.find((r) => hasCode(r) === !!fields.code) ?? rows[0] ?? null;
    return renderTableEntry(table, fields, style, neighbour);
  }
  // Neighbours nearest the insertion point first; one whose code matches the new paper's first.
  const order = [...table.rows]
    .map((r, i) => ({ r, d: Math.abs(i - index) }))
    .sort((a, b) => a.d - b.d)
    .map((x) => x.r);
  const hasCode = (r: PaperRow) => typeof r.code === 'object' && r.code !== null;
  const ranked = [
    ...order.filter((r) => hasCode(r) === !!fields.code),
    ...order.filter((r) => hasCode(r) !== !!fields.code),
  ];
  const marker = markerFor(near, index, table.rows.length);
  for (const r of ranked) {
    const template = templateOf(r.raw, r);
    if (!template) continue;
    const filled = fillTemplate(template, fields, style);
    // The template's own marker and indentation give way to the insertion point's.
    return filled.replace(
      /^([ \t]*)(?:[-*+]|\d{1,9}[.)])/,
      (_m, indent: string) => `${indent}${marker}`,
    );
  }
  return plainItem(marker, fields, style);
}

function markerFor(near: PaperRow | null, index: number, count: number): string {
  const m = near ? /^[ \t]*([-*+]|\d{1,9}[.)])/.exec(near.raw) : null;
  if (!m) return '-';
  const numbered = /^(\d+)([.)])$/.exec(m[1]!);
  if (!numbered) return m[1]!;
  // Before an entry: its number (Markdown renumbers); after the last: one more.
  return index >= count ? `${Number(numbered[1]) + 1}${numbered[2]}` : m[1]!;
}
