/**
 * What every editor action shares: the prompts (replaceable by the host tests), the project policy, the rotation
 * notices, the secret-id advisor, and the helpers that find a finding again from a command's arguments. Built
 * once by extension.ts, the one wiring point; the action modules (fix-actions, create-secret, ignore-actions,
 * verify-key…) are leaves that take it.
 */
import * as vscode from 'vscode';
import { scan, type Finding } from '../engine';
import type { FindingActionProvider } from './code-actions';
import type { ReadonlyFindingsStore } from './findings-store';
import type { Logger } from './log';
import { ProjectPolicy } from './project-policy';
import { RotationNotices } from './rotation-notice';
import type { ScanContext } from './scan-context';
import { SecretIdAdvisor } from './secret-ids';
import type { TrustState } from './trust';

/** UI prompts used by the editor actions; replaceable by the integration tests (api.testing.prompts). */
export interface EditorPrompts {
  inputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** Modal confirmation: true when the user picked `action`. */
  confirm(message: string, detail: string, action: string): Thenable<boolean>;
  /** Non-blocking information message. */
  info(message: string): void;
  /** Non-blocking error message. */
  error(message: string): void;
  /** Non-blocking notification with buttons; resolves with the clicked one (undefined when closed). */
  notify(message: string, actions: string[]): Thenable<string | undefined>;
  /** Error message with buttons (every error offers a way forward). */
  errorWithActions(message: string, actions: string[]): Thenable<string | undefined>;
  /** Quick pick of plain labels; resolves with the picked label (undefined when dismissed). */
  pick(items: string[], options: vscode.QuickPickOptions): Thenable<string | undefined>;
}

function defaultPrompts(): EditorPrompts {
  return {
    inputBox: (options) => vscode.window.showInputBox(options),
    confirm: async (message, detail, action) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action,
    info: (m) => void vscode.window.showInformationMessage(m),
    error: (m) => void vscode.window.showErrorMessage(m),
    notify: (m, actions) => vscode.window.showWarningMessage(m, ...actions),
    errorWithActions: (m, actions) => vscode.window.showErrorMessage(m, ...actions),
    pick: (items, options) => vscode.window.showQuickPick(items, options),
  };
}

export interface EditorActionDeps {
  store: ReadonlyFindingsStore;
  ctx: ScanContext;
  trust: TrustState;
  log: Logger;
  /** `order`: position in the quick-fix list (ActionOrder): fixes first, suppressions last. */
  registerFindingActions(p: FindingActionProvider, order: number): vscode.Disposable;
  rescanOpenDocuments(): void;
  rescanDocument(doc: vscode.TextDocument): void;
  /** Workspace state: remembered secret id prefix. */
  memento: vscode.Memento;
}

/** Shared by the editor action modules. */
export interface EditorActionContext extends EditorActionDeps {
  prompts: EditorPrompts;
  policy: ProjectPolicy;
  rotation: RotationNotices;
  secretIds: SecretIdAdvisor;
}

/** A finding named in a command's arguments: plain data (code-action arguments are serialised). */
export interface FindingRef {
  uri: string;
  ruleId: string;
  fingerprint: string;
  startOffset: number;
}

export function refOf(uri: vscode.Uri, f: Finding): FindingRef {
  return { uri: uri.toString(), ruleId: f.ruleId, fingerprint: f.fingerprint, startOffset: f.startOffset };
}

/** Path handed to the engine and the remediation module (file system path for files). */
export function pathOf(doc: vscode.TextDocument): string | undefined {
  if (doc.uri.scheme === 'untitled') return undefined;
  return doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.path;
}

/** Findings of the document's current text: the stored ones when current, else a fresh scan (policy applied). */
export function currentFindings(c: Pick<EditorActionDeps, 'store' | 'ctx'>, doc: vscode.TextDocument): Finding[] {
  const entry = c.store.get(doc.uri);
  if (entry && entry.origin === 'document' && entry.version === doc.version) return [...entry.findings];
  const text = doc.getText();
  return c.ctx.filter(doc.uri, scan(text, c.ctx.optionsFor(doc.uri, doc.languageId)), text);
}

/** The finding a ref names in the document's current text (it may have moved: matched by fingerprint). */
export function resolveRef(c: Pick<EditorActionDeps, 'store' | 'ctx'>, doc: vscode.TextDocument, ref: FindingRef): { finding: Finding; findings: Finding[] } | undefined {
  const findings = currentFindings(c, doc);
  const same = findings.filter((f) => f.ruleId === ref.ruleId && f.fingerprint === ref.fingerprint);
  const finding = same.find((f) => f.startOffset === ref.startOffset) ?? same.sort((a, b) => Math.abs(a.startOffset - ref.startOffset) - Math.abs(b.startOffset - ref.startOffset))[0];
  return finding ? { finding, findings } : undefined;
}

export async function documentFor(uri: string): Promise<vscode.TextDocument | undefined> {
  const u = vscode.Uri.parse(uri);
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === u.toString()) ?? (await vscode.workspace.openTextDocument(u).then(undefined, () => undefined));
}

/** The parts of the context the host tests reach through `api.testing.editorActions`. */
export type EditorActions = Pick<EditorActionContext, 'prompts' | 'policy' | 'rotation' | 'secretIds'>;

/** Builds the shared context; disposing it disposes the policy and the notices. */
export function createEditorContext(deps: EditorActionDeps): { context: EditorActionContext; disposable: vscode.Disposable } {
  const policy = new ProjectPolicy({
    store: deps.store,
    trust: deps.trust,
    log: deps.log,
    rescanOpenDocuments: deps.rescanOpenDocuments,
    rescanDocument: deps.rescanDocument,
  });
  const prompts = defaultPrompts();
  // Late-bound: tests replace members of `prompts`.
  const rotation = new RotationNotices({ notify: (m, a) => prompts.notify(m, a), info: (m) => prompts.info(m) });
  const context: EditorActionContext = { ...deps, prompts, policy, rotation, secretIds: new SecretIdAdvisor(deps.memento) };
  // Load the repository's configs and baseline after activation (never on the activation path).
  setTimeout(() => void policy.reload().catch((e) => deps.log.error('project policy: load failed', e)), 0);
  return { context, disposable: vscode.Disposable.from(policy, rotation, deps.ctx.register(policy)) };
}
