/**
 * Remediation in the editor: quick fixes from the pure remediation module (`getFixes`) attached to our
 * diagnostics, a "choose secret id" variant for Secrets Manager lookups, and a fix-all-in-file source action
 * (`source.fixAll.credentialHygiene`). Every fix is one `WorkspaceEdit`, so one undo restores the text.
 *
 * `registerEditorActions` wires this module together with the other editor features of issues 4 and 5
 * (create-secret.ts, ignore-actions.ts, project-policy.ts); extension.ts calls it once.
 */
import * as vscode from 'vscode';
import { scan, type Finding } from '../engine';
import { refineSecretId } from '../remediation/secret-id-hints';
import { getFixes, type Fix, type TextEdit } from '../remediation';
import { ActionOrder, DOCUMENT_SELECTOR, type FindingActionProvider, type FindingWithDiagnostic } from './code-actions';
import { detectLanguage } from '../remediation';
import { AFTER_ENV_SECRET_FIX, afterEnvSecretFix } from './env-secret-notice';
import { COPY_ROTATION_COMMANDS, RotationNotices, SHOW_ROTATION_NOTICE } from './rotation-notice';
import { SecretIdAdvisor } from './secret-ids';
import { registerCreateSecret } from './create-secret';
import type { ReadonlyFindingsStore } from './findings-store';
import { registerIgnoreActions } from './ignore-actions';
import type { Logger } from './log';
import { ProjectPolicy } from './project-policy';
import type { ScanContext } from './scan-context';
import type { TrustState } from './trust';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('credentialHygiene');
export const APPLY_FIX_WITH_SECRET_ID = 'credentialHygiene.applyFixWithSecretId';
export const SHOW_NOTICE = 'credentialHygiene.showFixNotice';

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

export function defaultPrompts(): EditorPrompts {
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

/** Fixes per (document version, finding, secret id): several providers ask for the same ones in one request. */
const fixCache = new Map<string, Fix[]>();

export function fixesFor(doc: vscode.TextDocument, finding: Finding, findings: Finding[], secretId?: string): Fix[] {
  const key = `${doc.uri.toString()}@${doc.version}:${finding.startOffset}:${finding.ruleId}:${finding.fingerprint}:${findings.length}:${secretId ?? ''}`;
  let fixes = fixCache.get(key);
  if (!fixes) {
    try {
      fixes = getFixes({ text: doc.getText(), languageId: doc.languageId, path: pathOf(doc), finding, findings, secretId });
    } catch {
      fixes = [];
    }
    if (fixCache.size >= 64) fixCache.delete(fixCache.keys().next().value!);
    fixCache.set(key, fixes);
  }
  return fixes;
}

/**
 * The fixes the editor offers: as `fixesFor`, with the Secrets Manager id refined by the project's hints
 * (environment named in the file, service manifest, remembered prefix) unless an id was chosen explicitly.
 */
export function editorFixes(c: Pick<EditorActionContext, 'secretIds'>, doc: vscode.TextDocument, finding: Finding, findings: Finding[], secretId?: string): Fix[] {
  const fixes = fixesFor(doc, finding, findings, secretId);
  if (secretId) return fixes;
  const sm = fixes.find((f) => f.kind === 'secrets-manager' && f.secretId);
  if (!sm?.secretId) return fixes;
  let refined: string;
  try {
    refined = c.secretIds.refine(doc, sm.secretId);
  } catch {
    return fixes;
  }
  if (refined === sm.secretId || validateSecretId(refined)) return fixes;
  const again = fixesFor(doc, finding, findings, sm.secretKey ? `${refined}#${sm.secretKey}` : refined);
  return again.some((f) => f.kind === 'secrets-manager') ? again : fixes;
}

/** The fix's advice, with the id actually used (the remediation text says "the proposed id"). */
export function noticeFor(fix: Fix): string | undefined {
  if (!fix.notice) return undefined;
  return fix.secretId ? fix.notice.replace('under the proposed id', `under "${fix.secretId}"`) : fix.notice;
}

export function toWorkspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  return we;
}

