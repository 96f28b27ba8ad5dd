import { describe, expect, it } from 'vitest';
import { renderSyncBody, syncTitle } from '../../src/tasks/sync-pr.js';

const block = { v: 1 as const, base: 'a'.repeat(40), commit: 'b'.repeat(40) };

describe('the sync PR says what it removes and moves', () => {
  it('names each removed and moved row in the title and the body', () => {
    const o = {
      rows: [],
      rowsCorrected: 0,
      rowsRemoved: [
        {
          path: 'README_CN.md',
          line: 40,
          key: '2301.00001',
          section: '📝 显式上下文压缩',
          reason: 'not-in-primary' as const,
        },
        {
          path: 'README_CN.md',
          line: 52,
          key: '2404.14469',
          section: '⚡ 推理时KV压缩',
          reason: 'extra-copy' as const,
        },
      ],
      rowsMoved: [
        {
          path: 'README_CN.md',
          key: '2403.09054',
          fromLine: 44,
          fromSection: '📝 显式上下文压缩',
          section: '⚡ 推理时KV压缩',
          row: '| row |',
        },
      ],
    };
    expect(syncTitle(o)).toBe('Sync the READMEs: 2 rows removed, 1 row moved');
    const body = renderSyncBody(o, block);
    expect(body).toContain(
      '- `README_CN.md` line 40, under "📝 显式上下文压缩": removed (a paper the primary file no longer lists).',
    );
    expect(body).toContain(
      '- `README_CN.md` line 52, under "⚡ 推理时KV压缩": removed (an extra copy of a paper the file lists already).',
    );
    expect(body).toContain(
      '- `README_CN.md` line 44: moved from "📝 显式上下文压缩" to "⚡ 推理时KV压缩", where the primary file lists it.',
    );
  });

  it('keeps the old titles when nothing is removed or moved', () => {
    expect(syncTitle({ rows: [], rowsCorrected: 1 })).toBe('Sync the READMEs: 1 row corrected');
  });
});
