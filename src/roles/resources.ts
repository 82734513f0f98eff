/**
 * ARNs for literal resource names, built per service the way the Service Authorization Reference defines each
 * resource type. Region and account are `*` unless the literal says them (a queue URL, a full ARN).
 */
import type { ResourceHint } from './types';

/** ARNs for one hint and one action (its catalogue resource types), or undefined when the hint does not fit. */
export function arnsFor(hint: ResourceHint, action: string, resourceTypes: string[]): string[] | undefined {
  const has = (t: string) => resourceTypes.some((r) => r.toLowerCase() === t);
  const name = hint.name.trim();
  if (!name || /[\s*?]/.test(name) || name.length > 512) return undefined;
  switch (hint.kind) {
    case 'bucket':
      if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) return undefined;
      if (has('object')) return [`arn:aws:s3:::${name}/*`];
      if (has('bucket')) return [`arn:aws:s3:::${name}`];
      return undefined;
    case 'table': {
      if (!/^[\w.-]{3,255}$/.test(name) || !has('table')) return undefined;
      const table = `arn:aws:dynamodb:*:*:table/${name}`;
      return has('index') && /:(?:Query|Scan)$/.test(action) ? [table, `${table}/index/*`] : [table];
    }
    case 'queue-url': {
      const m = /^https:\/\/(?:sqs\.([a-z0-9-]+)\.amazonaws\.com|([a-z0-9-]+)\.queue\.amazonaws\.com)\/(\d{12})\/([\w-]{1,80}(?:\.fifo)?)$/.exec(name);
      return m && has('queue') ? [`arn:aws:sqs:${m[1] ?? m[2]}:${m[3]}:${m[4]}`] : undefined;
    }
    case 'queue':
      return /^[\w-]{1,80}(?:\.fifo)?$/.test(name) && has('queue') ? [`arn:aws:sqs:*:*:${name}`] : undefined;
    case 'topic-arn':
      return /^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+(?:\.fifo)?$/.test(name) && has('topic') ? [name] : undefined;
    case 'secret':
      if (!has('secret')) return undefined;
      if (/^arn:aws[\w-]*:secretsmanager:/.test(name)) return [name];
      // secret ARNs end in `-` plus six random characters
      return /^[\w/+=.@-]{1,512}$/.test(name) ? [`arn:aws:secretsmanager:*:*:secret:${name}-??????`] : undefined;
    case 'function':
      if (!has('function')) return undefined;
      if (/^arn:aws[\w-]*:lambda:/.test(name)) return [name];
      return /^[\w-]{1,64}$/.test(name) ? [`arn:aws:lambda:*:*:function:${name}`] : undefined;
    case 'stream':
      return /^[\w.-]{1,128}$/.test(name) && has('stream') ? [`arn:aws:kinesis:*:*:stream/${name}`] : undefined;
    case 'parameter':
      return /^\/?[\w.\-/]{1,1011}$/.test(name) && has('parameter') ? [`arn:aws:ssm:*:*:parameter/${name.replace(/^\//, '')}`] : undefined;
    case 'state-machine-arn':
      return /^arn:aws[\w-]*:states:/.test(name) && (has('statemachine') || has('stateMachine')) ? [name] : undefined;
  }
  return undefined;
}
