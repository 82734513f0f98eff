/**
 * Plug-in point for code actions on our diagnostics (remediation quick fixes, suppressions). A provider gets the
 * findings behind the diagnostics in the request, already matched, and returns actions; this module does the
 * VS Code registration and the diagnostic ↔ finding mapping.
 */
import * as vscode from 'vscode';
import type { Finding } from '../engine';
import { DIAGNOSTIC_SOURCE, toRange } from './diagnostics';
import type { ReadonlyFindingsStore } from './findings-store';

export interface FindingWithDiagnostic {
  finding: Finding;
  diagnostic: vscode.Diagnostic;
}

export interface FindingActionProvider {
  provideFindingActions(
    document: vscode.TextDocument,
    items: readonly FindingWithDiagnostic[],
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): vscode.ProviderResult<vscode.CodeAction[]>;
}

/** The findings behind our diagnostics in a code-action context. */
export function findingsFor(store: ReadonlyFindingsStore, uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): FindingWithDiagnostic[] {
  const entry = store.get(uri);
  if (!entry) return [];
  const out: FindingWithDiagnostic[] = [];
  for (const d of diagnostics) {
    if (d.source !== DIAGNOSTIC_SOURCE) continue;
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    const finding = entry.findings.find((f) => f.ruleId === code && toRange(f).isEqual(d.range));
    if (finding) out.push({ finding, diagnostic: d });
  }
  return out;
}

export function registerFindingActions(
  store: ReadonlyFindingsStore,
  provider: FindingActionProvider,
  metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
  selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-userdata' }],
): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    selector,
    {
      provideCodeActions(document, _range, context, token) {
        const items = findingsFor(store, document.uri, context.diagnostics);
        return items.length ? provider.provideFindingActions(document, items, context, token) : undefined;
      },
    },
    metadata,
  );
}
