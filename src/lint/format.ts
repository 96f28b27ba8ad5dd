import { formatSarif, type SarifOptions } from './sarif.js';
import type { Finding, Severity } from './types.js';

export interface FileReport {
  path: string;
  findings: Finding[];
}

export interface LintReport {
  files: FileReport[];
  summary: { errors: number; warnings: number; infos: number };
}

export type Format = 'stylish' | 'json' | 'github' | 'sarif';
export const FORMATS: readonly Format[] = ['stylish', 'json', 'github', 'sarif'];

/** How a report is printed, beyond its format. */
export interface FormatOptions {
  /** ANSI colours in `stylish` (a terminal, or FORCE_COLOR); the other formats never colour. */
  color?: boolean;
  /** Findings `--quiet` left out, so `stylish` says so instead of "No problems". */
  hidden?: { warnings: number; infos: number };
  /** The tool's version and home page, for `sarif`. */
  sarif?: SarifOptions;
}

const ANSI = {
  red: ['\x1b[31m', '\x1b[39m'],
  yellow: ['\x1b[33m', '\x1b[39m'],
  cyan: ['\x1b[36m', '\x1b[39m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  bold: ['\x1b[1m', '\x1b[22m'],
  underline: ['\x1b[4m', '\x1b[24m'],
} as const;
type Paint = (style: keyof typeof ANSI, text: string) => string;
const paintWith =
  (color: boolean): Paint =>
  (style, text) =>
    color ? `${ANSI[style][0]}${text}${ANSI[style][1]}` : text;
const SEVERITY_STYLE: Record<Severity, keyof typeof ANSI> = {
  error: 'red',
  warning: 'yellow',
  info: 'cyan',
};

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

/**
 * Like ESLint's stylish: a block per file, `line:col  severity  message  rule-id`. With `color`, the
 * severity words and the summary are coloured (red errors, yellow warnings, cyan info), the path
 * underlined and the position and rule id dimmed; without it the text is exactly the plain form.
 */
export function formatStylish(report: LintReport, options: FormatOptions = {}): string {
  const paint = paintWith(options.color ?? false);
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    out.push(paint('underline', file.path));
    const pos = file.findings.map((f) => `${f.line}:${f.column}`);
    const posWidth = Math.max(...pos.map((p) => p.length));
    for (const [i, f] of file.findings.entries()) {
      out.push(
        `  ${paint('dim', pos[i]!.padEnd(posWidth))}  ${paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(7))}  ${f.message}${f.fix ? ' (fixable)' : ''}  ${paint('dim', f.ruleId)}`,
      );
    }
    out.push('');
  }
  const { errors, warnings, infos } = report.summary;
  const fixable = report.files.reduce((n, f) => n + f.findings.filter((x) => x.fix).length, 0);
  const hidden = options.hidden ?? { warnings: 0, infos: 0 };
  const hiddenText = [
    ...(hidden.warnings > 0 ? [plural(hidden.warnings, 'warning')] : []),
    ...(hidden.infos > 0 ? [`${hidden.infos} info`] : []),
  ].join(' and ');
  if (errors + warnings + infos === 0) {
    if (hiddenText)
      out.push(
        `No errors in ${plural(report.files.length, 'file')}; ${paint(hidden.warnings > 0 ? 'yellow' : 'cyan', hiddenText)} hidden by --quiet.`,
      );
    else out.push(`No problems in ${plural(report.files.length, 'file')}.`);
  } else {
    const worst = errors > 0 ? 'red' : warnings > 0 ? 'yellow' : 'cyan';
    out.push(
      paint(
        worst,
        paint(
          'bold',
          `${plural(errors + warnings + infos, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${infos} info)`,
        ),
      ),
    );
    if (fixable > 0) out.push(`${plural(fixable, 'problem')} can be fixed with \`--fix\`.`);
    if (hiddenText) out.push(`${hiddenText} hidden by --quiet.`);
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

export function formatReport(
  report: LintReport,
  format: Format,
  options: FormatOptions = {},
): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'github':
      return formatGithub(report);
    case 'sarif':
      return formatSarif(
        report,
        options.sarif ?? {
          version: '0.0.0',
          informationUri: 'https://github.com/awesome-curator/awesome-curator',
        },
      );
    default:
      return formatStylish(report, options);
  }
}
