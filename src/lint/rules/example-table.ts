/** Builds small lists for rule examples: a heading, the seed's five columns, then the rows. */
export function exampleTable(...rows: string[]): string {
  return [
    '## Papers',
    '',
    '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
    '| :--- | :--- | :--- | :--- | :--- |',
    ...rows,
    '',
  ].join('\n');
}

/** A valid row; `over` replaces cells by role. */
export function exampleRow(
  over: Partial<Record<'title' | 'venue' | 'tags' | 'code' | 'tldr', string>> = {},
): string {
  const cells = {
    title:
      '[LLMLingua-2: Data Distillation for Efficient and Faithful Task-Agnostic Prompt Compression](https://arxiv.org/abs/2403.12968)',
    venue: 'ACL 2024',
    tags: '`Pruning`',
    code: '[GitHub](https://github.com/microsoft/LLMLingua)',
    tldr: 'A small classifier trained on distilled labels decides which tokens to keep.',
    ...over,
  };
  return `| ${cells.title} | ${cells.venue} | ${cells.tags} | ${cells.code} | ${cells.tldr} |`;
}

/**
 * 1-based columns of each cell in `exampleRow()`, found by searching the row text. They stay right
 * for examples that override a cell no earlier than the one reported.
 */
export const COLUMN = (() => {
  const row = exampleRow();
  const starts: number[] = [];
  for (let i = 0; i < row.length; i += 1)
    if (row[i] === '|' && i + 2 < row.length) starts.push(i + 3);
  const [title, venue, tags, code, tldr] = starts as [number, number, number, number, number];
  return { title, venue, tags, code, tldr };
})();
