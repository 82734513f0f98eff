/**
 * Publishes the findings store into one DiagnosticCollection: exact range, `source` = credential-hygiene,
 * `code` = rule id linking to the rule's docs, message from the engine (never the secret), severity per
 * settings. Settings changes republish without rescanning.
 */
import * as vscode from 'vscode';
import type { Finding } from '../engine';
import type { FindingsStore } from './findings-store';
import { ruleDocsCommandUri } from './rule-docs';
import type { ScanContext } from './scan-context';
import { severityFor, toDiagnosticSeverity } from './settings';

export const DIAGNOSTIC_SOURCE = 'credential-hygiene';
const docUris = new Map<string, vscode.Uri>();
/** The rule's docs, opened offline in the editor (rule-docs.ts); the Problems panel and hover allow command links. */
function ruleDocsUri(ruleId: string): vscode.Uri {
  let u = docUris.get(ruleId);
  if (!u) docUris.set(ruleId, (u = ruleDocsCommandUri(ruleId)));
  return u;
}

export function toRange(f: Pick<Finding, 'start' | 'end'>): vscode.Range {
  return new vscode.Range(f.start.line - 1, f.start.column - 1, f.end.line - 1, f.end.column - 1);
}

export class DiagnosticsPublisher implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly store: FindingsStore,
    private readonly ctx: ScanContext,
  ) {
    this.subs = [store.onDidChange((uris) => this.publish(uris)), ctx.settings.onDidChange(() => this.republishAll())];
  }

  publish(uris: readonly vscode.Uri[]): void {
    this.collection.set(uris.map((u) => [u, this.build(u)] as [vscode.Uri, vscode.Diagnostic[] | undefined]));
  }

  republishAll(): void {
    this.collection.clear();
    this.publish(this.store.all().map((e) => e.uri));
  }

  private build(uri: vscode.Uri): vscode.Diagnostic[] | undefined {
    const entry = this.store.get(uri);
    if (!entry) return undefined;
    const shown = this.ctx.visible(uri, entry.findings);
    if (shown.length === 0) return undefined;
    const s = this.ctx.settings.for(uri);
    return shown.map((f) => {
      const d = new vscode.Diagnostic(toRange(f), f.message, toDiagnosticSeverity(severityFor(f, s)));
      d.source = DIAGNOSTIC_SOURCE;
      d.code = { value: f.ruleId, target: ruleDocsUri(f.ruleId) };
      return d;
    });
  }

  dispose(): void {
    this.subs.forEach((d) => d.dispose());
    this.collection.dispose();
  }
}
