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
import type { Finding } from '../engine';
import { commentSyntaxFor, ignoreCommentFor, type DirectiveScope } from '../engine/suppress';
import { BASELINE_FILE, formatBaseline, readBaseline } from '../node/baseline';
import { CONFIG_FILE, ConfigError } from '../node/config';
import { detectLanguage } from '../remediation';
import { lex } from '../syntax/lexer';
import { ActionOrder, type FindingActionProvider, type FindingWithDiagnostic } from './code-actions';
import { documentFor, pathOf, refOf, resolveRef, type EditorActionContext, type FindingRef } from './editor-context';

const ADD_TO_BASELINE = 'credentialHygiene.addToBaseline';
const SELECT_REASON = 'credentialHygiene.selectIgnoreReason';
/** Placeholder after `--` in an inserted ignore comment; selected so the user types the reason over it. */
const REASON_PLACEHOLDER = '<reason>';
const UNDO_ACTION = 'Undo';
const OPEN_BASELINE_ACTION = 'Open Baseline';

/** Languages the remediation lexer understands (strings, comments), so "inside a string" can be answered. */
const LEXED = new Set(['javascript', 'typescript', 'python', 'java', 'kotlin', 'go', 'csharp', 'php', 'rust', 'ruby', 'terraform']);

/** The language key `ignoreCommentFor` understands: the languageId when it has a comment syntax, else the path. */
function commentLanguage(doc: vscode.TextDocument): string | undefined {
  if (commentSyntaxFor(doc.languageId)) return doc.languageId;
  const p = pathOf(doc);
  if (p && commentSyntaxFor(p)) return p;
  return undefined;
}

interface Analysis {
  text: string;
  /** [start, end) of string literals spanning lines (from the lexer), for code languages. */
  strings: { start: number; end: number }[];
  yaml: boolean;
}

function analyse(doc: vscode.TextDocument): Analysis {
  const text = doc.getText();
  const fam = detectLanguage(doc.languageId, pathOf(doc));
  let strings: { start: number; end: number }[] = [];
  if (LEXED.has(fam)) {
    try {
      strings = lex(text, fam).strings.filter((s) => text.indexOf('\n', s.start) !== -1 && text.indexOf('\n', s.start) < s.end);
    } catch {
      strings = [];
    }
  }
  const yaml = /^(yaml|dockercompose|github-actions-workflow)$/.test(doc.languageId) || /\.ya?ml$/i.test(doc.uri.path);
  return { text, strings, yaml };
}

function insideString(a: Analysis, offset: number): boolean {
  return a.strings.some((s) => s.start < offset && offset < s.end);
}

