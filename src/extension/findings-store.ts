/**
 * The per-file findings other features read (diagnostics, findings view, status bar, code actions, later
 * suppressions and remediation). Two layers per URI: `document` (live scan of an open editor buffer) wins over
 * `disk` (workspace scan of a closed file). Findings are stored unfiltered; settings are applied when shown.
 */
import * as vscode from 'vscode';
import type { Finding } from '../engine';

type FindingsOrigin = 'document' | 'disk';

export interface FileFindings {
  readonly uri: vscode.Uri;
  readonly findings: readonly Finding[];
  readonly origin: FindingsOrigin;
  /** Document version the findings belong to (document origin only). */
  readonly version?: number;
  /** Set when the file was not scanned (e.g. "too large"); findings are then empty. */
  readonly skipped?: string;
}

export interface ReadonlyFindingsStore {
  get(uri: vscode.Uri): FileFindings | undefined;
  all(): FileFindings[];
  readonly onDidChange: vscode.Event<readonly vscode.Uri[]>;
}

export class FindingsStore implements ReadonlyFindingsStore, vscode.Disposable {
  private readonly docs = new Map<string, FileFindings>();
  private readonly disk = new Map<string, FileFindings>();
  private readonly emitter = new vscode.EventEmitter<readonly vscode.Uri[]>();
  readonly onDidChange = this.emitter.event;
  private pending = new Map<string, vscode.Uri>();
  private batching = 0;

  get(uri: vscode.Uri): FileFindings | undefined {
    const k = uri.toString();
    return this.docs.get(k) ?? this.disk.get(k);
  }

  getDocument(uri: vscode.Uri): FileFindings | undefined {
    return this.docs.get(uri.toString());
  }

  getDisk(uri: vscode.Uri): FileFindings | undefined {
    return this.disk.get(uri.toString());
  }

  /** Effective entries (document layer wins). */
  all(): FileFindings[] {
    const out = [...this.docs.values()];
    for (const [k, v] of this.disk) if (!this.docs.has(k)) out.push(v);
    return out;
  }

  diskUris(): vscode.Uri[] {
    return [...this.disk.values()].map((e) => e.uri);
  }

  setDocument(uri: vscode.Uri, version: number, findings: readonly Finding[], skipped?: string): void {
    this.docs.set(uri.toString(), { uri, version, findings, origin: 'document', skipped });
    this.changed(uri);
  }

  deleteDocument(uri: vscode.Uri): void {
    if (this.docs.delete(uri.toString())) this.changed(uri);
  }

  setDisk(uri: vscode.Uri, findings: readonly Finding[], skipped?: string): void {
    const k = uri.toString();
    if (findings.length === 0 && !skipped) {
      if (this.disk.delete(k)) this.changed(uri);
      return;
    }
    this.disk.set(k, { uri, findings, origin: 'disk', skipped });
    this.changed(uri);
  }

  deleteDisk(uri: vscode.Uri): void {
    if (this.disk.delete(uri.toString())) this.changed(uri);
  }

  clear(): void {
    const uris = [...this.docs.values(), ...this.disk.values()].map((e) => e.uri);
    this.docs.clear();
    this.disk.clear();
    for (const u of uris) this.changed(u);
  }

  /** Drops the disk layer (workspace scan results); open documents keep their live findings. */
  clearDisk(): void {
    const uris = [...this.disk.values()].map((e) => e.uri);
    this.disk.clear();
    for (const u of uris) this.changed(u);
  }

  /** Coalesces the change events of many updates (workspace scan results) into one. */
  batch<T>(fn: () => T): T {
    this.batching++;
    try {
      return fn();
    } finally {
      if (--this.batching === 0) this.flush();
    }
  }

  private changed(uri: vscode.Uri): void {
    this.pending.set(uri.toString(), uri);
    if (this.batching === 0) this.flush();
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const uris = [...this.pending.values()];
    this.pending = new Map();
    this.emitter.fire(uris);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
