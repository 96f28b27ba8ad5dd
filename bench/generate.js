// Synthetic awesome-list pairs (README.md + README_CN.md) for the benchmark.
//
// The layout follows tests/fixtures/lists/seed-like/: title, badges, intro, a table of contents
// whose anchors resolve, a taxonomy block, three category sections (`## <emoji> <Name>`,
// `**Definition**:`, `**Keywords**:`, a five-column paper table), a Surveys section with a
// three-column table, Contributing, Star History, License and Acknowledgements.
//
// Everything comes from a seeded PRNG, so the same (rows, seed) always gives the same bytes.
// A few mistakes (about one per 1,000 rows by default, at least one of each kind) are planted so
// that the linters have something to report; they are listed in the manifest written next to the
// files. `mistakeRate` (--mistake-rate) plants more: 0.02 puts a mistake on 2% of the rows.
//
// Usage: node bench/generate.js [ROWS...] [--seed N] [--out DIR] [--mistake-rate R] [--force]
//   default ROWS: 1000 10000 100000, default DIR: bench/out (files go to DIR/<ROWS>/).

import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the output changes, so that cached files in bench/out/ are regenerated. */
export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 20240601;

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: small, fast, good enough for test data, and identical on every platform. */
export function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (array) => array[Math.floor(next() * array.length)];
  return { next, int, pick, chance: (p) => next() < p };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/** 40 tags with their Chinese form (a fixed glossary; some stay in English in the CN file, as in the seed). */
const TAGS = {
  Pruning: '剪枝',
  Distillation: '蒸馏',
  RAG: 'RAG',
  Summarization: '摘要',
  'Self-Information': '自信息',
  'Token Selection': 'Token选择',
  Reranking: '重排序',
  'Query-Aware': '查询感知',
  'Long Doc': '长文档',
  Planning: '规划',
  Instruction: '指令',
  'Soft Prompt': '软提示',
  Gist: 'Gist',
  Autoencoder: '自编码器',
  'Memory Slots': '记忆槽',
  'Latent Reasoning': '潜在推理',
  CoT: 'CoT',
  'Pause Token': '暂停Token',
  Recursive: '递归',
  Contrastive: '对比学习',
  Memory: '记忆',
  Parallel: '并行',
  Eviction: '驱逐',
  Quantization: '量化',
  '2-bit': '2-bit',
  'Per-Channel': '通道级',
  Sparse: '稀疏',
  Merging: '合并',
  'Layer-wise': '分层',
  'Token-wise': 'Token级',
  Streaming: '流式',
  'Attention Sink': '注意力汇',
  'Heavy Hitter': 'Heavy Hitter',
  Residual: '残差',
  Lossless: '无损',
  Adaptive: '自适应',
  Learned: '学习',
  Block: '块',
  'Long-Context': '长上下文',
  Compression: '压缩',
};

