/**
 * Rust / aws-sdk-rust: drop `.credentials_provider(Credentials::new(…))` from config loaders/builders (and the
 * now-unused `Credentials` import); Secrets Manager in `async fn`s returning a boxed/anyhow error;
 * `std::env::var("X")` fallback for `let` bindings.
 */
import type { Fix } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { defaultChainEdits, type CredentialSyntax } from './credential-flow';
import { enclosingChain } from '../syntax/brackets';
import { defaultChainFix, envVarFix, replaceLiteral, secretsManagerFix } from './shared';
import { proposeSecret } from '../naming';

const RUST_SYNTAX: CredentialSyntax = {
  ctor: /Credentials\s*::\s*(?:new|from_keys)/,
  wrapper: /SharedCredentialsProvider\s*::\s*new/,
  builder: /\.\s*credentials_provider/,
  keys: /^credentials_provider$/,
  decl: /^[ \t]*let\s+(?:mut\s+)?([A-Za-z_]\w*)(?:\s*:\s*[^=]+)?\s*=\s*$/,
  setter: /(?:std\s*::\s*)?env\s*::\s*set_var/,
  semicolon: true,
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

function rustDefaultChain(ctx: RecipeContext): Fix | undefined {
  const edits = defaultChainEdits(ctx, RUST_SYNTAX);
  return edits ? defaultChainFix(edits) : undefined;
}

export const rustRecipe: Recipe = { defaultChain: rustDefaultChain, secretsManager: rustSecretsManager, envVar: rustEnvVar };
