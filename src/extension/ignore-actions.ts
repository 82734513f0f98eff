/**
 * Suppressions in the editor: "Ignore on this line", "Ignore in this file" (comments in the file's own syntax,
 * from `ignoreCommentFor`) and "Add to baseline" (`.credential-hygiene-baseline.json` at the workspace folder
 * root, fingerprint-based, no secret stored), plus commands that open (or create) the project config and baseline.
 *
 * A same-line comment is used where the language allows a trailing comment there; otherwise an
 * `…-next-line` comment goes on its own line above. Neither is offered where it would land inside a string
 * (multi-line strings, YAML block scalars) or break a line continuation, and no comment is offered for formats
 * without comments (JSON): the baseline is the way there. The project policy (project-policy.ts) is what makes
 * the diagnostics go away: an edit triggers a rescan, a baseline write reloads the policy at once.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../node/write-atomic';
import type { DirectiveScope } from '../engine/suppress';
import { BASELINE_FILE, formatBaseline, readBaseline } from '../node/baseline';
import { CONFIG_FILE, ConfigError } from '../node/config';
import { fileIgnoreEdit, lineIgnoreEdit, REASON_PLACEHOLDER, type SuppressionEdit } from '../remediation/suppression-edits';
import { ActionOrder, type FindingActionProvider, type FindingWithDiagnostic } from './code-actions';
import { documentFor, pathOf, refOf, resolveRef, type EditorActionContext, type FindingRef } from './editor-context';

const ADD_TO_BASELINE = 'credentialHygiene.addToBaseline';
const SELECT_REASON = 'credentialHygiene.selectIgnoreReason';
const UNDO_ACTION = 'Undo';
const OPEN_BASELINE_ACTION = 'Open Baseline';

interface IgnoreEdit {
  scope: DirectiveScope;
  title: string;
  edit: vscode.WorkspaceEdit;
  /** 0-based line the comment lands on after the edit (where the reason placeholder is). */
  line: number;
}

/** Where the comment goes is decided below the boundary (remediation/suppression-edits.ts), shared with the LSP. */
function toIgnoreEdit(doc: vscode.TextDocument, e: SuppressionEdit | undefined): IgnoreEdit | undefined {
  if (!e) return undefined;
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, doc.positionAt(e.edit.start), e.edit.newText);
  return { scope: e.scope, title: e.title, edit, line: e.line };
}

class IgnoreActionProvider implements FindingActionProvider {
  constructor(private readonly c: EditorActionContext) {}

  provideFindingActions(document: vscode.TextDocument, items: readonly FindingWithDiagnostic[]): vscode.CodeAction[] {
    // The project policy (which honours these) only runs in trusted workspaces.
    if (!this.c.trust.isTrusted) return [];
    const input = { text: document.getText(), languageId: document.languageId, path: pathOf(document) };
    const baseline = this.c.policy.baselineFileFor(document.uri);
    const out: vscode.CodeAction[] = [];
    const fileRules = new Set<string>();
    for (const { finding, diagnostic } of items) {
      const line = toIgnoreEdit(document, lineIgnoreEdit(input, finding));
      if (line) out.push(action(line.title, diagnostic, line.edit, document.uri, line.line));
      if (!fileRules.has(finding.ruleId)) {
        fileRules.add(finding.ruleId);
        const file = toIgnoreEdit(document, fileIgnoreEdit(input, finding));
        if (file) out.push(action(file.title, diagnostic, file.edit, document.uri, file.line));
      }
      if (baseline) {
        const b = new vscode.CodeAction(`Add to baseline (${BASELINE_FILE})`, vscode.CodeActionKind.QuickFix);
        b.diagnostics = [diagnostic];
        b.command = { command: ADD_TO_BASELINE, title: b.title, arguments: [refOf(document.uri, finding)] };
        out.push(b);
      }
    }
    return out;
  }
}

