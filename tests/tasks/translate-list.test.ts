/**
 * The translate use case on small lists: what the model is sent (markers for markup), what of its
 * reply is used, what is kept byte for byte, and how a translation is completed. The LLM is a nock
 * stand-in answering in the OpenAI Chat Completions shape.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type CuratorConfig } from '../../src/config/index.js';
import { createLlm } from '../../src/llm/client.js';
import { parseList } from '../../src/list/index.js';
import { maskMarkup, translateList, unmaskMarkup } from '../../src/tasks/translate-list.js';
import { completion, type ChatRequestBody } from '../helpers/openai.js';

const BASE = 'http://llm.test';
const llm = () => createLlm({ apiKey: 'sk-test-not-real', baseURL: `${BASE}/v1`, model: 'm' });
const config = (): CuratorConfig => structuredClone(DEFAULT_CONFIG) as CuratorConfig;

const textsOf = (body: ChatRequestBody) =>
  JSON.parse(body.messages[1]!.content.replace(/^<texts>\n|\n<\/texts>$/g, '')) as {
    index: number;
    text: string;
  }[];

/** A stand-in that answers each text with `answer(text)`, recording what it was sent. */
function model(answer: (text: string) => string) {
  const seen: string[][] = [];
  nock(BASE)
    .persist()
    .post('/v1/chat/completions')
    .reply(200, (_uri, body) => {
      const texts = textsOf(body as ChatRequestBody);
      seen.push(texts.map((t) => t.text));
      return completion(
        JSON.stringify({
          translations: texts.map((t) => ({ index: t.index, text: answer(t.text) })),
        }),
      );
    });
  return seen;
}
const chinese = (text: string) => text.replace(/[A-Za-z][A-Za-z'-]*/g, '译');

afterEach(() => {
  nock.cleanAll();
});

const LIST = [
  '# Papers',
  '',
  '- [Methods](#-methods)',
  '- [Surveys](#-surveys)',
  '',
  '## 📝 Methods',
  '',
  '**Definition**: Methods that prune the **prompt**, see [the guide](https://example.org/guide) and `code`.',
  '',
  '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
  '| :--- | :--- | :--- | :--- | :--- |',
  '| [Alpha Pruning](https://arxiv.org/abs/2401.00001) | ACL 2024 | `Pruning` | - | Prunes tokens early |',
  '| [Beta Merging](https://arxiv.org/abs/2401.00002) | ACL 2024 | `Token Folding` | - | Merges similar tokens |',
  '',
  '- A list item with a fence:',
  '',
  '  ```sh',
  '  npx curator lint',
  '  ```',
  '',
  '<!-- a comment the translation keeps -->',
  '',
  '## 📚 Surveys',
  '',
  '| Paper Title | Venue/Date | Focus |',
  '| :--- | :--- | :--- |',
  '| [A Survey](https://arxiv.org/abs/2402.00003) | arXiv 2024 | Reviews compression |',
  '',
].join('\n');

describe('markers for markup', () => {
  it('links, images, code, HTML, URLs, entities and emphasis become markers; adjacent ones are one', () => {
    const m = maskMarkup(
      'See **[the guide](https://x.org/a_b)** and `a|b`, <br> https://y.org/z &amp; @octo, _done_.',
    );
    expect(m.text).toBe('See ⟦0⟧ and ⟦1⟧, ⟦2⟧ ⟦3⟧ ⟦4⟧ ⟦5⟧, ⟦6⟧done⟦7⟧.');
    expect(m.spans).toEqual([
      '**[the guide](https://x.org/a_b)**',
      '`a|b`',
      '<br>',
      'https://y.org/z',
      '&amp;',
      '@octo',
      '_',
      '_',
    ]);
    expect(unmaskMarkup(m.text, m.spans)).toBe(
      'See **[the guide](https://x.org/a_b)** and `a|b`, <br> https://y.org/z &amp; @octo, _done_.',
    );
  });

  it('a reply that loses, doubles or invents a marker is not used', () => {
    const spans = ['**', '**'];
    expect(unmaskMarkup('⟦0⟧词⟦1⟧', spans)).toBe('**词**');
    expect(unmaskMarkup('⟦0⟧词', spans)).toBeNull();
    expect(unmaskMarkup('⟦0⟧词⟦1⟧⟦1⟧', spans)).toBeNull();
    expect(unmaskMarkup('⟦0⟧词⟦1⟧⟦2⟧', spans)).toBeNull();
  });
});

describe('translateList', () => {
  it('offline: the structure line for line, code, comments and links as they were; no request', async () => {
    const seen = model(chinese);
    const o = await translateList({
      primary: { path: 'README.md', text: LIST },
      translation: { path: 'README_CN.md', text: null },
      config: config(),
    });
    expect(seen).toEqual([]);
    const out = o.text.split('\n');
    const src = LIST.split('\n');
    expect(out).toHaveLength(src.length);
    const changed = src.flatMap((l, i) => (l === out[i] ? [] : [[l, out[i]]]));
    expect(changed).toEqual([
      ['# Papers', '# 论文'],
      ['- [Surveys](#-surveys)', '- [综述论文](#-综述论文)'],
      [
        '**Definition**: Methods that prune the **prompt**, see [the guide](https://example.org/guide) and `code`.',
        '**定义**：Methods that prune the **prompt**, see [the guide](https://example.org/guide) and `code`.',
      ],
      [
        '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
        '| 论文标题 | 发表/日期 | 标签 | 代码 | 简述 |',
      ],
      [
        '| [Alpha Pruning](https://arxiv.org/abs/2401.00001) | ACL 2024 | `Pruning` | - | Prunes tokens early |',
        '| [Alpha Pruning](https://arxiv.org/abs/2401.00001) | ACL 2024 | `剪枝` | - | Prunes tokens early |',
      ],
      ['## 📚 Surveys', '## 📚 综述论文'],
      ['| Paper Title | Venue/Date | Focus |', '| 论文标题 | 发表/日期 | 关注点 |'],
    ]);
    expect(o).toMatchObject({
      created: true,
      changed: true,
      sections: 3,
      rows: 3,
      untranslatedTldrs: 3,
      llmRequests: 0,
      reasons: [{ reason: 'no LLM is configured', count: o.untranslated }],
      unknownTerms: ['Token Folding'],
    });
  });

  it('with an LLM: one request for the texts, the markup put back from the source, TL;DRs as plain cells', async () => {
    const seen = model(chinese);
    const o = await translateList({
      primary: { path: 'README.md', text: LIST },
      translation: { path: 'README_CN.md', text: null },
      config: config(),
      llm: llm(),
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual([
      'Methods',
      'Methods that prune the ⟦0⟧prompt⟦1⟧, see ⟦2⟧ and ⟦3⟧.',
      'Prunes tokens early',
      'Merges similar tokens',
      'A list item with a fence:',
      'Reviews compression',
    ]);
    expect(o.text).toContain(
      '**定义**：译 译 译 译 **译**, 译 [the guide](https://example.org/guide) 译 `code`.\n',
    );
    expect(o.text).toContain('| `剪枝` | - | 译 译 译 |\n');
    // The TOC follows the translated heading.
    const slug = parseList(o.text, 'README_CN.md').outline.headings[1]!.slug;
    expect(o.text).toContain(`- [译](#${slug})\n`);
    expect(o.text).toContain('  ```sh\n  npx curator lint\n  ```\n');
    expect(o).toMatchObject({ untranslated: 0, translated: 8, llmRequests: 1 });
  });

  it('what the model writes goes in as plain text; a reply without its markers leaves the source', async () => {
    model((text) =>
      text.startsWith('Methods that')
        ? '见[这里](https://evil.example/a) <img src=x onerror=alert(1)> 剪枝'
        : text === 'Prunes tokens early'
          ? '提前[剪枝](https://evil.example/b)词元 https://evil.example/c'
          : chinese(text),
    );
    const o = await translateList({
      primary: { path: 'README.md', text: LIST },
      translation: { path: 'README_CN.md', text: null },
      config: config(),
      llm: llm(),
    });
    expect(o.text).not.toContain('evil.example');
    expect(o.text).not.toContain('<img');
    expect(o.text).toContain('| 提前剪枝词元 |');
    expect(o.text).toContain(
      '**定义**：Methods that prune the **prompt**, see [the guide](https://example.org/guide) and `code`.\n',
    );
    expect(o.reasons).toEqual([
      { reason: 'the reply lost or doubled the markers of its links, code or emphasis', count: 1 },
    ]);
    expect(o.untranslated).toBe(1);
    expect(o.untranslatedTldrs).toBe(0);
  });

  it('a category heading the model turns into a "survey" stays a category: its source text is kept', async () => {
    model((text) => (text === 'Methods' ? '方法综述' : chinese(text)));
    const o = await translateList({
      primary: { path: 'README.md', text: LIST },
      translation: { path: 'README_CN.md', text: null },
      config: config(),
      llm: llm(),
    });
    expect(o.text).toContain('\n## 📝 Methods\n');
    expect(o.text).toContain('- [Methods](#-methods)\n');
  });

  it('keeps CRLF line endings and a last line without one', async () => {
    const crlf = LIST.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const o = await translateList({
      primary: { path: 'README.md', text: crlf },
      translation: { path: 'README_CN.md', text: null },
      config: config(),
    });
    expect(o.text.split('\r\n')).toHaveLength(crlf.split('\r\n').length);
    expect(o.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(o.text.endsWith('| Reviews compression |')).toBe(true);
  });

  it('completing: a section of its own and its edits are kept; missing rows (Surveys too) go where they belong', async () => {
    const first = await translateList({
      primary: { path: 'README.md', text: LIST },
      translation: { path: 'README_CN.md', text: null },
      config: config(),
    });
    const mine = first.text
      .replace('Prunes tokens early', '提前剪枝词元')
      .replace(/^\| \[Beta Merging\].*\n/m, '')
      .replace(/^\| \[A Survey\].*\n/m, '')
      .replace('## 📚 综述论文', '## 🈶 译者说明\n\n本译本由人工校对。\n\n## 📚 综述论文');
    const more = LIST.replace(
      '| [Beta Merging]',
      '| [Gamma Eviction](https://arxiv.org/abs/2401.00004) | arXiv 2024.01 | `Eviction` | - | Evicts cold entries |\n| [Beta Merging]',
    );
    const o = await translateList({
      primary: { path: 'README.md', text: more },
      translation: { path: 'README_CN.md', text: mine },
      config: config(),
    });
    expect(o).toMatchObject({ created: false, changed: true, sections: 0, rows: 3 });
    const rows = parseList(o.text, 'README_CN.md').rows.map((r) => r.title);
    expect(rows).toEqual(['Alpha Pruning', 'Gamma Eviction', 'Beta Merging', 'A Survey']);
    expect(o.text).toContain('提前剪枝词元');
    expect(o.text).toContain('## 🈶 译者说明\n\n本译本由人工校对。\n');
    expect(o.text).toContain('| `驱逐` | - | Evicts cold entries |');
    const again = await translateList({
      primary: { path: 'README.md', text: more },
      translation: { path: 'README_CN.md', text: o.text },
      config: config(),
    });
    expect(again.changed).toBe(false);
    expect(again.text).toBe(o.text);
  });

  it('another language: no built-in words (the headers stay), and no script check of the replies', async () => {
    const seen = model((text) => `«${text}»`);
    const o = await translateList({
      primary: { path: 'README.md', text: LIST },
      translation: { path: 'README_fr.md', text: null },
      config: config(),
      language: 'French',
      llm: llm(),
    });
    expect(seen[0]).toContain('Surveys');
    expect(o.text).toContain('| Paper Title | Venue/Date | Tags | Code | TL;DR |');
    expect(o.text).toContain('| `Pruning` | - | «Prunes tokens early» |');
    expect(o.text).toContain('**Definition**: «Methods that prune the **prompt**');
    expect(o.untranslated).toBe(0);
  });
});
