import { describe, expect, it } from 'vitest';
import { eachPaper, listPapers, writePapersJson } from '../../src/tasks/list-papers.js';
import { fixture, SEED_CN, SEED_EN } from '../helpers/fixtures.js';

function streamed(files: { path: string; text: string }[], chunk?: number): string[] {
  const pieces: string[] = [];
  writePapersJson(eachPaper(files).visit, (t) => pieces.push(t), chunk);
  return pieces;
}

describe('papers as streamed JSON', () => {
  const cases: { path: string; text: string }[][] = [
    [{ path: 'README.md', text: SEED_EN() }],
    [
      { path: 'README.md', text: SEED_EN() },
      { path: 'README_CN.md', text: SEED_CN().replace(/\n/g, '\r\n') },
    ],
    [{ path: 'bullets.md', text: fixture('shapes/nested-bullets.md') }],
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
      const small = streamed(files, 100);
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
