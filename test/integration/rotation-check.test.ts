/**
 * "Check Secrets Manager Rotation" in the real host: the report's secret ids, a modal before any request, then
 * DescribeSecret against a local stand-in (never AWS); declining sends nothing. The assessment reaches the report.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HygieneReport } from '../../src/report';
import { SecretsManagerStandIn } from '../unit/node/sm-stand-in';
import { folder, getApi } from './helpers';

describe('Check Secrets Manager rotation', function () {
  this.timeout(60000);
  let sm: SecretsManagerStandIn;
  let file: string;
  const saved: Record<string, string | undefined> = {};
  const ENV = ['AWS_ENDPOINT_URL_SECRETS_MANAGER', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

  before(async () => {
    await getApi();
    sm = new SecretsManagerStandIn(new Map([['host/db', { RotationEnabled: true, LastRotatedDate: '2026-11-01T00:00:00Z' }]]));
    const url = await sm.start();
    for (const k of ENV) saved[k] = process.env[k];
    Object.assign(process.env, { AWS_ENDPOINT_URL_SECRETS_MANAGER: url, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAHOSTTESTENVONLY1', AWS_SECRET_ACCESS_KEY: 'host-test-env-only' });
    file = path.join(folder('folder-a').uri.fsPath, 'ch-rotation.py');
    fs.writeFileSync(file, 'import boto3\nsm = boto3.client("secretsmanager")\nvalue = sm.get_secret_value(SecretId="host/db")["SecretString"]\n');
  });

  after(async () => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await sm.stop();
    fs.rmSync(file, { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function runWith(confirm: boolean): Promise<{ report: HygieneReport | undefined; asked: string[] }> {
    const prompts = (await getApi()).testing.editorActions.prompts;
    const original = prompts.confirm;
    const asked: string[] = [];
    prompts.confirm = async (m: string, detail: string) => {
      asked.push(`${m}\n${detail}`);
      return confirm;
    };
    try {
      return { report: await vscode.commands.executeCommand<HygieneReport>('credentialHygiene.checkSecretsRotation'), asked };
    } finally {
      prompts.confirm = original;
    }
  }

  it('declining the modal sends nothing', async () => {
    const { report, asked } = await runWith(false);
    assert.ok(report?.assessment, 'the report carries the assessment');
    assert.equal(report!.assessment!.secretsManager.rotation, null);
    assert.equal(sm.requests.length, 0);
    assert.match(asked[0], /DescribeSecret/);
    assert.match(asked[0], /host\/db/);
  });

  it('after confirmation: one DescribeSecret per id, rotation flags in the report', async () => {
    const { report } = await runWith(true);
    const rotation = report!.assessment!.secretsManager.rotation!;
    const db = rotation.find((r) => r.secretId === 'host/db');
    assert.deepEqual(db && { on: db.rotationEnabled, last: db.lastRotated }, { on: true, last: '2026-11-01T00:00:00.000Z' });
    assert.ok(sm.requests.length >= 1 && sm.requests.every((q) => q.target === 'secretsmanager.DescribeSecret'));
    assert.ok(sm.requests.some((q) => q.body.SecretId === 'host/db'));
  });
});
