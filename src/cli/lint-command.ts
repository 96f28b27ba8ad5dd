import { mkdir, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findTranslation, type CuratorConfig } from '../config/index.js';
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
import { expandInputs, folderFiles } from './lint-inputs.js';
import type { CliIo } from './io.js';
import { configResolver, usageError } from './read-input.js';
import { HOMEPAGE, VERSION } from './version.js';

export const LINT_USAGE = `Usage: curator lint [FILES|FOLDERS|GLOBS...] [-c PATH] [-f stylish|json|github|sarif] [-o FILE] [--fix]

Checks the paper tables of an awesome list. With no FILES, lints the list's files in the current
directory: README.md and its translation when there is one (README_CN.md, README_zh.md or another
usual name), or files.primary and files.translation as set in .github/curator.yml. A folder means
its list files the same way; a glob ('lists/**/*.md', quoted) the files it matches.

Each file uses the first .github/curator.yml found walking up from its folder to the repository
root (the folder holding .git), unless --config names one for all.

Options:
  -c, --config PATH         config file for every file (default: .github/curator.yml, found
                            walking up from each file's folder)
  -f, --format NAME         stylish (default), json, github (workflow commands for GitHub
                            Actions) or sarif (SARIF 2.1.0, for GitHub code scanning)
  -o, --output-file PATH    write the report to PATH instead of stdout
  --fix                     apply every available fix to the files, then report what remains
  -q, --quiet               report errors only (and say how many warnings were hidden)
  --max-warnings N          exit 1 when there are more than N warnings
  --rule ID=SEV             set a rule's severity for this run (off, error, warning, info), e.g.
                            --rule category=off; repeat for more rules; wins over the config file
  --report-unused-disable-directives
                            report curator-disable comments that silenced nothing (a warning)
  --print-config FILE       print the config FILE would be linted with, as JSON, and exit
  --jobs N                  files linted at once, each in its own thread (default: 2 when the
                            files add up to 16 MB or more, else 1)
  -h, --help                show this help

Colour: on when stdout is a terminal; NO_COLOR=1 turns it off, FORCE_COLOR=1 on.
Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 usage, file or
config problem.`;

/** Colour for a terminal: NO_COLOR (any non-empty value) wins, then FORCE_COLOR, then the TTY. */
export function useColor(io: Pick<CliIo, 'env' | 'stdoutIsTTY'>): boolean {
  const no = io.env['NO_COLOR'];
  if (no !== undefined && no !== '') return false;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdoutIsTTY ?? false;
}

function wholeNumber(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min)
    throw usageError(
      `${flag}: expected a whole number of at least ${min}, got "${value}"`,
      `For example ${flag} ${min}`,
    );
  return n;
}

type Severity = 'off' | 'error' | 'warning' | 'info';

