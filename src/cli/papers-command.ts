import { parseArgs } from 'node:util';
import {
  eachPaper,
  listPapers,
  papersBibtex,
  papersCsv,
  papersJson,
} from '../tasks/list-papers.js';
import { parseOptionsFrom } from '../tasks/lint-files.js';
import type { CliIo } from './io.js';
import { loadCliConfig, readMarkdown, usageError } from './read-input.js';

export const PAPERS_USAGE = `Usage: curator papers [FILES...] [--config PATH] [--format json|csv|bibtex]

Prints the papers of the list, one per paper row, in file order. With no FILES, the list's
primary file (README.md, or files.primary in .github/curator.yml).

Options:
  --config PATH   config file (default: .github/curator.yml when it exists)
  --format NAME   json (default): {"papers":[{"file","line","section","title","url","arxivId",
                  "venue","year","code","tags","tldr"}]}, null where absent; csv (RFC 4180, a
                  header line); bibtex (one @misc per paper, keyed by arXiv id where there is one)
  -h, --help      show this help

Exit codes: 0 printed, 2 usage, file or config problem.`;

const FORMATS = ['json', 'csv', 'bibtex'] as const;

export async function papersCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      format: { type: 'string', default: 'json' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(`${PAPERS_USAGE}\n`);
    return 0;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    throw usageError(
      `--format ${values.format} is not a format`,
      `Use one of ${FORMATS.join(', ')}`,
    );
  const config = await loadCliConfig(io, values.config, { find: false });
  const paths = positionals.length ? positionals : [config.files.primary];
  const files = [];
  for (const path of paths) files.push(await readMarkdown(io, path));
  const parseOptions = parseOptionsFrom(config);
  if (format === 'json') {
    // Streamed: the papers of a 100k-row list are never all in memory, as rows or as JSON text.
    const { papers, batches } = eachPaper(files, parseOptions);
    files.forEach((f, k) => {
      if (papers[k] === 0) noPapers(io, f.path);
    });
    // Output to a pipe waits in memory until the reader takes it: while stdout is backed up,
    // the next piece waits.
    for (const piece of papersJson(batches())) {
      io.stdout(piece);
      await io.drain?.();
    }
    return 0;
  }
  const papers = listPapers(files, parseOptions);
  for (const f of files) if (!papers.some((p) => p.file === f.path)) noPapers(io, f.path);
  io.stdout(format === 'csv' ? papersCsv(papers) : papersBibtex(papers));
  return 0;
}

/** An empty answer is said, not left silent: the file may hold its papers in a shape not read. */
function noPapers(io: CliIo, path: string): void {
  io.stderr(
    `curator papers: ${path}: no papers found. Papers are read from Markdown tables with a title column and from list items that link a paper (arXiv, OpenReview, ACL Anthology, DOI, a PDF); name other title headers under columns.title in .github/curator.yml.\n`,
  );
}
