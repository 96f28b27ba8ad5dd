/**
 * The job summary file (GITHUB_STEP_SUMMARY) of the Action's tests. @actions/core's summary is a
 * module singleton that keeps the first path it sees, and vitest's `--no-isolate` (CI's loaded
 * pass) shares modules between the test files of a worker: every file must write to this one
 * path (a test empties it before each run), or the second file's summary goes to the first's.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SUMMARY = join(mkdtempSync(join(tmpdir(), 'curator-summary-')), 'summary');
