/**
 * Reads the Atom 1.0 feed the arXiv API answers with (arXiv API user manual §3.2–3.4, §5.2).
 *
 * Two traps drive the shape of this file:
 * - errors come back as a *successful-looking* feed with one entry whose id is
 *   `http://arxiv.org/api/errors#…` and whose summary is the message (manual §3.4), so a bad
 *   query must be turned into an error here or it reads as a one-hit search;
 * - anything that is not an Atom feed (an HTML error page from a proxy, a cut-off download) must
 *   fail loudly: an empty result would look like "no new papers" and be believed.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CuratorError } from '../errors.js';
import { splitArxivId } from './split-id.js';

export interface ArxivEntry {
  /** Without version: `2403.12968` or `hep-th/9901001`. */
  id: string;
  /** From the entry id (`…v2` -> 2); null when arXiv sent none. */
  version: number | null;
  title: string;
  abstract: string;
  authors: string[];
  /** When version 1 was submitted (manual §3.3.2.1), as arXiv wrote it. */
  published: string;
  /** When the returned version was submitted, as arXiv wrote it. */
  updated: string;
  primaryCategory: string | null;
  /** Every `<category term>`, arXiv ones and ACM/MSC classes alike (manual §3.3.2.2). */
  categories: string[];
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  /** `https://arxiv.org/abs/<id>`, no version. */
  absUrl: string;
  pdfUrl: string | null;
}

export interface FeedPage {
  /** `opensearch:totalResults`: matches for the whole query, not just this page. */
  total: number;
  /** `opensearch:startIndex` (0-based). */
  start: number;
  /** `opensearch:itemsPerPage`. */
  perPage: number;
  entries: ArxivEntry[];
}

type Node = Record<string, unknown>;

// Paths, not bare names: only these repeat, and a lone one must still come out as an array.
const REPEATED = new Set([
  'feed.entry',
  'feed.entry.author',
  'feed.entry.link',
  'feed.entry.category',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // arXiv always writes `opensearch:`/`arxiv:`, but the namespace, not the prefix, is what Atom
  // promises; no arXiv extension element shares a name with an Atom one, so dropping is safe.
  removeNSPrefix: true,
  // Text stays text: by default a title `007` would come back as 7 and a `1.50` as 1.5.
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (_name, jpath) => typeof jpath === 'string' && REPEATED.has(jpath),
});

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

function notAtom(reason: string, xml: string): CuratorError {
  // An HTML error page says what went wrong in its <title>; otherwise show how the body starts.
  const title = /<feed\b/.test(xml) ? null : /<title[^>]*>([^<]*)<\/title>/i.exec(xml)?.[1];
  const start = collapse(title ?? xml).slice(0, 80);
  return new CuratorError(
    `arXiv sent something that is not an Atom feed (${reason})${start ? `: "${start}"` : ''}`,
    { hint: 'Try again in a few minutes: arXiv, or a proxy in front of it, may be having trouble' },
  );
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of an element, whether the parser gave a string or `{ '#text', @_attrs }`. */
function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isNode(value)) return text(value['#text']) ?? '';
  return null;
}

function optional(value: unknown): string | null {
  const t = text(value);
  return t === null || collapse(t) === '' ? null : collapse(t);
}

function nodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter(isNode) : isNode(value) ? [value] : [];
}

function attr(node: Node, name: string): string | null {
  const value = node[`@_${name}`];
  return typeof value === 'string' ? value : null;
}

function count(feed: Node, name: string, fallback: number | null, xml: string): number {
  const raw = optional(feed[name]);
  if (raw === null && fallback !== null) return fallback;
  const n = Number(raw);
  if (raw === null || !Number.isInteger(n) || n < 0) {
    throw notAtom(`no usable opensearch:${name}`, xml);
  }
  return n;
}

// arXiv has moved between http and https over the years (manual examples show http); callers
// get one spelling so stored links compare equal.
const https = (url: string): string => url.replace(/^http:\/\/arxiv\.org\//, 'https://arxiv.org/');

function readEntry(entry: Node, xml: string): ArxivEntry {
  const rawId = optional(entry['id']) ?? '';
  // Manual §3.3.2.1: the id is the abstract URL; strip it to get the bare identifier.
  const split = splitArxivId(rawId.replace(/^https?:\/\/(?:www\.|export\.)?arxiv\.org\/abs\//, ''));
  if (!split) throw notAtom(`an entry has an id that is not an arXiv abstract URL: ${rawId}`, xml);
  const links = nodes(entry['link']);
  const pdf = links.find((l) => attr(l, 'title') === 'pdf' && attr(l, 'href'));
  const terms = nodes(entry['category'])
    .map((c) => attr(c, 'term'))
    .filter((t): t is string => !!t);
  const primary = nodes(entry['primary_category'])[0];
  return {
    id: split.id,
    version: split.version,
    title: optional(entry['title']) ?? '',
    abstract: optional(entry['summary']) ?? '',
    authors: nodes(entry['author'])
      .map((a) => optional(a['name']))
      .filter((n): n is string => n !== null),
    published: optional(entry['published']) ?? '',
    updated: optional(entry['updated']) ?? '',
    primaryCategory: primary ? attr(primary, 'term') : null,
    categories: [...new Set(terms)],
    comment: optional(entry['comment']),
    journalRef: optional(entry['journal_ref']),
    doi: optional(entry['doi']),
    absUrl: `https://arxiv.org/abs/${split.id}`,
    pdfUrl: pdf ? https(attr(pdf, 'href')!) : null,
  };
}

/** Parse one page of arXiv API results. Throws CuratorError for error feeds and non-feeds. */
export function parseAtomFeed(xml: string): FeedPage {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const where = valid.err.line > 1 ? ` near line ${valid.err.line}` : '';
    throw notAtom(`it is not well-formed XML: cut off, or an HTML page${where}`, xml);
  }
  const doc: unknown = parser.parse(xml);
  const feed = isNode(doc) ? doc['feed'] : undefined;
  if (!isNode(feed)) {
    const root = isNode(doc) ? Object.keys(doc).find((k) => !k.startsWith('?')) : undefined;
    throw notAtom(root ? `its root element is <${root}>` : 'there is no <feed>', xml);
  }
  const entries = nodes(feed['entry']);
  // Manual §3.4: an error is a feed with a single entry whose id points at /api/errors.
  const error = entries.find((e) => /\/api\/errors/.test(optional(e['id']) ?? ''));
  if (error) {
    const message = optional(error['summary']) ?? optional(error['id']) ?? 'unknown error';
    throw new CuratorError(`arXiv rejected the query: ${message}`, {
      hint: 'Check the search terms, categories and ids sent to arXiv',
    });
  }
  return {
    total: count(feed, 'totalResults', null, xml),
    start: count(feed, 'startIndex', 0, xml),
    perPage: count(feed, 'itemsPerPage', entries.length, xml),
    entries: entries.map((e) => readEntry(e, xml)),
  };
}
