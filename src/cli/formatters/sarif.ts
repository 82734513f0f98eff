import { BUILTIN_RULES, type RuleSpec, type Severity } from '../../engine';
import { allFindings, type ScanReport } from '../report-model';
import { VERSION } from '../version';

const level: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const RULES_DOC_URL = 'https://github.com/credential-hygiene/credential-hygiene/blob/main/docs/rules.md';

/** SARIF 2.1.0 as GitHub code scanning ingests it, with a content-based partial fingerprint. */
export function formatSarif(report: ScanReport, extraRules: readonly RuleSpec[] = []): string {
  const rules = [...BUILTIN_RULES, ...extraRules];
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const results = allFindings(report).map(({ file, finding: f }) => ({
    ruleId: f.ruleId,
    ruleIndex: indexOf.get(f.ruleId),
    level: level[f.severity],
    message: { text: `${f.message} (${f.secretMasked})` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.start.line, startColumn: f.start.column, endLine: f.end.line, endColumn: f.end.column },
        },
      },
    ],
    partialFingerprints: { 'credentialHygiene/v1': f.fingerprint },
    ...(f.verification ? { properties: { verification: f.verification } } : {}),
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'credential-hygiene',
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: 'https://github.com/credential-hygiene/credential-hygiene',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)(\w)/g, (_, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: `${r.title} is hardcoded` },
              fullDescription: { text: r.description },
              helpUri: `${RULES_DOC_URL}#${r.id}`,
              help: { text: r.description },
              defaultConfiguration: { level: level[r.severity] },
              properties: { tags: ['security', 'secrets', r.kind], 'security-severity': r.severity === 'error' ? '8.0' : '6.0' },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.errors.map((e) => ({
              level: 'note',
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(e.file) } } }],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
