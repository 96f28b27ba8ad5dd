import { describe, expect, it } from 'vitest';
import { eachPaper, listPapers, papersJson } from '../../src/tasks/list-papers.js';
import { fixture, SEED_CN, SEED_EN } from '../helpers/fixtures.js';

function streamed(files: { path: string; text: string }[], chunk = 2000): string[] {
  // Batches of `chunk` papers at most, as eachPaper gives them (it reads 2000 rows at a time).
  const batches = [...eachPaper(files).batches()].flatMap((b) => {
    const out = [];
    for (let i = 0; i < b.length; i += chunk) out.push(b.slice(i, i + chunk));
    return out;
  });
  return [...papersJson(batches)];
}

describe('papers as streamed JSON', () => {
  const cases: { path: string; text: string }[][] = [
    [{ path: 'README.md', text: SEED_EN() }],
    [
      { path: 'README.md', text: SEED_EN() },
      { path: 'README_CN.md', text: SEED_CN().replace(/\n/g, '\r\n') },
    ],
    [{ path: 'bullets.md', text: fixture('shapes/nested-bullets.md') }],
    // One table longer than the 2000 rows read at a time, then a list of items.
    [
      {
        path: 'long.md',
        text: `# Long\n\n| Title | Venue | Tags | Code | TL;DR |\n| --- | --- | --- | --- | --- |\n${Array.from(
          { length: 4500 },
          (_, i) =>
            `| [Paper ${i}](https://arxiv.org/abs/2401.${String(10000 + i)}) | arXiv 2024.01 | \`T${i % 7}\` | - | Row ${i} |\n`,
        ).join('')}\n${fixture('shapes/bullets.md')}`,
      },
    ],
    // No papers at all, and a file with none between two with some.
    [{ path: 'NOTES.md', text: '# Notes\n\nNothing here.\n' }],
    [
      { path: 'a.md', text: fixture('shapes/numbered.md') },
      { path: 'NOTES.md', text: '# Notes\n' },
      { path: 'b.md', text: fixture('lists/mistakes/README.md') },
    ],
  ];

  it('writes the bytes of JSON.stringify({ papers }, null, 2), whatever the piece size', () => {
    for (const files of cases) {
      const whole = `${JSON.stringify({ papers: listPapers(files) }, null, 2)}\n`;
      expect(streamed(files).join('')).toBe(whole);
      const small = streamed(files, 3);
      expect(small.join('')).toBe(whole);
      if (listPapers(files).length > 2) expect(small.length).toBeGreaterThan(2);
    }
  });

  it('counts each file’s papers before visiting them, as listPapers lists them', () => {
    for (const files of cases) {
      const { papers } = eachPaper(files);
      const all = listPapers(files);
      expect(papers).toEqual(
        files.map(
          (f) =>
            all.filter((p) => p.file === f.path).length /
            files.filter((g) => g.path === f.path).length,
        ),
      );
    }
  });
});
