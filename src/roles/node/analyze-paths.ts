/** Node entry of the roles analysis: reads each scan root, analyses it, and reports paths as given. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { analyzeWorkspace } from '../analyze';
import { UNVERIFIED_CATALOGUE, type ActionCatalogue } from '../catalogue';
import type { RolesAnalysis } from '../types';
import { loadIamDataCatalogue } from './iam-data-catalogue';
import { readWorkspace } from './read-workspace';

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
    const dir = st.isFile() ? path.dirname(root) : root;
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
    const only = st.isFile() ? prefix(path.basename(root)) : opts.onlyFile;
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
