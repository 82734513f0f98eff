import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RuleSpec } from '../../src/engine';
import { fakeKeyId, getApi, prng, ruleOf, waitFor, waitForDiagnostics } from './helpers';

/** A custom rule as a repository config file would define it: must not run before the workspace is trusted. */
function customRule(): RuleSpec {
  return {
    id: 'test-custom-token',
    kind: 'other-provider-token',
    severity: 'warning',
    title: 'Test custom token',
    description: 'Custom rule from a (simulated) repository config.',
    keywords: ['acme_tok_'],
    pattern: /(?<secret>acme_tok_[0-9a-f]{24})/,
    examples: { positive: [], negative: [] },
  };
}

function hex(rand: () => number, n: number): string {
  let s = '';
  while (s.length < n) s += Math.floor(rand() * 16).toString(16);
  return s;
}

describe('extension points and workspace trust (injectable trust state)', () => {
  afterEach(async () => (await getApi()).testing.trust.setOverride(undefined));

  it('contributors that need trust stay off until the workspace is trusted', async () => {
    const api = await getApi();
    api.testing.trust.setOverride(false);
    const sub = api.registerScanContributor({ id: 'test-repo-config', requiresTrust: true, scanOptions: () => ({ extraRules: [customRule()] }) });
    try {
      const rand = prng(21);
      const doc = await vscode.workspace.openTextDocument({
        language: 'plaintext',
        content: `custom = acme_tok_${hex(rand, 24)}\naws = ${fakeKeyId(rand)}\n`,
      });
      const untrusted = await waitForDiagnostics(doc.uri, 1, 'untrusted');
      assert.equal(ruleOf(untrusted[0]), 'aws-access-key-id', 'built-in rules run in Restricted Mode');
      api.testing.trust.setOverride(true);
      const trusted = await waitForDiagnostics(doc.uri, 2, 'trusted');
      assert.deepEqual(trusted.map(ruleOf).sort(), ['aws-access-key-id', 'test-custom-token']);
      api.testing.trust.setOverride(false);
      await waitForDiagnostics(doc.uri, 1, 'untrusted again');
    } finally {
      sub.dispose();
    }
  });

  it('findings filters (suppressions) drop findings before they are stored', async () => {
    const api = await getApi();
    const key = fakeKeyId(prng(22));
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `a = ${key}\nb = ${fakeKeyId(prng(23))} # ignore-me\n` });
    await waitForDiagnostics(doc.uri, 2, 'both keys');
    const sub = api.registerScanContributor({
      id: 'test-suppress',
      requiresTrust: false,
      filterFindings: (_uri, findings, text) => findings.filter((f) => !text?.split('\n')[f.start.line - 1].includes('# ignore-me')),
    });
    try {
      const [d] = await waitForDiagnostics(doc.uri, 1, 'suppressed');
      assert.equal(d.range.start.line, 0);
    } finally {
      sub.dispose();
    }
    await waitForDiagnostics(doc.uri, 2, 'filter removed');
  });

  it('registered code-action providers receive the findings behind our diagnostics', async () => {
    const api = await getApi();
    const key = fakeKeyId(prng(24));
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `id = ${key}\n` });
    const [d] = await waitForDiagnostics(doc.uri, 1);
    const seen: string[] = [];
    const sub = api.registerFindingActions({
      provideFindingActions(_doc, items) {
        return items.map(({ finding, diagnostic }) => {
          seen.push(`${finding.ruleId}@${finding.start.line}:${finding.start.column}`);
          const a = new vscode.CodeAction('Replace with an environment variable', vscode.CodeActionKind.QuickFix);
          a.diagnostics = [diagnostic];
          a.edit = new vscode.WorkspaceEdit();
          a.edit.replace(doc.uri, diagnostic.range, '${AWS_ACCESS_KEY_ID}');
          return a;
        });
      },
    });
    try {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === 'Replace with an environment variable');
      assert.ok(fix, `actions: ${actions.map((a) => a.title)}`);
      assert.deepEqual(seen, ['aws-access-key-id@1:6']);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      await waitForDiagnostics(doc.uri, 0, 'fixed');
      assert.equal(doc.getText(), 'id = ${AWS_ACCESS_KEY_ID}\n');
    } finally {
      sub.dispose();
    }
  });

  it('the output channel never shows a secret (redaction of every line)', async () => {
    const api = await getApi();
    await waitFor(() => api.testing.stats().hostScans, (n) => n > 0, 'some scans');
    // The log API masks anything credential-shaped even if a caller passes it in.
    const { redact } = await import('../../src/extension/log');
    const key = fakeKeyId(prng(25));
    const line = redact(`oops ${key} leaked`);
    assert.ok(!line.includes(key) && line.includes(key.slice(0, 4) + '…'), line);
    // And the real log file of the channel holds no secret found in any open document.
    const logText = await waitFor(() => readLogs(api.testing.logUri), (t) => t.includes('activated in'), 'log file');
    console.log(`    log: ${/activated in [^;]*/.exec(logText)?.[0]}`);
    for (const doc of vscode.workspace.textDocuments) {
      for (const d of vscode.languages.getDiagnostics(doc.uri)) {
        const secret = doc.getText(d.range);
        assert.ok(!logText.includes(secret), `log leaks a secret of ${doc.uri.path}`);
      }
    }
  });
});

function readLogs(dir: vscode.Uri): string {
  const out: string[] = [];
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    for (const e of fs.readdirSync(p, { withFileTypes: true })) {
      const full = path.join(p, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir.fsPath);
  return out.join('\n');
}
