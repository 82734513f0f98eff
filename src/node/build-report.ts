import { ReportBuilder, type HygieneReport } from '../report';
import { ScanPool } from './scan-pool';
import { walkFiles } from './walk';

export interface CollectStats {
  files: number;
  skipped: number;
}

export interface BuildReportOptions {
  excludeGlobs?: string[];
  gitignore?: boolean;
  maxFileBytes?: number;
  threads?: number;
  /** The bundled extension passes its own worker entry. */
  workerPath?: string;
  /** How a walked path appears in the report (e.g. relative to a workspace folder). Default: as walked. */
  displayPath?: (walked: string) => string;
  tool?: { name: string; version: string };
}

/**
 * Walks, reads and scans files on worker threads and builds the hygiene report. Workers return only per-file
 * summaries (no text), so this is safe to call from the extension host: it never scans on the caller's thread.
 */
export async function buildReportForPaths(
  paths: string[],
  opts: BuildReportOptions = {},
  signal?: AbortSignal,
  onProgress?: (stats: CollectStats) => void,
): Promise<{ report: HygieneReport; stats: CollectStats; skipped: { path: string; reason: string }[] }> {
  const builder = new ReportBuilder();
  const stats: CollectStats = { files: 0, skipped: 0 };
  const skipped: { path: string; reason: string }[] = [];
  const pool = new ScanPool({ threads: opts.threads, workerPath: opts.workerPath, maxFileBytes: opts.maxFileBytes });
  try {
    const walked = walkFiles(paths, { excludeGlobs: opts.excludeGlobs ?? [], respectGitignore: opts.gitignore !== false }, signal);
    const files = (async function* () {
      for await (const entry of walked) {
        if (!entry.skipped) yield entry.path;
        else {
          stats.skipped++;
          skipped.push({ path: entry.path, reason: entry.skipped });
        }
      }
    })();
    await pool.scanFiles(
      files,
      { withReport: true },
      (r) => {
        if (r.report) {
          builder.addSummary(r.report, opts.displayPath ? opts.displayPath(r.path) : r.path);
          stats.files++;
        } else {
          stats.skipped++;
          skipped.push({ path: r.path, reason: r.error ?? r.skipped ?? 'not scanned' });
        }
        onProgress?.(stats);
      },
      signal,
    );
  } finally {
    await pool.dispose();
  }
  return { report: builder.build({ tool: opts.tool }), stats, skipped };
}
