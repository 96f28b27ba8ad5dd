/**
 * The `Retry-After` header (RFC 9110 §10.2.3): either delay-seconds or an HTTP date. Returns the
 * wait in milliseconds from `nowMs`, or null when the header is absent or unreadable (the caller
 * then falls back to its own backoff).
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // HTTP dates always name a day and month; this keeps Date.parse from reading '-5' as a year.
  if (!/[a-z]/i.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
