/**
 * Java: AWS SDK v2 (`software.amazon.awssdk.services.<svc>`) and v1 (`com.amazonaws.services.<svc>`). Operations
 * come from request classes (`GetObjectRequest.builder()…build()`, `new PutObjectRequest(…)`) and from methods on
 * typed client variables (`s3.getObject(r -> r.bucket("b"))`, `listObjectsV2Paginator`), the DynamoDB enhanced
 * client (`DynamoDbTable.putItem`) and the S3 transfer manager (`uploadFile`).
 */
import { iamPrefixFor } from '../service-prefixes';
import type { ResourceHint } from '../types';
import { addCall, closeOf, literalAt, pascalFromCamel, resourcesIn, type Source } from './source';
import { waiterOperation } from './waiters';

type JavaVar = { kind: 'client'; service: string } | { kind: 'waiter'; service: string } | { kind: 'table'; hints?: ResourceHint[] } | { kind: 'transfer' };

const NOT_OPERATIONS = new Set(['close', 'serviceName', 'utilities', 'waiter', 'builder', 'create', 'serviceClientConfiguration', 'shutdown', 'getServiceName', 'table', 'presigner']);
const TABLE_METHODS: Record<string, string> = { getItem: 'GetItem', putItem: 'PutItem', updateItem: 'UpdateItem', deleteItem: 'DeleteItem', query: 'Query', scan: 'Scan', describeTable: 'DescribeTable', createTable: 'CreateTable', deleteTable: 'DeleteTable' };
const TRANSFER_METHODS: Record<string, string> = { uploadFile: 'UploadFile', downloadFile: 'DownloadFile', upload: 'Upload', download: 'Download', copy: 'Copy', uploadDirectory: 'UploadDirectory', downloadDirectory: 'DownloadDirectory' };

