/**
 * Serverless Framework (`serverless.yml`): one workload per service, because every function of a service shares
 * the role declared under `provider.iam.role.statements`. Handlers (`src/handlers/orders.create`) → files.
 */
import type { WorkloadSpec } from '../types';
import { handlerFile, javaModuleDir } from './handlers';
import { asDirRoot, dirOf, join, type Workspace } from './workspace';
import { isRecord, lineMatching, readYamlDocs, str } from './yaml-docs';

export function isServerlessPath(path: string): boolean {
  return /(?:^|\/)serverless\.(?:ya?ml|ts|js|cjs|mjs)$/i.test(path);
}

/**
 * `serverless.ts` (the aws-nodejs-typescript template): functions are code, often spread from
 * `src/functions/<name>/index.ts` with `handler: \`${handlerPath(__dirname)}/handler.main\``. Handlers written as
 * literals are followed; otherwise the service's own folder is its code.
 */
function readServerlessScript(ws: Workspace, path: string, text: string): WorkloadSpec[] {
  if (!/provider\s*:\s*\{[\s\S]*?name\s*:\s*["']aws["']/.test(text)) return [];
  const dir = dirOf(path);
  const roots = new Set<string>();
  const handlers = [...text.matchAll(/handler\s*:\s*["'`]([\w./-]+)["'`]/g)].map((m) => m[1]);
  for (const f of ws.files.keys()) {
    // function definitions next to their handlers: `handler: \`${handlerPath(__dirname)}/handler.main\``
    const m = /handler\s*:\s*`\$\{handlerPath\(__dirname\)\}\/([\w.-]+)`/.exec(ws.files.get(f)!.length < 20_000 ? ws.files.get(f)! : '');
    if (m) {
      const file = handlerFile(ws, dirOf(f), m[1]);
      if (file) roots.add(file);
    }
  }
  for (const h of handlers) {
    const file = handlerFile(ws, dir, h);
    if (file) roots.add(file);
  }
  const service = /service\s*:\s*["'`]([\w-]+)["'`]/.exec(text)?.[1];
  return [{ name: service ?? 'serverless-service', runtime: 'lambda', descriptor: 'serverless', evidence: `${path}:${lineMatching(text, /functions\s*[:,]/)}`, roots: roots.size ? [...roots] : [asDirRoot(dir)], explicit: roots.size > 0, meta: {} }];
}

export function readServerless(ws: Workspace, path: string, text: string): WorkloadSpec[] {
  if (!/\.ya?ml$/i.test(path)) return readServerlessScript(ws, path, text);
  const doc = readYamlDocs(text)[0];
  if (!isRecord(doc)) return [];
  const provider = isRecord(doc.provider) ? doc.provider : {};
  if (provider.name !== undefined && provider.name !== 'aws') return [];
  const dir = dirOf(path);
  const roots: string[] = [];
  let functions: unknown = doc.functions;
  // `functions: ${file(./functions.yml)}` (or `- ${file(...)}` lists of them)
  const included = (v: unknown): Record<string, unknown> => {
    const m = typeof v === 'string' ? /^\$\{file\(([^)]+)\)(?::[\w.]+)?\}$/.exec(v.trim()) : null;
    const target = m ? join(dir, m[1].trim()) : undefined;
    const text2 = target !== undefined ? ws.files.get(target) : undefined;
    const d2 = text2 !== undefined ? readYamlDocs(text2)[0] : undefined;
    return isRecord(d2) ? d2 : {};
  };
  if (typeof functions === 'string') functions = included(functions);
  else if (Array.isArray(functions)) functions = Object.assign({}, ...functions.map((f) => (isRecord(f) ? f : included(f))));
  if (isRecord(functions)) {
    for (const fn of Object.values(functions)) {
      if (!isRecord(fn)) continue;
      const file = handlerFile(ws, dir, str(fn.handler));
      if (file) roots.push(/\.java$|\.kt$/.test(file) ? asDirRoot(javaModuleDir(file)) : file);
    }
  }
  const service = isRecord(doc.service) ? str(doc.service.name) : str(doc.service);
  return [
    {
      name: service ?? 'serverless-service',
      runtime: 'lambda',
      descriptor: 'serverless',
      evidence: `${path}:${lineMatching(text, /^functions\s*:/m)}`,
      roots: roots.length ? roots : [asDirRoot(dir)],
      explicit: roots.length > 0,
      meta: {},
    },
  ];
}
