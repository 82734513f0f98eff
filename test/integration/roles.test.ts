/**
 * "Show the role this code needs" in the real host: the code action on an SDK client line, and the command
 * opening the role webview for a small SAM project outside the workspace (so other suites' counts stay as they are).
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RolesAnalysis } from '../../src/roles/types';
import { getApi, waitFor } from './helpers';

describe('roles: show the role this code needs', () => {
  let dir: string;
  before(async () => {
    await getApi();
    dir = mkdtempSync(path.join(os.tmpdir(), 'ch-roles-host-'));
    mkdirSync(path.join(dir, 'orders'));
    writeFileSync(path.join(dir, 'template.yaml'), 'Transform: AWS::Serverless-2016-10-31\nResources:\n  OrdersFunction:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: orders/\n      Handler: app.handler\n      Role: !GetAtt R.Arn\n');
    writeFileSync(path.join(dir, 'orders', 'app.py'), 'import boto3\n\ntable = boto3.resource("dynamodb").Table("orders")\n\n\ndef handler(event, context):\n    table.put_item(Item=event)\n    return table.get_item(Key={"pk": event["pk"]})\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('offers the action on the client line and shows workload, runtime and policy in a webview', async function () {
    this.timeout(60_000);
    const uri = vscode.Uri.file(path.join(dir, 'orders', 'app.py'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(2, 10, 2, 10));
    const action = actions.find((a) => a.title === 'Show the role this code needs');
    assert.ok(action?.command, `actions: ${actions.map((a) => a.title).join(', ')}`);
    const none = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(5, 0, 5, 0));
    assert.ok(!none.some((a) => a.title === 'Show the role this code needs'), 'not offered on a line without a client');

    const analysis = (await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []))) as RolesAnalysis | undefined;
    assert.ok(analysis);
    const w = analysis.report.workloads;
    assert.deepEqual(w.map((x) => [x.name, x.runtime, x.actions]), [['OrdersFunction', 'lambda', ['dynamodb:GetItem', 'dynamodb:PutItem']]]);
    // The .vsix does not ship the action catalogue (15 MB): resources then stay `*` (never narrower than known),
    // and the view says action names are unverified; the CLI and a development install narrow them.
    const packaged = process.env.CH_EXTENSION_MODE === 'vsix';
    assert.deepEqual(w[0].policy.Statement[0].Resource, packaged ? ['*'] : ['arn:aws:dynamodb:*:*:table/orders']);
    const tab = await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Role:')),
      (t) => !!t,
      'role webview tab',
    );
    assert.equal(tab!.label, 'Role: app.py');
    await vscode.window.tabGroups.close(tab!);
  });
});
