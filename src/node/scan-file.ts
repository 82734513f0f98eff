import { scan, type ScanOptions } from '../engine';
import { summarizeFile } from '../report';
import { readTextFileSync } from './read-text';
import type { FileScanResult } from './scan-protocol';

/** Reads and scans one file; every failure becomes a `skipped`/`error` entry. */
export async function scanFile(
  path: string,
  opts: ScanOptions,
  maxFileBytes: number,
  withReport = false,
): Promise<FileScanResult> {
  const read = readTextFileSync(path, maxFileBytes);
  if ('skipped' in read) return { path, findings: [], bytes: read.bytes, skipped: read.skipped };
  try {
    const findings = scan(read.text, { ...opts, path });
    const report = withReport ? summarizeFile({ path, text: read.text, findings }) : undefined;
    return { path, findings, bytes: read.bytes, report };
  } catch (e) {
    return { path, findings: [], bytes: read.bytes, error: `scan failed: ${(e as Error).message}` };
  }
}
