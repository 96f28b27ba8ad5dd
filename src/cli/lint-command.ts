import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TRANSLATION_NAMES } from '../config/index.js';
import { CuratorError } from '../errors.js';
import {
  FORMATS,
  formatReport,
  onlyErrors,
  RULE_IDS,
  summarise,
  type Format,
  type LintFilesResult,
} from '../tasks/lint-files.js';
import { lintLocal, type LintJob } from './lint-local.js';
import type { CliIo } from './io.js';
import { loadCliConfig, readInput, translationPath, usageError } from './read-input.js';

export const LINT_USAGE = `Usage: curator lint [FILES...] [--config PATH] [--format stylish|json|github] [--fix]

Checks the paper tables of an awesome list. With no FILES, lints the list's files in the current
directory: README.md and its translation when there is one (README_CN.md, README_zh.md or another
usual name), or files.primary and files.translation as set in .github/curator.yml.

Options:
  --config PATH   config file (default: .github/curator.yml when it exists)
  --format NAME   stylish (default), json, or github (workflow commands for GitHub Actions)
  --fix           apply every available fix to the files, then report what remains
  --quiet         report errors only (no warnings or info)
  --rule ID=SEV   set a rule's severity for this run (off, error, warning, info), e.g.
                  --rule category=off; repeat for more rules; wins over the config file
  --report-unused-disable-directives
                  report curator-disable comments that silenced nothing (a warning)
  --jobs N        files linted at once, each in its own thread (default: 2 when the files
                  add up to 16 MB or more, else 1)
  -h, --help      show this help

Exit codes: 0 no errors, 1 errors found, 2 usage, file or config problem.`;

export async function lintCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string' },
      format: { type: 'string', default: 'stylish' },
      fix: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      jobs: { type: 'string' },
      rule: { type: 'string', multiple: true },
      'report-unused-disable-directives': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${LINT_USAGE}\n`);
    return 0;
  }
  if (!FORMATS.includes(values.format as Format))
    throw usageError(
      `--format: unknown format "${values.format}"`,
      `Use one of ${FORMATS.join(', ')}`,
    );
  const format = values.format as Format;

  const config = await loadCliConfig(io, values.config);
  for (const setting of values.rule ?? []) {
    const m = /^([a-z-]+)[=:](off|error|warning|info)$/.exec(setting);
    if (!m || !RULE_IDS.includes(m[1]!)) {
      throw usageError(
        `--rule: "${setting}" is not RULE=SEVERITY`,
        `Rules: ${RULE_IDS.join(', ')}; severities: off, error, warning, info`,
      );
    }
    config.rules[m[1]!] = m[2] as 'off' | 'error' | 'warning' | 'info';
  }
  if (values['report-unused-disable-directives']) config.reportUnusedDisableDirectives = true;

  let paths = positionals;
  if (paths.length === 0) {
    // The list's files: the primary, and the translation when the list has one (found by its
    // usual name, or named in the config, which must then exist).
    const { primary, translation } = config.files;
    const hasPrimary = await io.isFile(resolve(io.cwd, primary));
    if (!hasPrimary && translation === null)
      throw new CuratorError(`no ${primary} or ${TRANSLATION_NAMES[0]} in ${io.cwd}`, {
        hint: "Run curator in the list's folder, or name the files: curator lint path/to/README.md",
      });
    const found = await translationPath(io, config);
    paths = [...(hasPrimary ? [primary] : []), ...(found ? [found] : [])];
  }
  const files: LintJob['files'] = [];
  for (const p of paths) {
    const abs = resolve(io.cwd, p);
    // Check every file exists before linting any, so a typo fails fast and changes nothing.
    if (!(await io.isFile(abs))) await readInput(io, abs, p);
    files.push({ path: relative(io.cwd, abs) || p, abs });
  }

  const jobs = await jobCount(values.jobs, files, io);
  let result: LintFilesResult;
  if (jobs > 1 && io.lintInWorker) {
    // The first file here, the others in one worker: two cores halve a large pair's time.
    const [here, there] = await Promise.all([
      lintLocal({ files: files.slice(0, 1), config, fix: values.fix }, io),
      io.lintInWorker({ files: files.slice(1), config, fix: values.fix }),
    ]);
    result = {
      report: summarise([...here.report.files, ...there.report.files]),
      fixed: [...here.fixed, ...there.fixed],
    };
  } else {
    result = await lintLocal({ files, config, fix: values.fix }, io);
  }
  for (const f of result.fixed) {
    io.stderr(`${f.path}: fixed ${f.applied} line${f.applied === 1 ? '' : 's'}\n`);
  }
  const report = values.quiet ? onlyErrors(result.report) : result.report;
  io.stdout(formatReport(report, format));
  return result.report.summary.errors > 0 ? 1 : 0;
}

/** Files worth a second thread: 16 MB or more in all (below that a worker's start-up costs more). */
const PARALLEL_BYTES = 16 * 1024 * 1024;

async function jobCount(
  flag: string | undefined,
  files: LintJob['files'],
  io: CliIo,
): Promise<number> {
  if (flag !== undefined) {
    const n = Number(flag);
    if (!Number.isInteger(n) || n < 1)
      throw usageError(
        `--jobs: expected a whole number of at least 1, got "${flag}"`,
        'Use --jobs 1 to lint in one thread',
      );
    return Math.min(n, 2, files.length);
  }
  if (files.length < 2 || !io.fileSize) return 1;
  let total = 0;
  for (const f of files) total += await io.fileSize(f.abs);
  return total >= PARALLEL_BYTES ? 2 : 1;
}
