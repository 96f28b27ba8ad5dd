/**
 * The offline TL;DR: the abstract's sentence that says what the paper does ("we propose…", "this
 * paper introduces…"), never its background ("Long contexts are costly for LLMs."), shortened to
 * 25 words. Abstracts open with the problem and close with results; the contribution sits in
 * between and announces itself.
 */
import { capWords } from './sanitize.js';

/** Sentences that state the paper's own contribution. */
const CONTRIBUTION =
  /\b(?:we|this (?:paper|work|study|article)|our (?:method|approach|framework|work)|here,? we|in this (?:paper|work),? we)\s+(?:(?:\w+ly|further|also|first|thus|therefore|then|hence|here)\s+)?(?:propose|present|introduce|develop|design|describe|build|devise|offer|put forward|contribute|formulate)s?\b|\b(?:we|this (?:paper|work))\s+puts?\s+forward\b/i;
/** "X, a method that…", "X is a framework…": a named method being defined. */
const NAMED_METHOD =
  /^[\p{Lu}\p{N}][\p{L}\p{N}-]*(?:\s*\([^)]*\))?\s*(?:,\s*an?\s|is an?\s)(?:[\w-]+\s){0,4}?(?:method|approach|framework|technique|system|compressor|model|algorithm|scheme|strategy)\b/u;
/** Sentences that set the scene or report results rather than say what is done. */
const BACKGROUND =
  /^(?:however|recently|nowadays|although|while|despite|existing|current|prior|previous|large language models|llms|transformers?|long[- ]context|as\b)|\b(?:is|are|has been|have been|remains?|becomes?) (?:crucial|critical|essential|important|challenging|costly|expensive|a (?:key|major|critical|significant) (?:challenge|bottleneck|problem))\b|\bhave (?:shown|demonstrated|achieved)\b|\bsuffers? from\b/i;
const RESULT =
  /^(?:experiments?|results?|extensive|evaluations?|empirical|on \w+ benchmarks)\b|\b(?:outperforms?|achieves?|surpass(?:es)?|experiments (?:show|demonstrate)|code is available|is (?:publicly )?available at)\b/i;
const METHOD_VERBS =
  /\b(?:compress|prun|evict|quantiz|select|drop|summari[sz]|encod|distil|merg|retriev|cach|offload|filter|condens|shorten|learn|train)/i;

/** Splits on sentence ends, keeping "e.g. X" and "et al. X" in their sentence. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  for (const piece of text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"“(])/u)) {
    const last = out[out.length - 1];
    if (last !== undefined && /\b(?:e\.g|i\.e|et al|vs|cf)\.$/i.test(last))
      out[out.length - 1] = `${last} ${piece}`;
    else if (piece !== '') out.push(piece);
  }
  return out;
}

function score(s: string, index: number): number {
  let n = 0;
  const contribution = CONTRIBUTION.test(s) || NAMED_METHOD.test(s);
  // A contribution outweighs any background opening ("As a remedy, we propose …") or a result
  // stated in the same sentence ("we propose X, which outperforms …").
  if (CONTRIBUTION.test(s)) n += 6;
  if (NAMED_METHOD.test(s)) n += 5;
  if (METHOD_VERBS.test(s)) n += 1;
  if (BACKGROUND.test(s)) n -= 3;
  if (RESULT.test(s) && !contribution) n -= 2;
  // Of two equally good sentences the earlier one, as the abstract's own order suggests.
  return n - index * 0.01;
}

/** "In this paper, we propose X" -> "We propose X": the preamble says nothing. */
function trimPreamble(s: string): string {
  const t = s
    .replace(
      /^(?:in this (?:paper|work|study)|here|to (?:this end|address (?:this|these)[^,]*)),\s*/i,
      '',
    )
    .replace(/^(?:in this (?:paper|work|study)|here)\s+(?=we\b)/i, '');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** The sentence of `abstract` that says what the paper does, in at most `maxWords` words. */
export function contributionSentence(abstract: string, maxWords = 25): string {
  const all = sentences(abstract);
  if (all.length === 0) return '';
  let best = all[0]!;
  let bestScore = -Infinity;
  all.forEach((s, i) => {
    const n = score(s, i);
    if (n > bestScore) {
      best = s;
      bestScore = n;
    }
  });
  return capWords(trimPreamble(best), maxWords);
}
