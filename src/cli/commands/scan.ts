import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FINDING_KINDS, type FindingKind, type ScanOptions } from '../../engine';
import { customRuleSpecs } from '../../engine/custom-rules';
import { ignoreCommentFor } from '../../engine/suppress';
import { CONFIG_FILE, ConfigError, type ProjectConfig } from '../../node/config';
import { GitError } from '../../node/git';
import { excludedByConfig, scanOptionsFor } from '../../node/policy';
import { readTextFile } from '../../node/read-text';
import { kindOf } from '../../node/read-regular';
import { ScanPool, type PathToScan } from '../../node/scan-pool';
import { writeFileAtomic } from '../../node/write-atomic';
import { walkFiles } from '../../node/walk';
import { formatJson } from '../formatters/json';
import { formatSarif } from '../formatters/sarif';
import { escapeControl } from '../formatters/escape';
import { formatText } from '../formatters/text';
import { paint, UsageError, type CliIO } from '../io';
import type { ScanReport } from '../report-model';
import { scanGitChanges } from './scan-git';
import type { ScanCliOptions } from './scan-options';
import { scanHistoryCommand } from './scan-history';
import { verifyReport } from './verify';
import { chainFor, inScopeOf, openProject, PolicyCollector, type ExpiredReport, type Project } from './scan-project';

const SCAN_HELP = `Usage: credential-hygiene scan [PATH...] [options]

Scans files and directories (default: .) for hardcoded credentials.

Options:
  -f, --format text|json|sarif   output format (default: text)
  -o, --output FILE              write the report to FILE instead of stdout
      --exclude GLOB             skip paths matching GLOB (repeatable; minimatch)
      --no-gitignore             do not honour .gitignore files
      --kinds K1,K2              only report these finding kinds
      --max-file-size KB         skip files larger than this (default: 2048)
      --threads N                worker threads (default: one fewer than the CPUs, at least 1, at most 4;
                                 the main thread scans too)
      --staged                   scan staged content only, report added lines (pre-commit)
      --since REV                scan lines changed since REV (working tree and untracked files);
                                 with --history: only commits not reachable from REV
      --history                  scan every commit of every ref (git log --all): each secret once per file,
                                 at the commit that introduced it, and whether it is still in HEAD
      --branch REF               with --history: walk REF instead of all refs (repeatable)
      --baseline FILE            baseline file (default: .credential-hygiene-baseline.json at the repo root)
      --no-baseline              report baselined findings too
      --report-unused            list baseline entries no finding matched (stale)
      --no-config                ignore .credential-hygiene.json files
      --no-inline-ignores        report findings that inline ignore comments suppress
      --verify                   check each AWS key id + secret key pair with one STS GetCallerIdentity
                                 call signed by that pair (network; off by default; see docs/verify.md)
  -h, --help                     show this help

Exit codes: 0 no findings, 1 findings, 2 usage or fatal error.
`;

