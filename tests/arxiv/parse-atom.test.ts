import { describe, expect, it } from 'vitest';
import { CuratorError } from '../../src/errors.js';
import { parseAtomFeed } from '../../src/arxiv/parse-atom.js';
import { fixture } from '../helpers/fixtures.js';

const feed = (name: string): string => fixture(`arxiv/${name}`);

function failure(xml: string): CuratorError {
  try {
    parseAtomFeed(xml);
  } catch (error) {
    if (error instanceof CuratorError) return error;
    throw error;
  }
  throw new Error('parseAtomFeed did not throw');
}

describe('parseAtomFeed', () => {
  it('reads the opensearch counts and every entry of a page', () => {
    const page = parseAtomFeed(feed('search-page.xml'));
    expect(page.total).toBe(1234);
    expect(page.start).toBe(0);
    expect(page.perPage).toBe(3);
    expect(page.entries.map((e) => e.id)).toEqual(['2403.12968', '2401.01234', 'hep-th/9901001']);
  });

  it('reads a full entry: wrapped text collapsed, entities decoded, all fields', () => {
    const [entry] = parseAtomFeed(feed('search-page.xml')).entries;
    expect(entry).toEqual({
      id: '2403.12968',
      version: 2,
      title:
        'Larger Language Models Do In-Context Learning Differently & Better: A Study of Label Flipping',
      abstract:
        'We study how in-context learning (ICL) in language models is affected by semantic priors ' +
        'versus input-label mappings. We investigate two setups - ICL with flipped labels and ICL ' +
        'with semantically-unrelated labels - across various model families <and sizes>.',
      authors: ['Jerry Wei', 'Jason Wei', 'Yi Tay'],
      published: '2024-03-19T17:59:58Z',
      updated: '2024-03-22T09:12:03Z',
      primaryCategory: 'cs.CL',
      categories: ['cs.CL', 'cs.AI', 'cs.LG', 'I.2.7'],
      comment: 'Preprint. 23 pages, 8 figures',
      journalRef: 'Trans. Mach. Learn. Res. (2024)',
      doi: '10.48550/arXiv.2403.12968',
      absUrl: 'https://arxiv.org/abs/2403.12968',
      pdfUrl: 'https://arxiv.org/pdf/2403.12968v2',
    });
  });

  it('gives null for missing optional fields and keeps numeric-looking titles as text', () => {
    const entry = parseAtomFeed(feed('search-page.xml')).entries[1]!;
    expect(entry.title).toBe('007');
    expect(entry.abstract).toBe('A short abstract with no optional metadata at all.');
    expect(entry.comment).toBeNull();
    expect(entry.journalRef).toBeNull();
    expect(entry.doi).toBeNull();
    expect(entry.pdfUrl).toBeNull();
    expect(entry.version).toBe(1);
    expect(entry.authors).toEqual(['Ada Lovelace', 'Charles Babbage']);
  });

  it('reads old-style ids with their version', () => {
    const entry = parseAtomFeed(feed('search-page.xml')).entries[2]!;
    expect(entry.id).toBe('hep-th/9901001');
    expect(entry.version).toBe(3);
    expect(entry.title).toBe('Conformal Field Theory on the Plane');
    expect(entry.abstract).toBe('An old-style identifier, with a summary that wraps.');
    expect(entry.absUrl).toBe('https://arxiv.org/abs/hep-th/9901001');
    expect(entry.pdfUrl).toBe('https://arxiv.org/pdf/hep-th/9901001v3');
    expect(entry.categories).toEqual(['hep-th']);
  });

  it('keeps a lone entry, author and category as arrays; an unversioned id has version null', () => {
    const page = parseAtomFeed(feed('single-entry.xml'));
    expect(page.entries).toHaveLength(1);
    const entry = page.entries[0]!;
    expect(entry.id).toBe('hep-ex/0307015');
    expect(entry.version).toBeNull();
    expect(entry.authors).toEqual(['H1 Collaboration']);
    expect(entry.categories).toEqual(['hep-ex']);
    expect(entry.primaryCategory).toBe('hep-ex');
    expect(entry.title).toBe(
      'Multi-Electron Production at High Transverse Momenta in ep Collisions at HERA',
    );
    expect(entry.journalRef).toBe('Eur.Phys.J. C31 (2003) 17-29');
  });

  it('returns an empty page for zero results', () => {
    expect(parseAtomFeed(feed('zero-results.xml'))).toEqual({
      total: 0,
      start: 0,
      perPage: 10,
      entries: [],
    });
  });

  it("turns arXiv's error feed into a CuratorError carrying arXiv's message", () => {
    const error = failure(feed('error-malformed-id.xml'));
    expect(error.message).toBe('arXiv rejected the query: incorrect id format for 1234.12345');
    expect(error.hint).toBeTruthy();
  });

  it('refuses an HTML error page', () => {
    const error = failure(feed('html-error.html'));
    expect(error.message).toMatch(/^arXiv sent something that is not an Atom feed/);
    expect(error.message).toMatch(/HTML page near line \d+\): "503 Service Unavailable"$/);
  });

  it('refuses a truncated feed instead of returning the entries before the cut', () => {
    const error = failure(feed('truncated.xml'));
    expect(error.message).toMatch(
      /^arXiv sent something that is not an Atom feed \(it is not well-formed XML: cut off/,
    );
  });

  it('refuses well-formed XML that is not a feed, plain text and an empty body', () => {
    expect(failure('<html><body>Down for maintenance</body></html>').message).toContain(
      'its root element is <html>',
    );
    expect(failure('Rate exceeded.').message).toMatch(/not an Atom feed/);
    expect(failure('').message).toMatch(/not an Atom feed/);
  });

  it('refuses a feed without opensearch:totalResults', () => {
    const xml = feed('zero-results.xml').replace(/<opensearch:totalResults[^\n]*\n/, '');
    expect(failure(xml).message).toContain('no usable opensearch:totalResults');
  });

  it('refuses an entry whose id is not an arXiv abstract URL', () => {
    const xml = feed('single-entry.xml').replace(
      'http://arxiv.org/abs/hep-ex/0307015',
      'http://example.org/paper/1',
    );
    expect(failure(xml).message).toContain('http://example.org/paper/1');
  });

  it('accepts https ids and five-digit new-style ids', () => {
    const xml = feed('single-entry.xml').replace(
      'http://arxiv.org/abs/hep-ex/0307015',
      'https://arxiv.org/abs/2501.00123v11',
    );
    const entry = parseAtomFeed(xml).entries[0]!;
    expect([entry.id, entry.version]).toEqual(['2501.00123', 11]);
  });
});