/** The seed's three categories with their Chinese headings, texts and preferred tags. */
const CATEGORIES = [
  {
    weight: 0.3,
    en: {
      heading: '📝 Explicit Context Compression (Prompt/Input Level)',
      anchor: '#-explicit-context-compression-promptinput-level',
      definition:
        'Approaches that work on the raw prompt, deciding which words, sentences or documents survive, or swapping them for a shorter summary, **ahead of or while the model first encodes them**. Typical motivations are squeezing more material into a fixed window and paying for fewer API tokens.',
      keywords: [
        'Prompt Compression',
        'Token Pruning',
        'Summarization',
        'Information Entropy',
        'Token Selection',
        'Coarse-grained Pruning',
      ],
    },
    cn: {
      heading: '📝 显式上下文压缩（提示/输入层面）',
      anchor: '#-显式上下文压缩提示输入层面',
      definition:
        '直接作用于原始提示的方法，在模型**首次编码之前或编码过程中**决定保留哪些词、句子或文档，或者换成更短的摘要。常见动机是在固定窗口里塞进更多材料，以及少付一些API的Token费用。',
      keywords: ['提示压缩', 'Token剪枝', '摘要', '信息熵', 'Token选择', '粗粒度剪枝'],
    },
    tags: [
      'Pruning',
      'Distillation',
      'RAG',
      'Summarization',
      'Self-Information',
      'Token Selection',
      'Reranking',
      'Query-Aware',
      'Long Doc',
      'Planning',
      'Instruction',
      'Compression',
    ],
  },
  {
    weight: 0.3,
    en: {
      heading: '🧠 Implicit Context Compression (Latent/Reasoning Level)',
      anchor: '#-implicit-context-compression-latentreasoning-level',
      definition:
        'Approaches that turn context into **continuous vectors, embeddings or hidden states** instead of text. This covers learned compressors that emit a few dense vectors for a long passage, as well as **Latent Reasoning**, where intermediate reasoning is carried in hidden states rather than written out word by word, which saves decoding work.',
      keywords: [
        'Soft Prompt',
        'Gist Tokens',
        'Autoencoder',
        'Memory Vectors',
        'Latent Space Reasoning',
        'Continuous Chain of Thought',
        'Internal State Compression',
      ],
    },
    cn: {
      heading: '🧠 隐式上下文压缩（潜在/推理层面）',
      anchor: '#-隐式上下文压缩潜在推理层面',
      definition:
        '不再以文字形式保存上下文，而是把它转成**连续向量、嵌入或隐藏状态**的方法。既包括把长段落压成少量稠密向量的可学习压缩器，也包括**潜在推理**——中间推理过程留在隐藏状态里，不必逐个Token写出来，从而省下解码开销。',
      keywords: [
        '软提示',
        'Gist Tokens',
        '自编码器',
        '记忆向量',
        '潜在空间推理',
        '连续思维链',
        '内部状态压缩',
      ],
    },
    tags: [
      'Soft Prompt',
      'Gist',
      'Autoencoder',
      'Memory Slots',
      'Latent Reasoning',
      'CoT',
      'Pause Token',
      'Recursive',
      'Contrastive',
      'Memory',
      'Parallel',
      'Long-Context',
      'Compression',
    ],
  },
  {
    weight: 0.4,
    en: {
      heading: '⚡ Inference-Time KV Compression (Memory/Cache Level)',
      anchor: '#-inference-time-kv-compression-memorycache-level',
      definition:
        'Approaches aimed at the **Key-Value (KV) Cache** that builds up while a model generates. They lower GPU memory and latency by dropping low-value cache entries, storing entries at reduced precision, or attending to only part of the cache, and they normally act **while decoding is under way**.',
      keywords: [
        'KV Cache Eviction',
        'Heavy Hitters',
        'Sparse Attention',
        'Cache Quantization',
        'Budget-constrained Generation',
        'Infinite Context',
        'Streaming Inference',
      ],
    },
    cn: {
      heading: '⚡ 推理时KV压缩（内存/缓存层面）',
      anchor: '#-推理时kv压缩内存缓存层面',
      definition:
        '针对生成过程中不断累积的**键值（KV）缓存**的方法。它们通过丢弃价值较低的缓存项、用更低精度存储缓存，或只关注缓存的一部分，来降低显存占用和延迟，而且通常**在解码进行的同时**完成。',
      keywords: [
        'KV缓存驱逐',
        'Heavy Hitters',
        '稀疏注意力',
        '缓存量化',
        '预算约束生成',
        '无限上下文',
        '流式推理',
      ],
    },
    tags: [
      'Eviction',
      'Quantization',
      '2-bit',
      'Per-Channel',
      'Sparse',
      'Merging',
      'Layer-wise',
      'Token-wise',
      'Streaming',
      'Attention Sink',
      'Heavy Hitter',
      'Residual',
      'Lossless',
      'Adaptive',
      'Learned',
      'Block',
    ],
  },
];

const CONFERENCES = ['ACL', 'EMNLP', 'NAACL', 'ICLR', 'ICML', 'NeurIPS', 'MLSys', 'COLM'];

// Titles: `<Name>: <Adjective> <Method> for <Goal> <Setting>`.
const NAME_HEADS = [
  'Lingua', 'Kiv', 'Snap', 'Pyra', 'Quest', 'Gist', 'Coco', 'Anchor', 'Flash', 'Lite',
  'Sparse', 'Stream', 'Tova', 'Mini', 'Hydra', 'Echo', 'Nova', 'Zip', 'Squeeze', 'Fold',
  'Prism', 'Sift', 'Trim', 'Pack', 'Relay', 'Orbit', 'Delta', 'Sigma', 'Quill', 'Ember',
]; // prettier-ignore
const NAME_VERSIONS = ['', '', '', '', '-2', '-3', '++', '-XL', '-Lite', '-Pro'];
const TITLE_ADJECTIVES = [
  'Query-Aware', 'Training-Free', 'Learned', 'Adaptive', 'Lossless', 'Layer-wise', 'Head-wise',
  'Dynamic', 'Hierarchical', 'Budget-Constrained', 'Task-Agnostic', 'Attention-Guided',
  'Entropy-Based', 'Retrieval-Aware', 'Low-Rank', 'Asymmetric', 'Progressive', 'Recurrent',
  'Contrastive', 'Plug-and-Play',
]; // prettier-ignore
const TITLE_METHODS = [
  'Token Pruning', 'Prompt Compression', 'KV Cache Eviction', 'KV Cache Quantization',
  'Context Distillation', 'Memory Compression', 'Soft Prompt Tuning', 'Gist Token Learning',
  'Latent Reasoning', 'Cache Merging', 'Sparse Attention', 'Context Summarization',
  'Document Reranking', 'Activation Compression', 'Segment Recurrence', 'Token Merging',
  'Attention Sink Retention', 'Head Pruning', 'Key Selection', 'Value Clustering',
  'Chunked Prefill', 'Memory Slot Encoding', 'Thought Compression', 'Context Folding',
  'Block Retrieval',
]; // prettier-ignore
const TITLE_GOALS = [
  'Efficient', 'Faster', 'Memory-Efficient', 'Scalable', 'Cheaper', 'Accurate', 'Robust',
  'Long-Horizon', 'Low-Latency', 'Streaming', 'Extreme-Length', 'Multi-Turn', 'Edge',
  'Faithful', 'Energy-Efficient',
]; // prettier-ignore
const TITLE_SETTINGS = [
  'LLM Inference', 'Long-Context Inference', 'Retrieval-Augmented Generation',
  'Multi-Document QA', 'Code Generation', 'Chain-of-Thought Reasoning', 'Dialogue Agents',
  'Generative Inference', 'Language Modeling', 'In-Context Learning', 'Tool Use',
  'Long-Form Summarization', 'Vision-Language Models', 'Serving Systems', 'Mathematical Reasoning',
]; // prettier-ignore

