/**
 * `scan --history [PATH] [--since REV] [--branch REF]...`: secrets anywhere in git history, each once per file
 * at its introducing commit, with author, date and whether it is still in HEAD. The walk is
 * src/node/git-history.ts; this file applies the project's policy (config excludes, allowlists, inline
 * ignores, baseline) to each occurrence and renders text / JSON / SARIF with the commit facts added.
 */
import path from 'node:path';
import { Minimatch } from 'minimatch';
import type { Finding } from '../../engine';
import { CONFIG_FILE } from '../../node/config';
import { scanGitHistory, type HistoryFinding, type HistoryScanResult } from '../../node/git-history';
import { applyPolicy, excludedByConfig, policyFor, scanOptionsFor, type SuppressedBy } from '../../node/policy';
import { writeFileAtomic } from '../../node/write-atomic';
import { formatJson } from '../formatters/json';
import { formatSarif } from '../formatters/sarif';
import { paint, type CliIO } from '../io';
import type { ScanReport } from '../report-model';
import type { ScanCliOptions } from './scan-options';
import { chainFor, openProject } from './scan-project';
import { customRuleSpecs } from '../../engine/custom-rules';

export interface HistoryRun {
  result: HistoryScanResult;
  suppressed: Record<SuppressedBy, number>;
}

/** Runs the history walk with the project's policy; shared by `scan --history` and `report --history`. */
export async function scanHistoryWithPolicy(
  opts: Pick<ScanCliOptions, 'paths' | 'excludeGlobs' | 'maxFileBytes' | 'threads' | 'scan' | 'since' | 'baseline' | 'noBaseline' | 'config' | 'inlineIgnores'> & { branches?: string[] },
  io: CliIO,
): Promise<HistoryRun> {
  const start = path.resolve(io.cwd, opts.paths[0] ?? '.');
  const project = await openProject(io.cwd, opts.paths[0] ?? '.', { config: opts.config, baselineFile: opts.baseline, noBaseline: opts.noBaseline });
  const globs = opts.excludeGlobs.map((g) => new Minimatch(g, { dot: true, matchBase: !g.includes('/') }));
  // Custom rules of the current config apply to old revisions too (the union, as a workspace scan does).
  const rootChain = await chainFor(project, path.join(project.root, CONFIG_FILE));
  const scanOpts = scanOptionsFor([rootChain], opts.scan);
  const suppressed: Record<SuppressedBy, number> = { config: 0, allowlist: 0, inline: 0, baseline: 0 };
  const seenSuppressed = new Set<string>();
  let lastProgress = 0;
  const result = await scanGitHistory({
    cwd: start,
    refs: opts.branches,
    since: opts.since,
    scan: scanOpts,
    maxFileBytes: opts.maxFileBytes,
    threads: opts.threads,
    inlineSmall: true,
    include: async (file) => {
      if (path.posix.basename(file) === CONFIG_FILE) return false;
      if (globs.some((g) => g.match(file))) return false;
      const abs = path.join(project.root, file);
      return !excludedByConfig(await chainFor(project, abs), abs);
    },
    policy: async (file, text, findings) => {
      const abs = path.join(project.root, file);
      const chain = await chainFor(project, abs);
      const index = project.baseline;
      const outcome = applyPolicy(text, findings, {
        policy: chain.length ? policyFor(chain) : undefined,
        baseline: index ? { index, relFile: index.relative(abs) } : undefined,
        today: process.env.CREDENTIAL_HYGIENE_TODAY,
        inlineIgnores: opts.inlineIgnores,
      });
      for (const s of outcome.suppressed) {
        const key = `${s.finding.fingerprint}\0${file}`;
        if (seenSuppressed.has(key)) continue;
        seenSuppressed.add(key);
        suppressed[s.by]++;
      }
      return outcome.kept;
    },
    onProgress: io.isTTY
      ? (p) => {
          lastProgress = Date.now();
          io.stderr(`\rhistory: ${p.commits} commits, ${p.files} file changes scanned…`);
        }
      : undefined,
  }).finally(() => {
    if (lastProgress) io.stderr('\r\x1b[K');
  });
  return { result, suppressed };
}

/** The CLI entry for `scan --history`; exit 0 clean, 1 findings (usage errors are thrown). */
export async function scanHistoryCommand(opts: ScanCliOptions, io: CliIO): Promise<number> {
  const started = Date.now();
  const { result, suppressed } = await scanHistoryWithPolicy(opts, io);
  if (result.partial) io.stderr(`credential-hygiene scan --history: history is partial (${result.partial}); run 'git fetch --unshallow' for all of it\n`);
  // Paths as git stores them (relative to the repository top level): the file at the introducing commit may
  // no longer exist, and the same path then means the same thing wherever the command runs from.
  const { report, info } = toReport(result, (file) => file, started);
  const out = renderHistory(report, info, result, opts, suppressed, io.isTTY && !opts.output);
  if (opts.output) await writeFileAtomic(path.resolve(io.cwd, opts.output), out);
  else io.stdout(out);
  return result.findings.length ? 1 : 0;
}

