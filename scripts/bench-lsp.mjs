// Keystroke → diagnostics latency of the two editor paths, measured in one run on the same 10,000-line document
// and the same edits (part of `npm run bench`; also `node scripts/bench-lsp.mjs`):
//  (a) in process, as the VS Code extension does it: scanIncremental over the edited lines + diagnostics objects;
//  (b) through the language server (`credential-hygiene lsp --stdio`): didChange → publishDiagnostics round trip
//      over JSON-RPC, debounce 0.
// Prints p50/p95 of each and the ratio. Nothing here is a test.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const require = createRequire(import.meta.url);
const { scan, scanIncremental } = require(path.join(root, 'out/src/engine/index.js'));
const rpc = require('vscode-jsonrpc/node');

const EDITS = Number(process.argv[process.argv.indexOf('--edits') + 1]) || 300;
const LINES = 10000;

function documentText() {
  const block = [
    "import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';",
    'export async function load(bucket: string, key: string): Promise<string> {',
    "  const client = new S3Client({ region: process.env.AWS_REGION ?? 'us-east-1' });",
    '  const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));',
    '  const token = process.env.API_TOKEN; // credentials come from the environment',
    '  return (await out.Body?.transformToString()) ?? "";',
    '}',
    '',
  ];
  const lines = [];
  while (lines.length < LINES) lines.push(...block);
  return lines.slice(0, LINES).join('\n') + '\n';
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

function inProcess(text) {
  let findings = scan(text, { languageId: 'typescript' });
  const times = [];
  const lines = text.split('\n');
  for (let i = 0; i < EDITS; i++) {
    const line = 100 + ((i * 37) % (LINES - 200));
    lines[line] = lines[line] + 'x';
    const next = lines.join('\n');
    const t0 = performance.now();
    findings = scanIncremental(next, findings, { startLine: line + 1, endLine: line + 1, lineDelta: 0 }, { languageId: 'typescript' });
    findings.map((f) => ({ range: [f.start, f.end], message: f.message, code: f.ruleId, source: 'credential-hygiene' }));
    times.push(performance.now() - t0);
  }
  return times;
}

async function viaServer(text) {
  const child = spawn(process.execPath, [path.join(root, 'bin/credential-hygiene.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => waiting.get(p.version)?.());
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ debounceMs: 0 })));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const uri = pathToFileURL(path.join(root, '.bench', 'latency.ts')).toString();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const published = (v) => new Promise((r) => waiting.set(v, r));
  let p = published(1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  await p;
  const times = [];
  for (let i = 0; i < EDITS; i++) {
    const version = i + 2;
    const line = 100 + ((i * 37) % (LINES - 200));
    p = published(version);
    const t0 = performance.now();
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' }],
    });
    await p;
    times.push(performance.now() - t0);
  }
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  return times;
}

const text = documentText();
const a = inProcess(text);
const b = await viaServer(text);
const fmt = (t) => `p50 ${pct(t, 50).toFixed(2)} ms, p95 ${pct(t, 95).toFixed(2)} ms`;
console.log(`keystroke → diagnostics, ${LINES}-line TypeScript document, ${EDITS} one-character edits`);
console.log(`  in process (extension path):  ${fmt(a)}`);
console.log(`  language server (stdio):      ${fmt(b)}`);
console.log(`  ratio server / in process:    p50 ${(pct(b, 50) / pct(a, 50)).toFixed(1)}×, p95 ${(pct(b, 95) / pct(a, 95)).toFixed(1)}×`);
