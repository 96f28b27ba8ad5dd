import { describe, expect, it } from 'vitest';
import { arxivIdsIn, MAX_COMMAND_PAPERS, parseCommand } from '../../src/tasks/answer-command.js';

describe('parseCommand', () => {
  it.each([
    ['/classify', { kind: 'classify', ids: [], notUnderstood: [], dropped: 0 }],
    [
      '  /classify 2403.12968, https://arxiv.org/pdf/2310.01801v2.pdf arXiv:hep-th/9901001 foo\nmore text',
      {
        kind: 'classify',
        ids: ['2403.12968', '2310.01801v2', 'hep-th/9901001'],
        notUnderstood: ['arXiv:hep-th/9901001'.length ? 'foo' : ''],
        dropped: 0,
      },
    ],
    ['/curator scan', { kind: 'scan' }],
    ['/curator   ADD please', { kind: 'add' }],
    ['/curator translate', { kind: 'translate' }],
    ['/curator frobnicate', { kind: 'curator-help', word: 'frobnicate' }],
  ])('%j', (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each([
    'Thanks! /classify is neat',
    '/classifyx',
    '> /classify 2403.12968',
    '',
    '/curatorscan',
  ])('%j is not a command', (body) => {
    expect(parseCommand(body)).toBeNull();
  });

  it(`answers at most ${MAX_COMMAND_PAPERS} papers and says how many were left out`, () => {
    const ids = Array.from({ length: 25 }, (_, i) => `2403.${String(10000 + i)}`);
    const c = parseCommand(`/classify ${ids.join(' ')}`);
    expect(c).toMatchObject({ kind: 'classify', dropped: 5 });
    expect((c as { ids: string[] }).ids).toHaveLength(MAX_COMMAND_PAPERS);
  });
});

describe('arxivIdsIn', () => {
  it('finds linked and cited ids once each, in order, and ignores look-alike numbers', () => {
    const text =
      'See https://arxiv.org/abs/2403.12968v3 and arXiv:2310.01801, the PDF https://arxiv.org/pdf/2403.12968, version 1.2024.5 and http://example.org/abs/2401.00001.';
    expect(arxivIdsIn(text)).toEqual(['2403.12968', '2310.01801']);
  });
});
