/** Column roles, recognised from the header text so that other lists' column orders work. */
export type ColumnRole =
  'title' | 'venue' | 'date' | 'link' | 'authors' | 'tags' | 'code' | 'tldr' | 'focus' | 'other';

export type ColumnAliases = { [K in Exclude<ColumnRole, 'other'>]?: readonly string[] | undefined };

/** Header words in English and Chinese; lists can add their own through the config. */
export const DEFAULT_COLUMN_ALIASES: Required<ColumnAliases> = {
  title: [
    'paper title',
    'title',
    'title & authors',
    'title and authors',
    'paper & authors',
    'paper',
    'papers',
    'name',
    '论文标题',
    '论文',
    '标题',
    '论文名称',
    '题目',
  ],
  venue: [
    'venue/date',
    'venue',
    'publication',
    'published',
    'conference',
    'conf',
    'pub',
    'conference/journal',
    'conference / journal',
    'journal',
    'venue/journal',
    '会议/期刊',
    '期刊/会议',
    '发表/日期',
    '发表',
    '会议',
    '来源',
  ],
  date: [
    'date',
    'year',
    'time',
    'release',
    'released',
    'published date',
    'publish date',
    'publication date',
    'pub date',
    'release date',
    '日期',
    '年份',
    '时间',
    '发表时间',
    '发布时间',
    '发布日期',
  ],
  link: [
    'paper link',
    'paper',
    'papers',
    'pdf',
    'link',
    'links',
    'url',
    'arxiv',
    'resources',
    '链接',
    '论文链接',
  ],
  authors: ['authors', 'author', '作者'],
  tags: ['tags', 'tag', 'labels', '标签'],
  code: ['code', 'github', 'repo', 'repository', 'implementation', '代码', '代码链接', '开源代码'],
  tldr: [
    'tl;dr',
    'tldr',
    'summary',
    'description',
    'notes',
    'note',
    'introduction',
    'intro',
    'abstract',
    'highlights',
    'key idea',
    '简述',
    '摘要',
    '简介',
    '说明',
    '概述',
  ],
  focus: ['focus', 'scope', '关注点', '重点', '侧重'],
};

export function normaliseHeader(text: string): string {
  return text.normalize('NFKC').replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Map each header cell to a role; the first column with a role keeps it, later ones are `other`.
 * A word that names both a title and a link column (`Paper`) is the title when the table has no
 * other title column, else the link column (`| Title | Paper | Code |`). A table with a date
 * column and no venue column reads its dates as venues (`| Title | Date |` holding `ACL 2024`).
 */
export function columnRoles(headers: readonly string[], extra: ColumnAliases = {}): ColumnRole[] {
  const lookup = new Map<string, Exclude<ColumnRole, 'other'>>();
  const linkWords = new Set(
    [...(extra.link ?? []), ...(DEFAULT_COLUMN_ALIASES.link ?? [])].map(normaliseHeader),
  );
  for (const [role, words] of Object.entries(DEFAULT_COLUMN_ALIASES) as [
    Exclude<ColumnRole, 'other'>,
    string[],
  ][]) {
    for (const word of [...(extra[role] ?? []), ...words])
      if (!lookup.has(normaliseHeader(word))) lookup.set(normaliseHeader(word), role);
  }
  // Config aliases win over the defaults.
  for (const [role, words] of Object.entries(extra) as [Exclude<ColumnRole, 'other'>, string[]][]) {
    for (const word of words) lookup.set(normaliseHeader(word), role);
  }
  const seen = new Set<ColumnRole>();
  const roles: ColumnRole[] = headers.map((h) => {
    const role = lookup.get(normaliseHeader(h));
    if (!role || seen.has(role)) return 'other';
    seen.add(role);
    return role;
  });
  // `| Title | Paper |`: the second title word names the link column.
  if (!roles.includes('link')) {
    const i = headers.findIndex(
      (h, k) => roles[k] === 'other' && linkWords.has(normaliseHeader(h)),
    );
    if (i !== -1) roles[i] = 'link';
  }
  return roles;
}
