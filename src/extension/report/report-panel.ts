/**
 * The hygiene report as a webview: static HTML from `renderHtml` (inline CSS with a nonce, inline SVG charts),
 * no scripts, no forms, no command links, no local resources. Theme-aware through the `--vscode-*` CSS variables
 * the webview provides. One panel at a time: showing a new report replaces the content of the open panel.
 */
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildReportForPaths } from '../../node/build-report';
import { renderHtml, type HygieneReport } from '../../report';

export const REPORT_VIEW_TYPE = 'credentialHygiene.report';
const TITLE = 'Credential Hygiene Report';

let current: vscode.WebviewPanel | undefined;

/** Webview options: nothing executable, nothing loadable. */
export const REPORT_WEBVIEW_OPTIONS: vscode.WebviewPanelOptions & vscode.WebviewOptions = {
  enableScripts: false,
  enableForms: false,
  enableCommandUris: false,
  localResourceRoots: [],
  retainContextWhenHidden: false,
  enableFindWidget: true,
};

export function reportHtml(report: HygieneReport, webview?: vscode.Webview): string {
  // A fresh nonce per render; the page needs no resources, so cspSource is not added to the policy.
  void webview;
  return renderHtml(report, { nonce: randomBytes(18).toString('base64'), title: TITLE });
}

export function showReportPanel(context: vscode.ExtensionContext, report: HygieneReport): vscode.WebviewPanel {
  if (current) {
    current.webview.html = reportHtml(report, current.webview);
    current.reveal(undefined, false);
    return current;
  }
  const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, TITLE, { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, REPORT_WEBVIEW_OPTIONS);
  panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'activity.svg');
  panel.webview.html = reportHtml(report, panel.webview);
  current = panel;
  panel.onDidDispose(() => {
    if (current === panel) current = undefined;
  }, null, context.subscriptions);
  return panel;
}

/**
 * Builds a report over the workspace's local folders (honouring `credentialHygiene.exclude` and
 * `credentialHygiene.workspaceScan.respectGitignore`) with a cancellable progress notification, then shows it.
 * Paths in the report are relative to their folder (prefixed by the folder name in multi-root workspaces).
 */
/** While on-screen masking is on, the report shows no value prefixes either (issue 16 point 6). */
export function withoutPrefixes(report: HygieneReport): HygieneReport {
  return { ...report, findings: { ...report.findings, items: report.findings.items.map((f) => ({ ...f, secretMasked: '••••' })) } };
}

export async function showWorkspaceReport(context: vscode.ExtensionContext, hideValues = false): Promise<HygieneReport | undefined> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!folders.length) {
    void vscode.window.showInformationMessage('Credential Hygiene: open a folder to build a report.');
    return undefined;
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Credential Hygiene: building report', cancellable: true },
    async (progress, token) => {
      const ac = new AbortController();
      const sub = token.onCancellationRequested(() => ac.abort());
      try {
        const cfg = vscode.workspace.getConfiguration('credentialHygiene', folders[0].uri);
        const roots = folders.map((f) => f.uri.fsPath);
        const multi = folders.length > 1;
        const displayPath = (walked: string): string => {
          const abs = path.resolve(walked);
          const i = roots.findIndex((r) => abs === r || abs.startsWith(r + path.sep));
          if (i === -1) return walked;
          const rel = path.relative(roots[i], abs).split(path.sep).join('/');
          return multi ? `${folders[i].name}/${rel}` : rel;
        };
        let last = 0;
        const { report } = await buildReportForPaths(
          roots,
          {
            excludeGlobs: cfg.get<string[]>('exclude', []),
            gitignore: cfg.get<boolean>('workspaceScan.respectGitignore', true),
            maxFileBytes: cfg.get<number>('skipFileSizeKB', 10240) * 1024,
            workerPath: path.join(context.extensionPath, 'dist', 'scan-worker.js'),
            threads: Math.max(1, Math.min(4, os.cpus().length - 1)), // leave the extension host a core
            tool: { name: 'credential-hygiene', version: String(context.extension.packageJSON.version) },
            displayPath,
          },
          ac.signal,
          (s) => {
            if (Date.now() - last > 200) {
              last = Date.now();
              progress.report({ message: `${s.files} files` });
            }
          },
        );
        if (token.isCancellationRequested) return undefined;
        const shown = hideValues ? withoutPrefixes(report) : report;
        showReportPanel(context, shown);
        return shown;
      } finally {
        sub.dispose();
      }
    },
  );
}
