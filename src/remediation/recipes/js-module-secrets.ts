/**
 * JavaScript Secrets Manager rewrites where `await` is not available (CommonJS module level, sync functions).
 * Two idiomatic shapes, named in the fix title:
 *  - pg's async credential hook: `new Pool({ password: "…" })` (node-postgres accepts `password` as a function
 *    returning a Promise<string>, called per new connection) becomes `password: () => getSecretValue("id")`;
 *  - a memoised async getter for a module-level value built from the secret:
 *    `const stripe = require("stripe")("sk_…")` becomes
 *    `let stripePromise; const getStripe = () => (stripePromise ??= getSecretValue("id").then((secret) => require("stripe")(secret)));`
 *    and every use (all inside async functions, else no fix) becomes `(await getStripe())`.
 */
import type { TextEdit } from '../types';
import type { RecipeContext } from './recipe';
import { enclosingChain, identifierRefs, lineStart, skipBlanks } from '../syntax/brackets';
import { functionContext } from '../syntax/functions';
import { keyBefore } from '../context';
import { toCamel, toPascal } from '../naming';

export interface ModuleRewrite { edits: TextEdit[]; limit: number; how: string }

const keyAccess = (key: string, q: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${q}${key}${q}]`);

/** `password: "…"` directly in the options of `new Pool(`/`new Client(`/`new pg.Pool(` in a file using pg. */
export function pgPasswordHook(ctx: RecipeContext, q: string, secretId: string, key?: string): ModuleRewrite | undefined {
  const { text, lx } = ctx;
  const site = ctx.site!;
  if (keyBefore(text, site.literal.start) !== 'password' || !site.whole) return undefined;
  if (!/\brequire\(\s*['"]pg['"]\s*\)|\bfrom\s+['"]pg['"]/.test(text)) return undefined;
  const chain = enclosingChain(lx, site.literal.start);
  const obj = chain[0];
  const call = chain[1];
  if (obj === undefined || call === undefined || text[obj] !== '{' || text[call] !== '(') return undefined;
  if (!/\bnew\s+(?:[\w$]+\.)?(?:Pool|Client)\s*$/.test(text.slice(Math.max(0, call - 60), call))) return undefined;
  const load = `getSecretValue(${q}${secretId}${q})`;
  const fn = key ? `async () => JSON.parse(await ${load})${keyAccess(key, q)}` : `() => ${load}`;
  return { edits: [{ start: site.literal.start, end: site.literal.end, newText: fn }], limit: lineStart(text, call), how: "pg's async password function" };
}

/** End of the expression starting at `from` (first `;` or newline at bracket depth 0). */
function expressionEnd(ctx: RecipeContext, from: number): number {
  const { text, lx } = ctx;
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (lx.mask[i] !== 0) continue;
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') { if (depth === 0) return i; depth--; } else if ((c === ';' || c === '\n') && depth === 0) return i;
  }
  return text.length;
}

/** A module-level `const x = <expression using the secret>` turned into a memoised async getter. */
export function memoisedModuleValue(ctx: RecipeContext, st: { q: string; semi: string; nl: string; ts: boolean }, secretId: string, key?: string): ModuleRewrite | undefined {
  const { text, lx } = ctx;
  const site = ctx.site!;
  if (st.ts || !site.whole) return undefined;
  const chain = enclosingChain(lx, site.literal.start);
  if (chain.some((o) => text[o] === '{' && !/[=(,:]\s*$|^\s*$/.test(text.slice(Math.max(0, o - 40), o).replace(/^[\s\S]*\n/, '')))) return undefined;
  const ls = lineStart(text, chain.length ? chain[chain.length - 1] : site.literal.start);
  const m = /^([ \t]*)(const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*=[ \t]*/.exec(text.slice(ls));
  if (!m || m[1] !== '') return undefined;
  const name = m[3];
  const exprStart = ls + m[0].length;
  const exprEnd = expressionEnd(ctx, exprStart);
  if (site.literal.start < exprStart || site.literal.end > exprEnd) return undefined;
  // a constant holding just the literal keeps the plain getter (see javascript.ts)
  if (text.slice(exprStart, exprEnd).trim() === text.slice(site.literal.start, site.literal.end)) return undefined;
  let stmtEnd = exprEnd;
  if (text[stmtEnd] === ';') stmtEnd++;
  const declAt = ls + m[0].indexOf(name, m[1].length + m[2].length);
  const uses = identifierRefs(lx, name).filter((r) => r !== declAt);
  if (uses.length === 0 || uses.some((u) => functionContext(lx, u) !== 'async')) return undefined;
  // an assignment to the name would need the value itself
  if (uses.some((u) => /^\s*(?:=(?!=)|\+\+|--|[-+*/]=)/.test(text.slice(u + name.length, u + name.length + 4)))) return undefined;
  const getter = `get${toPascal(name)}`;
  const cache = `${toCamel(name)}Promise`;
  const param = /\bsecret\b/.test(text.slice(exprStart, exprEnd)) ? 'secretValue' : 'secret';
  if (new RegExp(`\\b(${getter}|${cache})\\b`).test(text)) return undefined;
  const value = key ? `JSON.parse(${param})${keyAccess(key, st.q)}` : param;
  let expr = text.slice(exprStart, site.literal.start) + value + text.slice(site.literal.end, exprEnd);
  if (/^\s*\{/.test(expr)) expr = `(${expr})`;
  const decl = [
    `let ${cache}${st.semi}`,
    `const ${getter} = () => (${cache} ??= getSecretValue(${st.q}${secretId}${st.q}).then((${param}) => ${expr}))${st.semi}`,
  ].join(st.nl);
  const edits: TextEdit[] = [{ start: ls, end: stmtEnd, newText: decl }];
  for (const u of uses) {
    const after = text[skipBlanks(text, u + name.length)];
    const call = `await ${getter}()`;
    edits.push({ start: u, end: u + name.length, newText: after === '.' || after === '[' || after === '(' ? `(${call})` : call });
  }
  return { edits, limit: ls, how: `memoised async getter ${getter}()` };
}
