import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseList } from '../../src/list/index.js';
import { workspace } from '../helpers/cli.js';
import { SEED_EN } from '../helpers/fixtures.js';

const EN = SEED_EN();

/** A strict RFC 4180 reader: quoted or plain fields, doubled quotes, CRLF records. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') value += text[i++];
      if (value.includes('"')) throw new Error('a quote in a plain field');
    }
    row.push(value);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else if (i < text.length) throw new Error(`unexpected character at ${i}`);
  }
  if (row.length) throw new Error('the last record has no CRLF');
  return rows;
}

/** A strict reader for the BibTeX the command writes: @type{key, field = {value}, ...}. */
function readBibtex(text: string): { type: string; key: string; fields: Record<string, string> }[] {
  const entries = [];
  let i = 0;
  const skipSpace = () => {
    while (/\s/.test(text[i] ?? '')) i += 1;
  };
  for (;;) {
    skipSpace();
    if (i >= text.length) break;
    const head = /^@(\w+)\{([^,\s{}]+),/.exec(text.slice(i));
    if (!head) throw new Error(`no entry at ${i}`);
    i += head[0].length;
    const fields: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (text[i] === '}') {
        i += 1;
        break;
      }
      const name = /^(\w+)\s*=\s*\{/.exec(text.slice(i));
      if (!name) throw new Error(`no field at ${i}`);
      i += name[0].length;
      let depth = 1;
      let value = '';
      while (depth > 0) {
        const c = text[i++];
        if (c === undefined) throw new Error('unbalanced braces');
        if (c === '\\') {
          value += c + (text[i++] ?? '');
          continue;
        }
        if (c === '{') depth += 1;
        if (c === '}') depth -= 1;
        if (depth > 0) value += c;
      }
      fields[name[1]!] = value;
      skipSpace();
      if (text[i] === ',') i += 1;
    }
    entries.push({ type: head[1]!, key: head[2]!, fields });
  }
  return entries;
}

describe('curator papers', () => {
  const rows = parseList(EN, 'README.md').rows;

  it('prints every paper of the list, in order, as JSON with nulls where a field is absent', async () => {
    const ws = workspace({ 'README.md': EN });
    const { code, stdout } = await ws.run('papers');
    expect(code).toBe(0);
    const { papers } = JSON.parse(stdout) as { papers: Record<string, unknown>[] };
    expect(papers.map((p) => p['line'])).toEqual(rows.map((r) => r.line));
    expect(papers.length).toBeGreaterThan(40);
    const lingua = papers.find((p) => p['arxivId'] === '2403.12968')!;
    expect(lingua).toEqual({
      file: 'README.md',
      line: rows.find((r) => r.arxiv?.id === '2403.12968')!.line,
      section: '📝 Explicit Context Compression (Prompt/Input Level)',
      title:
        'LLMLingua-2: Data Distillation for Efficient and Faithful Task-Agnostic Prompt Compression',
      url: 'https://arxiv.org/abs/2403.12968',
      arxivId: '2403.12968',
      venue: 'ACL 2024',
      year: 2024,
      code: 'https://github.com/microsoft/LLMLingua',
      tags: ['Pruning', 'Distillation'],
      tldr: expect.stringContaining('keep/drop classification'),
    });
    const noCode = papers.find((p) => p['arxivId'] === '2310.04749')!;
    expect(noCode['code']).toBeNull();
  });

  it('CSV: a header and one record per paper, read back by a strict RFC 4180 reader', async () => {
    const ws = workspace({ 'README.md': EN.replace('Nugget:', 'Nugget, "quoted":') });
    const { code, stdout } = await ws.run('papers', '--format', 'csv');
    expect(code).toBe(0);
    const records = readCsv(stdout);
    expect(records[0]).toEqual([
      'file',
      'line',
      'section',
      'title',
      'url',
      'arxivId',
      'venue',
      'year',
      'code',
      'tags',
      'tldr',
    ]);
    expect(records).toHaveLength(rows.length + 1);
    expect(records.every((r) => r.length === 11)).toBe(true);
    expect(records.find((r) => r[5] === '2310.04749')![3]).toMatch(/^Nugget, "quoted":/);
  });

  it('BibTeX: one entry per paper keyed by arXiv id, parsed back with its title and eprint', async () => {
    const ws = workspace({ 'README.md': EN });
    const { code, stdout } = await ws.run('papers', '--format', 'bibtex');
    expect(code).toBe(0);
    const entries = readBibtex(stdout);
    const ids = [...new Set(rows.map((r) => r.arxiv?.id).filter(Boolean))];
    expect(entries.map((e) => e.key)).toEqual(ids.map((id) => `arxiv:${id}`));
    const kivi = entries.find((e) => e.key === 'arxiv:2402.02750')!;
    expect(kivi.fields).toMatchObject({
      eprint: '2402.02750',
      archiveprefix: 'arXiv',
      year: '2024',
      note: 'ICML 2024',
    });
    expect(kivi.fields['title']).toBe(
      'KIVI: A Tuning-Free Asymmetric 2bit Quantization for KV Cache',
    );
  });

  it('reads bullet entries, and says so when a file has no papers at all, rather than printing nothing silently', async () => {
    const ws = workspace({
      'bullets.md':
        '# List\n\n## KV\n\n- LoftQ <br> ICLR 2024 [[Paper]](https://arxiv.org/abs/2310.08659) [[Code]](https://github.com/yxli2123/LoftQ)\n',
      'prose.md':
        '# List\n\nWe have not added papers yet. See [the guide](https://example.org/guide).\n',
    });
    const bullets = await ws.run('papers', 'bullets.md');
    expect(bullets.code).toBe(0);
    expect(JSON.parse(bullets.stdout).papers).toEqual([
      {
        file: 'bullets.md',
        line: 5,
        section: 'KV',
        title: 'LoftQ',
        url: 'https://arxiv.org/abs/2310.08659',
        arxivId: '2310.08659',
        venue: 'ICLR 2024',
        year: 2024,
        code: 'https://github.com/yxli2123/LoftQ',
        tags: null,
        tldr: null,
      },
    ]);
    expect(bullets.stderr).toBe('');
    const { code, stdout, stderr } = await ws.run('papers', 'prose.md');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ papers: [] });
    expect(stderr).toBe(
      'curator papers: prose.md: no papers found. Papers are read from Markdown tables with a title column and from list items that link a paper (arXiv, OpenReview, ACL Anthology, DOI, a PDF); name other title headers under columns.title in .github/curator.yml.\n',
    );
  });

  const SHAPES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'shapes');
  for (const name of readdirSync(SHAPES).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    it(`${name}: every paper in order as JSON; the CSV and BibTeX read back`, async () => {
      const text = readFileSync(join(SHAPES, name), 'utf8');
      const want = JSON.parse(
        readFileSync(join(SHAPES, name.replace(/\.md$/, '.expected.json')), 'utf8'),
      ).entries as { line: number; arxivId: string | null; title: string; year: number | null }[];
      const ws = workspace({ [name]: text });
      const json = await ws.run('papers', name);
      expect(json.code).toBe(0);
      expect(json.stderr).toBe('');
      const papers = JSON.parse(json.stdout).papers as Record<string, unknown>[];
      expect(
        papers.map((p) => ({ line: p['line'], arxivId: p['arxivId'], title: p['title'] })),
      ).toEqual(want.map((e) => ({ line: e.line, arxivId: e.arxivId, title: e.title })));
      for (const [i, p] of papers.entries()) {
        expect(Object.keys(p)).toEqual([
          'file',
          'line',
          'section',
          'title',
          'url',
          'arxivId',
          'venue',
          'year',
          'code',
          'tags',
          'tldr',
        ]);
        // The year of the venue or date column, else of the arXiv id.
        const e = want[i]!;
        expect(p['year']).toBe(e.year ?? (e.arxivId ? 2000 + Number(e.arxivId.slice(0, 2)) : null));
      }
      const csv = await ws.run('papers', name, '--format', 'csv');
      const records = readCsv(csv.stdout);
      expect(records).toHaveLength(want.length + 1);
      expect(records.slice(1).map((r) => r[3])).toEqual(want.map((e) => e.title));
      const bib = await ws.run('papers', name, '--format', 'bibtex');
      const entries = readBibtex(bib.stdout);
      expect(entries.map((e) => e.fields['title'])).toEqual(want.map((e) => e.title));
      expect(entries.map((e) => e.fields['eprint'] ?? null)).toEqual(want.map((e) => e.arxivId));
    });
  }

  it('an unknown format is a usage error', async () => {
    const ws = workspace({ 'README.md': EN });
    const { code, stderr } = await ws.run('papers', '--format', 'yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('--format yaml is not a format');
  });
});
