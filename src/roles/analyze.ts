/**
 * From keys to roles: which workloads the workspace declares, which code files each runs, which AWS calls that
 * code makes, and the least-privilege policy for each. Pure: the caller supplies file texts and the catalogue.
 */
import { posix } from 'node:path';
import { detectSdkClients } from '../report/sdk-clients';
import { resolveCall, type ActionCatalogue } from './catalogue';
import { extractCalls, isSourceFile, type ClientFlow, type ParamHints } from './calls';
import { actionResources, buildPolicy } from './policy';
import type { ApiCall, RolesAnalysis, WorkloadDetail, WorkloadResult, WorkloadSpec } from './types';
import { isCdkSource } from './workloads/cdk';
import { importClosure, importClosureOf } from './workloads/imports';
import { findWorkloads } from './workloads';
import { makeWorkspace, type Workspace } from './workloads/workspace';

/** Tests and mocks call the SDK too, but never run under the workload's role. */
const TEST_FILE = /(?:^|\/)(?:tests?|__tests__|__mocks__|spec|specs|testdata|e2e)\/|\.(?:test|spec)\.[cm]?[jt]sx?$|_test\.(?:go|py)$|(?:^|\/)test_[^/]*\.py$|(?:^|\/)conftest\.py$|Tests?\.java$|(?:^|\/)src\/test\//;

function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

interface CodeFile {
  path: string;
  calls: ApiCall[];
  staticClients: number;
}

/** Files of the workspace that use an AWS SDK, with their calls. CDK app code is infrastructure, not a workload. */
function codeFiles(ws: Workspace): CodeFile[] {
  const sources = [...ws.files].filter(([path, text]) => isSourceFile(path) && !isTestFile(path) && !isCdkSource(path, text));
  const flows = new Map<string, ClientFlow[]>();
  const calls = new Map<string, ApiCall[]>();
  for (const [path, text] of sources) {
    const fileFlows: ClientFlow[] = [];
    calls.set(path, extractCalls(text, path, path.endsWith('.py') ? { flows: fileFlows } : {}));
    if (fileFlows.length) flows.set(path, fileFlows);
  }
  // a helper's generic parameter (`def f(client)`) is typed by the clients its callers pass (second pass)
  for (const [path, hints] of pythonParamHints(sources, flows)) calls.set(path, extractCalls(ws.files.get(path)!, path, { paramHints: hints }));
  const out: CodeFile[] = [];
  for (const [path, text] of sources) {
    const fileCalls = calls.get(path)!;
    const clients = fileCalls.length || /aws|boto/i.test(text) ? detectSdkClients(text, path) : [];
    if (!fileCalls.length && !clients.length) continue;
    out.push({ path, calls: fileCalls, staticClients: clients.filter((c) => c.class === 'static' && c.language !== 'terraform').length });
  }
  return out;
}

/**
 * Which Python function parameters receive which client: a flow counts when its callee is defined in exactly one
 * Python file of the workspace, and a parameter that callers give different services is left untyped.
 */
