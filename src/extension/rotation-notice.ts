/**
 * The notice after a default-chain fix (issue 16 point 3): names the removed access key (masked) and its account,
 * and offers "Copy rotation commands" (the real key id goes to the clipboard only), "Open IAM console" and, once
 * another feature contributes `credentialHygiene.showRole`, "Show the role this code needs".
 *
 * The key id is gone from the file once the fix is applied, so it is captured when the code action is built and
 * kept in this process only (the action's arguments carry an opaque token, never the key). Undo withdraws the
 * notice: the key is back in the code, so rotating it would break that code; the toast is hidden and its
 * buttons do nothing but say so.
 */
import * as vscode from 'vscode';
import { revealSecret, type Finding } from '../engine';
import type { Fix } from '../remediation';
import { iamConsoleUrl, rotationCommands, rotationMessage, rotationTarget, type RotationTarget } from '../remediation/rotation-commands';

export const SHOW_ROTATION_NOTICE = 'credentialHygiene.showRotationNotice';
export const COPY_ROTATION_COMMANDS = 'credentialHygiene.copyRotationCommands';
/** Contributed later by the "role this code needs" feature (issue 12); offered only when registered. */
const SHOW_ROLE_COMMAND = 'credentialHygiene.showRole';

const COPY_ACTION = 'Copy rotation commands';
const IAM_ACTION = 'Open IAM console';
const ROLE_ACTION = 'Show the role this code needs';

export interface RotationPrompts {
  /** Non-modal notification with buttons; resolves with the clicked one. */
  notify(message: string, actions: string[]): Thenable<string | undefined>;
  info(message: string): void;
}

export interface PendingRotation {
  readonly token: string;
  readonly uri: string;
  readonly targets: RotationTarget[];
  /** Extra advice shown before the rotation text (e.g. a fix-all summary). */
  readonly lead?: string;
  shown: boolean;
  /** The notification was answered or closed. */
  answered: boolean;
  withdrawn: boolean;
  /** What the user picked (test hook). */
  picked?: string;
}

const MAX_PENDING = 32;

export class RotationNotices implements vscode.Disposable {
  private readonly pending = new Map<string, PendingRotation>();
  private seq = 0;
  private readonly sub: vscode.Disposable;
  /** The last notice shown (test hook and the copy command's default). */
  last: PendingRotation | undefined;

  constructor(private readonly prompts: RotationPrompts) {
    this.sub = vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e));
  }

  /**
   * Records the access key ids a default-chain fix removes (the key id findings inside its edits, or the finding
   * itself) and returns the token the code action's command carries.
   */
  prepare(doc: vscode.TextDocument, fixes: readonly Fix[], findings: readonly Finding[], lead?: string): string {
    const text = doc.getText();
    const ids = new Set<string>();
    for (const f of findings) {
      if (f.kind !== 'aws-access-key-id') continue;
      if (fixes.some((fix) => fix.edits.some((e) => e.start <= f.startOffset && f.endOffset <= e.end))) ids.add(revealSecret(f, text));
    }
    return this.prepareIds(doc, [...ids], lead);
  }

  /** Same as `prepare`, for key ids already known (fix-all compares the text before and after). */
  prepareIds(doc: vscode.TextDocument, keyIds: readonly string[], lead?: string): string {
    const targets = [...new Set(keyIds)].map(rotationTarget).filter((t): t is RotationTarget => !!t);
    // The same code action is built on every lightbulb request: reuse the token for identical content.
    for (const p of this.pending.values()) {
      if (!p.shown && p.uri === doc.uri.toString() && p.lead === lead && sameKeys(p.targets, targets)) return p.token;
    }
    const token = `r${++this.seq}`;
    this.pending.set(token, { token, uri: doc.uri.toString(), targets, lead, shown: false, answered: false, withdrawn: false });
    while (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    return token;
  }

  get(token: string): PendingRotation | undefined {
    return this.pending.get(token);
  }

  /** Shows the notice for a prepared token (the command a default-chain code action runs after its edit). */
  async show(token: unknown): Promise<string | undefined> {
    const p = typeof token === 'string' ? this.pending.get(token) : undefined;
    if (!p) return undefined;
    p.shown = true;
    this.last = p;
    const actions = [...(p.targets.length ? [COPY_ACTION] : []), IAM_ACTION];
    if ((await vscode.commands.getCommands(true)).includes(SHOW_ROLE_COMMAND)) actions.push(ROLE_ACTION);
    const message = [p.lead, rotationMessage(p.targets)].filter(Boolean).join(' ');
    const pick = await this.prompts.notify(message, actions);
    p.answered = true;
    p.picked = pick;
    if (!pick) return undefined;
    if (p.withdrawn) {
      this.prompts.info('That fix was undone: the key is back in the code, so it was not rotated. Apply the fix again first.');
      return undefined;
    }
    if (pick === COPY_ACTION) await this.copy(p);
    else if (pick === IAM_ACTION) await vscode.env.openExternal(vscode.Uri.parse(iamConsoleUrl(p.targets[0] ?? {})));
    else if (pick === ROLE_ACTION) await vscode.commands.executeCommand(SHOW_ROLE_COMMAND, vscode.Uri.parse(p.uri));
    return pick;
  }

  /** Copies the rotation commands of a notice (default: the last one shown) to the clipboard. */
  async copy(p: PendingRotation | undefined = this.last): Promise<boolean> {
    if (!p || !p.targets.length || p.withdrawn) {
      this.prompts.info(p?.withdrawn ? 'That fix was undone: nothing to rotate.' : 'No access key id to rotate: apply a default-chain fix first.');
      return false;
    }
    await vscode.env.clipboard.writeText(p.targets.map(rotationCommands).join('\n'));
    vscode.window.setStatusBarMessage(`$(clippy) Rotation commands for ${p.targets.map((t) => t.masked).join(', ')} copied`, 5000);
    return true;
  }

  /** Undo (or any edit) that brings a removed key id back withdraws its notice. */
  private onChange(e: vscode.TextDocumentChangeEvent): void {
    if (e.contentChanges.length === 0) return;
    const uri = e.document.uri.toString();
    let text: string | undefined;
    for (const p of this.pending.values()) {
      if (!p.shown || p.withdrawn || p.uri !== uri || !p.targets.length) continue;
      text ??= e.document.getText();
      if (p.targets.some((t) => text!.includes(t.keyId))) {
        p.withdrawn = true;
        // The notification API cannot close one toast: hide the toasts (they stay in the notification centre,
        // where the buttons now only explain that the fix was undone).
        if (!p.answered) void vscode.commands.executeCommand('notifications.hideToasts').then(undefined, () => undefined);
      }
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.pending.clear();
  }
}

function sameKeys(a: readonly RotationTarget[], b: readonly RotationTarget[]): boolean {
  return a.length === b.length && a.every((t, i) => t.keyId === b[i].keyId);
}