export async function lintCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string', short: 'c' },
      format: { type: 'string', short: 'f', default: 'stylish' },
      fix: { type: 'boolean', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      'max-warnings': { type: 'string' },
      'output-file': { type: 'string', short: 'o' },
      'print-config': { type: 'string' },
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
  const maxWarnings =
    values['max-warnings'] === undefined
      ? undefined
      : wholeNumber('--max-warnings', values['max-warnings'], 0);
  const outputFile = values['output-file'];
  if (outputFile === '')
    throw usageError('--output-file: expected a path', 'For example -o lint-report.sarif');

  const severities: [string, Severity][] = [];
  for (const setting of values.rule ?? []) {
    const m = /^([a-z-]+)[=:](off|error|warning|info)$/.exec(setting);
    if (!m || !RULE_IDS.includes(m[1]!)) {
      throw usageError(
        `--rule: "${setting}" is not RULE=SEVERITY`,
        `Rules: ${RULE_IDS.join(', ')}; severities: off, error, warning, info`,
      );
    }
    severities.push([m[1]!, m[2] as Severity]);
  }
  const configs = configResolver(io, values.config, (config) => {
    // A severity from the command line keeps the rule's options from the config.
    for (const [id, severity] of severities) {
      const setting = config.rules[id];
      config.rules[id] =
        typeof setting === 'object' && setting.options
          ? { severity, options: setting.options }
          : severity;
    }
    if (values['report-unused-disable-directives']) config.reportUnusedDisableDirectives = true;
  });

  if (values['print-config'] !== undefined) {
    const abs = resolve(io.cwd, values['print-config']);
    const dir = (await stat(abs).catch(() => null))?.isDirectory() ? abs : dirname(abs);
    const { config } = await configs.forDir(dir);
    const { files } = await findTranslation(config, (p) => io.isFile(resolve(dir, p)));
    const printed = {
      ...config,
      files: { primary: files.primary, translation: files.translation },
    };
    io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
    return 0;
  }

  // No inputs: the current folder's list files (its config's files.primary and translation).
  const files: LintJob['files'] =
    positionals.length > 0
      ? await expandInputs(io, positionals, (dir) => configs.forDir(dir))
      : (await folderFiles(io, io.cwd, await configs.forDir(io.cwd), io.cwd)).map((abs) => ({
          path: relative(io.cwd, abs) || abs,
          abs,
        }));

  // Files that share a config are linted together; the report keeps the order of the inputs.
  const groups = new Map<CuratorConfig, LintJob['files']>();
  for (const file of files) {
    const { config } = await configs.forDir(dirname(file.abs));
    groups.set(config, [...(groups.get(config) ?? []), file]);
  }
  const results: LintFilesResult[] = [];
  for (const [config, group] of groups) {
    const jobs = await jobCount(values.jobs, group, io);
    if (jobs > 1 && io.lintInWorker) {
      // The first file here, the others in one worker: two cores halve a large pair's time.
      const [here, there] = await Promise.all([
        lintLocal({ files: group.slice(0, 1), companions: group, config, fix: values.fix }, io),
        io.lintInWorker({ files: group.slice(1), companions: group, config, fix: values.fix }),
      ]);
      results.push(here, there);
    } else {
      results.push(await lintLocal({ files: group, config, fix: values.fix }, io));
    }
  }
  const order = new Map(files.map((f, i) => [f.path, i]));
  const rank = (path: string): number => order.get(path) ?? 0;
  const result: LintFilesResult = {
    report: summarise(
      results.flatMap((r) => r.report.files).sort((a, b) => rank(a.path) - rank(b.path)),
    ),
    fixed: results.flatMap((r) => r.fixed).sort((a, b) => rank(a.path) - rank(b.path)),
  };
  for (const f of result.fixed) {
    io.stderr(`${f.path}: fixed ${f.applied} line${f.applied === 1 ? '' : 's'}\n`);
  }
  const report = values.quiet ? onlyErrors(result.report) : result.report;
  const { warnings: hiddenWarnings, infos: hiddenInfos } = result.report.summary;
  const options: Parameters<typeof formatReport>[2] = {
    color: format === 'stylish' && outputFile === undefined && useColor(io),
    ...(values.quiet ? { hidden: { warnings: hiddenWarnings, infos: hiddenInfos } } : {}),
    sarif: { version: VERSION, informationUri: HOMEPAGE },
  };
  const text = formatReport(report, format, options);
  if (outputFile !== undefined) {
    const abs = resolve(io.cwd, outputFile);
    try {
      await mkdir(dirname(abs), { recursive: true });
      await io.writeFile(abs, new TextEncoder().encode(text));
    } catch (cause) {
      const code = (cause as { code?: string }).code ?? String(cause);
      throw new CuratorError(`${outputFile}: the report cannot be written (${code})`, {
        hint: 'Check that the folder is writable, or leave out --output-file',
        cause,
      });
    }
    const { errors, warnings, infos } = report.summary;
    io.stdout(
      `curator lint: report written to ${outputFile} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info)\n`,
    );
  } else {
    io.stdout(text);
  }
  const { errors, warnings } = result.report.summary;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(
      `curator lint: too many warnings (${warnings}, more than --max-warnings ${maxWarnings})\n`,
    );
    return 1;
  }
  return errors > 0 ? 1 : 0;
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
