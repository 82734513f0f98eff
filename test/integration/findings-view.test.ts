import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FindingsNode } from '../../src/extension/findings-view';
import { fileIn, getApi, ours, waitFor, waitForDiagnostics } from './helpers';

describe('findings view and status bar', () => {
  before(async () => {
    await getApi();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileIn('folder-a', 'app/opened.env')));
    await waitForDiagnostics(fileIn('folder-a', 'app/opened.env'), 1);
  });

  it('lists findings grouped by file with masked values only; a click reveals the exact range', async () => {
    const { testing } = await getApi();
    const view = testing.view;
    const settingsPy = fileIn('folder-a', 'app/settings.py');
    const roots = await waitFor(() => view.getChildren(), (r) => r.some((n) => n.type === 'file' && n.uri.toString() === settingsPy.toString()), 'settings.py in view');
    const names = roots.map((n) => (n.type === 'file' ? vscode.workspace.asRelativePath(n.uri) : n.type));
    for (const expected of ['folder-a/app/opened.env', 'folder-a/app/settings.py', 'folder-b/deploy/values.yaml']) {
      assert.ok(names.includes(expected), `${expected} missing from ${names}`);
    }
    const fileNode = roots.find((n) => n.type === 'file' && n.uri.toString() === settingsPy.toString())!;
    const items = view.getChildren(fileNode);
    assert.equal(items.length, 2);
    const diskText = Buffer.from(await vscode.workspace.fs.readFile(settingsPy)).toString('utf8');
    for (const node of items) {
      assert.equal(node.type, 'finding');
      const ti = view.getTreeItem(node);
      const f = (node as Extract<FindingsNode, { type: 'finding' }>).finding;
      const secret = diskText.slice(f.startOffset, f.endOffset);
      const shown = `${ti.label} ${ti.description} ${(ti.tooltip as vscode.MarkdownString).value}`;
      assert.ok(!shown.includes(secret.slice(4)), `tree item leaks a secret: ${ti.label}`);
      assert.ok(String(ti.description).includes(f.secretMasked) && f.secretMasked.endsWith('…'), String(ti.description));
      assert.equal(ti.command?.command, 'credentialHygiene.revealFinding');
    }
    const target = view.getTreeItem(items[1]);
    await vscode.commands.executeCommand(target.command!.command, ...target.command!.arguments!);
    const editor = await waitFor(() => vscode.window.activeTextEditor, (e) => e?.document.uri.toString() === settingsPy.toString(), 'revealed editor');
    const range = target.command!.arguments![1] as vscode.Range;
    assert.ok(editor!.selection.isEqual(new vscode.Selection(range.start, range.end)), 'selection is the finding range');
    assert.match(editor!.document.getText(range), /^[A-Za-z0-9+/]{40}$/);
  });

  it('switches to grouping by kind and back', async () => {
    const { testing } = await getApi();
    await vscode.commands.executeCommand('credentialHygiene.groupByKind');
    const kinds = testing.view.getChildren();
    assert.ok(kinds.length > 0 && kinds.every((n) => n.type === 'kind'));
    const keyIds = kinds.find((n) => n.type === 'kind' && n.kind === 'aws-access-key-id')!;
    assert.ok(testing.view.getChildren(keyIds).length >= 3, 'key ids from both folders');
    assert.equal(vscode.workspace.getConfiguration('credentialHygiene').get('findingsView.groupBy'), 'kind');
    await vscode.commands.executeCommand('credentialHygiene.groupByFile');
    assert.ok(testing.view.getChildren().every((n) => n.type === 'file'));
  });

  it('status bar shows counts for the active file and the workspace', async () => {
    const { testing, findings, visibleFindings } = await getApi();
    const uri = fileIn('folder-a', 'app/opened.env');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const total = findings.all().reduce((n, e) => n + visibleFindings(e.uri).length, 0);
    const text = await waitFor(() => (testing.status.update(), testing.status.item.text), (t) => t.startsWith('$(key) 1 in file'), 'status text');
    assert.match(text, new RegExp(`^\\$\\(key\\) 1 in file · ${total} in (workspace|open files)$`));
  });

  it('clear removes the workspace scan; open documents keep their squiggles (issue 16 point 10)', async () => {
    const { testing } = await getApi();
    const settingsPy = fileIn('folder-a', 'app/settings.py');
    // values.yaml was never opened: its findings come from the workspace scan only.
    const closed = fileIn('folder-b', 'deploy/values.yaml');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'values.yaml is closed');
    await waitFor(() => ours(closed).length, (n) => n > 0, 'values.yaml scanned');
    await vscode.commands.executeCommand('credentialHygiene.clearFindings');
    await waitForDiagnostics(closed, 0, 'cleared closed file');
    await waitForDiagnostics(fileIn('folder-a', 'app/opened.env'), 1, 'open file keeps its finding');
    assert.ok(testing.view.getChildren().every((n) => n.type !== 'file' || vscode.workspace.textDocuments.some((d) => d.uri.toString() === n.uri.toString())));
    await vscode.commands.executeCommand('credentialHygiene.rescanOpenFiles');
    await waitForDiagnostics(fileIn('folder-a', 'app/opened.env'), 1, 'rescanned');
    await vscode.commands.executeCommand('credentialHygiene.scanWorkspace');
    await waitForDiagnostics(settingsPy, 2, 'workspace rescanned');
  });
});
