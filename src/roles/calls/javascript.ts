/**
 * JavaScript / TypeScript: AWS SDK v3 commands (`new GetObjectCommand(…)`), lib-dynamodb document commands,
 * paginators (`paginateListObjectsV2`), lib-storage `Upload`, v3 aggregated clients (`new S3().getObject`), and
 * v2 clients (`new AWS.S3().getObject`, `new AWS.DynamoDB.DocumentClient().get`, `s3.getSignedUrl('getObject')`).
 * Services come from import sources, never from guessing at names.
 */
import { iamPrefixFor } from '../service-prefixes';
import { waiterOperation } from './waiters';
import { addCall, closeOf, literalAt, pascalFromCamel, resourcesIn, transactKinds, type Source } from './source';

type Origin = { kind: 'client'; service: string } | { kind: 'doc' } | { kind: 'storage' } | { kind: 'v2root' } | { kind: 'v2service'; service: string };

function originOfModule(mod: string): Origin | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^@aws-sdk\/client-([\w-]+)$/.exec(mod))) return { kind: 'client', service: iamPrefixFor(m[1]) };
  if (mod === '@aws-sdk/lib-dynamodb') return { kind: 'doc' };
  if (mod === '@aws-sdk/lib-storage') return { kind: 'storage' };
  if (mod === 'aws-sdk' || mod === 'aws-sdk/global') return { kind: 'v2root' };
  if ((m = /^aws-sdk\/clients\/([\w-]+)$/.exec(mod))) return { kind: 'v2service', service: iamPrefixFor(m[1]) };
  return undefined;
}

interface Imported {
  origin: Origin;
  /** Name exported by the module (`GetObjectCommand`), `*` for a namespace, `default` for a default import. */
  name: string;
}

function readImports(src: Source): Map<string, Imported> {
  const out = new Map<string, Imported>();
  const code = src.code;
  const named = (list: string, origin: Origin) => {
    for (const part of list.split(',')) {
      const m = /^\s*(?:type\s+)?([\w$]+)(?:\s*(?:as|:)\s*([\w$]+))?\s*$/.exec(part);
      if (m) out.set(m[2] ?? m[1], { origin, name: m[1] });
    }
  };
  const re =
    /import\s+(?:type\s+)?(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s+as\s+([\w$]+))?\s*from\s*["']([^"']+)["']|(?:const|let|var)\s+(?:\{([^}]*)\}|([\w$]+))\s*=\s*(?:await\s+import|require)\s*\(\s*["']([^"']+)["']\s*\)(?:\s*\.\s*([\w$]+))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) {
    const mod = m[4] ?? m[7];
    const origin = originOfModule(mod);
    if (!origin) continue;
    if (m[1]) out.set(m[1], { origin, name: 'default' });
    if (m[2]) named(m[2], origin);
    if (m[3]) out.set(m[3], { origin, name: '*' });
    if (m[5]) named(m[5], origin);
    if (m[6]) out.set(m[6], { origin, name: m[8] ?? (origin.kind === 'v2root' ? 'default' : '*') });
  }
  return out;
}

/** What `new X(` / `X.from(` creates when X is an imported name or `ns.X` / `AWS.X`. */
function commandOf(imp: Imported, exported: string): { service: string; operation: string } | undefined {
  const m = /^(\w+)Command$/.exec(exported);
  if (!m) return undefined;
  if (imp.origin.kind === 'client') return { service: imp.origin.service, operation: m[1] };
  if (imp.origin.kind === 'doc') return { service: 'dynamodb', operation: m[1] };
  return undefined;
}

const NOT_OPERATIONS = new Set(['send', 'destroy', 'config', 'middlewareStack', 'promise', 'on', 'makeRequest', 'makeUnauthenticatedRequest', 'waitFor', 'createPresignedPost', 'getSignedUrl', 'getSignedUrlPromise', 'then', 'catch', 'setPromisesDependency', 'constructor']);