function action(title: string, d: vscode.Diagnostic, edit: vscode.WorkspaceEdit, uri: vscode.Uri, line: number): vscode.CodeAction {
  const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  a.diagnostics = [d];
  a.edit = edit;
  a.command = { command: SELECT_REASON, title: 'Type the reason', arguments: [uri.toString(), line] };
  return a;
}

/** After an ignore comment was inserted: select its `<reason>` placeholder so typing replaces it. */
async function selectReason(uri: unknown, line: unknown): Promise<boolean> {
  if (typeof uri !== 'string' || typeof line !== 'number') return false;
  const ed = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  if (!ed || line < 0 || line >= ed.document.lineCount) return false;
  const col = ed.document.lineAt(line).text.indexOf(REASON_PLACEHOLDER);
  if (col < 0) return false;
  ed.selection = new vscode.Selection(line, col, line, col + REASON_PLACEHOLDER.length);
  ed.revealRange(ed.selection);
  return true;
}


/** Adds a finding (file, rule, fingerprint) to its folder's baseline, then reloads the policy (rescan). */
async function addToBaseline(c: EditorActionContext, ref: FindingRef): Promise<boolean> {
  if (!c.trust.isTrusted) {
    c.prompts.error('The baseline applies only in a trusted workspace.');
    return false;
  }
  const doc = await documentFor(ref.uri);
  const file = doc && c.policy.baselineFileFor(doc.uri);
  const found = doc && resolveRef(c, doc, ref);
  if (!doc || !file || !found) {
    c.prompts.error(!file ? 'Only files inside a workspace folder can be added to a baseline.' : 'The finding is no longer in the document.');
    return false;
  }
  const root = path.dirname(file.fsPath);
  let existing;
  try {
    existing = await readBaseline(file.fsPath);
  } catch (e) {
    c.prompts.error(`Cannot update ${BASELINE_FILE}: ${e instanceof ConfigError ? e.message : (e as Error).message}`);
    return false;
  }
  const rel = path.relative(root, doc.uri.fsPath).split(path.sep).join('/');
  // The note makes the entry readable in review: which value (masked) it accepts.
  const entry = { file: rel, ruleId: found.finding.ruleId, fingerprint: found.finding.fingerprint, note: `value ${found.finding.secretMasked} (added in the editor)` };
  const entries = [...(existing?.entries ?? []), entry];
  try {
    await writeFileAtomic(file.fsPath, formatBaseline({ version: 1, entries }));
  } catch (e) {
    c.prompts.error(`Cannot write ${BASELINE_FILE}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    return false;
  }
  c.log.info(`baseline: added ${found.finding.ruleId} in ${rel}`);
  await c.policy.reload();
  void Promise.resolve(c.prompts.notify(`Added ${found.finding.ruleId} (${found.finding.secretMasked}) in ${rel} to ${BASELINE_FILE}.`, [UNDO_ACTION, OPEN_BASELINE_ACTION])).then(async (pick) => {
    if (pick === UNDO_ACTION) await removeFromBaseline(c, file, entry);
    else if (pick === OPEN_BASELINE_ACTION) await vscode.window.showTextDocument(file);
  });
  return true;
}

/** Undo of "Add to baseline": removes exactly that entry again, then reloads the policy (the squiggle returns). */
async function removeFromBaseline(c: EditorActionContext, file: vscode.Uri, entry: { file: string; ruleId: string; fingerprint: string }): Promise<boolean> {
  try {
    const existing = await readBaseline(file.fsPath);
    const entries = (existing?.entries ?? []).filter((e) => !(e.file === entry.file && e.ruleId === entry.ruleId && e.fingerprint === entry.fingerprint));
    await writeFileAtomic(file.fsPath, formatBaseline({ version: 1, entries }));
  } catch (e) {
    c.prompts.error(`Cannot update ${BASELINE_FILE}: ${e instanceof ConfigError ? e.message : ((e as NodeJS.ErrnoException).code ?? 'error')}`);
    return false;
  }
  c.log.info(`baseline: removed ${entry.ruleId} in ${entry.file} (undo)`);
  await c.policy.reload();
  return true;
}

const CONFIG_TEMPLATE = `// Credential Hygiene project configuration (JSON with comments). It applies to this folder and everything
// below it; a ${CONFIG_FILE} in a subfolder refines it for that subtree.
// Reference: https://github.com/credential-hygiene/credential-hygiene/blob/main/docs/configuration.md
{
  // Glob patterns (relative to this folder) that are never scanned, e.g. "test/fixtures/**".
  "exclude": [],
  // Per rule id: "off", or { "severity": "error" | "warning" | "info" }, e.g. "jwt": "off".
  "rules": {},
  // Values that are not secrets: "sha256:<hex of the value>" hashes, or RE2 patterns.
  "allow": {
    "hashes": [],
    "patterns": []
  },
  // Words that mark a value as a placeholder (case-insensitive), e.g. "dummy".
  "stopwords": [],
  // Your own rules, same shape as the built-in ones (RE2 syntax); loaded only in a trusted workspace, e.g.
  // { "id": "acme-api-token", "title": "Acme API token", "keywords": ["acme_"], "pattern": "\\\\b(?P<secret>acme_[A-Za-z0-9]{32})\\\\b" }
  "customRules": []
}
`;

const BASELINE_TEMPLATE = `// Accepted findings: file, rule id and a one-way fingerprint of the value (no secrets, no line numbers).
// Written by "Add to baseline" in the editor and by \`credential-hygiene baseline\`; scans report only findings
// not listed here. Check it in. (Comments are dropped when the file is rewritten.)
${formatBaseline({ version: 1, entries: [] })}`;

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const active = vscode.window.activeTextEditor?.document.uri;
  const own = active && vscode.workspace.getWorkspaceFolder(active);
  if (own && own.uri.scheme === 'file') return own;
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder' });
}

/** Opens the folder's config or baseline, creating it from a commented template when it is missing. */
async function openProjectFile(c: EditorActionContext, which: 'config' | 'baseline', folder?: vscode.WorkspaceFolder): Promise<vscode.Uri | undefined> {
  const f = folder ?? (await pickFolder());
  if (!f) {
    c.prompts.error('Open a folder first: the project config and baseline live at a workspace folder root.');
    return undefined;
  }
  const uri = vscode.Uri.joinPath(f.uri, which === 'config' ? CONFIG_FILE : BASELINE_FILE);
  try {
    await fs.writeFile(uri.fsPath, which === 'config' ? CONFIG_TEMPLATE : BASELINE_TEMPLATE, { encoding: 'utf8', flag: 'wx' });
    c.log.info(`created ${path.basename(uri.fsPath)} in ${f.name}`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      c.prompts.error(`Cannot create ${path.basename(uri.fsPath)}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      return undefined;
    }
  }
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  return uri;
}

export function registerIgnoreActions(c: EditorActionContext): vscode.Disposable {
  return vscode.Disposable.from(
    c.registerFindingActions(new IgnoreActionProvider(c), ActionOrder.suppression),
    vscode.commands.registerCommand('credentialHygiene.addToBaseline', (ref: FindingRef) => addToBaseline(c, ref)),
    vscode.commands.registerCommand(SELECT_REASON, (uri: unknown, line: unknown) => selectReason(uri, line)),
    vscode.commands.registerCommand('credentialHygiene.openConfig', (folder?: vscode.WorkspaceFolder) => openProjectFile(c, 'config', isFolder(folder) ? folder : undefined)),
    vscode.commands.registerCommand('credentialHygiene.openBaseline', (folder?: vscode.WorkspaceFolder) => openProjectFile(c, 'baseline', isFolder(folder) ? folder : undefined)),
  );
}

function isFolder(x: unknown): x is vscode.WorkspaceFolder {
  return !!x && typeof x === 'object' && 'uri' in x && 'index' in x && 'name' in x;
}
