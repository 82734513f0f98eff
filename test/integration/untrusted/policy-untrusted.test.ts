/**
 * Restricted Mode: the repository's `.credential-hygiene.json` (custom rules) and inline ignores are not applied,
 * suppression actions are not offered, and creating a secret is refused; once trusted, all of them apply.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fakeKeyId, getApi, ours, prng, ruleOf, sleep, waitFor, waitForDiagnostics } from '../helpers';

describe('Restricted Mode: project policy and editor actions', () => {
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
  const cfg = () => path.join(root(), '.credential-hygiene.json');
  const file = () => path.join(root(), 'policy-check.txt');

  after(async () => {
    const api = await getApi();
    api.testing.trust.setOverride(undefined);
    fs.rmSync(cfg(), { force: true });
    fs.rmSync(file(), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('custom rules and inline ignores from the repository are ignored until the workspace is trusted', async () => {
    const api = await getApi();
    assert.equal(api.testing.trust.isTrusted, false);
    const rule = { id: 'acme-api-token', title: 'Acme API token', severity: 'error', keywords: ['acme_'], pattern: '\\b(?P<secret>acme_[A-Za-z0-9]{32})\\b' };
    fs.writeFileSync(cfg(), JSON.stringify({ customRules: [rule] }));
    const r = prng(77);
    const acme = 'acme_' + Array.from({ length: 32 }, () => 'abcdefghijkmnpqrstuvwxyzABCDEFGH23456789'[Math.floor(r() * 40)]).join('');
    fs.writeFileSync(file(), `x: ${acme}\ny: ${fakeKeyId(r)}  # gitleaks:allow\n`);
    const uri = vscode.Uri.file(file());
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [d] = await waitForDiagnostics(uri, 1, 'built-in finding only');
    await sleep(500);
    assert.deepEqual(ours(uri).map(ruleOf), ['aws-access-key-id'], 'no custom rule, and the gitleaks:allow is not honoured');

    const list = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range)) ?? [];
    assert.equal(list.some((a) => /^Ignore |Add to baseline|Create secret/.test(a.title)), false, list.map((a) => a.title).join(' | '));

    const errors: string[] = [];
    const prompts = api.testing.editorActions.prompts;
    const saved = { ...prompts };
    Object.assign(prompts, { error: (m: string) => errors.push(m), inputBox: async () => assert.fail('no prompt in Restricted Mode') });
    try {
      const ref = { uri: uri.toString(), ruleId: 'aws-access-key-id', fingerprint: 'x', startOffset: 0 };
      assert.equal(await vscode.commands.executeCommand('credentialHygiene.createSecretAndRewrite', ref), false);
      assert.match(errors[0] ?? '', /Restricted Mode/);
    } finally {
      Object.assign(prompts, saved);
    }

    // Trusted: the same files now add the custom finding and honour the inline ignore.
    api.testing.trust.setOverride(true);
    await waitFor(() => ours(uri).map((x) => String(ruleOf(x))).join(','), (v) => v === 'acme-api-token', 'custom rule on, inline ignore honoured', 10000);
    api.testing.trust.setOverride(undefined);
    await waitFor(() => ours(uri).map((x) => String(ruleOf(x))).join(','), (v) => v === 'aws-access-key-id', 'back to Restricted Mode', 10000);
  });
});
