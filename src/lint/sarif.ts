/**
 * `--format sarif`: the report as SARIF 2.1.0, the format GitHub code scanning uploads
 * (`github/codeql-action/upload-sarif`). One run, the tool's rules with their descriptions and
 * default levels, one result per finding; a fixable finding carries its fix as a replacement of the
 * whole line (the region with only `startLine`/`endLine` is the line without its line break, per
 * SARIF §3.30).
 */
import type { LintReport } from './format.js';
import { RULES } from './preset.js';
import type { Severity } from './types.js';

export interface SarifOptions {
  /** The tool's version (package.json). */
  version: string;
  /** The tool's home page; rules link to `<informationUri>/blob/main/docs/rules.md#<rule-id>`. */
  informationUri: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** A report path as a relative URI: `/` separators, each segment percent-encoded. */
export function relativeUri(path: string): string {
  return path
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

export function formatSarif(report: LintReport, options: SarifOptions): string {
  const docs = `${options.informationUri.replace(/\/$/, '')}/blob/main/docs/rules.md`;
  const rules: Record<string, unknown>[] = RULES.map((rule) => ({
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.rationale },
    helpUri: `${docs}#${rule.id}`,
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity], enabled: rule.defaultOn },
    properties: { fixable: rule.fixable },
  }));
  const index = new Map(RULES.map((r, i) => [r.id, i]));
  // Findings of ids that are not rules of the preset (a directive's own report, say) still get an
  // entry, so every result points at a rule.
  for (const file of report.files)
    for (const f of file.findings)
      if (!index.has(f.ruleId)) {
        index.set(f.ruleId, rules.length);
        rules.push({
          id: f.ruleId,
          name: f.ruleId,
          shortDescription: { text: f.ruleId },
          helpUri: `${docs}#${f.ruleId}`,
          defaultConfiguration: { level: LEVEL[f.severity] },
        });
      }

  const results = report.files.flatMap((file) => {
    const artifactLocation = { uri: relativeUri(file.path), uriBaseId: '%SRCROOT%' };
    return file.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: { startLine: f.line, startColumn: f.column },
          },
        },
      ],
      ...(f.fix
        ? {
            fixes: [
              {
                description: { text: `Replace line ${f.fix.line}` },
                artifactChanges: [
                  {
                    artifactLocation,
                    replacements: [
                      {
                        deletedRegion: { startLine: f.fix.line, endLine: f.fix.line },
                        insertedContent: { text: f.fix.text },
                      },
                    ],
                  },
                ],
              },
            ],
          }
        : {}),
    }));
  });

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'awesome-curator',
            version: options.version,
            semanticVersion: options.version,
            informationUri: options.informationUri,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
