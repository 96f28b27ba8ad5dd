/**
 * The PR comment for a check result (the App posts it, the Action puts it in its summary, and
 * `curator check --format markdown` prints it). A hidden marker lets a bot find and edit its one
 * comment. Text from the list or a model is sanitised: no HTML, no mentions, pipes escaped. What
 * a maintainer copies (values quoted in messages, rows for the other file) comes out exactly as
 * written: code spans and fenced blocks, never escapes or invisible characters.
 */
import { markdownText } from '../classifier/sanitize.js';
import type { CheckFinding, CheckResult } from './check-pull-request.js';

export const COMMENT_MARKER = '<!-- awesome-curator:check -->';

const cell = (text: string): string => markdownText(text, 400);
/** Our messages, which quote values in code spans. */
const message = (text: string): string => markdownText(text, 600, true);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A fenced block no line of `text` can close early: longer than any backtick run in it. */
/** The name a pin gives a paper: its arXiv id, else its title key's text. */
function pinName(key: string): string {
  return cell(key.replace(/^arxiv:/, '').replace(/^title:/, '')).replace(/["`]/g, '');
}

export function fenced(text: string, info = ''): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, text, fence];
}

/**
 * A change worth no comment: no paper added, changed, moved or removed, and nothing found (a
 * badge, a typo in the introduction). The App stays quiet then, or says an earlier comment's
 * problems are resolved.
 */
export function isQuiet(r: CheckResult): boolean {
  return (
    r.added.length + r.changed.length + r.moved.length + r.removed.length === 0 &&
    r.findings.length === 0
  );
}

/** The body that replaces an earlier comment when a later push leaves nothing to say. */
export function renderResolvedComment(): string {
  return `${COMMENT_MARKER}\n### awesome-curator\n\nThe problems this comment listed earlier are resolved: the latest push changes no paper row and has no findings.\n`;
}

/**
 * "1 paper added, 1 changed, 0 removed" (and moves and renamed sections when there are any). A
 * paper counts once however many of the list's files it was added to, changed or removed in.
 */
export function describeChange(r: CheckResult): string {
  const papers = (refs: readonly { key: string }[]) => new Set(refs.map((x) => x.key)).size;
  const moved = papers(r.moved);
  const parts = [
    `${plural(papers(r.added), 'paper')} added`,
    `${papers(r.changed)} changed`,
    ...(moved ? [`${moved} moved`] : []),
    `${papers(r.removed)} removed`,
  ];
  const renamed = r.renamedSections.length
    ? `, ${plural(r.renamedSections.length, 'section')} renamed`
    : '';
  return `${parts.join(', ')}${renamed}`;
}

/** Every finding as a Markdown table (after a blank line), or nothing when there are none. */
export function renderFindingsTable(
  findings: readonly Pick<CheckFinding, 'file' | 'line' | 'ruleId' | 'message' | 'severity'>[],
  { severity = false } = {},
): string[] {
  if (findings.length === 0) return [];
  return [
    '',
    severity ? '| Where | Severity | Rule | Problem |' : '| Where | Rule | Problem |',
    severity ? '| :--- | :--- | :--- | :--- |' : '| :--- | :--- | :--- |',
    ...findings.map(
      (f) =>
        `| \`${f.file}:${f.line}\` |${severity ? ` ${f.severity} |` : ''} \`${f.ruleId}\` | ${message(f.message)} |`,
    ),
  ];
}

export function renderCheckComment(r: CheckResult): string {
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const warnings = r.findings.filter((f) => f.severity === 'warning').length;
  const out: string[] = [COMMENT_MARKER, '### awesome-curator', ''];
  out.push(
    `${describeChange(r)}: ` +
      (errors + warnings === 0
        ? 'no problems found.'
        : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`),
  );
  if (r.renamedSections.length) {
    out.push('');
    for (const s of r.renamedSections)
      out.push(
        `- Section renamed in \`${s.file}\` (line ${s.line}): "${cell(s.from)}" → "${cell(s.to)}".`,
      );
  }
  out.push(...renderFindingsTable(r.findings));
  if (r.classifications.length) {
    out.push(
      '',
      "**Where the added papers belong** (from the list's own guidelines):",
      '',
      '| Paper | Placed in | Verdict | Confidence | Why |',
      '| :--- | :--- | :--- | ---: | :--- |',
    );
    const titles = new Map([...r.added, ...r.moved].map((a) => [a.key, a.title]));
    for (const c of r.classifications) {
      const title = titles.get(c.key) ?? c.key;
      out.push(
        `| ${cell(title)} | ${cell(c.placedIn ?? '-')} | ${cell(c.section ?? 'does not belong in this list')} | ${c.confidence.toFixed(2)} | ${cell(c.rationale)} |`,
      );
    }
    // "Does not belong" is a suggestion: say how a maintainer who disagrees overrules it for good.
    const overruled = r.classifications.filter((c) => c.placedInCategory && c.category === null);
    if (overruled.length)
      out.push(
        '',
        `_If a paper belongs where it was placed, a maintainer can record that, and later checks, scans and \`/classify\` will agree: in \`.github/curator.yml\`, \`categories: { pin: { ${overruled
          .slice(0, 3)
          .map((c) => `"${pinName(c.key)}": ${c.placedInCategory}`)
          .join(', ')} } }\`._`,
      );
  }
  if (r.syncRows.length) {
    out.push('', '**Rows for the other language**, to change in the same pull request:');
    for (const s of r.syncRows)
      out.push(
        '',
        s.replaces === undefined
          ? `\`${s.file}\`, under "${cell(s.section)}", a new row:`
          : `\`${s.file}\` line ${s.replaces}, under "${cell(s.section)}": replace the row with`,
        '',
        ...fenced(s.row, 'markdown'),
      );
  }
  for (const n of r.notes) out.push('', `_${cell(n)}_`);
  return `${out.join('\n')}\n`;
}
