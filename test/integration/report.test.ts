import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HygieneReport } from '../../src/report';
import { getApi, waitFor } from './helpers';

describe('hygiene report webview', () => {
  before(async () => {
    await getApi();
  });

  it('builds the report over every workspace folder (on workers) and shows it in a webview tab', async function () {
    this.timeout(60_000);
    const report = (await vscode.commands.executeCommand('credentialHygiene.showReport')) as HygieneReport | undefined;
    assert.ok(report, 'the command returns the report it shows');
    assert.equal(report.schema, 'credential-hygiene/hygiene-report');
    assert.ok(report.totals.files > 0, 'files were scanned');
    assert.ok(report.totals.findings > 0, 'the fixture workspace has findings');
    const folders = new Set(report.findings.items.map((f) => f.path.split('/')[0]));
    assert.ok(folders.has('folder-a') && folders.has('folder-b'), `both roots reported: ${[...folders]}`);
    for (const f of report.findings.items) assert.ok(f.secretMasked.endsWith('…'), `masked value in the report: ${f.secretMasked}`);
    const tab = await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview),
      (t) => !!t && t.label === 'Credential Hygiene Report',
      'report webview tab',
    );
    assert.ok(tab);
    await vscode.window.tabGroups.close(tab!);
  });
});
