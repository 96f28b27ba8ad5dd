/**
 * Fuzz: parsing and linting never throw (a CuratorError, the documented user error, is allowed);
 * the model points into the text; the fast and general row readers agree; the linear outline
 * reader agrees with remark when it answers; streaming lint (`lintText`) and lint of the whole
 * model (`lintList`) agree; bytes -> text -> bytes is lossless.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CuratorError } from '../../src/errors.js';
import { lintList, lintText, type LintOptions } from '../../src/lint/index.js';
import {
  decodeMarkdown,
  encodeMarkdown,
  LineIndex,
  parseList,
  readOutline,
  scanOutline,
  scanTables,
} from '../../src/list/index.js';
import { markdown } from './arbitraries.js';
import { checkProperty, FUZZ_RUNS, timeoutFor } from './fuzz-config.js';
import { allowingCuratorError, check, checkConsistentModel, rowFields } from './oracles.js';

/**
 * When the linear outline reader does not defer to remark, it must give remark's outline (the
 * check of tests/list/scan-outline.differential.test.ts, on mutated lists; small ones only, as
 * remark costs milliseconds per kilobyte).
 */
function checkOutlineAgainstRemark(text: string): void {
  const lines = new LineIndex(text);
  const blocks = scanTables(lines).map((t) => ({
    first: t.header.line,
    last: Math.max(t.bodyLast, t.delimiter.line),
  }));
  const fast = scanOutline(lines, blocks);
  if (!fast) return;
  const { headings, anchorLinks, htmlAnchors } = readOutline(text, lines, blocks);
  check(
    JSON.stringify(fast) === JSON.stringify({ headings, anchorLinks, htmlAnchors }),
    'the linear outline reader and remark differ',
    fast,
    { headings, anchorLinks, htmlAnchors },
  );
}

const OPTIONS: LintOptions[] = [
  {},
  {
    rules: { 'row-order': { severity: 'warning', options: { order: 'oldest-first' } } },
    excludeSections: ['Survey', '综述'],
  },
];

describe('fuzz: parse and lint', () => {
  it(
    'never throw, and agree with themselves (fast/general rows, streamed/whole lint)',
    () => {
      checkProperty(
        'parse + lint',
        fc.property(
          markdown,
          fc.constantFrom('README.md', 'README_CN.md'),
          fc.constantFrom(...OPTIONS),
          (text, path, options) => {
            const list = allowingCuratorError(() => parseList(text, path));
            if (list instanceof CuratorError) return;
            checkConsistentModel(list);
            const general = parseList(text, path, { fastPath: false });
            check(
              JSON.stringify(general.rows.map(rowFields)) ===
                JSON.stringify(list.rows.map(rowFields)),
              'the fast and the general row readers differ',
            );
            if (text.length <= 4000) checkOutlineAgainstRemark(text);
            const streamed = allowingCuratorError(() => lintText(text, path, {}, options));
            if (streamed instanceof CuratorError) return;
            check(
              JSON.stringify(lintList(list, options)) === JSON.stringify(streamed),
              'lintList and lintText differ',
            );
            const count = Math.max(1, list.lines.count);
            for (const f of streamed) {
              check(f.line >= 1 && f.line <= count && f.column >= 1, 'finding outside the file', f);
              if (f.fix) check(!f.fix.text.includes('\n'), 'a fix of more than one line', f);
            }
          },
        ),
      );
    },
    timeoutFor(FUZZ_RUNS),
  );

  it(
    'decode: bytes become text and back unchanged, or a CuratorError (invalid UTF-8, NUL)',
    () => {
      const bytes = fc
        .tuple(
          markdown,
          fc.boolean(),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        )
        .map(([text, bom, flips]) => {
          const body = Buffer.from(text, 'utf8');
          const out = bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
          for (const [at, value] of flips) if (out.length) out[at % out.length] = value;
          return new Uint8Array(out);
        });
      checkProperty(
        'decode',
        fc.property(bytes, (input) => {
          const decoded = allowingCuratorError(() => decodeMarkdown(input, 'README.md'));
          if (decoded instanceof CuratorError) {
            expect(decoded.message).toMatch(/^README\.md: /);
            return;
          }
          expect(
            Buffer.from(encodeMarkdown(decoded.text, decoded.bom)).equals(Buffer.from(input)),
          ).toBe(true);
        }),
      );
    },
    timeoutFor(FUZZ_RUNS),
  );
});
