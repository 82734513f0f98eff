/**
 * GitHub Actions workflows: a job that runs `aws-actions/configure-aws-credentials` (ideally with
 * `role-to-assume`: OIDC, no stored keys) gives AWS credentials to the scripts its later `run:` steps start.
 * Scripts are followed through `node x.js`, `python -m pkg.mod`, `go run ./cmd/x`, `npm run <script>`,
 * `bash x.sh` (bounded depth).
 */
import { posix } from 'node:path';
import type { WorkloadSpec } from '../types';
import { ALL_EXTS, asDirRoot, isDir, join, projectOf, resolveModule, type Workspace } from './workspace';
import { isRecord, lineMatching, readYamlDocs, str } from './yaml-docs';

export function isWorkflowPath(path: string): boolean {
  return /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path);
}

/** Interpreters that run the project's own code (as opposed to `aws s3 sync`, `sam deploy`, `terraform apply`). */
const RUNS_CODE = /(?:^|[\s;&|(])(?:node|nodejs|tsx|ts-node|bun\s+run|deno\s+run|python3?(?!\s+-m\s+(?:pip|venv|pytest|unittest|build|twine)\b)(?:\.\d+)?|pipenv\s+run\s+python|poetry\s+run\s+python|go\s+run|java\s+-jar|mvn\s+exec:java|dotnet\s+run|npx\s+(?:tsx|ts-node)|ruby|php)\s/;
/** Package scripts that build, test or deploy rather than run the code against AWS. */
const TOOLING_SCRIPT = /^(?:ci|install|i|test|build|lint|format|typecheck|compile|audit|publish|pack|version|deploy|synth|cdk|sls|serverless|release|package|bundle|clean|prepare|postinstall|start:dev|dev|watch)$/;

/** Whether a shell snippet runs the project's code (following package scripts), even if the file is not found. */
function runsCode(ws: Workspace, wd: string, run: string, depth = 0): boolean {
  if (depth > 3) return false;
  for (const cmd of run.split(/\n|&&|\|\||;/)) {
    if (RUNS_CODE.test(` ${cmd} `)) return true;
    const npm = /(?:^|\s)(?:npm|yarn|pnpm)\s+(?:run(?:-script)?\s+)?([\w:.-]+)/.exec(cmd);
    if (!npm || TOOLING_SCRIPT.test(npm[1])) continue;
    const pkgPath = join(wd, 'package.json');
    const pkgText = pkgPath !== undefined ? ws.files.get(pkgPath) : undefined;
    if (!pkgText) return true; // an unknown script: assume it runs code
    try {
      const body = (JSON.parse(pkgText) as { scripts?: Record<string, string> }).scripts?.[npm[1]];
      if (typeof body === 'string' && runsCode(ws, wd, body, depth + 1)) return true;
    } catch {
      return true;
    }
  }
  return false;
}

export function readWorkflow(ws: Workspace, path: string, text: string): WorkloadSpec[] {
  if (!/configure-aws-credentials/.test(text)) return [];
  const doc = readYamlDocs(text)[0];
  if (!isRecord(doc) || !isRecord(doc.jobs)) return [];
  const project = projectOf(path);
  const out: WorkloadSpec[] = [];
  for (const [jobId, job] of Object.entries(doc.jobs)) {
    if (!isRecord(job) || !Array.isArray(job.steps)) continue;
    const steps = job.steps.filter(isRecord);
    const cfg = steps.findIndex((s) => /aws-actions\/configure-aws-credentials/.test(String(s.uses ?? '')));
    if (cfg < 0) continue;
    const withs = isRecord(steps[cfg].with) ? (steps[cfg].with as Record<string, unknown>) : {};
    const roleToAssume = str(withs['role-to-assume']);
    const jobDir = isRecord(job.defaults) && isRecord(job.defaults.run) ? str(job.defaults.run['working-directory']) : undefined;
    const roots = new Set<string>();
    let runs = false;
    for (const step of steps.slice(cfg + 1)) {
      const script = /actions\/github-script/.test(String(step.uses ?? '')) && isRecord(step.with) ? str(step.with.script) : undefined;
      if (script) {
        // `require('./scripts/x.js')` inside actions/github-script runs with the workspace as its folder
        for (const m of script.matchAll(/require\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*\)/g)) for (const r of scriptsOf(ws, project, `node ${m[1]}`, 0)) roots.add(r);
        runs = true;
      }
      const run = str(step.run);
      if (!run) continue;
      const wd = join(project, str(step['working-directory']) ?? jobDir ?? '.') ?? project;
      if (runsCode(ws, wd, run)) runs = true;
      for (const r of scriptsOf(ws, wd, run, 0)) roots.add(r);
    }
    if (!roots.size && !runs) continue;
    const permissions = isRecord(job.permissions) ? job.permissions : isRecord(doc.permissions) ? doc.permissions : {};
    out.push({
      name: `${str(doc.name) ?? posix.basename(path).replace(/\.ya?ml$/, '')} / ${jobId}`,
      runtime: 'github-actions',
      descriptor: 'github-actions',
      evidence: `${path}:${lineMatching(text, new RegExp(`aws-actions/configure-aws-credentials[\\s\\S]*?role-to-assume|aws-actions/configure-aws-credentials`))}`,
      roots: roots.size ? [...roots] : [asDirRoot(project)],
      explicit: roots.size > 0,
      meta: {
        workflow: path,
        job: jobId,
        ...(roleToAssume ? { roleToAssume } : { staticKeysInWorkflow: withs['aws-access-key-id'] ? 'yes' : 'no' }),
        idTokenWrite: String(permissions['id-token'] === 'write'),
      },
    });
  }
  return out;
}

