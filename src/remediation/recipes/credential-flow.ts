/**
 * Language-neutral "default credential chain" engine for C-like languages (Java, Kotlin, C#, Go, Rust, PHP, Ruby).
 * From a key id / secret literal (or the constant holding it) it finds the credentials constructor, climbs through
 * wrappers (`StaticCredentialsProvider.create(…)`), local variables and options, and removes the whole credential
 * configuration: a builder call (`.credentialsProvider(…)`), an option argument (`config.WithCredentialsProvider(…)`),
 * a constructor argument (`new AmazonS3Client(creds, …)`), a keyed entry (`'credentials' => …`, `Credentials: …`)
 * or a DSL assignment (`credentialsProvider = …`). Declarations that become unused are deleted too.
 */
import type { TextEdit } from '../types';
import type { RecipeContext } from './recipe';
import { enclosingOpen, identifierRefs, lineEnd, lineStart, matchClose, skipBlanks, skipBlanksBack, splitList } from '../syntax/brackets';
import { analyzeSite, keyBefore } from '../context';
import { AWS_KINDS } from './recipe';
import { deleteLines, deleteStatement, removeListItems } from '../edits';
import { removeUnusedImports } from '../imports';
import { rangesOf, scopedRefs, unusedCredentialDecls, valueUses, type Span } from './shared';

export interface CredentialSyntax {
  /** Text right before the `(`/`{`/`[` of a credentials constructor, e.g. `AwsBasicCredentials.create`. */
  ctor: RegExp;
  /** Text before the bracket of a call that only wraps credentials (provider/cache). */
  wrapper?: RegExp;
  /** Text before the `(` of a builder method that installs credentials, including its leading dot. */
  builder?: RegExp;
  /** Text before the `(` of an option function whose call is one argument of a config loader (Go). */
  option?: RegExp;
  /** Text before the `(` of a client constructor taking credentials as one argument. */
  clientCtor?: RegExp;
  /** Key names whose value is the credentials (`credentials`, `Credentials`, `credentialsProvider`). */
  keys: RegExp;
  /** Local declaration prefix on the line before an expression; group 1 = name. */
  decl: RegExp;
  /** Setters of process env / system properties: text before `(`, first argument must name an AWS variable. */
  setter?: RegExp;
  /** Statement terminator (`;` or none). */
  semicolon: boolean;
  /**
   * An environment read in this language (`System.getenv("X")`): a key id the program also uses outside the
   * client (printed, passed to IAM calls) is read from `AWS_ACCESS_KEY_ID` there, the variable the default chain
   * reads too, while the clients lose their static credentials. Without it such a key id gets no default-chain fix.
   */
  envRead?: (name: string) => string;
  /** Functions of the file that keys are passed to: how a definition starts (up to its `(`) and a parameter's name. */
  params?: { def: (name: string) => RegExp; name: (param: string) => string | undefined; groupedTypes?: boolean; ctorDef?: (name: string) => RegExp };
}

function itemIndex(items: { start: number; end: number }[], span: Span): number {
  return items.findIndex((it) => span.start >= it.start && span.end <= it.end);
}

function exactItem(items: { start: number; end: number }[], span: Span): boolean {
  const i = itemIndex(items, span);
  return i >= 0 && items[i].start === span.start && items[i].end === span.end;
}

const textBefore = (ctx: RecipeContext, off: number, n = 160) => ctx.text.slice(Math.max(0, off - n), off).replace(/\s+$/, '');

/** Span of a call whose open bracket is `open` and whose callee text ends right before it (regex match). */
function callSpan(ctx: RecipeContext, open: number, re: RegExp): Span | undefined {
  const before = ctx.text.slice(Math.max(0, open - 160), open);
  const m = new RegExp(`(?:${re.source})\\s*$`, re.flags.replace('g', '')).exec(before);
  if (!m) return undefined;
  const close = matchClose(ctx.lx, open);
  if (close < 0) return undefined;
  const end = close + 1;
  // an aliased type (`iamCredentials::from_keys`) matched from the middle of its name: start at the name
  let start = open - (before.length - m.index);
  while (start > 0 && /[\w$]/.test(ctx.text[start - 1])) start--;
  return { start, end };
}

