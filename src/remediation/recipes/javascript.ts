/**
 * JavaScript / TypeScript: AWS SDK v3 (`credentials: {…}`) and v2 (`AWS.config.update`, `new AWS.S3({accessKeyId…})`,
 * `new AWS.Credentials(…)`) to the default chain; secrets to `@aws-sdk/client-secrets-manager` lookups that only
 * `await` where that is legal; env-var fallback `process.env.X`.
 */
import type { Fix, TextEdit } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { AWS_KINDS } from './recipe';
import { literalAt } from '../../syntax/lexer';
import { enclosingOpen, identifierRefs, lineEnd, lineStart, matchClose, splitList, skipBlanks, type ListItem } from '../syntax/brackets';
import { functionContext } from '../syntax/functions';
import { keyBefore } from '../context';
import { deleteStatement, removeListItems } from '../edits';
import { removeUnusedImports } from '../imports';
import { extensionOf } from '../language';
import { toCamel, toPascal } from '../naming';
import { memoisedModuleValue, pgPasswordHook } from './js-module-secrets';
import {
  defaultChainFix, envVarFix, eol, proposal, rangesOf, replaceLiteral, secretsManagerFix, unusedCredentialDecls, valueUses,
  type Span,
} from './shared';

const CRED_KEY = /^(accessKeyId|secretAccessKey|sessionToken)$/;
const SM_MODULE = '@aws-sdk/client-secrets-manager';

// ---------------------------------------------------------------------------------------------- style
interface Style { q: string; semi: string; indent: string; ts: boolean; esm: boolean; nl: string }