const OWNER_HEADS = [
  'thu', 'pku', 'zju', 'mit', 'cmu', 'snu', 'kaist', 'ucb', 'uw', 'nyu', 'fudan', 'sjtu', 'ustc',
  'hkust', 'epfl', 'eth', 'ox', 'tum', 'nju', 'umich', 'utexas', 'gatech', 'uiuc', 'ucla',
]; // prettier-ignore
const OWNER_TAILS = [
  '-nlp',
  '-ml',
  '-ai',
  '-lab',
  '-systems',
  '-coai',
  '-lm',
  '-efficient',
  '-kg',
  '-dl',
];

// TL;DR: EN `<Verb> <object> <means>, <effect>`; CN `<means><verb><object>，<effect>`.
const TLDR_VERBS = [
  ['Prunes', '剪除'], ['Compresses', '压缩'], ['Merges', '合并'], ['Quantizes', '量化'],
  ['Evicts', '驱逐'], ['Summarizes', '概括'], ['Encodes', '编码'], ['Selects', '筛选'],
  ['Reorders', '重排'], ['Folds', '折叠'], ['Distills', '蒸馏'], ['Clusters', '聚类'],
]; // prettier-ignore
const TLDR_OBJECTS = [
  ['low-attention tokens', '低注意力Token'],
  ['retrieved passages', '检索到的段落'],
  ['the KV cache of deep layers', '深层的KV缓存'],
  ['long prompts', '长提示'],
  ['intermediate reasoning steps', '中间推理步骤'],
  ['instruction text', '指令文本'],
  ['document segments', '文档片段'],
  ['key and value vectors', '键向量和值向量'],
  ['redundant demonstrations', '冗余的示例'],
  ['past dialogue turns', '历史对话轮次'],
  ['cached activations', '缓存的激活值'],
  ['attention heads', '注意力头'],
  ['tool outputs', '工具输出'],
  ['code context', '代码上下文'],
  ['outlier channels', '离群通道'],
  ['stale cache entries', '过时的缓存项'],
];
const TLDR_MEANS = [
  ['with a small scoring model', '借助一个小型打分模型'],
  ['using per-head attention statistics', '依据每个注意力头的统计量'],
  ['guided by token perplexity', '以Token困惑度为指引'],
  ['through learned memory slots', '通过可学习的记忆槽'],
  ['with a budget that shrinks layer by layer', '按逐层递减的预算'],
  ['conditioned on the question', '以问题为条件'],
  ['in a single forward pass', '在一次前向计算中'],
  ['with a lightweight trained selector', '用轻量的训练选择器'],
  ['by grouping similar positions', '通过聚合相似位置'],
  ['under a fixed memory budget', '在固定显存预算下'],
  ['with residual low-rank correction', '配合低秩残差校正'],
  ['without any fine-tuning', '在无需微调的前提下'],
  ['by reusing observation-window attention', '复用观察窗口的注意力'],
  ['during prefill only', '仅在预填充阶段'],
];
const TLDR_EFFECTS = [
  ['cutting memory by {n}%', '显存占用降低{n}%'],
  ['giving a {m}x speed-up at equal accuracy', '在精度不变时提速{m}倍'],
  ['keeping {n}% of full-context accuracy', '保留完整上下文{n}%的准确率'],
  ['reaching a {m}x compression ratio', '压缩比达到{m}倍'],
  ['lowering latency by {n}%', '延迟降低{n}%'],
  ['fitting {m}x longer inputs on one GPU', '单卡可处理长{m}倍的输入'],
  ['saving {n}% of API tokens', '节省{n}%的API Token'],
  ['with under {s}% quality loss', '质量损失不到{s}%'],
  ['doubling throughput for batch {b}', '批大小为{b}时吞吐量翻倍'],
  ['matching the full cache with {n}% of entries', '只用{n}%的缓存项即可追平完整缓存'],
];

/**
 * What each category's papers are about, by index into TITLE_METHODS, TLDR_VERBS and TLDR_OBJECTS:
 * a paper's title and TL;DR speak of its own category's methods, as in a real list, so that the
 * placement check agrees with the rows that are where they belong (only the planted `misplaced`
 * rows are reported by it).
 */
