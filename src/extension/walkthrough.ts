/**
 * Getting-started walkthrough support (`contributes.walkthroughs` in package.json, content in media/walkthrough/).
 * The sample opens as an untitled copy, so trying the quick fix never edits the installed extension's files.
 */
import * as vscode from 'vscode';

const OPEN_SAMPLE_COMMAND = 'credentialHygiene.openWalkthroughSample';

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, async () => {
    const uri = vscode.Uri.joinPath(context.extensionUri, 'media', 'walkthrough', 'sample.js');
    const bytes = await vscode.workspace.fs.readFile(uri);
    const doc = await vscode.workspace.openTextDocument({ language: 'javascript', content: new TextDecoder().decode(bytes) });
    return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  });
}
