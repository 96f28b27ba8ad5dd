/**
 * `check.onWarnings`: what the curator check run concludes when there are warnings and no errors.
 * Read from the config, used by conclusionFor, sent by publishCheckRun.
 */
import { describe, expect, it } from 'vitest';
import {
  conclusionFor,
  publishCheckRun,
  type AnnotatedFinding,
  type Conclusion,
} from '../../src/github/check-run.js';
import type { GitHubClient } from '../../src/github/index.js';
import { readConfig } from '../../src/tasks/lint-files.js';

const finding = (severity: AnnotatedFinding['severity']): AnnotatedFinding =>
  ({
    file: 'README.md',
    line: 3,
    column: 1,
    ruleId: 'tags',
    severity,
    message: 'x',
  }) as AnnotatedFinding;
const WARNINGS = [finding('warning'), finding('info')];
const CONCLUSIONS: Conclusion[] = ['success', 'neutral', 'failure'];

describe('check.onWarnings', () => {
  it.each(CONCLUSIONS)('onWarnings: %s is read from the config', async (c) => {
    const config = await readConfig(`check:\n  onWarnings: ${c}\n`, '.github/curator.yml');
    expect(config.check.onWarnings).toBe(c);
  });

  it('defaults to neutral', async () => {
    expect((await readConfig(null, '.github/curator.yml')).check.onWarnings).toBe('neutral');
    expect(conclusionFor(WARNINGS)).toBe('neutral');
  });

  it.each(CONCLUSIONS)('warnings and no errors conclude onWarnings (%s)', (c) => {
    const other = c === 'failure' ? 'success' : 'failure';
    expect(conclusionFor(WARNINGS, { onWarnings: c, onErrors: other })).toBe(c);
  });

  it('errors conclude onErrors, notes alone success, whatever onWarnings says', () => {
    const policy = { onWarnings: 'failure', onErrors: 'neutral' } as const;
    expect(conclusionFor([...WARNINGS, finding('error')], policy)).toBe('neutral');
    expect(conclusionFor([finding('info')], policy)).toBe('success');
    expect(conclusionFor([], policy)).toBe('success');
  });

  it.each(CONCLUSIONS)(
    'publishCheckRun sends onWarnings (%s) for a run with warnings only',
    async (c) => {
      const sent: { conclusion: string }[] = [];
      const octokit = {
        rest: {
          checks: {
            create: async (body: { conclusion: string }) => {
              sent.push(body);
              return { data: { id: 1 } };
            },
            update: async () => ({ data: {} }),
          },
        },
      } as unknown as GitHubClient;
      await publishCheckRun(octokit, {
        owner: 'octo',
        repo: 'papers',
        head_sha: '2'.repeat(40),
        title: 't',
        summary: 's',
        findings: WARNINGS,
        policy: { onWarnings: c, onErrors: 'failure' },
      });
      expect(sent.map((s) => s.conclusion)).toEqual([c]);
    },
  );
});
