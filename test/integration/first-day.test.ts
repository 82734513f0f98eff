/**
 * Issue 16, "the editor's first day": one test (or more) per numbered point, in the real extension host.
 * Test names start with "16.N". Two points are implemented in the remediation module by other branches; their
 * tests are marked "[after merge: …]" and pass once those branches are merged.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CredentialHygieneApi } from '../../src/extension/extension';
import type { EditorPrompts } from '../../src/extension/editor-context';
import { KIND_TITLES, type FindingsNode } from '../../src/extension/findings-view';
import { settingsCommandFor } from '../../src/extension/create-secret';
import { readSettings, threadsSetting } from '../../src/extension/settings';
import { scanToast } from '../../src/extension/workspace-scan';
import { REPORT_WEBVIEW_OPTIONS, reportHtml } from '../../src/extension/report/report-panel';
import type { HygieneReport } from '../../src/report';
import { accountIdFromKeyId } from '../../src/engine/aws-account';
import { fakeKeyId, folder, getApi, ours, prng, restoreSettings, setSetting, sleep, waitFor, waitForDiagnostics } from './helpers';

const rand = prng(1616);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Fake random value with upper, lower and digit guaranteed (generic rules want a mixed value). */
const token = (n: number) => Array.from({ length: n - 3 }, () => ALNUM[Math.floor(rand() * ALNUM.length)]).join('') + 'Q7x';
const secretKey = () => Array.from({ length: 40 }, () => (ALNUM + '+/')[Math.floor(rand() * 64)]).join('');
const T = vscode.ConfigurationTarget;

let api: CredentialHygieneApi;
let dir: string;

async function open(name: string, content: string, expected: number): Promise<vscode.TextDocument> {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  await waitForDiagnostics(doc.uri, expected, name);
  return doc;
}

async function actionsAt(doc: vscode.TextDocument, range?: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const r = range ?? ours(doc.uri)[0]?.range;
  assert.ok(r, 'a diagnostic to act on');
  // A JS/TS document's first request can be cancelled while the built-in language server starts: ask again.
  for (let attempt = 0; ; attempt++) {
    try {
      return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, r, kind)) ?? [];
    } catch (e) {
      if (attempt >= 4 || !/Canceled/.test(String(e))) throw e;
      await sleep(500);
    }
  }
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

interface Rec {
  infos: string[];
  errors: { message: string; actions: string[] }[];
  notices: { message: string; actions: string[] }[];
  inputs: vscode.InputBoxOptions[];
  restore(): void;
}

/** Replaces the extension's prompts; records them. `answer` picks a button for notifications and errors. */
function stub(over: Partial<EditorPrompts> & { answer?: (message: string, actions: string[]) => string | undefined } = {}): Rec {
  const p = api.testing.editorActions.prompts;
  const saved = { ...p };
  const rec: Rec = { infos: [], errors: [], notices: [], inputs: [], restore: () => Object.assign(p, saved) };
  const { answer, ...rest } = over;
  Object.assign(p, {
    info: (m: string) => rec.infos.push(m),
    error: (m: string) => rec.errors.push({ message: m, actions: [] }),
    notify: async (message: string, actions: string[]) => (rec.notices.push({ message, actions }), answer?.(message, actions)),
    errorWithActions: async (message: string, actions: string[]) => (rec.errors.push({ message, actions }), answer?.(message, actions)),
    inputBox: async (o: vscode.InputBoxOptions) => (rec.inputs.push(o), assert.fail('unexpected input box')),
    confirm: async () => assert.fail('unexpected confirmation'),
    ...rest,
  });
  return rec;
}

const isSuppression = (t: string) => /^Ignore |^Add to baseline/.test(t);

