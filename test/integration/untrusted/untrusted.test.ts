import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RuleSpec } from '../../../src/engine';
import { fakeKeyId, getApi, prng, ruleOf, sleep, waitForDiagnostics } from '../helpers';

describe('Restricted Mode (untrusted workspace)', () => {
  it('the workspace is untrusted and the extension is active (untrustedWorkspaces: limited)', async () => {
    const api = await getApi();
    console.log(`    trusted=${vscode.workspace.isTrusted}; activation ${api.activationMs.toFixed(1)} ms`);
    assert.equal(vscode.workspace.isTrusted, false);
    assert.equal(api.testing.trust.isTrusted, false);
  });

  it('still reports secrets: workspace settings that would silence the scanner are ignored', async () => {
    await getApi();
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'keys.env');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [d] = await waitForDiagnostics(uri, 1, 'keys.env');
    assert.equal(ruleOf(d), 'aws-access-key-id');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, 'workspace severity "off" must not apply');
    const c = vscode.workspace.getConfiguration('credentialHygiene', uri);
    const raw = fs.readFileSync(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json'), 'utf8');
    assert.match(raw, /"credentialHygiene\.enable": false/, 'the fixture does try to disable the scanner');
    assert.equal(c.inspect('enable')?.workspaceValue, undefined, 'VS Code withholds restricted workspace values');
    assert.equal(c.get('enable'), true);
    assert.equal(c.get('scanOn'), 'save', 'unrestricted settings still apply');
  });

  it('repository-controlled custom rules do not run', async () => {
    const api = await getApi();
    const rule: RuleSpec = {
      id: 'repo-custom', kind: 'other-provider-token', severity: 'error', title: 'Repo custom', description: 'from repo config',
      keywords: ['repotok_'], pattern: /(?<secret>repotok_[a-z]{12})/, examples: { positive: [], negative: [] },
    };
    const sub = api.registerScanContributor({ id: 'repo-config', requiresTrust: true, scanOptions: () => ({ extraRules: [rule] }) });
    try {
      const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `x = repotok_abcdefghijkl\ny = ${fakeKeyId(prng(51))}\n` });
      const [d] = await waitForDiagnostics(doc.uri, 1, 'built-in finding only');
      await sleep(300);
      assert.equal(ruleOf(d), 'aws-access-key-id');
      assert.equal(vscode.languages.getDiagnostics(doc.uri).length, 1);
    } finally {
      sub.dispose();
    }
  });

  it('the workspace scan works in Restricted Mode', async () => {
    const api = await getApi();
    const s = await api.scanWorkspace();
    assert.equal(s.findings, 1, JSON.stringify(s));
  });
});