const CATEGORY_WORDS = [
  // Explicit: the prompt's own tokens, passages and turns.
  {
    tails: ['Comp', 'Prune', 'Lingua', 'Select', 'Sum', 'RAG', 'Zip'],
    methods: [0, 1, 11, 23], verbs: [0, 1, 5, 7, 8], objects: [0, 1, 3, 5, 6, 8, 9, 12, 13],
    means: [0, 2, 5, 6, 7, 11],
  },
  // Implicit: soft prompts, gist tokens, memory slots, latent reasoning.
  {
    tails: ['Mem', 'Former', 'Thought', 'Gen', 'Net', 'LM'],
    methods: [4, 6, 7, 8, 14, 21], verbs: [1, 6, 9, 10], objects: [3, 4, 6, 9],
    means: [3, 5, 6, 10, 11],
  },
  // KV cache: eviction, quantisation, merging of cached keys and values.
  {
    tails: ['KV', 'Cache', 'Sink', 'Quant', 'Merge', 'Attn', 'Infer'],
    methods: [2, 3, 9, 10, 16, 18], verbs: [2, 3, 4, 11], objects: [2, 7, 10, 11, 14, 15],
    means: [1, 4, 8, 9, 10, 11, 12, 13],
  },
]; // prettier-ignore

const SURVEY_TOPICS = [
  ['Prompt Compression', '提示压缩'],
  ['KV Cache Management', 'KV缓存管理'],
  ['Efficient Long-Context Modeling', '高效长上下文建模'],
  ['Latent Reasoning', '潜在推理'],
  ['Retrieval-Augmented Generation', '检索增强生成'],
  ['Model Compression', '模型压缩'],
  ['Efficient Inference', '高效推理'],
  ['Memory Mechanisms', '记忆机制'],
];
const SURVEY_ANGLES = [
  ['Taxonomy, Benchmarks and Open Problems', '分类、基准与开放问题', '按分类体系梳理方法与基准'],
  ['A Systems Perspective', '系统视角', '从系统实现角度比较各类方法'],
  ['Methods and Evaluation', '方法与评测', '汇总方法与评测协议'],
  ['Past, Present and Future', '过去、现在与未来', '回顾发展历程并展望未来方向'],
  ['A Practitioner Guide', '实践指南', '面向工程实践给出选型建议'],
];

// ---------------------------------------------------------------------------------------------
// Static parts of the two files (the seed's prose)

// GitHub keeps the variation selector of `🗂️` (U+1F5C2 U+FE0F) in the Taxonomy heading's anchor.
const VS16 = '\uFE0F';

const EN_HEAD = `# Awesome-Context-Compression-LLMs 🗜️

[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)
[![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)](https://opensource.org/licenses/MIT)
[![PRs Welcome](https://img.shields.io/badge/PRs-welcome-brightgreen.svg)](http://makeapullrequest.com)

**[English](README.md)** | **[中文](README_CN.md)**

> A hand-picked reading list on making Large Language Models (LLMs) cheaper to run by shrinking what they have to process. The papers pull three levers: **cutting prompt tokens**, **packing context into latent states**, and **slimming the KV cache**.

## 📑 Table of Contents

- [Introduction](#-introduction)
- [Taxonomy](#${VS16}-taxonomy)
- [Explicit Context Compression (Prompt/Input Level)](#-explicit-context-compression-promptinput-level)
- [Implicit Context Compression (Latent/Reasoning Level)](#-implicit-context-compression-latentreasoning-level)
- [Inference-Time KV Compression (Memory/Cache Level)](#-inference-time-kv-compression-memorycache-level)
- [Surveys](#-surveys)
- [Contributing](#-contributing)
- [Star History](#-star-history)

## 🎯 Introduction

Longer inputs and harder tasks turn the cost of context into a first-class concern. Papers here are grouped by **where** in the pipeline the compression happens and **how** it is carried out:

1. **Explicit Compression**: shortens the token sequence itself, ahead of or while it is encoded
2. **Implicit Compression**: replaces text with compact continuous representations
3. **KV Compression**: shrinks the key-value cache that is kept around while decoding

## 🗂️ Taxonomy

\`\`\`
Context Compression Methods
├── Explicit Context Compression (Input Level)
│   ├── Token Pruning (LLMLingua, Selective-Context)
│   ├── Summarization-based
│   └── Information-theoretic Selection
│
├── Implicit Context Compression (Latent Level)
│   ├── Soft Prompt / Gist Tokens
│   ├── Autoencoder-based (ICAE, CoCom)
│   └── Latent Reasoning (Coconut)
│
└── Inference-Time KV Compression (Cache Level)
    ├── Eviction Policies (H2O, TOVA, SnapKV)
    ├── Quantization (KIVI)
    └── Sparse Attention (StreamingLLM)
\`\`\`

---
`;

