/**
 * Fuzz: `--fix` is idempotent and lossless.
 *
 * - fixText(fixText(x)) == fixText(x), and the second run applies nothing;
 * - the text keeps its line count; every line that no pass's finding offered a fix for is
 *   byte-identical (content and line ending); a fixed line keeps its line ending;
 * - through lintFiles (bytes, BOM, the config's rules and the placement classifier): a second
 *   `--fix` writes nothing and the BOM is kept; bytes that are not UTF-8 give a CuratorError.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { CuratorConfig } from '../../src/config/index.js';
import { CuratorError } from '../../src/errors.js';
import { fixEdits, fixText, lintText, type LintOptions } from '../../src/lint/index.js';
import { applyEdits, decodeMarkdown, LineIndex } from '../../src/list/index.js';
import { lintFiles } from '../../src/tasks/lint-files.js';
import { markdown } from './arbitraries.js';
import { checkAsyncProperty, checkProperty, FUZZ_RUNS, timeoutFor } from './fuzz-config.js';
import { allowingCuratorErrorAsync, check, linesWithEndings } from './oracles.js';

const OPTIONS: LintOptions[] = [
  {},
  {
    rules: { 'row-order': { severity: 'warning', options: { order: 'newest-first' } } },
    excludeSections: ['Survey', '综述'],
  },
];

/** fixText's passes, replayed with the public pieces, collecting the lines any fix was for. */
function replay(
  text: string,
  path: string,
  options: LintOptions,
): { text: string; lines: Set<number> } {
  let current = text;
  const lines = new Set<number>();
  let findings = lintText(current, path, {}, options);
  for (let pass = 0; pass < 10; pass += 1) {
    const index = new LineIndex(current);
    const edits = fixEdits({ lines: index }, findings);
    if (edits.length === 0) break;
    for (const f of findings) if (f.fix) lines.add(f.fix.line);
    current = applyEdits(current, edits);
    findings = lintText(current, path, {}, options);
  }
  return { text: current, lines };
}

describe('fuzz: --fix', () => {
  it(
    'fixText is idempotent and changes only the lines it fixed, keeping their line endings',
    () => {
      checkProperty(
        'fix: idempotent + lossless',
        fc.property(
          markdown,
          fc.constantFrom('README.md', 'README_CN.md'),
          fc.constantFrom(...OPTIONS),
          (text, path, options) => {
            const once = fixText(text, path, options);
            const twice = fixText(once.text, path, options);
            check(twice.text === once.text, 'a second fix changed the text', once.text, twice.text);
            check(twice.applied === 0, 'a second fix applied edits', twice.applied);
            if (once.applied === 0) {
              check(once.text === text, 'text changed without a fix applied');
              return;
            }
            const before = linesWithEndings(text);
            const after = linesWithEndings(once.text);
            check(
              after.length === before.length,
              'line count changed',
              before.length,
              after.length,
            );
            const changed = before.flatMap(([content, ending], i) => {
              const [newContent, newEnding] = after[i]!;
              check(newEnding === ending, `line ${i + 1}: line ending changed`, ending, newEnding);
              return newContent === content ? [] : [i + 1];
            });
            // Lines the first pass offered a fix for; later passes (fixes that a first fix makes
            // possible) are replayed only when a changed line is not among them.
            const firstPass = new Set(
              lintText(text, path, {}, options).flatMap((f) => (f.fix ? [f.fix.line] : [])),
            );
            if (changed.every((n) => firstPass.has(n))) return;
            const replayed = replay(text, path, options);
            check(replayed.text === once.text, 'fixText differs from its passes replayed');
            for (const n of changed)
              check(
                replayed.lines.has(n),
                `line ${n} changed without a fix`,
                before[n - 1],
                after[n - 1],
              );
          },
        ),
      );
    },
    timeoutFor(FUZZ_RUNS),
  );

  it(
    'lintFiles --fix on bytes (BOM, invalid UTF-8, the placement check): a second run writes nothing, the BOM stays',
    async () => {
      const config = structuredClone(DEFAULT_CONFIG) as CuratorConfig;
      await checkAsyncProperty(
        'fix: lintFiles on bytes',
        fc.asyncProperty(
          markdown,
          fc.boolean(),
          // Now and then one byte overwritten: invalid UTF-8 or a NUL must give a clear error.
          fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { freq: 9 }),
          async (text, bom, flip) => {
            const buffer = Buffer.concat([
              Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []),
              Buffer.from(text, 'utf8'),
            ]);
            if (flip && buffer.length) buffer[flip[0] % buffer.length] = flip[1];
            const bytes = new Uint8Array(buffer);
            const run = async (input: Uint8Array) => {
              const written: Uint8Array[] = [];
              const result = await allowingCuratorErrorAsync(() =>
                lintFiles({
                  files: [{ path: 'README.md', read: async () => input }],
                  config,
                  fix: true,
                  write: async (_path, out) => void written.push(out),
                }),
              );
              return { result, written };
            };
            const first = await run(bytes);
            if (first.result instanceof CuratorError) {
              // Only the decoder's clear errors are expected here.
              check(
                /^README\.md: /.test(first.result.message),
                'unexpected CuratorError',
                first.result.message,
              );
              return;
            }
            if (first.written.length === 0) return;
            check(first.written.length === 1, 'more than one write for one file');
            const out = first.written[0]!;
            const decoded = decodeMarkdown(out, 'README.md');
            check(decoded.bom === decodeMarkdown(bytes, 'README.md').bom, 'BOM not kept');
            const second = await run(out);
            check(!(second.result instanceof CuratorError), 'fixed file rejected');
            check(second.written.length === 0, 'a second --fix wrote the file again');
          },
        ),
      );
    },
    timeoutFor(FUZZ_RUNS),
  );
});
