/**
 * Suppressions and the project policy in the real host (issue 5): "Ignore on this line" (same line / line
 * above / not offered inside strings and for JSON), "Ignore in this file", "Add to baseline", other dialects,
 * expired ignores, the folder's `.credential-hygiene.json` (custom rules, rule overrides, excludes, reloaded
 * by a file watcher) and the open-config / open-baseline commands.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { folder, getApi, ours, prng, ruleOf, waitFor, waitForDiagnostics } from './helpers';

const rand = prng(5151);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const token = (n: number) => Array.from({ length: n }, () => ALNUM[Math.floor(rand() * ALNUM.length)]).join('');

let dirA: string;
let dirB: string;

async function open(dir: string, name: string, content: string, expected: number): Promise<vscode.TextDocument> {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  await waitForDiagnostics(doc.uri, expected, name);
  return doc;
}

async function actionsOn(doc: vscode.TextDocument, d = ours(doc.uri)[0]): Promise<vscode.CodeAction[]> {
  assert.ok(d, 'a diagnostic');
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range)) ?? [];
}

function pick(list: vscode.CodeAction[], title: RegExp): vscode.CodeAction {
  const a = list.find((x) => title.test(x.title));
  assert.ok(a, `no action ${title}; got: ${list.map((x) => x.title).join(' | ')}`);
  return a;
}

async function apply(a: vscode.CodeAction): Promise<unknown> {
  if (a.edit) assert.equal(await vscode.workspace.applyEdit(a.edit), true);
  if (a.command) return vscode.commands.executeCommand(a.command.command, ...(a.command.arguments ?? []));
  return undefined;
}

const findingsOf = (uri: vscode.Uri) => ours(uri).filter((d) => ruleOf(d) !== 'expired-ignore');

describe('Suppressions and project policy in the editor', function () {
  this.timeout(30000);

  before(async () => {
    await getApi();
    dirA = path.join(folder('folder-a').uri.fsPath, 'ch-supp');
    dirB = path.join(folder('folder-b').uri.fsPath, 'ch-policy');
    fs.mkdirSync(dirA, { recursive: true });
    fs.mkdirSync(dirB, { recursive: true });
  });

  afterEach(async () => {
    for (const e of vscode.window.visibleTextEditors) {
      await vscode.window.showTextDocument(e.document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  after(async () => {
    fs.rmSync(dirA, { recursive: true, force: true });
    fs.rmSync(dirB, { recursive: true, force: true });
    for (const f of [folder('folder-a'), folder('folder-b')]) {
      for (const n of ['.credential-hygiene.json', '.credential-hygiene-baseline.json']) fs.rmSync(path.join(f.uri.fsPath, n), { force: true });
    }
    await (await getApi()).testing.editorActions.policy.reload();
  });

  it('ignore on this line: a trailing comment in the file\'s syntax; the diagnostic goes away at once; undo brings it back', async () => {
    const value = token(24);
    const original = `API_TOKEN = "${value}"\nprint("ok")\n`;
    const doc = await open(dirA, 'line.py', original, 1);
    await apply(pick(await actionsOn(doc), /^Ignore generic-api-key-assignment on this line$/));
    assert.equal(doc.lineAt(0).text, `API_TOKEN = "${value}" # credential-hygiene:ignore generic-api-key-assignment -- <reason>`);
    await waitForDiagnostics(doc.uri, 0, 'after ignore on this line');
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText(), (t) => t === original, 'undo');
    await waitForDiagnostics(doc.uri, 1, 'after undo');
  });

  it('.env: a trailing comment would change the value, so the ignore goes on the line above', async () => {
    const doc = await open(dirA, 'local.env', `APP_NAME=demo\nDB_PASSWORD=${token(18)}\n`, 1);
    await apply(pick(await actionsOn(doc), /^Ignore generic-password-assignment on this line \(comment above\)$/));
    assert.equal(doc.lineAt(1).text, '# credential-hygiene:ignore-next-line generic-password-assignment -- <reason>');
    await waitForDiagnostics(doc.uri, 0, 'after ignore-next-line');
  });

  it('inside a multi-line string (Python, YAML block) no line comment is offered; "Ignore in this file" is', async () => {
    const py = await open(dirA, 'multi.py', `#!/usr/bin/env python3\nCONF = """\napi_token = "${token(24)}"\n"""\n`, 1);
    const pyActions = await actionsOn(py);
    assert.equal(pyActions.some((a) => /on this line/.test(a.title)), false, pyActions.map((a) => a.title).join(' | '));
    await apply(pick(pyActions, /^Ignore generic-api-key-assignment in this file$/));
    assert.equal(py.lineAt(0).text, '#!/usr/bin/env python3', 'shebang stays first');
    assert.equal(py.lineAt(1).text, '# credential-hygiene:ignore-file generic-api-key-assignment -- <reason>');
    await waitForDiagnostics(py.uri, 0, 'after ignore-file (python)');

    const yaml = await open(dirA, 'job.yaml', `name: job\nscript: |\n  export API_TOKEN=${token(24)}\n`, 1);
    const yActions = await actionsOn(yaml);
    assert.equal(yActions.some((a) => /on this line/.test(a.title)), false, yActions.map((a) => a.title).join(' | '));
    await apply(pick(yActions, /^Ignore generic-api-key-assignment in this file$/));
    assert.equal(yaml.lineAt(0).text, '# credential-hygiene:ignore-file generic-api-key-assignment -- <reason>');
    await waitForDiagnostics(yaml.uri, 0, 'after ignore-file (yaml)');
  });

  it('JSON: no comment actions; "Add to baseline" writes a fingerprint (no secret) and survives lines inserted above', async () => {
    const api = await getApi();
    const value = token(20);
    const doc = await open(dirA, 'conf.json', `{\n  "password": "${value}"\n}\n`, 1);
    const list = await actionsOn(doc);
    assert.equal(list.some((a) => /^Ignore /.test(a.title)), false, list.map((a) => a.title).join(' | '));
    assert.equal(await apply(pick(list, /^Add to baseline \(\.credential-hygiene-baseline\.json\)$/)), true);
    const file = path.join(folder('folder-a').uri.fsPath, '.credential-hygiene-baseline.json');
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(!text.includes(value), 'no secret in the baseline');
    const parsed = JSON.parse(text);
    assert.equal(parsed.version, 1);
    assert.equal(parsed.entries.length, 1);
    assert.equal(parsed.entries[0].file, 'ch-supp/conf.json');
    assert.equal(parsed.entries[0].ruleId, 'generic-password-assignment');
    assert.match(parsed.entries[0].fingerprint, /^[0-9a-f]{32}$/);
    await waitForDiagnostics(doc.uri, 0, 'after add to baseline');

    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(1, 0), '  "name": "demo",\n  "port": 8080,\n');
    await vscode.workspace.applyEdit(edit);
    await api.testing.whenIdle();
    assert.equal(ours(doc.uri).length, 0, 'still baselined after lines were inserted above');

    fs.rmSync(file);
    await waitForDiagnostics(doc.uri, 1, 'baseline deleted: the watcher reloads and the finding is back');
  });

  it('other dialects are honoured; an expired ignore is reported as information and the finding comes back', async () => {
    const doc = await open(
      dirA,
      'dialects.py',
      [
        `A_TOKEN = "${token(24)}"  # gitleaks:allow`,
        '# pragma: allowlist nextline secret',
        `B_TOKEN = "${token(24)}"`,
        `C_TOKEN = "${token(24)}"  # credential-hygiene:ignore until 2020-01-31`,
        `D_TOKEN = "${token(24)}"  # credential-hygiene:ignore until 2999-12-31 -- test fixture`,
        `E_TOKEN = "${token(24)}"  # secretlint-disable-line`,
        '',
      ].join('\n'),
      2,
    );
    const ds = ours(doc.uri);
    const finding = ds.find((d) => ruleOf(d) === 'generic-api-key-assignment');
    const expired = ds.find((d) => ruleOf(d) === 'expired-ignore');
    assert.ok(finding && expired, ds.map((d) => ruleOf(d)).join(','));
    assert.equal(finding.range.start.line, 3);
    assert.equal(expired.range.start.line, 3);
    assert.equal(expired.severity, vscode.DiagnosticSeverity.Information);
    assert.match(expired.message, /expired on 2020-01-31/);
  });

  it('project config: custom rule honoured (trusted), rule override, exclude; reloaded when the file changes', async () => {
    const cfgFile = path.join(folder('folder-b').uri.fsPath, '.credential-hygiene.json');
    const custom = { id: 'acme-api-token', title: 'Acme API token', severity: 'error', keywords: ['acme_'], pattern: '\\b(?P<secret>acme_[A-Za-z0-9]{32})\\b' };
    const doc = await open(dirB, 'app.yaml', `acme: acme_${token(32)}\napi_token: ${token(24)}\n`, 1);
    assert.equal(ruleOf(ours(doc.uri)[0]), 'generic-api-key-assignment');

    fs.writeFileSync(cfgFile, `// test config\n${JSON.stringify({ customRules: [custom] }, null, 2)}\n`);
    await waitFor(() => findingsOf(doc.uri).map((d) => String(ruleOf(d))).sort().join(','), (v) => v === 'acme-api-token,generic-api-key-assignment', 'custom rule from the config');
    const acme = findingsOf(doc.uri).find((d) => ruleOf(d) === 'acme-api-token')!;
    assert.equal(acme.severity, vscode.DiagnosticSeverity.Error);

    fs.writeFileSync(cfgFile, JSON.stringify({ customRules: [custom], rules: { 'generic-api-key-assignment': 'off' } }));
    await waitFor(() => findingsOf(doc.uri).map((d) => String(ruleOf(d))).join(','), (v) => v === 'acme-api-token', 'rule switched off by the config');

    fs.writeFileSync(cfgFile, JSON.stringify({ customRules: [custom], exclude: ['ch-policy/**'] }));
    await waitForDiagnostics(doc.uri, 0, 'excluded by the config');

    fs.writeFileSync(cfgFile, '{ "rules": { "no-such-rule": "off" } }');
    const cfgUri = vscode.Uri.file(cfgFile);
    const [err] = await waitFor(() => ours(cfgUri), (d) => d.length === 1, 'an error diagnostic on the invalid config');
    assert.equal(ruleOf(err), 'invalid-project-file');
    assert.match(err.message, /no-such-rule/);

    fs.rmSync(cfgFile);
    await waitFor(() => findingsOf(doc.uri).map((d) => String(ruleOf(d))).join(','), (v) => v === 'generic-api-key-assignment', 'config removed: built-in rules only');
    await waitFor(() => ours(cfgUri).length, (n) => n === 0, 'error diagnostic cleared');
  });

  it('open config / open baseline create commented templates that load without errors', async () => {
    const api = await getApi();
    const b = folder('folder-b');
    for (const [cmd, name] of [['credentialHygiene.openConfig', '.credential-hygiene.json'], ['credentialHygiene.openBaseline', '.credential-hygiene-baseline.json']]) {
      const file = path.join(b.uri.fsPath, name);
      fs.rmSync(file, { force: true });
      const uri = await vscode.commands.executeCommand<vscode.Uri>(cmd, b);
      assert.equal(uri?.fsPath, file);
      assert.ok(fs.readFileSync(file, 'utf8').startsWith('//'), `${name} starts with a comment`);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
      await api.testing.editorActions.policy.reload();
      assert.equal(ours(uri).length, 0, `${name} template is valid`);
      // Opening again keeps the file as it is.
      fs.appendFileSync(file, '\n');
      const before = fs.readFileSync(file, 'utf8');
      await vscode.commands.executeCommand(cmd, b);
      assert.equal(fs.readFileSync(file, 'utf8'), before);
      fs.rmSync(file);
    }
  });
});
