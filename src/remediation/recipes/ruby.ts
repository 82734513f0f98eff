/**
 * Ruby / aws-sdk v3: drop `access_key_id:`/`secret_access_key:`/`session_token:` and `credentials:` options from
 * `Aws::…::Client.new(…)`; `Aws::SecretsManager::Client#get_secret_value`; `ENV["X"]` fallback.
 */
import type { Fix, TextEdit } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { defaultChainEdits, type CredentialSyntax } from './credential-flow';
import { indentedHelperFlow } from './indented-helper-flow';
import { enclosingOpen, lineEnd, lineStart, matchClose, splitList } from '../syntax/brackets';
import { keyBefore } from '../context';
import { applyEdits, deleteLines, removeListItems } from '../edits';
import { defaultChainFix, envVarFix, eol, proposal, rangesOf, replaceLiteral, secretsManagerFix, unusedCredentialDecls, valueUses } from './shared';

const RUBY_SYNTAX: CredentialSyntax = {
  ctor: /Aws\s*::\s*Credentials\s*\.\s*new/,
  keys: /^credentials$/,
  decl: /^[ \t]*([a-z_]\w*)\s*=\s*$/,
  semicolon: false,
};
const KWARG = /^(access_key_id|secret_access_key|session_token)$/;

/**
 * `Aws.config.update(credentials: …)` whose every option is removed would become the no-op
 * `Aws.config.update()`: delete the statement instead (other options such as `region:` are kept).
 */
function dropEmptiedConfigUpdates(ctx: RecipeContext, edits: TextEdit[]): TextEdit[] {
  const { text, lx } = ctx;
  let out = edits;
  const re = /\bAws\s*\.\s*config\s*\.\s*update\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const open = m.index + m[0].length - 1;
    const close = matchClose(lx, open);
    if (close < 0 || lx.mask[m.index] !== 0) continue;
    const inner = out.filter((e) => e.start > open && e.end <= close);
    if (!inner.length) continue;
    const shifted = inner.map((e) => ({ ...e, start: e.start - open - 1, end: e.end - open - 1 }));
    if (/\S/.test(applyEdits(text.slice(open + 1, close), shifted))) continue;
    out = [...out.filter((e) => !inner.includes(e)), deleteLines(text, m.index, close + 1)];
  }
  return out;
}

/** `Aws.config[:credentials] = Aws::Credentials.new(…)`: delete the assignment. */
function configIndexAssignment(ctx: RecipeContext): TextEdit[] | undefined {
  const { text, lx } = ctx;
  const site = ctx.site!;
  const open = enclosingOpen(lx, site.literal.start, '(');
  if (open < 0) return undefined;
  const ls = lineStart(text, open);
  if (!/^[ \t]*Aws\s*\.\s*config\s*\[\s*:credentials\s*\]\s*=\s*Aws\s*::\s*Credentials\s*\.\s*new\s*$/.test(text.slice(ls, open))) return undefined;
  return [deleteLines(text, ls, matchClose(lx, open) + 1)];
}

function rbDefaultChain(ctx: RecipeContext): Fix | undefined {
  const fix = rbDefaultChainEdits(ctx);
  return fix ? { ...fix, edits: dropEmptiedConfigUpdates(ctx, fix.edits) } : undefined;
}

function rbDefaultChainEdits(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site) return undefined;
  const { text, lx } = ctx;
  const indexed = configIndexAssignment(ctx);
  if (indexed) return defaultChainFix([...indexed, ...unusedCredentialDecls(ctx, rangesOf(indexed))]);
  const direct = valueUses(site).every((u) => KWARG.test(keyBefore(text, u.start) ?? ''));
  if (!direct) {
    const edits = defaultChainEdits(ctx, RUBY_SYNTAX) ?? indentedHelperFlow(ctx);
    return edits ? defaultChainFix(edits) : undefined;
  }
  const edits: TextEdit[] = [];
  const seen = new Set<number>();
  for (const u of valueUses(site)) {
    const open = enclosingOpen(lx, u.start, '(');
    if (open < 0 || seen.has(open)) { if (open < 0) return undefined; continue; }
    seen.add(open);
    const close = matchClose(lx, open);
    const items = splitList(lx, open, close);
    const remove = new Set<number>();
    items.forEach((it, i) => { const k = /^:?(\w+)\s*(?::|=>)/.exec(text.slice(it.start, it.end))?.[1]; if (k && KWARG.test(k)) remove.add(i); });
    edits.push(...removeListItems(lx, open, close, items, remove));
  }
  edits.push(...unusedCredentialDecls(ctx, rangesOf(edits)));
  return defaultChainFix(edits);
}

