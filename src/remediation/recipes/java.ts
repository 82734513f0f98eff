/**
 * Java: SDK v2 (`StaticCredentialsProvider.create(AwsBasicCredentials.create(…))`, `.credentialsProvider(…)`) and
 * v1 (`new BasicAWSCredentials(…)`, `.withCredentials(…)`, `new AmazonS3Client(creds)`) to the default chain;
 * `SecretsManagerClient.getSecretValue` (v2, or v1 `AWSSecretsManagerClientBuilder` in v1-only files);
 * `System.getenv("X")` fallback.
 */
import type { Fix } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { defaultChainEdits, type CredentialSyntax } from './credential-flow';
import { ensureLines } from './java-imports';
import { defaultChainFix, envVarFix, replaceLiteral, secretsManagerFix } from './shared';
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
};

export function isJavaV1Only(text: string): boolean {
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
  const { expr, imports } = javaLookup(ctx, secretId);
  const edits = [replaceLiteral(site, expr), ...ensureLines(ctx, imports, /^import\s+[\w.*]+\s*;/, /^package\s+[\w.]+\s*;/)];
  return secretsManagerFix(edits, secretId);
}

function javaEnvVar(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.quote !== '"') return undefined;
  const env = site.names.envVar;
  return envVarFix([replaceLiteral(site, `System.getenv("${env}")`)], env);
}

export const javaRecipe: Recipe = { defaultChain: javaDefaultChain, secretsManager: javaSecretsManager, envVar: javaEnvVar };
