/** On-screen masking (credentialHygiene.maskSecrets) in the real extension host. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CredentialHygieneApi } from '../../src/extension/extension';
import { fakeKeyId, getApi, prng, restoreSettings, setSetting, sleep, waitFor, waitForDiagnostics } from './helpers';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function fakeSecret(rand: () => number): string {
  let s = '';
  while (s.length < 36) s += B64[Math.floor(rand() * 64)];
  return s.slice(0, 18) + 'x7/Q' + s.slice(18);
}

const key = (r: vscode.Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const keys = (rs: readonly vscode.Range[]) => rs.map(key).sort();

describe('on-screen masking', () => {
  let api: CredentialHygieneApi;
  const rand = prng(4242);

  before(async () => {
    api = await getApi();
  });

  afterEach(async () => {
    await restoreSettings();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function openWithKeys(n: number, extra = ''): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; ids: string[] }> {
    const ids = Array.from({ length: n }, () => fakeKeyId(rand));
    const content = ids.map((k, i) => `AWS_ACCESS_KEY_ID_${i}=${k}`).join('\n') + '\n' + extra;
    const doc = await vscode.workspace.openTextDocument({ language: 'properties', content });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    await waitForDiagnostics(doc.uri, n + (extra ? 1 : 0), 'opened doc');
    return { doc, editor, ids };
  }

  it('is off by default and masks exactly the diagnostic ranges when switched on', async () => {
    const { doc, editor } = await openWithKeys(3);
    assert.equal(api.testing.masking.isEnabled, false);
    assert.deepEqual(api.testing.masking.maskedRanges(editor), []);
    await setSetting('maskSecrets', true, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.testing.masking.isEnabled, (v) => v, 'masking enabled');
    const diags = vscode.languages.getDiagnostics(doc.uri).map((d) => d.range);
    assert.deepEqual(keys(api.testing.masking.maskedRanges(editor)), keys(diags));
    assert.equal(api.testing.masking.sourceOf(editor), 'store');
  });

  it('switching tabs masks in the same event dispatch, before any await (no flash from a pending scan)', async () => {
    await setSetting('maskSecrets', true, vscode.ConfigurationTarget.Global);
    const a = await openWithKeys(2);
    const b = await openWithKeys(2);
    const seen: { doc: string; masked: number; source?: string }[] = [];
    // Registered after the extension's own listener: runs in the same dispatch, right after it.
    const sub = vscode.window.onDidChangeActiveTextEditor((ed) => {
      if (ed) seen.push({ doc: ed.document.uri.toString(), masked: api.testing.masking.maskedRanges(ed).length, source: api.testing.masking.sourceOf(ed) });
    });
    try {
      for (let i = 0; i < 6; i++) {
        await vscode.window.showTextDocument(i % 2 ? b.doc : a.doc, { preview: false });
      }
      await waitFor(() => seen.length, (n) => n >= 6, 'six tab switches');
    } finally {
      sub.dispose();
    }
    for (const s of seen) assert.equal(s.masked, 2, `editor for ${s.doc} was not masked when it became active: ${JSON.stringify(s)}`);
    console.log(`      masks present at the active-editor event for ${seen.length}/${seen.length} tab switches; apply max ${api.testing.masking.stats.maxApplyMs.toFixed(2)} ms`);
  });

  it('a large document (worker scan pending) is masked from a synchronous scan of its visible lines', async () => {
    await setSetting('maskSecrets', true, vscode.ConfigurationTarget.Global);
    const id = fakeKeyId(rand);
    const filler = 'x'.repeat(70) + '\n';
    const content = `aws_access_key_id = ${id}\n` + filler.repeat(3000); // ~210 KB: scanned in a worker
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content });
    let atEvent: { masked: vscode.Range[]; source?: string; stored: boolean } | undefined;
    const sub = vscode.window.onDidChangeVisibleTextEditors((eds) => {
      const ed = eds.find((e) => e.document === doc);
      if (ed && !atEvent) atEvent = { masked: api.testing.masking.maskedRanges(ed), source: api.testing.masking.sourceOf(ed), stored: !!api.findings.get(doc.uri) };
    });
    try {
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      await waitFor(() => atEvent, (v) => !!v, 'visible editors event');
      assert.deepEqual(keys(atEvent!.masked), [key(new vscode.Range(0, 20, 0, 20 + id.length))]);
      if (!atEvent!.stored) assert.equal(atEvent!.source, 'window');
      // Once the worker's result lands, the store is the source.
      await waitForDiagnostics(doc.uri, 1, 'worker result');
      await waitFor(() => api.testing.masking.sourceOf(editor), (s) => s === 'store', 'store-backed masks');
      assert.deepEqual(keys(api.testing.masking.maskedRanges(editor)), [key(new vscode.Range(0, 20, 0, 20 + id.length))]);
    } finally {
      sub.dispose();
    }
  });

  it('with maskSecretsRevealOnHover (opt-in), hover reveals one value for a few seconds without putting it in the hover; it is masked again after', async function () {
    this.timeout(20000);
    await setSetting('maskSecrets', true, vscode.ConfigurationTarget.Global);
    await setSetting('maskSecretsRevealOnHover', true, vscode.ConfigurationTarget.Global);
    const { doc, editor, ids } = await openWithKeys(2);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const masked = api.testing.masking.maskedRanges(editor);
    assert.equal(masked.length, 2);
    const target = masked.find((r) => r.start.line === 1)!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, target.start.translate(0, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /masked value shown/);
    for (const id of ids) assert.ok(!text.includes(id) && !text.includes(id.slice(4)), 'hover text contains the secret');
    assert.deepEqual(keys(api.testing.masking.maskedRanges(editor)), keys(masked.filter((r) => r !== target)), 'hovered value should be unmasked');
    await waitFor(() => api.testing.masking.maskedRanges(editor).length, (n) => n === 2, 'masked again', 9000);
  });

  it('reveal command unmasks the active editor until another editor is active; toggle switches masking off and on', async () => {
    await setSetting('maskSecrets', true, vscode.ConfigurationTarget.Global);
    const a = await openWithKeys(1);
    const b = await openWithKeys(1);
    assert.equal(api.testing.masking.maskedRanges(b.editor).length, 1);
    assert.equal(await vscode.commands.executeCommand('credentialHygiene.revealMaskedSecrets'), true);
    assert.equal(api.testing.masking.maskedRanges(b.editor).length, 0);
    const ea = await vscode.window.showTextDocument(a.doc, { preview: false });
    assert.equal(api.testing.masking.maskedRanges(ea).length, 1);
    const eb = await vscode.window.showTextDocument(b.doc, { preview: false });
    assert.equal(api.testing.masking.maskedRanges(eb).length, 1, 'b is masked again after switching away');

    assert.equal(await vscode.commands.executeCommand('credentialHygiene.toggleMasking'), false);
    assert.equal(api.testing.masking.maskedRanges(eb).length, 0);
    await waitFor(() => vscode.workspace.getConfiguration('credentialHygiene').get('maskSecrets'), (v) => v === false, 'setting persisted');
    assert.equal(await vscode.commands.executeCommand('credentialHygiene.toggleMasking'), true);
    assert.equal(api.testing.masking.maskedRanges(eb).length, 1);
  });

  it('a secret typed into a masked document is masked once detected, and the mask follows edits', async () => {
    await setSetting('maskSecrets', true, vscode.ConfigurationTarget.Global);
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'nothing here\n' });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const secret = fakeSecret(rand);
    const id = fakeKeyId(rand);
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), `aws_access_key_id=${id}\naws_secret_access_key=${secret}\n`));
    await waitFor(() => api.testing.masking.maskedRanges(editor).length, (n) => n === 2, 'two masks');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'moved down\n'));
    await waitFor(() => keys(api.testing.masking.maskedRanges(editor)), (k) => k.includes(key(new vscode.Range(2, 18, 2, 18 + id.length))), 'mask follows the edit');
    await sleep(10);
  });
});
