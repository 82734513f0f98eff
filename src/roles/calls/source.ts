/**
 * A lexed source file plus the small helpers every call extractor shares: line numbers, literal strings (resource
 * names only: bucket/table/queue names, never credential fields), same-file constant bindings and argument regions.
 */
import { codeView, lex, shapeView, stringAt, type Lexed } from '../../syntax/lexer';
import { bracketPairs, lineStarts, positionAt } from '../../report/shape';
import type { SdkLanguage } from '../../report/types';
import type { ApiCall, ResourceHint, ResourceKind } from '../types';

export interface Source {
  path: string;
  lang: SdkLanguage;
  lx: Lexed;
  shape: string;
  code: string;
  pairs: Int32Array;
  starts: number[];
  calls: ApiCall[];
  /** Python: clients this file passes to functions (`f(iam)`, `f(client=session.client("iam"))`), for helper modules. */
  flows?: ClientFlow[];
  /** Python: parameters of this file's functions that callers elsewhere pass a client to. */
  paramHints?: ParamHints;
}

export interface ClientFlow {
  /** The called function's name (`list_stale_keys` in `list_stale_keys(iam)` or `users.list_stale_keys(iam)`). */
  callee: string;
  /** Positional index, or keyword name. */
  arg: number | string;
  service: string;
  kind: 'client' | 'resource';
}

/** function name → positional index or keyword → the service every caller passes there. */
export type ParamHints = Map<string, Map<number | string, { service: string; kind: 'client' | 'resource' }>>;

export function makeSource(text: string, path: string, lang: SdkLanguage): Source {
  const lx = lex(text, lang);
  const shape = shapeView(lx);
  return { path, lang, lx, shape, code: codeView(lx), pairs: bracketPairs(shape), starts: lineStarts(text), calls: [] };
}

function lineOf(src: Source, offset: number): number {
  return positionAt(src.starts, offset).line;
}

/** Offset of the bracket closing the one at `open`, or -1. */
export function closeOf(src: Source, open: number): number {
  const c = src.pairs[open] ?? -1;
  return c > open ? c : -1;
}

