/**
 * Kotlin: AWS SDK for Kotlin (`credentialsProvider = StaticCredentialsProvider { … }`, `Credentials(…)`) and the
 * Java SDK v2 builders to the default chain; Secrets Manager via the Kotlin SDK inside `suspend` functions, else
 * the Java SDK v2 synchronous client; `System.getenv("X")` fallback.
 */
import type { Fix, TextEdit } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { defaultChainEdits, type CredentialSyntax } from './credential-flow';
import { ensureLines } from './java-imports';
import { JAVA_SYNTAX } from './java';
import { functionContext } from '../syntax/functions';
import { defaultChainFix, envVarFix, eol, replaceLiteral, secretsManagerFix } from './shared';
import { lineEnd } from '../syntax/brackets';
import { proposeSecret } from '../naming';

const KOTLIN_SYNTAX: CredentialSyntax = {
  ...JAVA_SYNTAX,
  ctor: new RegExp(`${JAVA_SYNTAX.ctor.source}|(?<![\\w.])Credentials|(?<![\\w.])StaticCredentialsProvider`),
  wrapper: new RegExp(`${JAVA_SYNTAX.wrapper!.source}|(?<![\\w.])StaticCredentialsProvider`),
  decl: /^[ \t]*(?:(?:private|internal|public|protected|const|override)\s+)*(?:val|var)\s+([A-Za-z_]\w*)(?:\s*:\s*[\w.<>?]+)?\s*=\s*$/,
  semicolon: false,
  params: { def: (name) => new RegExp(`\\bfun\\s+(?:<[^>]*>\\s*)?(?:[\\w.]+\\.)?${name}\\s*\\(`), name: (p) => /^(?:va[lr]\s+)?([A-Za-z_]\w*)\s*:/.exec(p)?.[1] },
};

const IMPORT_RE = /^import\s+[\w.*]+(?:\s+as\s+\w+)?\s*$/;
const PACKAGE_RE = /^package\s+[\w.]+\s*$/;

/** `const val X = …` cannot hold a call: drop the `const` modifier. */
function dropConst(ctx: RecipeContext): TextEdit[] {
  const d = ctx.site?.decl;
  if (!d || !/\bconst\b/.test(d.modifiers)) return [];
  const at = ctx.text.indexOf('const', d.start);
  return at >= 0 && at < ctx.site!.literal.start ? [{ start: at, end: at + 'const'.length + 1, newText: '' }] : [];
}

function ktDefaultChain(ctx: RecipeContext): Fix | undefined {
  const edits = defaultChainEdits(ctx, KOTLIN_SYNTAX);
  return edits ? defaultChainFix(edits) : undefined;
}

function ktSecretsManager(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.interpolated || site.literal.quote !== '"') return undefined;
  const { secretId } = proposeSecret({ ...site.names, json: undefined }, ctx.input.path, ctx.input.secretId?.split('#')[0]);
  const suspend = functionContext(ctx.lx, site.literal.start) === 'async';
  const javaSdk = /software\.amazon\.awssdk/.test(ctx.text);
  let expr: string;
  let imports: string[];
  if (suspend && !javaSdk) {
    expr = `SecretsManagerClient.fromEnvironment().use { it.getSecretValue(GetSecretValueRequest { secretId = "${secretId}" }).secretString } ?: error("Secret ${secretId} has no SecretString")`;
    imports = ['import aws.sdk.kotlin.services.secretsmanager.SecretsManagerClient', 'import aws.sdk.kotlin.services.secretsmanager.model.GetSecretValueRequest'];
  } else {
    expr = `secretsManager.getSecretValue(GetSecretValueRequest.builder().secretId("${secretId}").build()).secretString()`;
    imports = ['import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient', 'import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest'];
  }
  const edits = [...dropConst(ctx), replaceLiteral(site, expr), ...ensureLines(ctx, imports, IMPORT_RE, PACKAGE_RE)];
  if (expr.startsWith('secretsManager.')) {
    // one client per file, made on first use (clients hold connection pools)
    const { text } = ctx;
    if (!/^private val secretsManager\b/m.test(text)) {
      if (/\bsecretsManager\b/.test(text)) return undefined;
      const nl = eol(text);
      const anchors = [...text.matchAll(/^(?:import|package)\s+[\w.*]+.*$/gm)];
      const last = anchors.pop();
      const at = last ? Math.min(text.length, lineEnd(text, last.index!) + 1) : 0;
      // ensureLines inserts missing imports at this point too: the declaration follows them
      edits.push({ start: at, end: at, newText: `${nl}private val secretsManager: SecretsManagerClient by lazy { SecretsManagerClient.create() }${nl}` });
    }
  }
  const fix = secretsManagerFix(edits, secretId);
  return expr.startsWith('secretsManager.') ? { ...fix, title: fix.title.replace('Load from AWS Secrets Manager', 'Load from AWS Secrets Manager (one lazy client per file)') } : fix;
}

function ktEnvVar(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.quote !== '"') return undefined;
  const env = site.names.envVar;
  return envVarFix([...dropConst(ctx), replaceLiteral(site, `System.getenv("${env}")`)], env);
}

export const kotlinRecipe: Recipe = { defaultChain: ktDefaultChain, secretsManager: ktSecretsManager, envVar: ktEnvVar };
