import type { Finding, Severity } from './types.js';

export interface FileReport {
  path: string;
  findings: Finding[];
}

export interface LintReport {
  files: FileReport[];
  summary: { errors: number; warnings: number; infos: number };
}

export type Format = 'stylish' | 'json' | 'github';
export const FORMATS: readonly Format[] = ['stylish', 'json', 'github'];

export function summarise(files: FileReport[]): LintReport {
  const count = (s: Severity): number =>
    files.reduce((n, f) => n + f.findings.filter((x) => x.severity === s).length, 0);
  return {
    files,
    summary: { errors: count('error'), warnings: count('warning'), infos: count('info') },
  };
}

/** The report with warnings and info left out (`--quiet`). */
export function onlyErrors(report: LintReport): LintReport {
  return summarise(
    report.files.map((f) => ({
      path: f.path,
      findings: f.findings.filter((x) => x.severity === 'error'),
    })),
  );
}

/** Exactly `{"files":[{"path","findings":[…]}],"summary":{"errors","warnings","infos"}}`. */
export function formatJson(report: LintReport): string {
  const files = report.files.map((f) => ({
    path: f.path,
    findings: f.findings.map((x) => ({
      ruleId: x.ruleId,
      severity: x.severity,
      line: x.line,
      column: x.column,
      message: x.message,
      ...(x.fix ? { fix: { line: x.fix.line, text: x.fix.text } } : {}),
    })),
  }));
  return `${JSON.stringify({ files, summary: report.summary })}\n`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Like ESLint's stylish: a block per file, `line:col  severity  message  rule-id`. */
export function formatStylish(report: LintReport): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    out.push(file.path);
    const pos = file.findings.map((f) => `${f.line}:${f.column}`);
    const posWidth = Math.max(...pos.map((p) => p.length));
    for (const [i, f] of file.findings.entries()) {
      out.push(
        `  ${pos[i]!.padEnd(posWidth)}  ${f.severity.padEnd(7)}  ${f.message}${f.fix ? ' (fixable)' : ''}  ${f.ruleId}`,
      );
    }
    out.push('');
  }
  const { errors, warnings, infos } = report.summary;
  const fixable = report.files.reduce((n, f) => n + f.findings.filter((x) => x.fix).length, 0);
  if (errors + warnings + infos === 0)
    out.push(`No problems in ${plural(report.files.length, 'file')}.`);
  else {
    out.push(
      `${plural(errors + warnings + infos, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info)`,
    );
    if (fixable > 0) out.push(`${plural(fixable, 'problem')} can be fixed with \`--fix\`.`);
  }
  return `${out.join('\n')}\n`;
}

/** GitHub Actions workflow commands; values escaped as the runner expects (%, CR, LF; and `:`/`,` in properties). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: LintReport): string {
  const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
  const lines: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) {
      lines.push(
        `::${command[f.severity]} file=${escapeProperty(file.path)},line=${f.line},col=${f.column},title=${escapeProperty(f.ruleId)}::${escapeData(f.message)}`,
      );
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function formatReport(report: LintReport, format: Format): string {
  return format === 'json'
    ? formatJson(report)
    : format === 'github'
      ? formatGithub(report)
      : formatStylish(report);
}
