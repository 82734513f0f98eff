/**
 * Python boto3: `boto3.client('s3')` / `session.client(…)` methods (snake_case → operation), `get_paginator('x')`,
 * `generate_presigned_url('get_object')`, transfer helpers (`upload_file`, `download_file`…), and the resource API
 * (`boto3.resource('dynamodb').Table('t').put_item`, `s3.Bucket('b').objects.all()`, `s3.Object(b, k).get()`,
 * `sqs.get_queue_by_name(…)`), including chained forms and `self.x` attributes.
 */
import { splitTopLevel } from '../../report/shape';
import { iamPrefixFor } from '../service-prefixes';
import type { ResourceHint, ResourceKind } from '../types';
import { waiterOperation } from './waiters';
import { BOTO3_SERVICES, functionParameters, serviceFromAnnotation, serviceFromName } from './python-typed-receivers';
import { normaliseSdkName } from '../service-prefixes';
import { addCall, closeOf, literalAt, pascalFromSnake, resourcesIn, valueAt, type Source } from './source';

type VarKind = { service: string; kind: 'client' | 'resource' } | { service: string; kind: 'sub'; sub: string; hints?: ResourceHint[] };

/** Sub-resources of service resources: the positional argument that names the resource. */
const SUB_RESOURCES: Record<string, { service: string; hint?: ResourceKind }> = {
  Table: { service: 'dynamodb', hint: 'table' },
  Bucket: { service: 's3', hint: 'bucket' },
  Object: { service: 's3', hint: 'bucket' },
  ObjectSummary: { service: 's3', hint: 'bucket' },
  Queue: { service: 'sqs', hint: 'queue-url' },
  Topic: { service: 'sns', hint: 'topic-arn' },
};

/** Sub-resource methods that are not the snake_case of their operation. */
const SUB_METHODS: Record<string, Record<string, string>> = {
  Object: { get: 'GetObject', put: 'PutObject', delete: 'DeleteObject', load: 'HeadObject', reload: 'HeadObject', copy_from: 'CopyObject', copy: 'Copy', initiate_multipart_upload: 'CreateMultipartUpload', wait_until_exists: 'HeadObject', wait_until_not_exists: 'HeadObject' },
  ObjectSummary: { get: 'GetObject', put: 'PutObject', delete: 'DeleteObject', load: 'HeadObject', wait_until_exists: 'HeadObject', wait_until_not_exists: 'HeadObject' },
  Bucket: { delete: 'DeleteBucket', create: 'CreateBucket', load: 'HeadBucket', copy: 'Copy', wait_until_exists: 'HeadBucket', wait_until_not_exists: 'HeadBucket' },
  Table: { delete: 'DeleteTable', update: 'UpdateTable', load: 'Load', reload: 'Load', batch_writer: 'BatchWriter', wait_until_exists: 'DescribeTable', wait_until_not_exists: 'DescribeTable' },
  Queue: { delete: 'DeleteQueue', purge: 'Purge', load: 'GetQueueAttributes', reload: 'GetQueueAttributes', set_attributes: 'SetQueueAttributes' },
  Topic: { delete: 'DeleteTopic', load: 'GetTopicAttributes', set_attributes: 'SetTopicAttributes' },
};

/** Collections on a Bucket: `bucket.objects.all()`. */
const COLLECTIONS: Record<string, string> = { objects: 'ListObjects', object_versions: 'ListObjectVersions', multipart_uploads: 'ListMultipartUploads' };

const NOT_OPERATIONS = new Set(['can_paginate', 'close', 'exceptions', 'meta', 'get_available_subresources']);

/** Positional bucket argument of client transfer helpers (`upload_file(Filename, Bucket, Key)`). */
const HELPER_BUCKET_ARG: Record<string, number> = { upload_file: 1, upload_fileobj: 1, download_file: 0, download_fileobj: 0 };

/**
 * Methods specific enough to one service that a call on a receiver the extractor cannot trace (a parameter, a
 * helper's return value) still names it — counted only when the file creates a client or resource of that service.
 */
