/**
 * Plug-in point for code actions on our diagnostics (remediation quick fixes, create-secret, suppressions). A
 * provider gets the findings behind the diagnostics in the request, already matched, and returns actions; this
 * module does the VS Code registration and the diagnostic ↔ finding mapping.
 *
 * Order matters (issue 16 point 1): VS Code lists the actions of separate providers newest-registration first,
 * so suppressions registered after the fixes would come on top. All quick-fix providers therefore share ONE
 * VS Code provider that concatenates their actions by `order`: real fixes, then create-secret, then other
 * contributors, then suppressions last. VS Code itself then only lifts the preferred fix to the top.
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

/** Position of a provider's actions in the quick-fix list (lower first). */
export const ActionOrder = {
  fix: 0,
  createSecret: 10,
  /** Providers added through the extension API (e.g. a later "show role" action). */
  contributed: 50,
  suppression: 100,
} as const;

export const DOCUMENT_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-userdata' }];

/** The findings behind our diagnostics in a code-action context. */
function findingsFor(store: ReadonlyFindingsStore, uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): FindingWithDiagnostic[] {
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

interface Entry {
  provider: FindingActionProvider;
  order: number;
  seq: number;
}

/** One VS Code quick-fix provider in front of every finding-action provider, in a fixed order. */
export class FindingActionRegistry implements vscode.Disposable {
  private readonly entries: Entry[] = [];
  private seq = 0;
  private readonly registration: vscode.Disposable;

  constructor(private readonly store: ReadonlyFindingsStore) {
    this.registration = vscode.languages.registerCodeActionsProvider(
      DOCUMENT_SELECTOR,
      { provideCodeActions: (document, _range, context, token) => this.provide(document, context, token) },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    );
  }

  /**
   * Adds a provider. Quick-fix providers join the ordered list; a provider of other kinds (metadata given
   * without QuickFix) gets its own VS Code registration as before.
   */
  register(provider: FindingActionProvider, order: number = ActionOrder.contributed, metadata?: vscode.CodeActionProviderMetadata): vscode.Disposable {
    const kinds = metadata?.providedCodeActionKinds;
    if (kinds && !kinds.some((k) => vscode.CodeActionKind.QuickFix.contains(k))) return registerStandalone(this.store, provider, metadata!);
    const entry: Entry = { provider, order, seq: this.seq++ };
    this.entries.push(entry);
    this.entries.sort((a, b) => a.order - b.order || a.seq - b.seq);
    return new vscode.Disposable(() => {
      const i = this.entries.indexOf(entry);
      if (i >= 0) this.entries.splice(i, 1);
    });
  }

  private async provide(document: vscode.TextDocument, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[] | undefined> {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return undefined;
    const items = findingsFor(this.store, document.uri, context.diagnostics);
    if (!items.length) return undefined;
    const out: vscode.CodeAction[] = [];
    for (const e of [...this.entries]) {
      if (token.isCancellationRequested) break;
      try {
        const got = await e.provider.provideFindingActions(document, items, context, token);
        if (got) out.push(...got);
      } catch {
        // one failing contributor must not hide the others' actions
      }
    }
    return out;
  }

  dispose(): void {
    this.registration.dispose();
    this.entries.length = 0;
  }
}

function registerStandalone(store: ReadonlyFindingsStore, provider: FindingActionProvider, metadata: vscode.CodeActionProviderMetadata): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(
    DOCUMENT_SELECTOR,
    {
      provideCodeActions(document, _range, context, token) {
        const items = findingsFor(store, document.uri, context.diagnostics);
        return items.length ? provider.provideFindingActions(document, items, context, token) : undefined;
      },
    },
    metadata,
  );
}
