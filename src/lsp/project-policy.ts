/**
 * The repository policy for files the language server sees: `.credential-hygiene.json` chains and the
 * baseline of the file's project (its git work tree, else the workspace folder holding it), exactly as the CLI
 * applies them (node/policy.ts). Projects are cached until a config or baseline file changes.
 */
import path from 'node:path';
import { scan, type Finding, type ScanOptions } from '../engine';
import { openProject, chainFor, type Project } from '../cli/commands/scan-project';
import { BASELINE_FILE, formatBaseline, readBaseline } from '../node/baseline';
import { CONFIG_FILE } from '../node/config';
import { applyPolicy, policyFor, scanOptionsFor } from '../node/policy';
import { writeFileAtomic } from '../node/write-atomic';

/** How one document is scanned and filtered: engine options and the policy step (config, inline ignores, baseline). */
export interface DocumentPolicy {
  opts: ScanOptions;
  apply(text: string, raw: readonly Finding[]): Finding[];
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

  /** The policy of a document; `file` is undefined for unsaved buffers (inline ignores still apply). */
  async documentPolicy(languageId: string, file: string | undefined): Promise<DocumentPolicy> {
    if (!file) return { opts: { languageId }, apply: (text, raw) => applyPolicy(text, raw).kept };
    let project: Project;
    try {
      project = await this.projectFor(file);
    } catch (e) {
      return { opts: { languageId, path: file }, apply: (text, raw) => applyPolicy(text, raw).kept, problem: (e as Error).message };
    }
    const chain = await chainFor(project, file);
    const policy = chain.length ? policyFor(chain) : undefined;
    const index = project.baseline;
    const relFile = index?.relative(file);
    return {
      opts: scanOptionsFor([chain], { languageId, path: file }),
      apply: (text, raw) => applyPolicy(text, raw, { policy, baseline: index ? { index, relFile: relFile! } : undefined }).kept,
    };
  }

  /** Scans a whole text under its policy (code actions on a document whose state is stale, workspace files). */
  async scanDocument(text: string, languageId: string, file: string | undefined): Promise<Finding[]> {
    const p = await this.documentPolicy(languageId, file);
    return p.apply(text, scan(text, p.opts));
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
