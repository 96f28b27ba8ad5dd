/**
 * `sync --fix` and `translate` on lists whose entries are not seed-shaped tables: bullets (one
 * line each, and nested over three lines) and `| Date | Title | Paper | Code | Recom |` tables.
 * The Chinese files are the fixtures with their headings and prose in Chinese, same entries.
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { CuratorConfig } from '../../src/config/index.js';
import { createLlm } from '../../src/llm/client.js';
import { parseList } from '../../src/list/index.js';
import { renderSyncBody } from '../../src/tasks/sync-pr.js';
import { syncReadmes } from '../../src/tasks/sync-readmes.js';
import { translateList } from '../../src/tasks/translate-list.js';
import { fixture } from '../helpers/fixtures.js';
import { completion, type ChatRequestBody } from '../helpers/openai.js';

const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
const LLM = { apiKey: 'sk-test-not-real', baseURL: 'http://llm.test/v1', model: 'm' };

afterEach(() => {
  nock.cleanAll();
});

/** A stand-in for the model that translates every text it gets, recording the requests. */
function translator(): ChatRequestBody[] {
  const seen: ChatRequestBody[] = [];
  nock('http://llm.test')
    .persist()
    .post('/v1/chat/completions')
    .reply(200, (_uri, body) => {
      const b = body as ChatRequestBody;
      seen.push(b);
      const texts = JSON.parse(b.messages[1]!.content.replace(/^<texts>\n|\n<\/texts>$/g, '')) as {
        index: number;
        text: string;
      }[];
      return completion(
        JSON.stringify({ translations: texts.map((t) => ({ index: t.index, text: '译文。' })) }),
      );
    });
  return seen;
}

/** `text` with whole lines replaced (each `from` must be a line of it). */
function withLines(text: string, lines: Readonly<Record<string, string>>): string {
  const out = text.split('\n');
  for (const [from, to] of Object.entries(lines)) {
    const i = out.indexOf(from);
    if (i === -1) throw new Error(`no line ${from}`);
    out[i] = to;
  }
  return out.join('\n');
}

/** `text` with `entry` (one or more lines) inserted after the entry whose first line holds `after`. */
function insertAfter(text: string, after: string, entry: string, nested = false): string {
  const out = text.split('\n');
  let i = out.findIndex((l) => l.includes(after));
  if (i === -1) throw new Error(`no line with ${after}`);
  // A nested entry runs on over its indented lines.
  if (nested) while (/^\s+- /.test(out[i + 1] ?? '')) i += 1;
  out.splice(i + 1, 0, ...entry.split('\n'));
  return out.join('\n');
}

const BULLETS_EN = fixture('shapes/bullets.md');
const BULLETS_CN = withLines(BULLETS_EN, {
  '# Awesome LLM Compression': '# Awesome LLM 压缩',
  'Quantization, pruning and quantization-aware fine-tuning for large language models, one paper per line.':
    '大语言模型的量化、剪枝与量化感知微调，每行一篇论文。',
  'Contents:': '目录：',
  '- [Weight and Activation Quantization](#weight-and-activation-quantization)':
    '- [权重与激活量化](#权重与激活量化)',
  '- [Pruning](#pruning)': '- [剪枝](#剪枝)',
  '- [Fine-Tuning Quantized Models](#fine-tuning-quantized-models)':
    '- [量化模型微调](#量化模型微调)',
  '## Weight and Activation Quantization': '## 权重与激活量化',
  '## Pruning': '## 剪枝',
  'Both unstructured sparsity and removal of whole layers or channels are listed here.':
    '这里既收录非结构化稀疏，也收录整层或整通道的移除。',
  '## Fine-Tuning Quantized Models': '## 量化模型微调',
  'Low-rank adapters trained on top of, or jointly with, a quantized backbone.':
    '在量化后的骨干网络之上（或与之联合）训练的低秩适配器。',
});
const FLAP =
  '- Fluctuation-based Adaptive Structured Pruning for Large Language Models <br> AAAI 2024 [[Paper]](https://arxiv.org/abs/2312.11983) [[Code]](https://github.com/CASIA-IVA-Lab/FLAP)';

