/** Status bar item: findings in the active file and in the workspace; shows when a file was not scanned. */
import * as vscode from 'vscode';
import type { FindingsStore } from './findings-store';
import type { ScanContext } from './scan-context';

export class StatusIndicator implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('credentialHygiene.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subs: vscode.Disposable[];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: FindingsStore,
    private readonly ctx: ScanContext,
  ) {
    this.item.name = 'Credential Hygiene';
    this.item.command = 'credentialHygiene.findings.focus';
    this.subs = [
      store.onDidChange(() => this.schedule()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      ctx.settings.onDidChange(() => this.update()),
    ];
    this.update();
    this.item.show();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, 50);
  }

  counts(): { file: number; workspace: number; skipped?: string } {
    let workspace = 0;
    for (const e of this.store.all()) workspace += this.ctx.visible(e.uri, e.findings).length;
    const doc = vscode.window.activeTextEditor?.document;
    const entry = doc && this.store.get(doc.uri);
    return { file: entry && doc ? this.ctx.visible(doc.uri, entry.findings).length : 0, workspace, skipped: entry?.skipped };
  }

  update(): void {
    const c = this.counts();
    if (c.skipped) {
      this.item.text = '$(warning) Not scanned';
      this.item.tooltip = `Credential Hygiene: this file was ${c.skipped}. ${c.workspace} finding(s) in the workspace.`;
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = c.file ? `$(key) ${c.file} in file · ${c.workspace} total` : `$(shield) ${c.workspace}`;
      this.item.tooltip = `Credential Hygiene: ${c.file} hardcoded credential(s) in this file, ${c.workspace} in the workspace. Click to show the findings.`;
      this.item.backgroundColor = c.file ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
    this.item.accessibilityInformation = { label: String(this.item.tooltip) };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subs.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
