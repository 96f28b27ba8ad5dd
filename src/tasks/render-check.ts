/**
 * The PR comment for a check result (the App posts it, the Action puts it in its summary, and
 * `curator check --format markdown` prints it). A hidden marker lets a bot find and edit its one
 * comment. Text from the list or a model is sanitised: no HTML, no mentions, pipes escaped.
 */
import { markdownText } from '../classifier/sanitize.js';
import type { CheckResult } from './check-pull-request.js';

export const COMMENT_MARKER = '<!-- awesome-curator:check -->';

const cell = (text: string): string => markdownText(text, 400);
/** Our messages, which quote values from the list in code spans. */
const message = (text: string): string => markdownText(text, 400, true);

export function renderCheckComment(r: CheckResult): string {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const out: string[] = [COMMENT_MARKER, '### awesome-curator', ''];
  out.push(
    `${r.added.length} paper${r.added.length === 1 ? '' : 's'} added, ${r.changed.length} changed, ${r.removed.length} removed: ` +
      (errors + warnings === 0
        ? 'no problems found.'
        : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`),
  );
  if (r.findings.length) {
    out.push('', '| Where | Rule | Problem |', '| :--- | :--- | :--- |');
    for (const f of r.findings)
      out.push(`| \`${f.file}:${f.line}\` | \`${f.ruleId}\` | ${message(f.message)} |`);
  }
  if (r.classifications.length) {
    out.push(
      '',
      "**Where the added papers belong** (from the list's own guidelines):",
      '',
      '| Paper | Placed in | Verdict | Confidence | Why |',
      '| :--- | :--- | :--- | ---: | :--- |',
    );
    for (const c of r.classifications) {
      const title = r.added.find((a) => a.key === c.key)?.title ?? c.key;
      out.push(
        `| ${cell(title)} | ${cell(c.placedIn ?? '-')} | ${cell(c.section ?? 'does not belong in this list')} | ${c.confidence.toFixed(2)} | ${cell(c.rationale)} |`,
      );
    }
  }
  if (r.syncRows.length) {
    out.push('', '**Rows for the other language**, to add in the same pull request:');
    for (const s of r.syncRows)
      out.push(
        '',
        `\`${s.file}\`, under "${cell(s.section)}":`,
        '',
        '```markdown',
        s.row.replace(/```/g, "'''"),
        '```',
      );
  }
  for (const n of r.notes) out.push('', `_${cell(n)}_`);
  return `${out.join('\n')}\n`;
}