const CN_HEAD = `# Awesome-Context-Compression-LLMs 🗜️

[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)
[![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)](https://opensource.org/licenses/MIT)
[![PRs Welcome](https://img.shields.io/badge/PRs-welcome-brightgreen.svg)](http://makeapullrequest.com)

**[English](README.md)** | **[中文](README_CN.md)**

> 这里收录的论文都围绕同一个问题：怎样让大语言模型（LLM）少处理一些内容，从而跑得更省。主要有三条路线：**精简提示Token**、**把上下文压进潜在状态**，以及**给KV缓存瘦身**。

## 📑 目录

- [简介](#-简介)
- [分类体系](#${VS16}-分类体系)
- [显式上下文压缩（提示/输入层面）](#-显式上下文压缩提示输入层面)
- [隐式上下文压缩（潜在/推理层面）](#-隐式上下文压缩潜在推理层面)
- [推理时KV压缩（内存/缓存层面）](#-推理时kv压缩内存缓存层面)
- [综述论文](#-综述论文)
- [如何贡献](#-如何贡献)
- [Star历史](#-star历史)

## 🎯 简介

上下文越长、任务越复杂，上下文本身的开销就越不能忽视。本列表按照压缩发生在**哪个环节**、又是**用什么手段**完成的，把论文分成三类：

1. **显式压缩**：在编码前或编码过程中直接缩短输入的Token序列
2. **隐式压缩**：用紧凑的连续表示替代原始文本
3. **KV压缩**：削减解码时一直保留着的键值缓存

## 🗂️ 分类体系

\`\`\`
上下文压缩方法
├── 显式上下文压缩（输入层面）
│   ├── Token剪枝（LLMLingua, Selective-Context）
│   ├── 基于摘要的方法
│   └── 信息论选择
│
├── 隐式上下文压缩（潜在层面）
│   ├── 软提示 / Gist Tokens
│   ├── 基于自编码器（ICAE, CoCom）
│   └── 潜在推理（Coconut）
│
└── 推理时KV压缩（缓存层面）
    ├── 驱逐策略（H2O, TOVA, SnapKV）
    ├── 量化（KIVI）
    └── 稀疏注意力（StreamingLLM）
\`\`\`

---
`;

const EN_TAIL = `## 🤝 Contributing

Additions are very welcome. The usual flow is:

1. Create your own fork on GitHub
2. Add a row that copies the layout of the existing tables
3. Double-check which category the paper belongs to
4. Open a Pull Request and wait for review

### Categorization Guidelines

- **Cat 1 (Explicit)**: the method trims or filters the prompt text *before* the model or API ever sees it
- **Cat 2 (Implicit)**: the method maps context to continuous vectors, or does its reasoning inside hidden states
- **Cat 3 (KV Cache)**: the method saves GPU memory by editing, quantizing or dropping cached keys and values *during* decoding

---

## ⭐ Star History

[![Star History Chart](https://api.star-history.com/svg?repos=yourusername/Awesome-Context-Compression-LLMs&type=Date)](https://star-history.com/#yourusername/Awesome-Context-Compression-LLMs&Date)

---

## 📄 License

Licensing: everything here is MIT, with the terms spelled out in [LICENSE](LICENSE).

---

## 🙏 Acknowledgements

Many thanks to the authors of every paper collected here. Their work keeps making LLMs cheaper and faster for all of us.

---

<p align="center">
  <i>Found this list useful? A ⭐ helps other people discover it!</i>
</p>
`;

const CN_TAIL = `## 🤝 如何贡献

非常欢迎补充新论文，一般流程如下：

1. 在GitHub上创建你自己的fork
2. 仿照现有表格的格式新增一行
3. 再确认一遍论文所属的类别
4. 开一个Pull Request，等待审阅

### 分类指南

- **类别1（显式）**：方法在模型或API看到提示*之前*就对文本做删减或筛选
- **类别2（隐式）**：方法把上下文映射成连续向量，或者直接在隐藏状态中完成推理
- **类别3（KV缓存）**：方法在解码*过程中*通过修改、量化或丢弃缓存的键和值来节省显存

---

## ⭐ Star历史

[![Star History Chart](https://api.star-history.com/svg?repos=yourusername/Awesome-Context-Compression-LLMs&type=Date)](https://star-history.com/#yourusername/Awesome-Context-Compression-LLMs&Date)

---

## 📄 许可证

许可方面，本仓库采用MIT协议，条款全文放在[LICENSE](LICENSE)里。

---

## 🙏 致谢

衷心感谢这里收录的每一篇论文的作者，你们的工作让大家都能用上更省、更快的LLM。

---

<p align="center">
  <i>觉得这份列表有用？点个 ⭐ 能让更多人发现它！</i>
</p>
`;

// ---------------------------------------------------------------------------------------------
// Papers

/** Draws values until `make()` returns one not in `seen` (all pools are far larger than needed). */
function unique(seen, make) {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const value = make(attempt);
    if (!seen.has(value)) {
      seen.add(value);
      return value;
    }
  }
  throw new Error('generator: value pool exhausted');
}

function makeArxivId(rnd, ids) {
  // New-style ids from 2301 to 2412 with a five-digit sequence number.
  return unique(ids, () => {
    const yy = rnd.int(23, 24);
    const mm = rnd.int(1, 12);
    return `${yy}${String(mm).padStart(2, '0')}.${String(rnd.int(1, 99999)).padStart(5, '0')}`;
  });
}

