/**
 * arXiv identifiers as the API writes them (arXiv API user manual §3.3.2.1 and §5.1.1, and the
 * "Understanding the arXiv identifier" help page it links to):
 * - new style: `YYMM.NNNN` (2007–2014) or `YYMM.NNNNN` (2015 on), e.g. `2403.12968`;
 * - old style: `archive(.SUBJECT)/YYMMNNN`, e.g. `hep-th/9901001`, `math.GT/0309136`;
 * either optionally followed by `vN`.
 *
 * This folder is a leaf and may not import src/list/arxiv-id.ts, hence this small copy.
 */
const ID = String.raw`(\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})`;
const ID_RE = new RegExp(String.raw`^${ID}(?:v(\d+))?$`);

/** `2403.12968v2` -> `{ id: '2403.12968', version: 2 }`; null when `text` is not an arXiv id. */
export function splitArxivId(text: string): { id: string; version: number | null } | null {
  const m = ID_RE.exec(text);
  if (!m) return null;
  return { id: m[1]!, version: m[2] === undefined ? null : Number(m[2]) };
}
