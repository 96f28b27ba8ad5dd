/**
 * Reading what an OpenAI-compatible server sends back, however it sends it: the JSON a model
 * wrote (plain, in a ```json fence, with prose around it, after a `<think>` block), and the
 * message of an error body in any of the shapes servers use (OpenAI `{error:{message,param}}`,
 * FastAPI/pydantic `{"detail": …}`, vLLM `{"object":"error","message":…}`, plain text or HTML).
 * Nothing here trusts the text: it only finds the JSON for the caller to validate.
 */

/** The JSON value in a model's text, or undefined when there is none. */
export function extractJson(
  raw: string,
  options: { wanted?: readonly string[]; prefer?: 'first' | 'last' } = {},
): unknown {
  const text = withoutThinking(raw.replace(/^\uFEFF/, '')).trim();
  if (text === '') return undefined;
  const whole = tryParse(text);
  if (whole.ok) return whole.value;

  const candidates: unknown[] = [];
  for (const fence of text.matchAll(/```[\w-]*[ \t]*\r?\n?([\s\S]*?)```/g)) {
    const parsed = tryParse(fence[1]!.trim());
    if (parsed.ok) candidates.push(parsed.value);
  }
  if (candidates.length === 0) candidates.push(...balancedValues(text));
  if (candidates.length === 0) return undefined;

  const wanted = options.wanted ?? [];
  const fits = (v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && wanted.every((k) => k in v);
  const fitting = candidates.filter(fits);
  const pool = fitting.length ? fitting : candidates;
  return options.prefer === 'last' ? pool[pool.length - 1] : pool[0];
}

/** The text without `<think>…</think>` blocks (and without everything before a lone `</think>`). */
export function withoutThinking(text: string): string {
  const out = text.replace(/<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi, ' ');
  // Some servers strip the opening tag and leave the closing one.
  const lone = /<\/(?:think|thinking|reasoning)>/i.exec(out);
  return lone ? out.slice(lone.index + lone[0].length) : out;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Every top-level `{…}` span of the text that parses as JSON, in order. */
function balancedValues(text: string): unknown[] {
  const values: unknown[] = [];
  let from = text.indexOf('{');
  let tries = 0;
  while (from !== -1 && tries < 200) {
    tries += 1;
    const end = matchingBrace(text, from);
    if (end !== -1) {
      const parsed = tryParse(text.slice(from, end + 1));
      if (parsed.ok) {
        values.push(parsed.value);
        from = text.indexOf('{', end + 1);
        continue;
      }
    }
    from = text.indexOf('{', from + 1);
  }
  return values;
}

/** Index of the `}` closing the `{` at `start` (strings and escapes respected), or -1. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth += 1;
    else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth === 0) return c === '}' ? i : -1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

/** What an error body says, whatever its shape. */
export interface ServerError {
  /** The server's message, one line, at most 300 characters; '' when the body was empty. */
  message: string;
  param: string | null;
  code: string | null;
  type: string | null;
}

export function readErrorBody(body: string): ServerError {
  const none: ServerError = { message: '', param: null, code: null, type: null };
  const text = body.trim();
  if (text === '') return none;
  const parsed = tryParse(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
    return { ...none, message: oneLine(looksLikeHtml(text) ? htmlText(text) : text) };
  }
  const value = parsed.value as Record<string, unknown>;
  const str = (v: unknown) =>
    typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
  // OpenAI, Azure, DeepSeek, Ollama: {"error": {"message", "type", "param", "code"}} or {"error": "…"}
  const error = value['error'];
  if (typeof error === 'string') return { ...none, message: oneLine(error) };
  if (typeof error === 'object' && error !== null) {
    const e = error as Record<string, unknown>;
    return {
      message: oneLine(str(e['message']) ?? JSON.stringify(error)),
      param: str(e['param']),
      code: str(e['code']),
      type: str(e['type']),
    };
  }
  // FastAPI / pydantic: {"detail": "…"} or {"detail": [{"loc": [...], "msg": "…", "type": "…"}]}
  const detail = value['detail'];
  if (typeof detail === 'string') return { ...none, message: oneLine(detail) };
  if (Array.isArray(detail)) {
    const items = detail.map((d) => {
      if (typeof d !== 'object' || d === null) return String(d);
      const item = d as Record<string, unknown>;
      const loc = Array.isArray(item['loc']) ? item['loc'].map(String).join('.') : '';
      const msg = str(item['msg']) ?? JSON.stringify(d);
      return loc ? `${loc}: ${msg}` : msg;
    });
    const first = detail[0] as Record<string, unknown> | undefined;
    const loc = Array.isArray(first?.['loc']) ? first['loc'].map(String) : [];
    return {
      message: oneLine(items.join('; ')),
      param: loc.length ? loc[loc.length - 1]! : null,
      code: null,
      type: str(first?.['type']),
    };
  }
  // vLLM and others: {"object": "error", "message": "…", "type": "…", "param": …, "code": 400}
  if (typeof value['message'] === 'string') {
    return {
      message: oneLine(value['message']),
      param: str(value['param']),
      code: str(value['code']),
      type: str(value['type']),
    };
  }
  return { ...none, message: oneLine(text) };
}

export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}

/** The visible text of an HTML page (title first), roughly. */
function htmlText(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim();
  const body = html.replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  return title ? `${title} (an HTML page)` : `${body} (an HTML page)`;
}

export function oneLine(text: string, max = 300): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