export type { ScanCliOptions } from './scan-options';

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
      staged: { type: 'boolean', default: false },
      since: { type: 'string' },
      baseline: { type: 'string' },
      'no-baseline': { type: 'boolean', default: false },
      'report-unused': { type: 'boolean', default: false },
      'no-config': { type: 'boolean', default: false },
      'no-inline-ignores': { type: 'boolean', default: false },
      history: { type: 'boolean', default: false },
      branch: { type: 'string', multiple: true, default: [] },
      verify: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const format = values.format as string;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown --format '${format}' (text, json, sarif)`);
  const kinds = values.kinds?.split(',').map((k) => k.trim()).filter(Boolean) as FindingKind[] | undefined;
  for (const k of kinds ?? []) if (!FINDING_KINDS.includes(k)) throw new UsageError(`unknown kind '${k}'`);
  if (values.history && values.staged) throw new UsageError('--history and --staged cannot be combined');
  if ((values.branch as string[]).length && !values.history) throw new UsageError('--branch needs --history');
  if (values.history && positionals.length > 1) throw new UsageError('--history takes one PATH (a directory in the repository)');
  if (values.staged && values.since !== undefined) throw new UsageError('--staged and --since cannot be combined');
  if (values.since !== undefined && !values.since.trim()) throw new UsageError('--since needs a revision');
  if (values.baseline !== undefined && values['no-baseline']) throw new UsageError('--baseline and --no-baseline cannot be combined');
  return {
    paths: positionals.length ? positionals : ['.'],
    explicitPaths: positionals.length > 0,
    format: format as ScanCliOptions['format'],
    output: values.output,
    excludeGlobs: values.exclude as string[],
    gitignore: !values['no-gitignore'],
    maxFileBytes: positiveInt(values['max-file-size'], '--max-file-size', 2048) * 1024,
    threads: values.threads === undefined ? undefined : positiveInt(values.threads, '--threads', 1),
    scan: kinds ? { kinds } : {},
    staged: values.staged as boolean,
    since: values.since,
    baseline: values.baseline,
    noBaseline: values['no-baseline'] as boolean,
    reportUnused: values['report-unused'] as boolean,
    config: !values['no-config'],
    inlineIgnores: !values['no-inline-ignores'],
    ...(values.history ? { history: true, branches: values.branch as string[] } : {}),
    verify: values.verify as boolean,
  };
}

function positiveInt(v: string | undefined, flag: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} needs a positive whole number, got '${v}'`);
  return n;
}

/**
 * Walks, scans on worker threads, and runs each file with findings through the policy (config, inline
 * ignores, baseline). Config excludes apply to walked paths, except globs that would exclude a PATH the user
 * named: naming a path scans it. Progress goes to stderr on a TTY only.
 */
