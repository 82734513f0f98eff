/**
 * Go: AWS SDK v2 (and v1) service packages. Operations come from `&s3.GetObjectInput{…}`,
 * `s3.NewListObjectsV2Paginator(…)`, and methods on clients made by `s3.NewFromConfig(cfg)` / `s3.New(sess)` or
 * typed `*s3.Client` (`client.GetObject(ctx, …)`); the feature/s3/manager uploader and downloader map to
 * PutObject / GetObject through their input structs.
 */
import { iamPrefixFor } from '../service-prefixes';
import { waiterOperation } from './waiters';
import { addCall, closeOf, resourcesIn, transactKinds, type Source } from './source';

export function extractGo(src: Source): void {
  const aliases = new Map<string, string>();
  const imp = /(?:^|\s)(?:([\w.]+)\s+)?"github\.com\/aws\/aws-sdk-go(?:-v2)?\/service\/([\w-]+)"/g;
  let m: RegExpExecArray | null;
  while ((m = imp.exec(src.code))) aliases.set(m[1] && m[1] !== '_' && m[1] !== '.' && m[1] !== 'import' ? m[1] : m[2], iamPrefixFor(m[2]));
  if (/"github\.com\/aws\/aws-sdk-go\/service\/s3\/s3manager"/.test(src.code)) aliases.set('s3manager', 's3manager');
  if (!aliases.size) return;
  const hasManager = /"github\.com\/aws\/aws-sdk-go-v2\/feature\/s3\/manager"|"github\.com\/aws\/aws-sdk-go\/service\/s3\/s3manager"/.test(src.code);
  const shape = src.shape;
  const seen = new Set<string>();
  const add = (service: string, op: string, at: number, open: number, close: number) => {
    const line = `${service}:${op}:${at}`;
    if (seen.has(line)) return;
    seen.add(line);
    const detail = /^TransactWrite/.test(op) && close > 0 ? transactKinds(src, open, close) : undefined;
    addCall(src, service, op, at, close > 0 ? resourcesIn(src, service, open, close) : undefined, detail);
  };

  // input structs and paginators
  // (a method call whose input struct is written elsewhere in the file adds nothing: the struct names the resource)
  const typedOps = new Set<string>();
  const typed = /(?<![\w.])([A-Za-z_]\w*)\s*\.\s*(?:(\w+)Input\s*\{|New(\w+)Paginator\s*\(|New(\w+)Waiter\s*\()/g;
  while ((m = typed.exec(shape))) {
    let service = aliases.get(m[1]);
    if (!service) continue;
    const op = m[4] ? waiterOperation(service, m[4]) : (m[2] ?? m[3]);
    if (!op) continue;
    if (service === 's3manager') {
      // v1 s3manager.UploadInput / s3manager.NewUploader: a managed upload
      if (op !== 'Upload') continue;
      service = 's3';
    }
    const open = m.index + m[0].length - 1;
    const close = closeOf(src, open);
    add(service, op, m.index, open, close);
    typedOps.add(`${service}:${op}`);
  }

  // client variables: `x := s3.NewFromConfig(cfg)`, `x = s3.New(sess)`, `x *s3.Client`, `x s3iface.S3API`
  const clients = new Map<string, string>();
  const bind = /(?<![\w.])([A-Za-z_]\w*)\s*(?::=|=)\s*([A-Za-z_]\w*)\s*\.\s*(?:NewFromConfig|New)\s*\(|(?<![\w.])([A-Za-z_]\w*)\s+\*?\s*([A-Za-z_]\w*)\s*\.\s*Client\b/g;
  while ((m = bind.exec(shape))) {
    const service = aliases.get(m[2] ?? m[4]);
    if (service) clients.set(m[1] ?? m[3], service);
  }
  if (hasManager) {
    const mgr = /(?<![\w.])([A-Za-z_]\w*)\s*(?::=|=)\s*(?:manager|s3manager)\s*\.\s*New(Uploader|Downloader)\w*\s*\(/g;
    while ((m = mgr.exec(shape))) clients.set(m[1], m[2] === 'Uploader' ? 's3-upload' : 's3-download');
  }
  if (!clients.size) return;
  const call = /(?<![\w])([A-Za-z_]\w*)\s*\.\s*([A-Z]\w*)\s*\(/g;
  while ((m = call.exec(shape))) {
    const service = clients.get(m[1]);
    if (!service) continue;
    const open = m.index + m[0].length - 1;
    const close = closeOf(src, open);
    if (service === 's3-upload' || service === 's3-download') {
      if (/^Upload|^Download/.test(m[2]) && !typedOps.has(service === 's3-upload' ? 's3:PutObject' : 's3:GetObject')) add('s3', service === 's3-upload' ? 'Upload' : 'Download', m.index, open, close);
      continue;
    }
    const op = m[2].replace(/(?:PagesWithContext|WithContext|Pages|Request)$/, '');
    if (typedOps.has(`${service}:${op}`)) continue;
    add(service, op, m.index, open, close);
  }
}
