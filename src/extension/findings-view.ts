/**
 * The Findings tree (own view container): grouped by file or by kind, masked values only, a click reveals the
 * exact range. Skipped (too large) files are listed too, so the size limit is visible.
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
  | HistoryNode;

export class FindingsTreeProvider implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  groupBy: GroupBy = groupBySetting();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Git-history scan results, shown under a History node after the file findings (history-view.ts). */
  history: HistoryResults | undefined;

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
    return out.sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
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
      return [...byKind.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([kind, items]) => ({ type: 'kind', kind, items }));
    }
    if (node.type === 'file') return sortByPosition(node.findings).map((finding) => ({ type: 'finding', uri: node.uri, finding, showFile: false }));
    if (node.type === 'kind') return node.items.map((i) => ({ type: 'finding', ...i, showFile: true }));
    return [];
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    if (isHistoryNode(node)) return this.history!.treeItem(node);
    if (node.type === 'file') {
      const item = new vscode.TreeItem(node.uri, node.findings.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = `file:${node.uri.toString()}`;
      const dir = vscode.workspace.asRelativePath(node.uri.with({ path: node.uri.path.replace(/\/[^/]*$/, '') }), true);
      if (node.skipped) {
        item.description = 'not scanned';
        item.tooltip = node.skipped;
        item.iconPath = new vscode.ThemeIcon('warning');
      } else {
        item.description = node.uri.scheme === 'untitled' ? `${node.findings.length}` : `${dir} · ${node.findings.length}`;
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
    const file = node.uri.path.split('/').pop();
    item.description = node.showFile ? `${f.secretMasked}  ${file}:${f.start.line}` : `${f.secretMasked}  ${where}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMd(f.message)}**\n\n`);
    if (rule) md.appendMarkdown(`${escapeMd(rule.description)}\n\n`);
    md.appendMarkdown(`\`${f.ruleId}\` · value \`${f.secretMasked}\` · ${where}`);
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

export function kindTitle(kind: string): string {
  return kind
    .split('-')
    .map((w) => (['aws', 'jwt', 'api', 'url', 'db', 'npm', 'k8s'].includes(w) ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
