/**
 * Reading a paper entry by its content, whatever its shape: the links it holds (which one is the
 * paper, which one the code), a venue written as text or as a badge, a title that is plain text.
 * Used for list items (bullets, numbered entries) and for table cells that are not in the seed's
 * shape (`[[pdf]](…)` in a Paper column, badges in a Links column, `**Title** <br> authors`).
 */
import { unescapeMarkdown } from './inline.js';

export interface FoundLink {
  /** The link text as written between the outer brackets (`[pdf]`, `![stars](…)`, `Title`). */
  text: string;
  url: string;
  /** Offsets of the whole `[text](url)` in the searched string. */
  start: number;
  end: number;
  /** The link is an image (`![alt](src)`), not a link. */
  image: boolean;
}

// `[text](url)` where text may hold one level of brackets (`[[pdf]](…)`, `[![alt](src)](…)`).
const LINK =
  /(!?)\[((?:[^[\]\\]|\\.|\[(?:[^[\]\\]|\\.)*\])*)\]\(\s*<?([^\s<>()]*(?:\([^\s<>()]*\)[^\s<>()]*)*)>?(?:\s+"[^"]*")?\s*\)/g;

/** Every link and image in `text`, outer links only (an image inside a link is its text). */
export function findLinks(text: string): FoundLink[] {
  if (!text.includes('](')) return [];
  const out: FoundLink[] = [];
  LINK.lastIndex = 0;
  for (let m = LINK.exec(text); m; m = LINK.exec(text)) {
    out.push({
      text: m[2]!,
      url: m[3]!,
      start: m.index,
      end: m.index + m[0].length,
      image: m[1] === '!',
    });
  }
  return out;
}

const PAPER_URL =
  /^https?:\/\/(?:www\.|export\.)?(?:arxiv\.org\/(?:abs|pdf|html)\/|openreview\.net\/(?:forum|pdf)\?|aclanthology\.org\/|(?:dx\.)?doi\.org\/|dl\.acm\.org\/doi\/|papers\.nips\.cc\/|proceedings\.neurips\.cc\/|proceedings\.mlr\.press\/|ieeexplore\.ieee\.org\/|openaccess\.thecvf\.com\/|huggingface\.co\/papers\/|(?:www\.)?semanticscholar\.org\/paper\/|ojs\.aaai\.org\/|www\.ijcai\.org\/proceedings\/|link\.springer\.com\/|www\.jmlr\.org\/papers\/|jmlr\.org\/papers\/|arxiv\.org\/abs\/)/i;
const PDF_URL = /^https?:\/\/[^\s]+\.pdf(?:$|[?#])/i;
const CODE_HOST =
  /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org|huggingface\.co)\//i;
const CODE_LABEL =
  /^\[?\s*(?:code|github|gitlab|repo|repository|project|official code|代码|源码)\s*\]?$/i;
const GENERIC_LABEL =
  /^(?:\[?\s*(?:paper|pdf|arxiv|abs|link|url|html|openreview|acl|doi|preprint|论文|链接)\s*\]?|)$/i;

export function isPaperUrl(url: string): boolean {
  return PAPER_URL.test(url) || PDF_URL.test(url);
}

/** `owner/repo` of a code link (`https://github.com/owner/repo/…`), or null. */
export function repoPath(url: string): string | null {
  return /^https?:\/\/[^/]+\/([^/]+\/[^/?#]+)/.exec(url)?.[1]?.replace(/\.git$/, '') ?? null;
}

export function isCodeUrl(url: string): boolean {
  return CODE_HOST.test(url) && !/^https?:\/\/(?:www\.)?huggingface\.co\/papers\//i.test(url);
}

/** The visible label of a link: an image's alt text, without brackets and emphasis. */
export function linkLabel(text: string): string {
  const image = /^!\[([^\]]*)\]\([^)]*\)$/.exec(text.trim());
  return cleanTitle(image ? image[1]! : text);
}

/** Whether a link text names a paper (a title) rather than being a label like `[pdf]`. */
export function isTitleText(text: string): boolean {
  const t = text.trim();
  if (t.startsWith('![')) return false;
  const label = cleanTitle(t);
  if (label.length <= 3 || GENERIC_LABEL.test(label) || GENERIC_LABEL.test(t)) return false;
  // An identifier, an address or a venue is a label too (`arXiv:2309.06180`, `SOSP 2023`).
  if (
    /^(?:arxiv|doi|openreview)\s*[:：]|^https?:\/\/|^\d{4}\.\d{4,5}(?:v\d+)?$|^10\.\d{4,}\//i.test(
      label,
    )
  )
    return false;
  const venue = findVenue(label, []);
  return !(venue && venue.written.length >= label.replace(/[()（）]/g, '').trim().length - 1);
}

/** Remove emphasis, outer brackets, a list label (`Paper:`) and a final period from a title. */
export function cleanTitle(text: string): string {
  let t = unescapeMarkdown(text.replace(/(?<!\\)<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  for (let i = 0; i < 3; i += 1) {
    const before = t;
    t = t
      .replace(/^(\*\*|__|\*|_|`)(.+)\1$/, '$2')
      .replace(/^\[(.+)\]$/, '$1')
      .replace(/^["“](.+)["”]$/, '$1')
      .trim();
    if (t === before) break;
  }
  return t
    .replace(/^(?:paper|title|论文)\s*[:：]\s*/i, '')
    .replace(/[.。]$/, '')
    .trim();
}

/**
 * A plain-text title as lists decorate it: leading emoji (`🔥🔥`) and a bracketed short name
 * (`[**H2O**] H2O: Heavy-Hitter …`) are not part of the paper's title.
 */
export function cleanPlainTitle(text: string): string {
  return cleanTitle(text)
    .replace(/^(?:\p{Extended_Pictographic}|\uFE0F|\s)+/u, '')
    .replace(/^\[(?:\*\*|__)?([^\]]{1,40}?)(?:\*\*|__)?\]\s+(?=\S)/, '')
    .trim();
}

export interface LinkRole {
  paper: FoundLink | null;
  code: FoundLink | null;
}

/** The paper link and the code link among `links` (the first of each kind). */
export function classifyLinks(links: readonly FoundLink[]): LinkRole {
  let paper: FoundLink | null = null;
  let code: FoundLink | null = null;
  for (const l of links) {
    if (l.image) continue;
    if (!paper && isPaperUrl(l.url)) paper = l;
    else if (!code && (isCodeUrl(l.url) || (CODE_LABEL.test(linkLabel(l.text)) && l.url !== '')))
      code = l;
  }
  return { paper, code };
}

const VENUES = [
  'NeurIPS',
  'NIPS',
  'ICML',
  'ICLR',
  'ACL',
  'EMNLP',
  'NAACL',
  'EACL',
  'AACL',
  'COLING',
  'COLM',
  'CoLM',
  'AAAI',
  'IJCAI',
  'CVPR',
  'ICCV',
  'ECCV',
  'KDD',
  'WWW',
  'SIGIR',
  'SIGMOD',
  'VLDB',
  'TACL',
  'TMLR',
  'JMLR',
  'TPAMI',
  'MLSys',
  'OSDI',
  'SOSP',
  'EuroSys',
  'ASPLOS',
  'ISCA',
  'MICRO',
  'HPCA',
  'DAC',
  'ATC',
  'NSDI',
  'SC',
  'WSDM',
  'CIKM',
  'ICDE',
  'LREC',
  'Interspeech',
  'ICASSP',
  'arXiv',
];
const VENUE_TEXT = new RegExp(
  String.raw`(?<![\w/.-])(${VENUES.join('|')})(?:[ '’-]|\s*\(?)?((?:19|20)\d{2}|'\d{2}|(?<=[ '’-])\d{2})(?:[.\-/](\d{1,2}))?(?![\w])(?:\s+(Findings|Oral|Spotlight|Workshop|Poster))?`,
  'i',
);
/** Venue names as lists usually write them, whatever case the entry used (`Arxiv2023`). */
const VENUE_NAME = new Map(VENUES.filter((v) => v !== 'CoLM').map((v) => [v.toLowerCase(), v]));
const BADGE =
  /img\.shields\.io\/badge\/([A-Za-z][A-Za-z0-9 %_]*?)-((?:19|20)\d{2})(?:[.\-_](\d{1,2}))?-/i;

export interface FoundVenue {
  /** `ICLR 2024`, `arXiv 2024`, as the list would write it in the seed's form. */
  venue: string;
  name: string;
  year: number;
  month: number | null;
  /** The venue as written in the entry (for style: `ICLR 2024`, `ICLR'24`, a badge). */
  written: string;
  badge: boolean;
}

function fullYear(y: string): number {
  const digits = y.replace(/^'/, '');
  return digits.length === 2 ? 2000 + Number(digits) : Number(digits);
}

/**
 * A venue and year in the text of an entry (`ICLR 2024`, `(ICML 2026)`, `EMNLP'23`), else in a
 * badge (`img.shields.io/badge/ICLR-2024-blue`). Link destinations are not searched (an arXiv
 * URL holds no venue), badges are.
 */
export function findVenue(
  text: string,
  links: readonly FoundLink[] = findLinks(text),
): FoundVenue | null {
  let plain = text;
  for (let i = links.length - 1; i >= 0; i -= 1) {
    const l = links[i]!;
    // Keep the link text (a title may say "ICLR 2024" rarely; a label never does).
    plain = plain.slice(0, l.start) + ' '.repeat(l.end - l.start) + plain.slice(l.end);
  }
  const m = VENUE_TEXT.exec(plain);
  if (m) {
    // As written when it is a known spelling (`CoLM`), else the usual one (`Arxiv` -> `arXiv`).
    const name = VENUES.includes(m[1]!) ? m[1]! : (VENUE_NAME.get(m[1]!.toLowerCase()) ?? m[1]!);
    const year = fullYear(m[2]!);
    const month = m[3] === undefined ? null : Number(m[3]);
    const qualifier = m[4] ? ` ${m[4]}` : '';
    return {
      venue: `${name} ${year}${qualifier}`,
      name,
      year,
      month,
      written: m[0].trim(),
      badge: false,
    };
  }
  const b = BADGE.exec(text);
  if (b) {
    const name = decodeURIComponent(b[1]!.replace(/_/g, ' ')).trim();
    const year = Number(b[2]);
    return {
      venue: `${name} ${year}`,
      name,
      year,
      month: b[3] === undefined ? null : Number(b[3]),
      written: b[0],
      badge: true,
    };
  }
  return null;
}

/** A year (and month) in a date cell: `2024`, `2024.03`, `2024-03-15`, `Mar 2024`. */
export function readDate(text: string): { year: number; month: number | null } | null {
  const m = /(?<!\d)((?:19|20)\d{2})(?:[.\-/](\d{1,2}))?/.exec(text);
  if (!m) return null;
  const month = m[2] === undefined ? null : Number(m[2]);
  return { year: Number(m[1]), month: month !== null && month >= 1 && month <= 12 ? month : null };
}

/** The shape of a date (`2024.03` -> `9999.99`), for learning a list's date format. */
export function dateShape(text: string): string {
  return text.trim().replace(/\d/g, '9');
}
