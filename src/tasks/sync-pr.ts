/**
 * The sync pull request's title and body, without GitHub: the rows each file lacks, and a hidden
 * block recording the commit it was built on and the commit the App made (a rerun on the same
 * push finds them and writes nothing).
 */
import * as z from 'zod/mini';
import { sanitizeText } from '../classifier/sanitize.js';
import type { SyncOutcome } from './sync-readmes.js';

export const SYNC_BRANCH = 'curator/sync';
const BLOCK = /<!-- awesome-curator:sync (\{[^\n]*\}) -->/;
const BlockSchema = z.object({ v: z.literal(1), base: z.string(), commit: z.string() });
export type SyncBlock = z.infer<typeof BlockSchema>;

export function readSyncBlock(body: string): SyncBlock | null {
  const m = BLOCK.exec(body);
  if (!m) return null;
  try {
    const parsed = BlockSchema.safeParse(JSON.parse(m[1]!));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function syncTitle(o: Pick<SyncOutcome, 'rows' | 'rowsCorrected'>): string {
  const n = o.rows.length;
  return n
    ? `Sync the READMEs: ${n} missing row${n === 1 ? '' : 's'}`
    : `Sync the READMEs: ${o.rowsCorrected} row${o.rowsCorrected === 1 ? '' : 's'} corrected`;
}

export function renderSyncBody(
  o: Pick<SyncOutcome, 'rows' | 'rowsCorrected'>,
  block: SyncBlock,
): string {
  const out = [
    `The last push to the default branch left the two READMEs out of step. This pull request adds what each file lacks${o.rowsCorrected ? ` and copies titles, links, venues and code links to ${o.rowsCorrected} row${o.rowsCorrected === 1 ? '' : 's'} of the translation` : ''}.`,
    '',
  ];
  for (const r of o.rows) {
    out.push(
      `- \`${r.file}\`, under "${sanitizeText(r.section, 120)}"${r.needsTranslation ? ' (TL;DR still to translate)' : ''}:`,
      '',
      '  ```markdown',
      `  ${r.row.replace(/```/g, "'''")}`,
      '  ```',
    );
  }
  out.push(
    '',
    'The branch is rebuilt on the default branch after each push that changes a README, so it never conflicts; edits made on it are replaced then.',
    '',
    `<!-- awesome-curator:sync ${JSON.stringify(block)} -->`,
  );
  return `${out.join('\n')}\n`;
}
