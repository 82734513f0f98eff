/**
 * Entry point: wires the modules together, registers commands, and returns the extension's API (used by later
 * features — suppressions, remediation — and by the integration tests).
 */
import { loadStart as moduleStart } from './load-timer';
import * as vscode from 'vscode';
import type { Finding } from '../engine';
import { registerFindingActions, type FindingActionProvider } from './code-actions';
import { DiagnosticsPublisher } from './diagnostics';
import { DocumentScanner } from './document-scanner';
import { FindingsStore, type ReadonlyFindingsStore } from './findings-store';
import { FindingsTreeProvider, REVEAL_COMMAND, VIEW_ID, revealFinding } from './findings-view';
import { registerEditorActions, type EditorActions } from './fix-actions';
import { createLogger } from './log';
import { SecretMasker } from './masking';
import { registerWalkthrough } from './walkthrough';
import { registerRoleActions } from './roles-actions';
import { PoolHolder } from './pool';
import { ScanContext, type ScanContributor } from './scan-context';
import { SECTION, SettingsCache, groupBySetting } from './settings';
import { StatusIndicator } from './status';
import { TrustState } from './trust';
import { WorkspaceScanner, type WorkspaceScanOptions, type WorkspaceScanSummary } from './workspace-scan';

export interface CredentialHygieneApi {
  /** Per-file findings (document layer over disk layer), unfiltered by display settings. */
  readonly findings: ReadonlyFindingsStore;
  /** Adds scan options (custom rules) or a findings filter (suppressions). */
  registerScanContributor(c: ScanContributor): vscode.Disposable;
  /** Adds code actions for our diagnostics (remediation, suppression). */
  registerFindingActions(p: FindingActionProvider, metadata?: vscode.CodeActionProviderMetadata): vscode.Disposable;
  scanWorkspace(opts?: WorkspaceScanOptions): Promise<WorkspaceScanSummary>;
  /** Rescans open documents (e.g. after a contributor's config changed). */
  rescanOpenDocuments(): void;
  /** Visible findings for a resource under the current settings. */
  visibleFindings(uri: vscode.Uri): Finding[];
  readonly activationMs: number;
  /** Test hooks. Not a stable API. */
  readonly testing: {
    trust: TrustState;
    view: FindingsTreeProvider;
    status: StatusIndicator;
    whenIdle(): Promise<void>;
    stats(): DocumentScanner['stats'];
    /** Folder of the output channel's log file. */
    logUri: vscode.Uri;
    masking: SecretMasker;
    /** Quick fixes, suppressions, project policy (prompts are replaceable by tests). */
    editorActions: EditorActions;
  };
}