export function extractJava(src: Source): void {
  const types = new Map<string, JavaVar>();
  const requestService = new Map<string, string>();
  const wildcard = new Set<string>();
  const imp = /import\s+(?:static\s+)?(software\.amazon\.awssdk\.services|com\.amazonaws\.services)\.(\w+)\.((?:model\.|waiters\.)?)(\w+|\*)\s*;|import\s+software\.amazon\.awssdk\.(enhanced\.dynamodb|transfer\.s3)\.(\w+)\s*;/g;
  let m: RegExpExecArray | null;
  while ((m = imp.exec(src.code))) {
    if (m[5]) {
      if (m[6] === 'DynamoDbTable' || m[6] === 'DynamoDbAsyncTable') types.set(m[6], { kind: 'table' });
      if (m[6] === 'S3TransferManager') types.set(m[6], { kind: 'transfer' });
      continue;
    }
    const service = iamPrefixFor(m[2]);
    if (m[4] === '*') {
      if (m[3]) wildcard.add(service);
      continue;
    }
    if (/Request$/.test(m[4])) requestService.set(m[4], service);
    else if (/(?:Async)?Waiter$/.test(m[4])) types.set(m[4], { kind: 'waiter', service });
    else if (/(?:Client|AsyncClient)$|^Amazon\w+$|^AWS\w+$/.test(m[4]) && !/Builder$/.test(m[4])) types.set(m[4], { kind: 'client', service });
  }
  if (!types.size && !requestService.size && !wildcard.size) return;
  const shape = src.shape;
  const serviceOfRequest = (name: string) => requestService.get(name) ?? (wildcard.size === 1 ? [...wildcard][0] : undefined);

  // request classes
  const typedOps = new Set<string>();
  const req = /(?<![\w.])(?:new\s+)?([A-Z]\w*)Request\s*(?:\.\s*builder\s*\(\s*\)|\()/g;
  while ((m = req.exec(shape))) {
    const service = serviceOfRequest(`${m[1]}Request`);
    if (!service) continue;
    const isBuilder = /builder/.test(m[0]);
    let end: number;
    if (isBuilder) {
      const b = shape.indexOf('.build()', m.index);
      end = b > 0 && b - m.index < 4000 ? b : m.index + m[0].length;
    } else end = closeOf(src, m.index + m[0].length - 1);
    addCall(src, service, m[1], m.index, end > 0 ? resourcesIn(src, service, m.index, end) : undefined);
    typedOps.add(`${service}:${m[1]}`);
  }

  // typed variables and fields: `S3Client s3 = …`, `private final DynamoDbTable<Order> table = enhanced.table("orders", …)`, `var s3 = S3Client.create()`
  const vars = new Map<string, JavaVar>();
  const decl = /(?<![\w.])([A-Z]\w*)\s*(?:<[^>;=()]*>)?\s+([a-zA-Z_]\w*)\s*(?=[=;,)])|(?<![\w.])var\s+([a-zA-Z_]\w*)\s*=\s*([A-Z]\w*)\s*\.\s*(?:create|builder)\s*\(/g;
  while ((m = decl.exec(shape))) {
    const t = types.get(m[1] ?? m[4]);
    if (!t) continue;
    const name = m[2] ?? m[3];
    let v: JavaVar = t;
    if (t.kind === 'table') {
      const init = /^\s*=\s*[\w.]+\s*\.\s*table\s*\(\s*/.exec(shape.slice(m.index + m[0].length, m.index + m[0].length + 200));
      const lit = init ? literalAt(src, m.index + m[0].length + init[0].length) : undefined;
      v = { kind: 'table', hints: lit ? [{ kind: 'table', name: lit.value }] : undefined };
    }
    vars.set(name, v);
  }
  // `var w = s3.waiter();` / `S3Waiter w = s3.waiter();`: a waiter of the client's service
  const waiterBind = /(?<![\w.])(?:var\s+|[A-Z]\w*\s+)?([a-zA-Z_]\w*)\s*=\s*(?:this\s*\.\s*)?([a-zA-Z_]\w*)\s*\.\s*waiter\s*\(\s*\)\s*;/g;
  while ((m = waiterBind.exec(shape))) {
    const v = vars.get(m[2]);
    if (v?.kind === 'client') vars.set(m[1], { kind: 'waiter', service: v.service });
  }
  if (!vars.size) return;
  // `s3.waiter().waitUntilObjectExists(…)`: the waiter polls one operation
  const chained = /(?<![\w])(?:this\s*\.\s*)?([a-zA-Z_]\w*)\s*\.\s*waiter\s*\(\s*\)\s*\.\s*waitUntil(\w+)\s*\(/g;
  while ((m = chained.exec(shape))) {
    const v = vars.get(m[1]);
    const op = v?.kind === 'client' ? waiterOperation(v.service, m[2]) : undefined;
    if (v?.kind === 'client' && op && !typedOps.has(`${v.service}:${op}`)) addCall(src, v.service, op, m.index);
  }
  const call = /(?<![\w])(?:this\s*\.\s*)?([a-zA-Z_]\w*)\s*\.\s*([a-z]\w*)\s*\(/g;
  while ((m = call.exec(shape))) {
    const v = vars.get(m[1]);
    if (!v) continue;
    const open = m.index + m[0].length - 1;
    const close = closeOf(src, open);
    const method = m[2];
    if (v.kind === 'table') {
      const op = TABLE_METHODS[method];
      if (op) addCall(src, 'dynamodb', op, m.index, v.hints);
      continue;
    }
    if (v.kind === 'waiter') {
      const w = /^waitUntil(\w+)$/.exec(method);
      const op = w ? waiterOperation(v.service, w[1]) : undefined;
      if (op && !typedOps.has(`${v.service}:${op}`)) addCall(src, v.service, op, m.index);
      continue;
    }
    if (v.kind === 'transfer') {
      const op = TRANSFER_METHODS[method];
      if (op && !typedOps.has(op === 'Download' || op === 'DownloadFile' ? 's3:GetObject' : 's3:PutObject')) addCall(src, 's3', op, m.index, close > 0 ? resourcesIn(src, 's3', open, close) : undefined);
      continue;
    }
    if (NOT_OPERATIONS.has(method)) continue;
    const op = pascalFromCamel(method.replace(/(?:Paginator|AsBytes)$/, ''));
    if (typedOps.has(`${v.service}:${op}`)) continue; // the request class already named it (and its resource)
    addCall(src, v.service, op, m.index, close > 0 ? resourcesIn(src, v.service, open, close) : undefined);
  }
}
