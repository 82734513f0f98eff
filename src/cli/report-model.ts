import type { Finding } from '../engine';

/** One file's scan outcome as every CLI formatter sees it (paths relative to the command-line argument). */
interface FileReport {
  file: string;
  findings: Finding[];
}

export interface ScanReport {
  files: FileReport[];
  errors: { file: string; message: string }[];
  /** `lossy`: files that were not valid UTF-8 and were scanned after a lossy decode (see read-text.ts). */
  stats: { files: number; bytes: number; skipped: number; lossy: number; durationMs: number };
}

export function allFindings(report: ScanReport): { file: string; finding: Finding }[] {
  return report.files.flatMap((f) => f.findings.map((finding) => ({ file: f.file, finding })));
}
