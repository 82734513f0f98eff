/**
 * Rust / aws-sdk-rust: drop `.credentials_provider(Credentials::new(…))` from config loaders/builders (and the
 * now-unused `Credentials` import); Secrets Manager in `async fn`s returning a boxed/anyhow error;
 * `std::env::var("X")` fallback for `let` bindings.
 */
import type { Fix, TextEdit } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { defaultChainEdits, type CredentialSyntax } from './credential-flow';
import { enclosingChain } from '../syntax/brackets';
import { matchOpenBack } from '../syntax/functions';
import { defaultChainFix, envVarFix, rangesOf, replaceLiteral, secretsManagerFix } from './shared';
import { removeUnusedImports } from '../imports';
import { proposeSecret } from '../naming';

const RUST_SYNTAX: CredentialSyntax = {
  ctor: /Credentials\s*::\s*(?:new|from_keys)/,
  wrapper: /SharedCredentialsProvider\s*::\s*new/,
  builder: /\.\s*credentials_provider/,
  keys: /^credentials_provider$/,
  decl: /^[ \t]*let\s+(?:mut\s+)?([A-Za-z_]\w*)(?:\s*:\s*[^=]+)?\s*=\s*$/,
  setter: /(?:std\s*::\s*)?env\s*::\s*set_var/,
  semicolon: true,
  params: { def: (name) => new RegExp(`\\bfn\\s+${name}\\s*(?:<[^>]*>)?\\s*\\(`), name: (p) => /^(?:mut\s+)?([a-z_]\w*)\s*:/.exec(p)?.[1] },
};

interface RustFn { async: boolean; result: string }

function enclosingFn(ctx: RecipeContext, at: number): RustFn | undefined {
  for (const open of enclosingChain(ctx.lx, at)) {
    if (ctx.text[open] !== '{') continue;
    const head = ctx.text.slice(Math.max(0, open - 300), open);
    const m = /(async\s+)?fn\s+\w+\s*(?:<[^>]*>)?\s*\([^)]*\)\s*(?:->\s*([^{]+?))?\s*(?:where[^{]*)?$/.exec(head);
    if (m) return { async: !!m[1], result: (m[2] ?? '').trim() };
  }
  return undefined;
}

/** A `&str` literal becomes `&String` (deref-coerces to `&str`; `let x = &…;` extends the temporary's lifetime). */
function borrow(ctx: RecipeContext, expr: string): string {
  const before = ctx.text.slice(Math.max(0, ctx.site!.literal.start - 1), ctx.site!.literal.start);
  return before === '&' ? `(${expr})` : `&${expr}`;
}

/** The literal may be followed by `.to_string()` / `.into()` / `.to_owned()`; those stay valid on a String. */
function rustSecretsManager(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.quote !== '"' || site.literal.start !== ctx.text.lastIndexOf('"', site.literal.start)) return undefined;
  const fn = enclosingFn(ctx, site.literal.start);
  if (!fn?.async || !/Result\s*</.test(fn.result) || !/Box\s*<\s*dyn|anyhow|eyre/.test(fn.result) && !/^(anyhow::)?Result<[^,]*>$/.test(fn.result)) return undefined;
  const { secretId } = proposeSecret({ ...site.names, json: undefined }, ctx.input.path, ctx.input.secretId?.split('#')[0]);
  const expr =
    'aws_sdk_secretsmanager::Client::new(&aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await)' +
    `.get_secret_value().secret_id("${secretId}").send().await?.secret_string().unwrap_or_default().to_string()`;
  return secretsManagerFix([replaceLiteral(site, borrow(ctx, expr))], secretId);
}

function rustEnvVar(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.quote !== '"') return undefined;
  if (site.decl && /\b(const|static)\b/.test(site.decl.modifiers)) return undefined;
  if (!enclosingFn(ctx, site.literal.start)) return undefined;
  const env = site.names.envVar;
  return envVarFix([replaceLiteral(site, borrow(ctx, `std::env::var("${env}").expect("${env} must be set")`))], env);
}

