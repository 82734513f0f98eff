/**
 * Quick fixes in the real host (issue 4): default chain, Secrets Manager (proposed and chosen id), env var,
 * fix-all-in-file, undo in one step, and "Create secret in AWS Secrets Manager and rewrite" against a local HTTP
 * endpoint that checks the request the AWS SDK sends (never AWS itself).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EditorPrompts } from '../../src/extension/editor-context';
import { fakeKeyId, folder, getApi, ours, prng, restoreSettings, setSetting, sleep, waitFor, waitForDiagnostics } from './helpers';

const FIX_ALL = 'source.fixAll.credentialHygiene';
const rand = prng(4242);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const token = (n: number) => Array.from({ length: n }, () => ALNUM[Math.floor(rand() * ALNUM.length)]).join('');
const secretKey = () => Array.from({ length: 40 }, () => (ALNUM + '+/')[Math.floor(rand() * 64)]).join('');

let dir: string;

async function open(name: string, content: string, expected: number): Promise<vscode.TextDocument> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  await waitForDiagnostics(doc.uri, expected, name);
  return doc;
}

async function actions(doc: vscode.TextDocument, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, kind)) ?? [];
}

async function actionsOnFirstDiagnostic(doc: vscode.TextDocument): Promise<vscode.CodeAction[]> {
  const [d] = ours(doc.uri);
  assert.ok(d, 'a diagnostic to act on');
  return actions(doc, d.range);
}

function pick(list: vscode.CodeAction[], title: RegExp): vscode.CodeAction {
  const a = list.find((x) => title.test(x.title));
  assert.ok(a, `no action ${title}; got: ${list.map((x) => x.title).join(' | ')}`);
  return a;
}

async function apply(a: vscode.CodeAction): Promise<unknown> {
  if (a.edit) assert.equal(await vscode.workspace.applyEdit(a.edit), true, `edit of "${a.title}" applied`);
  if (a.command) return vscode.commands.executeCommand(a.command.command, ...(a.command.arguments ?? []));
  return undefined;
}

/** Replaces the extension's prompts for one test; records what was shown (notifications with buttons too). */
function stubPrompts(p: EditorPrompts, over: Partial<EditorPrompts>): { infos: string[]; errors: string[]; notices: { message: string; actions: string[] }[]; restore(): void } {
  const saved = { ...p };
  const rec = { infos: [] as string[], errors: [] as string[], notices: [] as { message: string; actions: string[] }[], restore: () => Object.assign(p, saved) };
  Object.assign(p, {
    info: (m: string) => rec.infos.push(m),
    error: (m: string) => rec.errors.push(m),
    notify: async (message: string, actions: string[]) => void rec.notices.push({ message, actions }),
    errorWithActions: async (m: string) => void rec.errors.push(m),
    inputBox: async () => assert.fail('unexpected input box'),
    confirm: async () => assert.fail('unexpected confirmation'),
    pick: async () => assert.fail('unexpected quick pick'),
    ...over,
  });
  return rec;
}

