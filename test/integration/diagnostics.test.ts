import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AWS_KEY_ID, fakeKeyId, fileIn, fmt, getApi, prng, rangeOf, ruleOf, SOURCE, waitFor, waitForDiagnostics } from './helpers';

describe('as-you-type diagnostics', () => {
  before(async () => {
    const api = await getApi();
    console.log(
      `    host: node ${process.versions.node}, VS Code ${vscode.version}, ${vscode.env.appHost}, trusted=${vscode.workspace.isTrusted}, ` +
        `folders=${vscode.workspace.workspaceFolders?.map((f) => f.name).join('+')}; activation ${api.activationMs.toFixed(1)} ms`,
    );
  });

  it('activates on startup finished (not "*") and runs in the Node extension host', async () => {
    const ext = vscode.extensions.getExtension('credential-hygiene.credential-hygiene')!;
    assert.deepEqual(ext.packageJSON.activationEvents, ['onStartupFinished']);
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
    assert.ok(ext.isActive);
    assert.ok(process.versions.node, 'not a Node host');
  });

  it('reports a closed-then-opened file with exact range, rule code + docs link, and no secret in the message', async () => {
    const uri = fileIn('folder-a', 'app/opened.env');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [d] = await waitForDiagnostics(uri, 1);
    const secret = doc.getText(rangeOf(doc, AWS_KEY_ID));
    assert.deepEqual(d.range, rangeOf(doc, AWS_KEY_ID), fmt(d));
    assert.equal(d.source, SOURCE);
    assert.equal(ruleOf(d), 'aws-access-key-id');
    const target = (d.code as { target: vscode.Uri }).target;
    // Opens the bundled rule docs offline (issue 16), not a web page.
    assert.equal(target.toString(true), 'command:credentialHygiene.openRuleDocs?["aws-access-key-id"]');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /AWS access key id/i);
    assert.ok(!d.message.includes(secret) && !d.message.includes(secret.slice(4, 12)), 'message leaks the secret');
  });

  it('reports an untitled buffer', async () => {
    const key = fakeKeyId(prng(1));
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `first line\naws key: ${key} # scratch\n` });
    const [d] = await waitForDiagnostics(doc.uri, 1, 'untitled');
    assert.equal(doc.uri.scheme, 'untitled');
    assert.deepEqual(d.range, new vscode.Range(1, 9, 1, 9 + key.length));
    assert.ok(!d.message.includes(key));
  });

  it('typing a key character by character produces a diagnostic; deleting it removes it', async () => {
    const key = fakeKeyId(prng(2));
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'const id = "";\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 12, 0, 12);
    for (const ch of key.slice(0, -1)) await vscode.commands.executeCommand('type', { text: ch });
    await waitFor(() => doc.getText(), (t) => t.includes(key.slice(0, -1)), 'typed text');
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(vscode.languages.getDiagnostics(doc.uri).length, 0, 'an incomplete key must not be reported');
    await vscode.commands.executeCommand('type', { text: key.slice(-1) });
    const [d] = await waitForDiagnostics(doc.uri, 1, 'typed key');
    assert.deepEqual(d.range, new vscode.Range(0, 12, 0, 12 + key.length));
    await vscode.commands.executeCommand('deleteLeft');
    await waitForDiagnostics(doc.uri, 0, 'after deleteLeft');
    await vscode.commands.executeCommand('undo');
    await waitForDiagnostics(doc.uri, 1, 'after undo');
    editor.selection = new vscode.Selection(0, 12, 0, 12 + key.length);
    await vscode.commands.executeCommand('deleteLeft');
    await waitForDiagnostics(doc.uri, 0, 'after deleting the key');
    assert.equal(doc.lineAt(0).text, 'const id = "";');
  });

  it('keeps ranges exact when lines are inserted and removed above a finding (incremental rescan)', async () => {
    const key = fakeKeyId(prng(3));
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    lines[30] = `token=${key}`;
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: lines.join('\n') });
    const editor = await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, 1, 'before edits');
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), 'a\nb\nc\n'));
    let [d] = await waitFor(() => vscode.languages.getDiagnostics(doc.uri), (ds) => ds.length === 1 && ds[0].range.start.line === 33, 'shift down');
    assert.deepEqual(d.range, new vscode.Range(33, 6, 33, 6 + key.length));
    await editor.edit((b) => b.delete(new vscode.Range(0, 0, 10, 0)));
    [d] = await waitFor(() => vscode.languages.getDiagnostics(doc.uri), (ds) => ds.length === 1 && ds[0].range.start.line === 23, 'shift up');
    assert.deepEqual(d.range, new vscode.Range(23, 6, 23, 6 + key.length));
    // multi-cursor edit: two changes in one event
    await editor.edit((b) => {
      b.insert(new vscode.Position(1, 0), 'x\n');
      b.insert(new vscode.Position(30, 0), 'y\n');
    });
    [d] = await waitFor(() => vscode.languages.getDiagnostics(doc.uri), (ds) => ds.length === 1 && ds[0].range.start.line === 24, 'multi-change');
    assert.deepEqual(d.range, new vscode.Range(24, 6, 24, 6 + key.length));
    assert.equal(doc.getText(d.range), key);
  });

  it('never puts a secret in hover text or diagnostics of any open document', async () => {
    for (const doc of vscode.workspace.textDocuments) {
      for (const d of vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === SOURCE)) {
        const secret = doc.getText(d.range);
        assert.ok(secret.length >= 16);
        assert.ok(!d.message.includes(secret.slice(4)), `${doc.uri.path}: ${d.message}`);
      }
    }
  });
});
