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
import { getFixes, type Fix, type TextEdit } from '../remediation';
import type { FindingActionProvider, FindingWithDiagnostic } from './code-actions';
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
}

export function defaultPrompts(): EditorPrompts {
  return {
    inputBox: (options) => vscode.window.showInputBox(options),
    confirm: async (message, detail, action) => (await vscode.window.showWarningMessage(message, { modal: true, detail }, action)) === action,
    info: (m) => void vscode.window.showInformationMessage(m),
    error: (m) => void vscode.window.showErrorMessage(m),
  };
}

export interface EditorActionDeps {
  store: ReadonlyFindingsStore;
  ctx: ScanContext;
  trust: TrustState;
  log: Logger;
  registerFindingActions(p: FindingActionProvider, metadata?: vscode.CodeActionProviderMetadata): vscode.Disposable;
  rescanOpenDocuments(): void;
  rescanDocument(doc: vscode.TextDocument): void;
}

/** Shared by the editor action modules. */
export interface EditorActionContext extends EditorActionDeps {
  prompts: EditorPrompts;
  policy: ProjectPolicy;
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
      for (const fix of fixesFor(document, finding, all)) {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.diagnostics = [diagnostic];
        a.isPreferred = !!fix.preferred;
        a.edit = toWorkspaceEdit(document, fix.edits);
        a.command = noticeCommand(fix.notice);
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
}

export function computeFixAll(c: Pick<EditorActionDeps, 'store' | 'ctx'>, doc: vscode.TextDocument): FixAllResult {
  const original = doc.getText();
  const visible = c.ctx.visible(doc.uri, currentFindings(c, doc));
  const key = (f: Finding) => `${f.ruleId}\0${f.fingerprint}`;
  const targets = new Set(visible.map(key));
  const opts = c.ctx.optionsFor(doc.uri, doc.languageId);
  const base = { languageId: doc.languageId, path: pathOf(doc) };
  const tried = new Set<string>();
  const applied: Fix[] = [];
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
    const fix = fixes.find((f) => f.preferred) ?? fixes[0];
    if (!fix) continue;
    const after = applyTextEdits(text, fix.edits);
    if (after === undefined) continue;
    text = after;
    applied.push(fix);
  }
  const left = text === original ? visible.length : scan(text, opts).filter((f) => targets.has(key(f))).length;
  return { text, applied, left, total: visible.length };
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

function fixAllSummary(r: FixAllResult): string | undefined {
  if (r.applied.length === 0) return undefined;
  const notices = [...new Set(r.applied.map((f) => f.notice).filter((n): n is string => !!n))];
  const head = `Fixed ${r.applied.length} hardcoded credential${r.applied.length === 1 ? '' : 's'}` +
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
    const a = new vscode.CodeAction(`Fix all hardcoded credentials in this file (${r.applied.length})`, FIX_ALL_KIND);
    const we = new vscode.WorkspaceEdit();
    const e = diffEdit(document.getText(), r.text);
    we.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
    a.edit = we;
    a.command = noticeCommand(fixAllSummary(r));
    return [a];
  }
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
  const ok = await vscode.workspace.applyEdit(toWorkspaceEdit(doc, fix.edits));
  if (ok && fix.notice) c.prompts.info(fix.notice);
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
}

export function registerEditorActions(deps: EditorActionDeps): EditorActions {
  const policy = new ProjectPolicy({
    store: deps.store,
    trust: deps.trust,
    log: deps.log,
    rescanOpenDocuments: deps.rescanOpenDocuments,
    rescanDocument: deps.rescanDocument,
  });
  const c: EditorActionContext = { ...deps, prompts: defaultPrompts(), policy };
  const selector: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }, { scheme: 'vscode-userdata' }];
  const subs: vscode.Disposable[] = [
    policy,
    deps.ctx.register(policy),
    deps.registerFindingActions(new FixActionProvider(c)),
    vscode.languages.registerCodeActionsProvider(selector, new FixAllProvider(c), { providedCodeActionKinds: [FIX_ALL_KIND] }),
    vscode.commands.registerCommand(SHOW_NOTICE, (notice: unknown) => {
      if (typeof notice === 'string' && notice) c.prompts.info(notice);
    }),
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
    dispose: () => subs.forEach((d) => d.dispose()),
  };
}
