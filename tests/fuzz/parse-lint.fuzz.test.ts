/**
 * Fuzz: parsing and linting never throw (a CuratorError, the documented user error, is allowed);
 * the model points into the text; the fast and general row readers agree; streaming lint
 * (`lintText`) and lint of the whole model (`lintList`) agree; bytes -> text -> bytes is lossless.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CuratorError } from '../../src/errors.js';
import { lintList, lintText, type LintOptions } from '../../src/lint/index.js';
import { decodeMarkdown, encodeMarkdown, parseList } from '../../src/list/index.js';
import { markdown } from './arbitraries.js';
import { checkProperty, FUZZ_RUNS, timeoutFor } from './fuzz-config.js';
import { allowingCuratorError, checkConsistentModel, rowFields } from './oracles.js';

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
            expect(general.rows.map(rowFields)).toEqual(list.rows.map(rowFields));
            const streamed = allowingCuratorError(() => lintText(text, path, {}, options));
            if (streamed instanceof CuratorError) return;
            expect(lintList(list, options)).toEqual(streamed);
            const count = Math.max(1, list.lines.count);
            for (const f of streamed) {
              expect(f.line).toBeGreaterThanOrEqual(1);
              expect(f.line).toBeLessThanOrEqual(count);
              expect(f.column).toBeGreaterThanOrEqual(1);
              if (f.fix) expect(f.fix.text).not.toMatch(/\n/);
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
