/**
 * The Findings tree (own view container): grouped by file or by kind, masked values only (no prefix at all
 * while on-screen masking is on), a click reveals the exact range. Skipped (too large) files are listed too, so
 * the size limit is visible. Paths are workspace-relative (folder name first in a multi-root workspace) and
 * groups are sorted by their label.
 *
 * Extension point: `addSection` appends a top-level node of another feature (e.g. a History node) after the
 * findings, without touching this file's grouping code.
 */
import * as vscode from 'vscode';
import { ruleById, type Finding, type FindingKind } from '../engine';
import { toRange } from './diagnostics';
import type { FindingsStore } from './findings-store';
import { isHistoryNode, type HistoryNode, type HistoryResults } from './history-view';
import type { ScanContext } from './scan-context';
import { groupBySetting, severityFor, type GroupBy } from './settings';

export const VIEW_ID = 'credentialHygiene.findings';
export const REVEAL_COMMAND = 'credentialHygiene.revealFinding';

export type FindingsNode =
  | { type: 'file'; uri: vscode.Uri; findings: Finding[]; skipped?: string }
  | { type: 'kind'; kind: FindingKind; items: { uri: vscode.Uri; finding: Finding }[] }
  | { type: 'finding'; uri: vscode.Uri; finding: Finding; showFile: boolean }
  | HistoryNode
  | { type: 'section'; section: FindingsViewSection; node?: unknown };

/** A top-level node contributed by another feature; its children are its own opaque nodes. */
export interface FindingsViewSection {
  readonly id: string;
  /** Shown only when true (e.g. the History node when there is history). */
  visible(): boolean;
  getTreeItem(node: unknown | undefined): vscode.TreeItem;
  getChildren(node: unknown | undefined): unknown[];
}

/** What a value looks like in views: its masked prefix, or nothing at all while on-screen masking is on. */
function shownValue(f: Pick<Finding, 'secretMasked'>, masking: boolean): string {
  return masking ? '••••' : f.secretMasked;
}

/** Workspace-relative path of a resource ('' for a workspace folder root); the folder name leads in multi-root. */
function relativePath(uri: vscode.Uri): string {
  if (uri.scheme === 'untitled') return uri.path;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
  const base = folder.uri.path.replace(/\/+$/, '');
  const rel = uri.path === base ? '' : uri.path.startsWith(base + '/') ? uri.path.slice(base.length + 1) : uri.path;
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? (rel ? `${folder.name}/${rel}` : folder.name) : rel;
}

