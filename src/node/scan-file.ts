import { scan, scanAscii, scanUtf8, type ScanOptions } from '../engine';
import { summarizeFile } from '../report';
import { decodeText, plainTextOf, readBytesSync, ScratchBuffer } from './read-text';
import type { FileScanResult } from './scan-protocol';

const scratch = new ScratchBuffer();

/** Reads and scans one file; every failure becomes a `skipped`/`error` entry. */
export async function scanFile(
  path: string,
  opts: ScanOptions,
  maxFileBytes: number,
  withReport = false,
): Promise<FileScanResult> {
  // Nothing below keeps the bytes past this call (findings hold strings), so the read buffer is reused.
  const raw = readBytesSync(path, maxFileBytes, scratch);
  if ('skipped' in raw) return { path, findings: [], bytes: raw.bytes, skipped: raw.skipped };
  // Plain ASCII or UTF-8 (almost all source): prefilter the bytes and decode only if a keyword occurs.
  const plain = withReport ? undefined : plainTextOf(raw.buf);
  if (plain) {
    const { body } = plain;
    try {
      const findings = plain.kind === 'ascii'
        ? scanAscii(body, () => body.toString('latin1'), { ...opts, path })
        : scanUtf8(body, () => body.toString('utf8'), { ...opts, path });
      return { path, findings, bytes: raw.buf.length };
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
