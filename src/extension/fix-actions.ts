/**
 * Remediation in the editor: quick fixes from the pure remediation module (`getFixes`) attached to our
 * diagnostics, a "choose secret id" variant for Secrets Manager lookups, and a fix-all-in-file source action
 * (`source.fixAll.credentialHygiene`). Every fix is one `WorkspaceEdit`, so one undo restores the text.
 * The shared editor context (prompts, policy, notices) lives in editor-context.ts; extension.ts wires it.
 */
import * as vscode from 'vscode';
import { scan, type Finding } from '../engine';
import { refineSecretId } from '../remediation/secret-id-hints';
import { getFixes, type Fix, type TextEdit } from '../remediation';
import { ActionOrder, DOCUMENT_SELECTOR, type FindingActionProvider, type FindingWithDiagnostic } from './code-actions';
import { detectLanguage } from '../remediation';
import { AFTER_ENV_SECRET_FIX, afterEnvSecretFix } from './env-secret-notice';
import { COPY_ROTATION_COMMANDS, SHOW_ROTATION_NOTICE } from './rotation-notice';
import { currentFindings, pathOf, refOf, resolveRef, documentFor, type EditorActionContext, type EditorActionDeps, type FindingRef } from './editor-context';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('credentialHygiene');
const APPLY_FIX_WITH_SECRET_ID = 'credentialHygiene.applyFixWithSecretId';
const SHOW_NOTICE = 'credentialHygiene.showFixNotice';

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
function diffEdit(before: string, after: string): TextEdit {
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
function afterFixCommand(c: EditorActionContext, doc: vscode.TextDocument, finding: Finding, all: Finding[], fix: Fix): vscode.Command | undefined {
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
interface FixAllResult {
  text: string;
  applied: Fix[];
  /** Visible findings still present afterwards (no automatic fix, or a conflicting one). */
  left: number;
  total: number;
  /** Visible findings that are gone afterwards (one fix can remove several: a key id and its secret). */
  fixed: number;
}

function computeFixAll(c: Pick<EditorActionDeps, 'store' | 'ctx'> & Partial<Pick<EditorActionContext, 'secretIds'>>, doc: vscode.TextDocument): FixAllResult {
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
function fixAllSummary(r: FixAllResult, withNotices = true): string | undefined {
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

/** The quick fixes, fix-all and their notices; extension.ts registers this with the shared editor context. */
export function registerFixActions(c: EditorActionContext): vscode.Disposable {
  return vscode.Disposable.from(
    c.registerFindingActions(new FixActionProvider(c), ActionOrder.fix),
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new FixAllProvider(c), { providedCodeActionKinds: [FIX_ALL_KIND] }),
    vscode.commands.registerCommand(SHOW_NOTICE, (notice: unknown) => {
      if (typeof notice === 'string' && notice) c.prompts.info(notice);
    }),
    vscode.commands.registerCommand(SHOW_ROTATION_NOTICE, (token: unknown) => c.rotation.show(token)),
    vscode.commands.registerCommand(COPY_ROTATION_COMMANDS, () => c.rotation.copy()),
    vscode.commands.registerCommand(AFTER_ENV_SECRET_FIX, (name: unknown, idVar: unknown) => afterEnvSecretFix(c.prompts, name, idVar)),
    vscode.commands.registerCommand(APPLY_FIX_WITH_SECRET_ID, (ref: FindingRef, kind: string, proposed: string) => applyWithSecretId(c, ref, kind, proposed)),
  );
}
