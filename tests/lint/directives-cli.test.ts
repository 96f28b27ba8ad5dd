/** `curator lint --report-unused-disable-directives`, and directives through the CLI and its config. */
import { describe, expect, it } from 'vitest';
import { exampleRow } from '../../src/lint/rules/example-table.js';
import { workspace } from '../helpers/cli.js';

const HEADER = [
  '| Paper Title | Venue/Date | Tags | Code | TL;DR |',
  '| :--- | :--- | :--- | :--- | :--- |',
];
const PDF_ROW = exampleRow({
  title:
    '[LLMLingua-2: Data Distillation for Efficient and Faithful Task-Agnostic Prompt Compression](https://arxiv.org/pdf/2403.12968)',
});
const README = [
  '## Prompt Compression',
  '',
  '<!-- curator-disable arxiv-link: 2403.12968 -->',
  '<!-- curator-disable venue: 2401.00001 -->',
  '',
  ...HEADER,
  PDF_ROW,
  '',
].join('\n');

type Report = { files: { findings: { ruleId: string; line: number; message: string }[] }[] };
const findings = (stdout: string) => (JSON.parse(stdout) as Report).files[0]!.findings;

describe('curator lint and directives', () => {
  it('silences the finding; --report-unused-disable-directives reports the directive that did nothing', async () => {
    const ws = workspace({ 'README.md': README });
    const plain = await ws.run('lint', 'README.md', '--format', 'json');
    expect(plain.code).toBe(0);
    expect(findings(plain.stdout).map((f) => f.ruleId)).not.toContain('arxiv-link');
    expect(findings(plain.stdout).map((f) => f.ruleId)).not.toContain('disable-directive');

    const loud = await ws.run(
      'lint',
      'README.md',
      '--format',
      'json',
      '--report-unused-disable-directives',
    );
    const unused = findings(loud.stdout).filter((f) => f.ruleId === 'disable-directive');
    expect(unused).toEqual([
      {
        ruleId: 'disable-directive',
        severity: 'warning',
        line: 4,
        column: 1,
        message:
          'Unused curator-disable directive (no problems were reported from `venue` for "2401.00001")',
      },
    ]);
  });

  it('reads ignore: from .github/curator.yml', async () => {
    const ws = workspace({
      'README.md': README.replace('<!-- curator-disable arxiv-link: 2403.12968 -->\n', ''),
      '.github/curator.yml': 'ignore:\n  arxiv-link: ["2403.12968"]\n',
    });
    const { code, stdout } = await ws.run('lint', 'README.md', '--format', 'json');
    expect(code).toBe(0);
    expect(findings(stdout).map((f) => f.ruleId)).not.toContain('arxiv-link');
    const without = workspace({
      'README.md': README.replace('<!-- curator-disable arxiv-link: 2403.12968 -->\n', ''),
    });
    const again = await without.run('lint', 'README.md', '--format', 'json');
    expect(again.code).toBe(1);
    expect(findings(again.stdout).map((f) => f.ruleId)).toContain('arxiv-link');
  });
});
