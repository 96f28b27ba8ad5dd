import { groupReasons } from '../tasks/offline-reasons.js';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CuratorError } from '../errors.js';
import {
  classifyPapers,
  llmFromConfig,
  lookupPapers,
  parseArxivRef,
  readPaperLines,
  sanitizeText,
  type PaperInput,
  type Spend,
} from '../tasks/classify-papers.js';
import type { CliIo } from './io.js';
import { isReplayUrl } from '../tasks/replay-url.js';
import { loadCliConfig, readInput, usageError } from './read-input.js';
import { openCacheFile } from './verdict-cache.js';

/** arXiv asks API clients to name themselves. */
export const CLASSIFY_USAGE = `Usage: curator classify [IDS...] [--input FILE.jsonl] [--list FILE] [--offline] [--cache FILE | --no-cache] [--arxiv-url URL] [--format text|json]

Places papers in the list's categories, from the list's own guidelines, keywords and papers.
IDS are arXiv ids or URLs (2403.12968, arXiv:2403.12968v2, https://arxiv.org/abs/2403.12968), looked up on arXiv.

Options:
  --input FILE    JSON lines, one {"id","title","abstract"} per paper
  --list FILE     the list to classify into (default: README.md here, or files.primary of the config)
  --config PATH   config file (default: .github/curator.yml when it exists)
  --offline       make no network request: the offline classifier even when OPENAI_API_KEY
                  is set, and IDS only from a saved feed (--arxiv-url file:PATH)
  --cache FILE    keep LLM verdicts in FILE so no paper is paid for twice (default:
                  ~/.cache/awesome-curator/verdicts.json; see the README)
  --no-cache      neither read nor write a verdict cache
  --arxiv-url URL the arXiv API endpoint for looking up IDS (default: arxiv.apiUrl of the config);
                  file:PATH replays a saved arXiv Atom feed instead (no network)
  --format NAME   text (default) or json
  -h, --help      show this help

Exit codes: 0 done, 2 usage, file or config problem, 3 internal error (a bug; please report it),
4 arXiv did not answer (down, busy or no network; run again later).`;

/** Terminal-safe text: an abstract must not move the cursor or recolour the terminal. */
const plain = (text: string): string => sanitizeText(text, 2000);

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
      cache: { type: 'string' },
      'no-cache': { type: 'boolean', default: false },
      'arxiv-url': { type: 'string' },
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
  const refs = positionals.map((p) => {
    const ref = parseArxivRef(p);
    if (!ref)
      throw usageError(
        `"${p}" is not an arXiv id or URL`,
        'Give ids like 2403.12968 or https://arxiv.org/abs/2403.12968',
      );
    return ref.version ? `${ref.id}v${ref.version}` : ref.id;
  });
  if (values.input === undefined && refs.length === 0) {
    throw usageError(
      'nothing to classify',
      'Give arXiv ids, or papers with --input FILE.jsonl (one {"id","title","abstract"} per line)',
    );
  }
  const config = await loadCliConfig(io, values.config);
  // Before anything is read or asked: offline, ids are looked up only in a saved feed.
  const arxiv =
    refs.length > 0
      ? (await import('./arxiv-source.js')).arxivSource(
          io,
          config,
          values['arxiv-url'],
          values.offline,
        )
      : null;
  if (refs.length > 0 && arxiv === null)
    throw usageError(
      'looking up arXiv ids needs the network, and --offline makes no request',
      'Give the papers with --input FILE.jsonl (one {"id","title","abstract"} per line), replay a saved arXiv feed with --arxiv-url file:FEED.xml, or drop --offline',
    );
  const apiKey = io.env['OPENAI_API_KEY']?.trim();
  // A server URL alone is a keyless local server (Ollama, vLLM).
  const useLlm =
    Boolean(apiKey || io.env['OPENAI_BASE_URL']?.trim() || config.llm.baseUrl) && !values.offline;
  // Checked before any request: a path that is no cache file is refused, not paid for.
  const cacheFile = await openCacheFile(io, {
    flag: values.cache,
    // Offline, the default cache is not touched; a --cache path is still checked.
    noCache: values['no-cache'] || (!useLlm && values.cache === undefined),
    command: 'classify',
  });

  const listPath = values.list ?? config.files.primary;
  const listBytes = await readInput(io, resolve(io.cwd, listPath), listPath);
  const papers: PaperInput[] =
    values.input === undefined
      ? []
      : readPaperLines(
          new TextDecoder().decode(
            await readInput(io, resolve(io.cwd, values.input), values.input),
          ),
          values.input,
        );
  if (arxiv) {
    const found = await lookupPapers(arxiv, refs);
    const url = values['arxiv-url'] ?? config.arxiv.apiUrl;
    const where = isReplayUrl(url) ? `in the saved feed ${url}` : 'on arXiv';
    if (found.missing.length)
      io.stderr(`curator classify: not found ${where}: ${found.missing.join(', ')}\n`);
    if (found.papers.length === 0 && papers.length === 0) {
      throw new CuratorError(`none of the ids is ${where}`, {
        hint: 'Check the ids, or give the papers with --input FILE.jsonl',
      });
    }
    papers.push(...found.papers);
  }
  if (papers.length === 0 && values.input !== undefined)
    throw new CuratorError(`${values.input}: no papers in it`, {
      hint: 'Write one {"id","title","abstract"} per line, or name arXiv ids: curator classify 2403.12968',
    });
  if (!useLlm) {
    io.stderr(
      values.offline
        ? 'curator classify: using the offline classifier (--offline).\n'
        : 'curator classify: no OPENAI_API_KEY or OPENAI_BASE_URL set, so using the offline classifier (no network).\n',
    );
  }
  const llm = useLlm
    ? llmFromConfig(config, { apiKey, baseURL: io.env['OPENAI_BASE_URL'] })
    : undefined;
  const result = await classifyPapers({
    list: { path: listPath, bytes: listBytes },
    config,
    papers,
    llm,
    cache: cacheFile?.cache,
  });
  if (result.spend) io.stderr(spendLine(result.spend, 'classify'));
  for (const note of result.notes ?? []) io.stderr(`curator classify: ${note}\n`);
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
  // After the verdicts are out: a cache that cannot be written costs a warning, not the answer.
  await cacheFile?.save();
  return 0;
}

/**
 * What the LLM cost, and how many papers fell back to the offline classifier and why (grouped by
 * reason), for stderr. Shared by `classify` and `scan`.
 */
export function spendLine(spend: Spend, command: 'classify' | 'scan'): string {
  const parts = [
    `${spend.requests} LLM request${spend.requests === 1 ? '' : 's'}`,
    `${spend.promptTokens + spend.completionTokens} tokens`,
  ];
  if (spend.cacheHits) parts.push(`${spend.cacheHits} from the cache`);
  let line = `curator ${command}: ${parts.join(', ')}.`;
  if (spend.offline.length) {
    const reasons = groupReasons(spend.offline);
    const n = spend.offline.length;
    line += ` ${n} paper${n === 1 ? '' : 's'} fell back to the offline classifier: ${[...reasons]
      .map(([reason, k]) => (reasons.size === 1 ? reason : `${k} × ${reason}`))
      .join('; ')}.`;
  }
  if (spend.notes.length) line += ` LLM: ${spend.notes.join('; ')}.`;
  return `${line}\n`;
}
