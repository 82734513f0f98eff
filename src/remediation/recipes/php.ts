/**
 * PHP / AWS SDK for PHP v3: drop the `'credentials' => […]` / `new Credentials(…)` client option (the SDK then uses
 * its default provider); `SecretsManagerClient::getSecretValue` lookups; `getenv('X')` fallback.
 */
import type { Fix, TextEdit } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { defaultChainEdits, type CredentialSyntax } from './credential-flow';
import { ensureLines } from './java-imports';
import { enclosingChain } from '../syntax/brackets';
import { defaultChainFix, envVarFix, eol, proposal, replaceLiteral, secretsManagerFix } from './shared';

const PHP_SYNTAX: CredentialSyntax = {
  ctor: /new\s+\\?(?:Aws\\Credentials\\)?Credentials/,
  clientCtor: /new\s+\\?(?:Aws\\\w+\\)?\w+Client/,
  keys: /^credentials$/,
  decl: /^[ \t]*(\$[A-Za-z_]\w*)\s*=\s*$/,
  setter: /putenv/,
  semicolon: true,
  envRead: (name) => `getenv('${name}')`,
  params: { def: (name) => new RegExp(`\\bfunction\\s+${name}\\s*\\(`), name: (p) => /(\$[A-Za-z_]\w*)\s*(?:=[^,]*)?$/.exec(p)?.[1] },
};

/** Literal sits directly in a class body (property default / class constant): no expressions allowed there. */
function inClassBody(ctx: RecipeContext): boolean {
  const site = ctx.site!;
  if (site.decl && /\b(const|private|public|protected|var|static|readonly)\b/.test(site.decl.modifiers)) return true;
  for (const open of enclosingChain(ctx.lx, site.literal.start)) {
    if (ctx.text[open] !== '{') continue;
    const head = ctx.text.slice(Math.max(0, open - 200), open);
    if (/\)\s*(?::\s*[\w\\?|]+)?\s*$/.test(head)) return false;
    if (/\b(class|trait|interface|enum)\s+\w+[^{;]*$/.test(head)) return true;
  }
  return false;
}

function phpDefaultChain(ctx: RecipeContext): Fix | undefined {
  const edits = defaultChainEdits(ctx, PHP_SYNTAX);
  return edits ? defaultChainFix(edits) : undefined;
}

const PHP_HELPER = 'secrets_manager_secret';

/** The client is made once and each secret read once per request/process (static variables). */
function phpHelper(region: string, nl: string): string {
  return [
    '/** Reads a secret from AWS Secrets Manager (default credential chain); the client is made once, each secret read once. */',
    `function ${PHP_HELPER}(string $secretId): string`,
    '{',
    '    static $client = null, $cache = [];',
    `    $client ??= new SecretsManagerClient(['version' => 'latest', 'region' => ${region}]);`,
    "    return $cache[$secretId] ??= $client->getSecretValue(['SecretId' => $secretId])['SecretString'];",
    '}',
  ].join(nl);
}

function phpSecretsManager(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.interpolated || inClassBody(ctx)) return undefined;
  const { secretId, key } = proposal(ctx);
  const region = /'region'\s*=>\s*('[\w-]+'|"[\w-]+")/.exec(ctx.text)?.[1] ?? "getenv('AWS_REGION')";
  const call = `${PHP_HELPER}('${secretId}')`;
  const expr = key ? `json_decode(${call}, true)['${key}']` : call;
  const text = ctx.text;
  const helper: TextEdit[] = [];
  if (!new RegExp(`\\bfunction\\s+${PHP_HELPER}\\s*\\(`).test(text)) {
    // appended once (top-level functions are usable before their declaration in the same file)
    const nl = eol(text);
    const closeTag = /\?>\s*$/.exec(text);
    const at = closeTag ? closeTag.index : text.length;
    const pre = text.slice(0, at).endsWith('\n') ? nl : nl + nl;
    helper.push({ start: at, end: at, newText: `${pre}${phpHelper(region, nl)}${nl}` });
  }
  const edits = [
    replaceLiteral(site, expr),
    ...helper,
    ...ensureLines(ctx, ['use Aws\\SecretsManager\\SecretsManagerClient;'], /^use\s+[\w\\]+(?:\s+as\s+\w+)?\s*;/,
      /^(?:<\?php.*|namespace\s+[\w\\]+\s*;|declare\s*\(.*\)\s*;|require(?:_once)?\s+.*;)\s*$/),
  ];
  const fix = secretsManagerFix(edits, secretId, key);
  return { ...fix, title: fix.title.replace('Load from AWS Secrets Manager', `Load from AWS Secrets Manager (cached ${PHP_HELPER}())`) };
}

function phpEnvVar(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || inClassBody(ctx)) return undefined;
  const env = site.names.envVar;
  return envVarFix([replaceLiteral(site, `getenv('${env}')`)], env);
}

export const phpRecipe: Recipe = { defaultChain: phpDefaultChain, secretsManager: phpSecretsManager, envVar: phpEnvVar };