export function activate(context: vscode.ExtensionContext): CredentialHygieneApi {
  const t0 = performance.now();
  const log = createLogger();
  const settings = new SettingsCache();
  const trust = new TrustState();
  const ctx = new ScanContext(settings, trust);
  const store = new FindingsStore();
  const pool = new PoolHolder();
  const publisher = new DiagnosticsPublisher(store, ctx);
  const documents = new DocumentScanner(store, ctx, pool, log);
  const workspaceScanner = new WorkspaceScanner(store, ctx, pool, log);
  const view = new FindingsTreeProvider(store, ctx);
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: view, showCollapseAll: true });
  const status = new StatusIndicator(store, ctx);
  const masking = new SecretMasker(store);

  const updateBadge = () => {
    const n = view.total();
    treeView.badge = n ? { value: n, tooltip: `${n} hardcoded credential${n === 1 ? '' : 's'}` } : undefined;
  };
  void vscode.commands.executeCommand('setContext', 'credentialHygiene.groupBy', view.groupBy);

  context.subscriptions.push(
    log.channel, settings, trust, ctx, store, publisher, documents, workspaceScanner, view, treeView, status, masking,
    registerWalkthrough(context),
    registerRoleActions(context),
    { dispose: () => void pool.dispose() },
    store.onDidChange(() => {
      view.refresh();
      updateBadge();
    }),
    settings.onDidChange((e) => {
      if (e.affectsConfiguration(`${SECTION}.findingsView.groupBy`)) view.setGroupBy(groupBySetting());
      if (e.affectsConfiguration(`${SECTION}.workspaceScan.threads`)) void pool.reset();
      view.refresh();
      updateBadge();
      log.info('settings changed; applied');
    }),
    trust.onDidChange((trusted) => log.info(`workspace trust: ${trusted ? 'trusted' : 'restricted'}`)),
    vscode.commands.registerCommand('credentialHygiene.scanWorkspace', () => workspaceScanner.command()),
    vscode.commands.registerCommand('credentialHygiene.cancelWorkspaceScan', () => workspaceScanner.cancel()),
    vscode.commands.registerCommand('credentialHygiene.rescanOpenFiles', () => documents.rescanAll('command')),
    vscode.commands.registerCommand('credentialHygiene.clearFindings', () => {
      workspaceScanner.cancel();
      documents.reset();
      store.clear();
      log.info('findings cleared');
    }),
    vscode.commands.registerCommand('credentialHygiene.groupByFile', () => setGroupBy('file')),
    vscode.commands.registerCommand('credentialHygiene.groupByKind', () => setGroupBy('kind')),
    vscode.commands.registerCommand('credentialHygiene.showOutput', () => log.show()),
    // Loaded on first use: the report code is not needed for activation.
    vscode.commands.registerCommand('credentialHygiene.showReport', () =>
      import('./report/report-panel').then((m) => m.showWorkspaceReport(context)),
    ),
    vscode.commands.registerCommand(REVEAL_COMMAND, (uri: vscode.Uri, range: vscode.Range) => revealFinding(uri, range)),
  );

  const editorActions = registerEditorActions({
    store, ctx, trust, log,
    registerFindingActions: (p, metadata) => registerFindingActions(store, p, metadata),
    rescanOpenDocuments: () => documents.rescanAll('project policy changed'),
    rescanDocument: (d) => documents.scanFull(d, 'ignore-file directive changed'),
  });
  context.subscriptions.push(editorActions);

  function setGroupBy(g: 'file' | 'kind'): Thenable<void> {
    view.setGroupBy(g);
    return vscode.workspace.getConfiguration(SECTION).update('findingsView.groupBy', g, vscode.ConfigurationTarget.Global);
  }

  const activationMs = performance.now() - t0;
  const loadMs = moduleEnd - moduleStart;
  // After activation returns: the first scan of already-open documents, and the activation log line (the log
  // redacts every line with the engine, whose first use compiles the rule set: not activation work).
  setTimeout(() => {
    documents.start();
    log.info(
      `activated in ${activationMs.toFixed(1)} ms + ${loadMs.toFixed(1)} ms bundle evaluation; ` +
        `workspace ${trust.isTrusted ? 'trusted' : 'restricted'}; VS Code ${vscode.version}, ${vscode.env.appHost}`,
    );
  }, 0);

  return {
    findings: store,
    registerScanContributor: (c) => ctx.register(c),
    registerFindingActions: (p, metadata) => {
      const d = registerFindingActions(store, p, metadata);
      context.subscriptions.push(d);
      return d;
    },
    scanWorkspace: (opts) => workspaceScanner.scan(opts),
    rescanOpenDocuments: () => documents.rescanAll('api'),
    visibleFindings: (uri) => ctx.visible(uri, store.get(uri)?.findings ?? []),
    activationMs: activationMs + loadMs,
    testing: { trust, view, status, whenIdle: () => documents.whenIdle(), stats: () => documents.stats, logUri: context.logUri, masking, editorActions },
  };
}

/** End of bundle evaluation (everything above and every import has run). */
const moduleEnd = performance.now();

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (including the worker pool).
}
