import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CuratorError } from '../errors.js';
import { classifyPapers, readPaperLines, type PaperInput } from '../tasks/classify-papers.js';
import { readConfig } from '../tasks/lint-files.js';
import type { CliIo } from './io.js';
import { readInput, usageError } from './read-input.js';

export const CLASSIFY_USAGE = `Usage: curator classify [IDS...] [--input FILE.jsonl] [--list FILE] [--offline] [--format text|json]

Places papers in the list's categories, from the list's own guidelines, keywords and papers.

Options:
  --input FILE    JSON lines, one {"id","title","abstract"} per paper
  --list FILE     the list to classify into (default: README.md here, or files.primary of the config)
  --config PATH   config file (default: .github/curator.yml when it exists)
  --offline       use the offline classifier (today the only one; the LLM classifier is planned)
  --format NAME   text (default) or json
  -h, --help      show this help

Exit codes: 0 done, 2 usage, file or config problem.`;

/** Terminal-safe text: no control characters (an abstract must not move the cursor or recolour). */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

export async function classifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      input: { type: 'string' },
      list: { type: 'string' },
      config: { type: 'string' },
      offline: { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${CLASSIFY_USAGE}\n`);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json')
    throw usageError(`--format: unknown format "${values.format}"`, 'Use text or json');
  if (positionals.length > 0) {
    throw new CuratorError(
      `looking up arXiv ids (${positionals.slice(0, 3).join(', ')}${positionals.length > 3 ? ', …' : ''}) needs the arXiv client, which is not built yet`,
      {
        hint: 'Give the papers as JSON lines instead: curator classify --input papers.jsonl',
      },
    );
  }
  if (values.input === undefined)
    throw usageError(
      'nothing to classify',
      'Give papers with --input FILE.jsonl (one {"id","title","abstract"} per line)',
    );

  const configPath = values.config ?? '.github/curator.yml';
  const configAbs = resolve(io.cwd, configPath);
  let configText: string | null = null;
  if (values.config !== undefined || (await io.isFile(configAbs)))
    configText = new TextDecoder().decode(await readInput(io, configAbs, configPath));
  const config = await readConfig(configText, configPath);

  const listPath = values.list ?? config.files.primary;
  const listBytes = await readInput(io, resolve(io.cwd, listPath), listPath);
  const papers: PaperInput[] = readPaperLines(
    new TextDecoder().decode(await readInput(io, resolve(io.cwd, values.input), values.input)),
    values.input,
  );

  io.stderr('curator classify: using the offline classifier (no network, no API key).\n');
  const result = classifyPapers({ list: { path: listPath, bytes: listBytes }, config, papers });
  if (values.format === 'json') {
    const out = result.verdicts.map((v) => ({
      id: v.id,
      category: v.category,
      section: v.section,
      confidence: v.confidence,
      rationale: v.rationale,
      tags: v.tags,
      tldr: v.tldr,
      source: v.source,
    }));
    io.stdout(`${JSON.stringify(out)}\n`);
  } else {
    for (const v of result.verdicts) {
      io.stdout(
        `${plain(v.id)}  ${v.section === null ? 'does not belong in this list' : plain(v.section)}  (confidence ${v.confidence.toFixed(2)}, ${v.source})\n`,
      );
      io.stdout(`  ${plain(v.rationale)}\n`);
      if (v.tags.length) io.stdout(`  tags: ${v.tags.map((t) => `\`${plain(t)}\``).join(', ')}\n`);
    }
  }
  return 0;
}
