/**
 * Comment commands, read and answered without GitHub: `/classify [ids or URLs]`,
 * `/curator scan`, `/curator add` and `/curator translate`. The door (the App) decides who may run them and posts the
 * replies this module renders. Everything quoted back (titles, rationales, what a commenter typed)
 * is sanitised: no HTML, no mentions, no table breaks.
 */
import { markdownText } from '../classifier/sanitize.js';
import { canonicalArxivUrl, parseArxivRef } from '../list/index.js';
import type { ClassifyResult, PaperInput } from './classify-papers.js';

/** A command answers at most this many papers (bounded work and LLM spend per comment). */
export const MAX_COMMAND_PAPERS = 20;

export type Command =
  | { kind: 'classify'; ids: string[]; notUnderstood: string[]; dropped: number }
  | { kind: 'scan' }
  | { kind: 'add' }
  | { kind: 'translate' }
  | { kind: 'curator-help'; word: string };

const CLASSIFY = /^\/classify(?=\s|$)(.*)$/;
const CURATOR = /^\/curator(?=\s|$)\s*(\S*)/;

/** The command a comment starts with, or null. Only the first non-blank line counts. */
export function parseCommand(body: string): Command | null {
  const first =
    body
      .replace(/^\uFEFF/, '')
      .trimStart()
      .split(/\r?\n/, 1)[0]
      ?.trim() ?? '';
  const classify = CLASSIFY.exec(first);
  if (classify) {
    const words = classify[1]!.split(/[\s,]+/).filter(Boolean);
    const ids: string[] = [];
    const notUnderstood: string[] = [];
    for (const word of words) {
      const ref = parseArxivRef(word.replace(/^<|>$/g, ''));
      if (!ref) notUnderstood.push(word);
      else {
        const id = ref.version ? `${ref.id}v${ref.version}` : ref.id;
        if (!ids.includes(id)) ids.push(id);
      }
    }
    return {
      kind: 'classify',
      ids: ids.slice(0, MAX_COMMAND_PAPERS),
      notUnderstood: notUnderstood.slice(0, 5),
      dropped: Math.max(0, ids.length - MAX_COMMAND_PAPERS),
    };
  }
  const curator = CURATOR.exec(first);
  if (curator) {
    const word = curator[1]!.toLowerCase();
    if (word === 'scan') return { kind: 'scan' };
    if (word === 'add') return { kind: 'add' };
    if (word === 'translate') return { kind: 'translate' };
    return { kind: 'curator-help', word };
  }
  return null;
}

const LINK =
  /(?:https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/|\barxiv:\s*)([a-z-]+(?:\.[A-Z]{2})?\/\d{7}|\d{4}\.\d{4,5})(v\d+)?/gi;

/** arXiv ids linked or cited (`arXiv:`) in free text such as an issue, in order, without duplicates. */
export function arxivIdsIn(text: string): string[] {
  const ids: string[] = [];
  for (const m of text.matchAll(LINK)) {
    const ref = parseArxivRef(`arXiv:${m[1]}${m[2] ?? ''}`);
    if (ref && !ids.includes(ref.id)) ids.push(ref.id);
  }
  return ids;
}

const cell = (text: string, max = 300): string => markdownText(text, max);

export interface ClassifyReplyInput {
  papers: PaperInput[];
  result: Pick<ClassifyResult, 'verdicts' | 'spend'>;
  /** Ids arXiv does not know. */
  missing?: string[];
  notUnderstood?: string[];
  dropped?: number;
  /** One line on what could not be used (an LLM or arXiv failure) and what was used instead. */
  notes?: string[];
}

/** The reply's hidden marker, tied to the comment it answers (a redelivery finds it and stops). */
export const replyMarker = (commentId: number): string =>
  `<!-- awesome-curator:classify reply-to=${commentId} -->`;
export const REPLY_MARKER_PREFIX = '<!-- awesome-curator:classify ';

/** The verdict table; `marker` starts the body (a reply's, or the issue verdict comment's). */
export function renderClassifyReply(marker: string, input: ClassifyReplyInput): string {
  const out = [marker, '### awesome-curator: where these papers belong', ''];
  const { verdicts } = input.result;
  if (verdicts.length) {
    out.push(
      '| Paper | Section | Confidence | Why | Suggested tags |',
      '| :--- | :--- | ---: | :--- | :--- |',
    );
    verdicts.forEach((v, i) => {
      const paper = input.papers[i];
      const id = v.id.replace(/v\d+$/, '');
      const title = cell(paper?.title ?? id, 200);
      const name = parseArxivRef(id) ? `[${title}](${canonicalArxivUrl(id)})` : title;
      out.push(
        `| ${name} | ${v.section ? cell(v.section, 120) : 'does not belong in this list'} | ${v.confidence.toFixed(2)} | ${cell(v.rationale)} | ${v.tags.map((t) => cell(t, 40)).join(', ') || '-'} |`,
      );
    });
    const sources = new Set(verdicts.map((v) => v.source));
    out.push(
      '',
      `_Classified ${sources.has('llm') ? 'by the LLM' : "offline, from the list's own guidelines"}${sources.size > 1 ? ' (some offline after an LLM failure)' : ''}._`,
    );
  } else out.push('No papers to classify.');
  if (input.missing?.length)
    out.push(
      '',
      `arXiv does not know: ${input.missing.map((m) => `\`${cell(m, 40)}\``).join(', ')}.`,
    );
  if (input.notUnderstood?.length)
    out.push(
      '',
      `Not read as arXiv ids or URLs: ${input.notUnderstood.map((w) => `\`${cell(w, 60)}\``).join(', ')}.`,
    );
  if (input.dropped)
    out.push(
      '',
      `${input.dropped} more ids were left out: at most ${MAX_COMMAND_PAPERS} per command.`,
    );
  for (const n of input.notes ?? []) out.push('', `_${cell(n)}_`);
  return `${out.join('\n')}\n`;
}