/** A ScanReport (for the shared formatters) plus each finding's history facts, keyed by the finding object. */
function toReport(result: HistoryScanResult, display: (f: string) => string, started: number): { report: ScanReport; info: Map<Finding, HistoryFinding> } {
  const byFile = new Map<string, Finding[]>();
  const info = new Map<Finding, HistoryFinding>();
  for (const h of result.findings) {
    const file = display(h.file);
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push(h.finding);
    info.set(h.finding, h);
  }
  const files = [...byFile.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, findings]) => ({ file, findings: findings.sort((a, b) => a.start.line - b.start.line || a.start.column - b.start.column) }));
  const errors = result.skipped.map((s) => ({ file: display(s.file), message: `skipped in commit ${s.commit.slice(0, 12)}: ${s.reason}` }));
  return {
    report: { files, errors, stats: { files: result.files, bytes: result.bytes, skipped: result.skipped.length, lossy: 0, durationMs: Date.now() - started } },
    info,
  };
}

function historyFields(h: HistoryFinding): { commit: string; author: string; date: string; inHead: boolean } {
  return { commit: h.commit.sha, author: h.commit.author, date: h.commit.date, inHead: h.inHead };
}

function renderHistory(
  report: ScanReport,
  info: Map<Finding, HistoryFinding>,
  result: HistoryScanResult,
  opts: ScanCliOptions,
  suppressed: Record<SuppressedBy, number>,
  color: boolean,
): string {
  const ordered = report.files.flatMap((f) => f.findings.map((x) => info.get(x)!));
  const summary = { commits: result.commits, refs: opts.branches?.length ? opts.branches : ['--all'], since: opts.since, partial: result.partial };
  if (opts.format === 'json') {
    const doc = JSON.parse(formatJson(report)) as { findings: Record<string, unknown>[] } & Record<string, unknown>;
    doc.findings = doc.findings.map((f, i) => ({ ...f, ...historyFields(ordered[i]) }));
    doc.history = summary;
    if (Object.values(suppressed).some((n) => n > 0)) doc.suppressed = suppressed;
    return JSON.stringify(doc, null, 2) + '\n';
  }
  if (opts.format === 'sarif') {
    const custom = opts.scan.customRules?.length ? customRuleSpecs(opts.scan.customRules) : [];
    const doc = JSON.parse(formatSarif(report, custom));
    const run = doc.runs[0];
    run.results.forEach((r: Record<string, unknown>, i: number) => {
      r.properties = historyFields(ordered[i]);
    });
    run.properties = { history: summary };
    return JSON.stringify(doc, null, 2) + '\n';
  }
  const lines: string[] = [];
  for (const f of report.files) {
    for (const x of f.findings) {
      const h = info.get(x)!;
      const where = h.inHead ? paint(color, 'red', 'still in HEAD') : paint(color, 'yellow', 'history only');
      lines.push(
        `${paint(color, 'bold', `${f.file}:${x.start.line}:${x.start.column}`)}  ${x.severity}  ${x.message}  ${paint(color, 'dim', `${x.secretMasked}  [${x.ruleId}]`)}\n` +
          `    commit ${h.commit.sha.slice(0, 12)}  ${h.commit.author}  ${h.commit.date}  ${where}`,
      );
    }
  }
  for (const e of report.errors) lines.push(paint(color, 'dim', `${e.file}: ${e.message}`));
  const n = ordered.length;
  const headN = ordered.filter((h) => h.inHead).length;
  const total = Object.values(suppressed).reduce((a, b) => a + b, 0);
  lines.push(
    (n
      ? paint(color, 'red', `${n} secret${n === 1 ? '' : 's'} in history (${headN} still in HEAD, ${n - headN} history only)`)
      : paint(color, 'green', 'No credentials found in history')) +
      paint(color, 'dim', ` · ${result.commits} commits, ${result.files} file changes, ${(result.bytes / 1024 / 1024).toFixed(1)} MB added text scanned, ${result.skipped.length} skipped, ${report.stats.durationMs} ms`) +
      (total ? paint(color, 'dim', ` · ${total} suppressed`) : ''),
  );
  if (n) lines.push('Rotate every key listed (removing it from the code does not remove it from history); see docs/history.md.');
  return lines.join('\n') + '\n';
}
