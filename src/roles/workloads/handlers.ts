/** Lambda handler strings → the source file that holds the handler. */
import { ALL_EXTS, dirOf, join, resolveModule, type Workspace } from './workspace';

/**
 * `src/handlers/orders.create` (Node), `app.lambda_handler` / `pkg.mod.handler` (Python),
 * `com.example.Handler::handleRequest` (Java), `bootstrap` (Go/custom: the code directory).
 */
export function handlerFile(ws: Workspace, codeDir: string, handler: string | undefined): string | undefined {
  if (!handler) return undefined;
  const java = /^([\w.$]+?)(?:::\w+)?$/.exec(handler);
  if (handler.includes('::') || (java && /\.[A-Z]\w*$/.test(java[1]))) {
    const cls = (java ? java[1] : handler.split('::')[0]).replace(/\$.*$/, '').replace(/\./g, '/');
    return javaClassFile(ws, codeDir, cls);
  }
  const lastDot = handler.lastIndexOf('.');
  if (lastDot <= 0) return undefined;
  const mod = handler.slice(0, lastDot);
  for (const cand of [mod, mod.replace(/\./g, '/')]) {
    const base = join(codeDir, cand);
    if (base === undefined) continue;
    const hit = resolveModule(ws, base, ALL_EXTS);
    if (hit) return hit;
  }
  return undefined;
}

/** `com/example/Handler` → the `.java`/`.kt` file, preferring one under `codeDir`. */
export function javaClassFile(ws: Workspace, codeDir: string, classPath: string): string | undefined {
  const hits = [...ws.files.keys()].filter((f) => f.endsWith(`/${classPath}.java`) || f === `${classPath}.java` || f.endsWith(`/${classPath}.kt`));
  return hits.find((f) => !codeDir || f.startsWith(`${codeDir}/`)) ?? hits[0];
}

/** The module directory of a Java source file: the folder that holds `src/main/java`, else its own folder. */
export function javaModuleDir(file: string): string {
  const i = file.indexOf('src/main/');
  return i >= 0 ? file.slice(0, Math.max(0, i - 1)) : dirOf(file);
}
