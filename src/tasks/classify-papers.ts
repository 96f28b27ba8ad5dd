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
import type { PaperInput, Verdict } from '../classifier/verdict.js';
import { categorySections, decodeMarkdown, parseList } from '../list/index.js';
import { CuratorError } from '../errors.js';
import { parseOptionsFrom } from './lint-files.js';

export type { PaperInput, Verdict } from '../classifier/verdict.js';

export interface ClassifyInput {
  list: { path: string; bytes: Uint8Array };
  config: CuratorConfig;
  papers: PaperInput[];
}

export interface ClassifyResult {
  verdicts: (Verdict & { id: string })[];
  /** Section headings that are categories, in list order. */
  categories: { id: string; section: string }[];
}

export function classifyPapers(input: ClassifyInput): ClassifyResult {
  const { text } = decodeMarkdown(input.list.bytes, input.list.path);
  const list = parseList(text, input.list.path, parseOptionsFrom(input.config));
  const guidelines = readGuidelines(list, categorySections(list, input.config.categories.exclude));
  if (guidelines.categories.length === 0) {
    throw new CuratorError(
      `${input.list.path}: no category sections (sections that hold paper tables) to classify into`,
      {
        hint: 'Point --list at the README that holds the paper tables',
      },
    );
  }
  const classifier = offlineClassifier(guidelines);
  return {
    verdicts: input.papers.map((p) => ({ id: p.id, ...classifier.classify(p) })),
    categories: guidelines.categories.map((c) => ({ id: c.id, section: c.section })),
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