function makeTitle(rnd, titles, c) {
  return unique(titles, () => {
    const name = rnd.pick(NAME_HEADS) + rnd.pick(CATEGORY_WORDS[c].tails) + rnd.pick(NAME_VERSIONS);
    const method = TITLE_METHODS[rnd.pick(CATEGORY_WORDS[c].methods)];
    return `${name}: ${rnd.pick(TITLE_ADJECTIVES)} ${method} for ${rnd.pick(TITLE_GOALS)} ${rnd.pick(TITLE_SETTINGS)}`;
  });
}

function makeRepo(rnd, repos, title) {
  const base = title
    .split(':')[0]
    .replace(/\+/g, 'plus')
    .replace(/[^A-Za-z0-9-]/g, '');
  const owner = rnd.pick(OWNER_HEADS) + rnd.pick(OWNER_TAILS);
  return unique(repos, (attempt) => `${owner}/${base}${attempt === 0 ? '' : `-${attempt + 1}`}`);
}

function fill(template, rnd) {
  return template
    .replace('{n}', String(rnd.int(12, 95)))
    .replace('{m}', String(rnd.int(2, 32)))
    .replace('{s}', String(rnd.int(1, 5)))
    .replace('{b}', String(2 ** rnd.int(3, 8)));
}

function makeTldr(rnd, tldrs, c) {
  let cn = '';
  const en = unique(tldrs, () => {
    const verb = TLDR_VERBS[rnd.pick(CATEGORY_WORDS[c].verbs)];
    const object = TLDR_OBJECTS[rnd.pick(CATEGORY_WORDS[c].objects)];
    const means = TLDR_MEANS[rnd.pick(CATEGORY_WORDS[c].means)];
    const effect = rnd.pick(TLDR_EFFECTS);
    // Same numbers in both languages: fill both templates from one draw.
    const state = rnd.next();
    const enEffect = fill(effect[0], createRandom(state * 2 ** 32));
    const cnEffect = fill(effect[1], createRandom(state * 2 ** 32));
    cn = `${means[1]}${verb[1]}${object[1]}，${cnEffect}`;
    return `${verb[0]} ${object[0]} ${means[0]}, ${enEffect}`;
  });
  return { en, cn };
}

function makeVenue(rnd, id) {
  const year = 2000 + Number(id.slice(0, 2));
  if (rnd.chance(0.35)) return `arXiv ${year}.${id.slice(2, 4)}`;
  return `${rnd.pick(CONFERENCES)} ${year + rnd.int(0, 1)}`;
}

