import { scan, scanAscii, type ScanOptions } from '../engine';
import { summarizeFile } from '../report';
import { decodeText, isPlainAsciiText, readBytesSync } from './read-text';
import type { FileScanResult } from './scan-protocol';

/** Reads and scans one file; every failure becomes a `skipped`/`error` entry. */
export async function scanFile(
  path: string,
  opts: ScanOptions,
  maxFileBytes: number,
  withReport = false,
): Promise<FileScanResult> {
  const raw = readBytesSync(path, maxFileBytes);
  if ('skipped' in raw) return { path, findings: [], bytes: raw.bytes, skipped: raw.skipped };
  // Plain ASCII (most source): prefilter the bytes and decode only if a keyword occurs.
  if (!withReport && isPlainAsciiText(raw.buf)) {
    try {
      return { path, findings: scanAscii(raw.buf, () => raw.buf.toString('latin1'), { ...opts, path }), bytes: raw.buf.length };
    } catch (e) {
      return { path, findings: [], bytes: raw.buf.length, error: `scan failed: ${(e as Error).message}` };
    }
  }
  const read = decodeText(raw.buf);
  if ('skipped' in read) return { path, findings: [], bytes: read.bytes, skipped: read.skipped };
  try {
    const findings = scan(read.text, { ...opts, path });
    const report = withReport ? summarizeFile({ path, text: read.text, findings }) : undefined;
    return { path, findings, bytes: read.bytes, report, ...(read.lossy ? { lossy: true } : {}) };
  } catch (e) {
    return { path, findings: [], bytes: read.bytes, error: `scan failed: ${(e as Error).message}` };
  }
}
