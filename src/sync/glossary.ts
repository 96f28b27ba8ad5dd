/**
 * Tag glossary between the two languages.
 *
 * Learned only from rows paired by paper (pair-rows.ts: a paper in two sections pairs each row
 * with its copy in the matching section) whose tag lists have the same length, tag by position.
 * Each English tag takes the translation most of those rows give it (the seed glossary breaks a
 * tie). One Chinese word is never the translation of two English tags unless both files agree on
 * it everywhere (each of the tags is translated by that word in every row); otherwise the word
 * goes to the tag the config or the seed gives it, else to the tag most rows pair it with, and
 * the other tag takes its next translation. Disagreements are reported as conflicts. Entries of
 * `sync.glossary` win over everything; the seed glossary fills in tags no row translates yet.
 */
import type { PaperList, PaperRow } from '../list/index.js';
import { pairLists } from './pair-rows.js';

/**
 * Translations of the common words of the field (context compression, efficient inference, and
 * the words lists of papers use for method families), for a list that has no translation yet and
 * to break ties. One Chinese word per English tag, never two tags for one word.
 */
export const SEED_GLOSSARY: Readonly<Record<string, string>> = Object.freeze({
  Pruning: '剪枝',
  'Token Pruning': 'Token剪枝',
  'KV Cache': 'KV缓存',
  'KV Cache Eviction': 'KV缓存驱逐',
  Quantization: '量化',
  'Cache Quantization': '缓存量化',
  Eviction: '驱逐',
  'Soft Prompt': '软提示',
  Summarization: '摘要',
  Distillation: '蒸馏',
  'Sparse Attention': '稀疏注意力',
  Sparse: '稀疏',
  Sparsity: '稀疏性',
  Merging: '合并',
  'Layer Merge': '层合并',
  Compression: '压缩',
  'Prompt Compression': '提示压缩',
  'Context Compression': '上下文压缩',
  RAG: 'RAG',
  Retrieval: '检索',
  Autoencoder: '自编码器',
  Memory: '记忆',
  'Memory Slots': '记忆槽',
  'Latent Reasoning': '潜在推理',
  Reasoning: '推理',
  CoT: 'CoT',
  'Chain of Thought': '思维链',
  'Long-Context': '长上下文',
  'Long Doc': '长文档',
  Streaming: '流式',
  'Attention Sink': '注意力汇',
  Attention: '注意力',
  Gist: 'Gist',
  'Self-Information': '自信息',
  'Token Selection': 'Token选择',
  'Layer-wise': '分层',
  'Token-wise': 'Token级',
  'Per-Channel': '通道级',
  Adaptive: '自适应',
  Lossless: '无损',
  Residual: '残差',
  'Low-Rank': '低秩',
  Learned: '学习',
  Recursive: '递归',
  Instruction: '指令',
  Planning: '规划',
  Parallel: '并行',
  Contrastive: '对比学习',
  Block: '块',
  Anchor: '锚点',
  'Query-Aware': '查询感知',
  Persistence: '持久性',
  'Observation Window': '观察窗口',
  'Pause Token': '暂停Token',
  'Heavy Hitter': 'Heavy Hitter',
  Embedding: '嵌入',
  'Fine-tuning': '微调',
  Benchmark: '基准',
  Survey: '综述',
  Agent: '智能体',
  Multimodal: '多模态',
  'Speculative Decoding': '投机解码',
  'Linear Attention': '线性注意力',
  'Positional Encoding': '位置编码',
});

/** Case, hyphens and spacing do not make another word: `KV cache`, `kv-cache` are `KV Cache`. */
const fold = (tag: string) =>
  tag
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

const SEED_BY_FOLD = new Map(Object.entries(SEED_GLOSSARY).map(([en, cn]) => [fold(en), cn]));

/** The seed glossary's translation of a tag (case, hyphens and spaces ignored), or undefined. */
export function seedTranslation(tag: string): string | undefined {
  return SEED_BY_FOLD.get(fold(tag));
}

/** Where a tag pairs with a translation: rows and the translation's lines that show it. */
interface Votes {
  rows: number;
  lines: number[];
}

export interface GlossaryCandidate {
  /** An English tag (for a shared word) or a translation (for a tag with several). */
  text: string;
  /** How many paired rows give it. */
  rows: number;
  /** Lines of the translation file where they are (at most five). */
  lines: number[];
}

