/**
 * The project around a CLI scan: its root (git work tree, else the working directory), config resolver and
 * baseline, plus the step that turns one file's raw findings into reported ones (policy.ts) and collects
 * what was suppressed or expired.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../engine';
import { BASELINE_FILE, BaselineIndex, readBaseline } from '../../node/baseline';
import { ConfigResolver, findGitRoot, type ProjectConfig } from '../../node/config';
import { applyPolicy, policyFor, type SuppressedBy } from '../../node/policy';
import { UsageError } from '../io';
import type { ScanReport } from '../report-model';

export interface Project {
  root: string;
  resolver?: ConfigResolver;
  baseline?: BaselineIndex;
}

export interface ProjectOptions {
  /** Load `.credential-hygiene.json` files (default true). */
  config: boolean;
  /** Explicit baseline file; must exist for `scan`. */
  baselineFile?: string;
  /** Do not use a baseline at all. */
  noBaseline?: boolean;
  /** `baseline` command: the file may not exist yet. */
  baselineMayBeMissing?: boolean;
}

/** Root for config lookup and the default baseline: the git work tree of the first path, else cwd. */
async function projectRoot(cwd: string, firstPath: string): Promise<string> {
  const abs = path.resolve(cwd, firstPath);
  const git = await findGitRoot(abs);
  if (git) return git;
  const rel = path.relative(cwd, abs);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) return path.resolve(cwd);
  const st = await fs.stat(abs).catch(() => undefined);
  return st?.isDirectory() ? abs : path.dirname(abs);
}

export async function openProject(cwd: string, firstPath: string, opts: ProjectOptions): Promise<Project> {
  const root = await projectRoot(cwd, firstPath);
  const project: Project = { root };
  if (opts.config) project.resolver = new ConfigResolver(root);
  if (!opts.noBaseline) {
    const file = opts.baselineFile ? path.resolve(cwd, opts.baselineFile) : path.join(root, BASELINE_FILE);
    const display = opts.baselineFile ?? (path.relative(cwd, file) || file);
    const baseline = await readBaseline(file);
    if (!baseline && opts.baselineFile && !opts.baselineMayBeMissing) throw new UsageError(`baseline file not found: ${opts.baselineFile}`);
    project.baseline = new BaselineIndex(baseline ?? { version: 1, entries: [] }, path.dirname(file), display);
  }
  return project;
}

export async function chainFor(project: Project, absFile: string): Promise<ProjectConfig[]> {
  return project.resolver ? project.resolver.chainFor(path.dirname(absFile)) : [];
}

export interface ExpiredReport {
  file: string;
  line: number;
  ruleId: string;
  message: string;
}

/** Accumulates the policy step over the files of a scan. */
export class PolicyCollector {
  readonly report: ScanReport = { files: [], errors: [], stats: { files: 0, bytes: 0, skipped: 0, lossy: 0, durationMs: 0 } };
  readonly expired: ExpiredReport[] = [];
  readonly suppressed: Record<SuppressedBy, number> = { config: 0, allowlist: 0, inline: 0, baseline: 0 };
  /** Git modes: absolute paths of the files examined (the scope of `--report-unused`). */
  readonly examined: string[] = [];

  constructor(
    private readonly project: Project,
    private readonly cwd: string,
    private readonly inlineIgnores: boolean,
    private readonly today?: string,
  ) {}

  /** Runs the policy on one file's findings; `file` is the display path, `text` the scanned content. */
  async add(file: string, text: string, findings: Finding[]): Promise<void> {
    const abs = path.resolve(this.cwd, file);
    const chain = await chainFor(this.project, abs);
    const policy = chain.length ? policyFor(chain) : undefined;
    const index = this.project.baseline;
    const outcome = applyPolicy(text, findings, {
      policy,
      baseline: index ? { index, relFile: index.relative(abs) } : undefined,
      today: this.today,
      inlineIgnores: this.inlineIgnores,
    });
    for (const s of outcome.suppressed) this.suppressed[s.by]++;
    for (const e of outcome.expired) {
      const msg = `line ${e.line}: ${e.message} (${e.finding.ruleId}); the finding is reported again`;
      this.expired.push({ file, line: e.line, ruleId: e.finding.ruleId, message: e.message });
      this.report.errors.push({ file, message: msg });
    }
    if (outcome.kept.length) this.report.files.push({ file, findings: outcome.kept });
  }

  finish(started: number): ScanReport {
    const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    this.report.files.sort((a, b) => cmp(a.file, b.file));
    this.report.errors.sort((a, b) => cmp(a.file, b.file) || cmp(a.message, b.message));
    this.expired.sort((a, b) => cmp(a.file, b.file) || a.line - b.line);
    this.report.stats.durationMs = Date.now() - started;
    return this.report;
  }
}

/** Whether `relFile` (relative to the baseline dir) lies under one of the scanned roots. */
export function inScopeOf(index: BaselineIndex, rootsAbs: string[]): (relFile: string) => boolean {
  return (relFile) => {
    const abs = path.resolve(index.dir, relFile);
    return rootsAbs.some((r) => {
      const rel = path.relative(r, abs);
      return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
    });
  };
}
