import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AWS_KEY_ID, fakeKeyId, fileIn, folder, getApi, ours, prng, rangeOf, restoreSettings, ruleOf, setSetting, sleep, waitFor, waitForDiagnostics } from './helpers';

const T = vscode.ConfigurationTarget;

describe('settings (read per resource, applied without reload)', () => {
  const opened = () => fileIn('folder-a', 'app/opened.env');
  const values = () => fileIn('folder-b', 'deploy/values.yaml');

  before(async () => {
    await getApi();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(opened()));
    await waitForDiagnostics(opened(), 1);
    if (ours(values()).length === 0) await (await getApi()).scanWorkspace(); // normally done by the workspace scan suite
    await waitForDiagnostics(values(), 1);
  });
  afterEach(() => restoreSettings());

  it('per-rule severity in one folder changes only that folder (multi-root)', async () => {
    await setSetting('severity', { 'aws-access-key-id': 'warning' }, T.WorkspaceFolder, folder('folder-a').uri);
    await waitFor(() => ours(opened())[0]?.severity, (s) => s === vscode.DiagnosticSeverity.Warning, 'warning in folder-a');
    assert.equal(ours(values())[0].severity, vscode.DiagnosticSeverity.Error, 'folder-b keeps the default');
    await setSetting('severity', { 'aws-access-key-id': 'off' }, T.WorkspaceFolder, folder('folder-a').uri);
    await waitForDiagnostics(opened(), 0, 'rule off in folder-a');
    assert.equal(ours(values()).length, 1);
    await restoreSettings();
    await waitFor(() => ours(opened())[0]?.severity, (s) => s === vscode.DiagnosticSeverity.Error, 'back to error');
  });

  it('per-kind severity and the kinds filter apply to closed files without a rescan', async () => {
    const settingsPy = fileIn('folder-a', 'app/settings.py');
    await waitForDiagnostics(settingsPy, 2);
    await setSetting('severity', { 'aws-secret-access-key': 'information' }, T.Workspace);
    await waitFor(
      () => ours(settingsPy).find((d) => ruleOf(d) === 'aws-secret-access-key')?.severity,
      (s) => s === vscode.DiagnosticSeverity.Information,
      'information severity',
    );
    await setSetting('kinds', ['aws-secret-access-key'], T.Workspace);
    const d = await waitForDiagnostics(settingsPy, 1, 'kinds filter');
    assert.equal(ruleOf(d[0]), 'aws-secret-access-key');
    await waitForDiagnostics(values(), 0, 'values.yaml filtered');
  });

  it('enable=false for one folder clears it; exclude globs apply to open documents', async () => {
    await setSetting('enable', false, T.WorkspaceFolder, folder('folder-b').uri);
    await waitForDiagnostics(values(), 0, 'folder-b disabled');
    assert.equal(ours(opened()).length, 1);
    await restoreSettings();
    await waitForDiagnostics(values(), 1, 'folder-b enabled again');
    await setSetting('exclude', ['**/opened.env'], T.WorkspaceFolder, folder('folder-a').uri);
    await waitForDiagnostics(opened(), 0, 'excluded open file');
    await restoreSettings();
    await waitForDiagnostics(opened(), 1, 'included again');
  });

  it('scanOn=save defers file documents to save', async () => {
    await setSetting('scanOn', 'save', T.WorkspaceFolder, folder('folder-a').uri);
    const doc = await vscode.workspace.openTextDocument(opened());
    const editor = await vscode.window.showTextDocument(doc);
    const key = fakeKeyId(prng(11));
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), `\nSECOND_KEY=${key}\n`));
    await sleep(300);
    assert.equal(ours(opened()).length, 1, 'not rescanned on type');
    await doc.save();
    await waitForDiagnostics(opened(), 2, 'rescanned on save');
    await editor.edit((b) => b.delete(rangeOf(doc, new RegExp(`\\nSECOND_KEY=${key}\\n`))));
    await doc.save();
    await waitForDiagnostics(opened(), 1, 'removed on save');
    assert.ok(AWS_KEY_ID.test(doc.getText()));
  });

  it('documents above skipFileSizeKB are not scanned, with a visible notice', async () => {
    const api = await getApi();
    await setSetting('skipFileSizeKB', 100, T.Global);
    const filler = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'-'.repeat(40)}`).join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `key = ${fakeKeyId(prng(12))}\n${filler}\n` });
    await vscode.window.showTextDocument(doc);
    const entry = await waitFor(() => api.findings.get(doc.uri), (e) => !!e?.skipped, 'skipped entry');
    assert.match(entry!.skipped!, /not scanned: \d+ KB is above credentialHygiene.skipFileSizeKB \(100 KB\)/);
    assert.equal(ours(doc.uri).length, 0);
    api.testing.status.update();
    assert.equal(api.testing.status.item.text, '$(warning) Not scanned');
    const node = api.testing.view.getChildren().find((n) => n.type === 'file' && n.uri.toString() === doc.uri.toString());
    assert.ok(node, 'skipped document is listed in the findings view');
    assert.equal(api.testing.view.getTreeItem(node).description, 'not scanned');
    await restoreSettings();
    await waitForDiagnostics(doc.uri, 1, 'scanned once the limit is raised');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('closing a document clears its diagnostics', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `k = ${fakeKeyId(prng(13))}\n` });
    await vscode.window.showTextDocument(doc);
    await waitForDiagnostics(doc.uri, 1, 'open');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => doc.isClosed, (c) => c, 'document closed');
    await waitForDiagnostics(doc.uri, 0, 'closed');
  });
});
