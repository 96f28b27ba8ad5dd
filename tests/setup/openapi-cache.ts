/**
 * A slim copy of GitHub's OpenAPI description (`@octokit/openapi`, api.github.com, dereferenced)
 * holding only what the request and reply checks (tests/helpers/github-openapi.ts) and the fake
 * GitHub read: every route and method, operation ids, parameter names and places, JSON request
 * body schemas, every documented status with its JSON reply schema reduced to `required`,
 * `properties` and `items`, and the first documented example of each JSON reply.
 *
 * Why: the full description is 73 MB, and every test file that checked a request parsed it again
 * in its own worker, on the first request, inside the process running the Probot server: with a
 * dozen such files on two cores, a first delivery could miss Probot's 9 s webhook answer.
 * Measured on the 2-core machine (a test that imports the checker and makes one check):
 *   before: 0.73-0.80 s for the first check (0.6-0.8 s of it `require` of the 73 MB file), plus
 *           55-90 ms import; 1.2-1.4 s with both cores busy; 198 MB of heap per worker;
 *   after:  the slim file (4.8 MB) parses in 90-100 ms; import with parse 170-210 ms, first
 *           check 10 ms; 310-350 ms with both cores busy; 35 MB of heap per worker.
 * Building the slim file (once, in the global setup) takes about 1 s.
 *
 * It is built once per `@octokit/openapi` version and per version of this builder (the file name
 * carries both), under node_modules/.cache, by the vitest global setup before any worker starts
 * (vitest.config.ts), so a clean clone builds it on its first `npm test`. Whatever else imports
 * the checks (e.g. `npm run load`) builds it on first use.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

type Node = Record<string, unknown>;

/**
 * Keywords that only annotate a schema; Ajv (strict off, no defaults applied) ignores them, so
 * dropping them changes no verdict. Everything else is kept as it is.
 */
const ANNOTATIONS = new Set([
  'description',
  'title',
  'example',
  'examples',
  'externalDocs',
  'deprecated',
  'readOnly',
  'writeOnly',
  'default',
]);
/** Keywords whose value is a map of names to schemas (the names themselves are data). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs']);
/** Keywords whose value is a schema or a list of schemas. */
const SCHEMA_VALUES = new Set([
  'items',
  'additionalProperties',
  'additionalItems',
  'not',
  'allOf',
  'anyOf',
  'oneOf',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
]);

function requestSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(requestSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Node = {};
  for (const [key, value] of Object.entries(schema as Node)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object')
      out[key] = Object.fromEntries(
        Object.entries(value as Node).map(([name, sub]) => [name, requestSchema(sub)]),
      );
    else if (SCHEMA_VALUES.has(key)) out[key] = requestSchema(value);
    else out[key] = value;
  }
  return out;
}

/** All the reply check walks: required keys, nested properties, array items. */
function replySchema(schema: unknown): Node {
  if (typeof schema !== 'object' || schema === null) return {};
  const s = schema as { required?: string[]; properties?: Node; items?: unknown };
  const out: Node = {};
  if (s.required) out.required = s.required;
  if (s.properties)
    out.properties = Object.fromEntries(
      Object.entries(s.properties).map(([name, sub]) => [name, replySchema(sub)]),
    );
  if (s.items) out.items = replySchema(s.items);
  return out;
}

interface FullOperation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<
    string,
    {
      content?: Record<string, { schema?: unknown; examples?: Record<string, { value: unknown }> }>;
    }
  >;
}

function slimOperation(op: FullOperation): Node {
  const out: Node = { operationId: op.operationId };
  if (op.parameters)
    out.parameters = op.parameters.map((p) => ({
      name: p.name,
      in: p.in,
      ...(p.required ? { required: true } : {}),
    }));
  if (op.requestBody) {
    const json = op.requestBody.content?.['application/json'];
    out.requestBody = {
      content: json ? { 'application/json': { schema: requestSchema(json.schema) } } : {},
    };
  }
  const responses: Node = {};
  for (const [status, reply] of Object.entries(op.responses)) {
    const json = reply.content?.['application/json'];
    if (!json) {
      // The status stays documented; a reply with no JSON body is not checked beyond that.
      responses[status] = reply.content ? { content: {} } : {};
      continue;
    }
    const first = Object.entries(json.examples ?? {})[0];
    responses[status] = {
      content: {
        'application/json': {
          schema: replySchema(json.schema),
          ...(first ? { examples: { [first[0]]: { value: first[1].value } } } : {}),
        },
      },
    };
  }
  out.responses = responses;
  return out;
}

export function buildSlimDescription(full: { paths: Record<string, Record<string, unknown>> }) {
  const paths: Record<string, Node> = {};
  for (const [template, item] of Object.entries(full.paths)) {
    const methods: Node = {};
    for (const [method, op] of Object.entries(item))
      if (METHODS.has(method)) methods[method] = slimOperation(op as FullOperation);
    paths[template] = methods;
  }
  return { paths };
}

/** The cache file for the installed @octokit/openapi and this builder's own source. */
export function slimDescriptionPath(): string {
  const pkg = require('@octokit/openapi/package.json') as { version: string };
  const builder = createHash('sha1')
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex')
    .slice(0, 10);
  const nodeModules = join(dirname(require.resolve('@octokit/openapi/package.json')), '..', '..');
  return join(
    nodeModules,
    '.cache',
    'awesome-curator',
    `github-openapi-${pkg.version}-${builder}.json`,
  );
}

/** Builds the cache file unless it is there; returns its path. */
export function ensureSlimDescription(): string {
  const path = slimDescriptionPath();
  if (existsSync(path)) return path;
  const full = require('@octokit/openapi/generated/api.github.com.deref.json') as {
    paths: Record<string, Record<string, unknown>>;
  };
  mkdirSync(dirname(path), { recursive: true });
  // Written whole, then renamed: a worker that builds it at the same time never reads half.
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(buildSlimDescription(full)));
  renameSync(partial, path);
  return path;
}

/** vitest global setup: build the cache before any test worker starts. */
export default function setup(): void {
  ensureSlimDescription();
}
