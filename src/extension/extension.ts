/**
 * Entry point: wires the modules together, registers commands, and returns the extension's API (used by later
 * features — suppressions, remediation — and by the integration tests).
 */
import { loadStart as moduleStart } from './load-timer';
import * as vscode from 'vscode';
import type { Finding } from '../engine';
import { ActionOrder, FindingActionRegistry, type FindingActionProvider } from './code-actions';
import { DiagnosticsPublisher } from './diagnostics';
import { DocumentScanner } from './document-scanner';
import { FindingsStore, type ReadonlyFindingsStore } from './findings-store';
import { FindingsTreeProvider, REVEAL_COMMAND, VIEW_ID, revealFinding } from './findings-view';
import { registerHistory } from './history-scan';
import { HistoryResults } from './history-view';
import { registerFixActions } from './fix-actions';
import { createEditorContext, type EditorActionDeps, type EditorActions } from './editor-context';
import { registerCreateSecret } from './create-secret';
import { registerIgnoreActions } from './ignore-actions';
import { createLogger } from './log';
import { SecretMasker } from './masking';
import { registerWalkthrough } from './walkthrough';
import { registerRoleActions } from './roles-actions';
import { PoolHolder } from './pool';
import { ScanContext, type ScanContributor } from './scan-context';
import { SECTION, SettingsCache, groupBySetting } from './settings';
import { StatusIndicator, findingCounts } from './status';
import { ScanMemory } from './scan-memory';
import { OPEN_RULE_DOCS, openRuleDocs } from './rule-docs';
import { TrustState } from './trust';
import { registerVerifyKey } from './verify-key';
import { checkSecretsRotation } from './rotation-check';
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
    workspaceScanner: WorkspaceScanner;
    pool: PoolHolder;
    counts(): ReturnType<typeof findingCounts>;
  };
}

