/**
 * The Action's inputs (src/action/inputs.ts), pinned down where deliberate bugs survived the suite:
 * booleans read case-sensitively, `since` ignored, and `since: 2025-02-30` read as 2025-03-02.
 */
import { describe, expect, it } from 'vitest';
import { InputError, parseInputs, type InputName } from '../../src/action/inputs.js';

const parse = (given: Partial<Record<InputName, string>>) =>
  parseInputs((name) => given[name] ?? '');

describe("the Action's boolean inputs (YAML 1.2 core schema, as core.getBooleanInput)", () => {
  it.each(['true', 'True', 'TRUE'])('"%s" is true for dry-run, comment and job-summary', (v) => {
    const inputs = parse({ 'dry-run': v, comment: v, 'job-summary': v });
    expect(inputs).toMatchObject({ dryRun: true, comment: true, jobSummary: true });
  });

  it.each(['false', 'False', 'FALSE'])('"%s" is false for each of them', (v) => {
    const inputs = parse({ 'dry-run': v, comment: v, 'job-summary': v });
    expect(inputs).toMatchObject({ dryRun: false, comment: false, jobSummary: false });
  });

  it('each boolean is read on its own (no input borrows another one)', () => {
    expect(parse({ 'dry-run': 'TRUE', comment: 'FALSE', 'job-summary': 'False' })).toMatchObject({
      dryRun: true,
      comment: false,
      jobSummary: false,
    });
    expect(parse({ 'dry-run': 'False', comment: 'True', 'job-summary': 'FALSE' })).toMatchObject({
      dryRun: false,
      comment: true,
      jobSummary: false,
    });
    expect(parse({ 'dry-run': 'false', comment: 'false', 'job-summary': 'TRUE' })).toMatchObject({
      dryRun: false,
      comment: false,
      jobSummary: true,
    });
  });

  it("defaults are action.yml's: dry-run false, comment and job-summary true", () => {
    expect(parse({})).toMatchObject({ dryRun: false, comment: true, jobSummary: true });
  });

  it.each(['yes', 'on', '1', 'tRUE'])('"%s" is refused, naming the input', (v) => {
    expect(() => parse({ 'dry-run': v })).toThrow(InputError);
    expect(() => parse({ 'dry-run': v })).toThrow(
      `Input \`dry-run\` has the value "${v}", which is not allowed. Allowed: true or false.`,
    );
  });
});

describe("the Action's since input", () => {
  it('is read as the start of that day, UTC', () => {
    expect(parse({ since: '2025-02-28' }).since).toEqual(new Date('2025-02-28T00:00:00Z'));
    expect(parse({ since: ' 2024-02-29 ' }).since?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parse({ since: '2025-12-31' }).since?.toISOString()).toBe('2025-12-31T00:00:00.000Z');
  });

  it('empty means none', () => {
    expect(parse({}).since).toBeNull();
    expect(parse({ since: '' }).since).toBeNull();
  });

  it.each(['2025-02-30', '2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00'])(
    '"%s" is no date: refused with a clear error naming the input, never rolled over',
    (v) => {
      let error: unknown;
      try {
        parse({ since: v });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(
        `Input \`since\` has the value "${v}", which is not a real date. Allowed: a date as YYYY-MM-DD, or empty.`,
      );
    },
  );

  it.each(['2025-2-3', '25-02-03', '2025/02/03', 'yesterday'])(
    '"%s" is not YYYY-MM-DD: refused naming the input',
    (v) => {
      expect(() => parse({ since: v })).toThrow(
        `Input \`since\` has the value "${v}", which is not allowed. Allowed: a date as YYYY-MM-DD, or empty.`,
      );
    },
  );
});

describe("the Action's other inputs", () => {
  it.each([
    ['command', 'deploy', 'auto, check, lint, sync, scan, classify, translate'],
    ['openai-base-url', 'not a url', 'a URL such as https://api.openai.com/v1, or empty'],
    ['max-papers', '12x', 'a whole number, or empty'],
    ['max-papers', 'x12', 'a whole number, or empty'],
    ['max-papers', '-3', 'a whole number, or empty'],
    ['comment', 'yes', 'true or false'],
    ['job-summary', 'no', 'true or false'],
    ['fail-on', 'sometimes', 'error, warning, never'],
    ['since', 'x2025-01-01', 'a date as YYYY-MM-DD, or empty'],
    ['since', '2025-01-01x', 'a date as YYYY-MM-DD, or empty'],
  ] as const)(
    '%s: "%s" is refused, naming the input and what is allowed',
    (name, value, allowed) => {
      let error: unknown;
      try {
        parse({ [name]: value });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).name).toBe('InputError');
      expect((error as Error).message).toBe(
        `Input \`${name}\` has the value "${value}", which is not allowed. Allowed: ${allowed}.`,
      );
    },
  );

  it('reads max-papers as a number of any length, model and the LLM settings as given', () => {
    expect(parse({ 'max-papers': '7' }).maxPapers).toBe(7);
    expect(parse({ 'max-papers': '120' }).maxPapers).toBe(120);
    expect(parse({}).maxPapers).toBeNull();
    expect(parse({ model: 'gpt-4.1-mini' }).model).toBe('gpt-4.1-mini');
    expect(parse({}).model).toBeNull();
    expect(
      parse({ 'openai-api-key': 'sk-x', 'openai-base-url': 'https://llm.example/v1' }),
    ).toMatchObject({ openaiApiKey: 'sk-x', openaiBaseUrl: 'https://llm.example/v1' });
    expect(parse({})).toMatchObject({
      command: 'auto',
      config: '.github/curator.yml',
      token: '',
      openaiApiKey: null,
      openaiBaseUrl: null,
      failOn: 'error',
    });
  });
});