/** Source files (or directories) a shell snippet runs. */
function scriptsOf(ws: Workspace, wd: string, run: string, depth: number): string[] {
  if (depth > 3) return [];
  const out: string[] = [];
  for (const cmd of run.split(/\n|&&|\|\||;/)) {
    const words = cmd.trim().split(/\s+/).filter(Boolean);
    if (!words.length) continue;
    let i = 0;
    while (i < words.length && /^(?:[A-Z_][A-Z0-9_]*=\S*|env|time|exec|sudo)$/.test(words[i])) i++;
    const w = words.slice(i);
    const file = (arg: string | undefined) => {
      if (!arg) return;
      const p = join(wd, arg.replace(/^["']|["']$/g, ''));
      if (p === undefined) return;
      if (ws.files.has(p)) out.push(p);
      else if (isDir(ws, p)) out.push(asDirRoot(p));
      else {
        // compiled output (`dist/sync.js`) runs the source next to it (`src/sync.ts`)
        const base = p.replace(/\.[a-z]+$/, '');
        const hit = resolveModule(ws, base, ALL_EXTS) ?? resolveModule(ws, base.replace(/(^|\/)(?:dist|build|out|lib)\//, '$1src/'), ALL_EXTS);
        if (hit) out.push(hit);
      }
    };
    const firstArg = (from: number) => w.slice(from).find((a) => !a.startsWith('-'));
    const c0 = w[0] ?? '';
    if (/^(?:node|nodejs|tsx|ts-node|bun|deno)$/.test(c0)) file(firstArg(c0 === 'deno' ? 2 : 1));
    else if (c0 === 'npx' && /^(?:tsx|ts-node|node)$/.test(w[1] ?? '')) file(firstArg(2));
    else if (/^python3?(?:\.\d+)?$/.test(c0) || (/^(?:pipenv|poetry)$/.test(c0) && w[1] === 'run' && /^python/.test(w[2] ?? ''))) {
      const k = /^python/.test(c0) ? 1 : 3;
      const mi = w.indexOf('-m', k);
      if (mi >= 0 && w[mi + 1]) {
        const base = join(wd, w[mi + 1].replace(/\./g, '/'));
        const hit = base !== undefined ? (resolveModule(ws, base, ['.py']) ?? (ws.files.has(`${base}/__main__.py`) ? `${base}/__main__.py` : undefined)) : undefined;
        if (hit) out.push(hit);
      } else file(firstArg(k));
    } else if (c0 === 'go' && w[1] === 'run') {
      const a = firstArg(2);
      if (a) {
        const p = join(wd, a);
        if (p !== undefined && (isDir(ws, p) || ws.files.has(p))) out.push(isDir(ws, p) ? asDirRoot(p) : p);
      }
    } else if (/^(?:npm|yarn|pnpm|bun)$/.test(c0)) {
      const script = w[1] === 'run' || w[1] === 'run-script' ? w[2] : w[1] === 'start' ? 'start' : c0 !== 'npm' ? w[1] : undefined;
      const pkgPath = join(wd, 'package.json');
      const pkgText = pkgPath !== undefined ? ws.files.get(pkgPath) : undefined;
      if (script && pkgText) {
        try {
          const pkg = JSON.parse(pkgText) as { scripts?: Record<string, string> };
          const body = pkg.scripts?.[script];
          if (typeof body === 'string') out.push(...scriptsOf(ws, wd, body, depth + 1));
        } catch {
          /* not JSON: nothing to follow */
        }
      }
    } else if (/^(?:bash|sh|zsh)$/.test(c0) || /\.sh$/.test(c0)) {
      const shPath = join(wd, (/\.sh$/.test(c0) ? c0 : firstArg(1)) ?? '');
      const sh = shPath !== undefined ? ws.files.get(shPath) : undefined;
      if (sh) out.push(...scriptsOf(ws, wd, sh, depth + 1));
    } else if (/^\.?\.?\/?[\w./-]+\.(?:py|js|mjs|ts|rb)$/.test(c0)) file(c0);
  }
  return out;
}