const DISTINCTIVE: Record<string, string[]> = {
  dynamodb: ['put_item', 'get_item', 'update_item', 'delete_item', 'batch_write_item', 'batch_get_item', 'transact_write_items', 'transact_get_items', 'batch_writer'],
  s3: ['put_object', 'get_object', 'delete_object', 'delete_objects', 'head_object', 'copy_object', 'list_objects_v2', 'upload_file', 'download_file', 'upload_fileobj', 'download_fileobj', 'generate_presigned_url'],
  sqs: ['send_message', 'send_message_batch', 'receive_message', 'delete_message', 'delete_message_batch', 'change_message_visibility'],
  secretsmanager: ['get_secret_value', 'put_secret_value'],
  ssm: ['get_parameter', 'get_parameters', 'get_parameters_by_path', 'put_parameter'],
  events: ['put_events'],
  states: ['start_execution', 'start_sync_execution', 'send_task_success', 'send_task_failure'],
  kinesis: ['put_record', 'put_records'],
  firehose: ['put_record_batch'],
  cloudwatch: ['put_metric_data'],
};

export function extractPython(src: Source): void {
  // a helper module without boto3 still counts when its receivers name their service (see python-typed-receivers)
  const imported = /\b(?:boto3|aioboto3|aiobotocore|botocore)\b/.test(src.code);
  const shape = src.shape;
  const vars = new Map<string, VarKind>();
  let m: RegExpExecArray | null;

  // 1. clients and resources: `x = boto3.client('s3')`, `session.resource(service_name="dynamodb")`, `boto3.client('s3').get_object(`,
  //    `boto3.session.Session().client("iam")`, `self.session.client("iam")`
  const make = /(?<![\w.])([\w.]+(?:\s*\(\s*[^()\n]*\))?)\s*\.\s*(client|resource)\s*\(\s*(?:service_name\s*=\s*)?/g;
  while ((m = make.exec(shape))) {
    const open = m.index + m[0].lastIndexOf('(');
    const close = closeOf(src, open);
    const lit = literalAt(src, m.index + m[0].length);
    if (!lit || !/^[a-z0-9-]+$/.test(lit.value) || close < 0) continue;
    if (!imported && !BOTO3_SERVICES.has(normaliseSdkName(lit.value))) continue;
    const kind: VarKind = { service: iamPrefixFor(lit.value), kind: m[2] as 'client' | 'resource' };
    bindAndChain(src, vars, kind, m.index, close + 1);
  }
  // 2. sub-resources and queues from variables: `table = dynamodb.Table('t')`, `q = sqs.get_queue_by_name(QueueName='q')`
  const sub = /(?<![\w.])([\w.]+)\s*\.\s*(Table|Bucket|Object|ObjectSummary|Queue|Topic|get_queue_by_name)\s*\(/g;
  while ((m = sub.exec(shape))) {
    const owner = vars.get(m[1]);
    if (!owner || owner.kind !== 'resource') continue;
    const open = m.index + m[0].length - 1;
    const close = closeOf(src, open);
    if (close < 0) continue;
    bindAndChain(src, vars, subKind(src, owner.service, m[2], open, close), m.index, close + 1);
  }
  const made = new Set([...vars.values()].map((v) => v.service));
  // 2b. receivers typed by their hint or name: parameters, annotated attributes, `self.iam_client`
  typedReceivers(src, vars);
  hintedParameters(src, vars);
  if (!vars.size) return;
  if (src.flows) collectFlows(src, vars);

  // 3. method calls on known variables (and distinctive methods on untraced receivers of services made here)
  const distinctive = new Map<string, string>();
  for (const [service, methods] of Object.entries(DISTINCTIVE)) if (made.has(service)) for (const mth of methods) if (!distinctive.has(mth)) distinctive.set(mth, service);
  // `with table.batch_writer() as batch: batch.put_item(…)` is BatchWriteItem, counted at batch_writer()
  const batches = new Set([...shape.matchAll(/batch_writer\s*\([^)]*\)\s*as\s+(\w+)/g)].map((b) => b[1]));
  const untraced = /(?<![\w.])([A-Za-z_][\w.]*(?:\([^()\n]*\))?)\s*\.\s*([a-z]\w*_\w+)\s*\(/g;
  while ((m = untraced.exec(shape))) {
    const service = distinctive.get(m[2]);
    if (!service || vars.has(m[1]) || batches.has(m[1]) || /\.meta\.client$/.test(m[1]) || [...vars.keys()].some((k) => m![1].startsWith(`${k}.`))) continue;
    const open = m.index + m[0].length - 1;
    const close = closeOf(src, open);
    const op = m[2] === 'batch_writer' ? 'BatchWriter' : pascalFromSnake(m[2]);
    addCall(src, service, op, m.index, close > 0 ? resourcesIn(src, service, open, close) : undefined);
  }
  const call = /(?<![\w.])([\w.]+?)\s*\.\s*(?:(objects|object_versions|multipart_uploads)\s*\.\s*)?(\w+)\s*\(/g;
  while ((m = call.exec(shape))) {
    // `resource.meta.client.upload_file(…)`: the low-level client of a resource
    const meta = /^(.+)\.meta\.client$/.exec(m[1].replace(/\s+/g, ''));
    const v = vars.get(m[1]) ?? (meta && vars.get(meta[1]) ? { service: vars.get(meta[1])!.service, kind: 'client' as const } : undefined);
    if (!v) continue;
    const open = m.index + m[0].length - 1;
    const close = closeOf(src, open);
    methodCall(src, v, m[2], m[3], m.index, open, close);
  }
}

function subKind(src: Source, service: string, name: string, open: number, close: number): VarKind {
  if (name === 'get_queue_by_name') {
    addCall(src, 'sqs', 'GetQueueByName', open, resourcesIn(src, 'sqs', open, close));
    const hints = resourcesIn(src, 'sqs', open, close);
    return { service: 'sqs', kind: 'sub', sub: 'Queue', hints };
  }
  const spec = SUB_RESOURCES[name];
  const args = splitTopLevel(src.shape, open + 1, close);
  const first = args.length ? valueAt(src, args[0][0], args[0][1]) : undefined;
  const hints = spec?.hint && first !== undefined ? [{ kind: spec.hint, name: first }] : undefined;
  return { service: spec?.service ?? service, kind: 'sub', sub: name, hints };
}

/** Binds `target = <construct>` and follows chained calls on the construct: `.Table('t').put_item(`. */
function bindAndChain(src: Source, vars: Map<string, VarKind>, kind: VarKind, start: number, after: number): void {
  const shape = src.shape;
  const before = shape.slice(Math.max(0, start - 120), start);
  const target = /(?:^|[\n;])\s*([\w.]+)\s*(?::\s*[^=\n]+)?=\s*(?:await\s+)?$/.exec(before) ?? /(?:^|[\n;])\s*(?:async\s+)?with\s+$/.exec(before);
  let j = after;
  let cur = kind;
  for (let guard = 0; guard < 4; guard++) {
    const chain = /^\s*\.\s*(?:(objects|object_versions|multipart_uploads)\s*\.\s*)?(\w+)\s*\(/.exec(shape.slice(j, j + 200));
    if (!chain) break;
    const open = j + chain[0].length - 1;
    const close = closeOf(src, open);
    if (close < 0) return;
    if (cur.kind === 'resource' && /^(?:Table|Bucket|Object|ObjectSummary|Queue|Topic|get_queue_by_name)$/.test(chain[2])) {
      cur = subKind(src, cur.service, chain[2], open, close);
      j = close + 1;
      continue;
    }
    methodCall(src, cur, chain[1], chain[2], j, open, close);
    return;
  }
  if (target && target[1] && /^[A-Za-z_][\w.]*$/.test(target[1])) vars.set(target[1], cur);
  // `with boto3.client(...) as s3` / `async with session.client(...) as s3`
  const asName = /^\s*as\s+([A-Za-z_]\w*)/.exec(shape.slice(j, j + 80));
  if (asName) vars.set(asName[1], cur);
}

function methodCall(src: Source, v: VarKind, collection: string | undefined, method: string, at: number, open: number, close: number): void {
  const service = v.service;
  const argRes = close > 0 ? resourcesIn(src, service, open, close) : undefined;
  if (v.kind === 'sub') {
    const hints = v.hints ?? argRes;
    if (collection) {
      if (v.sub === 'Bucket' && COLLECTIONS[collection]) {
        addCall(src, service, COLLECTIONS[collection], at, hints);
        if (method === 'delete') addCall(src, service, 'DeleteObjects', at, hints);
      }
      return;
    }
    if (/^[A-Z]/.test(method) || method === 'meta') return;
    const op = SUB_METHODS[v.sub]?.[method] ?? pascalFromSnake(method);
    addCall(src, service, op, at, hints);
    return;
  }
  if (collection || NOT_OPERATIONS.has(method) || /^[A-Z]/.test(method) || method.startsWith('_')) return;
  let op = pascalFromSnake(method);
  if (method === 'get_waiter') {
    const lit = literalAt(src, open + 1);
    const w = lit && /^[a-z_]+$/.test(lit.value) ? waiterOperation(service, pascalFromSnake(lit.value)) : undefined;
    if (w) addCall(src, service, w, at);
    return;
  }
  if (method === 'get_paginator' || method === 'generate_presigned_url' || method === 'generate_presigned_post') {
    if (method === 'generate_presigned_post') op = 'CreatePresignedPost';
    else {
      const args = close > 0 ? splitTopLevel(src.shape, open + 1, close) : [];
      const a = args.length ? /^\s*(?:ClientMethod\s*=\s*|operation_name\s*=\s*)?/.exec(src.shape.slice(args[0][0], args[0][1])) : null;
      const lit = args.length && a ? literalAt(src, args[0][0] + a[0].length) : undefined;
      if (!lit || !/^[a-z0-9_]+$/.test(lit.value)) return;
      op = pascalFromSnake(lit.value);
    }
  }
  if (method === 'get_paginator') {
    // the resource is named by `.paginate(Bucket=…)`, on the same chain or on the variable holding the paginator
    const after = close > 0 ? /^\s*\.\s*paginate\s*\(/.exec(src.shape.slice(close + 1, close + 80)) : null;
    const pOpen = after ? close + after[0].length : -1;
    const pClose = pOpen > 0 ? closeOf(src, pOpen) : -1;
    const target = /(?:^|[\n;])\s*([\w.]+)\s*=\s*$/.exec(src.shape.slice(Math.max(0, at - 120), at));
    let hints = pClose > 0 ? resourcesIn(src, service, pOpen, pClose) : undefined;
    if (!hints && target) {
      const re = new RegExp(`(?<![\\w.])${target[1].replace(/\./g, '\\.')}\\s*\\.\\s*paginate\\s*\\(`, 'g');
      const found: (ResourceHint[] | undefined)[] = [];
      let pm: RegExpExecArray | null;
      while ((pm = re.exec(src.shape))) {
        const o = pm.index + pm[0].length - 1;
        const c = closeOf(src, o);
        found.push(c > 0 ? resourcesIn(src, service, o, c) : undefined);
      }
      if (found.length && found.every((f) => f)) hints = found.flat() as ResourceHint[];
    }
    addCall(src, service, op, at, hints);
    return;
  }
  let res = argRes;
  if (!res && method in HELPER_BUCKET_ARG && close > 0) {
    const args = splitTopLevel(src.shape, open + 1, close);
    const idx = HELPER_BUCKET_ARG[method];
    const pos = args[idx];
    if (pos && !/=/.test(src.shape.slice(pos[0], pos[1]))) {
      const b = valueAt(src, pos[0], pos[1]);
      if (b !== undefined) res = [{ kind: 'bucket', name: b }];
    }
  }
  addCall(src, service, op, at, res);
}

/** Receivers whose hint or name says the service (a parameter `iam`, `client: "IAMClient"`, `self.s3_client`); never overrides a construction. */
function typedReceivers(src: Source, vars: Map<string, VarKind>): void {
  const boto = /\b(?:boto3|botocore|aioboto3|aiobotocore|mypy_boto3_\w+|types_boto3_\w+)\b/.test(src.code);
  const bind = (name: string, k: { service: string; kind: 'client' | 'resource' } | undefined) => {
    if (k && !vars.has(name)) vars.set(name, { service: iamPrefixFor(k.service), kind: k.kind });
  };
  for (const p of functionParameters(src.code, (open) => closeOf(src, open))) {
    bind(p.name, (p.annotation ? serviceFromAnnotation(p.annotation, boto) : undefined) ?? serviceFromName(p.name));
  }
  // annotated attributes and fields: `self.iam: IAMClient = …`, class body `s3: "S3Client"`
  for (const a of src.code.matchAll(/^[ \t]*((?:self\.)?[A-Za-z_]\w*)[ \t]*:[ \t]*([^=\n]+)/gm)) bind(a[1], serviceFromAnnotation(a[2], boto));
  // attributes named after their service: `self.iam_client.list_users()`, `self.s3.put_object(…)`
  for (const a of src.shape.matchAll(/(?<![\w.])self\s*\.\s*([A-Za-z_]\w*)\s*\.\s*[a-z_]\w*\s*\(/g)) bind(`self.${a[1]}`, serviceFromName(a[1]));
  // a class field `iam: IAMClient` is used as `self.iam`
  for (const [name, v] of [...vars]) if (!name.includes('.') && !vars.has(`self.${name}`) && new RegExp(`^[ \\t]+${name}[ \\t]*:`, 'm').test(src.code)) vars.set(`self.${name}`, v);
}

/**
 * Parameters with a generic name (`def list_stale_keys(client, days)`) typed by what every caller in the workspace
 * passes there (`list_stale_keys(session.client("iam"), 90)`): calls on them are read inside that function only.
 */
function hintedParameters(src: Source, vars: Map<string, VarKind>): void {
  if (!src.paramHints?.size) return;
  for (const p of functionParameters(src.code, (open) => closeOf(src, open))) {
    const hint = src.paramHints.get(p.func)?.get(p.index) ?? src.paramHints.get(p.func)?.get(p.name);
    if (!hint || vars.has(p.name)) continue;
    const v: VarKind = { service: iamPrefixFor(hint.service), kind: hint.kind };
    const re = new RegExp(`(?<![\\w.])${p.name}\\s*\\.\\s*(\\w+)\\s*\\(`, 'g');
    re.lastIndex = p.offset + p.name.length;
    let m: RegExpExecArray | null;
    while ((m = re.exec(src.shape)) && m.index < p.bodyEnd) {
      const open = m.index + m[0].length - 1;
      methodCall(src, v, undefined, m[1], m.index, open, closeOf(src, open));
    }
  }
}

/** Clients this file hands to other functions: `f(iam)`, `mod.f(iam, x)`, `f(client=iam)`, `f(session.client("s3"))`. */
function collectFlows(src: Source, vars: Map<string, VarKind>): void {
  const shape = src.shape;
  const re = /(?<![\w.])(?:([A-Za-z_]\w*)\s*\.\s*)?([A-Za-z_]\w*)\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(shape))) {
    if ((m[1] && vars.has(m[1])) || /^(?:client|resource|def|class|print|len|str|int|list|dict|set|tuple|isinstance|getattr|setattr)$/.test(m[2])) continue;
    if (/def\s+$/.test(shape.slice(Math.max(0, m.index - 8), m.index))) continue;
    const open = m.index + m[0].length - 1;
    const close = closeOf(src, open);
    if (close < 0) continue;
    let index = 0;
    for (const [s, e] of splitTopLevel(shape, open + 1, close)) {
      const region = shape.slice(s, e);
      if (/^\s*\*/.test(region)) break;
      const kw = /^\s*([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(region);
      const arg: number | string = kw ? kw[1] : index++;
      const exprAt = s + (kw ? kw[0].length : 0);
      const expr = shape.slice(exprAt, e).trim();
      let v: { service: string; kind: 'client' | 'resource' } | undefined;
      const known = vars.get(expr);
      if (known && known.kind !== 'sub') v = { service: known.service, kind: known.kind };
      else {
        const inline = /^\s*[\w.]+(?:\s*\([^()]*\))?\s*\.\s*(client|resource)\s*\(\s*(?:service_name\s*=\s*)?/.exec(shape.slice(exprAt, e));
        const lit = inline ? literalAt(src, exprAt + inline[0].length, e) : undefined;
        if (inline && lit && BOTO3_SERVICES.has(normaliseSdkName(lit.value)) && /^\s*\)\s*$/.test(shape.slice(lit.end, e))) v = { service: iamPrefixFor(lit.value), kind: inline[1] as 'client' | 'resource' };
      }
      if (v) src.flows!.push({ callee: m[2], arg, service: v.service, kind: v.kind });
    }
  }
}
