import { describeError, CuratorError } from '../errors.js';
import type { CliIo } from './io.js';
import { LINT_USAGE } from './lint-command.js';

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
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(
      `curator: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run \`curator --help\`.\n`,
    );
    return 2;
  }
  try {
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
      io.stderr(`curator ${name}: ${(error as Error).message}. Run \`curator ${name} --help\`.\n`);
      if (name === 'lint') io.stderr(`${LINT_USAGE.split('\n')[0]}\n`);
      return 2;
    }
    throw error;
  }
}
