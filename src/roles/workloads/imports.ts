/** Local imports of a source file (relative JS/TS modules, Python modules in the project): the code a handler runs. */
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

/** A file and everything it imports locally, bounded. */
export function importClosure(ws: Workspace, file: string, limit = 500): Set<string> {
  const seen = new Set<string>([file]);
  const queue = [file];
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
