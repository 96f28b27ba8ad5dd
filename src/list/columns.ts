/** Column roles, recognised from the header text so that other lists' column orders work. */
export type ColumnRole = 'title' | 'venue' | 'tags' | 'code' | 'tldr' | 'focus' | 'other';

export type ColumnAliases = { [K in Exclude<ColumnRole, 'other'>]?: readonly string[] | undefined };

/** Header words in English and Chinese; lists can add their own through the config. */
export const DEFAULT_COLUMN_ALIASES: Required<ColumnAliases> = {
  title: [
    'paper title',
    'title',
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
    'date',
    'publication',
    'published',
    'conference',
    'year',
    '发表/日期',
    '发表',
    '日期',
    '会议',
    '年份',
    '发表时间',
    '来源',
  ],
  tags: ['tags', 'tag', 'labels', '标签'],
  code: ['code', 'github', 'repo', 'repository', 'implementation', '代码', '代码链接', '开源代码'],
  tldr: [
    'tl;dr',
    'tldr',
    'summary',
    'description',
    'notes',
    'note',
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

/** Map each header cell to a role; the first column with a role keeps it, later ones are `other`. */
export function columnRoles(headers: readonly string[], extra: ColumnAliases = {}): ColumnRole[] {
  const lookup = new Map<string, Exclude<ColumnRole, 'other'>>();
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
  return headers.map((h) => {
    const role = lookup.get(normaliseHeader(h));
    if (!role || seen.has(role)) return 'other';
    seen.add(role);
    return role;
  });
}
