/**
 * Text from outside (abstracts, LLM replies) is data: before it is shown anywhere it loses HTML,
 * @-mentions, control characters and excess length; before it reaches a model, sentences that
 * address the model ("ignore previous instructions …") are taken out.
 */

/** Safe to show in a comment or a terminal: no HTML, no mentions, no control characters, capped. */
export function sanitizeText(text: string, maxChars = 300): string {
  const clean = text
    // Anything shaped like an API key or a GitHub token is never shown, whoever echoed it.
    .replace(/\b(?:sk|ghp|gho|ghu|ghs|ghr|github_pat)[-_][A-Za-z0-9_-]{12,}/g, '[redacted]')
    .replace(/<[^>]*>/g, ' ')
    .replace(/[<>]/g, ' ')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(/(^|[^\w])@(?=[\w-])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length > maxChars ? `${clean.slice(0, maxChars - 1).trimEnd()}…` : clean;
}

/**
 * Untrusted text made safe to place in a Markdown comment (a table cell, a list item): sanitised,
 * and nothing in it can build Markdown: pipes, brackets and backticks are escaped or replaced, so
 * no table breaks, no link or image (a tracking pixel) is formed; bare URLs get an invisible
 * word joiner after the scheme so GitHub does not turn them into links.
 */
export function markdownText(text: string, maxChars = 300, keepCode = false): string {
  const safe = sanitizeText(text, maxChars)
    .replace(/\\/g, '\\\\')
    .replace(/([|[\]])/g, '\\$1');
  // Our own messages quote values in code spans (`X`); escaped brackets keep those safe too.
  return (keepCode ? safe : safe.replace(/`/g, "'"))
    .replace(/:\/\//g, ':\u2060//')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\u2060.`);
}

/** At most `max` words, one sentence. */
export function capWords(text: string, max = 25): string {
  const ws = sanitizeText(text, 400).split(' ').filter(Boolean);
  return ws.length > max
    ? `${ws
        .slice(0, max)
        .join(' ')
        .replace(/[,;:]$/, '')}…`
    : ws.join(' ');
}

const ADDRESSED_TO_MODEL =
  /\b(?:ignore|disregard|forget|override)\b[^.!?\n]{0,60}\b(?:instructions?|prompts?|rules?|above|previous|prior)\b|\b(?:you are now|act as|respond (?:only )?with|answer (?:only )?with|reply (?:only )?with|classify (?:this|it|the paper) as|the correct (?:category|answer|label) is|system prompt|new (?:rules|instructions)|set (?:every|all|each|the) (?:confidences?|categor(?:y|ies)|labels?))\b/i;

/** Sentences of untrusted text that speak to the model, and the text without them. */
export function stripInstructions(text: string): { text: string; removed: string[] } {
  const sentences = text.split(/(?<=[.!?\n])\s+/);
  const removed = sentences.filter((s) => ADDRESSED_TO_MODEL.test(s));
  return { text: sentences.filter((s) => !ADDRESSED_TO_MODEL.test(s)).join(' '), removed };
}
