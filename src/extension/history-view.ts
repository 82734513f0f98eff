/**
 * The History node of the Findings view: the last git-history scan of each repository, one child per secret
 * (once per file, at its introducing commit) with short sha, author, date and whether it is still in HEAD.
 * Masked values only; the AWS key id stays in memory for the rotation commands.
 */
import * as vscode from 'vscode';
import { ruleById } from '../engine';
import type { HistoryFinding, HistoryScanResult } from '../node/git-history';

export const HISTORY_COMMANDS = {
  scan: 'credentialHygiene.scanGitHistory',
  copyCommit: 'credentialHygiene.copyHistoryCommit',
  openAtCommit: 'credentialHygiene.openHistoryFile',
  guidance: 'credentialHygiene.historyRotationGuidance',
  clear: 'credentialHygiene.clearHistoryFindings',
  cancel: 'credentialHygiene.cancelGitHistoryScan',
} as const;

export type HistoryNode =
  | { type: 'history'; results: HistoryScanResult[] }
  | { type: 'historyFinding'; top: string; item: HistoryFinding };

/** Results by repository top level; the view shows them under one History root node. */
export class HistoryResults implements vscode.Disposable {
  private readonly byTop = new Map<string, HistoryScanResult>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  set(result: HistoryScanResult): void {
    this.byTop.set(result.top, result);
    this.emitter.fire();
  }

  clear(): void {
    this.byTop.clear();
    this.emitter.fire();
  }

  all(): HistoryScanResult[] {
    return [...this.byTop.values()];
  }

  roots(): HistoryNode[] {
    return this.byTop.size ? [{ type: 'history', results: this.all() }] : [];
  }

  children(node: HistoryNode): HistoryNode[] {
    if (node.type !== 'history') return [];
    return node.results.flatMap((r) => r.findings.map((item) => ({ type: 'historyFinding' as const, top: r.top, item })));
  }

  treeItem(node: HistoryNode): vscode.TreeItem {
    if (node.type === 'history') {
      const all = node.results.flatMap((r) => r.findings);
      const inHead = all.filter((f) => f.inHead).length;
      const item = new vscode.TreeItem('History', vscode.TreeItemCollapsibleState.Expanded);
      item.id = 'history';
      item.description = `${all.length} in git history · ${inHead} still in HEAD`;
      item.tooltip = node.results.map((r) => `${r.top}: ${r.commits} commits${r.partial ? ` (partial: ${r.partial})` : ''}`).join('\n');
      item.iconPath = new vscode.ThemeIcon('history');
      item.contextValue = 'history';
      return item;
    }
    const { item: h } = node;
    const f = h.finding;
    const rule = ruleById(f.ruleId);
    const short = h.commit.sha.slice(0, 7);
    const ti = new vscode.TreeItem(rule?.title ?? f.ruleId, vscode.TreeItemCollapsibleState.None);
    ti.id = `history:${node.top}:${h.file}:${f.fingerprint}`;
    ti.description = `${f.secretMasked}  ${h.file}:${f.start.line} · ${short} · ${h.commit.date.slice(0, 10)} · ${h.inHead ? 'still in HEAD' : 'history only'}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMd(f.message)}**\n\n`);
    md.appendMarkdown(`Introduced in \`${short}\` by ${escapeMd(h.commit.author)} on ${escapeMd(h.commit.date)}\n\n`);
    md.appendMarkdown(`\`${escapeMd(h.file)}\` line ${f.start.line} · value \`${f.secretMasked}\` · ${h.inHead ? '**still in HEAD**' : 'removed from HEAD (still in history: rotate it)'}`);
    ti.tooltip = md;
    ti.iconPath = new vscode.ThemeIcon(h.inHead ? 'error' : 'history', new vscode.ThemeColor(h.inHead ? 'list.errorForeground' : 'list.warningForeground'));
    ti.contextValue = h.keyId ? 'historyFinding.aws' : 'historyFinding';
    ti.command = { command: HISTORY_COMMANDS.openAtCommit, title: 'Open File at Commit', arguments: [node] };
    return ti;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export function isHistoryNode(n: { type: string }): n is HistoryNode {
  return n.type === 'history' || n.type === 'historyFinding';
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
