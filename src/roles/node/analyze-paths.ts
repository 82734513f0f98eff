/** Node entry of the roles analysis: reads each scan root, analyses it, and reports paths as given. */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { analyzeWorkspace } from '../analyze';
import { UNVERIFIED_CATALOGUE, type ActionCatalogue } from '../catalogue';
import type { RolesAnalysis } from '../types';
import { loadIamDataCatalogue } from './iam-data-catalogue';
import { readWorkspace } from './read-workspace';

/** Files that mark a project root (descriptors, VCS, package manifests). */
const ROOT_MARKERS = ['.git', 'template.yaml', 'template.yml', 'serverless.yml', 'serverless.ts', 'cdk.json', 'package.json', 'go.mod', 'pom.xml', 'build.gradle', 'pyproject.toml', 'requirements.txt'];

/** The nearest ancestor of a file (a few levels up) that looks like a project; else the file's folder. */
export function projectRootOf(file: string): string {
  let dir = path.dirname(file);
  for (let i = 0; i < 5; i++) {
    if (ROOT_MARKERS.some((m) => existsSync(path.join(dir, m)))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.dirname(file);
}

export interface AnalyzePathsOptions {
  excludeGlobs?: string[];
  gitignore?: boolean;
  maxFileBytes?: number;
  catalogue?: ActionCatalogue;
  /** Keep only workloads that run this file (path as reported: root-prefixed). */
  onlyFile?: string;
}

export async function analyzePaths(roots: string[], opts: AnalyzePathsOptions = {}): Promise<RolesAnalysis & { skipped: { path: string; reason: string }[] }> {
  const catalogue = opts.catalogue ?? loadIamDataCatalogue() ?? UNVERIFIED_CATALOGUE;
  const out: RolesAnalysis & { skipped: { path: string; reason: string }[] } = { report: { version: 1, workloads: [] }, details: [], catalogueVerified: catalogue.verified, skipped: [] };
  for (const root of roots) {
    const st = await fs.stat(root);
    // a single file: analyse the project around it (its descriptors usually sit above it)
    const dir = st.isFile() ? path.relative(process.cwd(), projectRootOf(path.resolve(root))) || '.' : root;
    const { files, skipped } = await readWorkspace(dir, opts);
    out.skipped.push(...skipped);
    const name = path.basename(path.resolve(dir));
    const a = analyzeWorkspace(files, catalogue, name);
    const prefix = (p: string) => (dir === '.' || dir === './' ? p : `${dir.replace(/\\/g, '/').replace(/\/$/, '')}/${p}`);
    for (const w of a.report.workloads) {
      w.files = w.files.map(prefix);
      w.evidence = prefix(w.evidence);
    }
    for (const d of a.details) {
      for (const u of d.unmapped) u.where = prefix(u.where);
      for (const c of d.calls) c.file = prefix(c.file);
      if (d.meta.workflow) d.meta.workflow = prefix(d.meta.workflow);
      if (d.meta.file) d.meta.file = prefix(d.meta.file);
    }
    // a single file, or the editor's "role of this file": keep only the workloads that run it
    const only = st.isFile() ? prefix(path.relative(path.resolve(dir), path.resolve(root)).split(path.sep).join('/')) : opts.onlyFile;
    if (only) {
      const keep = a.report.workloads.map((w) => w.files.includes(only));
      a.report.workloads = a.report.workloads.filter((_w, i) => keep[i]);
      a.details = a.details.filter((_d, i) => keep[i]);
    }
    out.report.workloads.push(...a.report.workloads);
    out.details.push(...a.details);
  }
  return out;
}
