/**
 * AWS CDK apps in TypeScript/JavaScript, Python and Java: Lambda functions (`lambda.Function`, `NodejsFunction`,
 * `PythonFunction`, `GoFunction`, Java `Function.Builder.create`) with their code assets / entries / handlers,
 * ECS task definitions and patterns (`FargateTaskDefinition`, `ApplicationLoadBalancedFargateService`…) with
 * `ContainerImage.fromAsset` build contexts, and `ec2.Instance`.
 */
import { posix } from 'node:path';
import type { DescriptorKind, Runtime, WorkloadSpec } from '../types';
import { handlerFile, javaClassFile, javaModuleDir } from './handlers';
import { ALL_EXTS, asDirRoot, dirOf, isDir, join, projectOf, resolveModule, type Workspace } from './workspace';

const LAMBDA = 'Function|NodejsFunction|PythonFunction|GoFunction|DockerImageFunction|SingletonFunction';
const ECS = 'FargateTaskDefinition|Ec2TaskDefinition|TaskDefinition|ApplicationLoadBalancedFargateService|NetworkLoadBalancedFargateService|QueueProcessingFargateService|ScheduledFargateTask|ApplicationLoadBalancedEc2Service|QueueProcessingEc2Service';
const EC2 = 'Instance';
const CONSTRUCT = new RegExp(
  `(?:new\\s+|(?<![\\w.]))(?:[\\w$]+\\.)?(${LAMBDA}|${ECS}|${EC2})\\s*(?:\\.\\s*Builder\\s*\\.\\s*create\\s*)?\\(\\s*(?:this|self|scope|stack)\\s*,\\s*["']([^"'\\n]+)["']`,
  'g',
);

export function isCdkSource(path: string, text: string): DescriptorKind | undefined {
  if (/\.(?:ts|js|mjs)$/.test(path) && /from\s+["']aws-cdk-lib|require\(\s*["']aws-cdk-lib|["']@aws-cdk\//.test(text)) return 'cdk-typescript';
  if (path.endsWith('.py') && /(?:^|\n)\s*(?:from|import)\s+aws_cdk\b/.test(text)) return 'cdk-python';
  if (path.endsWith('.java') && /import\s+software\.amazon\.awscdk\./.test(text)) return 'cdk-java';
  return undefined;
}

function cdkAppDir(ws: Workspace, file: string): string {
  let d = dirOf(file);
  for (;;) {
    if (ws.files.has(d ? `${d}/cdk.json` : 'cdk.json')) return d;
    if (!d) break;
    d = dirOf(d);
  }
  return projectOf(file);
}

/** The argument text of every `fromAsset(` / `from_asset(` call in `text` (balanced parentheses). */
function assetArgs(text: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(re)) {
    let depth = 1;
    let j = m.index! + m[0].length;
    const start = j;
    for (; j < text.length && depth > 0 && j - start < 600; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')') depth--;
    }
    if (depth === 0) out.push(text.slice(start, j - 1));
  }
  return out;
}

