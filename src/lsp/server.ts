/**
 * `credential-hygiene lsp --stdio`: a Language Server on the same engine, policy and remediation as the CLI and
 * the VS Code extension, for Neovim, Helix, Zed, Emacs, Sublime, JetBrains (LSP4IJ) and any other LSP client.
 *
 * - Diagnostics as you type (incremental sync, debounced per document; a result for an older version is dropped).
 * - Code actions: the remediation fixes (default chain, Secrets Manager, env var) first, then suppressions
 *   (ignore on line / in file, add to baseline), each a WorkspaceEdit or a command.
 * - Settings from `workspace/configuration` (section `credentialHygiene`), `.credential-hygiene.json` and the
 *   baseline honoured; a workspace scan through `workspace/executeCommand`.
 * Nothing is ever written to stdout but the protocol, and no message carries a secret.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { scan, type Finding } from '../engine';
import { getFixes, type TextEdit } from '../remediation';
import { fileIgnoreEdit, lineIgnoreEdit } from '../remediation/suppression-edits';
import { BASELINE_FILE } from '../node/baseline';
import { DIAGNOSTIC_SOURCE, findingFor, toDiagnostic } from './diagnostics';
import { OpenDocuments, type OpenDocument } from './documents';
import { ProjectPolicies } from './project-policy';
import { DEFAULT_SETTINGS, parseSettings, shown, type LspSettings } from './settings';
import { scanWorkspaceFolders } from './workspace-scan';

const COMMANDS = {
  scanWorkspace: 'credentialHygiene.scanWorkspace',
  addToBaseline: 'credentialHygiene.addToBaseline',
} as const;

interface Published {
  version: number;
  findings: Finding[];
}

interface BaselineArgs {
  uri: string;
  ruleId: string;
  fingerprint: string;
}

/** The bundled rule reference, opened offline by clients that follow `codeDescription`. */
function docsUrl(): string | undefined {
  const file = path.resolve(__dirname, '../../../docs/rules.md');
  return existsSync(file) ? pathToFileURL(file).toString() : undefined;
}

function fsPathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

