import { allFindings, type ScanReport } from '../report-model';

/** The stable machine format (`version: 1`); `secret` is always the masked value. */
export function formatJson(report: ScanReport): string {
  const findings = allFindings(report).map(({ file, finding: f }) => ({
    file,
    line: f.start.line,
    column: f.start.column,
    endLine: f.end.line,
    endColumn: f.end.column,
    ruleId: f.ruleId,
    kind: f.kind,
    severity: f.severity,
    message: f.message,
    secret: f.secretMasked,
    fingerprint: f.fingerprint,
    ...(f.verification ? { verification: f.verification } : {}),
  }));
  return JSON.stringify({ version: 1, findings, errors: report.errors, stats: report.stats }, null, 2) + '\n';
}
