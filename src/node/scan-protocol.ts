import type { Finding, ScanOptions } from '../engine';
import type { FileSummary } from '../report';

/** Messages between ScanPool and its workers. Only serialisable data crosses: never a raw secret. */
export type WorkerRequest =
  | { type: 'files'; id: number; paths: string[]; scan: ScanOptions; maxFileBytes: number; withReport?: boolean }
  | { type: 'text'; id: number; text: string; scan: ScanOptions }
  /** Many small texts at once (git history hunks): one message per batch, findings per text in order. */
  | { type: 'texts'; id: number; items: { path: string; text: string }[]; scan: ScanOptions };

export interface FileScanResult {
  path: string;
  findings: Finding[];
  bytes: number;
  skipped?: string;
  error?: string;
  /** Not valid UTF-8: scanned after a lossy decode (invalid sequences as U+FFFD). */
  lossy?: boolean;
  /** With `withReport`: the hygiene-report summary of the file, computed where the text was read. */
  report?: FileSummary;
}

export type WorkerResponse =
  | { type: 'files'; id: number; results: FileScanResult[] }
  | { type: 'text'; id: number; findings: Finding[] }
  | { type: 'texts'; id: number; findings: Finding[][] }
  | { type: 'error'; id: number; message: string };
