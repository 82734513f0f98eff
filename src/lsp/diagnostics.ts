/**
 * Findings → LSP diagnostics: the same range, message and code (rule id) as the VS Code extension, source
 * `credential-hygiene`, never the secret (the engine's message is built without it). `data` carries what a
 * code action needs to find the finding again.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../engine';
import { severityOf, type LspSettings } from './settings';

export const DIAGNOSTIC_SOURCE = 'credential-hygiene';

interface FindingData {
  ruleId: string;
  fingerprint: string;
  startOffset: number;
}

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding, s: LspSettings, docsUrl: string | undefined): Diagnostic {
  const d: Diagnostic = {
    range: {
      start: { line: f.start.line - 1, character: f.start.column - 1 },
      end: { line: f.end.line - 1, character: f.end.column - 1 },
    },
    severity: SEVERITY[severityOf(f, s)] ?? DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    code: f.ruleId,
    message: f.message,
    data: { ruleId: f.ruleId, fingerprint: f.fingerprint, startOffset: f.startOffset } satisfies FindingData,
  };
  if (docsUrl) d.codeDescription = { href: `${docsUrl}#${f.ruleId}` };
  return d;
}

/** The finding a diagnostic names, in the current findings (it may have moved: matched by fingerprint). */
export function findingFor(d: Diagnostic, findings: readonly Finding[]): Finding | undefined {
  const data = d.data as Partial<FindingData> | undefined;
  if (!data?.ruleId || !data.fingerprint) {
    // Some clients drop `data`: fall back to the range and the code.
    const { line, character } = d.range.start;
    return findings.find((f) => f.start.line - 1 === line && f.start.column - 1 === character && (d.code === undefined || d.code === f.ruleId));
  }
  const same = findings.filter((f) => f.ruleId === data.ruleId && f.fingerprint === data.fingerprint);
  const at = data.startOffset ?? 0;
  return same.sort((a, b) => Math.abs(a.startOffset - at) - Math.abs(b.startOffset - at))[0];
}
