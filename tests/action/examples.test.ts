import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import { INPUT_NAMES } from '../../src/action/inputs.js';

const read = (path: string) =>
  parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));

it('action.yml runs on node24 from dist/index.js and declares exactly the inputs run() parses, and the outputs', () => {
  const action = read('action.yml') as {
    runs: { using: string; main: string };
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    branding: { icon: string; color: string };
  };
  expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
  expect(action.inputs['token']!.default).toBe('${{ github.token }}');
  expect(Object.keys(action.outputs)).toEqual([
    'errors',
    'warnings',
    'papers-suggested',
    'venues-updated',
    'pull-request-url',
  ]);
  expect(action.branding.icon).toBeTruthy();
});

it('the example workflow has the three triggers, least permissions, and uses the Action', () => {
  const wf = read('examples/workflows/curator.yml') as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
  };
  expect(Object.keys(wf.on)).toEqual(
    expect.arrayContaining(['pull_request', 'push', 'schedule', 'workflow_dispatch']),
  );
  expect(wf.permissions).toEqual({
    contents: 'write',
    'pull-requests': 'write',
    issues: 'write',
  });
  const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
  const step = steps.find((s) => s.uses?.startsWith('awesome-curator/awesome-curator@'))!;
  for (const key of Object.keys(step.with ?? {})) expect(INPUT_NAMES).toContain(key);
});
