/**
 * The language server over real stdio JSON-RPC: diagnostics (ranges, codes, no secret), code actions (fixes
 * before suppressions), incremental edits, settings, project policy (config, baseline) and the workspace scan.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fakeAwsKeyId, fakeAwsSecret } from '../cli/fake-secrets';
import { fakeGithubToken, TestClient } from './lsp-client';

const KEY_ID = fakeAwsKeyId(901);
const SECRET = fakeAwsSecret(901);
const TOKEN = fakeGithubToken(902);
const TOKEN2 = fakeGithubToken(903);

const SOURCE = [
  "import { S3Client } from '@aws-sdk/client-s3';",
  '',
  'export const client = new S3Client({',
  "  region: 'eu-west-1',",
  '  credentials: {',
  `    accessKeyId: '${KEY_ID}',`,
  `    secretAccessKey: '${SECRET}',`,
  '  },',
  '});',
  '',
  `const githubToken = '${TOKEN}';`,
  'export function hello(): string { return githubToken.length > 0 ? "hi" : ""; }',
  '',
].join('\n');

describe('language server (lsp --stdio)', function () {
  this.timeout(30000);
  let dir: string;
  let client: TestClient;
  let uri: string;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ch-lsp-'));
    writeFileSync(path.join(dir, 'app.ts'), SOURCE);
    uri = pathToFileURL(path.join(dir, 'app.ts')).toString();
    client = new TestClient(dir);
    const init = await client.initialize(dir);
    assert.ok(init.capabilities.codeActionProvider, 'code actions advertised');
  });

  afterEach(async () => {
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (text = SOURCE, u = uri, languageId = 'typescript') =>
    client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId, version: 1, text } });

  it('publishes diagnostics on exactly the credential lines, with rule codes and no secret', async () => {
    await open();
    const d = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual([...new Set(d.diagnostics.map((x) => x.range.start.line))].sort((a, b) => a - b), [5, 6, 10]);
    for (const x of d.diagnostics) {
      assert.equal(x.source, 'credential-hygiene');
      assert.match(String(x.code), /^[a-z0-9-]+$/);
      for (const s of [KEY_ID, SECRET, TOKEN]) assert.ok(!x.message.includes(s) && !JSON.stringify(x).includes(s), 'no secret in a diagnostic');
    }
    const keyId = d.diagnostics.find((x) => x.code === 'aws-access-key-id')!;
    assert.deepEqual(keyId.range, { start: { line: 5, character: 18 }, end: { line: 5, character: 18 + KEY_ID.length } });
  });

  it('offers the default-chain fix first and suppressions last, as workspace edits that remove the key', async () => {
    await open();
    const d = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    const keyDiag = d.diagnostics.find((x) => x.code === 'aws-access-key-id')!;
    const actions = await client.conn.sendRequest<{ title: string; isPreferred?: boolean; edit?: { changes: Record<string, { range: unknown; newText: string }[]> }; command?: { command: string } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: keyDiag.range, context: { diagnostics: [keyDiag] } },
    );
    const titles = actions.map((a) => a.title);
    const chain = titles.findIndex((t) => /default credential chain/i.test(t));
    const firstSuppression = titles.findIndex((t) => /^(Ignore|Add to baseline)/.test(t));
    assert.ok(chain >= 0, `default-chain action offered: ${titles.join(' | ')}`);
    assert.ok(firstSuppression > chain, 'fixes come before suppressions');
    assert.ok(titles.some((t) => t.startsWith('Add to baseline')));
    assert.equal(actions[chain].isPreferred, true);
    const edits = actions[chain].edit!.changes[uri];
    const applied = applyLspEdits(SOURCE, edits as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]);
    assert.ok(!applied.includes(KEY_ID) && !applied.includes(SECRET), 'the fix removes the key pair');
    assert.match(applied, /new S3Client\(/);
  });

  it('rescans incremental edits: a token typed into the buffer gets a diagnostic', async () => {
    await open();
    await client.diagnostics(uri, (p) => p.diagnostics.length === 3);
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, text: `const other = "${TOKEN2}";\n` }],
    });
    const d = await client.diagnostics(uri, (p) => p.version === 2);
    assert.ok(d.diagnostics.some((x) => x.range.start.line === 12), 'new line flagged');
    assert.equal(d.diagnostics.length, 4);
  });

  it('honours workspace/configuration: disabled clears, kinds filter', async () => {
    client.settings = { kinds: ['github-token'] };
    await open();
    const only = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(only.diagnostics.map((x) => x.range.start.line), [10]);
    client.settings = { enable: false };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
  });

  it('applies the project config and inline ignores, and Add to baseline hides the finding', async () => {
    writeFileSync(path.join(dir, '.credential-hygiene.json'), JSON.stringify({ rules: { 'aws-secret-access-key': 'off', 'aws-secret-access-key-near-key-id': 'off' } }));
    const ignored = SOURCE.replace(`const githubToken = '${TOKEN}';`, `const githubToken = '${TOKEN}'; // credential-hygiene:ignore -- test value`);
    await open(ignored);
    const d = await client.diagnostics(uri, (p) => p.diagnostics.length > 0);
    const codes = d.diagnostics.map((x) => x.code);
    assert.ok(codes.includes('aws-access-key-id'));
    assert.ok(!codes.includes('aws-secret-access-key-near-key-id') && !codes.includes('aws-secret-access-key'), 'rules off in config');
    assert.ok(!d.diagnostics.some((x) => x.range.start.line === 10), 'inline ignore honoured');
    const keyDiag = d.diagnostics.find((x) => x.code === 'aws-access-key-id')!;
    const r = await client.conn.sendRequest<{ ok: boolean; baseline: string }>('workspace/executeCommand', {
      command: 'credentialHygiene.addToBaseline',
      arguments: [{ uri, ruleId: 'aws-access-key-id', fingerprint: (keyDiag.data as { fingerprint: string }).fingerprint }],
    });
    assert.equal(r.ok, true);
    const baseline = readFileSync(path.join(dir, '.credential-hygiene-baseline.json'), 'utf8');
    assert.match(baseline, /"app\.ts"/);
    assert.ok(!baseline.includes(KEY_ID));
    await client.diagnostics(uri, (p) => !p.diagnostics.some((x) => x.code === 'aws-access-key-id'));
  });

  it('scans the workspace on request and publishes findings of files that are not open', async () => {
    writeFileSync(path.join(dir, 'deploy.env'), `GITHUB_TOKEN=${TOKEN2}\n`);
    const r = await client.conn.sendRequest<{ files: number; findings: number }>('workspace/executeCommand', { command: 'credentialHygiene.scanWorkspace' });
    assert.ok(r.files >= 2);
    assert.ok(r.findings >= 4, `findings: ${r.findings}`);
    const envUri = pathToFileURL(path.join(dir, 'deploy.env')).toString();
    const d = await client.diagnostics(envUri, (p) => p.diagnostics.length > 0);
    assert.equal(d.diagnostics[0].range.start.line, 0);
  });

  it('scans unsaved buffers too', async () => {
    const untitled = 'untitled:Untitled-1';
    await open(`token = "${TOKEN}"\n`, untitled, 'python');
    const d = await client.diagnostics(untitled, (p) => p.diagnostics.length > 0);
    assert.equal(d.diagnostics.length, 1);
  });
});

function applyLspEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  return [...edits]
    .sort((a, b) => off(b.range.start) - off(a.range.start))
    .reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}
