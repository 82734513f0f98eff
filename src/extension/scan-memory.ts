/**
 * Keeps the last workspace scan across window reloads (issue 16 point 5): the disk findings (masked values and
 * fingerprints only, never a secret) with each file's size and mtime, in workspace state. On restore, a file
 * whose size or mtime changed is rescanned instead of trusted; a file watcher keeps the set current after that.
 */
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import type { Finding } from '../engine';

const KEY = 'credentialHygiene.lastWorkspaceScan';
const VERSION = 1;
/** Above this many findings the scan is not persisted (the user is offered a rescan instead). */
const MAX_PERSISTED_FINDINGS = 5000;

export interface PersistedFile {
  path: string;
  mtimeMs: number;
  size: number;
  findings: Finding[];
}

export interface PersistedScan {
  version: number;
  /** Epoch ms when the scan finished. */
  at: number;
  /** Files the scan looked at. */
  files: number;
  roots: string[];
  entries: PersistedFile[];
  /** Too many findings to keep: only the summary was saved. */
  truncated?: boolean;
}

export class ScanMemory {
  constructor(private readonly memento: vscode.Memento) {}

  load(): PersistedScan | undefined {
    const v = this.memento.get<PersistedScan>(KEY);
    return v && v.version === VERSION && Array.isArray(v.entries) ? v : undefined;
  }

  async save(scan: Omit<PersistedScan, 'version' | 'entries' | 'truncated'>, files: { path: string; findings: readonly Finding[] }[]): Promise<void> {
    const total = files.reduce((n, f) => n + f.findings.length, 0);
    const entries: PersistedFile[] = [];
    if (total <= MAX_PERSISTED_FINDINGS) {
      for (const f of files) {
        try {
          const st = await fs.stat(f.path);
          entries.push({ path: f.path, mtimeMs: st.mtimeMs, size: st.size, findings: f.findings.map(stripFinding) });
        } catch {
          // gone since the scan: nothing to keep
        }
      }
    }
    await this.memento.update(KEY, { ...scan, version: VERSION, entries, truncated: total > MAX_PERSISTED_FINDINGS || undefined } satisfies PersistedScan);
  }

  clear(): Thenable<void> {
    return this.memento.update(KEY, undefined);
  }

  /** Splits saved entries into still-valid ones and files that changed (or vanished) since the scan. */
  static async validate(scan: PersistedScan): Promise<{ valid: PersistedFile[]; changed: string[]; gone: string[] }> {
    const valid: PersistedFile[] = [];
    const changed: string[] = [];
    const gone: string[] = [];
    for (const e of scan.entries) {
      try {
        const st = await fs.stat(e.path);
        if (st.mtimeMs === e.mtimeMs && st.size === e.size) valid.push(e);
        else changed.push(e.path);
      } catch {
        gone.push(e.path);
      }
    }
    return { valid, changed, gone };
  }
}

/** Only the fields the views need; a Finding never holds the secret, this keeps it that way explicitly. */
function stripFinding(f: Finding): Finding {
  return {
    ruleId: f.ruleId, kind: f.kind, severity: f.severity, message: f.message, start: f.start, end: f.end,
    startOffset: f.startOffset, endOffset: f.endOffset, secretMasked: f.secretMasked, fingerprint: f.fingerprint,
  };
}

export function ago(at: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'} ago`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} hour${h === 1 ? '' : 's'} ago`;
  return `${Math.round(h / 24)} days ago`;
}