/** Start of the method chain ending right before `dot` (`a::b().c(…)` -> offset of `a`). */
function chainHead(ctx: RecipeContext, dot: number): { start: number; callEnd: number; path: string } | undefined {
  const { text, lx } = ctx;
  let at = dot;
  for (let guard = 0; guard < 30; guard++) {
    let e = at;
    while (e > 0 && /\s/.test(text[e - 1])) e--;
    if (text[e - 1] === '?') e--;
    if (text[e - 1] !== ')') return undefined;
    const open = matchOpenBack(lx, e - 1);
    if (open < 0) return undefined;
    const m = /((?:[A-Za-z_]\w*\s*::\s*)*[A-Za-z_]\w*)\s*(?:::\s*<[^>]*>\s*)?$/.exec(text.slice(Math.max(0, open - 200), open));
    if (!m) return undefined;
    const segStart = open - (Math.min(200, open) - m.index);
    let b = segStart;
    while (b > 0 && /\s/.test(text[b - 1])) b--;
    if (text[b - 1] === '.') { at = b - 1; continue; }
    return { start: segStart, callEnd: e, path: m[1].replace(/\s+/g, '') };
  }
  return undefined;
}

/**
 * A service config builder (`aws_sdk_s3::Config::builder()`, `config::Builder::new()`) does not load the default
 * chain (only `aws_config::load_defaults`/`from_env` do), so dropping `.credentials_provider(…)` from it would leave
 * a client without credentials: start the builder from the loaded shared config instead,
 * `aws_sdk_s3::config::Builder::from(&aws_config::load_defaults(BehaviorVersion::latest()).await)`; needs an async fn.
 */
/**
 * `config::Builder::from(&shared)` starts from a shared config: it resolves the default chain when that config was
 * loaded by `aws_config` (`let shared = aws_config::load_from_env().await;` in this file, or inline).
 */
function fromLoadedConfig(text: string, call: string): boolean {
  const LOADER = 'aws_config\\s*::\\s*(?:load_from_env|load_defaults|from_env|defaults)\\b';
  const arg = /\(\s*&\s*([\s\S]*)\)$/.exec(call)?.[1].trim();
  if (!arg) return false;
  if (new RegExp(`^${LOADER}`).test(arg)) return true;
  if (!/^[a-z_]\w*$/.test(arg)) return false;
  return new RegExp(`\\blet\\s+(?:mut\\s+)?${arg}\\s*(?::\\s*[\\w:]+\\s*)?=\\s*${LOADER}`).test(text);
}

function serviceBuilderEdits(ctx: RecipeContext, edits: TextEdit[]): TextEdit[] | null {
  const { text } = ctx;
  const out: TextEdit[] = [];
  const re = /\.\s*credentials_provider\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (ctx.lx.mask[m.index] !== 0 || !edits.some((e) => e.newText === '' && e.start <= m!.index && e.end > m!.index)) continue;
    const head = chainHead(ctx, m.index);
    if (!head) return null;
    if (/^aws_config::(defaults|from_env|load_defaults|ConfigLoader)|(^|::)(defaults|from_env)$/.test(head.path)) continue;
    if (/(^|::)Builder::from$/.test(head.path) && fromLoadedConfig(text, text.slice(head.start, head.callEnd))) continue;
    const svc = /^(?:(\w+)::)?(?:Config::builder|config::Builder::new|Builder::new)$/.exec(head.path);
    if (!svc) return null;
    let crate: string | undefined = svc[1];
    if (!crate) crate = /^\s*use\s+(aws_sdk_\w+)::(?:Config\b|\{[^}]*\bConfig\b|config::\{?[^;]*\bBuilder\b)/m.exec(text)?.[1];
    if (!crate || !/^aws_sdk_\w+$/.test(crate)) return null;
    if (!enclosingFn(ctx, m.index)?.async) return null;
    out.push({ start: head.start, end: head.callEnd, newText: `${crate}::config::Builder::from(&aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await)` });
  }
  return out;
}

function rustDefaultChain(ctx: RecipeContext): Fix | undefined {
  const edits = defaultChainEdits(ctx, RUST_SYNTAX);
  if (!edits) return undefined;
  const builder = serviceBuilderEdits(ctx, edits);
  if (builder === null) return undefined;
  const all = [...edits, ...builder];
  // `Config` of `use aws_sdk_s3::{Client, Config}` may now be unused
  if (builder.length) all.push(...removeUnusedImports(ctx.lx, ctx.lang, rangesOf(all)));
  return defaultChainFix(all);
}

export const rustRecipe: Recipe = { defaultChain: rustDefaultChain, secretsManager: rustSecretsManager, envVar: rustEnvVar };
