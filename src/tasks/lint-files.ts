/**
 * Use case: lint the list's files, optionally fixing what can be fixed.
 *
 * 1. Decode each file (UTF-8, BOM kept aside) and parse it with the config's column words.
 * 2. Lint with the config's rule settings and category exclusions.
 * 3. With `fix`, apply every fix line by line (lossless) and lint again.
 * 4. Return the report and, for fixed files, the new bytes; the door decides whether to write.
 */
import { DEFAULT_CONFIG, type CuratorConfig } from '../config/index.js';
import {
  categorySections,
  decodeMarkdown,
  encodeMarkdown,
  parseList,
  parseListEdited,
  type ListStyle,
  type PaperList,
  type ParseOptions,
} from '../list/index.js';
import { placementCheck, type ListPlacementCheck, type PrimaryFile } from './placement-check.js';
import { TRANSLATION_NAMES } from '../config/translation.js';
import { CATEGORY_MAX_ROWS } from '../lint/rules/category.js';
import {
  fixListRows,
  fixText,
  lintText,
  mergeFixes,
  RULES,
  summarise,
  type FileReport,
  type LintOptions,
  type PlacementCheck,
  type LintReport,
} from '../lint/index.js';

export {
  FORMATS,
  formatReport,
  onlyErrors,
  RULE_IDS,
  summarise,
  type Format,
  type LintReport,
} from '../lint/index.js';

export interface LintFilesInput {
  /** Files are read one at a time, so a large pair never has both files' bytes in memory. */
  files: { path: string; read(): Promise<Uint8Array> }[];
  /** Other files of the same run, not linted here: where a translation's primary may be. */
  companions?: { path: string; read(): Promise<Uint8Array> }[];
  config: CuratorConfig;
  fix?: boolean;
  /** Where fixed files go (the single write point; required with `fix`). */
  write?: (path: string, bytes: Uint8Array) => Promise<void>;
}

export interface LintFilesResult {
  report: LintReport;
  /** Files whose text changed under `fix`, and how many lines changed. */
  fixed: { path: string; applied: number }[];
}

/** The conventions the config pins (`style:`), the ones it leaves unset left out. */
export function pinnedStyle(config: Pick<CuratorConfig, 'style'>): Partial<ListStyle> {
  return Object.fromEntries(
    Object.entries(config.style ?? {}).filter(([, v]) => v !== undefined),
  ) as Partial<ListStyle>;
}

export function lintOptionsFrom(config: CuratorConfig): LintOptions {
  const rules: NonNullable<LintOptions['rules']> = {};
  for (const [id, setting] of Object.entries(config.rules)) {
    if (setting === undefined) continue;
    rules[id] =
      typeof setting === 'string'
        ? { severity: setting }
        : {
            ...(setting.severity ? { severity: setting.severity } : {}),
            ...(setting.options ? { options: setting.options } : {}),
          };
  }
  const style = pinnedStyle(config);
  return {
    rules,
    excludeSections: config.categories.exclude,
    style,
    ignore: config.ignore,
    reportUnusedDisableDirectives: config.reportUnusedDisableDirectives,
  };
}

export function parseOptionsFrom(config: CuratorConfig): ParseOptions {
  return { columnAliases: config.columns };
}