export async function scanPaths(
  opts: ScanCliOptions,
  io: CliIO,
  project: Project,
  collector: PolicyCollector,
  signal?: AbortSignal,
): Promise<ScanOptions> {
  const { report } = collector;
  const { stats, errors } = report;
  const explicit = opts.paths.map((p) => path.resolve(io.cwd, p));
  // Prune directories the root config excludes while walking (the common `scan .` at the repo root).
  const walkGlobs = [...opts.excludeGlobs];
  if (project.resolver && explicit.length === 1 && explicit[0] === project.root) {
    walkGlobs.push(...((await project.resolver.configIn(project.root))?.exclude ?? []));
  }
  // Files are scanned while the walk goes on. Each carries the engine options of its own config chain (custom
  // rules in scope, rules off): the policy step scopes findings per file the same way, so this equals one scan
  // with the union of all chains' options, which is computed at the end for the report.
  const chains = new Map<ProjectConfig[], ScanOptions>();
  let lastDir: { dir?: string; absDir: string; chain: ProjectConfig[] } = { absDir: '', chain: [] };
  async function* filesToScan(): AsyncGenerator<PathToScan> {
    for await (const e of walkFiles(opts.paths, { excludeGlobs: walkGlobs, respectGitignore: opts.gitignore }, signal)) {
      if (e.skipped) {
        stats.skipped++;
        errors.push({ file: e.path, message: `skipped: ${e.skipped}` });
        continue;
      }
      // A walk yields a directory's files together: its absolute path and config chain are looked up once.
      const slash = e.path.lastIndexOf('/');
      const name = e.path.slice(slash + 1);
      // The config's own custom-rule examples are samples by definition.
      if (name === CONFIG_FILE) continue;
      const dir = e.path.slice(0, slash + 1);
      if (dir !== lastDir.dir) {
        const absDir = path.resolve(io.cwd, dir || '.');
        lastDir = { dir, absDir: absDir.endsWith(path.sep) ? absDir : absDir + path.sep, chain: await chainFor(project, path.join(absDir, name)) };
      }
      const abs = lastDir.absDir + name;
      const chain = lastDir.chain;
      if (excludedByConfig(chain, abs, explicit)) continue;
      let scan = chains.get(chain);
      if (!scan) chains.set(chain, (scan = scanOptionsFor([chain], opts.scan)));
      yield { path: e.path, scan };
    }
  }
  const pool = new ScanPool({ threads: opts.threads, maxFileBytes: opts.maxFileBytes, callerLane: true });
  const withFindings: { path: string; findings: import('../../engine').Finding[] }[] = [];
  let lastProgress = 0;
  try {
    await pool.scanFiles(
      filesToScan(),
      {},
      (r) => {
        if (r.skipped || r.error) {
          stats.skipped++;
          errors.push({ file: r.path, message: r.error ?? `skipped: ${r.skipped}` });
        } else {
          stats.files++;
          stats.bytes += r.bytes;
          if (r.lossy) stats.lossy++;
        }
        if (r.findings.length) withFindings.push({ path: r.path, findings: r.findings });
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
  // Files with findings are read again for the policy step (inline ignores and allowlists need the text).
  for (const f of withFindings) {
    const read = await readTextFile(path.resolve(io.cwd, f.path), Number.MAX_SAFE_INTEGER);
    if ('skipped' in read) collector.report.files.push({ file: f.path, findings: f.findings });
    else await collector.add(f.path, read.text, f.findings);
  }
  return scanOptionsFor([...chains.keys()], opts.scan);
}

interface ScanExtras {
  expired: ExpiredReport[];
  unused?: { file: string; ruleId: string; fingerprint: string }[];
  suppressed: Record<string, number>;
  scan: ScanOptions;
}

function render(report: ScanReport, format: ScanCliOptions['format'], color: boolean, extras?: ScanExtras): string {
  const customSpecs = extras?.scan.customRules?.length ? customRuleSpecs(extras.scan.customRules) : [];
  if (format === 'json') {
    const base = formatJson(report);
    if (!extras) return base;
    const doc = JSON.parse(base) as Record<string, unknown>;
    if (extras.expired.length) doc.expiredIgnores = extras.expired;
    if (extras.unused) doc.unusedBaseline = extras.unused;
    if (Object.values(extras.suppressed).some((n) => n > 0)) doc.suppressed = extras.suppressed;
    return JSON.stringify(doc, null, 2) + '\n';
  }
  if (format === 'sarif') {
    const base = formatSarif(report, customSpecs);
    if (!extras?.unused?.length) return base;
    const doc = JSON.parse(base);
    doc.runs[0].invocations[0].toolExecutionNotifications.push(
      ...extras.unused.map((u) => ({
        level: 'note',
        message: { text: `unused baseline entry (${u.ruleId}, ${u.fingerprint}): no finding matches it any more` },
        locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(u.file) } } }],
      })),
    );
    return JSON.stringify(doc, null, 2) + '\n';
  }
  let text = formatText(report, color);
  if (extras?.unused) {
    const lines = extras.unused.map((u) => paint(color, 'yellow', `unused baseline entry: ${escapeControl(u.file)} [${escapeControl(u.ruleId)}] ${escapeControl(u.fingerprint)}`));
    lines.push(`${extras.unused.length} unused baseline entr${extras.unused.length === 1 ? 'y' : 'ies'}`);
    text += lines.join('\n') + '\n';
  }
  const s = extras?.suppressed;
  const total = s ? Object.values(s).reduce((a, b) => a + b, 0) : 0;
  if (s && total) {
    const parts = Object.entries(s).filter(([, n]) => n).map(([k, n]) => `${n} ${k}`);
    text += paint(color, 'dim', `${total} suppressed (${parts.join(', ')})`) + '\n';
  }
  return text;
}

/**
 * How to accept a finding, shown after text output (a blocked commit shows it too), in the file's syntax.
 * Starts with a blank line so it never runs into the report's last line when stdout and stderr share a terminal.
 */