export function extractJavaScript(src: Source): void {
  const imports = readImports(src);
  if (!imports.size) return;
  const shape = src.shape;
  /** client variables: name → service (dynamodb for document clients) */
  const clients = new Map<string, string>();

  // 1. constructions: `new X(`, `new ns.X(`, `new AWS.S3(`, `new AWS.DynamoDB.DocumentClient(`, `DynamoDBDocument.from(`
  const ctor = /(?:(?<![\w$.])([\w$.]+)\s*=\s*(?:await\s+)?)?new\s+([\w$]+(?:\s*\.\s*[\w$]+){0,2})\s*\(|(?:(?<![\w$.])([\w$.]+)\s*=\s*)?(?<![\w$.])(DynamoDBDocument(?:Client)?)\s*\.\s*from\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = ctor.exec(shape))) {
    const target = m[1] ?? m[3];
    let path = (m[2] ?? m[4]).replace(/\s+/g, '').split('.');
    const open = m.index + m[0].length - 1;
    const close = closeOf(src, open);
    let imp = imports.get(path[0]);
    if (!imp) continue;
    // `const { S3, DynamoDB } = require('aws-sdk')`: a named v2 service is `AWS.<name>`
    if (imp.origin.kind === 'v2root' && imp.name !== 'default' && imp.name !== '*') {
      path = ['AWS', imp.name, ...path.slice(1)];
      imp = { origin: imp.origin, name: 'default' };
    }
    const exported = path.length === 1 ? imp.name : path[1];
    const isNs = path.length > 1 && (imp.name === '*' || imp.name === 'default');
    if (path.length > 1 && !isNs) continue;
    const origin = imp.origin;
    // v3 commands
    const cmd = commandOf(imp, exported);
    if (cmd) {
      const detail = /^TransactWrite/.test(cmd.operation) && close > 0 ? transactKinds(src, open, close) : undefined;
      addCall(src, cmd.service, cmd.operation, m.index, close > 0 ? resourcesIn(src, cmd.service, open, close) : undefined, detail);
      continue;
    }
    if (origin.kind === 'storage' && exported === 'Upload') {
      addCall(src, 's3', 'Upload', m.index, close > 0 ? resourcesIn(src, 's3', open, close) : undefined);
      continue;
    }
    let service: string | undefined;
    if (origin.kind === 'client' && !/Client$/.test(exported) && /^[A-Z]/.test(exported) && !/Exception$|Error$/.test(exported)) service = origin.service; // aggregated v3 client
    else if (origin.kind === 'doc' && /^DynamoDBDocument$/.test(exported)) service = 'dynamodb';
    else if (origin.kind === 'v2service') service = path.length === 1 ? origin.service : path[1] === 'DocumentClient' ? 'dynamodb' : undefined;
    else if (origin.kind === 'v2root' && path.length >= 2) service = path[2] === 'DocumentClient' ? 'dynamodb' : path.length === 2 ? iamPrefixFor(path[1]) : undefined;
    if (!service || !target) continue;
    clients.set(target.replace(/^this\./, ''), service);
  }

  // 2. paginators and waiters: `paginateListObjectsV2(`, `waitUntilObjectExists(`
  const pag = /(?<![\w$.])([\w$]+)(?:\s*\.\s*((?:paginate|waitUntil|waitFor)\w+))?\s*\(/g;
  while ((m = pag.exec(shape))) {
    const imp = imports.get(m[1]);
    if (!imp) continue;
    const exported = m[2] ?? imp.name;
    const p = /^paginate(\w+)$/.exec(exported);
    const w = /^wait(?:Until|For)(\w+)$/.exec(exported); // waitForX: the deprecated v3 spelling
    const service = imp.origin.kind === 'client' ? imp.origin.service : imp.origin.kind === 'doc' ? 'dynamodb' : undefined;
    if (!service || !(p || w)) continue;
    const op = p ? p[1] : waiterOperation(service, w![1]);
    if (!op) continue;
    const open = m.index + m[0].length - 1;
    const close = closeOf(src, open);
    addCall(src, service, op, m.index, close > 0 ? resourcesIn(src, service, open, close) : undefined);
  }

  // 3. methods on client variables: `s3.getObject(`, `this.ddb.put(`, `s3.getSignedUrl('getObject', …)`
  if (!clients.size) return;
  const call = /(?<![\w$])((?:this\s*\.\s*)?[\w$]+)\s*\.\s*([\w$]+)\s*\(/g;
  while ((m = call.exec(shape))) {
    const service = clients.get(m[1].replace(/^this\s*\.\s*/, ''));
    if (!service) continue;
    const method = m[2];
    const open = m.index + m[0].length - 1;
    const close = closeOf(src, open);
    if (method === 'getSignedUrl' || method === 'getSignedUrlPromise') {
      const lit = literalAt(src, open + 1);
      if (lit && /^\w+$/.test(lit.value)) addCall(src, service, pascalFromCamel(lit.value), m.index, close > 0 ? resourcesIn(src, service, open, close) : undefined);
      continue;
    }
    if (method === 'waitFor') {
      // v2 `s3.waitFor('objectExists', params)`: the waiter polls one operation
      const lit = literalAt(src, open + 1);
      const op = lit && /^\w+$/.test(lit.value) ? waiterOperation(service, lit.value) : undefined;
      if (op) addCall(src, service, op, m.index, close > 0 ? resourcesIn(src, service, open, close) : undefined);
      continue;
    }
    if (method === 'createPresignedPost') {
      addCall(src, service, 'CreatePresignedPost', m.index, close > 0 ? resourcesIn(src, service, open, close) : undefined);
      continue;
    }
    if (NOT_OPERATIONS.has(method)) continue;
    const operation = pascalFromCamel(method);
    const detail = /^TransactWrite/.test(operation) && close > 0 ? transactKinds(src, open, close) : undefined;
    addCall(src, service, operation, m.index, close > 0 ? resourcesIn(src, service, open, close) : undefined, detail);
  }
}
