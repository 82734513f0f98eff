/**
 * "Check whether this key is live" in the real host: offered for an AWS key pair, behind a modal, one STS
 * GetCallerIdentity call to a local stand-in (never AWS), result shown with the account; declining sends nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EditorPrompts } from '../../src/extension/editor-context';
import { StsStandIn } from '../unit/node/sts-stand-in';
import { fakeKeyId, folder, getApi, prng, waitForDiagnostics } from './helpers';

const rand = prng(9090);
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const secretKey = () => Array.from({ length: 39 }, () => B64[Math.floor(rand() * 64)]).join('') + '7';

describe('Check whether an AWS key is live', function () {
  this.timeout(30000);
  const keyId = fakeKeyId(rand);
  const secret = secretKey();
  let sts: StsStandIn;
  let file: string;
  let savedEnv: string | undefined;

  before(async () => {
    await getApi();
    sts = new StsStandIn(new Map([[keyId, { account: '345678901234', arn: 'arn:aws:iam::345678901234:user/legacy' }]]));
    savedEnv = process.env.AWS_ENDPOINT_URL_STS;
    process.env.AWS_ENDPOINT_URL_STS = await sts.start();
    file = path.join(folder('folder-a').uri.fsPath, 'ch-verify-key.py');
    fs.writeFileSync(file, `import boto3\nclient = boto3.client(\n    "s3",\n    aws_access_key_id="${keyId}",\n    aws_secret_access_key="${secret}",\n)\n`);
  });

  after(async () => {
    if (savedEnv === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
    else process.env.AWS_ENDPOINT_URL_STS = savedEnv;
    await sts.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(file, { force: true });
  });

  async function action(): Promise<vscode.CodeAction> {
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diags = await waitForDiagnostics(uri, 2, 'key pair');
    const list = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diags[0].range)) ?? [];
    const a = list.find((x) => /^Check whether this key is live/.test(x.title));
    assert.ok(a?.command, `action offered; got: ${list.map((x) => x.title).join(' | ')}`);
    return a;
  }

  function stub(prompts: EditorPrompts, confirm: boolean) {
    const saved = { ...prompts };
    const rec = { confirms: [] as string[], errors: [] as string[], infos: [] as string[] };
    Object.assign(prompts, {
      confirm: async (m: string, detail: string) => {
        rec.confirms.push(`${m}\n${detail}`);
        return confirm;
      },
      error: (m: string) => rec.errors.push(m),
      info: (m: string) => rec.infos.push(m),
    });
    return { rec, restore: () => Object.assign(prompts, saved) };
  }

  it('declining the modal sends nothing', async () => {
    const api = await getApi();
    const a = await action();
    const s = stub(api.testing.editorActions.prompts, false);
    try {
      const r = await vscode.commands.executeCommand(a.command!.command, ...(a.command!.arguments ?? []));
      assert.equal(r, 'cancelled');
      assert.equal(sts.requests.length, 0);
      assert.match(s.rec.confirms[0], /GetCallerIdentity/);
      assert.match(s.rec.confirms[0], new RegExp(process.env.AWS_ENDPOINT_URL_STS!.replace(/[.:/]/g, '\\$&')), 'the modal names where it goes');
      assert.ok(!s.rec.confirms[0].includes(keyId) && !s.rec.confirms[0].includes(secret), 'the modal shows the key masked');
    } finally {
      s.restore();
    }
  });

  it('after confirmation: one signed GetCallerIdentity call, result with the account, no secret shown', async () => {
    const api = await getApi();
    const a = await action();
    const s = stub(api.testing.editorActions.prompts, true);
    try {
      const r = await vscode.commands.executeCommand(a.command!.command, ...(a.command!.arguments ?? []));
      assert.equal(r, 'active');
      assert.equal(sts.requests.length, 1);
      assert.equal(sts.requests[0].keyId, keyId);
      assert.match(sts.requests[0].body, /^Action=GetCallerIdentity&Version=2011-06-15$/);
      const shown = [...s.rec.errors, ...s.rec.infos].join('\n');
      assert.match(shown, /LIVE: AWS key AKIA… works \(account 345678901234/);
      assert.ok(!shown.includes(keyId) && !shown.includes(secret));
    } finally {
      s.restore();
    }
  });
});
