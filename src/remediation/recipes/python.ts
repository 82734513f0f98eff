/**
 * Python / boto3: drop `aws_access_key_id`/`aws_secret_access_key`/`aws_session_token` keyword arguments from
 * `boto3.client/resource/Session(…)` (default chain), `get_secret_value` lookups, `os.environ["X"]` fallback.
 */
import type { Fix, TextEdit } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { AWS_KINDS } from './recipe';
import { literalAt } from '../../syntax/lexer';
import { enclosingOpen, lineEnd, lineStart, matchClose, splitList } from '../syntax/brackets';
import { keyBefore } from '../context';
import { deleteStatement, removeListItems } from '../edits';
import { removeUnusedImports } from '../imports';
import { indentedHelperFlow } from './indented-helper-flow';
import {
  defaultChainFix, envVarFix, eol, proposal, rangesOf, replaceLiteral, secretsManagerFix, unusedCredentialDecls, valueUses,
} from './shared';

const CRED_KWARG = /^(aws_access_key_id|aws_secret_access_key|aws_session_token)$/;

function kwargName(text: string, start: number, end: number): string | undefined {
  return /^([A-Za-z_]\w*)\s*=(?!=)/.exec(text.slice(start, end))?.[1];
}

/** Offset after the last top-level import statement (handles parenthesised imports), or -1. */
function pyImportEnd(ctx: RecipeContext): number {
  const { text, lx } = ctx;
  const re = /^(?:import|from)[ \t]+[\w.]+/gm;
  let end = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (lx.mask[m.index] !== 0) continue;
    let e = lineEnd(text, m.index);
    const paren = text.indexOf('(', m.index);
    if (paren >= 0 && paren < e && lx.mask[paren] === 0) { const c = matchClose(lx, paren); if (c > 0) e = lineEnd(text, c); }
    while (text[e - 1] === '\\') e = lineEnd(text, e + 1);
    end = e < text.length ? e + 1 : e;
  }
  return end;
}

