import { describeError, CuratorError } from '../errors.js';
import { loadMarkdown } from '../tasks/markdown-parser.js';
import type { CliIo } from './io.js';
import { VERSION } from './version.js';

export type { CliIo } from './io.js';
export { workerLinter } from './parallel.js';

const USAGE = `Usage: curator <command> [options]

Commands:
  lint [FILES...]   check the paper tables of the list (--fix repairs what it can)
  classify [IDS]    place papers in the list's categories
  scan              propose new papers from arXiv for both READMEs (dry run unless --write)
  sync              compare README.md with README_CN.md paper by paper (--fix adds missing rows)
  check             check a change to the list against a base version (a pull request's check)
  translate         write the translation (README_CN.md) from README.md, or complete it
  papers [FILES]    the list's papers as JSON, CSV or BibTeX
  init [FILES]      learn the list's columns and style and write .github/curator.yml

Options:
  -h, --help        show this help
  -v, --version     print the version

Run \`curator <command> --help\` for a command's options.`;

// Commands load on demand: `lint` never pays for the classifier's LLM client, and so on.
const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  lint: async (args, io) => (await import('./lint-command.js')).lintCommand(args, io),
  classify: async (args, io) => (await import('./classify-command.js')).classifyCommand(args, io),
  scan: async (args, io) => (await import('./scan-command.js')).scanCommand(args, io),
  sync: async (args, io) => (await import('./sync-command.js')).syncCommand(args, io),
  check: async (args, io) => (await import('./check-command.js')).checkCommand(args, io),
  translate: async (args, io) =>
    (await import('./translate-command.js')).translateCommand(args, io),
  papers: async (args, io) => (await import('./papers-command.js')).papersCommand(args, io),
  init: async (args, io) => (await import('./init-command.js')).initCommand(args, io),
};

// Each command's help text, which lists its options (for "did you mean"); the module is loaded by then.
const USAGES: Record<string, () => Promise<string>> = {
  lint: async () => (await import('./lint-command.js')).LINT_USAGE,
  classify: async () => (await import('./classify-command.js')).CLASSIFY_USAGE,
  scan: async () => (await import('./scan-command.js')).SCAN_USAGE,
  sync: async () => (await import('./sync-command.js')).SYNC_USAGE,
  check: async () => (await import('./check-command.js')).CHECK_USAGE,
  translate: async () => (await import('./translate-command.js')).TRANSLATE_USAGE,
  papers: async () => (await import('./papers-command.js')).PAPERS_USAGE,
  init: async () => (await import('./init-command.js')).INIT_USAGE,
};

/** Edits from `a` to `b`: insertions, deletions, substitutions and swaps of two neighbours. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1)
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  return d[a.length]![b.length]!;
}

/**
 * The closest of `candidates` to `word` (the first of equals), when it is close enough to be a
 * typo of it: at most 2 edits, or a third of its length for long names.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  if (best === null) return null;
  const limit = Math.max(2, Math.floor(best.length / 3));
  return bestDistance <= limit && bestDistance < Math.max(word.length, best.length) ? best : null;
}

/** The long options a help text lists (`--format`, `--no-cache`, …). */
function optionsOf(usage: string): string[] {
  return [...new Set(usage.match(/--[a-z][a-z0-9-]*/g) ?? [])];
}

/**
 * One line for node:util parseArgs's errors, without its quotes: an unknown option (with the
 * closest known one), a missing value, a value for a switch, an unexpected argument.
 */
async function parseArgsMessage(name: string, error: Error & { code: string }): Promise<string> {
  const first = error.message.split('\n')[0]!;
  const quoted = /'([^']*)'/.exec(first)?.[1];
  const help = `Run \`curator ${name} --help\` for the options.`;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted !== undefined) {
    const usage = await USAGES[name]?.().catch(() => '');
    const long = quoted.startsWith('--') ? quoted.replace(/=.*$/, '') : quoted;
    const guess = long.startsWith('--') ? didYouMean(long, optionsOf(usage ?? '')) : null;
    return `unknown option ${long}. ${guess ? `Did you mean ${guess}?` : help}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted !== undefined) {
    const option = quoted.replace(/ <value>$/, '').replace(/^-\w, /, '');
    if (/ argument is ambiguous/.test(first)) {
      // `--max-warnings -1`, `-o -q`: the value looks like an option.
      const long = /use '(--[^=']+)=/.exec(error.message)?.[1] ?? option;
      return `${option} needs a value; for a value that starts with -, write ${long}=VALUE. ${help}`;
    }
    return / argument missing/.test(first)
      ? `${option} needs a value. ${help}`
      : `${option} takes no value. ${help}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && quoted !== undefined)
    return `unexpected argument ${quoted}: this command takes no files or ids. ${help}`;
  return `${first.replace(/'/g, '')}. ${help}`;
}

/** The CLI: returns the exit code. User mistakes print one line and give 2; bugs are thrown. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    if (name.startsWith('-')) {
      const guess = didYouMean(name.replace(/=.*$/, ''), ['--help', '--version']);
      io.stderr(
        `curator: unknown option ${name.replace(/=.*$/, '')}. ${guess ? `Did you mean ${guess}?` : 'Run `curator --help`.'}\n`,
      );
      return 2;
    }
    const guess = didYouMean(name, Object.keys(COMMANDS));
    io.stderr(
      guess
        ? `curator: unknown command "${name}". Did you mean ${guess}? Run \`curator --help\`.\n`
        : `curator: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run \`curator --help\`.\n`,
    );
    return 2;
  }
  try {
    // The Markdown parser is loaded on demand in the built CLI: `lint` asks for it when a file
    // needs it (lint-local.ts); the other commands have it from the start.
    if (name !== 'lint') await loadMarkdown();
    return await command(args, io);
  } catch (error) {
    if (error instanceof CuratorError) {
      io.stderr(`curator ${name}: ${describeError(error)}\n`);
      // A service that did not answer (errors.ts ServiceUnavailableError, which names it) is not
      // the user's mistake: exit 4.
      return 'service' in error ? 4 : 2;
    }
    // node:util parseArgs reports unknown options and missing values with these codes.
    const code = (error as { code?: string }).code;
    if (code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(
        `curator ${name}: ${await parseArgsMessage(name, error as Error & { code: string })}\n`,
      );
      return 2;
    }
    throw error;
  }
}
