import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('npm run demo', () => {
  it('lints the example, fixes a copy, shows the changed lines and what is left, offline', () => {
    const script = fileURLToPath(new URL('../../scripts/demo.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[1/3] curator lint');
    expect(r.stdout).toMatch(/24 problems \(13 errors, 9 warnings, 2 info\)/);
    expect(r.stderr).toContain('README.md: fixed 7 lines');
    expect(r.stdout).toContain(
      '  + | [KVQuant: Towards 10 Million Context Length LLM Inference with KV Cache Quantization](https://arxiv.org/abs/2401.18079) | arXiv 2024.01 |',
    );
    expect(r.stdout).toMatch(/\[3\/3\][\s\S]*12 problems \(2 errors, 8 warnings, 2 info\)/);
  });
});