const NESTED_EN = fixture('shapes/nested-bullets.md');
const NESTED_CN = withLines(NESTED_EN, {
  '# Awesome Prompt Compression': '# Awesome 提示压缩',
  'Methods that hand the model fewer tokens, whether by deleting text, by encoding it into a few vectors, or by reasoning without writing the steps out.':
    '让模型少读一些词元的方法：删去文本、把文本编码成少量向量，或者不写出推理步骤。',
  'Jump to:': '跳转到：',
  '- [Hard Prompt Compression](#hard-prompt-compression)': '- [硬提示压缩](#硬提示压缩)',
  '- [Soft Prompt Compression](#soft-prompt-compression)': '- [软提示压缩](#软提示压缩)',
  '- [Latent Reasoning](#latent-reasoning)': '- [潜在推理](#潜在推理)',
  '## Hard Prompt Compression': '## 硬提示压缩',
  'The output is still natural-language text, so it works with closed models behind an API.':
    '输出仍是自然语言文本，因此也适用于只能通过 API 调用的闭源模型。',
  '## Soft Prompt Compression': '## 软提示压缩',
  '## Latent Reasoning': '## 潜在推理',
  'Related rather than strictly compression: these shorten the generated chain of thought instead of the input.':
    '与压缩相关但不完全是压缩：它们缩短的是生成的思维链，而不是输入。',
});
const COMPRESSOR = [
  '- **500xCompressor**',
  '  - Paper: [500xCompressor: Generalized Prompt Compression for Large Language Models](https://arxiv.org/abs/2408.03094) (ACL 2025)',
  '  - Code: [GitHub](https://github.com/ZongqianLi/500xCompressor)',
].join('\n');

const DATED_EN = fixture('shapes/date-title-paper-code.md');
const DATED_CN = withLines(DATED_EN, {
  '# Awesome Efficient Context for LLMs': '# Awesome 大语言模型高效上下文',
  'Papers that shrink what a language model has to read or remember, sorted newest first inside each section; the Recom column is our own reading priority.':
    '减少语言模型需要阅读或记住的内容的论文，每节内按时间从新到旧排列；推荐一栏是我们自己的阅读优先级。',
  '**Table of Contents**': '**目录**',
  '- [Prompt Compression](#prompt-compression)': '- [提示压缩](#提示压缩)',
  '- [KV Cache Compression](#kv-cache-compression)': '- [KV 缓存压缩](#kv-缓存压缩)',
  '- [Surveys](#surveys)': '- [综述论文](#综述论文)',
  '## Prompt Compression': '## 提示压缩',
  '## KV Cache Compression': '## KV 缓存压缩',
  'Eviction, quantization and merging of cached keys and values during decoding.':
    '解码过程中对缓存的键和值进行驱逐、量化与合并。',
  '## Surveys': '## 综述论文',
  'Broader overviews, useful as a starting point before diving into single methods.':
    '覆盖面更广的综述，适合在深入具体方法之前先读。',
}).replace(
  /^\| Date \| Title \| Paper \| Code \| Recom \|$/gm,
  '| 日期 | 标题 | 论文链接 | 代码 | 推荐 |',
);
const KEYFORMER =
  '| 2024.03 | Keyformer: KV Cache Reduction through Key Tokens Selection for Efficient Generative Inference | [[pdf]](https://arxiv.org/pdf/2403.09054) | [[keyformer-llm]](https://github.com/d-matrix-ai/keyformer-llm) | ⭐ |';

/** Two runs of `sync --fix` with a model at hand: the first's output is the second's input. */
async function syncTwice(en: string, cn: string) {
  const llm = createLlm(LLM);
  const run = (primary: string, translation: string) =>
    syncReadmes({
      primary: { path: 'README.md', text: primary },
      translation: { path: 'README_CN.md', text: translation },
      config,
      fix: true,
      llm,
    });
  const first = await run(en, cn);
  const cn1 = first.changes.find((c) => c.path === 'README_CN.md')?.text ?? cn;
  const second = await run(en, cn1);
  return { first, second, cn1 };
}

