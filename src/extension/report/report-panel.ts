/**
 * The hygiene report as a webview: static HTML from `renderHtml` (inline CSS with a nonce, inline SVG charts),
 * no scripts, no forms, no local resources. Theme-aware through the `--vscode-*` CSS variables the webview
 * provides. One panel at a time: showing a new report replaces the content of the open panel.
 *
 * Issue 16 point 11: location cells are links that open the file at the line (the ONLY command the webview may
 * run, `credentialHygiene.openReportLocation`, which accepts only a path that resolves inside a workspace
 * folder); the panel's title bar has Refresh and Export (Markdown, JSON, HTML); the report carries its date.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildReportForPaths } from '../../node/build-report';
import { readSettings, threadsSetting } from '../settings';
import { renderHtml, renderJson, renderMarkdown, type HygieneReport } from '../../report';
import { assess } from '../../node/assessment';
import type { HistoryScanResult } from '../../node/git-history';
import { ScanPool } from '../../node/scan-pool';
import { loadAwsSdk } from '../aws-sdk-loader';

/** The history walk behind the assessment's trend, on worker threads (the host never scans). */
async function historyForTrend(root: string, workerPath: string, signal: AbortSignal): Promise<{ result?: HistoryScanResult; problem?: string }> {
  const pool = new ScanPool({ workerPath, threads: 1 });
  try {
    const { scanGitHistory } = await import('../../node/git-history');
    return { result: await scanGitHistory({ cwd: root, pool, signal }) };
  } catch (e) {
    return { problem: (e as Error).message };
  } finally {
    await pool.dispose();
  }
}

const REPORT_VIEW_TYPE = 'credentialHygiene.report';
const OPEN_REPORT_LOCATION = 'credentialHygiene.openReportLocation';
const TITLE = 'Credential Hygiene Report';

let current: vscode.WebviewPanel | undefined;
/** The report on screen (for Export). */
let shown: HygieneReport | undefined;

/** Webview options: no scripts, no forms, nothing loadable; one command link target. */
export const REPORT_WEBVIEW_OPTIONS: vscode.WebviewPanelOptions & vscode.WebviewOptions = {
  enableScripts: false,
  enableForms: false,
  enableCommandUris: [OPEN_REPORT_LOCATION],
  localResourceRoots: [],
  retainContextWhenHidden: false,
  enableFindWidget: true,
};

export function reportHtml(report: HygieneReport, webview?: vscode.Webview): string {
  // A fresh nonce per render; the page needs no resources, so cspSource is not added to the policy.
  void webview;
  return linkLocations(renderHtml(report, { nonce: randomBytes(18).toString('base64'), title: TITLE }));
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescapeHtml = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (m) => ENTITIES[m]);

/** `<td class="path">a/b.py:12:5</td>` → the same text as a link that opens the file at that line. */
function linkLocations(html: string): string {
  return html.replace(/<td class="path">([^<]*?):(\d+)(?::(\d+))?<\/td>/g, (whole, escPath: string, line: string, col: string | undefined) => {
    const args = encodeURIComponent(JSON.stringify([unescapeHtml(escPath), Number(line), Number(col ?? 1)]));
    return `<td class="path"><a href="command:${OPEN_REPORT_LOCATION}?${args}">${escPath}:${line}${col ? `:${col}` : ''}</a></td>`;
  });
}

/** The file a report path names: relative to its folder (folder name first in a multi-root workspace). */
function resolveReportPath(display: string): vscode.Uri | undefined {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!folders.length || display.includes('\0')) return undefined;
  let folder = folders[0];
  let rel = display;
  if (folders.length > 1) {
    const i = display.indexOf('/');
    const named = folders.find((f) => f.name === display.slice(0, i));
    if (!named) return undefined;
    folder = named;
    rel = display.slice(i + 1);
  }
  const abs = path.resolve(folder.uri.fsPath, rel);
  // Only inside the workspace folder: the link text comes from file names in the repository.
  if (abs !== folder.uri.fsPath && !abs.startsWith(folder.uri.fsPath + path.sep)) return undefined;
  return vscode.Uri.file(abs);
}

export async function openReportLocation(display: unknown, line: unknown, column: unknown): Promise<vscode.TextEditor | undefined> {
  if (typeof display !== 'string' || typeof line !== 'number') return undefined;
  const uri = resolveReportPath(display);
  if (!uri) return undefined;
  const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, (typeof column === 'number' ? column : 1) - 1));
  return vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preview: true, viewColumn: vscode.ViewColumn.One });
}

/** Saves the report on screen as Markdown, JSON or HTML (format from the chosen extension). */
export async function exportReport(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (!shown) {
    void vscode.window.showInformationMessage('Credential Hygiene: show a report first (Show Hygiene Report).');
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri =
    target ??
    (await vscode.window.showSaveDialog({
      title: 'Export hygiene report',
      defaultUri: folder && vscode.Uri.joinPath(folder, 'credential-hygiene-report.md'),
      filters: { Markdown: ['md'], JSON: ['json'], HTML: ['html'] },
    }));
  if (!uri) return undefined;
  const ext = path.extname(uri.path).toLowerCase();
  const text = ext === '.json' ? renderJson(shown) : ext === '.html' ? renderHtml(shown, { title: TITLE }) : renderMarkdown(shown);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

function showReportPanel(context: vscode.ExtensionContext, report: HygieneReport): vscode.WebviewPanel {
  shown = report;
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
function withoutPrefixes(report: HygieneReport): HygieneReport {
  return { ...report, findings: { ...report.findings, items: report.findings.items.map((f) => ({ ...f, secretMasked: '••••' })) } };
}

export interface WorkspaceReportOptions {
  /** While on-screen masking is on, the report shows no value prefixes either (issue 16 point 6). */
  hideValues?: boolean;
  /**
   * Asks before the rotation check: receives the secret ids and returns whether to send the DescribeSecret
   * calls. Without it no request is made.
   */
  confirmRotationCheck?: (secretIds: string[]) => Thenable<boolean>;
}

export async function showWorkspaceReport(context: vscode.ExtensionContext, ro: WorkspaceReportOptions = {}): Promise<HygieneReport | undefined> {
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
            // Restricted settings: user value only in an untrusted workspace; threads capped to the cores.
            maxFileBytes: readSettings(folders[0].uri).skipFileSizeKB * 1024,
            workerPath: path.join(context.extensionPath, 'dist', 'scan-worker.js'),
            threads: threadsSetting(),
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
        progress.report({ message: 'git history and controls' });
        const workerPath = path.join(context.extensionPath, 'dist', 'scan-worker.js');
        const history = await historyForTrend(roots[0], workerPath, ac.signal);
        if (token.isCancellationRequested) return undefined;
        const check = ro.confirmRotationCheck && report.secrets.secretIds.length ? await ro.confirmRotationCheck(report.secrets.secretIds) : false;
        report.assessment = await assess(report, {
          root: roots[0],
          history: history.result,
          historyProblem: history.problem,
          rotationSdk: check ? loadAwsSdk : undefined,
        });
        // Dated, so a report left open (or exported) says when it was true.
        const dated: HygieneReport = { ...report, generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
        const result = ro.hideValues ? withoutPrefixes(dated) : dated;
        showReportPanel(context, result);
        return result;
      } finally {
        sub.dispose();
      }
    },
  );
}
