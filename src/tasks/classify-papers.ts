/**
 * Use case: classify papers into the list's categories.
 *
 * 1. Parse the list and read its guidelines (categories, definitions, keywords, listed papers).
 * 2. Classify each paper (offline classifier; the LLM classifier comes with the LLM client).
 * 3. Return one verdict per paper, in input order, with what ran.
 */
import type { CuratorConfig } from '../config/index.js';
import { readGuidelines } from '../classifier/guidelines.js';
import { offlineClassifier } from '../classifier/offline.js';
import { memoryCache, type VerdictCache } from '../classifier/cache.js';
import { cleanPaper, llmClassifier, type Spend } from '../classifier/llm-classifier.js';
import type { PaperInput, Verdict } from '../classifier/verdict.js';
import type { ArxivClient } from '../arxiv/index.js';
import { categorySections, decodeMarkdown, parseList } from '../list/index.js';
import { CuratorError } from '../errors.js';
import { createLlm, type Llm } from '../llm/client.js';
import { parseOptionsFrom } from './lint-files.js';

/**
 * The LLM of a run, or undefined (the offline classifier) with neither an API key nor a server
 * URL. The key and an endpoint override come from the door (environment, Action inputs); model,
 * endpoint and time-out from the config. A server URL alone is a keyless local server (Ollama,
 * vLLM): asked without an Authorization header.
 */
export function llmFromConfig(
  config: CuratorConfig,
  outside: { apiKey: string | undefined; baseURL?: string | undefined; fetch?: typeof fetch },
): Llm | undefined {
  const apiKey = outside.apiKey?.trim() || undefined;
  const baseURL = outside.baseURL?.trim() || config.llm.baseUrl || undefined;
  if (!apiKey && !baseURL) return undefined;
  return createLlm({
    apiKey,
    baseURL,
    model: config.llm.model,
    timeoutMs: config.llm.timeoutSeconds * 1000,
    ...(outside.fetch ? { fetch: outside.fetch } : {}),
  });
}

export type { PaperInput, Verdict } from '../classifier/verdict.js';
export type { Spend } from '../classifier/llm-classifier.js';
export {
  memoryCache,
  readCacheFile,
  renderCacheFile,
  trackingCache,
  type TrackingCache,
  type VerdictCache,
} from '../classifier/cache.js';
export type { Llm } from '../llm/client.js';
export type { ArxivClient } from '../arxiv/index.js';
export { parseArxivRef } from '../list/index.js';
export { VerdictSchema } from '../classifier/verdict-schema.js';
export { sanitizeText } from '../classifier/sanitize.js';

export interface ClassifyInput {
  list: { path: string; bytes: Uint8Array };
  config: CuratorConfig;
  papers: PaperInput[];
  /** The LLM to ask; without it every verdict is offline. */
  llm?: Llm | undefined;
  /** Verdicts already paid for (the CLI's cache file), filled with the new ones. */
  cache?: VerdictCache | undefined;
}

export interface ClassifyResult {
  verdicts: (Verdict & { id: string })[];
  /** Section headings that are categories, in list order. */
  categories: { id: string; section: string }[];
  /** What the LLM cost this run (null when it was not used). */
  spend: Spend | null;
  /** Problems with the config's pins (a pin naming no category is ignored), one sentence each. */
  notes?: string[];
}

export async function classifyPapers(input: ClassifyInput): Promise<ClassifyResult> {
  const { text } = decodeMarkdown(input.list.bytes, input.list.path);
  const list = parseList(text, input.list.path, parseOptionsFrom(input.config));
  const guidelines = readGuidelines(
    list,
    categorySections(list, input.config.categories.exclude),
    input.config.categories.overrides,
    input.config.categories.pin,
  );
  if (guidelines.categories.length === 0) {
    throw new CuratorError(
      `${input.list.path}: no category sections (sections that hold paper tables) to classify into`,
      {
        hint: 'Point --list at the README that holds the paper tables',
      },
    );
  }
  const offline = offlineClassifier(guidelines);
  const categories = guidelines.categories.map((c) => ({ id: c.id, section: c.section }));
  if (!input.llm) {
    return {
      verdicts: input.papers.map((p) => ({ id: p.id, ...offline.classify(cleanPaper(p)) })),
      categories,
      spend: null,
      notes: guidelines.pinProblems ?? [],
    };
  }
  const llm = llmClassifier({
    llm: input.llm,
    guidelines,
    offline,
    cache: input.cache ?? memoryCache(),
    budget: { maxRequests: input.config.llm.maxRequests, maxTokens: input.config.llm.maxTokens },
    batchSize: input.config.llm.batchSize,
  });
  const { verdicts, spend } = await llm.classify(input.papers);
  return {
    verdicts: verdicts.map((v, i) => ({ id: input.papers[i]!.id, ...v })),
    categories,
    spend,
    notes: guidelines.pinProblems ?? [],
  };
}

/** Papers from JSON lines `{"id","title","abstract"}`; a bad line is an error naming it. */
export function readPaperLines(text: string, path: string): PaperInput[] {
  const papers: PaperInput[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new CuratorError(`${path}:${i + 1}: not a JSON object`, {
        hint: 'Write one {"id","title","abstract"} object per line',
      });
    }
    const v = value as Record<string, unknown>;
    for (const key of ['id', 'title', 'abstract']) {
      if (typeof v?.[key] !== 'string') {
        throw new CuratorError(`${path}:${i + 1}: "${key}" must be a string`, {
          hint: 'Write one {"id","title","abstract"} object per line',
        });
      }
    }
    papers.push({
      id: v['id'] as string,
      title: v['title'] as string,
      abstract: v['abstract'] as string,
    });
  });
  return papers;
}

/** Papers looked up on arXiv by id (one request per 100 ids); ids arXiv does not know are returned apart. */
export async function lookupPapers(
  client: ArxivClient,
  ids: string[],
): Promise<{ papers: PaperInput[]; missing: string[] }> {
  const entries = await client.lookup(ids);
  const found = new Map(entries.map((e) => [e.id, e]));
  const papers: PaperInput[] = [];
  const missing: string[] = [];
  for (const ref of ids) {
    const id = ref.replace(/v\d+$/, '');
    const entry = found.get(id);
    if (!entry) missing.push(ref);
    // The version is part of the id a verdict is cached under: v2 may say something else.
    else
      papers.push({
        id: entry.version ? `${entry.id}v${entry.version}` : entry.id,
        title: entry.title,
        abstract: entry.abstract,
      });
  }
  return { papers, missing };
}
