/**
 * Why papers were answered by the offline classifier although an LLM was configured, in one
 * sentence for a comment or a PR body: grouped by reason, so a withheld paper is not reported as
 * an LLM failure.
 */
export function describeOffline(
  offline: readonly { id: string; reason: string }[],
  clip: (text: string) => string = (t) => t,
): string {
  if (!offline.length) return '';
  const byReason = groupReasons(offline);
  const papers = (n: number) => `${n} paper${n === 1 ? '' : 's'}`;
  const parts = [...byReason].map(([reason, n]) =>
    reason.startsWith('withheld')
      ? `${papers(n)} ${clip(reason)}`
      : `${papers(n)} classified offline (${clip(reason)})`,
  );
  return `${parts.join('; ')}; their verdicts come from the list's own guidelines.`;
}

/** How many papers fell back for each reason, in the order the reasons first came up. */
export function groupReasons(offline: readonly { reason: string }[]): Map<string, number> {
  const byReason = new Map<string, number>();
  for (const o of offline) byReason.set(o.reason, (byReason.get(o.reason) ?? 0) + 1);
  return byReason;
}
