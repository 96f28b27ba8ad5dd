/**
 * Text from outside (abstracts, LLM replies) is data: before it is shown anywhere it loses HTML,
 * @-mentions, control characters and excess length; before it reaches a model, sentences that
 * address the model ("ignore previous instructions …") are taken out.
 */

/** Safe to show in a comment or a terminal: no HTML, no mentions, no control characters, capped. */
export function sanitizeText(text: string, maxChars = 300): string {
  const clean = unmention(scrub(text))
    .replace(/<[^>]*>/g, ' ')
    .replace(/[<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cap(clean, maxChars);
}

/** Secrets redacted, control and direction characters taken out. */
function scrub(text: string): string {
  return (
    text
      // Anything shaped like an API key or a GitHub token is never shown, whoever echoed it.
      .replace(/\b(?:sk|ghp|gho|ghu|ghs|ghr|github_pat)[-_][A-Za-z0-9_-]{12,}/g, '[redacted]')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ')
  );
}

/** No @-mention (a code span mentions nobody, so this is for text outside code). */
const unmention = (text: string) => text.replace(/(^|[^\w])@(?=[\w-])/g, '$1');

const cap = (text: string, maxChars: number) =>
  text.length > maxChars ? `${text.slice(0, maxChars - 1).trimEnd()}…` : text;

/** Text outside code: nothing in it can build Markdown (table cells, links, images, autolinks). */
function inertMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|[\]])/g, '\\$1')
    .replace(/:\/\//g, ':\u2060//')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\u2060.`);
}

/**
 * Untrusted text made safe to place in a Markdown comment (a table cell, a list item): sanitised,
 * and nothing in it can build Markdown: pipes, brackets and backticks are escaped or replaced, so
 * no table breaks, no link or image (a tracking pixel) is formed; bare URLs get an invisible
 * word joiner after the scheme so GitHub does not turn them into links.
 *
 * With `keepCode` (our own messages, which quote values in code spans), code spans are kept as
 * they are: inside one, Markdown builds nothing (no link, image, HTML or mention), so the value is
 * shown, and copied, exactly as written: no backslashes, no invisible characters. Only a `|` is
 * escaped there, which GFM requires of a code span in a table cell. Outside code, `<` and `>` are
 * shown as such (`<id>` in "https://arxiv.org/abs/<id>" is a placeholder, not a tag to delete).
 */
export function markdownText(text: string, maxChars = 300, keepCode = false): string {
  if (!keepCode) return inertMarkdown(sanitizeText(text, maxChars).replace(/`/g, "'"));
  const source = cap(scrub(text).replace(/\s+/g, ' ').trim(), maxChars);
  const out: string[] = [];
  let from = 0;
  const plain = (end: number) => {
    if (end > from)
      out.push(
        inertMarkdown(unmention(source.slice(from, end)))
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;'),
      );
  };
  for (const run of source.matchAll(/`+/g)) {
    const at = run.index;
    if (at < from) continue; // inside a span already taken
    const ticks = run[0];
    // The span closes at the next run of exactly as many backticks (CommonMark).
    const close = new RegExp(`(?<!\`)${ticks}(?!\`)`, 'g');
    close.lastIndex = at + ticks.length;
    const end = close.exec(source);
    if (!end) continue;
    plain(at);
    out.push(
      ticks +
        source
          .slice(at + ticks.length, end.index)
          .replace(/(\\*)\|/g, (m, s: string) => (s.length % 2 ? m : `${s}\\|`)) +
        ticks,
    );
    from = end.index + ticks.length;
  }
  plain(source.length);
  return out.join('');
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