export async function lintFiles(input: LintFilesInput): Promise<LintFilesResult> {
  const lintOptions = lintOptionsFrom(input.config);
  const parseOptions = parseOptionsFrom(input.config);
  const files: FileReport[] = [];
  const fixed: LintFilesResult['fixed'] = [];
  /** Files that are the primary of a later input, and their placement checks once built. */
  const needed = new Set(
    input.files.flatMap((f, i) => {
      const primary = primaryOf(f.path, input);
      const at = input.files.findIndex((g) => g.path === primary?.path);
      return primary && at !== -1 && at < i ? [primary.path] : [];
    }),
  );
  const primaries = new Map<string, { list: PaperList; check: ListPlacementCheck }>();
  // The next file is read while this one is linted.
  let next = input.files[0]?.read();
  for (const [i, file] of input.files.entries()) {
    // Decoded straight from the read: nothing keeps the bytes once they are text (on a 100k-row
    // file, tens of megabytes freed before the lint starts).
    const { text, bom } = decodeMarkdown(await next!, file.path);
    next = input.files[i + 1]?.read();
    // Its failure is reported when it is awaited; until then it must not count as unhandled.
    next?.catch(() => undefined);
    // A translation linted with its primary is placed as the primary places each paper: with
    // the primary's check when it was built earlier in this run, else from the primary read again.
    // The primary is read only when the placement check can run on this file (a list past
    // maxRows is skipped anyway, and reading a large primary beside it would double the memory).
    const twin = placementMayRun(text, input.config) ? primaryOf(file.path, input) : null;
    const built = twin ? primaries.get(twin.path) : undefined;
    const primaryText = twin && !built ? decodeMarkdown(await twin.read(), twin.path).text : null;
    const sections = input.config.sync.sections;
    // Read once for every lint of this file (`--fix` lints again after each pass).
    let primaryFile: PrimaryFile | undefined | null = null;
    const primary = (): PrimaryFile | undefined =>
      primaryFile === null
        ? (primaryFile = built
            ? { ...built, sections }
            : twin && primaryText !== null
              ? { list: parseList(primaryText, twin.path, parseOptions), sections }
              : undefined)
        : primaryFile;
    const memo: PlacementMemo = {};
    const fileOptions: LintOptions = {
      ...lintOptions,
      placement: (list) =>
        placementFor(
          list,
          input.config,
          parseOptions,
          primary,
          // Kept for its translation later in the run, if one follows.
          needed.has(file.path)
            ? (parsed, check) => primaries.set(file.path, { list: parsed, check })
            : undefined,
          memo,
        ),
    };
    if (input.fix) {
      const result = fixText(text, file.path, fileOptions, parseOptions);
      if (result.text !== text) {
        if (!input.write) throw new Error('lintFiles: fix needs a write function');
        await input.write(file.path, encodeMarkdown(result.text, bom));
        fixed.push({ path: file.path, applied: result.applied });
      }
      files.push({ path: file.path, findings: result.findings });
    } else {
      const findings = lintText(text, file.path, parseOptions, fileOptions);
      // Merging re-lints only to fix; the classifier (category, no fixes) need not run again.
      const fixOptions = { ...fileOptions, placement: null };
      files.push({
        path: file.path,
        findings: mergeFixes(text, file.path, findings, fixOptions, parseOptions),
      });
    }
  }
  return { report: summarise(files), fixed };
}

/** Config from a file's text (or the defaults), validated against the rules that exist. */
export async function readConfig(text: string | null, path: string): Promise<CuratorConfig> {
  if (text === null) return structuredClone(DEFAULT_CONFIG) as CuratorConfig;
  const { loadConfig } = await import('../config/load-config.js');
  return loadConfig(text, path, RULES);
}

/** Config already parsed (the App's `context.config`), or the defaults when there is none. */
export async function configFromObject(raw: unknown, path: string): Promise<CuratorConfig> {
  if (raw === null || raw === undefined) return structuredClone(DEFAULT_CONFIG) as CuratorConfig;
  const { validateConfig } = await import('../config/load-config.js');
  return validateConfig(raw, path, RULES);
}

/** Rows above which the placement check is skipped (with a note) unless the config raises it. */
export const PLACEMENT_MAX_ROWS = CATEGORY_MAX_ROWS;

/** The `category` rule's classifier for one file, or why it does not run. */
function placementFor(
  list: PaperList,
  config: CuratorConfig,
  parseOptions: ParseOptions,
  primary: () => PrimaryFile | undefined = () => undefined,
  built?: (list: PaperList, check: ListPlacementCheck) => void,
  memo: PlacementMemo = {},
): PlacementCheck | { skipped: string } | null {
  const maxRows = placementMaxRows(config);
  const categories = categorySections(list, config.categories.exclude);
  const rows = list.tables
    .filter((t) => t.isPaperTable && t.section && categories.has(t.section))
    .reduce((n, t) => n + Math.max(0, t.bodyLast - t.bodyFirst + 1), 0);
  if (rows === 0) return null;
  if (rows > maxRows) {
    return {
      skipped: `${rows} rows in categories is more than ${maxRows}; raise rules.category.options.maxRows in .github/curator.yml to classify them all (about 10,000 rows a second)`,
    };
  }
  // The classifier learns from every row, so this one check reads the whole list up front.
  const parsed = parseList(list.text, list.path, parseOptions);
  const twin = primary();
  // `--fix` lints the file again after each pass of fixes; a pass that changed nothing the
  // classifier reads (links, venues, labels) keeps the check built before, verdicts and all.
  const primaryText = twin?.list.text ?? null;
  if (
    memo.check &&
    memo.list &&
    memo.primaryText === primaryText &&
    sameClassifierInput(memo.list, parsed)
  )
    return memo.check;
  const check = placementCheck(
    parsed,
    config.categories.exclude,
    config.categories.overrides,
    twin,
    config.categories.pin,
  );
  Object.assign(memo, { list: parsed, primaryText, check });
  built?.(parsed, check);
  return check;
}

/** The last placement check built for a file in this run, and the list it was built from. */
interface PlacementMemo {
  list?: PaperList;
  primaryText?: string | null;
  check?: ListPlacementCheck;
}

/**
 * Whether `after` gives the placement check what `before` gave: the same lines, and every line
 * that differs a paper row in both, with the same key, arXiv id, title, tags and TL;DR (what the
 * classifier learns from and a verdict reads). The sections, their prose and every other row are
 * then the same lines, so the same check gives the same verdicts on the same lines.
 */