function pyPreambleEnd(ctx: RecipeContext): number {
  const { text, lx } = ctx;
  let i = 0;
  for (;;) {
    const le = lineEnd(text, i);
    const line = text.slice(i, le);
    if (/^\s*(#.*)?\r?$/.test(line) && le < text.length) { i = le + 1; continue; }
    const doc = lx.strings.find((s) => s.start === i + line.search(/\S/));
    if (doc && /^\s*[rRuU]?("""|''')/.test(line)) { const e = lineEnd(text, doc.end); i = e < text.length ? e + 1 : e; continue; }
    break;
  }
  return i;
}

const STDLIB = new Set(['os', 'json', 'functools']);

/** Offset of the first top-level import that is not `from __future__`, or -1. */
function pyFirstImport(ctx: RecipeContext): number {
  const re = /^(?:import|from)[ \t]+([\w.]+)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ctx.text))) {
    if (ctx.lx.mask[m.index] !== 0 || m[1] === '__future__') continue;
    return m.index;
  }
  return -1;
}

/** Edits adding `import <mod>` lines that are missing: standard library first in the block, others last. */
function ensurePyImports(ctx: RecipeContext, modules: string[]): TextEdit[] {
  const { text } = ctx;
  const nl = eol(text);
  const missing = modules.filter((mod) => !new RegExp(`^import[ \\t]+(?:[\\w.]+[ \\t]*,[ \\t]*)*${mod}(?:[ \\t]*,|[ \\t]*(?:#.*)?$)`, 'm').test(text));
  if (missing.length === 0) return [];
  const std = missing.filter((m) => STDLIB.has(m)).map((mod) => `import ${mod}${nl}`).join('');
  const other = missing.filter((m) => !STDLIB.has(m)).map((mod) => `import ${mod}${nl}`).join('');
  const last = pyImportEnd(ctx);
  const first = pyFirstImport(ctx);
  if (last >= 0 && first >= 0) {
    const edits: TextEdit[] = [];
    if (std) edits.push({ start: first, end: first, newText: std });
    if (other) edits.push({ start: last, end: last, newText: other });
    return edits;
  }
  const at = last >= 0 ? last : pyPreambleEnd(ctx);
  const blankAfter = /^[ \t]*\r?\n/.test(text.slice(at));
  return [{ start: at, end: at, newText: std + other + (last >= 0 || blankAfter ? '' : nl) }];
}

function pyDefaultChain(ctx: RecipeContext): Fix | undefined {
  const fix = pyClientDefaultChain(ctx);
  if (fix) return fix;
  // keys passed to a function of this file that builds the client (one caller only)
  const helper = indentedHelperFlow(ctx);
  return helper ? defaultChainFix(helper) : undefined;
}

function pyClientDefaultChain(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site) return undefined;
  const { text, lx } = ctx;
  const prefix = text.slice(lineStart(text, site.literal.start), site.literal.start);
  const ENV_SET = /^[ \t]*os\.environ\[\s*['"]AWS_\w+['"]\s*\]\s*=\s*$/;
  if (ENV_SET.test(prefix)) {
    const edits: TextEdit[] = [];
    for (const f of ctx.findings) {
      if (!AWS_KINDS.has(f.kind)) continue;
      const ls = lineStart(text, f.startOffset);
      const lit = f === ctx.finding ? site.literal : literalAt(lx, f.startOffset, f.endOffset);
      if (!lit || !ENV_SET.test(text.slice(ls, lit.start))) continue;
      edits.push(deleteStatement(text, ls + text.slice(ls).search(/\S/), lit.end));
    }
    return defaultChainFix(edits);
  }
  const edits: TextEdit[] = [];
  const uses = valueUses(site);
  if (uses.length === 0) return undefined;
  const done = new Set<number>();
  for (const use of uses) {
    const key = keyBefore(text, use.start);
    const open = enclosingOpen(lx, use.start);
    if (open < 0) return undefined;
    if (!key || !CRED_KWARG.test(key)) {
      // positional `boto3.session.Session("AKIA…", "…")`: (aws_access_key_id, aws_secret_access_key, aws_session_token, …)
      if (text[open] !== '(' || !/(?:^|[^\w])Session\s*$/.test(text.slice(Math.max(0, open - 40), open)) || done.has(open)) {
        if (done.has(open)) continue;
        return undefined;
      }
      done.add(open);
      const close = matchClose(lx, open);
      const items = splitList(lx, open, close);
      const positional = items.filter((it) => !kwargName(text, it.start, it.end) && !text.slice(it.start, it.end).startsWith('*'));
      if (positional.length > 3 || positional.some((it, i) => items[i] !== it)) return undefined;
      edits.push(...removeListItems(lx, open, close, items, new Set(positional.map((_, i) => i))));
      continue;
    }
    // dict of boto3 keyword arguments: {"aws_access_key_id": …, "region_name": …} (used as **config)
    if (text[open] === '{') {
      if (done.has(open)) continue;
      done.add(open);
      const close = matchClose(lx, open);
      const items = splitList(lx, open, close);
      const remove = new Set<number>();
      items.forEach((it, i) => { const k = /^(["'])(\w+)\1\s*:/.exec(text.slice(it.start, it.end))?.[2]; if (k && CRED_KWARG.test(k)) remove.add(i); });
      if (remove.size === 0 || remove.size === items.length) return undefined;
      edits.push(...removeListItems(lx, open, close, items, remove));
      continue;
    }
    if (text[open] !== '(') return undefined;
    if (done.has(open)) continue;
    done.add(open);
    const close = matchClose(lx, open);
    const items = splitList(lx, open, close);
    const remove = new Set<number>();
    items.forEach((it, i) => { if (CRED_KWARG.test(kwargName(text, it.start, it.end) ?? '')) remove.add(i); });
    edits.push(...removeListItems(lx, open, close, items, remove));
  }
  const removed = rangesOf(edits);
  edits.push(...unusedCredentialDecls(ctx, removed));
  edits.push(...removeUnusedImports(lx, 'python', rangesOf(edits)));
  return defaultChainFix(edits);
}

function isEnvDefault(ctx: RecipeContext): boolean {
  const site = ctx.site!;
  const open = enclosingOpen(ctx.lx, site.literal.start);
  return open >= 0 && ctx.text[open] === '(' && /os\s*\.\s*(?:environ\s*\.\s*get|getenv)\s*$/.test(ctx.text.slice(Math.max(0, open - 30), open));
}

const PY_HELPER_MARK = 'read once per process';

/** Name of the cached lookup helper: an existing one of ours is reused, another function of that name is avoided. */
function pyHelperName(text: string): { name: string; exists: boolean } {
  for (const name of ['get_secret', 'get_aws_secret', 'get_secrets_manager_secret']) {
    const def = new RegExp(`^def ${name}\\(`, 'm').exec(text);
    if (!def) return { name, exists: false };
    if (text.slice(def.index, def.index + 300).includes(PY_HELPER_MARK)) return { name, exists: true };
  }
  return { name: 'get_secrets_manager_secret', exists: true };
}

/**
 * A small cached helper instead of an inline lookup: the client is made once (lru_cache), each secret is read once
 * per process, and a region the file already passes to boto3 (`region_name="…"`) is reused.
 */
function pyHelper(ctx: RecipeContext, name: string, q: string): string {
  const nl = eol(ctx.text);
  const region = /\bregion_name\s*=\s*(["'])([a-z]{2}(?:-[a-z]+)+-\d)\1/.exec(ctx.text);
  const client = `boto3.client(${q}secretsmanager${q}${region ? `, region_name=${q}${region[2]}${q}` : ''})`;
  return [
    '',
    '',
    '@functools.lru_cache(maxsize=None)',
    `def _secrets_manager_client():`,
    `    return ${client}`,
    '',
    '',
    '@functools.lru_cache(maxsize=None)',
    `def ${name}(secret_id):`,
    `    """Return the SecretString of an AWS Secrets Manager secret, ${PY_HELPER_MARK} (default credential chain)."""`,
    `    return _secrets_manager_client().get_secret_value(SecretId=secret_id)[${q}SecretString${q}]`,
    '',
  ].join(nl);
}

function pySecretsManager(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.interpolated || isEnvDefault(ctx)) return undefined;
  const { secretId, key } = proposal(ctx);
  const { text } = ctx;
  const q = site.literal.quote.length === 1 ? site.literal.quote : '"';
  const helper = pyHelperName(text);
  const lookup = `${helper.name}(${q}${secretId}${q})`;
  const expr = key ? `json.loads(${lookup})[${q}${key}${q}]` : lookup;
  // imports first: with no import block they are inserted at the same point as the helper, and must precede it
  const edits: TextEdit[] = [replaceLiteral(site, expr), ...ensurePyImports(ctx, key ? ['json', 'functools', 'boto3'] : ['functools', 'boto3'])];
  if (!helper.exists) {
    // after the imports, before any module-level use; never inside a class/function body
    let at = pyImportEnd(ctx);
    if (at < 0) at = pyPreambleEnd(ctx);
    if (at > site.literal.start) return undefined;
    let body = pyHelper(ctx, helper.name, q);
    // keep exactly two blank lines around the helper
    const rest = text.slice(at);
    const blanks = /^(?:[ \t]*\r?\n)*/.exec(rest)![0];
    const nl = eol(text);
    body = body.replace(/^(\r?\n)+/, pyImportEnd(ctx) < 0 ? nl : nl + nl) + nl + nl;
    edits.push({ start: at, end: at + blanks.length, newText: body });
  }
  const fix = secretsManagerFix(edits, secretId, key);
  return { ...fix, title: fix.title.replace('Load from AWS Secrets Manager', `Load from AWS Secrets Manager (cached ${helper.name}())`) };
}

function pyEnvVar(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site) return undefined;
  // `os.environ.get("X", "literal")` / `os.getenv("X", "literal")`: drop the hardcoded default
  const open = enclosingOpen(ctx.lx, site.literal.start);
  if (open >= 0 && ctx.text[open] === '(' && /os\s*\.\s*(?:environ\s*\.\s*get|getenv)\s*$/.test(ctx.text.slice(Math.max(0, open - 30), open))) {
    const items = splitList(ctx.lx, open, matchClose(ctx.lx, open));
    if (items.length === 2 && items[1].start === site.literal.start) {
      const name = /^["'](\w+)["']$/.exec(ctx.text.slice(items[0].start, items[0].end))?.[1] ?? site.names.envVar;
      return envVarFix([{ start: items[0].end, end: items[1].end, newText: '' }], name);
    }
  }
  const env = site.names.envVar;
  const q = site.literal.quote.length === 1 ? site.literal.quote : '"';
  return envVarFix([replaceLiteral(site, `os.environ[${q}${env}${q}]`), ...ensurePyImports(ctx, ['os'])], env);
}

export const pythonRecipe: Recipe = { defaultChain: pyDefaultChain, secretsManager: pySecretsManager, envVar: pyEnvVar };