describe('sync --fix on lists of other shapes', () => {
  it('bullets: the new entry goes into README_CN.md as a bullet at the same place, nothing else changes, a second run changes nothing', async () => {
    const seen = translator();
    const en = insertAfter(BULLETS_EN, '(https://arxiv.org/abs/2401.15024)', FLAP);
    const { first, second, cn1 } = await syncTwice(en, BULLETS_CN);
    expect(first.changes.map((c) => c.path)).toEqual(['README_CN.md']);
    expect(cn1).toBe(insertAfter(BULLETS_CN, '(https://arxiv.org/abs/2401.15024)', FLAP));
    expect(first.rows).toMatchObject([
      { key: 'arxiv:2312.11983', section: '剪枝', row: FLAP, needsTranslation: false },
    ]);
    expect(first.report.files[1]!.findings).toEqual([]);
    // An item has no TL;DR: there is nothing to translate.
    expect(seen).toEqual([]);
    expect(second.changes).toEqual([]);
    expect(second.report.summary).toEqual({ errors: 0, warnings: 0, infos: 0 });
  });

  it('nested bullets: a three-line entry goes in after the three-line entry before it', async () => {
    const seen = translator();
    const en = insertAfter(NESTED_EN, '**AutoCompressor**', COMPRESSOR, true);
    const { first, second, cn1 } = await syncTwice(en, NESTED_CN);
    expect(first.changes.map((c) => c.path)).toEqual(['README_CN.md']);
    expect(cn1).toBe(insertAfter(NESTED_CN, '**AutoCompressor**', COMPRESSOR, true));
    // The row reported is the whole entry, in the sync PR's body too.
    expect(first.rows).toMatchObject([
      { key: 'arxiv:2408.03094', section: '软提示压缩', row: COMPRESSOR, needsTranslation: false },
    ]);
    const body = renderSyncBody(first, { v: 1, base: 'a'.repeat(40), commit: 'b'.repeat(40) });
    expect(body).toContain(
      `- \`README_CN.md\`, under "软提示压缩":\n\n  \`\`\`markdown\n  ${COMPRESSOR.replace(/\n/g, '\n  ')}\n  \`\`\`\n`,
    );
    expect(seen).toEqual([]);
    expect(second.changes).toEqual([]);
    expect(second.report.summary.errors).toBe(0);
  });

  it('the entry keeps CRLF line endings on every line of a nested entry', async () => {
    const crlf = (t: string) => t.replace(/\n/g, '\r\n');
    const en = insertAfter(NESTED_EN, '**AutoCompressor**', COMPRESSOR, true);
    const { first, cn1 } = await syncTwice(crlf(en), crlf(NESTED_CN));
    expect(first.changes.map((c) => c.path)).toEqual(['README_CN.md']);
    expect(cn1).toBe(crlf(insertAfter(NESTED_CN, '**AutoCompressor**', COMPRESSOR, true)));
  });

  it('| Date | Title | Paper | Code | Recom |: the new row is written in the table’s style, Recom copied, at the same place', async () => {
    const seen = translator();
    const en = insertAfter(DATED_EN, '(https://arxiv.org/pdf/2404.14469)', KEYFORMER);
    const { first, second, cn1 } = await syncTwice(en, DATED_CN);
    expect(first.changes.map((c) => c.path)).toEqual(['README_CN.md']);
    expect(cn1).toBe(insertAfter(DATED_CN, '(https://arxiv.org/pdf/2404.14469)', KEYFORMER));
    expect(first.rows).toMatchObject([{ key: 'arxiv:2403.09054', section: 'KV 缓存压缩' }]);
    expect(seen).toEqual([]);
    expect(second.changes).toEqual([]);
    expect(second.report.summary).toEqual({ errors: 0, warnings: 0, infos: 0 });
  });

  it('a paper only README_CN.md lists goes into README.md in its shape too', async () => {
    const cn = insertAfter(BULLETS_CN, '(https://arxiv.org/abs/2401.15024)', FLAP);
    const first = await syncReadmes({
      primary: { path: 'README.md', text: BULLETS_EN },
      translation: { path: 'README_CN.md', text: cn },
      config,
      fix: true,
      keepTranslationOnly: new Set(['arxiv:2312.11983']),
    });
    expect(first.changes).toEqual([
      {
        path: 'README.md',
        text: insertAfter(BULLETS_EN, '(https://arxiv.org/abs/2401.15024)', FLAP),
      },
    ]);
  });

  it('copies a changed link, venue and title into a bullet of README_CN.md', async () => {
    const cn = BULLETS_CN.replace(
      '- QLoRA: Efficient Finetuning of Quantized LLMs <br> NeurIPS 2023 [[Paper]](https://arxiv.org/abs/2305.14314)',
      '- QLoRA: Efficient Finetuning of Quantised LLMs <br> NeurIPS 2024 [[Paper]](https://arxiv.org/pdf/2305.14314)',
    );
    expect(cn).not.toBe(BULLETS_CN);
    const { first, second, cn1 } = await syncTwice(BULLETS_EN, cn);
    expect(first.rowsCorrected).toBe(1);
    expect(cn1).toBe(BULLETS_CN);
    expect(second.changes).toEqual([]);
  });
});

