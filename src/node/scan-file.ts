import { scan, type ScanOptions } from '../engine';
import { readTextFile } from './read-text';
import type { FileScanResult } from './scan-protocol';

/** Reads and scans one file; every failure becomes a `skipped`/`error` entry. */
export async function scanFile(path: string, opts: ScanOptions, maxFileBytes: number): Promise<FileScanResult> {
  const read = await readTextFile(path, maxFileBytes);
  if ('skipped' in read) return { path, findings: [], bytes: read.bytes, skipped: read.skipped };
  try {
    return { path, findings: scan(read.text, { ...opts, path }), bytes: read.bytes };
  } catch (e) {
    return { path, findings: [], bytes: read.bytes, error: `scan failed: ${(e as Error).message}` };
  }
}
