import { mkdir } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG, findTranslation, type CuratorConfig } from '../config/index.js';
import { CuratorError, describeError } from '../errors.js';
import { initConfig, type InitConfigInput } from '../tasks/init-config.js';
import { readConfig } from '../tasks/lint-files.js';
import type { CliIo } from './io.js';
import { loadCliConfig, readMarkdown, translationPath, usageError } from './read-input.js';

export const INIT_USAGE = `Usage: curator init [FILES...] [--force] [--stdout]

Reads the list and writes .github/curator.yml with what curator learned from it, commented:
the files, the role of each table column, the list's conventions (arXiv link form, code label,
no-code mark, venue form, date format, order, title links) with how many entries show each,
and the sections read as categories. Values written there are pinned; delete one to let curator
learn it again. With no FILES, the list's primary file (README.md, or files.primary of an
existing .github/curator.yml) and its translation when there is one (README_CN.md, README_zh.md
or another usual name next to it); one FILE is the primary file (its translation is looked for
next to it); a second FILE is the translation.

Options:
  --force         replace an existing .github/curator.yml (its other settings are not kept)
  --stdout        print the config instead of writing it
  -h, --help      show this help

Exit codes: 0 written (or printed), 2 usage or file problem, a list with no papers, or an
existing .github/curator.yml without --force.`;

const CONFIG_PATH = '.github/curator.yml';

/** A path as the config writes it: relative to the current folder, with `/`. */
function configPath(io: Pick<CliIo, 'cwd'>, path: string): string {
  return (relative(io.cwd, resolve(io.cwd, path)) || path).split(sep).join('/');
}

export async function initCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      force: { type: 'boolean', default: false },
      stdout: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${INIT_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 2)
    throw usageError(
      `expected at most two files (the list and its translation), got ${positionals.length}`,
      'Run curator init README.md README_CN.md, or curator init with no files in the list folder',
    );
  const target = resolve(io.cwd, CONFIG_PATH);
  const exists = await io.isFile(target);
  if (exists && !values.force && !values.stdout)
    throw new CuratorError(`${CONFIG_PATH} already exists and is left as it is`, {
      hint: `Run curator init --force to replace it (its other settings are not kept), or curator init --stdout to print what curator learns`,
    });

  // An existing config says where the list is and which header words it uses; a broken one is
  // read as the defaults, since it is about to be replaced.
  let config: CuratorConfig = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
  let fromConfig = false;
  if (exists) {
    try {
      config = await loadCliConfig(io, undefined, { find: false });
      fromConfig = true;
    } catch (error) {
      if (!(error instanceof CuratorError)) throw error;
      io.stderr(
        `curator init: ${describeError(error)}; the list is read with the default settings.\n`,
      );
    }
  }

  let primary: string;
  let translation: string | null;
  let translationSource: InitConfigInput['translationSource'];
  if (positionals.length > 0) {
    primary = configPath(io, positionals[0]!);
    if (positionals.length === 2) {
      translation = configPath(io, positionals[1]!);
      translationSource = 'given';
      if (translation === primary)
        throw usageError(
          `${positionals[1]} is the list itself`,
          'Name the translation second, e.g. curator init README.md README_CN.md',
        );
    } else {
      const found = await findTranslation(
        { files: { ...DEFAULT_CONFIG.files, primary, translationSource: 'assumed' as const } },
        (p) => io.isFile(resolve(io.cwd, p)),
      );
      translation = found.files.translation;
      translationSource = translation ? 'found' : 'none-found';
    }
  } else {
    primary = config.files.primary;
    if (!(await io.isFile(resolve(io.cwd, primary)))) {
      // Let readMarkdown say what is wrong (no such file, a folder, permissions).
      await readMarkdown(io, primary).catch((error: unknown) => {
        if (error instanceof CuratorError)
          throw new CuratorError(`${error.message} in ${io.cwd}`, {
            hint: "Run curator init in the list's folder, or name the file: curator init path/to/README.md",
          });
        throw error;
      });
    }
    const settled = await findTranslation(config, (p) => io.isFile(resolve(io.cwd, p)));
    translation = await translationPath(io, settled);
    translationSource =
      settled.files.translationSource === 'found'
        ? translation
          ? 'found'
          : 'none-found'
        : translation
          ? 'named'
          : 'none-named';
  }

  const first = await readMarkdown(io, primary);
  const second = translation ? await readMarkdown(io, translation) : null;
  const result = initConfig({
    primary: { path: primary, text: first.text },
    translation: second ? { path: translation!, text: second.text } : null,
    translationSource,
    ...(fromConfig ? { columns: config.columns } : {}),
    exclude: config.categories.exclude,
  });
  for (const note of result.notes) io.stderr(`curator init: ${note}\n`);
  // What init writes must load: a value the schema rejects is a bug here, not the user's.
  try {
    await readConfig(result.yaml, CONFIG_PATH);
  } catch (error) {
    throw new Error(
      `curator init made a config its own loader rejects: ${(error as Error).message}`,
      { cause: error },
    );
  }

  if (values.stdout) {
    io.stdout(result.yaml);
    return 0;
  }
  try {
    await mkdir(dirname(target), { recursive: true });
    await io.writeFile(target, new TextEncoder().encode(result.yaml));
  } catch (cause) {
    const code = (cause as { code?: string }).code ?? String(cause);
    throw new CuratorError(`${CONFIG_PATH}: cannot be written (${code})`, {
      hint: 'Check that the folder is writable, or run curator init --stdout and save the output yourself',
      cause,
    });
  }
  const read = result.entries
    .map((f) => `${f.path} (${f.entries} ${f.entries === 1 ? 'entry' : 'entries'})`)
    .join(' and ');
  io.stdout(
    `Wrote ${CONFIG_PATH}, learned from ${read}. Review it and commit it: curator lint, the App and the Action read it from now on.\n`,
  );
  return 0;
}
