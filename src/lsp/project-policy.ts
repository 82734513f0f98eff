/**
 * The repository policy for files the language server sees: `.credential-hygiene.json` chains and the
 * baseline of the file's project (its git work tree, else the workspace folder holding it), exactly as the CLI
 * applies them (node/policy.ts). Projects are cached until a config or baseline file changes.
 */
import path from 'node:path';
import { scan, type Finding } from '../engine';
import { openProject, chainFor, type Project } from '../cli/commands/scan-project';
import { BASELINE_FILE, formatBaseline, readBaseline } from '../node/baseline';
import { CONFIG_FILE } from '../node/config';
import { applyPolicy, policyFor, scanOptionsFor } from '../node/policy';
import { writeFileAtomic } from '../node/write-atomic';

export interface PolicyResult {
  findings: Finding[];
  /** A problem with the project's config or baseline (shown once; the scan then runs without the policy). */
  problem?: string;
}

export class ProjectPolicies {
  private readonly projects = new Map<string, Promise<Project>>();

  constructor(private readonly folders: () => string[]) {}

  /** Drops cached projects (a config or baseline file changed). */
  invalidate(): void {
    this.projects.clear();
  }

  static isPolicyFile(file: string): boolean {
    const base = path.basename(file);
    return base === CONFIG_FILE || base === BASELINE_FILE;
  }

  private folderOf(file: string): string {
    const inside = this.folders().filter((f) => {
      const rel = path.relative(f, file);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    });
    return inside.sort((a, b) => b.length - a.length)[0] ?? path.dirname(file);
  }

  private projectFor(file: string): Promise<Project> {
    const folder = this.folderOf(file);
    let p = this.projects.get(folder);
    if (!p) {
      p = openProject(folder, file, { config: true, baselineMayBeMissing: true });
      p.catch(() => this.projects.delete(folder));
      this.projects.set(folder, p);
    }
    return p;
  }

  /** Scans a document's text under its project's policy. `file` is undefined for unsaved buffers. */
  async scanDocument(text: string, languageId: string, file: string | undefined): Promise<PolicyResult> {
    if (!file) return { findings: scan(text, { languageId }) };
    let project: Project;
    try {
      project = await this.projectFor(file);
    } catch (e) {
      return { findings: scan(text, { languageId, path: file }), problem: (e as Error).message };
    }
    const chain = await chainFor(project, file);
    const opts = scanOptionsFor([chain], { languageId, path: file });
    const raw = scan(text, opts);
    const index = project.baseline;
    const outcome = applyPolicy(text, raw, {
      policy: chain.length ? policyFor(chain) : undefined,
      baseline: index ? { index, relFile: index.relative(file) } : undefined,
    });
    return { findings: outcome.kept };
  }

  /** Adds a finding to its project's baseline (file, rule, fingerprint: no secret) and reloads the policy. */
  async addToBaseline(file: string, f: Pick<Finding, 'ruleId' | 'fingerprint'>): Promise<string> {
    const project = await this.projectFor(file);
    const baselineFile = path.join(project.root, BASELINE_FILE);
    const existing = await readBaseline(baselineFile);
    const rel = path.relative(project.root, file).split(path.sep).join('/');
    const entries = [...(existing?.entries ?? [])];
    if (!entries.some((e) => e.file === rel && e.ruleId === f.ruleId && e.fingerprint === f.fingerprint)) {
      entries.push({ file: rel, ruleId: f.ruleId, fingerprint: f.fingerprint });
    }
    await writeFileAtomic(baselineFile, formatBaseline({ version: 1, entries }));
    this.invalidate();
    return baselineFile;
  }
}