function ensureRequire(ctx: RecipeContext, libs: string[]): TextEdit[] {
  const { text } = ctx;
  const nl = eol(text);
  const missing = libs.filter((l) => !new RegExp(`^require\\s+['"]${l}['"]`, 'm').test(text));
  if (missing.length === 0) return [];
  const reqs = [...text.matchAll(/^require(?:_relative)?\s+['"][^'"]+['"].*$/gm)].pop();
  const lines = missing.map((l) => `require "${l}"${nl}`).join('');
  if (reqs) { const e = lineEnd(text, reqs.index!); const at = e < text.length ? e + 1 : e; return [{ start: at, end: at, newText: lines }]; }
  let at = 0;
  while (/^(#.*)?\r?\n/.test(text.slice(at)) && /^#/.test(text.slice(at))) at = lineEnd(text, at) + 1;
  return [{ start: at, end: at, newText: lines + nl }];
}

const RB_HELPER = 'SecretsManagerLookup';

/**
 * A small module after the requires: the client is made once, each secret read once per process (like the Python
 * and Go helpers). Module instance variables, so every caller (any class) shares them.
 */
function rbHelper(nl: string): string {
  return [
    `# Reads secrets from AWS Secrets Manager (default credential chain); the client is made once, each secret read once.`,
    `module ${RB_HELPER}`,
    `  def self.secret_string(secret_id)`,
    `    @client ||= Aws::SecretsManager::Client.new`,
    `    (@cache ||= {})[secret_id] ||= @client.get_secret_value(secret_id: secret_id).secret_string`,
    `  end`,
    `end`,
  ].join(nl);
}

function rbSecretsManager(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.interpolated) return undefined;
  const { text } = ctx;
  const nl = eol(text);
  const { secretId, key } = proposal(ctx);
  const call = `${RB_HELPER}.secret_string("${secretId}")`;
  const expr = key ? `JSON.parse(${call})["${key}"]` : call;
  const edits: TextEdit[] = [replaceLiteral(site, expr), ...ensureRequire(ctx, key ? ['json', 'aws-sdk-secretsmanager'] : ['aws-sdk-secretsmanager'])];
  if (!new RegExp(`^module ${RB_HELPER}\\b`, 'm').test(text)) {
    // after the last top-level require (the require edits insert there too: the helper follows them)
    const reqs = [...text.matchAll(/^require(?:_relative)?\s+['"][^'"]+['"].*$/gm)].pop();
    let at = 0;
    if (reqs) { const e = lineEnd(text, reqs.index!); at = e < text.length ? e + 1 : e; }
    else while (/^#.*\r?\n/.test(text.slice(at))) at = lineEnd(text, at) + 1;
    if (at > site.literal.start) return undefined;
    edits.push({ start: at, end: at, newText: `${reqs ? nl : ''}${rbHelper(nl)}${nl}${/^\s*\r?\n/.test(text.slice(at)) ? '' : nl}` });
  }
  const fix = secretsManagerFix(edits, secretId, key);
  return { ...fix, title: fix.title.replace('Load from AWS Secrets Manager', `Load from AWS Secrets Manager (cached ${RB_HELPER}.secret_string)`) };
}

function rbEnvVar(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site) return undefined;
  const env = site.names.envVar;
  return envVarFix([replaceLiteral(site, `ENV["${env}"]`)], env);
}

export const rubyRecipe: Recipe = { defaultChain: rbDefaultChain, secretsManager: rbSecretsManager, envVar: rbEnvVar };
