/** A minimal LSP client for tests: spawns `credential-hygiene lsp --stdio` and speaks JSON-RPC to it. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { base62Encode, crc32 } from '../../../src/engine/checksums';
import { fakeRng } from '../cli/fake-secrets';

export const BIN = path.resolve(__dirname, '../../../../bin/credential-hygiene.js');

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; message: string; code?: string; source?: string; data?: unknown }[];
}

/** A well-formed, fake GitHub token (valid CRC-32 checksum, random body from a seed). */
export function fakeGithubToken(seed: number): string {
  const rng = fakeRng(seed);
  let body = '';
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let i = 0; i < 30; i++) body += A[Math.floor(rng() * A.length)];
  return `ghp_${body}${base62Encode(crc32(body), 6)}`;
}

export class TestClient {
  readonly conn: MessageConnection;
  readonly child: ChildProcess;
  readonly published = new Map<string, PublishedDiagnostics>();
  private waiters: (() => void)[] = [];
  settings: Record<string, unknown> = {};
  stderr = '';

  constructor(cwd: string) {
    this.child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (b) => (this.stderr += b));
    this.conn = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.set(p.uri, p);
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('window/showMessage', () => undefined);
    this.conn.listen();
  }

  async initialize(root: string): Promise<{ capabilities: Record<string, unknown> }> {
    const uri = pathToFileURL(root).toString();
    const r = await this.conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'ws' }],
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: {} } },
    });
    await this.conn.sendNotification('initialized', {});
    return r;
  }

  /** Resolves with the diagnostics of `uri` once `pred` holds for them (or rejects after `ms`). */
  async diagnostics(uri: string, pred: (d: PublishedDiagnostics) => boolean = () => true, ms = 10000): Promise<PublishedDiagnostics> {
    const deadline = Date.now() + ms;
    for (;;) {
      const cur = this.published.get(uri);
      if (cur && pred(cur)) return cur;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching diagnostics for ${uri} within ${ms} ms (last: ${JSON.stringify(cur?.diagnostics.map((d) => d.range.start.line))})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 3000);
      this.child.on('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.conn.dispose();
  }
}
