import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FindingsNode } from '../../src/extension/findings-view';
import type { RotationGuidance } from '../../src/node/git-history-guidance';
import { fakeAwsKeyId, fakeAwsSecret } from '../unit/cli/fake-secrets';
import { getApi, sleep, waitFor } from './helpers';

type HistoryFindingNode = Extract<FindingsNode, { type: 'historyFinding' }>;

/** A throw-away repository: key pair 71 added then removed, key pair 72 added and kept. */
function makeRepo(): { dir: string; removedSha: string; keptSha: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ch-host-history-'));
  let n = 0;
  const run = (...args: string[]): string => {
    n++;
    const date = `2022-06-${String(n).padStart(2, '0')}T09:00:00+00:00`;
    return execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 'Host Test', GIT_AUTHOR_EMAIL: 'host@example.test', GIT_COMMITTER_NAME: 'Host Test', GIT_COMMITTER_EMAIL: 'host@example.test', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  };
  const commit = (file: string, text: string, msg: string): string => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
    run('add', '-A');
    run('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', msg);
    return run('rev-parse', 'HEAD').trim();
  };
  run('init', '-q', '-b', 'main');
  const pair = (s: number) => `aws_access_key_id = ${fakeAwsKeyId(s)}\naws_secret_access_key = ${fakeAwsSecret(s)}\n`;
  const removedSha = commit('config/old.ini', `[default]\n${pair(71)}`, 'add old key');
  commit('config/old.ini', '[default]\n', 'remove old key');
  const keptSha = commit('deploy/app.ini', `[prod]\nregion = eu-west-1\n${pair(72)}`, 'add kept key');
  return { dir, removedSha, keptSha };
}

