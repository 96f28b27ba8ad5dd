import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  renderConfigDoc,
  renderRulesDoc,
  withConfigReference,
} from '../../src/tasks/render-docs.js';

describe('generated docs are current (run `npm run docs` when this fails)', () => {
  it('docs/rules.md', () => {
    expect(readFileSync(new URL('../../docs/rules.md', import.meta.url), 'utf8')).toBe(
      renderRulesDoc(),
    );
  });
  it('docs/config.md', () => {
    expect(readFileSync(new URL('../../docs/config.md', import.meta.url), 'utf8')).toBe(
      renderConfigDoc(),
    );
  });
  it('the config reference in README.md', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withConfigReference(readme));
    expect(readme).toContain('| `commands.allow` |');
  });
});