describe('issue 16: the editor\'s first day', function () {
  this.timeout(40000);

  before(async () => {
    api = await getApi();
    dir = path.join(folder('folder-a').uri.fsPath, 'ch-first-day');
    fs.mkdirSync(dir, { recursive: true });
  });

  afterEach(async () => {
    await restoreSettings();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(folder('folder-a').uri.fsPath, '.credential-hygiene-baseline.json'), { force: true });
    await api.testing.editorActions.secretIds.forget();
    await api.testing.editorActions.policy.reload();
  });

  it('16.1 fixes are listed before suppressions (preferred fix on top)', async () => {
    const doc = await open('order.py', `DB_PASSWORD = "${token(20)}"\n`, 1);
    const titles = (await actionsAt(doc)).map((a) => a.title);
    const firstSuppression = titles.findIndex(isSuppression);
    const lastFix = titles.map((t, i) => (isSuppression(t) ? -1 : i)).reduce((a, b) => Math.max(a, b), -1);
    assert.ok(firstSuppression > 0, `suppressions offered: ${titles.join(' | ')}`);
    assert.ok(lastFix < firstSuppression, `a fix after a suppression: ${titles.join(' | ')}`);
    assert.match(titles[0], /^Load from AWS Secrets Manager(?: \(.+\))?: /, 'the preferred fix first');
    assert.ok(titles.some((t) => /^Create secret in AWS Secrets Manager/.test(t)) && titles.some((t) => /^Read from environment variable/.test(t)));
  });

  it('16.2 [after merge: h/fixcli lexer] a JS password with `$` in a plain string gets a Secrets Manager fix', async () => {
    // `$` followed by a letter inside single quotes is not interpolation in JS (only template literals interpolate).
    const value = `Wm8$k${token(6)}!Zr6${token(4)}`;
    const doc = await open('dollar.js', `async function connect(db) {\n  return db.connect({ user: 'app', password: '${value}' });\n}\nmodule.exports = { connect };\n`, 1);
    const titles = (await actionsAt(doc)).map((a) => a.title);
    assert.ok(titles.some((t) => /^Load from AWS Secrets Manager/.test(t)), `no Secrets Manager fix: ${titles.join(' | ')}`);
  });

  it('16.3 default-chain fix: actionable rotation notice (masked key + account), commands copied, withdrawn on undo', async () => {
    const keyId = fakeKeyId(rand);
    const account = accountIdFromKeyId(keyId)!;
    const original = `import boto3\n\ns3 = boto3.client("s3", aws_access_key_id="${keyId}", aws_secret_access_key="${secretKey()}", region_name="eu-west-1")\n`;
    const doc = await open('rotate.py', original, 2);
    const fix = pick(await actionsAt(doc), /^Use the AWS default credential chain$/);
    assert.ok(!JSON.stringify(fix.command?.arguments ?? []).includes(keyId), 'the key id is not in the command arguments');
    const rec = stub({ answer: (_m, actions) => actions.find((a) => a === 'Copy rotation commands') });
    try {
      await apply(fix);
    } finally {
      rec.restore();
    }
    assert.equal(rec.notices.length, 1);
    const n = rec.notices[0];
    assert.ok(n.message.includes(account), `names the account: ${n.message}`);
    assert.ok(n.message.includes(`${keyId.slice(0, 4)}…`), 'masked key id');
    assert.ok(!n.message.includes(keyId) && !n.message.includes(keyId.slice(4)), 'never the key id');
    assert.deepEqual(n.actions.slice(0, 2), ['Copy rotation commands', 'Open IAM console']);
    const clip = await vscode.env.clipboard.readText();
    const deactivate = clip.indexOf(`aws iam update-access-key --access-key-id ${keyId} --status Inactive`);
    assert.ok(deactivate >= 0, 'deactivate command with the real key id in the clipboard');
    assert.ok(clip.indexOf(`aws iam delete-access-key --access-key-id ${keyId}`) > deactivate, 'then delete');
    assert.ok(clip.includes(account));
    const last = api.testing.editorActions.rotation.last!;
    assert.equal(last.withdrawn, false);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText(), (t) => t === original, 'undo');
    await waitFor(() => last.withdrawn, (w) => w, 'notice withdrawn on undo');
    const again = stub();
    try {
      assert.equal(await api.testing.editorActions.rotation.copy(last), false, 'nothing to copy after undo');
    } finally {
      again.restore();
    }
  });

  it('16.3 the Secrets Manager notice names the id actually used', async () => {
    const doc = await open('chosen.py', `API_TOKEN = "${token(24)}"\n`, 1);
    const choose = pick(await actionsAt(doc), /\(choose secret id\)…$/);
    const rec = stub({ inputBox: async () => 'team/payments/api-token' });
    try {
      await apply(choose);
    } finally {
      rec.restore();
    }
    const said = [...rec.infos, ...rec.notices.map((n) => n.message)].join('\n');
    assert.match(said, /under "team\/payments\/api-token"/);
    assert.ok(!/proposed id/.test(said));
  });

  describe('16.4 create secret checks region and credentials before the first prompt', () => {
    const saved: Record<string, string | undefined> = {};
    const keys = ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI'];
    let empty: string;
    before(() => {
      for (const k of keys) saved[k] = process.env[k];
      for (const k of keys) delete process.env[k];
      empty = path.join(os.tmpdir(), `ch-empty-aws-${process.pid}`);
      fs.writeFileSync(empty, '');
      process.env.AWS_CONFIG_FILE = empty;
      process.env.AWS_SHARED_CREDENTIALS_FILE = empty;
    });
    after(() => {
      for (const k of keys) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      fs.rmSync(empty, { force: true });
    });

    it('no region: offers the region the .env names, with Open Settings; nothing asked before', async () => {
      await setSetting('aws.region', '', T.Global);
      const doc = await open('region/.env', `AWS_REGION=us-east-1\nDB_PASSWORD=${token(20)}\n`, 1);
      const create = pick(await actionsAt(doc), /^Create secret in AWS Secrets Manager and rewrite…$/);
      const rec = stub();
      try {
        assert.equal(await apply(create), false);
      } finally {
        rec.restore();
      }
      assert.equal(rec.inputs.length, 0, 'no prompt before the check');
      assert.equal(rec.errors.length, 1);
      assert.match(rec.errors[0].message, /No AWS region/);
      assert.match(rec.errors[0].message, /us-east-1/);
      assert.deepEqual(rec.errors[0].actions, ['Use us-east-1', 'Open Settings']);
    });

    it('region taken from the workspace, no credentials: stops with buttons before the first prompt', async () => {
      await setSetting('aws.region', '', T.Global);
      const doc = await open('creds/.env', `AWS_REGION=eu-west-2\nAPI_TOKEN=${token(24)}\n`, 1);
      const create = pick(await actionsAt(doc), /^Create secret in AWS Secrets Manager and rewrite…$/);
      const rec = stub({ answer: (_m, actions) => actions.find((a) => a.startsWith('Use ')) });
      try {
        assert.equal(await apply(create), false);
      } finally {
        rec.restore();
      }
      assert.equal(rec.inputs.length, 0, 'no prompt without credentials');
      assert.equal(rec.errors.length, 2, rec.errors.map((e) => e.message).join('\n'));
      assert.match(rec.errors[1].message, /No AWS credentials/);
      assert.ok(rec.errors[1].actions.length >= 2, 'buttons on the credentials error');
    });

    it('with region and credentials the first prompt comes; Open Settings targets the scope the setting lives in', async () => {
      process.env.AWS_ACCESS_KEY_ID = fakeKeyId(rand);
      process.env.AWS_SECRET_ACCESS_KEY = 'fakeFAKEfake0000000000000000000000000000';
      await setSetting('aws.region', 'eu-west-3', T.Global);
      const doc = await open('ok.py', `API_TOKEN = "${token(24)}"\n`, 1);
      const create = pick(await actionsAt(doc), /^Create secret in AWS Secrets Manager and rewrite…$/);
      const rec = stub({ inputBox: async () => undefined });
      try {
        assert.equal(await apply(create), false, 'cancelled at the name prompt');
      } finally {
        rec.restore();
        delete process.env.AWS_ACCESS_KEY_ID;
        delete process.env.AWS_SECRET_ACCESS_KEY;
      }
      assert.equal(rec.errors.length, 0, rec.errors.map((e) => e.message).join('\n'));
      const target = settingsCommandFor('aws.region');
      assert.equal(target.command, vscode.env.remoteName ? 'workbench.action.openRemoteSettings' : 'workbench.action.openSettings');
      assert.equal(target.query, '@id:credentialHygiene.aws.region');
    });
  });

  it('16.5 one set behind every count: badge, status bar, scan message; untitled buffers included; scope named', async () => {
    await vscode.commands.executeCommand('credentialHygiene.clearFindings');
    await waitFor(() => api.testing.workspaceScanner.lastScan, (s) => s === undefined, 'scan forgotten');
    const untitled = await vscode.workspace.openTextDocument({ language: 'plaintext', content: `token = ${fakeKeyId(rand)}\n` });
    await vscode.window.showTextDocument(untitled);
    await waitForDiagnostics(untitled.uri, 1, 'untitled');
    api.testing.status.update();
    assert.match(api.testing.status.item.text, /in open files$/, api.testing.status.item.text);
    const summary = await api.scanWorkspace();
    await api.testing.whenIdle();
    const c = api.testing.counts();
    assert.ok(c.untitled >= 1 && c.untitledFiles >= 1, 'the untitled buffer is in the set');
    assert.equal(c.total, api.testing.view.total(), 'view/badge count');
    api.testing.status.update();
    assert.match(api.testing.status.item.text, new RegExp(`${c.total} in workspace$`), api.testing.status.item.text);
    assert.match(String(api.testing.status.item.tooltip), /last workspace scan \((just now|\d+ minutes? ago)/);
    const toast = scanToast(summary, c);
    assert.ok(toast.includes(`${c.total} hardcoded credential`), toast);
    assert.ok(toast.includes(`${c.untitled} in ${c.untitledFiles} untitled buffer`), toast);
  });

  it('16.5 the last workspace scan is kept across reloads; a changed file is rescanned', async () => {
    const a = path.join(dir, 'kept-a.env');
    const b = path.join(dir, 'kept-b.env');
    fs.writeFileSync(a, `DB_PASSWORD=${token(20)}\n`);
    fs.writeFileSync(b, `DB_PASSWORD=${token(20)}\n`);
    await api.scanWorkspace();
    const ua = vscode.Uri.file(a);
    const ub = vscode.Uri.file(b);
    await waitForDiagnostics(ua, 1, 'kept-a scanned');
    await api.testing.workspaceScanner.persistNow(); // saved after a debounce; write it now, deterministically
    // A reload drops the in-memory disk layer: simulate it, then change b on disk before restoring.
    (api.findings as unknown as { clearDisk(): void }).clearDisk();
    await waitForDiagnostics(ua, 0, 'disk layer dropped');
    fs.writeFileSync(b, `DB_PASSWORD=${token(20)}\nAPI_TOKEN=${token(24)}\n`);
    assert.equal(await api.testing.workspaceScanner.restore(), true, 'restored from workspace state');
    await waitForDiagnostics(ua, 1, 'unchanged file restored');
    await waitForDiagnostics(ub, 2, 'changed file rescanned, not trusted');
    assert.equal(api.testing.workspaceScanner.lastScan?.restored, true);
  });

  it('16.5 fix all counts findings, not edits (a key id and its secret go together)', async () => {
    const doc = await open('pair.py', `import boto3\n\ns3 = boto3.client("s3", aws_access_key_id="${fakeKeyId(rand)}", aws_secret_access_key="${secretKey()}")\n`, 2);
    const [all] = await actionsAt(doc, new vscode.Range(0, 0, 0, 0), 'source.fixAll.credentialHygiene');
    assert.ok(all, 'fix all offered');
    assert.match(all.title, /\(2\)$/, all.title);
    const rec = stub();
    try {
      await apply(all);
    } finally {
      rec.restore();
    }
    assert.match(rec.notices[0]?.message ?? '', /^Fixed 2 of 2 hardcoded credentials in this file\./);
  });

  it('16.6 masking: hover reveal off by default, no value prefixes in views, a lasting status item', async () => {
    const pkg = vscode.extensions.getExtension('credential-hygiene.credential-hygiene')!.packageJSON;
    assert.equal(pkg.contributes.configuration.properties['credentialHygiene.maskSecretsRevealOnHover'].default, false);
    await setSetting('maskSecrets', true, T.Global);
    await waitFor(() => api.testing.masking.isEnabled, (v) => v, 'masking on');
    const doc = await open('masked.env', `DB_PASSWORD=${token(20)}\n`, 1);
    const editor = vscode.window.activeTextEditor!;
    const [range] = api.testing.masking.maskedRanges(editor);
    assert.ok(range, 'masked');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, range.start.translate(0, 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(!/masked value shown/.test(text), 'no hover reveal by default');
    assert.deepEqual(api.testing.masking.maskedRanges(editor).length, 1, 'still masked after the hover');
    const node = api.testing.view.getChildren().find((n) => n.type === 'file' && n.uri.toString() === doc.uri.toString())!;
    const finding = api.testing.view.getChildren(node)[0];
    const item = api.testing.view.getTreeItem(finding);
    const f = (finding as Extract<FindingsNode, { type: 'finding' }>).finding;
    assert.ok(!String(item.description).includes(f.secretMasked.slice(0, 4)), `prefix shown while masking: ${item.description}`);
    assert.ok(!(item.tooltip as vscode.MarkdownString).value.includes(f.secretMasked.slice(0, 4)));
    assert.match(api.testing.masking.statusItem.text, /Secrets masked/);
    assert.match(String(api.testing.masking.statusItem.tooltip), /Not masked: untitled tab titles, the Search view/);
  });

  it('16.7 the .env Secrets Manager fix names the readers of the variable and the deploy-time alternative', async () => {
    fs.mkdirSync(path.join(dir, 'svc'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'svc', 'db.js'), 'const pass = process.env.SVC_DB_PASSWORD;\nmodule.exports = pass;\n');
    const doc = await open('svc/.env', `SVC_DB_PASSWORD=${token(20)}\n`, 1);
    const sm = pick(await actionsAt(doc), /^Load from AWS Secrets Manager(?: \(.+\))?: /);
    const rec = stub();
    try {
      await apply(sm);
    } finally {
      rec.restore();
    }
    assert.match(doc.getText(), /^SVC_DB_PASSWORD_SECRET_ID=/);
    assert.equal(rec.notices.length, 1);
    const n = rec.notices[0];
    assert.match(n.message, /SVC_DB_PASSWORD is now SVC_DB_PASSWORD_SECRET_ID/);
    assert.match(n.message, /ch-first-day\/svc\/db\.js:1/);
    assert.match(n.message, /valueFrom/);
    assert.deepEqual(n.actions, ['Show readers', 'How to inject it at deploy time']);
  });

  it('16.8 secret ids use the environment the file names, the service manifest, and the last prefix chosen', async () => {
    fs.mkdirSync(path.join(dir, 'billing'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'billing', 'package.json'), '{ "name": "@acme/billing-api", "version": "1.0.0" }\n');
    const doc = await open('billing/.env', `APP_ENV=staging\nDB_PASSWORD=${token(20)}\n`, 1);
    const sm = pick(await actionsAt(doc), /^Load from AWS Secrets Manager(?: \(.+\))?: /);
    assert.match(sm.title, /: billing-api\/staging\/db-password$/, sm.title);
    const choose = pick(await actionsAt(doc), /\(choose secret id\)…$/);
    const rec = stub({ inputBox: async () => 'acme/billing/staging/db-password' });
    try {
      await apply(choose);
    } finally {
      rec.restore();
    }
    const next = await open('billing/worker.py', `API_TOKEN = "${token(24)}"\n`, 1);
    const again = pick(await actionsAt(next), /^Load from AWS Secrets Manager(?: \(.+\))?: /);
    assert.match(again.title, /: acme\/billing\/[a-z]+\/api-token$/, `remembered prefix: ${again.title}`);
  });

  it('16.9 [after merge: h/fixexec recipes] the Python Secrets Manager fix emits a cached helper', async () => {
    const doc = await open('cached.py', `DB_PASSWORD = "${token(20)}"\n`, 1);
    await apply(pick(await actionsAt(doc), /^Load from AWS Secrets Manager(?: \(.+\))?: /));
    const text = doc.getText();
    assert.match(text, /lru_cache/, 'functools.lru_cache helper');
    assert.equal((text.match(/boto3\.client\(\s*["']secretsmanager["']/g) ?? []).length, 1, 'one client, made once');
  });

  it('16.10 ignore comments carry a selected <reason> placeholder; add to baseline has a masked note and an Undo', async () => {
    const doc = await open('supp.py', `API_TOKEN = "${token(24)}"\n`, 1);
    await apply(pick(await actionsAt(doc), /^Ignore generic-api-key-assignment on this line$/));
    assert.match(doc.lineAt(0).text, /# credential-hygiene:ignore generic-api-key-assignment -- <reason>$/);
    const ed = vscode.window.activeTextEditor!;
    assert.equal(ed.document.getText(ed.selection), '<reason>', 'the placeholder is selected');
    await waitForDiagnostics(doc.uri, 0, 'ignored');

    const value = token(20);
    const json = await open('supp.json', `{\n  "password": "${value}"\n}\n`, 1);
    const baseline = path.join(folder('folder-a').uri.fsPath, '.credential-hygiene-baseline.json');
    let resolveUndo: (v: string | undefined) => void = () => undefined;
    const undoClicked = new Promise<string | undefined>((r) => (resolveUndo = r));
    const rec = stub({ notify: (m: string, actions: string[]) => (rec.notices.push({ message: m, actions }), undoClicked) });
    try {
      await apply(pick(await actionsAt(json), /^Add to baseline/));
      await waitForDiagnostics(json.uri, 0, 'baselined');
      const entry = JSON.parse(fs.readFileSync(baseline, 'utf8')).entries.find((e: { file: string }) => e.file === 'ch-first-day/supp.json');
      assert.ok(entry, 'entry with file');
      assert.equal(entry.ruleId, 'generic-password-assignment');
      assert.equal(entry.note, `value ${value.slice(0, 4)}… (added in the editor)`);
      assert.ok(!fs.readFileSync(baseline, 'utf8').includes(value), 'no secret in the baseline');
      assert.deepEqual(rec.notices[0].actions, ['Undo', 'Open Baseline']);
      resolveUndo('Undo');
      await waitForDiagnostics(json.uri, 1, 'undo brings the finding back');
      assert.ok(!fs.readFileSync(baseline, 'utf8').includes('ch-first-day/supp.json'), 'entry removed');
    } finally {
      rec.restore();
    }
  });

  it('16.11 findings view: relative paths (also at a folder root), provider spellings, sorted groups', async () => {
    const rootFile = path.join(folder('folder-a').uri.fsPath, 'ch-root.env');
    fs.writeFileSync(rootFile, `AWS_ACCESS_KEY_ID=${fakeKeyId(rand)}\n`);
    try {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(rootFile));
      await vscode.window.showTextDocument(doc);
      await waitFor(() => ours(doc.uri).length, (n) => n >= 1, 'root file finding');
      const node = await waitFor(() => api.testing.view.getChildren().find((n) => n.type === 'file' && n.uri.fsPath === rootFile), (n) => !!n, 'root file node');
      const desc = String(api.testing.view.getTreeItem(node!).description);
      assert.ok(!desc.includes(os.tmpdir()) && !desc.includes(folder('folder-a').uri.fsPath), `absolute path in the view: ${desc}`);
      assert.match(desc, /^folder-a · \d+$/);
      await vscode.commands.executeCommand('credentialHygiene.groupByKind');
      const groups = api.testing.view.getChildren();
      const labels = groups.map((g) => String(api.testing.view.getTreeItem(g).label));
      assert.deepEqual(labels, [...labels].sort((x, y) => x.localeCompare(y)), 'groups sorted');
      for (const g of groups) if (g.type === 'kind') assert.equal(String(api.testing.view.getTreeItem(g).label), KIND_TITLES[g.kind]);
      assert.equal(KIND_TITLES['github-token'], 'GitHub token');
      assert.equal(KIND_TITLES['k8s-secret-data'], 'Kubernetes Secret data');
      assert.ok(!labels.some((l) => /Github|K8S|Key Id/.test(l)), labels.join(', '));
      const gh = groups.find((g) => String(api.testing.view.getTreeItem(g).label) === 'AWS access key ID')!;
      const items = api.testing.view.getChildren(gh).map((n) => String(api.testing.view.getTreeItem(n).description));
      assert.ok(items.some((d) => /folder-a\/ch-root\.env:1$/.test(d)), items.join(' | '));
    } finally {
      await vscode.commands.executeCommand('credentialHygiene.groupByFile');
      fs.rmSync(rootFile, { force: true });
    }
  });

  it('16.11 settings: names match what they do; the old name still works; issue 9 restrictions and thread clamp', async () => {
    const pkg = vscode.extensions.getExtension('credential-hygiene.credential-hygiene')!.packageJSON;
    const props = pkg.contributes.configuration.properties;
    assert.ok(props['credentialHygiene.backgroundScanAboveKB'], 'renamed setting');
    assert.match(props['credentialHygiene.maxFileSizeKB'].markdownDeprecationMessage, /backgroundScanAboveKB/);
    for (const [name, p] of Object.entries<{ description?: string; markdownDescription?: string; deprecationMessage?: string }>(props)) {
      if (p.deprecationMessage) continue;
      const text = `${p.description ?? ''} ${p.markdownDescription ?? ''}`;
      if (/max\w*Size/i.test(name)) assert.doesNotMatch(text, /not a (size )?limit|worker thread/i, `${name} says it is no maximum`);
    }
    const restricted: string[] = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
    for (const k of ['workspaceScan.threads', 'skipFileSizeKB', 'maskSecretsRevealOnHover']) assert.ok(restricted.includes(`credentialHygiene.${k}`), k);

    const uri = folder('folder-a').uri;
    await setSetting('maxFileSizeKB', 3, T.Global);
    assert.equal(readSettings(uri, true).maxFileSizeKB, 3, 'the deprecated name is still read');
    await setSetting('backgroundScanAboveKB', 7, T.Global);
    assert.equal(readSettings(uri, true).maxFileSizeKB, 7, 'the new name wins');
    await setSetting('skipFileSizeKB', 1, T.WorkspaceFolder, uri);
    assert.equal(readSettings(uri, true).skipFileSizeKB, 1, 'trusted: the folder value applies');
    assert.equal(readSettings(uri, false).skipFileSizeKB, 10240, 'untrusted: the workspace cannot shrink the size limit');
    await setSetting('workspaceScan.threads', 64, T.Workspace);
    assert.ok(threadsSetting(true) <= (os.availableParallelism?.() ?? os.cpus().length), 'clamped to the cores');
    assert.equal(threadsSetting(false), Math.max(1, Math.min(4, (os.availableParallelism?.() ?? os.cpus().length) - 1)), 'untrusted: automatic');
  });

  it('16.11 report: dated, location cells open the file at the line, refresh and export', async function () {
    this.timeout(90_000);
    const report = (await vscode.commands.executeCommand('credentialHygiene.showReport')) as HygieneReport;
    assert.match(report.generatedAt ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const f = report.findings.items[0];
    assert.ok(f, 'a finding to click');
    const html = reportHtml(report);
    assert.ok(html.includes('href="command:credentialHygiene.openReportLocation?'), 'location cells are links');
    assert.deepEqual(REPORT_WEBVIEW_OPTIONS.enableCommandUris, ['credentialHygiene.openReportLocation'], 'the only command the page may run');
    const ed = (await vscode.commands.executeCommand('credentialHygiene.openReportLocation', f.path, f.line, f.column)) as vscode.TextEditor;
    assert.ok(ed, 'opened');
    assert.ok(ed.document.uri.path.endsWith(f.path.split('/').slice(1).join('/')), `${ed.document.uri.path} vs ${f.path}`);
    assert.equal(ed.selection.active.line, f.line - 1);
    assert.equal(await vscode.commands.executeCommand('credentialHygiene.openReportLocation', 'folder-a/../../etc/passwd', 1, 1), undefined, 'nothing outside the workspace');
    const out = vscode.Uri.file(path.join(dir, 'report-export.md'));
    assert.equal((await vscode.commands.executeCommand<vscode.Uri>('credentialHygiene.exportReport', out))?.toString(), out.toString());
    assert.match(fs.readFileSync(out.fsPath, 'utf8'), /^# /);
    const pkg = vscode.extensions.getExtension('credential-hygiene.credential-hygiene')!.packageJSON;
    const titleMenu = pkg.contributes.menus['editor/title'].map((m: { command: string }) => m.command);
    assert.ok(titleMenu.includes('credentialHygiene.refreshReport') && titleMenu.includes('credentialHygiene.exportReport'));
  });

  it('16 rule docs: the diagnostic links to the bundled rule section, opened as a Markdown preview offline', async () => {
    const doc = await open('docs.env', `AWS_ACCESS_KEY_ID=${fakeKeyId(rand)}\n`, 1);
    const d = ours(doc.uri)[0];
    const target = (d.code as { target: vscode.Uri }).target;
    assert.equal(target.scheme, 'command');
    assert.equal(target.path, 'credentialHygiene.openRuleDocs');
    const args = JSON.parse(decodeURIComponent(target.query));
    const file = await vscode.commands.executeCommand<vscode.Uri>('credentialHygiene.openRuleDocs', ...args);
    const md = Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8');
    assert.match(md, /^# aws-access-key-id\n/);
    assert.match(md, /kind `aws-access-key-id`/);
    assert.ok(!/^## (?!If this)/m.test(md), 'only this rule\'s section');
    await waitFor(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview && /markdown/i.test(t.input.viewType)),
      (v) => v,
      'markdown preview tab',
    );
  });
});
