/**
 * Local imports of a source file: the code a handler or script runs. Relative JS/TS modules, Python modules and
 * packages of the project (relative and absolute), and Go: the rest of the file's package (a Go package is its
 * whole directory) plus the packages of the same module (`go.mod` `module example.com/app` → `example.com/app/internal/x`).
 */
import { ALL_EXTS, dirOf, join, resolveModule, type Workspace } from './workspace';

function localImports(ws: Workspace, file: string, text: string): string[] {
  const dir = dirOf(file);
  const out: string[] = [];
  if (/\.(?:[cm]?[jt]sx?)$/.test(file)) {
    for (const m of text.matchAll(/(?:from|import|require\s*\(|import\s*\()\s*["'](\.{1,2}\/[^"'\n]+)["']/g)) {
      const base = join(dir, m[1].replace(/\.(?:[cm]?js|ts)$/, ''));
      const hit = base !== undefined ? resolveModule(ws, base, ALL_EXTS) : undefined;
      if (hit) out.push(hit);
    }
  } else if (file.endsWith('.go')) {
    out.push(...goPackageFiles(ws, dir).filter((f) => f !== file));
    const mod = goModuleOf(ws, dir);
    if (mod) {
      for (const m of text.matchAll(/"([^"\s]+)"/g)) {
        if (m[1] !== mod.path && !m[1].startsWith(`${mod.path}/`)) continue;
        const pkgDir = join(mod.dir, m[1].slice(mod.path.length + 1));
        if (pkgDir !== undefined) out.push(...goPackageFiles(ws, pkgDir));
      }
    }
  } else if (file.endsWith('.py')) {
    for (const m of text.matchAll(/^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+([\w, \t()]+)|import[ \t]+([\w.]+))/gm)) {
      const dots = m[1] ?? '';
      const mod = m[2] ?? m[4] ?? '';
      const names = (m[3] ?? '').replace(/[()]/g, '').split(',').map((n) => n.trim().split(/\s+/)[0]).filter(Boolean);
      const bases: string[] = [];
      if (dots) {
        let d = dir;
        for (let i = 1; i < dots.length; i++) d = dirOf(d);
        bases.push(d);
      } else for (let d: string | undefined = dir; d !== undefined; d = d ? dirOf(d) : undefined) bases.push(d);
      for (const b of bases) {
        const modPath = mod ? join(b, mod.replace(/\./g, '/')) : b;
        if (modPath === undefined) continue;
        const hit = resolveModule(ws, modPath, ['.py']) ?? (ws.files.has(`${modPath}/__init__.py`) ? `${modPath}/__init__.py` : undefined);
        const subs = names.map((n) => resolveModule(ws, modPath ? `${modPath}/${n}` : n, ['.py'])).filter((x): x is string => !!x);
        if (hit || subs.length) {
          if (hit) out.push(hit);
          out.push(...subs);
          break;
        }
      }
    }
  }
  return out;
}

/** Non-test `.go` files directly in `dir`: one Go package. */
function goPackageFiles(ws: Workspace, dir: string): string[] {
  let index = GO_DIRS.get(ws);
  if (!index) {
    index = new Map();
    for (const f of [...ws.files.keys()].sort()) if (f.endsWith('.go') && !f.endsWith('_test.go')) index.set(dirOf(f), [...(index.get(dirOf(f)) ?? []), f]);
    GO_DIRS.set(ws, index);
  }
  return index.get(dir) ?? [];
}

const GO_DIRS = new WeakMap<Workspace, Map<string, string[]>>();

/** The nearest enclosing `go.mod`: its directory and module path. */
function goModuleOf(ws: Workspace, dir: string): { dir: string; path: string } | undefined {
  for (let d: string | undefined = dir; d !== undefined; d = d ? dirOf(d) : undefined) {
    const text = ws.files.get(d ? `${d}/go.mod` : 'go.mod');
    if (text !== undefined) {
      const m = /^\s*module\s+("?)([^\s"]+)\1/m.exec(text);
      return m ? { dir: d, path: m[2] } : undefined;
    }
  }
  return undefined;
}

/** A file and everything it imports locally, bounded. */
export function importClosure(ws: Workspace, file: string, limit = 500): Set<string> {
  return importClosureOf(ws, [file], limit);
}

/** Files and everything they import locally, bounded (a code folder's files and the modules they reach outside it). */
export function importClosureOf(ws: Workspace, files: string[], limit = 2_000): Set<string> {
  const seen = new Set<string>(files);
  const queue = [...files];
  while (queue.length && seen.size < limit) {
    const f = queue.shift()!;
    const text = ws.files.get(f);
    if (text === undefined) continue;
    for (const dep of localImports(ws, f, text)) {
      if (!seen.has(dep)) {
        seen.add(dep);
        queue.push(dep);
      }
    }
  }
  return seen;
}
