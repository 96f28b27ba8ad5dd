/**
 * The Action's inputs, parsed once through one schema. A bad value fails the step with the input's
 * name, what it got and what is allowed. Booleans follow the YAML 1.2 core schema, as
 * `core.getBooleanInput` does (true | True | TRUE | false | False | FALSE).
 */
import * as z from 'zod/mini';

export const COMMANDS = ['auto', 'check', 'lint', 'sync', 'scan', 'classify', 'translate'] as const;
export const FAIL_ON = ['error', 'warning', 'never'] as const;

const bool = z.enum(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const optionalText = z.string();

const schema = z.object({
  command: z.enum(COMMANDS),
  token: z.string(),
  config: z.string().check(z.minLength(1)),
  'openai-api-key': optionalText,
  'openai-base-url': z.union([z.literal(''), z.url()]),
  model: optionalText,
  'dry-run': bool,
  'max-papers': z.union([z.literal(''), z.string().check(z.regex(/^\d+$/))]),
  since: z.union([z.literal(''), z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))]),
  'fail-on': z.enum(FAIL_ON),
  comment: bool,
  'job-summary': bool,
});

export type InputName = keyof z.infer<typeof schema>;
export const INPUT_NAMES = Object.keys(schema.shape) as InputName[];

const ALLOWED: Record<InputName, string> = {
  command: COMMANDS.join(', '),
  token: 'a GitHub token',
  config: 'a path in the repository',
  'openai-api-key': 'an API key, or empty',
  'openai-base-url': 'a URL such as https://api.openai.com/v1, or empty',
  model: 'a model name, or empty',
  'dry-run': 'true or false',
  'max-papers': 'a whole number, or empty',
  since: 'a date as YYYY-MM-DD, or empty',
  'fail-on': FAIL_ON.join(', '),
  comment: 'true or false',
  'job-summary': 'true or false',
};

export interface ActionInputs {
  command: (typeof COMMANDS)[number];
  token: string;
  config: string;
  openaiApiKey: string | null;
  openaiBaseUrl: string | null;
  model: string | null;
  dryRun: boolean;
  maxPapers: number | null;
  since: Date | null;
  failOn: (typeof FAIL_ON)[number];
  comment: boolean;
  jobSummary: boolean;
}

export class InputError extends Error {
  override readonly name = 'InputError';
}

/** Inputs from `get(name)` (the door passes `core.getInput`), with the defaults of action.yml. */
export function parseInputs(get: (name: InputName) => string): ActionInputs {
  const defaults: Partial<Record<InputName, string>> = {
    command: 'auto',
    config: '.github/curator.yml',
    'dry-run': 'false',
    'fail-on': 'error',
    comment: 'true',
    'job-summary': 'true',
  };
  const raw = Object.fromEntries(
    INPUT_NAMES.map((name) => [name, get(name).trim() || defaults[name] || '']),
  );
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0]) as InputName;
    throw new InputError(
      `Input \`${name}\` has the value "${raw[name]}", which is not allowed. Allowed: ${ALLOWED[name]}.`,
    );
  }
  const v = result.data;
  const isTrue = (s: string) => s.toLowerCase() === 'true';
  const since = v.since ? new Date(`${v.since}T00:00:00Z`) : null;
  // JavaScript rolls 2025-02-30 over to 2025-03-02: a date that does not read back is no date.
  if (since && (Number.isNaN(since.getTime()) || since.toISOString().slice(0, 10) !== v.since))
    throw new InputError(
      `Input \`since\` has the value "${v.since}", which is not a real date. Allowed: ${ALLOWED.since}.`,
    );
  return {
    command: v.command,
    token: v.token,
    config: v.config,
    openaiApiKey: v['openai-api-key'] || null,
    openaiBaseUrl: v['openai-base-url'] || null,
    model: v.model || null,
    dryRun: isTrue(v['dry-run']),
    maxPapers: v['max-papers'] ? Number(v['max-papers']) : null,
    since,
    failOn: v['fail-on'],
    comment: isTrue(v.comment),
    jobSummary: isTrue(v['job-summary']),
  };
}
