/**
 * `credentialHygiene.scanWorkspace`: every workspace folder scanned exactly as `credential-hygiene scan` does
 * (walk, .gitignore, config excludes, worker threads, policy), with no output of its own.
 */
import path from 'node:path';
import type { Finding } from '../engine';
import { scanPaths, type ScanCliOptions } from '../cli/commands/scan';
import { openProject, PolicyCollector } from '../cli/commands/scan-project';
import type { CliIO } from '../cli/io';
import { DEFAULT_MAX_FILE_BYTES } from '../node/read-text';

export interface WorkspaceScanResult {
  /** Absolute paths. */
  files: { file: string; findings: Finding[] }[];
  filesScanned: number;
  skipped: number;
}

export async function scanWorkspaceFolders(folders: readonly string[], signal?: AbortSignal): Promise<WorkspaceScanResult> {
  const out: WorkspaceScanResult = { files: [], filesScanned: 0, skipped: 0 };
  for (const folder of folders) {
    const io: CliIO = { stdout: () => undefined, stderr: () => undefined, isTTY: false, cwd: folder };
    const opts: ScanCliOptions = {
      paths: ['.'], explicitPaths: false, format: 'json', excludeGlobs: [], gitignore: true,
      maxFileBytes: DEFAULT_MAX_FILE_BYTES, scan: {}, staged: false, noBaseline: false, reportUnused: false,
      config: true, inlineIgnores: true, verify: false,
    };
    const project = await openProject(folder, '.', { config: true, baselineMayBeMissing: true });
    const collector = new PolicyCollector(project, folder, true);
    await scanPaths(opts, io, project, collector, signal);
    const report = collector.finish(Date.now());
    out.filesScanned += report.stats.files;
    out.skipped += report.stats.skipped;
    for (const f of report.files) out.files.push({ file: path.resolve(folder, f.file), findings: f.findings });
  }
  return out;
}
