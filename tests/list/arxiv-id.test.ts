import { describe, expect, it } from 'vitest';
import { arxivYearMonth, canonicalArxivUrl, parseArxivRef } from '../../src/list/index.js';

describe('parseArxivRef', () => {
  it.each([
    ['https://arxiv.org/abs/2403.12968', '2403.12968', null, 'abs', true],
    ['https://arxiv.org/abs/2403.12968v2', '2403.12968', 2, 'abs', false],
    ['https://arxiv.org/pdf/2403.12968', '2403.12968', null, 'pdf', false],
    ['https://arxiv.org/pdf/2403.12968v1.pdf', '2403.12968', 1, 'pdf', false],
    ['http://arxiv.org/abs/2403.12968', '2403.12968', null, 'abs', false],
    ['https://export.arxiv.org/abs/2403.12968', '2403.12968', null, 'abs', false],
    ['https://www.arxiv.org/html/2403.12968v3', '2403.12968', 3, 'html', false],
    ['arXiv:2403.12968', '2403.12968', null, 'prefix', false],
    ['arXiv:1501.00001v4', '1501.00001', 4, 'prefix', false],
    ['0704.0001', '0704.0001', null, 'bare', false],
    ['2403.12968v12', '2403.12968', 12, 'bare', false],
    [' 1501.00001 ', '1501.00001', null, 'bare', false],
    ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001', null, 'abs', true],
    ['https://arxiv.org/abs/math.GT/0309136v2', 'math.GT/0309136', 2, 'abs', false],
    ['arXiv:cs/0112017', 'cs/0112017', null, 'prefix', false],
  ])('%s', (input, id, version, form, canonical) => {
    expect(parseArxivRef(input)).toEqual({ id, version, form, canonical });
  });

  it.each([
    'https://openreview.net/forum?id=x',
    'https://arxiv.org/abs/2413.12968',
    'https://arxiv.org/abs/24031.2968',
    '2413.12968',
    '2403.123',
    '2403.123456',
    '2403.12968v',
    'arXiv:abc',
    '',
    'https://arxiv.org/list/cs.CL/recent',
  ])('rejects %s', (input) => expect(parseArxivRef(input)).toBeNull());

  it('gives the canonical abstract URL and the id year-month', () => {
    expect(canonicalArxivUrl('2403.12968')).toBe('https://arxiv.org/abs/2403.12968');
    expect(arxivYearMonth('2403.12968')).toEqual({ year: 2024, month: 3 });
    expect(arxivYearMonth('hep-th/9901001')).toEqual({ year: 1999, month: 1 });
    expect(arxivYearMonth('cs/0112017')).toEqual({ year: 2001, month: 12 });
  });
});
