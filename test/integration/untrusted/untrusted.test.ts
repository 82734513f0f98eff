import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RuleSpec } from '../../../src/engine';
import * as os from 'node:os';
import { readSettings, revealOnHoverSetting, threadsSetting } from '../../../src/extension/settings';
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

  it('issue 9: the workspace cannot raise worker threads, shrink the size limit or switch hover reveal on', async () => {
    const api = await getApi();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const raw = fs.readFileSync(path.join(folder.fsPath, '.vscode', 'settings.json'), 'utf8');
    assert.match(raw, /"credentialHygiene\.workspaceScan\.threads": 64/, 'the fixture does try');
    const pkg = vscode.extensions.getExtension('credential-hygiene.credential-hygiene')!.packageJSON;
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const k of ['workspaceScan.threads', 'skipFileSizeKB', 'maskSecretsRevealOnHover']) assert.ok(restricted.includes(`credentialHygiene.${k}`), k);
    assert.equal(readSettings(folder, false).skipFileSizeKB, 10240);
    assert.equal(revealOnHoverSetting(false), false);
    const cores = os.availableParallelism?.() ?? os.cpus().length;
    assert.ok(threadsSetting(false) <= Math.max(1, cores - 1), `threads ${threadsSetting(false)}`);
    await api.scanWorkspace();
    assert.ok((api.testing.pool.threads ?? 0) <= Math.max(1, cores - 1), `pool threads ${api.testing.pool.threads}`);
  });
});
