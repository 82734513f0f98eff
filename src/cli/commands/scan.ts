import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FINDING_KINDS, type FindingKind, type ScanOptions } from '../../engine';
import { ScanPool } from '../../node/scan-pool';
import { walkFiles } from '../../node/walk';
import { formatJson } from '../formatters/json';
import { formatSarif } from '../formatters/sarif';
import { formatText } from '../formatters/text';
import { UsageError, type CliIO } from '../io';
import type { FileReport, ScanReport } from '../report-model';

export const SCAN_HELP = `Usage: credential-hygiene scan [PATH...] [options]

Scans files and directories (default: .) for hardcoded credentials.

Options:
  -f, --format text|json|sarif   output format (default: text)
  -o, --output FILE              write the report to FILE instead of stdout
      --exclude GLOB             skip paths matching GLOB (repeatable; minimatch)
      --no-gitignore             do not honour .gitignore files
      --kinds K1,K2              only report these finding kinds
      --max-file-size KB         skip files larger than this (default: 2048)
      --threads N                worker threads (default: CPU count, max 4)
  -h, --help                     show this help

Exit codes: 0 no findings, 1 findings, 2 usage or fatal error.
`;

export interface ScanCliOptions {
  paths: string[];
  format: 'text' | 'json' | 'sarif';
  output?: string;
  excludeGlobs: string[];
  gitignore: boolean;
  maxFileBytes: number;
  threads?: number;
  scan: ScanOptions;
}

export function parseScanArgs(argv: string[]): ScanCliOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      output: { type: 'string', short: 'o' },
      exclude: { type: 'string', multiple: true, default: [] },
      'no-gitignore': { type: 'boolean', default: false },
      kinds: { type: 'string' },
      'max-file-size': { type: 'string' },
      threads: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const format = values.format as string;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown --format '${format}' (text, json, sarif)`);
  const kinds = values.kinds?.split(',').map((k) => k.trim()).filter(Boolean) as FindingKind[] | undefined;
  for (const k of kinds ?? []) if (!FINDING_KINDS.includes(k)) throw new UsageError(`unknown kind '${k}'`);
  return {
    paths: positionals.length ? positionals : ['.'],
    format: format as ScanCliOptions['format'],
    output: values.output,
    excludeGlobs: values.exclude as string[],
    gitignore: !values['no-gitignore'],
    maxFileBytes: positiveInt(values['max-file-size'], '--max-file-size', 2048) * 1024,
    threads: values.threads === undefined ? undefined : positiveInt(values.threads, '--threads', 1),
    scan: kinds ? { kinds } : {},
  };
}

function positiveInt(v: string | undefined, flag: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} needs a positive whole number, got '${v}'`);
  return n;
}

/** Walks, scans on worker threads, and collects a report; progress goes to stderr on a TTY only. */
export async function scanPaths(opts: ScanCliOptions, io: CliIO, signal?: AbortSignal): Promise<ScanReport> {
  const started = Date.now();
  const files: FileReport[] = [];
  const errors: ScanReport['errors'] = [];
  const stats = { files: 0, bytes: 0, skipped: 0, durationMs: 0 };
  const pool = new ScanPool({ threads: opts.threads, maxFileBytes: opts.maxFileBytes });
  let lastProgress = 0;
  try {
    const entries = walkFiles(opts.paths, { excludeGlobs: opts.excludeGlobs, respectGitignore: opts.gitignore }, signal);
    const paths = (async function* () {
      for await (const e of entries) {
        if (e.skipped) {
          stats.skipped++;
          errors.push({ file: e.path, message: `skipped: ${e.skipped}` });
        } else yield e.path;
      }
    })();
    await pool.scanFiles(
      paths,
      { scan: opts.scan },
      (r) => {
        if (r.skipped || r.error) {
          stats.skipped++;
          errors.push({ file: r.path, message: r.error ?? `skipped: ${r.skipped}` });
        } else {
          stats.files++;
          stats.bytes += r.bytes;
        }
        if (r.findings.length) files.push({ file: r.path, findings: r.findings });
        if (io.isTTY && Date.now() - lastProgress > 100) {
          lastProgress = Date.now();
          io.stderr(`\rscanned ${stats.files} files…`);
        }
      },
      signal,
    );
  } finally {
    await pool.dispose();
    if (io.isTTY && lastProgress) io.stderr('\r\x1b[K');
  }
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  errors.sort((a, b) => (a.file < b.file ? -1 : 1));
  stats.durationMs = Date.now() - started;
  return { files, errors, stats };
}

export function render(report: ScanReport, format: ScanCliOptions['format'], color: boolean): string {
  if (format === 'json') return formatJson(report);
  if (format === 'sarif') return formatSarif(report);
  return formatText(report, color);
}

export async function runScan(argv: string[], io: CliIO): Promise<number> {
  const opts = parseScanArgs(argv);
  if (opts === 'help') {
    io.stdout(SCAN_HELP);
    return 0;
  }
  for (const p of opts.paths) {
    try {
      await fs.stat(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
  }
  const report = await scanPaths(opts, io);
  const out = render(report, opts.format, io.isTTY && !opts.output);
  if (opts.output) await writeFileAtomic(opts.output, out);
  else io.stdout(out);
  return report.files.some((f) => f.findings.length) ? 1 : 0;
}

export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await fs.writeFile(tmp, data);
  await fs.rename(tmp, file);
}