const CONTAINER_ASSET = /ContainerImage\s*\.\s*(?:fromAsset|from_asset)\s*\(/g;
const CODE_ASSET = /Code\s*\.\s*(?:fromAsset|from_asset)\s*\(/g;

/** Evaluates an asset path expression: `'lambda'`, `path.join(__dirname, '../lambda')`, `os.path.join(os.path.dirname(__file__), "..", "app")`. */
function assetPaths(expr: string, fileDir: string, appDir: string): string[] {
  const parts = [...expr.matchAll(/["']([^"'\n]*)["']/g)].map((m) => m[1]);
  if (!parts.length) return [];
  const rel = posix.join(...parts);
  const fromFile = /__dirname|__file__|import\.meta/.test(expr);
  const cands = fromFile ? [join(fileDir, rel)] : [join(appDir, rel), join(fileDir, rel)];
  return cands.filter((c): c is string => c !== undefined);
}

export function readCdk(ws: Workspace, path: string, text: string, kind: DescriptorKind): WorkloadSpec[] {
  const fileDir = dirOf(path);
  const appDir = cdkAppDir(ws, path);
  const matches = [...text.matchAll(CONSTRUCT)].filter((m) => !/^\s*(?:\/\/|#|\*)/.test(text.slice(text.lastIndexOf('\n', m.index!) + 1, m.index!)));
  const allAssets = assetArgs(text, CONTAINER_ASSET).flatMap((a) => assetPaths(firstArg(a), fileDir, appDir)).filter((p) => isDir(ws, p));
  const out: WorkloadSpec[] = [];
  matches.forEach((m, i) => {
    const cls = m[1];
    const id = m[2];
    const region = text.slice(m.index!, Math.min(matches[i + 1]?.index ?? text.length, m.index! + 4000));
    const line = text.slice(0, m.index!).split('\n').length;
    const evidence = `${path}:${line}`;
    let runtime: Runtime;
    const roots: string[] = [];
    if (new RegExp(`^(?:${LAMBDA})$`).test(cls)) {
      if (cls === 'Function' && kind === 'cdk-java' && !/Code\s*\.\s*fromAsset|\.code\s*\(|handler/.test(region)) return; // java.util.function.Function
      runtime = 'lambda';
      lambdaRoots(ws, region, fileDir, appDir, roots);
    } else if (new RegExp(`^(?:${ECS})$`).test(cls)) {
      runtime = 'ecs';
      const own = assetArgs(region, CONTAINER_ASSET).flatMap((a) => assetPaths(firstArg(a), fileDir, appDir)).filter((p) => isDir(ws, p));
      for (const d of own.length ? own : allAssets) roots.push(asDirRoot(d));
    } else {
      if (!/ec2\.|InstanceType|MachineImage|machine_image|instance_type/.test(region)) return;
      runtime = 'ec2';
    }
    const explicit = roots.length > 0;
    if (!explicit) roots.push(asDirRoot(projectOf(appDir ? `${appDir}/x` : 'x')));
    out.push({ name: id, runtime, descriptor: kind, evidence, roots, explicit, meta: { construct: cls, id } });
  });
  return out;
}

/** The first top-level argument (asset options follow the path). */
function firstArg(args: string): string {
  let depth = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) return args.slice(0, i);
  }
  return args;
}

function lambdaRoots(ws: Workspace, region: string, fileDir: string, appDir: string, roots: string[]): void {
  const entryAt = /\bentry\s*[:=(]\s*/.exec(region);
  const entry = entryAt ? [entryAt[0], firstArg(region.slice(entryAt.index + entryAt[0].length, entryAt.index + entryAt[0].length + 600).split(/\n\s*\w+\s*[:=]/)[0])] : null;
  const assetArg = assetArgs(region, CODE_ASSET)[0];
  const handler = /\bhandler\s*[:=(]\s*["']([^"'\n]+)["']/.exec(region)?.[1];
  const index = /\bindex\s*[:=]\s*["']([^"'\n]+)["']/.exec(region)?.[1];
  if (entry) {
    for (const p of assetPaths(entry[1], fileDir, appDir)) {
      if (ws.files.has(p)) return void roots.push(p);
      if (isDir(ws, p)) {
        const f = index ? join(p, index) : resolveModule(ws, `${p}/index`, ALL_EXTS) ?? undefined;
        return void roots.push(f && ws.files.has(f) ? f : asDirRoot(p));
      }
    }
  }
  if (assetArg !== undefined) {
    for (const p of assetPaths(firstArg(assetArg), fileDir, appDir)) {
      if (isDir(ws, p)) {
        const f = handlerFile(ws, p, handler);
        return void roots.push(f && !/\.java$|\.kt$/.test(f) ? f : asDirRoot(p)); // the handler file (plus its imports): several functions may share one asset folder
      }
    }
  }
  if (handler && /::|\.[A-Z]\w*$/.test(handler)) {
    const f = javaClassFile(ws, '', handler.split('::')[0].replace(/\./g, '/'));
    if (f) roots.push(asDirRoot(javaModuleDir(f)));
  }
}