function makeTags(rnd, category) {
  const count = rnd.int(1, 3);
  const tags = [rnd.pick(category.tags)];
  while (tags.length < count) {
    const pool = rnd.chance(0.8) ? category.tags : Object.keys(TAGS);
    const tag = rnd.pick(pool);
    if (!tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

/**
 * The planted mistakes, cycled in this order: at least one of each, about one per 1,000 rows
 * unless `mistakeRate` says otherwise. `misplaced`: a paper written about one category's methods
 * sits in another category's table, in both files (the placement check reports it in each).
 */
export const MISTAKE_KINDS = ['pdf-link', 'missing-venue', 'github-label', 'misplaced'];

/** The default share of rows with a planted mistake (one per 1,000). */
export const DEFAULT_MISTAKE_RATE = 0.001;

/**
 * Builds one list pair. Returns `{ en, cn, rows, surveys, planted }`, where `planted` lists each
 * mistake with its file, line and the curator rule expected to report it. `mistakeRate` is the
 * share of rows given a mistake (default 0.001; at least one of each kind is always planted).
 */
export function generateListPair(
  rows,
  { seed = DEFAULT_SEED, mistakeRate = DEFAULT_MISTAKE_RATE } = {},
) {
  if (!Number.isInteger(rows) || rows < MISTAKE_KINDS.length)
    throw new Error(`rows must be an integer >= ${MISTAKE_KINDS.length}, got ${rows}`);
  if (!(mistakeRate >= 0 && mistakeRate <= 0.5))
    throw new Error(`mistakeRate must be between 0 and 0.5, got ${mistakeRate}`);
  const rnd = createRandom(seed ^ Math.imul(rows, 2654435761));
  const ids = new Set();
  const titles = new Set();
  const repos = new Set();
  const tldrs = new Set();

  // Category rows, split by weight, each table newest first (by arXiv id).
  const tables = CATEGORIES.map(() => []);
  for (let i = 0; i < rows; i++) {
    const r = rnd.next();
    const c =
      r < CATEGORIES[0].weight ? 0 : r < CATEGORIES[0].weight + CATEGORIES[1].weight ? 1 : 2;
    const id = makeArxivId(rnd, ids);
    const title = makeTitle(rnd, titles, c);
    const code = rnd.chance(0.3) ? null : makeRepo(rnd, repos, title);
    tables[c].push({
      id,
      title,
      url: `https://arxiv.org/abs/${id}`,
      venue: makeVenue(rnd, id),
      tags: makeTags(rnd, CATEGORIES[c]),
      code,
      codeLabel: 'GitHub',
      tldr: makeTldr(rnd, tldrs, c),
      mistake: null,
    });
  }
  for (const t of tables) t.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

  // Plant the mistakes on distinct random rows (one file each).
  const all = tables.flat();
  // The default keeps the original formula, so cached pairs stay byte-identical.
  const mistakeCount = Math.max(
    MISTAKE_KINDS.length,
    Math.round(mistakeRate === DEFAULT_MISTAKE_RATE ? rows / 1000 : rows * mistakeRate),
  );
  const used = new Set();
  for (let k = 0; k < mistakeCount; k++) {
    const kind = MISTAKE_KINDS[k % MISTAKE_KINDS.length];
    let row;
    do row = rnd.pick(all);
    while (used.has(row) || (kind === 'github-label' && row.code === null));
    used.add(row);
    row.mistake = { kind, file: kind === 'misplaced' ? 'both' : rnd.chance(0.5) ? 'en' : 'cn' };
  }
  // A misplaced paper moves to the next category's table, in its place by arXiv id.
  for (let c = 0; c < tables.length; c++)
    for (const row of tables[c].filter((r) => r.mistake?.kind === 'misplaced' && !r.moved)) {
      tables[c].splice(tables[c].indexOf(row), 1);
      row.moved = true;
      const to = tables[(c + 1) % tables.length];
      const at = to.findIndex((r) => r.id < row.id);
      to.splice(at === -1 ? to.length : at, 0, row);
    }

  // Surveys: a short three-column table (not part of `rows`).
  const surveyCount = Math.max(5, Math.round(rows / 500));
  const surveys = [];
  for (let i = 0; i < surveyCount; i++) {
    const id = makeArxivId(rnd, ids);
    const topic = rnd.pick(SURVEY_TOPICS);
    const angle = rnd.pick(SURVEY_ANGLES);
    const title = unique(titles, (attempt) => {
      const base = `A Survey on ${topic[0]} for Large Language Models: ${angle[0]}`;
      return attempt === 0 ? base : `${base} (Part ${attempt + 1})`;
    });
    const year = 2000 + Number(id.slice(0, 2));
    const venue = rnd.chance(0.6) ? `arXiv ${year}` : `${rnd.pick(CONFERENCES)} ${year + 1}`;
    surveys.push({
      id,
      title,
      venue,
      focus: {
        en: `Covers ${topic[0].toLowerCase()}: ${angle[0].toLowerCase()}`,
        cn: `${topic[1]}：${angle[2]}`,
      },
    });
  }
  surveys.sort((a, b) => (a.id < b.id ? 1 : -1));

  const planted = [];
  const render = (lang) => {
    const lines = (lang === 'en' ? EN_HEAD : CN_HEAD).split('\n');
    lines.pop(); // the head ends with a newline
    const push = (text) => lines.push(text);
    CATEGORIES.forEach((category, c) => {
      const t = category[lang];
      push('');
      push(`## ${t.heading}`);
      push('');
      push(lang === 'en' ? `**Definition**: ${t.definition}` : `**定义**：${t.definition}`);
      push('');
      push(
        lang === 'en'
          ? `**Keywords**: ${t.keywords.map((k) => `\`${k}\``).join(', ')}`
          : `**关键词**：${t.keywords.map((k) => `\`${k}\``).join('、')}`,
      );
      push('');
      push(
        lang === 'en'
          ? '| Paper Title | Venue/Date | Tags | Code | TL;DR |'
          : '| 论文标题 | 发表/日期 | 标签 | 代码 | 简述 |',
      );
      push('| :--- | :--- | :--- | :--- | :--- |');
      for (const row of tables[c]) {
        const m =
          row.mistake?.file === lang || row.mistake?.file === 'both' ? row.mistake.kind : null;
        const url = m === 'pdf-link' ? `https://arxiv.org/pdf/${row.id}` : row.url;
        const venue = m === 'missing-venue' ? '-' : row.venue;
        const label = m === 'github-label' ? 'Github' : row.codeLabel;
        const tags = row.tags.map((tag) => `\`${lang === 'en' ? tag : TAGS[tag]}\``).join(', ');
        const code = row.code === null ? '-' : `[${label}](https://github.com/${row.code})`;
        const file = lang === 'en' ? 'README.md' : 'README_CN.md';
        if (m) planted.push({ kind: m, file, line: lines.length + 1, id: row.id });
        push(`| [${row.title}](${url}) | ${venue} | ${tags} | ${code} | ${row.tldr[lang]} |`);
      }
      push('');
      push('---');
    });
    push('');
    push(lang === 'en' ? '## 📚 Surveys' : '## 📚 综述论文');
    push('');
    push(
      lang === 'en' ? '| Paper Title | Venue/Date | Focus |' : '| 论文标题 | 发表/日期 | 关注点 |',
    );
    push('| :--- | :--- | :--- |');
    for (const s of surveys)
      push(`| [${s.title}](https://arxiv.org/abs/${s.id}) | ${s.venue} | ${s.focus[lang]} |`);
    push('');
    push('---');
    push('');
    lines.push(...(lang === 'en' ? EN_TAIL : CN_TAIL).split('\n'));
    return lines.join('\n');
  };

  const en = render('en');
  const cn = render('cn');
  return {
    en,
    cn,
    rows,
    surveys: surveys.length,
    perCategory: tables.map((t) => t.length),
    planted,
  };
}

/** The rule that reports each planted mistake (for checking the linter's output). */
export const EXPECTED_RULE = {
  'pdf-link': 'arxiv-link',
  'missing-venue': 'venue',
  'github-label': 'code-link',
  misplaced: 'category',
};

/**
 * Makes sure DIR/<rows>/README.md, README_CN.md and manifest.json exist for this generator
 * version, seed and mistake rate; generates them when missing or stale. Returns the manifest plus
 * paths. Use a separate DIR per mistake rate: a pair of another rate in DIR is regenerated.
 */
export function ensureListPair(
  rows,
  { outDir, seed = DEFAULT_SEED, mistakeRate = DEFAULT_MISTAKE_RATE, force = false } = {},
) {
  const dir = join(outDir, String(rows));
  const en = join(dir, 'README.md');
  const cn = join(dir, 'README_CN.md');
  const manifestPath = join(dir, 'manifest.json');
  if (!force && existsSync(en) && existsSync(cn) && existsSync(manifestPath)) {
    try {
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      if (
        manifest.generatorVersion === GENERATOR_VERSION &&
        manifest.seed === seed &&
        // Manifests written before the option existed have no rate: they used the default.
        (manifest.mistakeRate ?? DEFAULT_MISTAKE_RATE) === mistakeRate
      ) {
        return { ...manifest, dir, en, cn, generated: false };
      }
    } catch {
      // fall through and regenerate
    }
  }
  const started = performance.now();
  const pair = generateListPair(rows, { seed, mistakeRate });
  mkdirSync(dir, { recursive: true });
  writeFileSync(en, pair.en);
  writeFileSync(cn, pair.cn);
  const manifest = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    ...(mistakeRate === DEFAULT_MISTAKE_RATE ? {} : { mistakeRate }),
    rows,
    perCategory: pair.perCategory,
    surveys: pair.surveys,
    bytes: { 'README.md': Buffer.byteLength(pair.en), 'README_CN.md': Buffer.byteLength(pair.cn) },
    lines: { 'README.md': pair.en.split('\n').length, 'README_CN.md': pair.cn.split('\n').length },
    planted: pair.planted,
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...manifest, dir, en, cn, generated: true, generateMs: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------
// CLI

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    if (i === -1) return undefined;
    const value = args[i + 1];
    args.splice(i, 2);
    return value;
  };
  const force = args.includes('--force');
  if (force) args.splice(args.indexOf('--force'), 1);
  const seed = Number(option('--seed') ?? DEFAULT_SEED);
  const mistakeRate = Number(option('--mistake-rate') ?? DEFAULT_MISTAKE_RATE);
  const outDir = resolve(
    option('--out') ?? join(fileURLToPath(new URL('.', import.meta.url)), 'out'),
  );
  const sizes = args.length > 0 ? args.map(Number) : [1000, 10000, 100000];
  for (const rows of sizes) {
    const m = ensureListPair(rows, { outDir, seed, mistakeRate, force });
    const mb = ((m.bytes['README.md'] + m.bytes['README_CN.md']) / 1e6).toFixed(1);
    console.log(
      `${rows} rows -> ${m.dir} (${mb} MB, ${m.planted.length} planted mistakes, ${m.generated ? `generated in ${Math.round(m.generateMs)} ms` : 'already there'})`,
    );
  }
}