/** One replacement covering what differs between two texts (one edit, one undo step, cursor kept elsewhere). */
export function diffEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { start, end: endB, newText: after.slice(start, endA) };
}

function noticeCommand(notice: string | undefined): vscode.Command | undefined {
  return notice ? { command: SHOW_NOTICE, title: 'Show advice', arguments: [notice] } : undefined;
}

const DOTENV_NAME = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=/;

/**
 * What runs after a fix's edit: the actionable rotation notice for default-chain fixes (key id captured now, it
 * is gone afterwards), the readers check for the `.env` Secrets Manager rename, else the plain advice.
 */
export function afterFixCommand(c: EditorActionContext, doc: vscode.TextDocument, finding: Finding, all: Finding[], fix: Fix): vscode.Command | undefined {
  if (fix.kind === 'default-chain') {
    return { command: SHOW_ROTATION_NOTICE, title: 'Rotate the key', arguments: [c.rotation.prepare(doc, [fix], all)] };
  }
  if (fix.kind === 'secrets-manager' && detectLanguage(doc.languageId, pathOf(doc)) === 'dotenv') {
    const name = DOTENV_NAME.exec(doc.lineAt(finding.start.line - 1).text)?.[1];
    const idVar = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)=/.exec(fix.edits[0]?.newText ?? '')?.[1];
    if (name && idVar && idVar !== name) return { command: AFTER_ENV_SECRET_FIX, title: 'Find readers', arguments: [name, idVar] };
  }
  return noticeCommand(noticeFor(fix));
}

/** "Load from AWS Secrets Manager: app/prod/db" → "Load from AWS Secrets Manager (choose secret id)…" */
function chooseIdTitle(fix: Fix): string {
  const i = fix.title.indexOf(':');
  return `${i > 0 ? fix.title.slice(0, i) : fix.title} (choose secret id)…`;
}

class FixActionProvider implements FindingActionProvider {
  constructor(private readonly c: EditorActionContext) {}

  provideFindingActions(document: vscode.TextDocument, items: readonly FindingWithDiagnostic[]): vscode.CodeAction[] {
    const all = currentFindings(this.c, document);
    const out: vscode.CodeAction[] = [];
    for (const { finding, diagnostic } of items) {
      for (const fix of editorFixes(this.c, document, finding, all)) {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.diagnostics = [diagnostic];
        a.isPreferred = !!fix.preferred;
        a.edit = toWorkspaceEdit(document, fix.edits);
        a.command = afterFixCommand(this.c, document, finding, all, fix);
        out.push(a);
        if (fix.secretId) {
          const v = new vscode.CodeAction(chooseIdTitle(fix), vscode.CodeActionKind.QuickFix);
          v.diagnostics = [diagnostic];
          v.command = { command: APPLY_FIX_WITH_SECRET_ID, title: v.title, arguments: [refOf(document.uri, finding), fix.kind, fix.secretKey ? `${fix.secretId}#${fix.secretKey}` : fix.secretId] };
          out.push(v);
        }
      }
    }
    // Preferred fixes first (VS Code keeps the provider's order within a kind).
    return out.sort((a, b) => Number(!!b.isPreferred) - Number(!!a.isPreferred));
  }
}

/** The result of fixing every visible finding of a document with its preferred fix, one at a time. */
export interface FixAllResult {
  text: string;
  applied: Fix[];
  /** Visible findings still present afterwards (no automatic fix, or a conflicting one). */
  left: number;
  total: number;
  /** Visible findings that are gone afterwards (one fix can remove several: a key id and its secret). */
  fixed: number;
}

