import { isMap, isScalar, parseDocument } from 'yaml';
import type * as z from 'zod/mini';
import { CuratorError } from '../errors.js';
import { DEFAULT_CONFIG } from './defaults.js';
import {
  boundsOf,
  createConfigSchema,
  schemaKeys,
  type CuratorConfig,
  type ParsedConfig,
  type RuleOptionsSource,
} from './schema.js';
import type { FilesConfig } from './translation.js';

function keyPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.');
}

/**
 * One line per problem: the key path, what is wrong, what is allowed. With the schema, number
 * bounds are named ("must be at least 1"); with the value, what was found.
 */
export function describeIssue(
  issue: z.core.$ZodIssue,
  schema?: z.ZodMiniType,
  value?: unknown,
): string {
  const where = keyPath(issue.path);
  switch (issue.code) {
    case 'too_small':
    case 'too_big': {
      const bounds =
        issue.origin === 'number' && schema ? boundsOf(nodeAt(schema, issue.path)) : null;
      const found = typeof value === 'number' ? `, found ${value}` : '';
      if (bounds) return `${where}: must be ${bounds}${found}`;
      const limit =
        issue.code === 'too_small' ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      return `${where}: must be ${issue.origin === 'number' ? limit : `${limit} long`}${found}`;
    }
    case 'unrecognized_keys':
      return `${issue.keys.map((k) => (issue.path.length ? `${where}.${k}` : k)).join(', ')}: unknown key${issue.keys.length > 1 ? 's' : ''}`;
    case 'invalid_value':
      return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return `${where}: expected one of "off", "error", "warning", "info", or { severity, options }`;
    case 'invalid_type':
      return `${where}: expected ${issue.expected}`;
    case 'invalid_format':
      return `${where}: expected ${issue.format === 'url' ? 'a URL' : issue.format}${typeof value === 'string' ? `, found ${JSON.stringify(value)}` : ''}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** The schema at a key path (through defaults and optionals), or null. */
function nodeAt(schema: z.ZodMiniType, path: readonly PropertyKey[]): unknown {
  let node: unknown = schema;
  for (const key of path) {
    const def = (node as { def?: { innerType?: unknown; shape?: Record<string, unknown> } }).def;
    while ((node as { def?: { innerType?: unknown } }).def?.innerType)
      node = (node as { def: { innerType: unknown } }).def.innerType;
    const shape = (node as { def?: { shape?: Record<string, unknown> } }).def?.shape ?? def?.shape;
    node = shape?.[String(key)];
    if (!node) return null;
  }
  return node;
}

/** The allowed keys of the object at a path, for an unknown-key message. */
function allowedKeys(schema: z.ZodMiniType, path: readonly PropertyKey[]): string[] {
  return schemaKeys(nodeAt(schema, path));
}

/**
 * Parse and validate a config file's text. An empty file gives the defaults. Every problem is a
 * CuratorError naming the file, the key path and what is allowed.
 */
export function loadConfig(
  text: string,
  path: string,
  ruleIds: readonly (string | RuleOptionsSource)[],
): CuratorConfig {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = text.slice(0, e.pos[0]).split('\n').length;
    throw new CuratorError(
      `${path}${line ? `:${line}` : ''}: not valid YAML (${e.message.split('\n')[0]})`,
      { hint: 'Fix the YAML syntax; see the config reference in README.md' },
    );
  }
  // A key YAML reads as a number (an unquoted arXiv id: `2405.10770: implicit`) would come out
  // as the text of that number, "2405.1077", and pin another paper without a word.
  const pin = doc.getIn(['categories', 'pin'], true);
  if (isMap(pin))
    for (const item of pin.items)
      if (isScalar(item.key) && typeof item.key.value === 'number') {
        const at = item.key.range?.[0];
        const source =
          at === undefined ? String(item.key.value) : text.slice(at, item.key.range![1]);
        throw new CuratorError(
          `${path}${at === undefined ? '' : `:${text.slice(0, at).split('\n').length}`}: categories.pin: the key ${source} is read as the number ${item.key.value}`,
          {
            hint: `Write it in quotes ('${source}'): YAML reads 2403.12968 as a number and would lose trailing zeros`,
          },
        );
      }
  return validateConfig(doc.toJS() ?? {}, path, ruleIds);
}

/**
 * Validate a config that is already parsed (the App gets it from Probot's `context.config`, which
 * has merged `_extends`). Same errors as loadConfig, without line numbers.
 */
export function validateConfig(
  raw: unknown,
  path: string,
  ruleIds: readonly (string | RuleOptionsSource)[],
): CuratorConfig {
  const schema = createConfigSchema(ruleIds);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CuratorError(
      `${path}: expected a mapping of keys (${schemaKeys(schema).join(', ')}), found ${Array.isArray(raw) ? 'a list' : typeof raw}`,
      { hint: 'See the config reference in README.md' },
    );
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // YAML reads an unquoted arXiv id (2403.12968) as a number, and drops trailing zeros with it.
    const value = issue.path.reduce<unknown>(
      (v, k) => (v as Record<PropertyKey, unknown> | undefined)?.[k],
      raw,
    );
    if (issue.code === 'invalid_type' && issue.expected === 'string' && typeof value === 'number') {
      throw new CuratorError(
        `${path}: ${keyPath(issue.path)}: expected text, found the number ${value}`,
        {
          hint: `Write it in quotes ('${value}'): YAML reads 2403.12968 as a number and would lose trailing zeros`,
        },
      );
    }
    const allowed = issue.code === 'unrecognized_keys' ? allowedKeys(schema, issue.path) : [];
    const more =
      result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    const ruleOption = issue.path[0] === 'rules' && issue.path[2] === 'options';
    throw new CuratorError(`${path}: ${describeIssue(issue, schema, value)}${more}`, {
      hint: allowed.length
        ? `Allowed keys there: ${allowed.join(', ')}`
        : ruleOption
          ? `See the options of ${String(issue.path[1])} in docs/rules.md`
          : 'See the config reference in README.md',
    });
  }
  return settleFiles(result.data, raw);
}

/**
 * `files` as the tasks see it: `files.translation` as written (a path, or null on purpose), or,
 * when the config does not set it, the first usual name marked `'assumed'` until a door looks
 * for it (translation.ts).
 */
function settleFiles(parsed: ParsedConfig, raw: unknown): CuratorConfig {
  const files = (raw as { files?: unknown }).files;
  const set =
    typeof files === 'object' &&
    files !== null &&
    (files as { translation?: unknown }).translation !== undefined;
  const settled: FilesConfig = set
    ? { primary: parsed.files.primary, translation: parsed.files.translation ?? null }
    : {
        primary: parsed.files.primary,
        translation: DEFAULT_CONFIG.files.translation,
        translationSource: 'assumed',
      };
  return { ...parsed, files: settled };
}

export function defaultConfig(ruleIds: readonly (string | RuleOptionsSource)[]): CuratorConfig {
  return settleFiles(createConfigSchema(ruleIds).parse({}), {});
}