function statementEndAfter(ctx: RecipeContext, end: number, semicolon: boolean): number {
  const t = ctx.text;
  const e = end;
  const j = skipBlanks(t, e);
  if (semicolon && t[j] === ';') return j + 1;
  return e;
}

/** Removes `.method(…)` builder segment whose `(` is at `open`. */
function removeBuilderCall(ctx: RecipeContext, open: number): TextEdit[] | undefined {
  const t = ctx.text;
  const close = matchClose(ctx.lx, open);
  const m = /\.\s*[A-Za-z_]\w*\s*$/.exec(t.slice(Math.max(0, open - 80), open));
  if (!m || close < 0) return undefined;
  const dot = open - m[0].length;
  const ownLine = /^[ \t]*$/.test(t.slice(lineStart(t, dot), dot));
  const rest = t.slice(close + 1, lineEnd(t, close + 1));
  if (ownLine && /^[ \t]*\r?$/.test(rest)) return [deleteLines(t, dot, close + 1)];
  if (ownLine) return [{ start: skipBlanksBack(t, dot), end: close + 1, newText: '' }];
  return [{ start: skipBlanksBack(t, dot) === dot ? dot : dot, end: close + 1, newText: '' }];
}

function removeFromList(ctx: RecipeContext, open: number, span: Span): TextEdit[] | undefined {
  const close = matchClose(ctx.lx, open);
  const items = splitList(ctx.lx, open, close);
  const i = itemIndex(items, span);
  if (i < 0) return undefined;
  return removeListItems(ctx.lx, open, close, items, new Set([i]));
}

/** A reference with its borrow/copy wrappers (`&creds`, `creds.clone()`, `creds.into()`), as one expression. */
function refExpression(text: string, at: number, len: number): Span {
  let start = at;
  let end = at + len;
  const tail = /^\s*\.\s*(?:clone|into|to_owned)\s*\(\s*\)/.exec(text.slice(end));
  if (tail) end += tail[0].length;
  if (text[start - 1] === '&') start--;
  return { start, end };
}