describe('Quick fixes (code actions)', function () {
  this.timeout(30000);

  before(async () => {
    await getApi();
    dir = path.join(folder('folder-a').uri.fsPath, 'ch-fixes');
    fs.mkdirSync(dir, { recursive: true });
  });

  afterEach(async () => {
    await restoreSettings();
    // The next test expects the plain proposal, not the prefix this one chose (remembered per folder).
    await (await getApi()).testing.editorActions.secretIds.forget();
    for (const e of vscode.window.visibleTextEditors) {
      await vscode.window.showTextDocument(e.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('default chain: the preferred quick fix, one undoable edit, rotate notice shown', async () => {
    const api = await getApi();
    const keyId = fakeKeyId(rand);
    const original = `import boto3\n\ns3 = boto3.client("s3", aws_access_key_id="${keyId}", aws_secret_access_key="${secretKey()}", region_name="us-east-1")\n`;
    const doc = await open('dc.py', original, 2);
    const list = await actionsOnFirstDiagnostic(doc);
    const a = pick(list, /^Use the AWS default credential chain$/);
    assert.equal(a.isPreferred, true);
    assert.equal(a.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(list.filter((x) => x.isPreferred).length === 1, 'exactly one preferred fix');
    const p = stubPrompts(api.testing.editorActions.prompts, {});
    try {
      await apply(a);
      assert.equal(doc.getText(), 'import boto3\n\ns3 = boto3.client("s3", region_name="us-east-1")\n');
      await waitForDiagnostics(doc.uri, 0, 'after default-chain fix');
      assert.equal(p.notices.length, 1, 'notice shown once');
      assert.match(p.notices[0].message, /rotate/i);
      assert.ok(!p.notices[0].message.includes(keyId), 'the notice never contains the key');
    } finally {
      p.restore();
    }
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText(), (t) => t === original, 'one undo restores the text');
    await waitForDiagnostics(doc.uri, 2, 'after undo');
  });

  it('Secrets Manager: proposed id, then "(choose secret id)" recomputes the fix with the chosen id', async () => {
    const api = await getApi();
    const value = token(24);
    const original = `API_TOKEN = "${value}"\n`;
    const doc = await open('sm.py', original, 1);
    const list = await actionsOnFirstDiagnostic(doc);
    // The proposed id is derived from the context: <project or folder>/prod/<name>.
    const sm = pick(list, /^Load from AWS Secrets Manager(?: \(.+\))?: [\w.-]+\/prod\/api-token$/);
    const proposedId = sm.title.slice(sm.title.indexOf(': ') + 2);
    assert.equal(sm.isPreferred, true);
    await apply(sm);
    const text = doc.getText();
    assert.ok(!text.includes(value), 'literal gone');
    assert.ok(text.includes(`get_secret("${proposedId}")`), 'lookup of the proposed id');
    await waitForDiagnostics(doc.uri, 0, 'after Secrets Manager fix');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText(), (t) => t === original, 'undo');
    await waitForDiagnostics(doc.uri, 1, 'after undo');
    const choose = pick(await actionsOnFirstDiagnostic(doc), /^Load from AWS Secrets Manager(?: \(.+\))? \(choose secret id\)…$/);
    let offered: string | undefined;
    const p = stubPrompts(api.testing.editorActions.prompts, {
      inputBox: async (o) => {
        offered = o.value;
        assert.equal(o.validateInput?.('bad id with spaces') !== undefined, true, 'ids are validated');
        return 'team/payments/api-token';
      },
    });
    try {
      assert.equal(await apply(choose), true);
    } finally {
      p.restore();
    }
    assert.equal(offered, proposedId, 'input box prefilled with the proposed id');
    assert.match(doc.getText(), /get_secret\("team\/payments\/api-token"\)/);
    assert.ok(!doc.getText().includes(value));
    await waitForDiagnostics(doc.uri, 0, 'after chosen-id fix');
  });

  it('environment variable fix (not preferred where Secrets Manager applies)', async () => {
    const value = token(18);
    const doc = await open('envvar.py', `import os\n\nDB_PASSWORD = "${value}"\n`, 1);
    const a = pick(await actionsOnFirstDiagnostic(doc), /^Read from environment variable DB_PASSWORD$/);
    assert.equal(a.isPreferred, false);
    await apply(a);
    assert.equal(doc.getText(), 'import os\n\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n');
    await waitForDiagnostics(doc.uri, 0, 'after env-var fix');
  });

  it('fix all in file: source.fixAll.credentialHygiene applies every preferred fix as one undoable edit', async () => {
    const values = [token(18), token(24), token(30)];
    const original = `import os\n\nDB_PASSWORD = "${values[0]}"\nAPI_TOKEN = "${values[1]}"\nSECRET_KEY = "${values[2]}"\nprint("unrelated")\n`;
    const doc = await open('all.py', original, 3);
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    assert.equal((await actions(doc, whole)).some((a) => a.kind?.value === FIX_ALL), false, 'not offered unless source actions are asked for');
    const list = await actions(doc, new vscode.Range(0, 0, 0, 0), FIX_ALL);
    assert.equal(list.length, 1, list.map((a) => a.title).join(' | '));
    assert.equal(list[0].kind?.value, FIX_ALL);
    assert.ok(vscode.CodeActionKind.SourceFixAll.contains(list[0].kind!));
    const p = stubPrompts((await getApi()).testing.editorActions.prompts, {});
    try {
      await apply(list[0]);
      assert.match(p.infos[0] ?? '', /^Fixed 3 of 3 hardcoded credentials in this file\./);
    } finally {
      p.restore();
    }
    const text = doc.getText();
    for (const v of values) assert.ok(!text.includes(v), 'every literal gone');
    assert.equal((text.match(/= get_secret\("/g) ?? []).length, 3, text.replace(/"[^"\n]{16,}"/g, '"…"'));
    assert.ok(text.endsWith('print("unrelated")\n'), 'unrelated code untouched');
    await waitForDiagnostics(doc.uri, 0, 'after fix all');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText(), (t) => t === original, 'one undo restores all three');
    await waitForDiagnostics(doc.uri, 3, 'after undo');
  });

  describe('Create secret in AWS Secrets Manager and rewrite', () => {
    let server: http.Server;
    let requests: { headers: http.IncomingHttpHeaders; body: string; url: string }[] = [];
    let respond: (res: http.ServerResponse, body: Record<string, unknown>) => void;
    const savedEnv: Record<string, string | undefined> = {};

    before(async () => {
      server = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          requests.push({ headers: req.headers, body, url: req.url ?? '' });
          let parsed: Record<string, unknown> = {};
          try {
            parsed = JSON.parse(body);
          } catch {
            /* checked by the test */
          }
          respond(res, parsed);
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      // Fake credentials for the SDK's default chain (environment provider), in this extension host only.
      for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION']) savedEnv[k] = process.env[k];
      process.env.AWS_ACCESS_KEY_ID = fakeKeyId(prng(99));
      process.env.AWS_SECRET_ACCESS_KEY = 'fakeFAKEfake0000000000000000000000000000';
      delete process.env.AWS_SESSION_TOKEN;
      delete process.env.AWS_PROFILE;
      delete process.env.AWS_REGION;
    });

    beforeEach(async () => {
      requests = [];
      await setSetting('aws.endpoint', `http://127.0.0.1:${(server.address() as AddressInfo).port}`, vscode.ConfigurationTarget.Global);
      await setSetting('aws.region', 'eu-west-3', vscode.ConfigurationTarget.Global);
    });

    after(() => {
      server.close();
      for (const [k, v] of Object.entries(savedEnv)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });

    it('confirms (id + region, never the value), sends CreateSecret with the value, then rewrites the document', async () => {
      const api = await getApi();
      const value = token(26);
      const doc = await open('create.py', `DB_PASSWORD = "${value}"\n`, 1);
      const a = pick(await actionsOnFirstDiagnostic(doc), /^Create secret in AWS Secrets Manager and rewrite…$/);
      assert.equal(a.edit, undefined, 'nothing changes before the confirmation');
      respond = (res, body) => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': '00000000-0000-0000-0000-000000000001' });
        res.end(JSON.stringify({ ARN: `arn:aws:secretsmanager:eu-west-3:123456789012:secret:${body.Name}-AbCdEf`, Name: body.Name, VersionId: body.ClientRequestToken }));
      };
      const confirmations: string[] = [];
      const p = stubPrompts(api.testing.editorActions.prompts, {
        inputBox: async (o) => {
          assert.match(o.value ?? '', /^[\w.-]+\/prod\/db-password$/, 'prefilled with the proposed id');
          return 'team/db-password';
        },
        confirm: async (message, detail, action) => {
          confirmations.push(message, detail);
          assert.equal(requests.length, 0, 'no request before the confirmation');
          return action === 'Create Secret';
        },
      });
      try {
        assert.equal(await apply(a), true);
      } finally {
        p.restore();
      }
      assert.equal(confirmations.length, 2);
      assert.match(confirmations[0], /"team\/db-password"/);
      assert.match(confirmations[0], /eu-west-3/);
      assert.ok(!confirmations.join(' ').includes(value), 'the confirmation never shows the value');
      assert.equal(requests.length, 1);
      const r = requests[0];
      assert.equal(r.headers['x-amz-target'], 'secretsmanager.CreateSecret');
      assert.match(String(r.headers['content-type']), /^application\/x-amz-json-1\.1/);
      assert.match(String(r.headers.authorization), /^AWS4-HMAC-SHA256 Credential=AKIA[A-Z2-7]{16}\/\d{8}\/eu-west-3\/secretsmanager\/aws4_request/);
      const body = JSON.parse(r.body);
      assert.equal(body.Name, 'team/db-password');
      assert.equal(body.SecretString, value, 'the value from the document is what is stored');
      const text = doc.getText();
      assert.ok(!text.includes(value), 'no literal left');
      assert.match(text, /get_secret\("team\/db-password"\)/);
      assert.equal(p.errors.length, 0, p.errors.join('\n'));
      assert.match(p.infos.join('\n'), /Created secret "team\/db-password" in eu-west-3/);
      assert.ok(!p.infos.join('\n').includes(value));
      await waitForDiagnostics(doc.uri, 0, 'after create + rewrite');
      // The value is in no log file of the extension.
      await sleep(200);
      const logs = fs.existsSync(api.testing.logUri.fsPath) ? fs.readdirSync(api.testing.logUri.fsPath, { recursive: true }).map(String) : [];
      for (const f of logs) {
        const full = path.join(api.testing.logUri.fsPath, f);
        if (fs.statSync(full).isFile()) assert.ok(!fs.readFileSync(full, 'utf8').includes(value), `value in log ${f}`);
      }
    });

    it('an AWS error is reported by kind (no value, no body) and the document is left alone', async () => {
      const api = await getApi();
      const value = token(26);
      const original = `API_TOKEN = "${value}"\n`;
      const doc = await open('exists.py', original, 1);
      const a = pick(await actionsOnFirstDiagnostic(doc), /^Create secret in AWS Secrets Manager and rewrite…$/);
      respond = (res) => {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ __type: 'ResourceExistsException', message: `echo ${value}` }));
      };
      const p = stubPrompts(api.testing.editorActions.prompts, { inputBox: async (o) => o.value, confirm: async () => true });
      try {
        assert.equal(await apply(a), false);
      } finally {
        p.restore();
      }
      assert.equal(requests.length, 1);
      assert.equal(p.errors.length, 1);
      assert.match(p.errors[0], /already exists in eu-west-3/);
      assert.ok(!p.errors[0].includes(value), 'server text is never echoed');
      assert.equal(doc.getText(), original);
      assert.equal(ours(doc.uri).length, 1);
    });

    describe('Rotation offer after creating a database password secret', () => {
      const LAMBDA = 'arn:aws:lambda:eu-west-3:123456789012:function:SecretsManagerRDSPostgreSQLRotationSingleUser';
      const RDS_SECRET = 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:rds!db-0f1e2d3c-AbCdEf';
      const target = (r: { headers: http.IncomingHttpHeaders }) => String(r.headers['x-amz-target'] ?? '');
      let rdsError: string | undefined;

      beforeEach(() => {
        rdsError = undefined;
        // One stand-in for both services: Secrets Manager (JSON protocol) and RDS (query protocol, XML answers).
        respond = (res, body) => {
          const last = requests[requests.length - 1];
          if (/Action=ModifyDBInstance/.test(last.body)) {
            res.writeHead(rdsError ? 404 : 200, { 'content-type': 'text/xml' });
            res.end(rdsError
              ? `<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type><Code>${rdsError}</Code><Message>stand-in text</Message></Error><RequestId>r1</RequestId></ErrorResponse>`
              : '<ModifyDBInstanceResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><ModifyDBInstanceResult><DBInstance>' +
                `<DBInstanceIdentifier>orders-db</DBInstanceIdentifier><MasterUserSecret><SecretArn>${RDS_SECRET}</SecretArn><SecretStatus>creating</SecretStatus></MasterUserSecret>` +
                '</DBInstance></ModifyDBInstanceResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></ModifyDBInstanceResponse>');
            return;
          }
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          if (target(last) === 'secretsmanager.RotateSecret') res.end(JSON.stringify({ ARN: `arn:aws:secretsmanager:eu-west-3:123456789012:secret:${body.SecretId}-AbCdEf`, Name: body.SecretId, VersionId: 'v2' }));
          else res.end(JSON.stringify({ ARN: `arn:aws:secretsmanager:eu-west-3:123456789012:secret:${body.Name}-AbCdEf`, Name: body.Name }));
        };
      });

      /** Creates a secret for `line` (named `id`), then drives the offer with the given answers. */
      async function createThen(file: string, line: string, id: string, over: Partial<EditorPrompts> & { rotationInputs?: (o: vscode.InputBoxOptions) => string | undefined; rotationConfirm?: (m: string, d: string, a: string) => boolean }) {
        const api = await getApi();
        const doc = await open(file, line, 1);
        const a = pick(await actionsOnFirstDiagnostic(doc), /^Create secret in AWS Secrets Manager and rewrite…$/);
        const { rotationInputs, rotationConfirm, ...rest } = over;
        let inputs = 0;
        let confirms = 0;
        const modals: { message: string; detail: string; action: string }[] = [];
        const p = stubPrompts(api.testing.editorActions.prompts, {
          inputBox: async (o) => (inputs++ === 0 ? id : rotationInputs ? rotationInputs(o) : assert.fail('unexpected input box')),
          confirm: async (message, detail, action) => {
            if (confirms++ === 0) return true; // the CreateSecret confirmation
            modals.push({ message, detail, action });
            return rotationConfirm ? rotationConfirm(message, detail, action) : assert.fail('unexpected confirmation');
          },
          ...rest,
        });
        try {
          assert.equal(await apply(a), true, 'secret created and rewritten');
        } catch (e) {
          p.restore();
          throw e;
        }
        return { p, modals, doc };
      }

      it('offered (non-modal) after a database password, not after a plain API token; declining sends nothing', async () => {
        const { p } = await createThen('rot-db.py', `DB_PASSWORD = "${token(26)}"\n`, 'team/db-password', {});
        try {
          await sleep(300);
          const offers = p.notices.filter((n) => n.actions.includes('Turn on rotation for team/db-password…'));
          assert.equal(offers.length, 1, JSON.stringify(p.notices));
          assert.match(offers[0].message, /database password/);
          assert.equal(requests.length, 1, 'only CreateSecret: the offer was declined (closed)');
          assert.equal(target(requests[0]), 'secretsmanager.CreateSecret');
        } finally {
          p.restore();
        }
        requests = [];
        const other = await createThen('rot-api.py', `API_TOKEN = "${token(26)}"\n`, 'team/api-token', {});
        try {
          await sleep(300);
          assert.equal(other.p.notices.filter((n) => n.actions.some((x) => /^Turn on rotation/.test(x))).length, 0, 'no offer for a non-database secret');
          assert.equal(requests.length, 1);
        } finally {
          other.p.restore();
        }
      });

      it('Lambda: ARN and schedule asked, the modal states consequence and cost, declining it sends nothing', async () => {
        const { p, modals } = await createThen('rot-decline.py', `DB_PASSWORD = "${token(26)}"\n`, 'team/db-declined', {
          notify: async (_m, actions) => actions.find((x) => x.startsWith('Turn on rotation for ')),
          pick: async (items) => items.find((x) => /Lambda/.test(x)),
          rotationInputs: (o) => (o.title === 'Rotation schedule' ? o.value : LAMBDA),
          rotationConfirm: () => false,
        });
        try {
          await waitFor(() => modals.length, (n) => n === 1, 'the rotation modal');
          await sleep(300);
        } finally {
          p.restore();
        }
        assert.match(modals[0].message, /"team\/db-declined" \(eu-west-3\) every 30 days/, 'default schedule 30 days');
        assert.match(modals[0].detail, /RotateSecret goes to Secrets Manager at http:\/\/127\.0\.0\.1:\d+ in eu-west-3/);
        assert.match(modals[0].detail, /starts immediately/);
        assert.match(modals[0].detail, /Cost: Lambda invocations/);
        assert.equal(requests.length, 1, 'declined: only the CreateSecret request');
      });

      it('Lambda: exactly one RotateSecret with the function ARN and schedule, to the configured endpoint and region', async () => {
        const asked: vscode.InputBoxOptions[] = [];
        const { p, modals } = await createThen('rot-lambda.py', `DB_PASSWORD = "${token(26)}"\n`, 'team/db-rotating', {
          notify: async (_m, actions) => actions.find((x) => x.startsWith('Turn on rotation for ')),
          pick: async (items) => {
            assert.deepEqual(items, ['RDS-managed master password', 'Rotation function (Lambda)']);
            return items[1];
          },
          rotationInputs: (o) => {
            asked.push(o);
            if (o.title === 'Rotation schedule') {
              assert.equal(o.value, '30');
              assert.equal(typeof o.validateInput?.('0'), 'string');
              return '14';
            }
            assert.equal(typeof o.validateInput?.('arn:aws:lambda:us-east-1:123456789012:function:rot'), 'string', 'another region is refused');
            assert.equal(typeof o.validateInput?.('my-function'), 'string');
            assert.equal(o.validateInput?.(LAMBDA), undefined);
            return LAMBDA;
          },
          rotationConfirm: (_m, _d, action) => {
            assert.equal(requests.length, 1, 'nothing sent before the modal');
            return action === 'Turn On Rotation';
          },
        });
        try {
          await waitFor(() => p.infos.join('\n'), (t) => /Rotation is on/.test(t), 'the rotation result');
        } finally {
          p.restore();
        }
        assert.equal(asked.length, 2);
        assert.equal(modals.length, 1);
        assert.equal(requests.length, 2);
        const r = requests[1];
        assert.equal(target(r), 'secretsmanager.RotateSecret');
        assert.match(String(r.headers.authorization), /\/eu-west-3\/secretsmanager\/aws4_request/);
        const body = JSON.parse(r.body);
        assert.equal(body.SecretId, 'team/db-rotating');
        assert.equal(body.RotationLambdaARN, LAMBDA);
        assert.deepEqual(body.RotationRules, { AutomaticallyAfterDays: 14 });
        assert.equal(p.errors.length, 0, p.errors.join('\n'));
        assert.match(p.infos.join('\n'), /every 14 days/);
      });

      it('RDS: instance id validated, modal, one ModifyDBInstance with ManageMasterUserPassword; the RDS secret ARN can be copied', async () => {
        let copied = false;
        const { p, modals } = await createThen('rot-rds.py', `DB_PASSWORD = "${token(26)}"\n`, 'team/db-rds', {
          notify: async (_m, actions) => {
            if (actions.includes('Copy RDS secret ARN')) {
              copied = true;
              return 'Copy RDS secret ARN';
            }
            return actions.find((x) => x.startsWith('Turn on rotation for '));
          },
          pick: async (items) => items.find((x) => /^RDS-managed/.test(x)),
          rotationInputs: (o) => {
            for (const bad of ['1db', 'orders_db', 'orders-', 'a--b']) assert.equal(typeof o.validateInput?.(bad), 'string', bad);
            return 'orders-db';
          },
          rotationConfirm: (_m, _d, action) => {
            assert.equal(requests.length, 1, 'nothing sent before the modal');
            return action === 'Let RDS Manage the Password';
          },
        });
        try {
          await waitFor(() => copied, (v) => v, 'the RDS result with the secret ARN');
        } finally {
          p.restore();
        }
        assert.equal(modals.length, 1);
        assert.match(modals[0].message, /DB instance "orders-db" \(eu-west-3\)/);
        assert.match(modals[0].detail, /ModifyDBInstance goes to RDS at http:\/\/127\.0\.0\.1:\d+ in eu-west-3/);
        assert.match(modals[0].detail, /every 7 days/);
        assert.match(modals[0].detail, /No Lambda/);
        assert.match(modals[0].detail, /instead of "team\/db-rds"/);
        assert.match(modals[0].detail, /Cost:/);
        assert.equal(requests.length, 2);
        const r = requests[1];
        const form = new URLSearchParams(r.body);
        assert.equal(form.get('Action'), 'ModifyDBInstance');
        assert.equal(form.get('DBInstanceIdentifier'), 'orders-db');
        assert.equal(form.get('ManageMasterUserPassword'), 'true');
        assert.equal(form.get('ApplyImmediately'), 'true');
        assert.equal(form.get('MasterUserPassword'), null, 'no password is sent');
        assert.match(String(r.headers.authorization), /\/eu-west-3\/rds\/aws4_request/);
        let clip = '';
        for (let i = 0; i < 100 && clip !== RDS_SECRET; i++) {
          clip = await vscode.env.clipboard.readText();
          if (clip !== RDS_SECRET) await sleep(50);
        }
        assert.equal(clip, RDS_SECRET, 'the RDS secret ARN is on the clipboard');
        assert.equal(p.errors.length, 0, p.errors.join('\n'));
      });

      it('RDS error: a fixed message with buttons; "Copy AWS CLI command" copies the exact command', async () => {
        rdsError = 'DBInstanceNotFound';
        let errorShown: { message: string; actions: string[] } | undefined;
        const { p } = await createThen('rot-rds-err.py', `DB_PASSWORD = "${token(26)}"\n`, 'team/db-missing', {
          notify: async (_m, actions) => actions.find((x) => x.startsWith('Turn on rotation for ')),
          pick: async (items) => items[0],
          errorWithActions: async (message, actions) => ((errorShown = { message, actions }), 'Copy AWS CLI command'),
          rotationInputs: () => 'missing-db',
          rotationConfirm: () => true,
        });
        try {
          await waitFor(() => p.infos.join('\n'), (t) => /Copied the AWS CLI command/.test(t), 'the copy confirmation');
        } finally {
          p.restore();
        }
        assert.ok(errorShown);
        assert.match(errorShown.message, /no RDS DB instance "missing-db" in eu-west-3/);
        assert.ok(!errorShown.message.includes('stand-in text'), 'the service text is not echoed');
        assert.deepEqual(errorShown.actions, ['Copy AWS CLI command', 'Open Settings']);
        assert.equal(requests.length, 2);
        const port = (server.address() as AddressInfo).port;
        assert.equal(
          await vscode.env.clipboard.readText(),
          `aws rds modify-db-instance --db-instance-identifier missing-db --manage-master-user-password --apply-immediately --region eu-west-3 --endpoint-url http://127.0.0.1:${port}`,
        );
      });
    });

    it('declining the confirmation sends nothing; region/endpoint settings cannot come from a workspace', async () => {
      const api = await getApi();
      const doc = await open('decline.py', `API_TOKEN = "${token(26)}"\n`, 1);
      const a = pick(await actionsOnFirstDiagnostic(doc), /^Create secret in AWS Secrets Manager and rewrite…$/);
      const p = stubPrompts(api.testing.editorActions.prompts, { inputBox: async (o) => o.value, confirm: async () => false });
      try {
        assert.equal(await apply(a), false);
      } finally {
        p.restore();
      }
      assert.equal(requests.length, 0);
      const i = vscode.workspace.getConfiguration('credentialHygiene').inspect('aws.endpoint');
      assert.ok(i?.globalValue, 'endpoint set in user settings');
      const pkg = vscode.extensions.getExtension('credential-hygiene.credential-hygiene')!.packageJSON;
      const props = pkg.contributes.configuration.properties;
      assert.equal(props['credentialHygiene.aws.endpoint'].scope, 'application');
      assert.equal(props['credentialHygiene.aws.region'].scope, 'machine');
    });
  });
});
