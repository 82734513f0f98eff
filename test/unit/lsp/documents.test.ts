/** Incremental sync keeps each document's findings equal to a full scan of its current text. */
import assert from 'node:assert/strict';
import { scan } from '../../../src/engine';
import { OpenDocuments } from '../../../src/lsp/documents';
import { fakeAwsKeyId, fakeAwsSecret } from '../cli/fake-secrets';
import { fakeGithubToken } from './lsp-client';

describe('lsp OpenDocuments', () => {
  const policy = { opts: { languageId: 'python' }, apply: (_t: string, raw: readonly never[]) => [...raw] };
  const key = (f: { ruleId: string; startOffset: number; fingerprint: string }) => `${f.ruleId}@${f.startOffset}:${f.fingerprint}`;

  it('follows inserts, deletions and multi-line edits with findings equal to a full scan', () => {
    const docs = new OpenDocuments();
    const base = ['import os', '', 'def main():', '    return 1', ''].join('\n');
    const d = docs.open('file:///x.py', 'python', 1, base);
    d.policy = policy as never;
    d.raw = scan(base, policy.opts);
    const edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[] = [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: `aws_access_key_id = "${fakeAwsKeyId(5)}"\n` },
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: `aws_secret_access_key = "${fakeAwsSecret(5)}"\ntoken = "${fakeGithubToken(6)}"\n` },
      { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' },
      { range: { start: { line: 2, character: 10 }, end: { line: 2, character: 12 } }, text: 'Zz' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# header\n# more\n' },
    ];
    let version = 1;
    for (const e of edits) {
      docs.change({ textDocument: { uri: 'file:///x.py', version: ++version }, contentChanges: [e] });
      assert.ok(d.raw, 'findings kept current');
      assert.deepEqual(d.raw!.map(key).sort(), scan(d.doc.getText(), policy.opts).map(key).sort(), `after edit ${version - 1}`);
    }
    assert.ok(d.raw!.length >= 2);
  });

  it('a whole-text replacement asks for a full scan', () => {
    const docs = new OpenDocuments();
    const d = docs.open('file:///y.py', 'python', 1, 'x = 1\n');
    d.policy = policy as never;
    d.raw = [];
    docs.change({ textDocument: { uri: 'file:///y.py', version: 2 }, contentChanges: [{ text: 'y = 2\n' }] });
    assert.equal(d.raw, undefined);
    assert.equal(d.doc.getText(), 'y = 2\n');
  });
});
