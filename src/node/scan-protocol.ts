import type { Finding, ScanOptions } from '../engine';

/** Messages between ScanPool and its workers. Only serialisable data crosses: never a raw secret. */
export type WorkerRequest =
  | { type: 'files'; id: number; paths: string[]; scan: ScanOptions; maxFileBytes: number }
  | { type: 'text'; id: number; text: string; scan: ScanOptions };

export interface FileScanResult {
  path: string;
  findings: Finding[];
  bytes: number;
  skipped?: string;
  error?: string;
}

export type WorkerResponse =
  | { type: 'files'; id: number; results: FileScanResult[] }
  | { type: 'text'; id: number; findings: Finding[] }
  | { type: 'error'; id: number; message: string };
