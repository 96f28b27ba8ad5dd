/**
 * The `curator` check run: one annotation per finding on its file and line. The Checks API takes at
 * most 50 annotations per request, so the run is created with the first 50 and updated with the
 * rest (updates append). The conclusion follows the findings and the configured policy.
 * Messages arrive already sanitised by the task layer; GitHub shows annotations as plain text.
 */
import type { GitHubClient } from './client.js';

/** The lint severities (kept here: this adapter imports nothing from the domain folders). */
export type Severity = 'error' | 'warning' | 'info';

export const CHECK_NAME = 'curator';
/** The Checks API's limit per request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** GitHub's limit on output.summary and output.text. */
const MAX_OUTPUT = 65_535;

export interface AnnotatedFinding {
  file: string;
  line: number;
  severity: Severity;
  ruleId: string;
  message: string;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

export type Conclusion = 'success' | 'neutral' | 'failure';

export interface ConclusionPolicy {
  /** What a run with warnings but no errors concludes (default neutral). */
  onWarnings: Conclusion;
  /** What a run with errors concludes (default failure). */
  onErrors: Conclusion;
}

export const DEFAULT_POLICY: ConclusionPolicy = { onWarnings: 'neutral', onErrors: 'failure' };

const LEVEL: Record<Severity, Annotation['annotation_level']> = {
  error: 'failure',
  warning: 'warning',
  info: 'notice',
};

export function toAnnotations(findings: readonly AnnotatedFinding[]): Annotation[] {
  return findings.map((f) => {
    const line = Math.max(1, f.line);
    return {
      path: f.file,
      start_line: line,
      end_line: line,
      annotation_level: LEVEL[f.severity],
      title: f.ruleId,
      message: f.message,
    };
  });
}

export function conclusionFor(
  findings: readonly AnnotatedFinding[],
  policy: ConclusionPolicy = DEFAULT_POLICY,
): Conclusion {
  if (findings.some((f) => f.severity === 'error')) return policy.onErrors;
  if (findings.some((f) => f.severity === 'warning')) return policy.onWarnings;
  return 'success';
}

function clip(text: string): string {
  return text.length <= MAX_OUTPUT
    ? text
    : `${text.slice(0, MAX_OUTPUT - 40)}\n\n_(cut at GitHub's limit)_`;
}

export interface CheckRunInput {
  owner: string;
  repo: string;
  head_sha: string;
  title: string;
  summary: string;
  findings: readonly AnnotatedFinding[];
  policy?: ConclusionPolicy;
  /** Overrides the conclusion the findings would give (a run that could not finish fails). */
  conclusion?: Conclusion;
}

/** Create the completed check run and return its id. Sends 1 + ceil((n - 50) / 50) requests. */
export async function publishCheckRun(
  octokit: GitHubClient,
  input: CheckRunInput,
): Promise<number> {
  const annotations = toAnnotations(input.findings);
  const conclusion = input.conclusion ?? conclusionFor(input.findings, input.policy);
  const output = (batch: Annotation[]) => ({
    title: input.title,
    summary: clip(input.summary),
    annotations: batch,
  });
  const { data } = await octokit.rest.checks.create({
    owner: input.owner,
    repo: input.repo,
    name: CHECK_NAME,
    head_sha: input.head_sha,
    status: 'completed',
    conclusion,
    output: output(annotations.slice(0, ANNOTATIONS_PER_REQUEST)),
  });
  for (let i = ANNOTATIONS_PER_REQUEST; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    await octokit.rest.checks.update({
      owner: input.owner,
      repo: input.repo,
      check_run_id: data.id,
      output: output(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST)),
    });
  }
  return data.id;
}