/** Climbs from a credentials expression to the construct that installs it and removes that construct. */
function removeCredentialExpr(ctx: RecipeContext, syn: CredentialSyntax, e: Span, depth = 0): TextEdit[] | undefined {
  if (depth > 6) return undefined;
  const { text, lx } = ctx;
  const open = enclosingOpen(lx, e.start);
  if (open >= 0) {
    const close = matchClose(lx, open);
    const items = splitList(lx, open, close, text[open] === '{' && /[\n;]/.test(text.slice(open, close)) && !text.slice(open, close).includes(',') ? ';\n' : ',');
    const before = text.slice(Math.max(0, open - 160), open);
    // a provider lambda returning the credentials (`() -> AwsBasicCredentials.create(…)`) stands for them
    const lambda = items.find((it) => it.start < e.start && it.end === e.end && /^\(\s*\)\s*->\s*$/.test(text.slice(it.start, e.start)));
    if (lambda) return removeCredentialExpr(ctx, syn, { start: lambda.start, end: lambda.end }, depth + 1);
    if (exactItem(items, e)) {
      if (syn.wrapper) { const w = callSpan(ctx, open, syn.wrapper); if (w) return removeCredentialExpr(ctx, syn, w, depth + 1); }
      if (syn.builder && new RegExp(`(?:${syn.builder.source})\\s*$`).test(before)) return removeBuilderCall(ctx, open);
      if (syn.option) { const o = callSpan(ctx, open, syn.option); if (o) { const p = enclosingOpen(lx, o.start); if (p >= 0) return removeFromList(ctx, p, o); } }
      if (syn.clientCtor && new RegExp(`(?:${syn.clientCtor.source})\\s*$`).test(before)) return removeFromList(ctx, open, e);
    }
  }
  // local declaration holding the credentials
  const ls = lineStart(text, e.start);
  const d = syn.decl.exec(text.slice(ls, e.start));
  if (d) {
    const name = d[1];
    const stmtEnd = statementEndAfter(ctx, e.end, syn.semicolon);
    const declNameAt = ls + d[0].indexOf(name, d[0].length - d[0].trimStart().length);
    const refs = scopedRefs(lx, name, declNameAt).filter((r) => r !== declNameAt && (r < ls || r >= stmtEnd));
    if (refs.length === 0) return undefined;
    const edits: TextEdit[] = [];
    for (const r of refs) {
      const sub = removeCredentialExpr(ctx, syn, refExpression(text, r, name.length), depth + 1);
      if (!sub) return undefined;
      edits.push(...sub);
    }
    edits.push(deleteStatement(text, ls + d[0].search(/\S/), stmtEnd));
    return edits;
  }
  const key = keyBefore(text, e.start);
  if (key && syn.keys.test(key.replace(/^['"]|['"]$/g, ''))) {
    let ls = lineStart(text, e.start);
    // `credentialsProvider =` with its value on the next line(s)
    if (/^[ \t]*$/.test(text.slice(ls, e.start))) {
      const k = /[\w$.'"-]+[ \t]*(?:=|:)[ \t]*\r?\n\s*$/.exec(text.slice(Math.max(0, e.start - 200), e.start));
      if (k) ls = lineStart(text, e.start - (Math.min(200, e.start) - k.index));
    }
    const prefix = text.slice(ls, e.start).replace(/\s*\r?\n\s*$/, '');
    const after = text.slice(e.end, lineEnd(text, e.end));
    // DSL statement `credentialsProvider = …` on its own line(s)
    if (/^[ \t]*[\w$.'"-]+[ \t]*(=|:)[ \t]*$/.test(prefix) && /^[ \t]*;?[ \t]*\r?$/.test(after)) {
      const o = enclosingOpen(lx, e.start);
      const inList = o >= 0 && splitList(lx, o, matchClose(lx, o)).length > 1 && /,/.test(text.slice(o, matchClose(lx, o)));
      if (!inList) return [deleteLines(text, ls, e.end)];
    }
    // `{ region = "…"; credentialsProvider = … }` on one line: drop the statement and one `;` separator
    const inline = /(^|[{;])([ \t]*)([\w$.]+)[ \t]*=[ \t]*$/.exec(text.slice(Math.max(0, e.start - 200), e.start));
    const tail = /^[ \t]*(;[ \t]*|(?=\}))/.exec(text.slice(e.end));
    if (!syn.semicolon && inline && tail && inline[1]) {
      const keyStart = e.start - (inline[0].length - inline[1].length - inline[2].length);
      if (tail[1]) return [{ start: keyStart, end: e.end + tail[0].length, newText: '' }];
      // last statement: take the `;` before it
      const semi = text.slice(0, keyStart).search(/;[ \t]*$/);
      if (semi >= 0) return [{ start: semi, end: e.end, newText: '' }];
      return [{ start: keyStart, end: e.end, newText: '' }];
    }
    const o = enclosingOpen(lx, e.start);
    if (o >= 0) {
      const close = matchClose(lx, o);
      const items = splitList(lx, o, close);
      const i = items.findIndex((it) => e.start > it.start && e.end <= it.end && it.start === lineStartKey(text, it.start, key));
      if (i >= 0) return removeListItems(lx, o, close, items, new Set([i]));
    }
    return undefined;
  }
  return undefined;
}

function lineStartKey(text: string, itemStart: number, key: string): number {
  const m = /^(["']?)([\w$.-]+)\1/.exec(text.slice(itemStart, itemStart + key.length + 2));
  return m && m[2] === key.replace(/^['"]|['"]$/g, '') ? itemStart : -1;
}

/** Offsets of every AWS credential literal and of every reference to a constant holding one. */
function credentialOffsets(ctx: RecipeContext): number[] {
  const out: number[] = [];
  for (const f of ctx.findings) {
    if (!AWS_KINDS.has(f.kind)) continue;
    out.push(f.startOffset);
    const site = f === ctx.finding ? ctx.site : analyzeSite(ctx.text, ctx.lang, f, ctx.lx);
    if (site) for (const u of valueUses(site)) out.push(u.start);
  }
  return out;
}

/** The call whose `(` is at `open` is a credentials/client construct of the SDK (not plain program code). */
function credentialCall(ctx: RecipeContext, syn: CredentialSyntax, open: number): boolean {
  if (ctx.text[open] !== '(') return false;
  return [syn.ctor, syn.wrapper, syn.builder, syn.option, syn.clientCtor, syn.setter].some((re) => re && new RegExp(`(?:${re.source})\\s*$`).test(textBefore(ctx, open)));
}

/**
 * Edits removing the credentials construct that one use of a value (or of a parameter holding it) feeds, undefined
 * when it cannot be removed, or 'other' when the use is plain program code (no credentials construct around it).
 * `credStarts`: offsets of every credential value (literals, constants and helper parameters holding them).
 */
function removeUse(ctx: RecipeContext, syn: CredentialSyntax, use: Span, credStarts: number[], depth: number): TextEdit[] | 'other' | undefined {
  const { text, lx } = ctx;
  const open = enclosingOpen(lx, use.start);
  if (open < 0) return 'other';
  let expr: Span | undefined = callSpan(ctx, open, syn.ctor);
  if (!expr && syn.clientCtor && text[open] === '(' && callSpan(ctx, open, syn.clientCtor)) {
    // `new AmazonS3Client("AKIA…", "…", RegionEndpoint.X)`: drop every credential argument at once
    const close = matchClose(lx, open);
    const items = splitList(lx, open, close);
    const remove = new Set<number>();
    items.forEach((it, i) => { if (credStarts.some((o) => o >= it.start && o < it.end)) remove.add(i); });
    if (remove.size === 0) return undefined;
    // a credential argument left behind (its value already read elsewhere) would select another overload
    if (items.some((it, i) => !remove.has(i) && /access|secret|session|token|credential/i.test(text.slice(it.start, it.end)))) return undefined;
    return removeListItems(lx, open, close, items, remove);
  }
  if (!expr) {
    // `[ 'key' => …, 'secret' => … ]` / `aws.Credentials{…}` used as the credentials value
    const key = keyBefore(text, open);
    if (key && syn.keys.test(key.replace(/^['"]|['"]$/g, ''))) expr = { start: open, end: matchClose(lx, open) + 1 };
    // `$creds = ['key' => …, 'secret' => …];` held in a variable: followed to its uses as credentials
    else if (text[open] !== '(' && syn.decl.test(text.slice(lineStart(text, open), open))) expr = { start: open, end: matchClose(lx, open) + 1 };
  }
  if (!expr && syn.params && text[open] === '(' && !credentialCall(ctx, syn, open)) {
    const helper = helperArguments(ctx, syn, open, credStarts, depth);
    if (helper) return helper;
  }
  if (!expr) return credentialCall(ctx, syn, open) ? undefined : 'other';
  return removeCredentialExpr(ctx, syn, expr);
}

/**
 * Keys passed to a function/method of this file that only hands them to a client (`newClient(ctx, "AKIA…", "…")`
 * with `func newClient(ctx context.Context, keyID, secret string) *s3.Client { … }`): when that call is the
 * function's ONLY caller, the key arguments, the matching parameters and the credentials construct fed by the
 * parameters in the body are removed together. With other callers (other keys) nothing is offered.
 */
function helperArguments(ctx: RecipeContext, syn: CredentialSyntax, open: number, credStarts: number[], depth: number): TextEdit[] | undefined {
  if (depth > 2 || !syn.params) return undefined;
  const { text, lx } = ctx;
  const name = /(?:^|[^\w$])([A-Za-z_]\w*)\s*$/.exec(text.slice(Math.max(0, open - 80), open))?.[1];
  if (!name || /^(?:new|if|for|while|switch|return|catch|using|fn|func|function)$/.test(name)) return undefined;
  // `new S3Wrapper("AKIA…", "…")`: the class's own constructor (Java, C#), when this is its only `new`
  const ctor = new RegExp(`\\bnew\\s+${name}\\s*$`).test(text.slice(Math.max(0, open - 100), open));
  if (ctor && !syn.params.ctorDef) return undefined;
  const code = codeOnly(ctx);
  const def = (ctor ? syn.params.ctorDef!(name) : syn.params.def(name)).exec(code);
  if (!def) return undefined;
  const pOpen = def.index + def[0].length - 1;
  const pClose = matchClose(lx, pOpen);
  if (pClose < 0 || pOpen === open) return undefined;
  const nameAt = def.index + def[0].lastIndexOf(name);
  const callers = ctor ? [...code.matchAll(new RegExp(`\\bnew\\s+${name}\\s*\\(`, 'g'))].length : identifierRefs(lx, name, true).filter((r) => r !== nameAt).length;
  if (callers !== 1) return undefined;
  const body = text.indexOf('{', pClose);
  if (body < 0 || !/^\)[^;{}]*$/.test(text.slice(pClose, body))) return undefined;
  const bodyEnd = matchClose(lx, body);
  if (bodyEnd < 0 || (open > def.index && open < bodyEnd)) return undefined; // recursion
  const close = matchClose(lx, open);
  const args = splitList(lx, open, close);
  const params = splitList(lx, pOpen, pClose);
  if (args.length !== params.length || args.length === 0) return undefined;
  const remove = new Set<number>();
  args.forEach((a, i) => { if (credStarts.some((o) => o >= a.start && o < a.end)) remove.add(i); });
  if (remove.size === 0) return undefined;
  const names = params.map((p) => syn.params!.name(text.slice(p.start, p.end).trim()));
  if ([...remove].some((i) => !names[i])) return undefined;
  if (syn.params.groupedTypes && !groupedTypesKept(text, params, remove)) return undefined;
  const paramRefs: number[] = [];
  for (const i of remove) paramRefs.push(...identifierRefs(lx, names[i]!).filter((r) => r > body && r < bodyEnd));
  if (paramRefs.length === 0) return undefined;
  const inner = [...credStarts, ...paramRefs];
  const edits: TextEdit[] = [...removeListItems(lx, open, close, args, remove), ...removeListItems(lx, pOpen, pClose, params, remove)];
  const seen = new Set<string>();
  for (const r of paramRefs) {
    const name = [...remove].map((i) => names[i]!).find((n) => text.startsWith(n, r))!;
    const sub = removeUse(ctx, syn, refExpression(text, r, name.length), inner, depth + 1);
    if (!sub || sub === 'other') return undefined;
    for (const e of sub) { const k = `${e.start}:${e.end}`; if (!seen.has(k)) { seen.add(k); edits.push(e); } }
  }
  return edits;
}

/** Go `keyID, secret string`: a kept parameter must not lose the type it shared with a removed one. */
function groupedTypesKept(text: string, params: { start: number; end: number }[], remove: Set<number>): boolean {
  const typed = params.map((p) => /^\s*[A-Za-z_]\w*\s+\S/.test(text.slice(p.start, p.end)));
  for (let i = 0; i < params.length; i++) {
    if (remove.has(i) || typed[i]) continue;
    // an untyped kept parameter takes the type of the next typed one: that one must stay
    const j = typed.findIndex((t, k) => k > i && t);
    if (j < 0 || remove.has(j)) return false;
  }
  return true;
}

/** The text with strings and comments blanked (so a definition pattern cannot match inside them). */
function codeOnly(ctx: RecipeContext): string {
  let out = '';
  for (let i = 0; i < ctx.text.length; i++) out += ctx.lx.mask[i] === 0 || ctx.text[i] === '\n' ? ctx.text[i] : ' ';
  return out;
}

/** Method definitions of Java/C#-like languages: modifiers, a return type, the name (never a `return x(` call). */
export const METHOD_PARAMS = {
  def: (name: string) => new RegExp(`^[ \\t]*(?:(?:public|private|protected|internal|static|final|synchronized|async|override|virtual|sealed)\\s+)*(?!return\\b|new\\b|await\\b|throw\\b|else\\b)[\\w<>\\[\\],.?]+\\s+${name}\\s*\\(`, 'm'),
  name: (p: string) => /(?:^|\s)([A-Za-z_]\w*)\s*(?:=[^,]*)?$/.exec(p)?.[1],
  ctorDef: (name: string) => new RegExp(`^[ \\t]*(?:(?:public|private|protected|internal)\\s+)?${name}\\s*\\(`, 'm'),
};

/** Entry point: edits for the "use the default chain" fix, or undefined when the sink is not recognised. */
export function defaultChainEdits(ctx: RecipeContext, syn: CredentialSyntax): TextEdit[] | undefined {
  const site = ctx.site;
  if (!site) return undefined;
  const { text, lx } = ctx;
  // env/system-property setters: delete the statement (for the key id, secret and token together)
  if (syn.setter) {
    const setterStatement = (at: number): TextEdit | undefined => {
      const open = enclosingOpen(lx, at);
      if (open < 0 || text[open] !== '(' || !new RegExp(`(?:${syn.setter!.source})\\s*$`).test(textBefore(ctx, open))) return undefined;
      const args = splitList(lx, open, matchClose(lx, open));
      if (!/AWS_|aws\./.test(text.slice(args[0]?.start ?? open, args[0]?.end ?? open))) return undefined;
      const span = callSpan(ctx, open, syn.setter!)!;
      const ls = lineStart(text, span.start);
      const start = ls + text.slice(ls).search(/\S/);
      return deleteStatement(text, start, statementEndAfter(ctx, span.end, syn.semicolon));
    };
    const own = setterStatement(site.literal.start);
    if (own) {
      const edits = [own];
      for (const f of ctx.findings) {
        if (f === ctx.finding || !AWS_KINDS.has(f.kind)) continue;
        const e = setterStatement(f.startOffset);
        if (e) edits.push(e);
      }
      return edits;
    }
  }
  const uses = valueUses(site);
  if (uses.length === 0) return undefined;
  const edits: TextEdit[] = [];
  // uses of a key id outside any credentials construct (`WaitUntilAccessKeyIsReady(accessKeyId)`, a log line)
  const keyIdKept = ctx.finding.kind === 'aws-access-key-id' && !!syn.envRead && !!site.decl;
  let kept = 0;
  const credStarts = credentialOffsets(ctx);
  for (const use of uses) {
    const sub = removeUse(ctx, syn, use, credStarts, 0);
    if (sub === 'other') { if (keyIdKept) { kept++; continue; } return undefined; }
    if (!sub) return undefined;
    edits.push(...sub);
  }
  if (kept > 0) {
    // the clients use the default chain; the key id the program still needs comes from the same environment
    if (edits.length === 0) return undefined;
    edits.push({ start: site.literal.start, end: site.literal.end, newText: syn.envRead!('AWS_ACCESS_KEY_ID') });
  }
  const removed = rangesOf(edits);
  edits.push(...unusedCredentialDecls(ctx, removed));
  edits.push(...removeUnusedImports(lx, ctx.lang, rangesOf(edits)));
  return edits;
}