describe('git history scan (editor command)', function () {
  this.timeout(60_000);
  let repo: ReturnType<typeof makeRepo>;
  let nodes: HistoryFindingNode[];

  before(async () => {
    await getApi();
    repo = makeRepo();
  });
  after(async () => {
    await vscode.commands.executeCommand('credentialHygiene.clearHistoryFindings');
    fs.rmSync(repo.dir, { recursive: true, force: true });
  });

  it('contributes "Credential Hygiene: Scan Git History"', async () => {
    const ext = vscode.extensions.getExtension('credential-hygiene.credential-hygiene')!;
    const contributed = ext.packageJSON.contributes.commands.find((c: { command: string }) => c.command === 'credentialHygiene.scanGitHistory');
    assert.equal(`${contributed.category}: ${contributed.title}`, 'Credential Hygiene: Scan Git History');
    assert.ok((await vscode.commands.getCommands(true)).includes('credentialHygiene.scanGitHistory'));
  });

  it('scans the history and lists each secret once under a History node: commit, date, still in HEAD, masked', async () => {
    const count = await vscode.commands.executeCommand<number>('credentialHygiene.scanGitHistory', vscode.Uri.file(repo.dir));
    assert.equal(count, 4, 'two key pairs');
    const { testing } = await getApi();
    const roots = await waitFor(() => testing.view.getChildren(), (r) => r.some((n) => n.type === 'history'), 'History node');
    const historyNode = roots.find((n) => n.type === 'history')!;
    const root = testing.view.getTreeItem(historyNode);
    assert.equal(root.label, 'History');
    assert.match(String(root.description), /4 in git history · 2 still in HEAD/);
    nodes = testing.view.getChildren(historyNode) as HistoryFindingNode[];
    assert.equal(nodes.length, 4);
    for (const node of nodes) {
      const ti = testing.view.getTreeItem(node);
      const shown = `${ti.label} ${ti.description} ${(ti.tooltip as vscode.MarkdownString).value}`;
      for (const s of [71, 72]) {
        assert.ok(!shown.includes(fakeAwsKeyId(s)) && !shown.includes(fakeAwsSecret(s).slice(4)), `secret shown: ${shown}`);
      }
      const removed = node.item.file === 'config/old.ini';
      assert.ok(String(ti.description).includes(`· ${(removed ? repo.removedSha : repo.keptSha).slice(0, 7)} ·`), String(ti.description));
      assert.ok(String(ti.description).includes(removed ? 'history only' : 'still in HEAD'));
      assert.ok(String(ti.description).includes('2022-06-'));
      assert.match((ti.tooltip as vscode.MarkdownString).value, /Host Test/);
      assert.equal(node.item.inHead, !removed);
    }
  });

  it('copies the commit id and opens the file as it was in that commit (read-only git document)', async () => {
    const node = nodes.find((n) => n.item.file === 'config/old.ini' && n.item.finding.kind === 'aws-access-key-id')!;
    const sha = await vscode.commands.executeCommand<string>('credentialHygiene.copyHistoryCommit', node);
    assert.equal(sha, repo.removedSha);
    assert.equal(await vscode.env.clipboard.readText(), repo.removedSha);
    const ti = (await getApi()).testing.view.getTreeItem(node);
    await vscode.commands.executeCommand(ti.command!.command, ...ti.command!.arguments!);
    const editor = await waitFor(() => vscode.window.activeTextEditor, (e) => e?.document.uri.scheme === 'credential-hygiene-git', 'git document');
    const doc = editor!.document;
    assert.equal(doc.getText(), execFileSync('git', ['show', `${repo.removedSha}:config/old.ini`], { cwd: repo.dir, encoding: 'utf8' }));
    assert.equal(editor!.selection.start.line, node.item.finding.start.line - 1);
    assert.equal(doc.lineAt(editor!.selection.start.line).text.includes('aws_access_key_id'), true);
    // A content-provider document cannot be saved back: the workspace has no writable file system for it.
    assert.notEqual(vscode.workspace.fs.isWritableFileSystem('credential-hygiene-git'), true);
  });

  it('gives AWS rotation guidance: offline account, exact commands on the clipboard only, purge steps after rotation', async () => {
    const secretNode = nodes.find((n) => n.item.file === 'config/old.ini' && n.item.finding.kind === 'aws-secret-access-key')!;
    const g = await vscode.commands.executeCommand<RotationGuidance>('credentialHygiene.historyRotationGuidance', secretNode, 'deactivate');
    const keyId = fakeAwsKeyId(71);
    assert.equal(await vscode.env.clipboard.readText(), `aws iam update-access-key --access-key-id ${keyId} --status Inactive`, 'the pair\'s key id fills the command');
    assert.ok(g.steps.every((s) => !s.shown.includes(keyId)));
    assert.match(g.account ?? '', /^\d{12}$/);
    await vscode.commands.executeCommand('credentialHygiene.historyRotationGuidance', secretNode, 'delete');
    assert.equal(await vscode.env.clipboard.readText(), `aws iam delete-access-key --access-key-id ${keyId}`);
    await vscode.commands.executeCommand('credentialHygiene.historyRotationGuidance', secretNode, 'document');
    const editor = await waitFor(() => vscode.window.activeTextEditor, (e) => !!e?.document.uri.path.startsWith('/rotate-'), 'guidance document');
    const text = editor!.document.getText();
    assert.ok(!text.includes(keyId) && !text.includes(fakeAwsSecret(71)));
    assert.match(text, /aws iam update-access-key --access-key-id AKIA… --status Inactive/);
    assert.match(text, /git filter-repo --replace-text/);
    assert.ok(text.indexOf('Rotate first') < text.indexOf('Purge it from history'));
  });

  it('honours the settings, as for files in the workspace (credentialHygiene.kinds)', async () => {
    const cfg = vscode.workspace.getConfiguration('credentialHygiene');
    await cfg.update('kinds', ['aws-access-key-id'], vscode.ConfigurationTarget.Global);
    try {
      const count = await vscode.commands.executeCommand<number>('credentialHygiene.scanGitHistory', vscode.Uri.file(repo.dir));
      assert.equal(count, 2, 'only the two key ids');
    } finally {
      await cfg.update('kinds', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.equal(await vscode.commands.executeCommand<number>('credentialHygiene.scanGitHistory', vscode.Uri.file(repo.dir)), 4);
  });

  it('a running scan can be cancelled: nothing is added to the view', async () => {
    // 20,000 commits with git fast-import: long enough to cancel mid-walk.
    const big = fs.mkdtempSync(path.join(os.tmpdir(), 'ch-host-big-'));
    try {
      execFileSync('git', ['init', '-q', '-b', 'main', big]);
      const parts: string[] = [];
      for (let i = 0; i < 20000; i++) {
        const body = `const apiValue${i % 100} = "entry-${i}";\n`;
        parts.push(`commit refs/heads/main\nauthor A <a@example.test> ${1600000000 + i} +0000\ncommitter A <a@example.test> ${1600000000 + i} +0000\ndata 2\nc\nM 100644 inline f${i % 50}.js\ndata ${Buffer.byteLength(body)}\n${body}\n`);
      }
      // Asynchronously: a synchronous child process here would block the extension host itself.
      await new Promise<void>((resolve, reject) => {
        const child = spawn('git', ['fast-import', '--quiet'], { cwd: big, stdio: ['pipe', 'ignore', 'inherit'] });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`))));
        child.stdin.end(parts.join(''));
      });
      let settled = false;
      const run = Promise.resolve(vscode.commands.executeCommand<number | undefined>('credentialHygiene.scanGitHistory', vscode.Uri.file(big))).finally(() => (settled = true));
      for (let i = 0; i < 500 && !settled; i++) {
        await vscode.commands.executeCommand('credentialHygiene.cancelGitHistoryScan');
        await sleep(20);
      }
      assert.equal(await run, undefined, 'a cancelled scan returns nothing');
      const { testing } = await getApi();
      const history = testing.view.getChildren().find((n) => n.type === 'history');
      assert.ok(!history || history.type !== 'history' || history.results.every((r) => !r.top.includes('ch-host-big-')));
    } finally {
      fs.rmSync(big, { recursive: true, force: true });
    }
  });

  it('reports a folder that is not a git work tree without throwing', async () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'ch-host-plain-'));
    try {
      assert.equal(await vscode.commands.executeCommand('credentialHygiene.scanGitHistory', vscode.Uri.file(plain)), undefined);
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
  });
});