export type GlossaryConflict =
  | {
      /** One English tag translated by several words. */
      kind: 'translations';
      tag: string;
      candidates: GlossaryCandidate[];
      /** The translation the glossary uses (none when every candidate went to another tag). */
      chosen: string | null;
      message: string;
    }
  | {
      /** One word translating several English tags, not everywhere in both files. */
      kind: 'shared-word';
      translation: string;
      candidates: GlossaryCandidate[];
      /** The tag the word is kept for (null when the config gives it to none of them). */
      chosen: string | null;
      message: string;
    };

export interface LearnedGlossary {
  glossary: Map<string, string>;
  conflicts: GlossaryConflict[];
}

export interface GlossaryOptions {
  /** Sections that are not categories (config categories.exclude). */
  exclude?: readonly string[] | undefined;
  /** Section pairs named in the config (sync.sections). */
  sections?: Readonly<Record<string, string>> | undefined;
  /** Fill tags no row translates from the seed glossary (default true). */
  seed?: boolean | undefined;
}

/** The glossary as a map; see `buildGlossary` for the conflicts. */
export function learnGlossary(
  primary: PaperList,
  translation: PaperList,
  fixed: Readonly<Record<string, string>> = {},
  options: GlossaryOptions = {},
): Map<string, string> {
  return buildGlossary(primary, translation, fixed, options).glossary;
}

export function buildGlossary(
  primary: PaperList,
  translation: PaperList,
  fixed: Readonly<Record<string, string>> = {},
  options: GlossaryOptions = {},
): LearnedGlossary {
  const { pairs } = pairLists(primary, translation, options.exclude, options.sections).rows;
  return resolveGlossary(votesOf(pairs), tagsOf(primary.rows), fixed, translation.path, options);
}

/** The tags of rows, each once, in order of first use. */
function tagsOf(rows: readonly PaperRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const t of r.tags ?? []) seen.add(t);
  return [...seen];
}