export function computeFixAll(c: Pick<EditorActionDeps, 'store' | 'ctx'> & Partial<Pick<EditorActionContext, 'secretIds'>>, doc: vscode.TextDocument): FixAllResult {
  const original = doc.getText();
  const visible = c.ctx.visible(doc.uri, currentFindings(c, doc));
  const key = (f: Finding) => `${f.ruleId}\0${f.fingerprint}`;
  const targets = new Set(visible.map(key));
  const opts = c.ctx.optionsFor(doc.uri, doc.languageId);
  const base = { languageId: doc.languageId, path: pathOf(doc) };
  const tried = new Set<string>();
  const applied: Fix[] = [];
  const hints = c.secretIds?.hints(doc);
  let text = original;
  // Re-scan after each fix: offsets move, and one fix may remove several findings (a key id and its secret).
  for (let round = 0; round < 200; round++) {
    const findings = scan(text, opts);
    const next = findings.find((f) => targets.has(key(f)) && !tried.has(`${key(f)}\0${f.startOffset}`));
    if (!next) break;
    tried.add(`${key(next)}\0${next.startOffset}`);
    let fixes: Fix[] = [];
    try {
      fixes = getFixes({ ...base, text, finding: next, findings });
    } catch {
      /* no fix */
    }
    let fix = fixes.find((f) => f.preferred) ?? fixes[0];
    if (!fix) continue;
    if (fix.kind === 'secrets-manager' && fix.secretId && hints) {
      // Same id as the single quick fix proposes (environment, service, remembered prefix).
      const id = refineSecretId(fix.secretId, hints);
      if (id !== fix.secretId && !validateSecretId(id)) {
        try {
          fix = getFixes({ ...base, text, finding: next, findings, secretId: fix.secretKey ? `${id}#${fix.secretKey}` : id }).find((f) => f.kind === 'secrets-manager') ?? fix;
        } catch {
          /* keep the plain proposal */
        }
      }
    }
    const after = applyTextEdits(text, fix.edits);
    if (after === undefined) continue;
    text = after;
    applied.push(fix);
  }
  const left = text === original ? visible.length : scan(text, opts).filter((f) => targets.has(key(f))).length;
  return { text, applied, left, total: visible.length, fixed: visible.length - left };
}

function applyTextEdits(text: string, edits: readonly TextEdit[]): string | undefined {
  let out = '';
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start < at || e.end > text.length) return undefined; // overlapping / stale: skip this fix
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Counts findings (what the badge and Problems panel count), not edits: one edit can remove two findings. */
export function fixAllSummary(r: FixAllResult, withNotices = true): string | undefined {
  if (r.applied.length === 0) return undefined;
  const notices = withNotices ? [...new Set(r.applied.filter((f) => f.kind !== 'default-chain').map(noticeFor).filter((n): n is string => !!n))] : [];
  const head = `Fixed ${r.fixed} of ${r.total} hardcoded credential${r.total === 1 ? '' : 's'} in this file` +
    (r.left ? `; ${r.left} left without an automatic fix (use an ignore or the baseline)` : '') + '.';
  return [head, ...notices].join(' ');
}

class FixAllProvider implements vscode.CodeActionProvider {
  constructor(private readonly c: EditorActionContext) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] | undefined {
    // Source actions are computed only when asked for (source menu, fix-all on save, an explicit kind).
    if (!context.only || !context.only.contains(FIX_ALL_KIND) && !FIX_ALL_KIND.contains(context.only)) return undefined;
    if (!this.c.ctx.isScanned(document.uri)) return undefined;
    const r = computeFixAll(this.c, document);
    if (r.applied.length === 0) return undefined;
    const a = new vscode.CodeAction(`Fix all hardcoded credentials in this file (${r.fixed})`, FIX_ALL_KIND);
    const we = new vscode.WorkspaceEdit();
    const e = diffEdit(document.getText(), r.text);
    we.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
    a.edit = we;
    const defaultChain = r.applied.filter((f) => f.kind === 'default-chain');
    if (defaultChain.length) {
      // The removed key ids are known only now: capture them for the rotation notice.
      const gone = scanKeyIdsRemoved(this.c, document, r.text);
      a.command = { command: SHOW_ROTATION_NOTICE, title: 'Rotate the keys', arguments: [this.c.rotation.prepareIds(document, gone, fixAllSummary(r))] };
    } else a.command = noticeCommand(fixAllSummary(r));
    return [a];
  }
}

/** Access key ids in the document's visible findings that the fixed text no longer contains. */
function scanKeyIdsRemoved(c: EditorActionContext, doc: vscode.TextDocument, after: string): string[] {
  const text = doc.getText();
  const ids = c.ctx.visible(doc.uri, currentFindings(c, doc)).filter((f) => f.kind === 'aws-access-key-id').map((f) => text.slice(f.startOffset, f.endOffset));
  return [...new Set(ids)].filter((id) => !after.includes(id));
}