/** The content of a plain (non-interpolated, single-token) string literal starting at `offset` (after spaces). */
export function literalAt(src: Source, offset: number, end = src.shape.length): { value: string; end: number } | undefined {
  let j = offset;
  while (j < end && /\s/.test(src.shape[j])) j++;
  const idx = stringAt(src.lx.strings, j);
  if (idx === -1) return undefined;
  const tok = src.lx.strings[idx];
  if (tok.start !== j || tok.interpolated) return undefined;
  const raw = src.lx.text.slice(tok.start, tok.end);
  const m = /^[A-Za-z@$]*("""|'''|["'`])([\s\S]*)\1$/.exec(raw);
  return m ? { value: m[2], end: tok.end } : undefined;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/**
 * The literal a same-file constant holds: `const BUCKET = 'x'`, `BUCKET = "x"`, `bucket := "x"`,
 * `static final String BUCKET = "x"`. Only when every assignment in the file is the same literal.
 */
function constantValue(src: Source, name: string): string | undefined {
  if (!IDENT.test(name)) return undefined;
  const re = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}\\s*(?::\\s*[\\w.<>\\[\\]]+\\s*)?(?::=|=(?![=>]))\\s*`, 'g');
  let value: string | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src.shape))) {
    const lit = literalAt(src, m.index + m[0].length);
    if (!lit) return undefined;
    const after = src.shape.slice(lit.end, lit.end + 40);
    if (!/^\s*(?:[;,)\n]|$)/.test(after)) return undefined; // `'x' + suffix`, `'x' || y`…
    if (value !== undefined && value !== lit.value) return undefined;
    value = lit.value;
  }
  return value;
}

/** A value expression at `offset`: a literal, `aws.String("x")`, `&x`, or a constant bound to a literal. */
export function valueAt(src: Source, offset: number, end: number): string | undefined {
  let j = offset;
  while (j < end && /\s/.test(src.shape[j])) j++;
  const rest = src.shape.slice(j, Math.min(end, j + 200));
  const wrap = /^(?:aws\s*\.\s*String\s*\(|&)/.exec(rest);
  if (wrap) return valueAt(src, j + wrap[0].length, end);
  const lit = literalAt(src, j, end);
  if (lit) return /^\s*(?:[,)}\];\n]|$)/.test(src.shape.slice(lit.end, lit.end + 20)) ? lit.value : undefined;
  const id = /^([A-Za-z_$][\w$]*)\s*(?=[,)}\];\n]|$)/.exec(rest);
  return id ? constantValue(src, id[1]) : undefined;
}

/** Argument keys that name a resource, per IAM service. */
const RESOURCE_KEYS: Record<string, { keys: string[]; kind: ResourceKind }[]> = {
  s3: [{ keys: ['Bucket', 'BucketName'], kind: 'bucket' }],
  dynamodb: [{ keys: ['TableName'], kind: 'table' }],
  sqs: [
    { keys: ['QueueUrl'], kind: 'queue-url' },
    { keys: ['QueueName'], kind: 'queue' },
  ],
  sns: [{ keys: ['TopicArn'], kind: 'topic-arn' }],
  secretsmanager: [{ keys: ['SecretId'], kind: 'secret' }],
  lambda: [{ keys: ['FunctionName'], kind: 'function' }],
  kinesis: [{ keys: ['StreamName'], kind: 'stream' }],
  ssm: [{ keys: ['Name'], kind: 'parameter' }],
  states: [{ keys: ['StateMachineArn'], kind: 'state-machine-arn' }],
};

/**
 * Resource hints in an argument region: `Bucket: 'x'`, `Bucket='x'`, `.bucket("x")`, `Bucket: aws.String("x")`.
 * Returns undefined when the service has resource keys but none is a literal (the policy keeps `*`).
 */
export function resourcesIn(src: Source, service: string, s: number, e: number): ResourceHint[] | undefined {
  const spec = RESOURCE_KEYS[service];
  if (!spec || e <= s) return undefined;
  const region = src.shape.slice(s, e);
  const hints: ResourceHint[] = [];
  for (const { keys, kind } of spec) {
    const re = new RegExp(`(?:(?<![\\w$])["']?(?:${keys.join('|')})["']?\\s*(?::(?!:)|=>|=(?![=>]))|\\.\\s*(?:${keys.map(lowerFirst).join('|')})\\s*\\()`, 'gi');
    let m: RegExpExecArray | null;
    while ((m = re.exec(region))) {
      // a masked string key ("Bucket": …) shows as "______" in the shape: check the raw text for quoted keys
      const v = valueAt(src, s + m.index + m[0].length, e);
      if (v === undefined) return undefined;
      hints.push({ kind, name: v });
    }
  }
  // quoted keys are masked in the shape: look in the code view for "Bucket": 'x'
  if (!hints.length) {
    const codeRegion = src.code.slice(s, e);
    for (const { keys, kind } of spec) {
      const re = new RegExp(`["'](?:${keys.join('|')})["']\\s*(?::|=>)\\s*`, 'g');
      let m: RegExpExecArray | null;
      while ((m = re.exec(codeRegion))) {
        const v = valueAt(src, s + m.index + m[0].length, e);
        if (v === undefined) return undefined;
        hints.push({ kind, name: v });
      }
    }
  }
  return hints.length ? hints : undefined;
}

const lowerFirst = (k: string) => k[0].toLowerCase() + k.slice(1);

export function pascalFromSnake(s: string): string {
  return s
    .split('_')
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

export function pascalFromCamel(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

export function addCall(src: Source, service: string, operation: string, offset: number, resources?: ResourceHint[], detail?: string[]): void {
  src.calls.push({ service, operation, file: src.path, line: lineOf(src, offset), ...(resources ? { resources } : {}), ...(detail?.length ? { detail } : {}) });
}

/** Kinds of TransactWrite items named in an argument region (`Put:`, `Update:`, `Delete:`, `ConditionCheck:`). */
export function transactKinds(src: Source, s: number, e: number): string[] {
  const kinds = new Set<string>();
  const re = /(?<![\w$])["']?(Put|Update|Delete|ConditionCheck)["']?\s*[:=(]|\.\s*(put|update|delete|conditionCheck)\s*\(|add(Put|Update|Delete|ConditionCheck)Item\s*\(/g;
  let m: RegExpExecArray | null;
  const region = src.code.slice(s, e);
  while ((m = re.exec(region))) kinds.add(pascalFromCamel(m[1] ?? m[2] ?? m[3]));
  return [...kinds];
}