function votesOf(pairs: readonly [PaperRow, PaperRow][]): Map<string, Map<string, Votes>> {
  const votes = new Map<string, Map<string, Votes>>();
  for (const [p, t] of pairs) {
    if (!p.tags || !t.tags || p.tags.length !== t.tags.length) continue;
    p.tags.forEach((tag, i) => {
      const word = t.tags![i]!;
      let byWord = votes.get(tag);
      if (!byWord) votes.set(tag, (byWord = new Map()));
      const v = byWord.get(word) ?? { rows: 0, lines: [] };
      v.rows += 1;
      if (v.lines.length < 5) v.lines.push(t.line);
      byWord.set(word, v);
    });
  }
  return votes;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function resolveGlossary(
  votes: Map<string, Map<string, Votes>>,
  primaryTags: readonly string[],
  fixed: Readonly<Record<string, string>>,
  file: string,
  options: GlossaryOptions,
): LearnedGlossary {
  const seedOf = (tag: string) => (options.seed === false ? undefined : seedTranslation(tag));
  const count = (tag: string, word: string) => votes.get(tag)?.get(word)?.rows ?? 0;
  const total = (tag: string) =>
    [...(votes.get(tag)?.values() ?? [])].reduce((n, v) => n + v.rows, 0);
  // A tag is unanimous on a word when every row that pairs it gives that word.
  const unanimous = (tag: string, word: string) =>
    tag in fixed ? fixed[tag] === word : votes.get(tag)?.size === 1 && count(tag, word) > 0;

  // Each tag's translations, best first: most rows, then the seed's word, then by text.
  const ranked = new Map<string, string[]>();
  for (const [tag, byWord] of votes) {
    if (Object.hasOwn(fixed, tag)) continue;
    const seed = seedOf(tag);
    ranked.set(
      tag,
      [...byWord.keys()].sort(
        (a, b) =>
          count(tag, b) - count(tag, a) ||
          Number(b === seed) - Number(a === seed) ||
          compareText(a, b),
      ),
    );
  }
  // When tags want one word, it goes to the config's tag, then the seed's, then the tag most
  // rows pair it with, then the tag it translates most consistently.
  const stronger = (a: string, b: string, word: string): boolean => {
    const key = (tag: string) => [
      Number(fixed[tag] === word),
      Number(seedOf(tag) === word),
      count(tag, word),
      count(tag, word) / Math.max(1, total(tag)),
    ];
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i += 1) if (ka[i] !== kb[i]) return ka[i]! > kb[i]!;
    return compareText(a, b) < 0;
  };

  // Proposals (Gale-Shapley): each tag asks for its next word; a word keeps its strongest tag,
  // or several when every one of them is unanimous on it.
  const holders = new Map<string, string[]>();
  for (const [tag, word] of Object.entries(fixed))
    holders.set(word, [...(holders.get(word) ?? []), tag]);
  const next = new Map<string, number>();
  const queue = [...ranked.keys()];
  while (queue.length) {
    const tag = queue.shift()!;
    const list = ranked.get(tag)!;
    const i = next.get(tag) ?? 0;
    const word = list[i];
    if (word === undefined) continue; // every translation went to another tag
    next.set(tag, i + 1);
    const held = holders.get(word) ?? [];
    if (!held.length) {
      holders.set(word, [tag]);
      continue;
    }
    if (held.every((h) => unanimous(h, word)) && unanimous(tag, word)) {
      held.push(tag);
      continue;
    }
    const fixedHolder = held.some((h) => Object.hasOwn(fixed, h));
    if (!fixedHolder && held.every((h) => stronger(tag, h, word))) {
      holders.set(word, [tag]);
      queue.push(...held);
    } else queue.push(tag);
  }

  const glossary = new Map<string, string>();
  for (const [word, tags] of holders) for (const tag of tags) glossary.set(tag, word);
  // Tags no row translates (or whose words all went to other tags): the seed's word, when free.
  const taken = new Set(holders.keys());
  for (const tag of [...primaryTags, ...ranked.keys()]) {
    if (glossary.has(tag)) continue;
    const seed = seedOf(tag);
    if (seed !== undefined && !taken.has(seed)) {
      glossary.set(tag, seed);
      taken.add(seed);
    }
  }

  const conflicts: GlossaryConflict[] = [];
  const where = (v: Votes) =>
    `${file} line${v.lines.length === 1 ? '' : 's'} ${v.lines.join(', ')}`;
  const rowsText = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  for (const [tag, byWord] of votes) {
    if (byWord.size < 2) continue;
    const candidates = [...byWord]
      .map(([text, v]) => ({ text, rows: v.rows, lines: v.lines }))
      .sort((a, b) => b.rows - a.rows || compareText(a.text, b.text));
    const chosen = glossary.get(tag) ?? null;
    conflicts.push({
      kind: 'translations',
      tag,
      candidates,
      chosen,
      message: `\`${tag}\` is translated ${candidates.length} ways: ${candidates
        .map((c) => `\`${c.text}\` (${rowsText(c.rows)}, ${where(c)})`)
        .join(
          ', ',
        )}; ${chosen === null ? 'the glossary has no translation for it' : `the glossary uses \`${chosen}\``}${Object.hasOwn(fixed, tag) ? ' (sync.glossary)' : ''}`,
    });
  }
  // Words several tags pair with, unless every one of those tags is translated by it everywhere.
  const tagsByWord = new Map<string, Set<string>>();
  for (const [tag, byWord] of votes)
    for (const word of byWord.keys())
      (tagsByWord.get(word) ?? tagsByWord.set(word, new Set()).get(word)!).add(tag);
  for (const [tag, word] of Object.entries(fixed)) tagsByWord.get(word)?.add(tag);
  for (const [word, tags] of tagsByWord) {
    if (tags.size < 2 || [...tags].every((tag) => unanimous(tag, word))) continue;
    const candidates = [...tags]
      .map((tag) => {
        const v = votes.get(tag)?.get(word) ?? { rows: 0, lines: [] };
        return { text: tag, rows: v.rows, lines: v.lines };
      })
      .sort((a, b) => b.rows - a.rows || compareText(a.text, b.text));
    const owners = [...glossary].filter(([, w]) => w === word).map(([t]) => t);
    const chosen = owners.length === 1 ? owners[0]! : null;
    conflicts.push({
      kind: 'shared-word',
      translation: word,
      candidates,
      chosen,
      message: `\`${word}\` is the translation of ${candidates.length} tags: ${candidates
        .map(
          (c) => `\`${c.text}\` (${c.rows ? `${rowsText(c.rows)}, ${where(c)}` : 'sync.glossary'})`,
        )
        .join(
          ', ',
        )}; ${owners.length ? `the glossary keeps it for ${owners.map((o) => `\`${o}\``).join(' and ')}` : 'the glossary uses it for none of them'} (one word translates two tags only when both files use it for both everywhere)`,
    });
  }
  conflicts.sort(
    (a, b) =>
      compareText(
        a.kind === 'translations' ? a.tag : a.translation,
        b.kind === 'translations' ? b.tag : b.translation,
      ) || compareText(a.kind, b.kind),
  );
  return { glossary, conflicts };
}