/** "…(choose secret id)": asks for the id (prefilled), recomputes the fix with it, applies it. */
async function applyWithSecretId(c: EditorActionContext, ref: FindingRef, kind: string, proposed: string): Promise<boolean> {
  const doc = await documentFor(ref.uri);
  if (!doc) return false;
  const id = await c.prompts.inputBox({
    title: 'Secrets Manager secret id',
    prompt: 'Name of the secret to read (append #key to read one key of a JSON secret)',
    value: proposed,
    valueSelection: [0, proposed.indexOf('#') >= 0 ? proposed.indexOf('#') : proposed.length],
    validateInput: validateSecretId,
  });
  if (!id) return false;
  const found = resolveRef(c, doc, ref);
  if (!found) {
    c.prompts.error('The finding is no longer in the document.');
    return false;
  }
  const fix = fixesFor(doc, found.finding, found.findings, id.trim()).find((f) => f.kind === kind);
  if (!fix) {
    c.prompts.error('This fix no longer applies to the current text.');
    return false;
  }
  const after = afterFixCommand(c, doc, found.finding, found.findings, fix);
  const ok = await vscode.workspace.applyEdit(toWorkspaceEdit(doc, fix.edits));
  if (!ok) return false;
  c.secretIds.remember(doc.uri, id.trim());
  if (after) await vscode.commands.executeCommand(after.command, ...(after.arguments ?? []));
  return ok;
}

/** Secrets Manager names: 1-512 of letters, digits and /_+=.@- (an optional `#key` selects a JSON key). */
export function validateSecretId(value: string): string | undefined {
  const [id, key] = value.trim().split('#', 2);
  if (!id) return 'Enter a secret id';
  if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(id)) return 'Use letters, digits and / _ + = . @ - (at most 512 characters)';
  if (key !== undefined && !/^[\w.-]{1,128}$/.test(key)) return 'The JSON key after # may use letters, digits, _ . -';
  return undefined;
}

export interface EditorActions extends vscode.Disposable {
  prompts: EditorPrompts;
  policy: ProjectPolicy;
  rotation: RotationNotices;
  secretIds: SecretIdAdvisor;
}

export function registerEditorActions(deps: EditorActionDeps): EditorActions {
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
  const c: EditorActionContext = { ...deps, prompts, policy, rotation, secretIds: new SecretIdAdvisor(deps.memento) };
  const subs: vscode.Disposable[] = [
    policy,
    rotation,
    deps.ctx.register(policy),
    deps.registerFindingActions(new FixActionProvider(c), ActionOrder.fix),
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new FixAllProvider(c), { providedCodeActionKinds: [FIX_ALL_KIND] }),
    vscode.commands.registerCommand(SHOW_NOTICE, (notice: unknown) => {
      if (typeof notice === 'string' && notice) c.prompts.info(notice);
    }),
    vscode.commands.registerCommand(SHOW_ROTATION_NOTICE, (token: unknown) => rotation.show(token)),
    vscode.commands.registerCommand(COPY_ROTATION_COMMANDS, () => rotation.copy()),
    vscode.commands.registerCommand(AFTER_ENV_SECRET_FIX, (name: unknown, idVar: unknown) => afterEnvSecretFix(c.prompts, name, idVar)),
    vscode.commands.registerCommand(APPLY_FIX_WITH_SECRET_ID, (ref: FindingRef, kind: string, proposed: string) => applyWithSecretId(c, ref, kind, proposed)),
    registerCreateSecret(c),
    registerIgnoreActions(c),
  ];
  // Load the repository's configs and baseline after activation (never on the activation path).
  setTimeout(() => void policy.reload().catch((e) => deps.log.error('project policy: load failed', e)), 0);
  return {
    // Tests replace members of this object (not the object), so it is the one the actions read.
    prompts: c.prompts,
    policy,
    rotation,
    secretIds: c.secretIds,
    dispose: () => subs.forEach((d) => d.dispose()),
  };
}
