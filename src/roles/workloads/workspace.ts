/** The scanned files as the descriptor readers see them: POSIX paths relative to the scan root, no I/O. */
import { posix } from 'node:path';

export interface Workspace {
  files: Map<string, string>;
  dirs: Set<string>;
}

export function makeWorkspace(files: Map<string, string>): Workspace {
  const dirs = new Set<string>(['']);
  for (const f of files.keys()) {
    let d = posix.dirname(f);
    while (d !== '.' && d !== '' && !dirs.has(d)) {
      dirs.add(d);
      d = posix.dirname(d);
    }
  }
  return { files, dirs };
}

/** Normalises `a/./b/../c` → `a/c`; '' for the root; undefined when it leaves the scan root. */
function norm(p: string): string | undefined {
  const n = posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\/?/, '').replace(/\/$/, '');
  if (n === '.' ) return '';
  return n.startsWith('..') ? undefined : n;
}

export function join(dir: string, rel: string): string | undefined {
  return norm(rel.startsWith('/') ? rel.slice(1) : posix.join(dir || '.', rel));
}

export const dirOf = (p: string) => (posix.dirname(p) === '.' ? '' : posix.dirname(p));

/** A directory root (trailing `/`, '' = everything) or a file root. */
export function asDirRoot(dir: string): string {
  return dir ? `${dir}/` : '';
}

export function isDir(ws: Workspace, p: string): boolean {
  return ws.dirs.has(p);
}

/** Directories that hold deployment descriptors rather than the application: the project is their parent. */
const INFRA_DIRS = /^(?:infra|infrastructure|deploy|deployment|deployments|k8s|kube|kubernetes|manifests|terraform|tf|ecs|cdk|charts|helm|ops|iac|cloudformation|cfn|templates|stacks|lib|bin|src|workflows|\.github|aws|overlays|base|environments|env|envs|task-definitions|taskdef|lambda|\.aws|copilot|\.copilot|eks|kustomize)$/i;

const DEPLOY_DIRS = /^(?:infra|infrastructure|deploy|deployment|deployments|k8s|kube|kubernetes|manifests|terraform|charts|helm|iac|cloudformation|cfn|\.github|\.aws|copilot|\.copilot|kustomize|ops)$/i;

/** The project a descriptor at `file` describes: its directory, leaving infrastructure folders upwards. */
export function projectOf(file: string): string {
  // a deployment folder anywhere on the path (`deploy/helm/api/templates/x.yaml`): the project is above it
  const segs = dirOf(file).split('/');
  const cut = segs.findIndex((s) => DEPLOY_DIRS.test(s));
  if (cut >= 0) return segs.slice(0, cut).join('/');
  let d = dirOf(file);
  while (d && INFRA_DIRS.test(posix.basename(d))) d = dirOf(d);
  return d;
}

/** Resolves a source module path without extension (`src/app`) to an existing file. */
export function resolveModule(ws: Workspace, base: string, exts: string[]): string | undefined {
  for (const e of exts) if (ws.files.has(base + e)) return base + e;
  for (const e of exts) if (ws.files.has(`${base}/index${e}`)) return `${base}/index${e}`;
  return undefined;
}

const JS_EXTS = ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts', '.tsx', '.jsx'];
const PY_EXTS = ['.py'];
export const ALL_EXTS = [...JS_EXTS, ...PY_EXTS, '.go', '.java', '.rb', '.cs', '.php'];