function pythonParamHints(sources: [string, string][], flows: Map<string, ClientFlow[]>): Map<string, ParamHints> {
  const out = new Map<string, ParamHints>();
  if (!flows.size) return out;
  const definers = new Map<string, string[]>();
  for (const [path, text] of sources) {
    if (!path.endsWith('.py')) continue;
    for (const m of text.matchAll(/^[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)[ \t]*\(/gm)) if (!definers.get(m[1])?.includes(path)) definers.set(m[1], [...(definers.get(m[1]) ?? []), path]);
  }
  const conflicted = new Set<string>();
  for (const fileFlows of flows.values())
    for (const f of fileFlows) {
      const where = definers.get(f.callee);
      if (!where || where.length !== 1) continue;
      const hints = out.get(where[0]) ?? new Map();
      out.set(where[0], hints);
      const fn = hints.get(f.callee) ?? new Map();
      hints.set(f.callee, fn);
      const key = `${where[0]}|${f.callee}|${f.arg}`;
      const cur = fn.get(f.arg);
      if (conflicted.has(key)) continue;
      if (cur && (cur.service !== f.service || cur.kind !== f.kind)) {
        conflicted.add(key);
        fn.delete(f.arg);
      } else fn.set(f.arg, { service: f.service, kind: f.kind });
    }
  return out;
}

/** A module outside a code folder that the folder's code imports: shared by every folder that imports it. */
const DIR_IMPORT = 1_700;

/**
 * How strongly a workload claims a file: explicit file root (and its imports) > explicit dir root > a module its
 * dir root imports from outside > project root; longer wins.
 */
function claim(spec: WorkloadSpec, path: string, closures: Map<string, Set<string>>): number {
  let best = 0;
  for (const root of spec.roots) {
    let score = 0;
    if (root === '' || root.endsWith('/')) {
      // an implicit workflow claim (its scripts were not found) yields to compute that declares the project
      if (path.startsWith(root)) score = (spec.explicit ? 2_000 : spec.runtime === 'github-actions' ? 500 : 1_000) + root.length;
      else if (root && closures.get(root)?.has(path)) score = DIR_IMPORT;
    } else if (root === path || closures.get(root)?.has(path)) score = 3_000 + (root === path ? 500 : 0);
    best = Math.max(best, score);
  }
  return best;
}

export function analyzeWorkspace(files: Map<string, string>, catalogue: ActionCatalogue, scanName = 'workspace'): RolesAnalysis {
  const ws = makeWorkspace(files);
  const specs = mergeByName(findWorkloads(ws));
  const closures = new Map<string, Set<string>>();
  for (const s of specs)
    for (const r of s.roots) {
      if (!r || closures.has(r)) continue;
      closures.set(r, r.endsWith('/') ? importClosureOf(ws, [...ws.files.keys()].filter((f) => f.startsWith(r) && isSourceFile(f))) : importClosure(ws, r));
    }
  const members = new Map<WorkloadSpec, CodeFile[]>();
  const unknown: CodeFile[] = [];
  for (const f of codeFiles(ws)) {
    const scored = specs.map((s) => ({ s, score: claim(s, f.path, closures) })).filter((x) => x.score > 0);
    const top = Math.max(0, ...scored.map((x) => x.score));
    const winners = scored.filter((x) => x.score === top);
    if (!winners.length) unknown.push(f);
    // the same shared module may run under several functions; an implicit tie goes to the first descriptor only
    for (const w of top >= 3_000 || top === DIR_IMPORT ? winners : winners.slice(0, 1)) members.set(w.s, [...(members.get(w.s) ?? []), f]);
  }
  const results: WorkloadResult[] = [];
  const details: WorkloadDetail[] = [];
  const emit = (spec: Pick<WorkloadSpec, 'name' | 'runtime' | 'evidence' | 'descriptor' | 'meta'>, fs: CodeFile[]) => {
    const calls = fs.flatMap((f) => f.calls);
    const resolved = calls.map((c) => resolveCall(c, catalogue));
    const list = actionResources(resolved);
    results.push({
      name: spec.name,
      runtime: spec.runtime,
      evidence: spec.evidence,
      files: fs.map((f) => f.path).sort(),
      actions: list.map((a) => a.action),
      policy: buildPolicy(list),
      staticKeyClients: fs.reduce((n, f) => n + f.staticClients, 0),
    });
    details.push({
      descriptor: spec.descriptor,
      meta: spec.meta ?? {},
      unmapped: resolved.filter((r) => !r.actions.length).map((r) => ({ service: r.call.service, operation: r.call.operation, where: `${r.call.file}:${r.call.line}` })),
      wildcardActions: list.filter((a) => a.resources[0] === '*').map((a) => a.action),
      calls,
    });
  };
  for (const spec of specs) {
    const fs = members.get(spec);
    if (fs?.length) emit(spec, fs);
  }
  if (unknown.length) {
    const first = unknown.map((f) => f.path).sort()[0];
    emit({ name: unknownName(unknown, scanName), runtime: 'unknown', evidence: `${first}:${unknown.find((f) => f.path === first)!.calls[0]?.line ?? 1}`, descriptor: 'none', meta: {} }, unknown);
  }
  return { report: { version: 1, workloads: results }, details, catalogueVerified: catalogue.verified };
}

function unknownName(fs: CodeFile[], scanName: string): string {
  const dirs = new Set(fs.map((f) => f.path.split('/')[0]).filter((d, _i, all) => all.length && fs.every((x) => x.path.includes('/'))));
  return dirs.size === 1 ? [...dirs][0] : fs.length === 1 ? posix.basename(fs[0].path).replace(/\.\w+$/, '') : scanName;
}

/** The same workload declared twice (overlays, copies of a task definition) is one role. */
function mergeByName(specs: WorkloadSpec[]): WorkloadSpec[] {
  const out = new Map<string, WorkloadSpec>();
  for (const s of specs) {
    const key = `${s.runtime}|${s.name}`;
    const cur = out.get(key);
    if (!cur) out.set(key, { ...s, roots: [...s.roots] });
    else {
      if (s.explicit && !cur.explicit) out.set(key, { ...s, roots: [...s.roots] });
      else if (s.explicit === cur.explicit) cur.roots.push(...s.roots.filter((r) => !cur.roots.includes(r)));
    }
  }
  return [...out.values()];
}
