import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fakeKeyId, fileIn, getApi, labels, ours, prng, ruleOf, waitFor } from './helpers';

describe('workspace scan (two-folder workspace)', () => {
  it('finds secrets in closed files of both folders and honours .gitignore, files.exclude and credentialHygiene.exclude', async () => {
    const api = await getApi();
    const settingsPy = fileIn('folder-a', 'app/settings.py');
    const valuesYaml = fileIn('folder-b', 'deploy/values.yaml');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === settingsPy.toString()), 'settings.py must be closed');
    assert.equal(ours(settingsPy).length, 0, 'closed file has no diagnostics before the scan');

    const summary = await vscode.commands.executeCommand<{ findings: number; files: number; cancelled: boolean; excluded: number }>(
      'credentialHygiene.scanWorkspace',
    );
    assert.ok(summary && !summary.cancelled);
    console.log(`    summary: ${JSON.stringify(summary)}`);

    const a = await waitFor(() => ours(settingsPy), (d) => d.length === 2, 'settings.py diagnostics');
    assert.deepEqual(a.map(ruleOf).sort(), ['aws-access-key-id', 'aws-secret-access-key']);
    const b = await waitFor(() => ours(valuesYaml), (d) => d.length === 1, 'values.yaml diagnostics');
    assert.deepEqual(b[0].range, new vscode.Range(3, 15, 3, 35));

    // Every generated secret outside the excluded places is reported, and none inside them.
    const excluded = ['folder-a/local.env', 'folder-a/build/', 'folder-a/hidden-by-files-exclude/', 'folder-a/node_modules/', 'folder-b/vendor/'];
    for (const l of labels()) {
      if (l.file.startsWith('untrusted/')) continue;
      const [folderName, ...rest] = l.file.split('/');
      const uri = fileIn(folderName, rest.join('/'));
      const lines = ours(uri).map((d) => d.range.start.line + 1);
      if (excluded.some((e) => l.file.startsWith(e))) assert.deepEqual(lines, [], `${l.file} should be excluded`);
      else assert.ok(lines.includes(l.line), `${l.file}:${l.line} (${l.kind}) not reported; got ${lines}`);
    }
    assert.ok(summary.excluded >= 2, `gitignore/glob exclusions counted: ${summary.excluded}`);
    assert.equal(api.findings.get(settingsPy)?.origin, 'disk');
  });

  it('can be cancelled', async () => {
    const api = await getApi();
    const cts = new vscode.CancellationTokenSource();
    const summary = await api.scanWorkspace({ token: cts.token, onProgress: () => cts.cancel() });
    assert.equal(summary.cancelled, true);
    assert.ok(summary.files > 0 && summary.scanned < summary.files, JSON.stringify(summary));
    // cancelling keeps earlier results
    assert.equal(ours(fileIn('folder-a', 'app/settings.py')).length, 2);
  });

  it('a finished scan drops findings of files that were deleted since', async () => {
    const api = await getApi();
    const gone = fileIn('folder-b', 'deploy/temp.env');
    await vscode.workspace.fs.writeFile(gone, Buffer.from(`AWS_ACCESS_KEY_ID=${fakeKeyId(prng(5))}\n`));
    await api.scanWorkspace();
    await waitFor(() => ours(gone).length, (n) => n === 1, 'temp.env reported');
    await vscode.workspace.fs.delete(gone);
    await api.scanWorkspace();
    await waitFor(() => ours(gone).length, (n) => n === 0, 'temp.env dropped');
  });
});