export function startServer(connection: Connection): void {
  const documents = new OpenDocuments();
  const states = new Map<string, Published>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const settingsCache = new Map<string, Promise<LspSettings>>();
  const problemsShown = new Set<string>();
  /** Files published by a workspace scan (not open): cleared when the scan is repeated. */
  const scannedOnly = new Set<string>();
  let folders: string[] = [];
  let pullConfiguration = false;
  let pushedSettings: LspSettings = DEFAULT_SETTINGS;
  const policies = new ProjectPolicies(() => folders);
  const rulesDocs = docsUrl();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const ws = params.workspaceFolders?.map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p) ?? [];
    const root = params.rootUri ? fsPathOf(params.rootUri) : params.rootPath ?? undefined;
    folders = ws.length ? ws : root ? [root] : [];
    pullConfiguration = !!params.capabilities.workspace?.configuration;
    const watch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    connection.onInitialized(() => {
      if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'credentialHygiene' });
      if (watch) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/.credential-hygiene.json' }, { globPattern: `**/${BASELINE_FILE}` }],
        });
      }
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        workspace: { workspaceFolders: { supported: true } },
      },
      serverInfo: { name: 'credential-hygiene' },
    };
  });

  function settingsFor(uri: string): Promise<LspSettings> {
    if (!pullConfiguration) return Promise.resolve(pushedSettings);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'credentialHygiene' }).then(parseSettings, () => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  }

  /** Scans (in full only when the findings are not current) and publishes one document under its policy. */
  async function validate(d: OpenDocument): Promise<void> {
    const { uri } = d.doc;
    const s = await settingsFor(uri);
    if (!s.enable) {
      states.set(uri, { version: d.doc.version, findings: [] });
      void connection.sendDiagnostics({ uri, version: d.doc.version, diagnostics: [] });
      return;
    }
    if (!d.policy) {
      const policy = await policies.documentPolicy(d.doc.languageId, fsPathOf(uri));
      if (documents.get(uri) !== d) return; // closed meanwhile
      d.policy = policy;
      d.raw = undefined;
    }
    const { problem } = d.policy;
    if (problem && !problemsShown.has(problem)) {
      problemsShown.add(problem);
      void connection.window.showWarningMessage(`Credential Hygiene: ${problem} (scanning without the project policy)`);
    }
    const text = d.doc.getText();
    d.raw ??= scan(text, d.policy.opts);
    const kept = d.policy.apply(text, d.raw).filter((f) => shown(f, s));
    states.set(uri, { version: d.doc.version, findings: kept });
    void connection.sendDiagnostics({ uri, version: d.doc.version, diagnostics: kept.map((f) => toDiagnostic(f, s, rulesDocs)) });
  }

  function schedule(d: OpenDocument, delay: number): void {
    const uri = d.doc.uri;
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        validate(d).catch((e) => connection.console.error(`scan failed: ${(e as Error).name}`));
      }, delay),
    );
  }

  /** Rescans every open document; `policyChanged` re-resolves configs and baselines first. */
  function revalidateAll(policyChanged = false): void {
    for (const d of documents.all()) {
      if (policyChanged) d.policy = undefined;
      schedule(d, 0);
    }
  }

  connection.onDidOpenTextDocument(({ textDocument: t }) => schedule(documents.open(t.uri, t.languageId, t.version, t.text), 0));
  connection.onDidChangeTextDocument((params) => {
    const d = documents.change(params);
    if (d) void settingsFor(d.doc.uri).then((s) => schedule(d, s.debounceMs));
  });
  connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
    clearTimeout(timers.get(uri));
    documents.close(uri);
    states.delete(uri);
    settingsCache.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    if (!pullConfiguration) pushedSettings = parseSettings((change.settings as Record<string, unknown> | undefined)?.credentialHygiene);
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c) => ProjectPolicies.isPolicyFile(c.uri))) {
      policies.invalidate();
      problemsShown.clear();
      revalidateAll(true);
    }
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri)?.doc;
    if (!doc) return [];
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) return [];
    const st = states.get(doc.uri);
    const findings = st && st.version === doc.version ? st.findings : await policies.scanDocument(doc.getText(), doc.languageId, fsPathOf(doc.uri));
    const text = doc.getText();
    const file = fsPathOf(doc.uri);
    const toEdits = (edits: readonly TextEdit[]) => edits.map((e) => ({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText }));
    const fixes: CodeAction[] = [];
    const suppressions: CodeAction[] = [];
    const fileRules = new Set<string>();
    for (const d of ours) {
      const f = findingFor(d, findings);
      if (!f) continue;
      let found: ReturnType<typeof getFixes> = [];
      try {
        found = getFixes({ text, languageId: doc.languageId, path: file, finding: f, findings });
      } catch {
        found = [];
      }
      for (const fx of found) {
        fixes.push({ title: fx.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: !!fx.preferred, edit: { changes: { [doc.uri]: toEdits(fx.edits) } } });
      }
      const input = { text, languageId: doc.languageId, path: file };
      const line = lineIgnoreEdit(input, f);
      if (line) suppressions.push(quickFix(line.title, d, { [doc.uri]: toEdits([line.edit]) }));
      if (!fileRules.has(f.ruleId)) {
        fileRules.add(f.ruleId);
        const whole = fileIgnoreEdit(input, f);
        if (whole) suppressions.push(quickFix(whole.title, d, { [doc.uri]: toEdits([whole.edit]) }));
      }
      if (file) {
        const args: BaselineArgs = { uri: doc.uri, ruleId: f.ruleId, fingerprint: f.fingerprint };
        suppressions.push({ title: `Add to baseline (${BASELINE_FILE})`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: 'Add to baseline', command: COMMANDS.addToBaseline, arguments: [args] } });
      }
    }
    return [...fixes, ...suppressions];
  });

  connection.onExecuteCommand(async (params) => {
    if (params.command === COMMANDS.addToBaseline) {
      const args = params.arguments?.[0] as BaselineArgs | undefined;
      const file = args && fsPathOf(args.uri);
      if (!args || !file) return { ok: false, message: 'only files on disk can be added to a baseline' };
      try {
        const written = await policies.addToBaseline(file, args);
        revalidateAll(true);
        return { ok: true, baseline: written };
      } catch (e) {
        return { ok: false, message: `cannot update ${BASELINE_FILE}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
      }
    }
    if (params.command === COMMANDS.scanWorkspace) {
      const open = new Set(documents.all().map((d) => d.doc.uri));
      const s = await settingsFor(folders[0] ? pathToFileURL(folders[0]).toString() : '');
      const result = await scanWorkspaceFolders(folders);
      for (const uri of scannedOnly) if (!open.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      scannedOnly.clear();
      let findings = 0;
      for (const f of result.files) {
        const uri = pathToFileURL(f.file).toString();
        const kept = f.findings.filter((x) => shown(x, s));
        findings += kept.length;
        if (open.has(uri) || kept.length === 0) continue;
        scannedOnly.add(uri);
        void connection.sendDiagnostics({ uri, diagnostics: kept.map((x): Diagnostic => toDiagnostic(x, s, rulesDocs)) });
      }
      return { files: result.filesScanned, filesWithFindings: result.files.length, findings, skipped: result.skipped };
    }
    return undefined;
  });

  connection.listen();
}

function quickFix(title: string, d: Diagnostic, changes: Record<string, { range: Diagnostic['range']; newText: string }[]>): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes } };
}
