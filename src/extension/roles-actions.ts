/**
 * "Show the role this code needs": a code action on every AWS SDK client line (and on lines that call AWS), and
 * the `credentialHygiene.showRole` command. Light at activation: the analysis and its webview load on first use.
 */
import * as vscode from 'vscode';
import { detectSdkClients, sdkLanguageOf } from '../report/sdk-clients';

const SHOW_ROLE_COMMAND = 'credentialHygiene.showRole';
const SHOW_ROLE_KIND = vscode.CodeActionKind.Empty.append('credentialHygiene').append('showRole');
const TITLE = 'Show the role this code needs';

/** Documents above this size get no role action (the client detector is linear, but the lightbulb must stay instant). */
const MAX_CHARS = 1_000_000;

class RoleActionProvider implements vscode.CodeActionProvider {
  /** Client line spans per document version: code actions are requested on every cursor move. */
  private readonly cache = new Map<string, { version: number; spans: [number, number][] }>();

  private spans(document: vscode.TextDocument): [number, number][] {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.spans;
    const spans = detectSdkClients(document.getText(), document.fileName, document.languageId).map((c): [number, number] => [document.positionAt(c.startOffset).line, document.positionAt(c.endOffset).line]);
    if (this.cache.size > 50) this.cache.clear();
    this.cache.set(key, { version: document.version, spans });
    return spans;
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    if (document.uri.scheme !== 'file' || document.getText().length > MAX_CHARS) return [];
    const lang = sdkLanguageOf(document.fileName, document.languageId);
    if (!lang || lang === 'terraform') return [];
    const onClient = this.spans(document).some(([start, end]) => range.start.line <= end && range.end.line >= start);
    if (!onClient) return [];
    const action = new vscode.CodeAction(TITLE, SHOW_ROLE_KIND);
    action.command = { command: SHOW_ROLE_COMMAND, title: TITLE, arguments: [document.uri] };
    return [action];
  }
}

export function registerRoleActions(context: vscode.ExtensionContext): vscode.Disposable {
  const selector: vscode.DocumentSelector = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'go', 'java', 'kotlin', 'csharp', 'ruby', 'php', 'rust'].map((language) => ({ language, scheme: 'file' }));
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(selector, new RoleActionProvider(), { providedCodeActionKinds: [SHOW_ROLE_KIND] }),
    vscode.commands.registerCommand(SHOW_ROLE_COMMAND, (uri?: vscode.Uri) => import('./roles-view').then((m) => m.showRole(context, uri ?? vscode.window.activeTextEditor?.document.uri))),
  );
}
