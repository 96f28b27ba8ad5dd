/**
 * A venue named in an entry's journal reference or comment ("Accepted to ACL 2025", "EMNLP 2024
 * Findings", "Proceedings of NeurIPS 2025"), written the list's way: `<VENUE> <YYYY>`, with
 * `Findings` kept. Null when none is named: a preprint keeps `arXiv YYYY.MM`.
 */
const VENUES = [
  'ACL',
  'EMNLP',
  'NAACL',
  'EACL',
  'COLING',
  'AACL',
  'ICLR',
  'ICML',
  'NeurIPS',
  'NIPS',
  'MLSys',
  'COLM',
  'AAAI',
  'IJCAI',
  'KDD',
  'SIGIR',
  'WWW',
  'CVPR',
  'ICCV',
  'ECCV',
  'TACL',
  'TMLR',
  'JMLR',
  'ASPLOS',
  'OSDI',
  'SOSP',
  'ISCA',
  'MICRO',
  'HPCA',
];

const PATTERN = new RegExp(
  `\\b(Findings of (?:the )?)?(${VENUES.join('|')})(?:[\\s'’-]*(\\d{4}|\\d{2}))\\b(\\s*\\(?Findings\\)?)?`,
  'i',
);

export function venueOf(journalRef: string | null, comment: string | null): string | null {
  for (const text of [journalRef, comment]) {
    if (!text) continue;
    const m = PATTERN.exec(text);
    if (!m) continue;
    const name = VENUES.find((v) => v.toLowerCase() === m[2]!.toLowerCase())!;
    const year = m[3]!.length === 2 ? `20${m[3]}` : m[3]!;
    const findings = m[1] || m[4] ? ' Findings' : '';
    return `${name === 'NIPS' ? 'NeurIPS' : name} ${year}${findings}`;
  }
  return null;
}
