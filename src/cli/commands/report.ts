import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildReportForPaths } from '../../node/build-report';
import { writeFileAtomic } from '../../node/write-atomic';
import { renderHtml, renderJson, renderMarkdown, type HygieneReport } from '../../report';
import { UsageError, type CliIO } from '../io';
import { VERSION } from '../version';
import { historyReportOf } from '../../node/git-history';
import { GitError } from '../../node/git';
import { ConfigError } from '../../node/config';
import { scanHistoryWithPolicy } from './scan-history';
import type { HistoryScanResult } from '../../node/git-history';
import { assess } from '../../node/assessment';

/** The history walk with the project's policy (as `scan --history`): for `--history` and the assessment trend. */
async function historyScan(opts: ReportCliOptions, io: CliIO): Promise<HistoryScanResult> {
  const { result } = await scanHistoryWithPolicy(
    { paths: opts.paths.slice(0, 1), excludeGlobs: opts.excludeGlobs, maxFileBytes: opts.maxFileBytes, scan: {}, noBaseline: false, config: true, inlineIgnores: true },
    io,
  );
  if (result.partial) io.stderr(`credential-hygiene report: git history is partial (${result.partial})\n`);
  return result;
}
import { checkExplicitPath } from './scan';

const REPORT_HELP = `Usage: credential-hygiene report [PATH...] [options]

Credential hygiene report for files and directories (default: .): which AWS SDK clients use the default
credential chain / roles versus static keys or keys from config/env, credential findings by kind, file and
folder, the share of secrets already fetched from Secrets Manager, and a 0-100 score (see docs/report.md).

Options:
  -f, --format markdown|json|html   output format (default: markdown)
  -o, --output FILE                 write the report to FILE instead of stdout
      --exclude GLOB                skip paths matching GLOB (repeatable; minimatch)
      --no-gitignore                do not honour .gitignore files
      --max-file-size KB            skip files larger than this (default: 2048)
      --check-rotation              ask AWS Secrets Manager (DescribeSecret, default credential chain) whether
                                    each secret id the code reads rotates; never reads a value (network)
      --no-trend                    skip the git history walk behind the assessment's monthly trend
      --history                     also scan git history (every commit of every ref; slower): counts the
                                    secrets found only in history, still to rotate (see docs/history.md)
  -h, --help                        show this help

Secret values never appear in the report (findings are masked).
Exit codes: 0 report written, 2 usage or fatal error.
`;

type ReportFormat = 'markdown' | 'json' | 'html';

export interface ReportCliOptions {
  paths: string[];
  format: ReportFormat;
  output?: string;
  excludeGlobs: string[];
  gitignore: boolean;
  maxFileBytes: number;
  history?: boolean;
  checkRotation?: boolean;
  trend?: boolean;
}

const FORMATS: ReportFormat[] = ['markdown', 'json', 'html'];

export function parseReportArgs(argv: string[]): ReportCliOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'markdown' },
      output: { type: 'string', short: 'o' },
      exclude: { type: 'string', multiple: true, default: [] },
      'no-gitignore': { type: 'boolean', default: false },
      'max-file-size': { type: 'string' },
      history: { type: 'boolean', default: false },
      'check-rotation': { type: 'boolean', default: false },
      'no-trend': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const raw = (values.format as string).toLowerCase();
  const format = (raw === 'md' ? 'markdown' : raw) as ReportFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown --format '${values.format}' (markdown, json, html)`);
  let maxKb = 2048;
  if (values['max-file-size'] !== undefined) {
    maxKb = Number(values['max-file-size']);
    if (!Number.isInteger(maxKb) || maxKb <= 0) throw new UsageError(`--max-file-size needs a positive whole number, got '${values['max-file-size']}'`);
  }
  if (values.output === '') throw new UsageError('--output needs a file name');
  return {
    paths: positionals.length ? positionals : ['.'],
    format,
    output: values.output,
    excludeGlobs: values.exclude as string[],
    gitignore: !values['no-gitignore'],
    maxFileBytes: maxKb * 1024,
    ...(values.history ? { history: true } : {}),
    checkRotation: values['check-rotation'] as boolean,
    trend: !values['no-trend'],
  };
}

function renderReport(report: HygieneReport, format: ReportFormat): string {
  if (format === 'json') return renderJson(report);
  if (format === 'html') return renderHtml(report);
  return renderMarkdown(report);
}

export async function runReport(argv: string[], io: CliIO): Promise<number> {
  const opts = parseReportArgs(argv);
  if (opts === 'help') {
    io.stdout(REPORT_HELP);
    return 0;
  }
  for (const p of opts.paths) await checkExplicitPath(path.resolve(io.cwd, p), p);
  let last = 0;
  const { report, stats, skipped } = await buildReportForPaths(opts.paths, { ...opts, tool: { name: 'credential-hygiene', version: VERSION } }, undefined, (s) => {
    if (io.isTTY && Date.now() - last > 100) {
      last = Date.now();
      io.stderr(`\rscanned ${s.files} files…`);
    }
  });
  if (io.isTTY && last) io.stderr('\r\x1b[K');
  let history: HistoryScanResult | undefined;
  let historyProblem: string | undefined;
  if (opts.history || opts.trend) {
    try {
      history = await historyScan(opts, io);
    } catch (e) {
      if (!(e instanceof GitError || e instanceof ConfigError)) throw e;
      if (opts.history) throw new UsageError(`--history: ${e.message}`);
      historyProblem = e.message;
    }
  }
  if (opts.history && history) report.history = historyReportOf(history);
  report.assessment = await assess(report, { root: path.resolve(io.cwd, opts.paths[0]), history: opts.trend ? history : undefined, historyProblem: opts.trend ? historyProblem : 'skipped (--no-trend)', 
    notice: (m) => io.stderr(`check-rotation: ${m}\n`),
    rotationSdk: opts.checkRotation
      ? async () => {
          process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
          return import('@aws-sdk/client-secrets-manager');
        }
      : undefined,
  });
  const out = renderReport(report, opts.format);
  if (opts.output) {
    await writeFileAtomic(opts.output, out);
    io.stderr(`report written to ${opts.output} (${stats.files} files, ${report.totals.clients} SDK clients, ${report.totals.findings} findings, score ${report.score.value})\n`);
  } else io.stdout(out);
  if (skipped.length && io.isTTY) io.stderr(`${skipped.length} paths skipped (binary, too large, unreadable…)\n`);
  return 0;
}