export function activate(context: vscode.ExtensionContext): CredentialHygieneApi {
  const t0 = performance.now();
  const log = createLogger();
  const trust = new TrustState();
  const settings = new SettingsCache(() => trust.isTrusted);
  const ctx = new ScanContext(settings, trust);
  const store = new FindingsStore();
  const pool = new PoolHolder(() => trust.isTrusted);
  const publisher = new DiagnosticsPublisher(store, ctx);
  const documents = new DocumentScanner(store, ctx, pool, log);
  const workspaceScanner = new WorkspaceScanner(store, ctx, pool, log, new ScanMemory(context.workspaceState));
  const view = new FindingsTreeProvider(store, ctx);
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: view, showCollapseAll: true });
  const status = new StatusIndicator(store, ctx, () => workspaceScanner.lastScan);
  const masking = new SecretMasker(store, () => trust.isTrusted);
  view.isMasking = () => masking.isEnabled;
  const actionRegistry = new FindingActionRegistry(store);

  // Same set as the status bar and the scan message (findingCounts).
  const updateBadge = () => {
    const n = findingCounts(store, ctx).total;
    const scope = status.scope().short;
    treeView.badge = n ? { value: n, tooltip: `${n} hardcoded credential${n === 1 ? '' : 's'} ${scope}` } : undefined;
    treeView.description = workspaceScanner.lastScan ? undefined : 'open files';
  };
  void vscode.commands.executeCommand('setContext', 'credentialHygiene.groupBy', view.groupBy);

  context.subscriptions.push(
    log.channel, settings, trust, ctx, store, publisher, documents, workspaceScanner, view, treeView, status, masking, actionRegistry,
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
    trust.onDidChange((trusted) => {
      log.info(`workspace trust: ${trusted ? 'trusted' : 'restricted'}`);
      // Restricted settings (threads, size limit, hover reveal) read workspace values only when trusted.
      settings.invalidate();
      void pool.reset();
    }),
    vscode.commands.registerCommand('credentialHygiene.scanWorkspace', () => workspaceScanner.command()),
    vscode.commands.registerCommand('credentialHygiene.cancelWorkspaceScan', () => workspaceScanner.cancel()),
    vscode.commands.registerCommand('credentialHygiene.rescanOpenFiles', () => documents.rescanAll('command')),
    workspaceScanner.onDidChangeLastScan(() => {
      status.update();
      updateBadge();
    }),
    masking.onDidChangeEnabled(() => view.refresh()),
    // Clears the workspace scan only: an open document keeps the squiggles of what is in it right now.
    vscode.commands.registerCommand('credentialHygiene.clearFindings', async () => {
      workspaceScanner.cancel();
      store.clearDisk();
      await workspaceScanner.forget();
      log.info('workspace scan findings cleared (open documents keep theirs)');
    }),
    vscode.commands.registerCommand('credentialHygiene.groupByFile', () => setGroupBy('file')),
    vscode.commands.registerCommand('credentialHygiene.groupByKind', () => setGroupBy('kind')),
    vscode.commands.registerCommand('credentialHygiene.showOutput', () => log.show()),
    // Loaded on first use: the report code is not needed for activation.
    vscode.commands.registerCommand('credentialHygiene.showReport', () =>
      import('./report/report-panel').then((m) => m.showWorkspaceReport(context, { hideValues: masking.isEnabled })),
    ),
    vscode.commands.registerCommand('credentialHygiene.checkSecretsRotation', () => checkSecretsRotation(context, trust, editorActions.prompts)),
    vscode.commands.registerCommand('credentialHygiene.refreshReport', () =>
      import('./report/report-panel').then((m) => m.showWorkspaceReport(context, { hideValues: masking.isEnabled })),
    ),
    vscode.commands.registerCommand('credentialHygiene.exportReport', (target?: unknown) =>
      import('./report/report-panel').then((m) => m.exportReport(target instanceof vscode.Uri ? target : undefined)),
    ),
    vscode.commands.registerCommand('credentialHygiene.openReportLocation', (p: unknown, line: unknown, col: unknown) =>
      import('./report/report-panel').then((m) => m.openReportLocation(p, line, col)),
    ),
    vscode.commands.registerCommand(OPEN_RULE_DOCS, (ruleId?: unknown) => openRuleDocs(context, ruleId)),
    vscode.commands.registerCommand(REVEAL_COMMAND, (uri: vscode.Uri, range: vscode.Range) => revealFinding(uri, range)),
  );

  // Git history scan: results under the History node of the Findings view.
  const history = new HistoryResults();
  view.history = history;
  context.subscriptions.push(history, history.onDidChange(() => view.refresh()), registerHistory({ pool, log, results: history, ctx }));

  const editorDeps: EditorActionDeps = {
    store, ctx, trust, log,
    registerFindingActions: (p, order) => actionRegistry.register(p, order),
    memento: context.workspaceState,
    rescanOpenDocuments: () => documents.rescanAll('project policy changed'),
    rescanDocument: (d) => documents.scanFull(d, 'ignore-file directive changed'),
  };
  const { context: c, disposable: editorContext } = createEditorContext(editorDeps);
  const editorActions: EditorActions = c;
  context.subscriptions.push(editorContext, registerFixActions(c), registerCreateSecret(c), registerIgnoreActions(c), registerVerifyKey(c));

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
    void workspaceScanner.restore().catch((e) => log.warn(`could not restore the last workspace scan: ${e}`));
    log.info(
      `activated in ${activationMs.toFixed(1)} ms + ${loadMs.toFixed(1)} ms bundle evaluation; ` +
        `workspace ${trust.isTrusted ? 'trusted' : 'restricted'}; VS Code ${vscode.version}, ${vscode.env.appHost}`,
    );
  }, 0);

  return {
    findings: store,
    registerScanContributor: (c) => ctx.register(c),
    registerFindingActions: (p, metadata) => {
      const d = actionRegistry.register(p, ActionOrder.contributed, metadata);
      context.subscriptions.push(d);
      return d;
    },
    scanWorkspace: (opts) => workspaceScanner.scan(opts),
    rescanOpenDocuments: () => documents.rescanAll('api'),
    visibleFindings: (uri) => ctx.visible(uri, store.get(uri)?.findings ?? []),
    activationMs: activationMs + loadMs,
    testing: {
      trust, view, status, whenIdle: () => documents.whenIdle(), stats: () => documents.stats, logUri: context.logUri, masking, editorActions,
      workspaceScanner, pool, counts: () => findingCounts(store, ctx),
    },
  };
}

/** End of bundle evaluation (everything above and every import has run). */
const moduleEnd = performance.now();

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (including the worker pool).
}
