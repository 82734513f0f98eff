/**
 * The role a file's code needs, in a webview: workload, runtime, evidence, actions, policy and the attach
 * snippet, each with a copy button. Strict CSP (nonce'd inline style and script, nothing remote or local);
 * copying goes through the extension (`vscode.env.clipboard`). The workspace is read on request only.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyzePaths, projectRootOf } from '../roles/node/analyze-paths';
import { MECHANISM, snippetsFor } from '../roles/snippets';
import type { RolesAnalysis } from '../roles/types';

const ROLE_VIEW_TYPE = 'credentialHygiene.role';
let current: vscode.WebviewPanel | undefined;
let copyables: string[] = [];

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page for one analysis; `copy` receives every copyable text in button order. */
function roleHtml(a: RolesAnalysis, file: string, nonce: string, copy: string[]): string {
  const parts: string[] = [];
  const block = (title: string, code: string) => {
    copy.push(code);
    parts.push(`<div class="snip"><div class="bar"><span>${esc(title)}</span><button data-copy="${copy.length - 1}">Copy</button></div><pre><code>${esc(code)}</code></pre></div>`);
  };
  if (!a.report.workloads.length) parts.push(`<p>No AWS SDK calls found for <code>${esc(file)}</code>.</p>`);
  if (!a.catalogueVerified) parts.push('<p class="warn">The IAM action catalogue is not available here: action names are not verified. Run <code>credential-hygiene roles</code> for verified names.</p>');
  a.report.workloads.forEach((w, i) => {
    const d = a.details[i];
    parts.push(`<h2>${esc(w.name)} <span class="rt">${esc(w.runtime)}</span></h2>`);
    parts.push(`<p>${esc(MECHANISM[w.runtime]).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`);
    parts.push(`<p>Evidence: <code>${esc(w.evidence)}</code> · code: ${w.files.map((f) => `<code>${esc(f)}</code>`).join(', ')}</p>`);
    if (w.staticKeyClients) parts.push(`<p class="warn">${w.staticKeyClients} SDK client(s) still pass static keys: remove them so the SDK uses this role, then rotate the keys.</p>`);
    parts.push(`<p>Actions: ${w.actions.map((x) => `<code>${esc(x)}</code>`).join(' ') || 'none found'}</p>`);
    if (d.wildcardActions.length) parts.push(`<p>Resource <code>*</code> for ${d.wildcardActions.map((x) => `<code>${esc(x)}</code>`).join(' ')}: no literal resource in the code.</p>`);
    block('Policy', JSON.stringify(w.policy, null, 2));
    for (const s of snippetsFor(w, d)) block(s.title, s.code);
  });
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<title>Role for ${esc(path.basename(file))}</title>
<style nonce="${nonce}">
body{font-family:var(--vscode-font-family);color:var(--vscode-foreground);padding:0 1em}
code,pre{font-family:var(--vscode-editor-font-family)}pre{background:var(--vscode-textCodeBlock-background);padding:.6em;overflow:auto;margin:0}
.snip{margin:.8em 0;border:1px solid var(--vscode-panel-border)}.bar{display:flex;justify-content:space-between;align-items:center;padding:.3em .6em}
button{background:var(--vscode-button-background);color:var(--vscode-button-foreground);border:0;padding:.2em .8em;cursor:pointer}
.rt{font-size:.7em;padding:.1em .5em;border:1px solid var(--vscode-panel-border)}.warn{color:var(--vscode-editorWarning-foreground)}
</style></head><body><h1>The role this code needs</h1><p>For <code>${esc(file)}</code></p>${parts.join('\n')}
<script nonce="${nonce}">const vscode=acquireVsCodeApi();document.addEventListener('click',e=>{const b=e.target.closest('button[data-copy]');if(b){vscode.postMessage({copy:Number(b.dataset.copy)});b.textContent='Copied';setTimeout(()=>b.textContent='Copy',1500);}});</script>
</body></html>`;
}

/** Analyses the workspace folder of `uri` and shows the workloads that run that file. */
export async function showRole(context: vscode.ExtensionContext, uri: vscode.Uri | undefined): Promise<RolesAnalysis | undefined> {
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Credential Hygiene: open a source file to see the role its code needs.');
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const root = folder ? folder.uri.fsPath : projectRootOf(uri.fsPath);
  const rootPosix = root.split(path.sep).join('/').replace(/\/$/, '');
  const rel = path.relative(root, uri.fsPath).split(path.sep).join('/');
  const cfg = vscode.workspace.getConfiguration('credentialHygiene', uri);
  const analysis = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Credential Hygiene: reading the workspace for roles' }, () =>
    analyzePaths([root], { onlyFile: `${rootPosix}/${rel}`, excludeGlobs: cfg.get<string[]>('exclude', []), gitignore: cfg.get<boolean>('workspaceScan.respectGitignore', true) }),
  );
  // show paths relative to the folder
  const strip = (p: string) => (p.startsWith(`${rootPosix}/`) ? p.slice(rootPosix.length + 1) : p);
  for (const w of analysis.report.workloads) {
    w.files = w.files.map(strip);
    w.evidence = strip(w.evidence);
  }
  const nonce = randomBytes(18).toString('base64');
  const copy: string[] = [];
  const html = roleHtml(analysis, rel, nonce, copy);
  if (!current) {
    current = vscode.window.createWebviewPanel(ROLE_VIEW_TYPE, 'Role', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, enableForms: false, enableCommandUris: false, localResourceRoots: [] });
    const panel = current;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'activity.svg');
    panel.webview.onDidReceiveMessage((m: { copy?: number }) => {
      const text = typeof m?.copy === 'number' ? copyables[m.copy] : undefined;
      if (text !== undefined) void vscode.env.clipboard.writeText(text);
    }, null, context.subscriptions);
    panel.onDidDispose(() => {
      if (current === panel) current = undefined;
    }, null, context.subscriptions);
  }
  copyables = copy;
  current.title = `Role: ${path.basename(uri.fsPath)}`;
  current.webview.html = html;
  current.reveal(vscode.ViewColumn.Beside, true);
  return analysis;
}
