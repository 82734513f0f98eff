/**
 * Status bar item: findings in the active file and in the one set every count uses (issue 16 point 5): the
 * visible findings of open documents (saved or untitled) plus the last workspace scan. The text says which of
 * the two a number covers ("in open files" before any workspace scan, "in workspace" after one) and the
 * tooltip says when that scan ran. Shows when the active file was not scanned.
 */
import * as vscode from 'vscode';
import type { ReadonlyFindingsStore } from './findings-store';
import type { ScanContext } from './scan-context';
import { ago } from './scan-memory';

export interface FindingCounts {
  /** Every visible finding: what the badge, the view, the status bar and the scan message count. */
  total: number;
  /** Files (or buffers) with at least one visible finding. */
  files: number;
  /** Of those, in untitled buffers. */
  untitled: number;
  untitledFiles: number;
}

/** The one set behind every count. */
export function findingCounts(store: ReadonlyFindingsStore, ctx: ScanContext): FindingCounts {
  const c: FindingCounts = { total: 0, files: 0, untitled: 0, untitledFiles: 0 };
  for (const e of store.all()) {
    const n = ctx.visible(e.uri, e.findings).length;
    if (!n) continue;
    c.total += n;
    c.files++;
    if (e.uri.scheme === 'untitled') {
      c.untitled += n;
      c.untitledFiles++;
    }
  }
  return c;
}

export interface ScanInfo {
  at: number;
  files: number;
  restored: boolean;
  changedSince: number;
}

export class StatusIndicator implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('credentialHygiene.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subs: vscode.Disposable[];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly ticker: ReturnType<typeof setInterval>;

  constructor(
    private readonly store: ReadonlyFindingsStore,
    private readonly ctx: ScanContext,
    private readonly lastScan: () => ScanInfo | undefined = () => undefined,
  ) {
    this.item.name = 'Credential Hygiene';
    this.item.command = 'credentialHygiene.findings.focus';
    this.subs = [
      store.onDidChange(() => this.schedule()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      ctx.settings.onDidChange(() => this.update()),
    ];
    // "n minutes ago" stays true.
    this.ticker = setInterval(() => this.update(), 60_000);
    this.update();
    this.item.show();
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, 50);
  }

  counts(): { file: number; workspace: number; skipped?: string } {
    const all = findingCounts(this.store, this.ctx);
    const doc = vscode.window.activeTextEditor?.document;
    const entry = doc && this.store.get(doc.uri);
    return { file: entry && doc ? this.ctx.visible(doc.uri, entry.findings).length : 0, workspace: all.total, skipped: entry?.skipped };
  }

  /** What the total covers, in words. */
  scope(): { short: string; long: string } {
    const s = this.lastScan();
    if (!s) return { short: 'in open files', long: 'in open files (no workspace scan yet: run Scan Workspace for closed files)' };
    return {
      short: 'in workspace',
      long:
        `in open files and the last workspace scan (${ago(s.at)}, ${s.files} files${s.restored ? ', kept from the previous session; changed files rescanned' : ''}` +
        `${s.changedSince ? `; ${s.changedSince} file${s.changedSince === 1 ? '' : 's'} created or changed since: run Scan Workspace to include them` : ''})`,
    };
  }

  update(): void {
    const c = this.counts();
    const scope = this.scope();
    if (c.skipped) {
      this.item.text = '$(warning) Not scanned';
      this.item.tooltip = `Credential Hygiene: this file was ${c.skipped}. ${c.workspace} finding(s) ${scope.long}.`;
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = c.file ? `$(key) ${c.file} in file · ${c.workspace} ${scope.short}` : `$(shield) ${c.workspace} ${scope.short}`;
      this.item.tooltip = `Credential Hygiene: ${c.file} hardcoded credential(s) in this file; ${c.workspace} ${scope.long}. Click to show the findings.`;
      this.item.backgroundColor = c.file ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    }
    this.item.accessibilityInformation = { label: String(this.item.tooltip) };
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    clearInterval(this.ticker);
    this.subs.forEach((d) => d.dispose());
    this.item.dispose();
  }
}
