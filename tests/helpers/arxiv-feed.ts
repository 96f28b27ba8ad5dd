/** An Atom feed in the shape the arXiv API user manual shows, for test servers. */
export interface FeedEntry {
  id: string;
  version?: number;
  title: string;
  summary: string;
  authors?: string[];
  comment?: string;
  journalRef?: string;
  category?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function atomFeed(entries: FeedEntry[], query = 'id_list'): string {
  const items = entries
    .map((e) => {
      const v = e.version ?? 1;
      return `  <entry>
    <id>http://arxiv.org/abs/${e.id}v${v}</id>
    <published>2024-03-19T17:59:56Z</published>
    <updated>2024-03-19T17:59:56Z</updated>
    <title>${esc(e.title)}</title>
    <summary>  ${esc(e.summary)}
</summary>
${(e.authors ?? ['A. Author']).map((a) => `    <author>\n      <name>${esc(a)}</name>\n    </author>`).join('\n')}
${e.comment ? `    <arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">${esc(e.comment)}</arxiv:comment>\n` : ''}${e.journalRef ? `    <arxiv:journal_ref xmlns:arxiv="http://arxiv.org/schemas/atom">${esc(e.journalRef)}</arxiv:journal_ref>\n` : ''}    <link href="http://arxiv.org/abs/${e.id}v${v}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${e.id}v${v}" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="${e.category ?? 'cs.CL'}" scheme="http://arxiv.org/schemas/atom"/>
    <category term="${e.category ?? 'cs.CL'}" scheme="http://arxiv.org/schemas/atom"/>
  </entry>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <link href="http://arxiv.org/api/query?${esc(query)}" rel="self" type="application/atom+xml"/>
  <title type="html">ArXiv Query: ${esc(query)}</title>
  <id>http://arxiv.org/api/test</id>
  <updated>2024-03-20T00:00:00-04:00</updated>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${entries.length}</opensearch:totalResults>
  <opensearch:startIndex xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:startIndex>
  <opensearch:itemsPerPage xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${entries.length}</opensearch:itemsPerPage>
${items}
</feed>
`;
}
