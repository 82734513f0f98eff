/**
 * Ruby and Python (`def` without braces): static keys passed to a method of the same file that only hands them to
 * a client, e.g.
 *   scenario.create_sts_client('AKIA…', '…')
 *   def create_sts_client(key_id, key_secret)
 *     Aws::STS::Client.new(access_key_id: key_id, secret_access_key: key_secret)
 *   end
 * or `make_client("AKIA…", "…")` with `def make_client(key_id, secret): return boto3.client("s3",
 * aws_access_key_id=key_id, aws_secret_access_key=secret)`. When that call is the method's ONLY caller, the
 * default-chain fix removes the key arguments, the parameters and the client's key options together. With other
 * callers (which pass other keys) the method must keep its parameters, so no default-chain fix is offered.
 */
import type { TextEdit } from '../types';
import type { RecipeContext } from './recipe';
import { AWS_KINDS } from './recipe';
import { enclosingOpen, identifierRefs, matchClose, splitList } from '../syntax/brackets';
import { keyBefore } from '../context';
import { removeListItems } from '../edits';

/** Keyword options of an SDK client that carry credentials. */
const CREDENTIAL_OPTION = /^(access_key_id|secret_access_key|session_token|credentials|aws_access_key_id|aws_secret_access_key|aws_session_token)$/;

/** Offset where the body of a `def` whose header ends at `headerEnd` ends: Ruby's `end`, Python's dedent. */
function bodyEndOf(ctx: RecipeContext, indent: string, headerEnd: number): number {
  const { text } = ctx;
  if (ctx.lang === 'ruby') {
    const end = new RegExp(`^${indent}end\\b`, 'm').exec(text.slice(headerEnd));
    return end ? headerEnd + end.index : -1;
  }
  const re = /\n([ \t]*)(?=\S)/g;
  re.lastIndex = headerEnd;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1].length <= indent.length && !text.startsWith('#', m.index + 1 + m[1].length)) return m.index + 1;
  }
  return text.length;
}

export function indentedHelperFlow(ctx: RecipeContext): TextEdit[] | undefined {
  const { text, lx } = ctx;
  const site = ctx.site;
  if (!site || site.decl) return undefined;
  const open = enclosingOpen(lx, site.literal.start, '(');
  if (open < 0) return undefined;
  const name = /(?:^|[^\w:])([A-Za-z_]\w*[?!]?)\s*$/.exec(text.slice(Math.max(0, open - 80), open))?.[1];
  if (!name) return undefined;
  // Python `S3Wrapper("AKIA…", "…")`: the class's `__init__`; Ruby `S3Wrapper.new(…)`: its `initialize`
  const cls = new RegExp(`^([ \\t]*)class\\s+${name}\\b`, 'm').exec(text)
    ?? (ctx.lang === 'ruby' && name === 'new' ? classOfNew(text, open) : null);
  const initName = ctx.lang === 'python' ? '__init__' : 'initialize';
  const def = cls
    ? new RegExp(`^([ \\t]*)def\\s+${initName}\\s*\\(`, 'm').exec(text.slice(cls.index)) && offsetMatch(new RegExp(`^([ \\t]*)def\\s+${initName}\\s*\\(`, 'm').exec(text.slice(cls.index))!, cls.index)
    : new RegExp(`^([ \\t]*)def\\s+(?:self\\.)?${name}\\s*\\(`, 'm').exec(text);
  if (!def) return undefined;
  const defOpen = def.index + def[0].length - 1;
  const defClose = matchClose(lx, defOpen);
  if (defClose < 0) return undefined;
  const bodyEnd = bodyEndOf(ctx, def[1], defClose);
  if (bodyEnd < 0) return undefined;
  const nameAt = cls ? cls.index + cls[0].lastIndexOf(name) : def.index + def[0].indexOf(name, def[0].indexOf('def') + 3);
  const calledName = cls && name === 'new' ? cls[2] : name;
  const calls = identifierRefs(lx, calledName, true).filter((r) => r !== nameAt && !(cls && name === 'new' && r === cls.index + cls[0].lastIndexOf(calledName)));
  if (calls.length !== 1 || calls[0] > open || open - calls[0] > calledName.length + 6) return undefined;
  const close = matchClose(lx, open);
  const args = splitList(lx, open, close);
  let params = splitList(lx, defOpen, defClose);
  // a Python method's `self`/`cls` has no argument at the call
  const receiver = ctx.lang === 'python' && params.length === args.length + 1 && /^(self|cls)$/.test(text.slice(params[0].start, params[0].end).trim());
  const allParams = params;
  if (receiver) params = params.slice(1);
  if (args.length !== params.length) return undefined; // defaults, splats, keyword arguments: not followed
  const keyArgs = new Set<number>();
  args.forEach((a, i) => {
    if (ctx.findings.some((f) => AWS_KINDS.has(f.kind) && f.startOffset >= a.start && f.endOffset <= a.end)) keyArgs.add(i);
  });
  if (keyArgs.size === 0) return undefined;
  // every use of every key parameter must be a credential option of a client call in the body
  const inner = new Map<number, Set<number>>();
  for (const i of keyArgs) {
    const param = text.slice(params[i].start, params[i].end).trim().replace(/\s*:\s*[\w.[\], |]+$/, '');
    if (!/^[a-z_]\w*$/.test(param)) return undefined;
    const refs = identifierRefs(lx, param).filter((r) => r > defClose && r < bodyEnd);
    if (refs.length === 0) return undefined;
    for (const r of refs) {
      const key = keyBefore(text, r);
      if (!key || !CREDENTIAL_OPTION.test(key.replace(/^:/, ''))) return undefined;
      const o = enclosingOpen(lx, r, '(');
      if (o < 0) return undefined;
      const items = splitList(lx, o, matchClose(lx, o));
      const k = items.findIndex((it) => r >= it.start && r < it.end && text.slice(it.start, it.end).trim().endsWith(param) && r + param.length === it.end);
      if (k < 0) return undefined;
      if (!inner.has(o)) inner.set(o, new Set());
      inner.get(o)!.add(k);
    }
  }
  const paramRemove = new Set([...keyArgs].map((i) => (receiver ? i + 1 : i)));
  const edits: TextEdit[] = [...dropItems(ctx, open, args, keyArgs), ...dropItems(ctx, defOpen, allParams, paramRemove)];
  for (const [o, remove] of inner) edits.push(...dropItems(ctx, o, splitList(lx, o, matchClose(lx, o)), remove));
  return edits;
}

function offsetMatch(m: RegExpExecArray, by: number): RegExpExecArray {
  m.index += by;
  return m;
}

/** `S3Wrapper.new(` in Ruby: the class `S3Wrapper` of this file (group 2 = its name). */
function classOfNew(text: string, open: number): RegExpExecArray | null {
  const recv = /([A-Z]\w*)\s*\.\s*new\s*$/.exec(text.slice(Math.max(0, open - 80), open))?.[1];
  return recv ? new RegExp(`^([ \\t]*)class\\s+(${recv})\\b`, 'm').exec(text) : null;
}

/** Removes list items; in Ruby an emptied list loses its parentheses too (`def name`, `Client.new`). */
function dropItems(ctx: RecipeContext, open: number, items: ReturnType<typeof splitList>, remove: Set<number>): TextEdit[] {
  const close = matchClose(ctx.lx, open);
  if (remove.size === items.length) return [{ start: ctx.lang === 'ruby' ? open : open + 1, end: ctx.lang === 'ruby' ? close + 1 : close, newText: '' }];
  return removeListItems(ctx.lx, open, close, items, remove);
}
