/** Restricted Mode: checking a key (which sends a signed request to AWS) is neither offered nor run. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fakeKeyId, getApi, prng, waitForDiagnostics } from '../helpers';

describe('Restricted Mode: live key check', () => {
  const file = () => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'verify-untrusted.py');
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(file(), { force: true });
  });

  it('offers no check and refuses the command', async () => {
    const api = await getApi();
    assert.equal(api.testing.trust.isTrusted, false);
    const r = prng(31);
    const secret = Array.from({ length: 39 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'[Math.floor(r() * 64)]).join('') + '7';
    fs.writeFileSync(file(), `aws_access_key_id = "${fakeKeyId(r)}"\naws_secret_access_key = "${secret}"\n`);
    const uri = vscode.Uri.file(file());
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [d] = await waitForDiagnostics(uri, 2, 'key pair');
    const list = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
    assert.equal(list.some((a) => /live/.test(a.title)), false, list.map((a) => a.title).join(' | '));
    const errors: string[] = [];
    const prompts = api.testing.editorActions.prompts;
    const saved = prompts.error;
    prompts.error = (m: string) => void errors.push(m);
    try {
      const result = await vscode.commands.executeCommand('credentialHygiene.checkKeyIsLive', { uri: uri.toString(), ruleId: 'aws-access-key-id', fingerprint: 'x', startOffset: 0 });
      assert.equal(result, 'refused');
      assert.match(errors[0], /untrusted/);
    } finally {
      prompts.error = saved;
    }
  });
});
