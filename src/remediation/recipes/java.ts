/**
 * Java: SDK v2 (`StaticCredentialsProvider.create(AwsBasicCredentials.create(…))`, `.credentialsProvider(…)`) and
 * v1 (`new BasicAWSCredentials(…)`, `.withCredentials(…)`, `new AmazonS3Client(creds)`) to the default chain;
 * `SecretsManagerClient.getSecretValue` (v2, or v1 `AWSSecretsManagerClientBuilder` in v1-only files);
 * `System.getenv("X")` fallback.
 */
import type { Fix, TextEdit } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { defaultChainEdits, METHOD_PARAMS, type CredentialSyntax } from './credential-flow';
import { ensureLines } from './java-imports';
import { defaultChainFix, envVarFix, eol, replaceLiteral, secretsManagerFix } from './shared';
import { enclosingChain, indentOf, lineEnd, matchClose } from '../syntax/brackets';
import { proposeSecret } from '../naming';

export const JAVA_SYNTAX: CredentialSyntax = {
  ctor: /(?:AwsBasicCredentials|AwsSessionCredentials)\s*\.\s*(?:create|builder\(\)[\s\S]{0,200}?\.build)|new\s+(?:com\.amazonaws\.auth\.)?(?:BasicAWSCredentials|BasicSessionCredentials)/,
  wrapper: /StaticCredentialsProvider\s*\.\s*create|new\s+AWSStaticCredentialsProvider|AwsCredentialsProviderChain\s*\.\s*of/,
  builder: /\.\s*(?:credentialsProvider|withCredentials)/,
  clientCtor: /new\s+Amazon\w+Client/,
  keys: /^(credentials|credentialsProvider)$/,
  decl: /^[ \t]*(?:(?:final|private|public|protected|static)\s+)*(?:var|[A-Z][\w.<>]*)\s+([a-zA-Z_]\w*)\s*=\s*$/,
  setter: /System\s*\.\s*setProperty/,
  semicolon: true,
  envRead: (name) => `System.getenv("${name}")`,
  params: METHOD_PARAMS,
};

function isJavaV1Only(text: string): boolean {
  return /^\s*import\s+com\.amazonaws\./m.test(text) && !/software\.amazon\.awssdk/.test(text);
}

function javaLookup(ctx: RecipeContext, id: string): { expr: string; imports: string[] } {
  if (isJavaV1Only(ctx.text)) {
    return {
      expr: `AWSSecretsManagerClientBuilder.defaultClient().getSecretValue(new GetSecretValueRequest().withSecretId("${id}")).getSecretString()`,
      imports: [
        'import com.amazonaws.services.secretsmanager.AWSSecretsManagerClientBuilder;',
        'import com.amazonaws.services.secretsmanager.model.GetSecretValueRequest;',
      ],
    };
  }
  return {
    expr: `SecretsManagerClient.create().getSecretValue(GetSecretValueRequest.builder().secretId("${id}").build()).secretString()`,
    imports: [
      'import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;',
      'import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;',
    ],
  };
}

/**
 * One client per class instead of one per lookup (clients hold connection pools): a `SECRETS_MANAGER` field is added
 * as the first member of the outermost class, so it is initialised before any static field that reads a secret.
 */
function sharedClient(ctx: RecipeContext, inline: string): { expr: string; edits: TextEdit[] } | undefined {
  const { text, lx } = ctx;
  const chain = enclosingChain(lx, ctx.site!.literal.start).filter((o) => text[o] === '{');
  const body = chain.reverse().find((o) => /\b(class|enum)\s+\w+[^{};]*$/.test(text.slice(Math.max(0, o - 300), o)));
  if (body === undefined) return undefined;
  const v1 = inline.startsWith('AWSSecretsManagerClientBuilder');
  const create = v1 ? 'AWSSecretsManagerClientBuilder.defaultClient()' : 'SecretsManagerClient.create()';
  const type = v1 ? 'AWSSecretsManager' : 'SecretsManagerClient';
  const expr = inline.replace(create, 'SECRETS_MANAGER');
  const close = matchClose(lx, body);
  if (new RegExp(`\\bstatic\\s+final\\s+${type}\\s+SECRETS_MANAGER\\b`).test(text.slice(body, close))) return { expr, edits: [] };
  if (/\bSECRETS_MANAGER\b/.test(text)) return undefined;
  const nl = eol(text);
  const first = /\r?\n([ \t]+)\S/.exec(text.slice(body, close));
  const ind = first ? first[1] : indentOf(text, body) + '    ';
  const at = lineEnd(text, body);
  const edits: TextEdit[] = [{ start: at, end: at, newText: `${nl}${ind}private static final ${type} SECRETS_MANAGER = ${create};${nl}` }];
  if (v1) edits.push(...ensureLines(ctx, ['import com.amazonaws.services.secretsmanager.AWSSecretsManager;'], /^import\s+[\w.*]+\s*;/, /^package\s+[\w.]+\s*;/));
  return { expr, edits };
}

function javaDefaultChain(ctx: RecipeContext): Fix | undefined {
  const edits = defaultChainEdits(ctx, JAVA_SYNTAX);
  return edits ? defaultChainFix(edits) : undefined;
}

function javaSecretsManager(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.interpolated || site.literal.quote !== '"') return undefined;
  if (site.decl && /\bcase\b/.test(site.decl.modifiers)) return undefined;
  // Plain-string secret: Java has no JSON parser in the JDK, so no key/value access.
  const { secretId } = proposeSecret({ ...site.names, json: undefined }, ctx.input.path, ctx.input.secretId?.split('#')[0]);
  const lookup = javaLookup(ctx, secretId);
  const shared = sharedClient(ctx, lookup.expr);
  const edits = [replaceLiteral(site, shared?.expr ?? lookup.expr), ...(shared?.edits ?? []), ...ensureLines(ctx, lookup.imports, /^import\s+[\w.*]+\s*;/, /^package\s+[\w.]+\s*;/)];
  const fix = secretsManagerFix(edits, secretId);
  return shared ? { ...fix, title: fix.title.replace('Load from AWS Secrets Manager', 'Load from AWS Secrets Manager (one shared client per class)') } : fix;
}

function javaEnvVar(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.quote !== '"') return undefined;
  const env = site.names.envVar;
  return envVarFix([replaceLiteral(site, `System.getenv("${env}")`)], env);
}

export const javaRecipe: Recipe = { defaultChain: javaDefaultChain, secretsManager: javaSecretsManager, envVar: javaEnvVar };