/**
 * The head of a pull request on a generated pair (`{ dir, en, cn }`), written to `<dir>-head`:
 * `added` new rows at the top of the first category table of both files (new ids, titles and
 * TL;DRs; no code), everything else identical. Used by bench/run.js and bench/commands.js.
 */
export function writeCheckHead(pair, added) {
  const dir = `${pair.dir}-head`;
  mkdirSync(dir, { recursive: true });
  for (const [name, path] of [
    ['README.md', pair.en],
    ['README_CN.md', pair.cn],
  ]) {
    const lines = readFileSync(path, 'utf8').split('\n');
    const first = lines.findIndex((l) => /^\| \[.*\]\(https:\/\/arxiv\.org\/abs\//.test(l));
    const cells = lines[first].split(' | ');
    const rows = [];
    for (let k = 0; k < added; k++) {
      const id = `2612.${String(99990 - k).padStart(5, '0')}`;
      const row = [...cells];
      row[0] = `| [Benchmark Paper Number ${k + 1} on Long-Context Compression](https://arxiv.org/abs/${id})`;
      row[1] = 'arXiv 2026.12';
      row[3] = '-';
      row[row.length - 1] = `Added by the benchmark as row ${k + 1} of a pull request. |`;
      rows.push(row.join(' | '));
    }
    lines.splice(first, 0, ...rows);
    writeFileSync(join(dir, name), lines.join('\n'));
  }
  return dir;
}