describe('translate on lists of other shapes', () => {
  const keysOf = (text: string) => parseList(text).rows.map((r) => r.key);
  const entriesOf = (text: string) => parseList(text).rows.map((r) => r.raw);

  it('bullets: the translation holds the same papers, in the same order, each entry as it was', async () => {
    const o = await translateList({
      primary: { path: 'README.md', text: BULLETS_EN },
      translation: { path: 'README_CN.md', text: null },
      config,
    });
    expect(keysOf(o.text)).toEqual(keysOf(BULLETS_EN));
    expect(keysOf(o.text)).toHaveLength(15);
    expect(entriesOf(o.text)).toEqual(entriesOf(BULLETS_EN));
    expect(o.text.split('\n')).toHaveLength(BULLETS_EN.split('\n').length);
    expect(o.rows).toBe(15);
  });

  it('nested bullets: each entry once, over its three lines', async () => {
    const o = await translateList({
      primary: { path: 'README.md', text: NESTED_EN },
      translation: { path: 'README_CN.md', text: null },
      config,
    });
    expect(keysOf(o.text)).toEqual(keysOf(NESTED_EN));
    expect(entriesOf(o.text)).toEqual(entriesOf(NESTED_EN));
    expect(o.text.split('\n')).toHaveLength(NESTED_EN.split('\n').length);
  });

  it('prose between two runs of bullets is translated, the bullets are not', async () => {
    const en = insertAfter(
      BULLETS_EN,
      '(https://arxiv.org/abs/2401.15024)',
      '\nSome of these remove whole layers.\n',
    );
    const seen = translator();
    const o = await translateList({
      primary: { path: 'README.md', text: en },
      translation: { path: 'README_CN.md', text: null },
      config,
      llm: createLlm(LLM),
    });
    expect(keysOf(o.text)).toEqual(keysOf(en));
    expect(entriesOf(o.text)).toEqual(entriesOf(en));
    const asked = seen.flatMap((b) => b.messages[1]!.content);
    expect(asked.join('\n')).toContain('Some of these remove whole layers.');
    expect(asked.join('\n')).not.toContain('SliceGPT');
  });

  it('| Date | Title | Paper | Code | Recom |: headers in Chinese that keep each column’s role', async () => {
    const o = await translateList({
      primary: { path: 'README.md', text: DATED_EN },
      translation: { path: 'README_CN.md', text: null },
      config,
    });
    expect(o.text).toContain('\n| 日期 | 标题 | 链接 | 代码 | Recom |\n');
    expect(keysOf(o.text)).toEqual(keysOf(DATED_EN));
    const roles = (text: string) => parseList(text).tables.map((t) => t.columns.map((c) => c.role));
    expect(roles(o.text)).toEqual(roles(DATED_EN));
  });

  it('completing a translation of nested bullets: the missing entry goes in whole, after the entry before it', async () => {
    const en = insertAfter(NESTED_EN, '**AutoCompressor**', COMPRESSOR, true);
    const o = await translateList({
      primary: { path: 'README.md', text: en },
      translation: { path: 'README_CN.md', text: NESTED_CN },
      config,
    });
    expect(o.rows).toBe(1);
    expect(o.text).toBe(insertAfter(NESTED_CN, '**AutoCompressor**', COMPRESSOR, true));
  });
});

describe('a table with a links column (`| Title | Year | Resources |`)', () => {
  it('a row copied into the other file keeps its own links: the note beside the paper, no comma left over', async () => {
    const en = fixture('shapes/title-year-resources.md');
    const rows = en.split('\n').filter((l) => /^\|\[.*\]\(https:\/\/arxiv\.org/.test(l));
    const gone = rows.filter((r) => r.includes('[[Note]]')).slice(0, 2);
    expect(gone.length).toBe(2);
    const cn = en.replace(gone[0]! + '\n', '').replace(gone[1]! + '\n', '');
    const out = await syncReadmes({
      primary: { path: 'README.md', text: en },
      translation: { path: 'README_CN.md', text: cn },
      config,
      fix: true,
    });
    const written = out.rows.map((r) => r.row);
    expect(written).toHaveLength(2);
    for (const [i, row] of written.entries()) {
      // The source row's links cell, every link of it (the lint fixes touch other cells only).
      const links = gone[i]!.split('|').at(-2)!;
      expect(row.split('|').at(-2)).toBe(links);
      expect(row).toContain('[[Note]]');
      expect(row).not.toMatch(/,\s*\|$/);
    }
  });
});