function ignoreHint(report: ScanReport): string {
  const first = report.files.find((f) => f.findings.length);
  if (!first) return '';
  const f = first.findings[0];
  const where = `${escapeControl(first.file)}:${f.start.line}`;
  const tail = `or record the current findings with 'credential-hygiene baseline'. See docs/suppressions.md.\n`;
  const sameLine = ignoreCommentFor(first.file, f.ruleId, 'line', { reason: '<why>' });
  if (sameLine) return `\nTo accept a finding, add a comment on its line, e.g. ${where}:\n  ${sameLine}\n(or ...:ignore-next-line on the line above), ${tail}`;
  const above = ignoreCommentFor(first.file, f.ruleId, 'next-line', { reason: '<why>' });
  if (above) return `\nTo accept a finding, add a comment on the line above it, e.g. ${where}:\n  ${above}\n${tail}`;
  return `\n${where} is in a format without comments: to accept findings there, run 'credential-hygiene baseline' or exclude the file in .credential-hygiene.json. See docs/suppressions.md.\n`;
}

export async function runScan(argv: string[], io: CliIO): Promise<number> {
  const opts = parseScanArgs(argv);
  if (opts === 'help') {
    io.stdout(SCAN_HELP);
    return 0;
  }
  try {
    if (opts.history) return await scanHistoryCommand(opts, io);
    return await scanCommand(opts, io);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * A PATH the user named must be a readable regular file or directory: anything else is a usage error (exit 2),
 * not a silent skip. Checked with stat and a non-blocking open, so a FIFO can never hang the scan.
 */
export async function checkExplicitPath(abs: string, shown: string): Promise<void> {
  let st;
  try {
    st = await fs.stat(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') throw new UsageError(`no such file or directory: ${escapeControl(shown)}`);
    throw new UsageError(`cannot read ${escapeControl(shown)} (${code ?? 'error'})`);
  }
  if (!st.isFile() && !st.isDirectory()) throw new UsageError(`${escapeControl(shown)} is ${kindOf(st)}, not a regular file or directory`);
  try {
    if (st.isDirectory()) await (await fs.opendir(abs)).close();
    else await (await fs.open(abs, constants.O_RDONLY | constants.O_NONBLOCK)).close();
  } catch (e) {
    throw new UsageError(`cannot read ${escapeControl(shown)} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

async function scanCommand(opts: ScanCliOptions, io: CliIO): Promise<number> {
  const started = Date.now();
  const git = opts.staged || opts.since !== undefined;
  if (!git || opts.explicitPaths) {
    for (const p of opts.paths) await checkExplicitPath(path.resolve(io.cwd, p), p);
  }
  const project = await openProject(io.cwd, opts.paths[0], {
    config: opts.config,
    baselineFile: opts.baseline,
    noBaseline: opts.noBaseline,
  });
  const collector = new PolicyCollector(project, io.cwd, opts.inlineIgnores, process.env.CREDENTIAL_HYGIENE_TODAY);
  const scanOpts = git ? await scanGitChanges(opts, io, project, collector) : await scanPaths(opts, io, project, collector);
  const report = collector.finish(started);
  if (opts.verify) await verifyReport(report, io);
  const extras: ScanExtras = { expired: collector.expired, suppressed: collector.suppressed, scan: scanOpts };
  if (opts.reportUnused && project.baseline) {
    const roots = git ? collector.examined : opts.paths.map((p) => path.resolve(io.cwd, p));
    extras.unused = project.baseline.unused(inScopeOf(project.baseline, roots)).map(({ file, ruleId, fingerprint }) => ({ file, ruleId, fingerprint }));
  }
  const out = render(report, opts.format, io.isTTY && !opts.output, extras);
  if (opts.output) await writeFileAtomic(path.resolve(io.cwd, opts.output), out);
  else io.stdout(out);
  const found = report.files.some((f) => f.findings.length);
  if (found && opts.format === 'text') io.stderr(ignoreHint(report));
  return found ? 1 : 0;
}

