/**
 * Workspace trust. Scanning text is safe in any workspace (it is exactly what a freshly cloned repo needs), so
 * the extension runs in Restricted Mode. What is NOT safe before trust is anything the workspace itself controls
 * that changes behaviour beyond plain settings: custom rules / regexes or suppressions read from files in the
 * repo (e.g. `.credential-hygiene.json`). Those come in through scan contributors marked `requiresTrust`,
 * which stay switched off until this state says the workspace is trusted.
 *
 * The state is injectable (`setOverride`) so the integration tests can exercise both modes in one host.
 */
import * as vscode from 'vscode';

export class TrustState implements vscode.Disposable {
  private override: boolean | undefined;
  private readonly emitter = new vscode.EventEmitter<boolean>();
  private readonly sub: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor() {
    this.sub = vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (this.override === undefined) this.emitter.fire(true);
    });
  }

  get isTrusted(): boolean {
    return this.override ?? vscode.workspace.isTrusted;
  }

  /** Test hook: force trusted/untrusted, or `undefined` to follow VS Code again. */
  setOverride(value: boolean | undefined): void {
    const before = this.isTrusted;
    this.override = value;
    if (this.isTrusted !== before) this.emitter.fire(this.isTrusted);
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