export class FindingsTreeProvider implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  groupBy: GroupBy = groupBySetting();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Git-history scan results, shown under a History node after the file findings (history-view.ts). */
  history: HistoryResults | undefined;
  /** Whether on-screen masking is on (set by extension.ts): then no value prefix is shown. */
  isMasking: () => boolean = () => false;
  private readonly sections: FindingsViewSection[] = [];

  addSection(section: FindingsViewSection): vscode.Disposable {
    this.sections.push(section);
    this.refresh();
    return new vscode.Disposable(() => {
      const i = this.sections.indexOf(section);
      if (i >= 0) this.sections.splice(i, 1);
      this.refresh();
    });
  }

  constructor(
    private readonly store: FindingsStore,
    private readonly ctx: ScanContext,
  ) {}

  /** Coalesced refresh (a workspace scan updates the store many times a second). */
  refresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, 150);
  }

  setGroupBy(g: GroupBy): void {
    this.groupBy = g;
    void vscode.commands.executeCommand('setContext', 'credentialHygiene.groupBy', g);
    this.emitter.fire();
  }

  /** Visible findings per file (settings applied), sorted by path. */
  files(): { uri: vscode.Uri; findings: Finding[]; skipped?: string }[] {
    const out: { uri: vscode.Uri; findings: Finding[]; skipped?: string }[] = [];
    for (const e of this.store.all()) {
      const findings = this.ctx.visible(e.uri, e.findings);
      if (findings.length || (e.skipped && this.ctx.isScanned(e.uri))) out.push({ uri: e.uri, findings, skipped: e.skipped });
    }
    return out.sort((a, b) => relativePath(a.uri).localeCompare(relativePath(b.uri)));
  }

  total(): number {
    return this.files().reduce((n, f) => n + f.findings.length, 0);
  }

  getChildren(node?: FindingsNode): FindingsNode[] {
    if (node && isHistoryNode(node)) return this.history?.children(node) ?? [];
    const out = this.fileChildren(node);
    return node ? out : [...out, ...(this.history?.roots() ?? [])];
  }

  private fileChildren(node?: Exclude<FindingsNode, HistoryNode>): FindingsNode[] {
    if (!node) {
      const extra: FindingsNode[] = this.sections.filter((x) => x.visible()).map((section) => ({ type: 'section', section }));
      return [...this.findingRoots(), ...extra];
    }
    if (node.type === 'section') return node.section.getChildren(node.node).map((n) => ({ type: 'section', section: node.section, node: n }));
    if (node.type === 'file') return sortByPosition(node.findings).map((finding) => ({ type: 'finding', uri: node.uri, finding, showFile: false }));
    if (node.type === 'kind') {
      return [...node.items]
        .sort((a, b) => relativePath(a.uri).localeCompare(relativePath(b.uri)) || a.finding.startOffset - b.finding.startOffset)
        .map((i) => ({ type: 'finding', ...i, showFile: true }));
    }
    return [];
  }

  private findingRoots(): FindingsNode[] {
    const files = this.files();
    if (this.groupBy === 'file') return files.map((f) => ({ type: 'file', ...f }));
    const byKind = new Map<FindingKind, { uri: vscode.Uri; finding: Finding }[]>();
    for (const f of files) {
      for (const finding of f.findings) {
        let items = byKind.get(finding.kind);
        if (!items) byKind.set(finding.kind, (items = []));
        items.push({ uri: f.uri, finding });
      }
    }
    return [...byKind.entries()].sort(([a], [b]) => kindTitle(a).localeCompare(kindTitle(b))).map(([kind, items]) => ({ type: 'kind', kind, items }));
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    if (isHistoryNode(node)) return this.history!.treeItem(node);
    if (node.type === 'section') return node.section.getTreeItem(node.node);
    if (node.type === 'file') {
      const item = new vscode.TreeItem(node.uri, node.findings.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = `file:${node.uri.toString()}`;
      const rel = relativePath(node.uri);
      const dir = node.uri.scheme === 'untitled' ? 'unsaved' : rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
      if (node.skipped) {
        item.description = 'not scanned';
        item.tooltip = node.skipped;
        item.iconPath = new vscode.ThemeIcon('warning');
      } else {
        item.description = dir ? `${dir} · ${node.findings.length}` : `${node.findings.length}`;
        item.tooltip = `${rel || node.uri.path}: ${node.findings.length} finding${node.findings.length === 1 ? '' : 's'}`;
      }
      item.contextValue = 'file';
      return item;
    }
    if (node.type === 'kind') {
      const item = new vscode.TreeItem(kindTitle(node.kind), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `kind:${node.kind}`;
      item.description = String(node.items.length);
      item.iconPath = new vscode.ThemeIcon('symbol-key');
      item.contextValue = 'kind';
      return item;
    }
    const f = node.finding;
    const rule = ruleById(f.ruleId);
    const item = new vscode.TreeItem(rule?.title ?? f.ruleId, vscode.TreeItemCollapsibleState.None);
    item.id = `finding:${node.showFile ? 'k' : 'f'}:${node.uri.toString()}:${f.fingerprint}:${f.startOffset}`;
    const where = `Ln ${f.start.line}, Col ${f.start.column}`;
    const value = shownValue(f, this.isMasking());
    item.description = node.showFile ? `${value}  ${relativePath(node.uri)}:${f.start.line}` : `${value}  ${where}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMd(f.message)}**\n\n`);
    if (rule) md.appendMarkdown(`${escapeMd(rule.description)}\n\n`);
    md.appendMarkdown(`\`${f.ruleId}\` · value \`${value}\` · ${escapeMd(relativePath(node.uri))} ${where}`);
    item.tooltip = md;
    item.iconPath = severityIcon(f, this.ctx, node.uri);
    item.contextValue = 'finding';
    item.command = { command: REVEAL_COMMAND, title: 'Reveal', arguments: [node.uri, toRange(f)] };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.emitter.dispose();
  }
}

export async function revealFinding(uri: vscode.Uri, range: vscode.Range): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(uri, { selection: range, preview: true });
}

function severityIcon(f: Finding, ctx: ScanContext, uri: vscode.Uri): vscode.ThemeIcon {
  switch (severityFor(f, ctx.settings.for(uri))) {
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    case 'warning':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    default:
      return new vscode.ThemeIcon('info');
  }
}

function sortByPosition(fs: Finding[]): Finding[] {
  return [...fs].sort((a, b) => a.startOffset - b.startOffset);
}

/** Group labels, spelled as the providers spell themselves (one entry per kind). */
export const KIND_TITLES: Record<FindingKind, string> = {
  'aws-access-key-id': 'AWS access key ID',
  'aws-secret-access-key': 'AWS secret access key',
  'aws-session-token': 'AWS session token',
  'github-token': 'GitHub token',
  'gitlab-token': 'GitLab token',
  'slack-token': 'Slack token',
  'slack-webhook': 'Slack webhook URL',
  'stripe-key': 'Stripe key',
  'google-api-key': 'Google API key',
  'sendgrid-key': 'SendGrid API key',
  'npm-token': 'npm token',
  'twilio-key': 'Twilio key',
  'private-key': 'Private key',
  jwt: 'JSON Web Token (JWT)',
  'db-connection-string': 'Database connection string',
  'basic-auth-url': 'URL with a password',
  'generic-password': 'Password',
  'generic-api-key': 'API key or token',
  'k8s-secret-data': 'Kubernetes Secret data',
  'azure-key': 'Azure key',
  'other-provider-token': 'Other provider token',
};

function kindTitle(kind: string): string {
  return KIND_TITLES[kind as FindingKind] ?? kind.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
