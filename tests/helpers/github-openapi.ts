/**
 * Checks a request our code sends to GitHub against GitHub's own OpenAPI description
 * (`@octokit/openapi`): the path must be a documented route, the method documented on it, every
 * query parameter declared, and the JSON body valid against the operation's request schema, with
 * no property the schema does not define (GitHub's schemas allow extra ones: see
 * `undeclaredProperties`).
 * Also checks the fake replies we serve against the documented response schema's required keys.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { ensureSlimDescription } from '../setup/openapi-cache.js';

interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}
interface JsonSchema {
  type?: string;
  required?: string[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
}

/**
 * Loaded when this module is imported, before a test starts a server: a first request that had
 * to load it made that delivery slow. The slim copy (tests/setup/openapi-cache.ts) keeps every
 * route, parameter, body schema and documented reply the checks below read.
 */
const spec = JSON.parse(readFileSync(ensureSlimDescription(), 'utf8')) as Spec;
const routes = Object.keys(spec.paths)
  .map((template) => ({
    template,
    re: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    literal: template.replace(/\{[^}]+\}/g, '').length,
  }))
  // A literal segment beats a parameter: /repos/{o}/{r}/check-runs before /repos/{o}/{r}/{x}.
  .sort((a, b) => b.literal - a.literal);

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();

/**
 * A few of GitHub's request schemas put `nullable: true` beside `oneOf` without a `type` (issue
 * create and update, for example), which Ajv refuses to compile. `nullable` there adds nothing
 * the `oneOf` does not say, so it is dropped from a copy.
 */
function withoutStrayNullable(schema: object): object {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v);
    if ('nullable' in out && !('type' in out)) delete out['nullable'];
    return out;
  };
  return walk(schema) as object;
}

type SchemaNode = {
  properties?: Record<string, SchemaNode>;
  additionalProperties?: unknown;
  patternProperties?: unknown;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  items?: SchemaNode;
};

/**
 * The properties of `value` (and of the objects inside it) that its schema does not define.
 * GitHub's request schemas leave `additionalProperties` unset, so a misspelled optional field
 * (`maintainers_can_modify`) passes JSON Schema validation, and GitHub ignores it. A schema that
 * says what extra properties may hold (`additionalProperties` or `patternProperties` given), or
 * that defines none (a free-form object), allows any; under `oneOf`/`anyOf`/`allOf` a property
 * any branch defines is allowed.
 */
export function undeclaredProperties(schema: unknown, value: unknown, where: string): string[] {
  if (typeof value !== 'object' || value === null || typeof schema !== 'object' || !schema)
    return [];
  const branches = (s: SchemaNode): SchemaNode[] => [
    s,
    ...[...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])].flatMap(branches),
  ];
  const all = branches(schema as SchemaNode);
  if (Array.isArray(value)) {
    const items = all.map((s) => s.items).filter((s): s is SchemaNode => !!s);
    if (items.length !== 1) return [];
    return value.flatMap((item, i) => undeclaredProperties(items[0], item, `${where}[${i}]`));
  }
  if (all.some((s) => s.additionalProperties || s.patternProperties)) return [];
  const defined = new Map<string, SchemaNode[]>();
  for (const s of all)
    for (const [name, sub] of Object.entries(s.properties ?? {}))
      defined.set(name, [...(defined.get(name) ?? []), sub]);
  if (defined.size === 0) return [];
  const out: string[] = [];
  for (const [key, sub] of Object.entries(value)) {
    const subs = defined.get(key);
    if (!subs) out.push(`${where}.${key}`);
    else if (subs.length === 1) out.push(...undeclaredProperties(subs[0], sub, `${where}.${key}`));
  }
  return out;
}

/** Throws naming the body's properties the operation's request schema does not define. */
export function assertNoUndeclaredProperties(operationId: string, schema: unknown, body: unknown) {
  const extra = undeclaredProperties(schema, body, 'body');
  if (extra.length)
    throw new Error(
      `${operationId}: body has properties the operation does not define: ${extra.join(', ')}`,
    );
}

/** The documented operation for a request, or an Error naming what does not match. */
export function operationFor(method: string, url: string): Operation {
  const path = new URL(url, 'https://api.github.com').pathname;
  const route = routes.find((r) => r.re.test(path));
  if (!route) throw new Error(`${method} ${path}: no such route in GitHub's OpenAPI description`);
  const op = spec.paths[route.template]?.[method.toLowerCase()];
  if (!op) throw new Error(`${method} ${route.template}: method not documented for this route`);
  return op;
}

export function assertDocumentedRequest(method: string, url: string, body: unknown): string {
  const op = operationFor(method, url);
  const query = new URL(url, 'https://api.github.com').searchParams;
  const declared = new Set(
    (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
  );
  for (const key of query.keys())
    if (!declared.has(key))
      throw new Error(`${op.operationId}: query parameter "${key}" is not documented`);
  const schema = op.requestBody?.content['application/json']?.schema;
  if (body !== undefined && body !== '' && body !== null) {
    if (!schema) throw new Error(`${op.operationId}: sends a body but the operation takes none`);
    let validate = compiled.get(op.operationId);
    if (!validate) {
      validate = ajv.compile(withoutStrayNullable(schema));
      compiled.set(op.operationId, validate);
    }
    if (!validate(body))
      throw new Error(
        `${op.operationId}: body does not match the schema: ${ajv.errorsText(validate.errors)}`,
      );
    assertNoUndeclaredProperties(op.operationId, schema, body);
  }
  return op.operationId;
}

/** The documented response's required keys are all present in a fake reply (arrays: each item). */
export function assertDocumentedReply(
  method: string,
  url: string,
  status: number,
  reply: unknown,
): void {
  const op = operationFor(method, url);
  const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${op.operationId}: status ${status} is not a documented reply`);
  const check = (s: JsonSchema, value: unknown, where: string): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      if (s.items) value.forEach((item, i) => check(s.items!, item, `${where}[${i}]`));
      return;
    }
    for (const key of s.required ?? [])
      if (!(key in value))
        throw new Error(`${op.operationId}: reply ${where} lacks required "${key}"`);
    for (const [key, sub] of Object.entries(s.properties ?? {}))
      if (key in value) check(sub, (value as Record<string, unknown>)[key], `${where}.${key}`);
  };
  check(schema, reply, 'body');
}

/**
 * The example reply GitHub's OpenAPI description documents for an operation (a deep copy), for
 * fakes of large objects such as a pull request: start from GitHub's own example, change a few keys.
 */
export function documentedExample(method: string, url: string, status: number): unknown {
  const op = operationFor(method, url) as Operation & {
    responses: Record<
      string,
      { content?: Record<string, { examples?: Record<string, { value: unknown }> }> }
    >;
  };
  const examples = op.responses[String(status)]?.content?.['application/json']?.examples ?? {};
  const first = Object.values(examples)[0];
  if (!first) throw new Error(`${op.operationId}: no documented example for ${status}`);
  return structuredClone(first.value);
}