export function sameClassifierInput(before: PaperList, after: PaperList): boolean {
  if (before.text === after.text) return true;
  if (before.lines.count !== after.lines.count) return false;
  for (let n = 1; n <= before.lines.count; n += 1) {
    if (before.lines.line(n).text === after.lines.line(n).text) continue;
    const a = before.rowAt(n);
    const b = after.rowAt(n);
    if (!a || !b) return false;
    if (
      a.key !== b.key ||
      (a.arxiv?.id ?? null) !== (b.arxiv?.id ?? null) ||
      a.title !== b.title ||
      a.tldr !== b.tldr ||
      (a.tags ?? []).join('\u0000') !== (b.tags ?? []).join('\u0000') ||
      (a.tags === null) !== (b.tags === null)
    )
      return false;
  }
  return true;
}

function placementMaxRows(config: CuratorConfig): number {
  const setting = config.rules['category'];
  const option = typeof setting === 'object' ? setting.options?.['maxRows'] : undefined;
  return typeof option === 'number' ? option : PLACEMENT_MAX_ROWS;
}

/**
 * Whether the placement check may run on a file: the rule is on, and the file has no more table
 * lines than the rule's row limit (a cheap estimate of its category rows, read before parsing).
 */
function placementMayRun(text: string, config: CuratorConfig): boolean {
  const setting = config.rules['category'];
  if (setting === 'off' || (typeof setting === 'object' && setting.severity === 'off'))
    return false;
  const maxRows = placementMaxRows(config);
  let lines = 0;
  for (let at = text.indexOf('|'); at !== -1; at = text.indexOf('\n|', at + 1)) {
    lines += 1;
    if (lines > maxRows + 2) return false;
  }
  return true;
}

/**
 * The primary file among the inputs when `path` is its translation: a file named as the config's
 * translation (or one of the usual translation names) next to a file named as the primary.
 */
function primaryOf(path: string, input: LintFilesInput): LintFilesInput['files'][number] | null {
  const folder = (p: string) => p.replace(/[\\/]?[^\\/]*$/, '');
  const name = (p: string) => p.slice(folder(p).length).replace(/^[\\/]/, '');
  const translationNames = new Set<string>(TRANSLATION_NAMES);
  if (input.config.files.translation) translationNames.add(name(input.config.files.translation));
  if (!translationNames.has(name(path))) return null;
  const primaryName = name(input.config.files.primary);
  if (primaryName === name(path)) return null;
  return (
    [...input.files, ...(input.companions ?? [])].find(
      (f) => folder(f.path) === folder(path) && name(f.path) === primaryName,
    ) ?? null
  );
}

/**
 * `text` with every lint fix applied to the rows of the papers in `keys`, and nothing else.
 * `parsed` is `text` already parsed with `parseOptions`, when the caller has it; `list` is the
 * result parsed (taking the unchanged rows over from `parsed`), for a caller that reads it next.
 */
export function fixRows(
  text: string,
  path: string,
  keys: ReadonlySet<string>,
  lintOptions: LintOptions,
  parseOptions: ParseOptions,
  parsed?: PaperList,
): { text: string; lines: number[]; list?: PaperList } {
  const list = keys.size ? (parsed ?? parseList(text, path, parseOptions)) : null;
  const keyAt = new Map<number, string>();
  for (const r of list?.rows ?? []) if (keys.has(r.key)) keyAt.set(r.line, r.key);
  if (!list || !keyAt.size) return { text, lines: [], ...(list ? { list } : {}) };
  const lines = new Set(keyAt.keys());
  const options = { ...lintOptions, touchedLines: lines };
  const fixed = fixListRows(list, options, parseOptions, lines);
  if (fixed.text === text) return { text, lines: [], list };
  // Fixes replace whole lines, so line n of the fixed text is line n corrected. A fix that
  // changes what identifies the paper (a link inside its title, say) is not taken: the row
  // would no longer pair with its copy in the other file.
  const rowKey = new Map<number, string>();
  for (const r of fixed.list.rows) if (lines.has(r.line)) rowKey.set(r.line, r.key);
  const changed: number[] = [];
  const undone = new Map<number, string>();
  for (const n of [...lines].sort((a, b) => a - b)) {
    const before = list.lines.line(n).text;
    if (before === fixed.list.lines.line(n).text) continue;
    if (rowKey.get(n) === keyAt.get(n)) changed.push(n);
    else undone.set(n, before);
  }
  if (!undone.size) return { text: fixed.text, lines: changed, list: fixed.list };
  const at = fixed.list.lines;
  const out = parseListEdited(
    fixed.list,
    [...undone].map(([n, before]) => ({ start: at.start(n), end: at.end(n), text: before })),
    parseOptions,
  );
  return { text: out.text, lines: changed, list: out };
}