/** Whether line `n` (0-based) is content of a YAML block scalar (`key: |` / `key: >` above, less indented). */
function inYamlBlock(doc: vscode.TextDocument, n: number): boolean {
  const indent = (s: string) => s.length - s.trimStart().length;
  const own = doc.lineAt(n).text;
  let want = indent(own);
  for (let i = n - 1; i >= 0 && want > 0; i--) {
    const t = doc.lineAt(i).text;
    if (!t.trim()) continue;
    const ind = indent(t);
    if (ind >= want) continue;
    if (/:\s*[|>][0-9+-]*\s*(#.*)?$/.test(t) || /^\s*-\s*[|>][0-9+-]*\s*$/.test(t)) return true;
    want = ind;
  }
  return false;
}

function endsWithContinuation(line: string): boolean {
  return /\\\s*$/.test(line);
}

/** Can a comment be appended to line `n`? */
function trailingOk(doc: vscode.TextDocument, a: Analysis, n: number): boolean {
  const line = doc.lineAt(n);
  if (endsWithContinuation(line.text)) return false;
  if (a.yaml && inYamlBlock(doc, n)) return false;
  return !insideString(a, doc.offsetAt(line.range.end));
}

/** Can a comment line be inserted above line `n`? */
function lineAboveOk(doc: vscode.TextDocument, a: Analysis, n: number): boolean {
  if (n > 0 && endsWithContinuation(doc.lineAt(n - 1).text)) return false;
  if (a.yaml && inYamlBlock(doc, n)) return false;
  return !insideString(a, doc.offsetAt(new vscode.Position(n, 0)));
}

interface IgnoreEdit {
  scope: DirectiveScope;
  title: string;
  edit: vscode.WorkspaceEdit;
  /** 0-based line the comment lands on after the edit (where the reason placeholder is). */
  line: number;
}

const WITH_REASON = { reason: REASON_PLACEHOLDER };

/** The "Ignore on this line" edit for a finding, or undefined where no comment can be placed safely. */
function lineIgnoreEdit(doc: vscode.TextDocument, f: Finding, a: Analysis = analyse(doc)): IgnoreEdit | undefined {
  const lang = commentLanguage(doc);
  if (!lang) return undefined;
  const same = ignoreCommentFor(lang, f.ruleId, 'line', WITH_REASON);
  if (same) {
    const lines = f.end.line !== f.start.line ? [f.end.line - 1, f.start.line - 1] : [f.start.line - 1];
    for (const n of lines) {
      if (!trailingOk(doc, a, n)) continue;
      const end = doc.lineAt(n).range.end;
      const sep = /\s$/.test(doc.lineAt(n).text) || doc.lineAt(n).text.length === 0 ? '' : ' ';
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, end, `${sep}${same}`);
      return { scope: 'line', title: `Ignore ${f.ruleId} on this line`, edit, line: n };
    }
  }
  const above = ignoreCommentFor(lang, f.ruleId, 'next-line', WITH_REASON);
  const n = f.start.line - 1;
  if (above && lineAboveOk(doc, a, n)) {
    const indent = /^\s*/.exec(doc.lineAt(n).text)![0];
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(n, 0), `${indent}${above}${eol}`);
    return { scope: 'next-line', title: `Ignore ${f.ruleId} on this line (comment above)`, edit, line: n };
  }
  return undefined;
}

/** Line (0-based) where an `ignore-file` comment goes: after a shebang, encoding line, `<?php` or `<?xml`. */
function headerLine(doc: vscode.TextDocument): number {
  let n = 0;
  // Markdown front matter must stay first: go below it.
  if (doc.lineCount > 1 && doc.lineAt(0).text === '---' && /^(markdown|mdx)$/.test(doc.languageId)) {
    for (let i = 1; i < Math.min(doc.lineCount, 9); i++) if (doc.lineAt(i).text === '---') return i + 1;
  }
  const max = Math.min(doc.lineCount, 3);
  while (n < max) {
    const t = doc.lineAt(n).text;
    if (n === 0 && (t.startsWith('#!') || /^\s*<\?(php|xml)\b/i.test(t))) n++;
    else if (/^#.*coding[:=]/.test(t)) n++;
    else break;
  }
  return n;
}

function fileIgnoreEdit(doc: vscode.TextDocument, f: Finding): IgnoreEdit | undefined {
  const lang = commentLanguage(doc);
  const comment = lang && ignoreCommentFor(lang, f.ruleId, 'file', WITH_REASON);
  if (!comment) return undefined;
  const n = headerLine(doc);
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const edit = new vscode.WorkspaceEdit();
  if (n >= doc.lineCount) edit.insert(doc.uri, doc.lineAt(doc.lineCount - 1).range.end, `${eol}${comment}`);
  else edit.insert(doc.uri, new vscode.Position(n, 0), `${comment}${eol}`);
  return { scope: 'file', title: `Ignore ${f.ruleId} in this file`, edit, line: Math.min(n, doc.lineCount) };
}

class IgnoreActionProvider implements FindingActionProvider {
  constructor(private readonly c: EditorActionContext) {}

  provideFindingActions(document: vscode.TextDocument, items: readonly FindingWithDiagnostic[]): vscode.CodeAction[] {
    // The project policy (which honours these) only runs in trusted workspaces.
    if (!this.c.trust.isTrusted) return [];
    const a = analyse(document);
    const baseline = this.c.policy.baselineFileFor(document.uri);
    const out: vscode.CodeAction[] = [];
    const fileRules = new Set<string>();
    for (const { finding, diagnostic } of items) {
      const line = lineIgnoreEdit(document, finding, a);
      if (line) out.push(action(line.title, diagnostic, line.edit, document.uri, line.line));
      if (!fileRules.has(finding.ruleId)) {
        fileRules.add(finding.ruleId);
        const file = fileIgnoreEdit(document, finding);
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
