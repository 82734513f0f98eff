/**
 * The other report languages, for the common shapes: C# (`new GetObjectRequest`, `await s3.GetObjectAsync(…)` on
 * `IAmazonS3`/`AmazonS3Client` variables), Ruby (`Aws::S3::Client.new` then `s3.get_object`), PHP
 * (`new S3Client(…)` / `$sdk->createS3()` then `$s3->getObject([...])`), Kotlin (`GetObjectRequest { … }`,
 * `s3.getObject(…)` on `S3Client` variables). Services come from SDK namespaces and class names.
 */
import { iamPrefixFor } from '../service-prefixes';
import { addCall, closeOf, pascalFromCamel, pascalFromSnake, resourcesIn, type Source } from './source';

/** .NET namespaces that differ from the service: `Amazon.SimpleNotificationService` → sns. */
const DOTNET: Record<string, string> = { simplenotificationservice: 'sns', simplesystemsmanagement: 'ssm', keymanagementservice: 'kms', simpleemail: 'ses', simpleemailv2: 'ses', securitytoken: 'sts', cloudwatchlogs: 'logs', stepfunctions: 'states' };
const dotnetService = (ns: string) => DOTNET[ns.toLowerCase()] ?? iamPrefixFor(ns);

function addOp(src: Source, service: string, op: string, at: number, open: number): void {
  const close = closeOf(src, open);
  addCall(src, service, op, at, close > 0 ? resourcesIn(src, service, open, close) : undefined);
}

export function extractCSharp(src: Source): void {
  const namespaces = [...src.code.matchAll(/using\s+Amazon\.(\w+)(\.Model)?\s*;/g)];
  if (!namespaces.length) return;
  const models = [...new Set(namespaces.filter((m) => m[2]).map((m) => dotnetService(m[1])))];
  const shape = src.shape;
  const typed = new Set<string>();
  let m: RegExpExecArray | null;
  if (models.length === 1) {
    const req = /new\s+(\w+)Request\s*[({]/g;
    while ((m = req.exec(shape))) {
      addOp(src, models[0], m[1], m.index, m.index + m[0].length - 1);
      typed.add(m[1]);
    }
  }
  const vars = new Map<string, string>();
  const decl = /(?<![\w.])I?Amazon(\w+?)(?:Client)?\s+(_?\w+)\s*[=;,)]|(?<![\w.])var\s+(\w+)\s*=\s*new\s+Amazon(\w+?)Client\s*\(/g;
  while ((m = decl.exec(shape))) vars.set(m[2] ?? m[3], dotnetService(m[1] ?? m[4]));
  const call = /(?<![\w])(_?\w+)\s*\.\s*([A-Z]\w*?)Async\s*\(/g;
  while ((m = call.exec(shape))) {
    const service = vars.get(m[1]);
    if (service && !typed.has(m[2])) addOp(src, service, m[2], m.index, m.index + m[0].length - 1);
  }
}

export function extractRuby(src: Source): void {
  const shape = src.code;
  const vars = new Map<string, string>();
  let m: RegExpExecArray | null;
  const decl = /(?<![\w.])(@?\w+)\s*=\s*Aws::(\w+)::Client\.new\b/g;
  while ((m = decl.exec(shape))) vars.set(m[1], iamPrefixFor(m[2]));
  if (!vars.size) return;
  const call = /(?<![\w])(@?\w+)\.([a-z]\w*)\s*\(/g;
  while ((m = call.exec(src.shape))) {
    const service = vars.get(m[1]);
    if (service) addOp(src, service, pascalFromSnake(m[2]), m.index, m.index + m[0].length - 1);
  }
}

export function extractPhp(src: Source): void {
  const code = src.code;
  if (!/Aws\\/.test(code)) return;
  const vars = new Map<string, string>();
  let m: RegExpExecArray | null;
  const decl = /(\$\w+(?:->\w+)?)\s*=\s*(?:new\s+(?:\\?Aws\\\w+\\)?(\w+)Client\s*\(|\$\w+->create(\w+)\s*\()/g;
  while ((m = decl.exec(src.shape))) vars.set(m[1], iamPrefixFor(m[2] ?? m[3]));
  const call = /(\$\w+(?:->\w+)?)->([a-z]\w*?)(?:Async)?\s*\(/g;
  while ((m = call.exec(src.shape))) {
    const service = vars.get(m[1]);
    if (service && !/^(?:getCommand|execute|getIterator|getPaginator|getWaiter|waitUntil|getConfig|getRegion|getCredentials|getEndpoint|getHandlerList|createPresignedRequest)$/.test(m[2])) addOp(src, service, pascalFromCamel(m[2]), m.index, m.index + m[0].length - 1);
    if (service && /^(?:getPaginator|getIterator)$/.test(m[2])) {
      const lit = /^\s*["'](\w+)["']/.exec(src.code.slice(m.index + m[0].length, m.index + m[0].length + 80));
      if (lit) addOp(src, service, lit[1], m.index, m.index + m[0].length - 1);
    }
  }
}

export function extractKotlin(src: Source): void {
  const imports = [...src.code.matchAll(/import\s+aws\.sdk\.kotlin\.services\.(\w+)\.(model\.)?(\w+|\*)/g)];
  if (!imports.length) return;
  const models = [...new Set(imports.filter((m) => m[2]).map((m) => iamPrefixFor(m[1])))];
  const clients = new Map(imports.filter((m) => !m[2] && /Client$/.test(m[3])).map((m) => [m[3], iamPrefixFor(m[1])]));
  const shape = src.shape;
  const typed = new Set<string>();
  let m: RegExpExecArray | null;
  if (models.length === 1) {
    const req = /(?<![\w.])(\w+)Request\s*\{/g;
    while ((m = req.exec(shape))) {
      addOp(src, models[0], m[1], m.index, m.index + m[0].length - 1);
      typed.add(m[1]);
    }
  }
  const vars = new Map<string, string>();
  const decl = /(?:val|var)\s+(\w+)(?:\s*:\s*(\w+))?\s*=\s*(\w+)?/g;
  while ((m = decl.exec(shape))) {
    const service = clients.get(m[2] ?? '') ?? clients.get(m[3] ?? '');
    if (service) vars.set(m[1], service);
  }
  const call = /(?<![\w])(\w+)\s*\.\s*([a-z]\w*)\s*[({]/g;
  while ((m = call.exec(shape))) {
    const service = vars.get(m[1]);
    const op = pascalFromCamel(m[2].replace(/Paginated$/, ''));
    if (service && !typed.has(op) && m[2] !== 'close' && m[2] !== 'use') addOp(src, service, op, m.index, m.index + m[0].length - 1);
  }
}
