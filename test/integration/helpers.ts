/** Helpers shared by the integration tests (run inside the extension host). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CredentialHygieneApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'credential-hygiene.credential-hygiene';
export const SOURCE = 'credential-hygiene';

export async function getApi(): Promise<CredentialHygieneApi> {
  const ext = vscode.extensions.getExtension<CredentialHygieneApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in the host`);
  return ext.isActive ? ext.exports : ext.activate();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until `ok(value)`; fails with the last value after `ms`. */
export async function waitFor<T>(fn: () => T, ok: (v: T) => boolean, what: string, ms = 10000): Promise<T> {
  const end = Date.now() + ms;
  let v = fn();
  while (!ok(v)) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}; last value: ${summarize(v)}`);
    await sleep(25);
    v = fn();
  }
  return v;
}

function summarize(v: unknown): string {
  if (Array.isArray(v)) return `[${v.length} items] ${v.map((d) => (d instanceof vscode.Diagnostic ? fmt(d) : String(d))).join('; ')}`;
  return String(v);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function waitForDiagnostics(uri: vscode.Uri, count: number, what = uri.path.split('/').pop() ?? '', ms = 10000) {
  return waitFor(() => ours(uri), (d) => d.length === count, `${count} diagnostic(s) on ${what}`, ms);
}

export function fmt(d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return `${code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} sev=${d.severity}`;
}

export function ruleOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

/** Workspace folder by name. */
export function folder(name: string): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((w) => w.name === name);
  assert.ok(f, `workspace folder ${name} not open`);
  return f;
}

export function fileIn(folderName: string, rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(folderName).uri, ...rel.split('/'));
}

/** Range of the first match of `re` in a document's text. */
export function rangeOf(doc: vscode.TextDocument, re: RegExp): vscode.Range {
  const m = re.exec(doc.getText());
  assert.ok(m, `pattern ${re} not in ${doc.uri.path}`);
  return new vscode.Range(doc.positionAt(m.index), doc.positionAt(m.index + m[0].length));
}

export const AWS_KEY_ID = /(?:AKIA|ASIA)[A-Z2-7]{16}/;

/** Seeded PRNG (mulberry32): fake but well-formed values, identical on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** A fake AKIA key id (random base32 body, never the documentation example). */
export function fakeKeyId(rand: () => number): string {
  let body = '';
  while (body.length < 16) body += B32[Math.floor(rand() * 32)];
  if (!/[2-7]/.test(body)) body = '7' + body.slice(1);
  return 'AKIA' + body;
}

/** Labels written by gen-fixture-secrets next to the workspace file: generated secrets by file/line/kind. */
export function labels(): { file: string; line: number; kind: string }[] {
  const wsFile = vscode.workspace.workspaceFile;
  const dir = wsFile ? path.dirname(wsFile.fsPath) : path.dirname(vscode.workspace.workspaceFolders![0].uri.fsPath);
  return fs
    .readFileSync(path.join(dir, 'labels.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

const undo: (() => Thenable<void>)[] = [];

/** Updates a credentialHygiene setting and remembers the previous value for `restoreSettings`. */
export async function setSetting(key: string, value: unknown, target: vscode.ConfigurationTarget, scope?: vscode.Uri): Promise<void> {
  const c = vscode.workspace.getConfiguration('credentialHygiene', scope);
  const i = c.inspect(key);
  const prev =
    target === vscode.ConfigurationTarget.Global ? i?.globalValue : target === vscode.ConfigurationTarget.Workspace ? i?.workspaceValue : i?.workspaceFolderValue;
  await c.update(key, value, target);
  undo.push(() => c.update(key, prev, target));
}

export async function restoreSettings(): Promise<void> {
  while (undo.length) await undo.pop()!();
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
