/**
 * arXiv identifiers, as described in arXiv's "Understanding the arXiv identifier" help page:
 * - new style (April 2007 on): `YYMM.NNNN` (to 2014) or `YYMM.NNNNN` (2015 on), optional `vN`;
 * - old style: `archive(.SUBJECT)/YYMMNNN`, e.g. `hep-th/9901001`, `math.GT/0309136`, optional `vN`.
 */

export interface ArxivRef {
  /** The identifier without version, e.g. `2403.12968` or `hep-th/9901001`. */
  id: string;
  /** The version number when one was given (`v2` -> 2). */
  version: number | null;
  /** How the reference was written. */
  form: 'abs' | 'pdf' | 'html' | 'other-url' | 'prefix' | 'bare';
  /** For URLs: whether the URL is already the canonical abstract page. */
  canonical: boolean;
}

const NEW_ID = String.raw`(\d{2})(0[1-9]|1[0-2])\.(\d{4,5})`;
const OLD_ID = String.raw`([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?)\/(\d{2})(0[1-9]|1[0-2])(\d{3})`;
const ID = `(?:${NEW_ID}|${OLD_ID})`;
const VERSION = String.raw`(?:v(\d+))?`;

const URL_RE = new RegExp(
  String.raw`^(https?):\/\/(?:www\.|export\.)?arxiv\.org\/(abs|pdf|html|format|ps)\/${ID}${VERSION}(?:\.pdf)?\/?(?:[?#].*)?$`,
  'i',
);
const PREFIX_RE = new RegExp(String.raw`^arxiv:\s*${ID}${VERSION}$`, 'i');
const BARE_RE = new RegExp(String.raw`^${ID}${VERSION}$`);

function build(m: RegExpMatchArray, offset: number): { id: string; version: number | null } {
  const [yy, mm, seq, archive, oyy, omm, oseq, v] = m.slice(offset, offset + 8);
  const id = seq !== undefined ? `${yy}${mm}.${seq}` : `${archive}/${oyy}${omm}${oseq}`;
  return { id, version: v === undefined ? null : Number(v) };
}

const CANONICAL_NEW = /^https:\/\/arxiv\.org\/abs\/(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})$/;
const BARE_NEW = /^(\d{2}(?:0[1-9]|1[0-2])\.\d{4,5})(?:v(\d+))?$/;

/** Parse an arXiv URL, `arXiv:` reference or bare id. Returns null for anything else. */
export function parseArxivRef(input: string): ArxivRef | null {
  const text = input.trim();
  // Most links in a clean list are canonical: one cheap match before the general patterns.
  const canonical = CANONICAL_NEW.exec(text);
  if (canonical) return { id: canonical[1]!, version: null, form: 'abs', canonical: true };
  // A bare new-style id (what the classifier is asked about for every listed row): one match.
  const bareNew = BARE_NEW.exec(text);
  if (bareNew) {
    const v = bareNew[2];
    return {
      id: bareNew[1]!,
      version: v === undefined ? null : Number(v),
      form: 'bare',
      canonical: false,
    };
  }
  const url = URL_RE.exec(text);
  if (url) {
    const scheme = url[1]!.toLowerCase();
    const kind = url[2]!.toLowerCase();
    const { id, version } = build(url, 3);
    const form =
      kind === 'abs' ? 'abs' : kind === 'pdf' ? 'pdf' : kind === 'html' ? 'html' : 'other-url';
    return { id, version, form, canonical: text === canonicalArxivUrl(id) && scheme === 'https' };
  }
  const prefixed = PREFIX_RE.exec(text);
  if (prefixed) return { ...build(prefixed, 1), form: 'prefix', canonical: false };
  const bare = BARE_RE.exec(text);
  if (bare) return { ...build(bare, 1), form: 'bare', canonical: false };
  return null;
}

/** The canonical abstract page: `https://arxiv.org/abs/<id>`, no version. */
export function canonicalArxivUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

/** Year and month the identifier was assigned (its `YYMM` part). */
export function arxivYearMonth(id: string): { year: number; month: number } {
  if (id.charCodeAt(4) === 46 /* . */) {
    const d = (i: number): number => id.charCodeAt(i) - 48;
    return { year: 2000 + d(0) * 10 + d(1), month: d(2) * 10 + d(3) };
  }
  const m = /(\d{2})(\d{2})\d{3}$/.exec(id);
  if (!m) throw new Error(`not an arXiv id: ${id}`);
  const yy = Number(m[1]);
  // Old-style ids start in 1991; new-style ids (and old ones from 2000) are in the 2000s.
  const year = id.includes('/') && yy >= 91 ? 1900 + yy : 2000 + yy;
  return { year, month: Number(m[2]) };
}