function styleOf(ctx: RecipeContext): Style {
  const { text, lx } = ctx;
  let single = 0;
  let double = 0;
  for (const s of lx.strings) { if (s.quote === "'") single++; else if (s.quote === '"') double++; }
  const lines = text.split('\n').filter((l) => /\S/.test(l) && !/^\s*(\/\/|\*|\/\*)/.test(l));
  const withSemi = lines.filter((l) => /;\s*$/.test(l)).length;
  const semi = lines.length === 0 || withSemi * 4 >= lines.length ? ';' : '';
  const indentMatch = /^( +|\t)\S/m.exec(text);
  const indent = indentMatch ? (indentMatch[1] === '\t' ? '\t' : indentMatch[1].length >= 4 ? '    ' : '  ') : '  ';
  const ext = extensionOf(ctx.input.path);
  const ts = ctx.lang === 'typescript';
  let esm: boolean;
  if (ext === 'mjs' || ext === 'mts') esm = true;
  else if (ext === 'cjs' || ext === 'cts') esm = false;
  else if (codeMatch(ctx, /^[ \t]*(import[\s{*'"]|export\s)/gm)) esm = true;
  else if (codeMatch(ctx, /\brequire\s*\(/g)) esm = false;
  else esm = ts;
  return { q: single > double ? "'" : '"', semi, indent, ts, esm, nl: eol(text) };
}

function codeMatch(ctx: RecipeContext, re: RegExp): boolean {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ctx.text))) if (ctx.lx.mask[m.index + m[0].search(/\S/)] === 0) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------- default chain
function itemIndexAt(items: ListItem[], off: number): number {
  return items.findIndex((it) => off >= it.start && off < it.end);
}

function itemKey(text: string, it: ListItem): string | undefined {
  const m = /^(?:(["'])([\w$]+)\1|([\w$]+))\s*:/.exec(text.slice(it.start, it.end));
  if (m) return m[2] ?? m[3];
  const short = /^([\w$]+)$/.exec(text.slice(it.start, it.end));
  return short?.[1];
}

/** Removes the property of the object enclosing `off` whose item contains `off`. */
function removePropertyAt(ctx: RecipeContext, off: number, requireKey?: RegExp): TextEdit[] | undefined {
  const { lx, text } = ctx;
  let at = off;
  for (let depth = 0; depth < 6; depth++) {
    const open = enclosingOpen(lx, at, '{');
    if (open < 0) return undefined;
    const close = matchClose(lx, open);
    const items = splitList(lx, open, close);
    const idx = itemIndexAt(items, off);
    if (idx >= 0 && (!requireKey || requireKey.test(itemKey(text, items[idx]) ?? ''))) {
      return removeListItems(lx, open, close, items, new Set([idx]));
    }
    at = open;
  }
  return undefined;
}

function statementEnd(ctx: RecipeContext, from: number): number {
  const { text, lx } = ctx;
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (lx.mask[i] !== 0) continue;
    const c = text[i];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) { if (depth === 0) return i; depth--; }
    else if (depth === 0 && c === ';') return i + 1;
    else if (depth === 0 && c === '\n') {
      const next = text.slice(skipBlanks(text, i), skipBlanks(text, i) + 1);
      if (!/[.?:+\-*/&|,)]/.test(next)) return i;
    }
  }
  return text.length;
}

function statementStart(text: string, off: number): number {
  const ls = lineStart(text, off);
  return ls + (/^[ \t]*/.exec(text.slice(ls))![0].length);
}

/** `new AWS.Credentials(…)` / `new Credentials({…})` expression containing off, as a span. */
function credentialsCtorAround(ctx: RecipeContext, off: number): Span | undefined {
  const open = enclosingOpen(ctx.lx, off, '(');
  if (open < 0) return undefined;
  const m = /new\s+(?:AWS\s*\.\s*)?(?:Credentials|SessionCredentials)\s*$/.exec(ctx.text.slice(Math.max(0, open - 60), open));
  if (!m) return undefined;
  // must be directly inside (possibly via an object literal argument)
  const inner = enclosingOpen(ctx.lx, off);
  if (inner !== open && !(ctx.text[inner] === '{' && enclosingOpen(ctx.lx, inner) === open)) return undefined;
  return { start: open - m[0].length, end: matchClose(ctx.lx, open) + 1 };
}

/** Removes an expression that evaluates to credentials: as a `credentials:` value, config assignment, or a const. */
function removeCredentialValue(ctx: RecipeContext, expr: Span, seenDecl = 0): TextEdit[] | undefined {
  const { text } = ctx;
  const prefix = text.slice(lineStart(text, expr.start), expr.start);
  const isDecl = /^[ \t]*(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*(?::\s*[\w$.<>[\]]+\s*)?=\s*$/.test(prefix);
  const key = isDecl ? undefined : keyBefore(text, expr.start);
  if (key === 'credentials') return removePropertyAt(ctx, expr.start, /^credentials$/);
  if (/^[ \t]*[\w$.]*config\s*\.\s*credentials\s*=\s*$/.test(prefix)) {
    const end = statementEnd(ctx, expr.end);
    return [deleteStatement(text, statementStart(text, expr.start), end)];
  }
  // `creds = { … };` assigned to a variable declared elsewhere (`var creds;`), e.g. inside a callback
  const assigned = /^[ \t]*([\w$]+)\s*=\s*$/.exec(prefix);
  if (assigned && seenDecl < 3) {
    const name = assigned[1];
    const start = statementStart(text, expr.start);
    const end = statementEnd(ctx, expr.end);
    const refs = identifierRefs(ctx.lx, name).filter((r) => r < start || r >= end);
    if (refs.length === 0) return undefined;
    const edits: TextEdit[] = [];
    for (const r of refs) {
      const sub = bareDeclaration(ctx, r, name) ?? removeCredentialValue(ctx, { start: r, end: r + name.length }, seenDecl + 1)
        ?? helperArgument(ctx, r, name, seenDecl + 1);
      if (!sub) return undefined;
      edits.push(...sub);
    }
    edits.push(deleteStatement(text, start, end));
    return edits;
  }
  const decl = /^[ \t]*(?:export\s+)?(?:const|let|var)\s+([\w$]+)\s*(?::\s*[\w$.<>[\]]+\s*)?=\s*$/.exec(prefix);
  if (decl && seenDecl < 2 && !/^[ \t]*export/.test(prefix)) {
    const name = decl[1];
    const refs = identifierRefs(ctx.lx, name).filter((r) => r < lineStart(text, expr.start) || r >= expr.end);
    const declStart = statementStart(text, expr.start);
    const declRefs = refs.filter((r) => r !== text.indexOf(name, declStart));
    const edits: TextEdit[] = [];
    for (const r of declRefs) {
      const sub = removeCredentialValue(ctx, { start: r, end: r + name.length }, seenDecl + 1)
        ?? (text.slice(r - 1, r) === '{' || /[{,]\s*$/.test(text.slice(r - 20, r)) ? shorthandCredentials(ctx, r, name) : undefined)
        ?? helperArgument(ctx, r, name, seenDecl + 1);
      if (!sub) return undefined;
      edits.push(...sub);
    }
    if (edits.length === 0) return undefined;
    edits.push(deleteStatement(text, declStart, statementEnd(ctx, expr.end)));
    return edits;
  }
  return undefined;
}

/** `var creds;` / `let creds;` (a declaration without a value) of a credentials variable: deleted with it. */
function bareDeclaration(ctx: RecipeContext, r: number, name: string): TextEdit[] | undefined {
  const { text } = ctx;
  const ls = lineStart(text, r);
  if (!/^[ \t]*(?:let|var)\s+$/.test(text.slice(ls, r))) return undefined;
  const m = /^\s*;?[ \t]*(?=\r?\n|$)/.exec(text.slice(r + name.length));
  if (!m) return undefined;
  return [deleteStatement(text, statementStart(text, r), r + name.length + m[0].length)];
}

/**
 * Credentials passed to a function of this file (`getIdentity(creds)` with `function getIdentity(creds) {…}` or
 * `const getIdentity = (creds) => {…}`) that is called only there: the argument and the parameter go, and every use
 * of the parameter in the body must itself be removable (e.g. `{ credentials: creds }`). With other callers the
 * function keeps its parameter and no default-chain fix is offered.
 */
function helperArgument(ctx: RecipeContext, r: number, name: string, depth: number): TextEdit[] | undefined {
  if (depth > 4) return undefined;
  const { lx, text } = ctx;
  const open = enclosingOpen(lx, r, '(');
  if (open < 0 || enclosingOpen(lx, r) !== open) return undefined;
  const callee = /(^|[^\w$.])([A-Za-z_$][\w$]*)\s*$/.exec(text.slice(Math.max(0, open - 80), open));
  if (!callee) return undefined;
  const fn = callee[2];
  // `new S3Wrapper(creds)`: the `constructor` of a class of this file, constructed only here
  const isNew = /\bnew\s*$/.test(text.slice(Math.max(0, open - 90), open - fn.length));
  const args = splitList(lx, open, matchClose(lx, open));
  const i = args.findIndex((a) => a.start === r && a.end === r + name.length);
  if (i < 0) return undefined;
  const cls = isNew ? new RegExp(`\\bclass\\s+${fn}\\b[^{]*\\{`).exec(text) : null;
  if (isNew && (!cls || lx.mask[cls.index] !== 0)) return undefined;
  const def = cls
    ? /\bconstructor\s*\(/.exec(text.slice(cls.index + cls[0].length, matchClose(lx, cls.index + cls[0].length - 1)))
    : new RegExp(`(?:function\\s+${fn}\\s*|(?:const|let|var)\\s+${fn}\\s*=\\s*(?:async\\s*)?(?:function\\s*)?)\\(`).exec(text);
  if (!def) return undefined;
  if (cls) def.index += cls.index + cls[0].length;
  if (lx.mask[def.index] !== 0) return undefined;
  const pOpen = def.index + def[0].length - 1;
  const pClose = matchClose(lx, pOpen);
  const params = splitList(lx, pOpen, pClose);
  if (params.length !== args.length) return undefined;
  // every argument holding a key (the key id and the secret passed side by side) goes at once
  const remove = new Set<number>([i]);
  args.forEach((a, k) => { if (ctx.findings.some((f) => AWS_KINDS.has(f.kind) && f.startOffset >= a.start && f.endOffset <= a.end)) remove.add(k); });
  const names = [...remove].map((k) => text.slice(params[k].start, params[k].end).trim());
  if (names.some((p) => !/^[A-Za-z_$][\w$]*$/.test(p))) return undefined;
  const defName = cls ? cls.index + cls[0].indexOf(fn, 5) : text.indexOf(fn, def.index);
  const callers = isNew ? [...text.matchAll(new RegExp(`\\bnew\\s+${fn}\\s*\\(`, 'g'))].filter((m) => lx.mask[m.index!] === 0).length
    : identifierRefs(lx, fn).filter((x) => x !== defName).length;
  if (callers !== 1) return undefined;
  const body = text.indexOf('{', pClose);
  if (body < 0 || !/^\)\s*(?:=>\s*)?$/.test(text.slice(pClose, body))) return undefined;
  const bodyEnd = matchClose(lx, body);
  // uses of the parameters (an object key of the same name, `accessKeyId: accessKeyId`, is not one)
  const uses = names.flatMap((p) => identifierRefs(lx, p).filter((x) => x > body && x < bodyEnd && !/^\s*:/.test(text.slice(x + p.length))).map((at) => ({ at, p })));
  if (uses.length === 0) return undefined;
  const edits: TextEdit[] = [
    ...removeListItems(lx, open, matchClose(lx, open), args, remove),
    ...removeListItems(lx, pOpen, pClose, params, remove),
  ];
  const seen = new Set<string>();
  for (const { at: u, p: param } of uses) {
    const key = keyBefore(text, u);
    // `{ accessKeyId: keyId }` or the shorthand `{ accessKeyId }` of a credentials object
    const shorthand = CRED_KEY.test(param) && /[{,]\s*$/.test(text.slice(Math.max(0, u - 20), u)) && /^\s*[,}]/.test(text.slice(u + param.length));
    const sub = ((key && CRED_KEY.test(key)) || shorthand ? fromCredentialObject(ctx, { start: u, end: u + param.length }) : undefined)
      ?? removeCredentialValue(ctx, { start: u, end: u + param.length }, depth + 1)
      ?? (/[{,]\s*$/.test(text.slice(u - 20, u)) ? shorthandCredentials(ctx, u, param) : undefined);
    if (!sub) return undefined;
    for (const e of sub) { const k = `${e.start}:${e.end}:${e.newText}`; if (!seen.has(k)) { seen.add(k); edits.push(e); } }
  }
  return edits;
}

function shorthandCredentials(ctx: RecipeContext, r: number, name: string): TextEdit[] | undefined {
  if (name !== 'credentials') return undefined;
  return removePropertyAt(ctx, r, /^credentials$/);
}

/** A use of a key id / secret inside an object literal `{ accessKeyId: …, secretAccessKey: … }`. */
function fromCredentialObject(ctx: RecipeContext, use: Span): TextEdit[] | undefined {
  const { lx, text } = ctx;
  const open = enclosingOpen(lx, use.start);
  if (open < 0 || text[open] !== '{') return undefined;
  const close = matchClose(lx, open);
  const items = splitList(lx, open, close);
  const before = text.slice(Math.max(0, open - 120), open);
  // credentials: { … }  |  credentials: async () => ({ … })  |  new AWS.Credentials({ … })
  if (/credentials\s*:\s*$/.test(before) || /credentials\s*:\s*(?:async\s*)?\(\s*\)\s*(?::\s*[\w<>.]+\s*)?=>\s*\(?\s*$/.test(before)) {
    return removePropertyAt(ctx, open, /^credentials$/);
  }
  const ctor = credentialsCtorAround(ctx, use.start);
  if (ctor) return removeCredentialValue(ctx, ctor);
  // const creds = { … }  |  creds = { … }
  if (/(?:const|let|var)\s+[\w$]+\s*(?::\s*[\w$.<>]+\s*)?=\s*$/.test(before) || /(?:^|\n)[ \t]*[\w$]+\s*=\s*$/.test(before)) {
    return removeCredentialValue(ctx, { start: open, end: close + 1 });
  }
  // v2: AWS.config.update({ accessKeyId… }) / new AWS.S3({ accessKeyId… }) / new S3({…})
  const call = /(AWS\s*\.\s*config\s*\.\s*update|[\w$]+\s*\.\s*config\s*\.\s*update|new\s+(?:AWS\s*\.\s*)?[\w$]+)\s*\(\s*$/.exec(before);
  if (!call) return undefined;
  const remove = new Set<number>();
  items.forEach((it, i) => { if (CRED_KEY.test(itemKey(text, it) ?? '')) remove.add(i); });
  if (remove.size === 0) return undefined;
  if (remove.size === items.length) {
    const parenOpen = enclosingOpen(lx, open, '(');
    const parenClose = matchClose(lx, parenOpen);
    const args = splitList(lx, parenOpen, parenClose);
    if (/update/.test(call[1]) && args.length === 1) {
      const start = statementStart(text, parenOpen);
      return [deleteStatement(text, start, statementEnd(ctx, parenClose + 1))];
    }
    if (args.length === 1) return [{ start: parenOpen + 1, end: parenClose, newText: '' }];
  }
  return removeListItems(lx, open, close, items, remove);
}

function jsDefaultChain(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site) return undefined;
  const { text } = ctx;
  const prefix = text.slice(lineStart(text, site.literal.start), site.literal.start);
  const ENV_SET = /^[ \t]*process\s*\.\s*env\s*(?:\.\s*AWS_\w+|\[\s*['"]AWS_\w+['"]\s*\])\s*=\s*$/;
  if (ENV_SET.test(prefix)) {
    const edits: TextEdit[] = [];
    for (const f of ctx.findings) {
      if (!AWS_KINDS.has(f.kind)) continue;
      const lit = literalAt(ctx.lx, f.startOffset, f.endOffset);
      if (!lit || !ENV_SET.test(text.slice(lineStart(text, lit.start), lit.start))) continue;
      edits.push(deleteStatement(text, statementStart(text, lit.start), statementEnd(ctx, lit.end)));
    }
    return defaultChainFix(edits, 'Remove the hardcoded AWS credential (the SDK reads the default credential chain)');
  }
  const edits: TextEdit[] = [];
  const uses = valueUses(site);
  if (uses.length === 0) return undefined;
  for (const use of uses) {
    const key = keyBefore(text, use.start);
    let sub: TextEdit[] | undefined;
    if (key && CRED_KEY.test(key)) sub = fromCredentialObject(ctx, use);
    else {
      const ctor = credentialsCtorAround(ctx, use.start);
      if (ctor) sub = removeCredentialValue(ctx, ctor);
      // `makeClient("AKIA…", "…")` / `new S3Wrapper("AKIA…", "…")`: keys passed to a helper of this file
      else sub = helperArgument(ctx, use.start, text.slice(use.start, use.end), 0);
    }
    if (!sub) return undefined;
    edits.push(...sub);
  }
  const removed = rangesOf(edits);
  edits.push(...unusedCredentialDecls(ctx, removed));
  edits.push(...removeUnusedImports(ctx.lx, ctx.lang, rangesOf(edits)));
  return defaultChainFix(edits);
}

// ---------------------------------------------------------------------------------------------- secrets manager
function importBlockEnd(ctx: RecipeContext, limit: number): number {
  const { text, lx } = ctx;
  let end = -1;
  const res = [
    /^import\b[^;'"]*?(?:from\s*)?(['"])[^'"\n]+\1[ \t]*;?/gm,
    /^(?:const|let|var)\s+[^=\n]+=\s*require\(\s*(['"])[^'"\n]+\1\s*\)[^\n]*$/gm,
  ];
  for (const re of res) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (m.index >= limit) break;
      if (lx.mask[m.index] !== 0) continue;
      const e = lineEnd(text, m.index + m[0].length - 1);
      end = Math.max(end, e < text.length ? e + 1 : e);
    }
  }
  return end;
}

function preambleEnd(text: string): number {
  let i = 0;
  const re = /^(#!.*|\s*|\/\/.*|['"]use strict['"];?\s*)(\r?\n|$)/y;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m || m[0].length === 0) break;
    // stop at the first blank line after a directive/comment block
    i += m[0].length;
    if (i >= text.length) break;
  }
  if (text.startsWith('/*', i)) { const e = text.indexOf('*/', i); if (e > 0) i = lineEnd(text, e) + 1; }
  return Math.min(i, text.length);
}

function helperText(st: Style, withClient: boolean): string {
  const { semi, indent: I, nl } = st;
  const lines: string[] = [];
  if (withClient) lines.push(`const secretsManager = new SecretsManagerClient({})${semi}`, '');
  if (st.ts) {
    lines.push(
      `async function getSecretValue(secretId: string): Promise<string> {`,
      `${I}const { SecretString } = await secretsManager.send(new GetSecretValueCommand({ SecretId: secretId }))${semi}`,
      `${I}if (SecretString === undefined) throw new Error(\`Secret \${secretId} has no SecretString\`)${semi}`,
      `${I}return SecretString${semi}`,
      `}`,
    );
  } else {
    lines.push(
      `async function getSecretValue(secretId) {`,
      `${I}const { SecretString } = await secretsManager.send(new GetSecretValueCommand({ SecretId: secretId }))${semi}`,
      `${I}return SecretString${semi}`,
      `}`,
    );
  }
  return lines.join(nl) + nl;
}

/** Edits adding the SDK import and the `getSecretValue` helper once (before `limit`). */
function ensureHelper(ctx: RecipeContext, st: Style, limit: number): TextEdit[] | undefined {
  const { text, lx } = ctx;
  const nl = st.nl;
  const hasHelper = /\basync\s+function\s+getSecretValue\s*\(/.test(text);
  if (hasHelper) return [];
  const edits: TextEdit[] = [];
  const names = ['GetSecretValueCommand', 'SecretsManagerClient'];
  // existing import of the module?
  const esc = SM_MODULE.replace(/[/.-]/g, '\\$&');
  const existing = new RegExp(`^(?:import\\s*\\{([^}]*)\\}\\s*from\\s*|(?:const|let|var)\\s*\\{([^}]*)\\}\\s*=\\s*require\\(\\s*)['"]${esc}['"]`, 'm').exec(text);
  let importLine = '';
  if (existing && lx.mask[existing.index] === 0) {
    const list = existing[1] ?? existing[2];
    const have = list.split(',').map((s) => s.trim().split(/\s+as\s+|:/).pop()!.trim()).filter(Boolean);
    const missing = names.filter((n) => !have.includes(n));
    if (missing.length) {
      const braceClose = existing.index + existing[0].indexOf('}');
      const before = text.slice(0, braceClose).replace(/\s+$/, '');
      const at = before.length;
      edits.push({ start: at, end: at, newText: (before.endsWith(',') ? ' ' : ', ') + missing.join(', ') });
    }
  } else if (st.esm) {
    importLine = `import { GetSecretValueCommand, SecretsManagerClient } from ${st.q}${SM_MODULE}${st.q}${st.semi}`;
  } else {
    importLine = `const { GetSecretValueCommand, SecretsManagerClient } = require(${st.q}${SM_MODULE}${st.q})${st.semi}`;
  }
  let at = importBlockEnd(ctx, limit);
  const afterImports = at >= 0;
  if (!afterImports) at = preambleEnd(text);
  const nextBlank = /^[ \t]*\r?\n/.test(text.slice(at)) || at >= text.length;
  let block = '';
  if (importLine) block += importLine + nl;
  if (!afterImports && !importLine) block += '';
  block += (afterImports || importLine ? nl : '') + helperText(st, true);
  if (!nextBlank) block += nl;
  edits.push({ start: at, end: at, newText: block });
  return edits;
}

function jsLookup(st: Style, id: string, key?: string): string {
  const call = `getSecretValue(${st.q}${id}${st.q})`;
  if (!key) return `await ${call}`;
  const access = /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${st.q}${key}${st.q}]`;
  return `JSON.parse(await ${call})${access}`;
}

function jsSecretsManager(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.interpolated) return undefined;
  if (/process\s*\.\s*env\s*(?:\.\s*\w+|\[[^\]]+\])\s*(?:\|\||\?\?)\s*$/.test(ctx.text.slice(Math.max(0, site.literal.start - 120), site.literal.start))) return undefined;
  const st = styleOf(ctx);
  const { secretId, key } = proposal(ctx);
  const { text, lx } = ctx;
  const fc = functionContext(lx, site.literal.start);
  const edits: TextEdit[] = [];
  let limit = text.length;
  let how = fc === 'top' && st.esm ? 'top-level await' : '';
  const noAwait = !(fc === 'async' || (fc === 'top' && st.esm));
  const hook = noAwait ? pgPasswordHook(ctx, st.q, secretId, key) : undefined;
  const memo = noAwait && !hook && fc === 'top' ? memoisedModuleValue(ctx, st, secretId, key) : undefined;
  if (hook || memo) {
    const r = (hook ?? memo)!;
    edits.push(...r.edits);
    limit = r.limit;
    how = r.how;
  } else if (fc === 'async' || (fc === 'top' && st.esm)) {
    let expr = jsLookup(st, secretId, key);
    const after = text[skipBlanks(text, site.literal.end)];
    if (after === '.' || after === '[' || after === '(') expr = `(${expr})`;
    edits.push(replaceLiteral(site, expr));
    if (fc === 'top') limit = statementStart(text, site.decl?.start ?? site.literal.start);
  } else if (fc === 'top' && site.decl && !site.decl.member && !/export/.test(site.decl.modifiers)) {
    // CommonJS module-level constant: memoised async getter, used with await inside async functions only.
    const uses = valueUses(site);
    if (uses.length === 0 || uses.some((u) => functionContext(lx, u.start) !== 'async')) return undefined;
    const getter = `get${toPascal(site.decl.name)}`;
    const cache = `${toCamel(site.decl.name)}Promise`;
    if (new RegExp(`\\b(${getter}|${cache})\\b`).test(text)) return undefined;
    const load = key
      ? `getSecretValue(${st.q}${secretId}${st.q}).then((s) => JSON.parse(s)${/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${st.q}${key}${st.q}]`})`
      : `getSecretValue(${st.q}${secretId}${st.q})`;
    const declText = [
      `let ${cache}${st.ts ? ': Promise<string> | undefined' : ''}${st.semi}`,
      `const ${getter} = () => (${cache} ??= ${load})${st.semi}`,
    ].join(st.nl + /^[ \t]*/.exec(text.slice(lineStart(text, site.decl.start)))![0]);
    edits.push({ start: site.decl.start, end: site.decl.end, newText: declText });
    for (const u of uses) {
      const after = text[skipBlanks(text, u.end)];
      const call = `await ${getter}()`;
      edits.push({ start: u.start, end: u.end, newText: after === '.' || after === '[' || after === '(' ? `(${call})` : call });
    }
    limit = site.decl.start;
    how = `memoised async getter ${getter}()`;
  } else {
    return undefined;
  }
  const helper = ensureHelper(ctx, st, limit);
  if (!helper) return undefined;
  const fix = secretsManagerFix([...edits, ...helper], secretId, key);
  return how ? { ...fix, title: fix.title.replace('Load from AWS Secrets Manager', `Load from AWS Secrets Manager (${how})`) } : fix;
}

function jsEnvVar(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site) return undefined;
  // `process.env.X || "literal"`: the env read is already there, drop the hardcoded fallback
  const before = ctx.text.slice(Math.max(0, site.literal.start - 120), site.literal.start);
  const fallback = /(process\s*\.\s*env\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*['"]([A-Za-z_]\w*)['"]\s*\]))(\s*(?:\|\||\?\?)\s*)$/.exec(before);
  if (fallback) {
    const start = site.literal.start - fallback[4].length;
    return envVarFix([{ start, end: site.literal.end, newText: '' }], fallback[2] ?? fallback[3]);
  }
  const env = site.names.envVar;
  return envVarFix([replaceLiteral(site, `process.env.${env}`)], env);
}

export const javascriptRecipe: Recipe = {
  defaultChain: jsDefaultChain,
  secretsManager: jsSecretsManager,
  envVar: jsEnvVar,
};
