/**
 * C# / AWS SDK for .NET: `new BasicAWSCredentials(…)` / `SessionAWSCredentials` / the `(accessKey, secretKey, region)`
 * client overload to the default chain; `await GetSecretValueAsync(…)` inside async methods only (never `.Result`);
 * `Environment.GetEnvironmentVariable("X")` fallback.
 */
import type { Fix, TextEdit } from '../types';
import type { Recipe, RecipeContext } from './recipe';
import { defaultChainEdits, METHOD_PARAMS, type CredentialSyntax } from './credential-flow';
import { ensureLines } from './java-imports';
import { functionContext } from '../syntax/functions';
import { enclosingChain, identifierRefs, indentOf, lineEnd, matchClose, skipBlanks } from '../syntax/brackets';
import { defaultChainFix, envVarFix, eol, proposal, replaceLiteral, secretsManagerFix } from './shared';

const CS_SYNTAX: CredentialSyntax = {
  ctor: /new\s+(?:Amazon\.Runtime\.)?(?:BasicAWSCredentials|SessionAWSCredentials)/,
  clientCtor: /new\s+Amazon\w+Client/,
  keys: /^Credentials$/,
  decl: /^[ \t]*(?:(?:private|public|protected|internal|static|readonly)\s+)*(?:var|[A-Z][\w.<>]*)\s+([A-Za-z_]\w*)\s*=\s*$/,
  setter: /Environment\s*\.\s*SetEnvironmentVariable/,
  semicolon: true,
  envRead: (name) => `System.Environment.GetEnvironmentVariable("${name}")`,
  params: METHOD_PARAMS,
};

const USING_RE = /^using\s+[\w.]+\s*;/;
const NS_RE = /^namespace\s+[\w.]+\s*;/;

/** `const string X = …` cannot hold a call: make it `static readonly` (fields) or drop `const` (locals). */
function constFix(ctx: RecipeContext): TextEdit[] {
  const d = ctx.site?.decl;
  if (!d || !/\bconst\b/.test(d.modifiers)) return [];
  const at = ctx.text.indexOf('const', d.start);
  if (at < 0 || at >= ctx.site!.literal.start) return [];
  const local = functionContext(ctx.lx, d.start) !== 'sync' || !/(private|public|protected|internal)/.test(d.modifiers);
  const isField = /(private|public|protected|internal)/.test(d.modifiers);
  return [{ start: at, end: at + 5, newText: isField || !local ? 'static readonly' : '' }].map((e) =>
    e.newText === '' ? { ...e, end: skipBlanks(ctx.text, e.end) } : e);
}

function csDefaultChain(ctx: RecipeContext): Fix | undefined {
  const edits = defaultChainEdits(ctx, CS_SYNTAX);
  return edits ? defaultChainFix(edits) : undefined;
}

/**
 * A field initialiser (`private const string ApiKey = "…";`) used only inside async methods becomes
 * `private static readonly Lazy<Task<string>> ApiKey = new(…)`: the secret is fetched once, on first use, by one
 * shared client; every use becomes `await ApiKey.Value`. Never `.Result` (deadlocks under a synchronization context).
 */
function csLazyField(ctx: RecipeContext, secretId: string, key: string | undefined): Fix | undefined {
  const site = ctx.site!;
  const d = site.decl;
  const { text, lx } = ctx;
  if (!d || d.member || !/^(?:(?:private|public|protected|internal|static|readonly|const)\s+)+string\s+$/.test(d.modifiers)) return undefined;
  if (/\b(public|protected|internal)\b/.test(d.modifiers)) return undefined; // other classes may read it synchronously
  const name = d.name;
  if (new RegExp(`\\.\\s*${name}\\b`).test(text)) return undefined;
  const declAt = text.indexOf(name, d.start);
  const uses = identifierRefs(lx, name).filter((r) => r !== declAt);
  if (uses.length === 0 || uses.some((u) => functionContext(lx, u) !== 'async')) return undefined;
  const ind = indentOf(text, d.start);
  const nl = eol(text);
  const hasClient = /\bstatic\s+readonly\s+AmazonSecretsManagerClient\s+SecretsManager\b/.test(text);
  let value = `(await SecretsManager.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "${secretId}" })).SecretString`;
  if (key) value = `JsonDocument.Parse(${value}).RootElement.GetProperty("${key}").GetString()!`;
  const lines = [
    ...(hasClient ? [] : [`private static readonly AmazonSecretsManagerClient SecretsManager = new AmazonSecretsManagerClient();`, '']),
    `private static readonly Lazy<Task<string>> ${name} = new Lazy<Task<string>>(async () =>`,
    `    ${value});`,
  ];
  const edits: TextEdit[] = [{ start: d.start, end: d.end, newText: lines.join(nl + ind).replace(new RegExp(`${nl}${ind}${nl}`), nl + nl) }];
  for (const u of uses) {
    const after = text[skipBlanks(text, u + name.length)];
    const expr = `await ${name}.Value`;
    edits.push({ start: u, end: u + name.length, newText: after === '.' || after === '[' ? `(${expr})` : expr });
  }
  const usings = ['using System;', 'using System.Threading.Tasks;', 'using Amazon.SecretsManager;', 'using Amazon.SecretsManager.Model;', ...(key ? ['using System.Text.Json;'] : [])];
  edits.push(...ensureLines(ctx, usings, USING_RE, NS_RE));
  const fix = secretsManagerFix(edits, secretId, key);
  return { ...fix, title: fix.title.replace('Load from AWS Secrets Manager', `Load from AWS Secrets Manager (Lazy<Task<string>> ${name}, awaited at each use)`) };
}

/**
 * One `static readonly AmazonSecretsManagerClient SecretsManager` per class (the client is thread-safe and meant to
 * be reused), added as the first member of the class enclosing the literal; [] when it is already there; undefined
 * outside a class (top-level programs create the client inline).
 */
function classClientField(ctx: RecipeContext): TextEdit[] | undefined {
  const { text, lx } = ctx;
  const chain = enclosingChain(lx, ctx.site!.literal.start).filter((o) => text[o] === '{');
  const body = chain.find((o) => /\b(class|struct|record)\s+\w+[^{};]*$/.test(text.slice(Math.max(0, o - 200), o)));
  if (body === undefined) return undefined;
  const close = matchClose(lx, body);
  if (/\bstatic\s+readonly\s+AmazonSecretsManagerClient\s+SecretsManager\b/.test(text.slice(body, close))) return [];
  if (/\bSecretsManager\b(?!\.Model)/.test(text.replace(/using\s+Amazon\.SecretsManager[\w.]*;/g, ''))) return undefined;
  const nl = eol(text);
  const first = /\r?\n([ \t]+)\S/.exec(text.slice(body, close));
  const ind = first ? first[1] : indentOf(text, body) + '    ';
  const at = lineEnd(text, body);
  return [{ start: at, end: at, newText: `${nl}${ind}private static readonly AmazonSecretsManagerClient SecretsManager = new AmazonSecretsManagerClient();${nl}` }];
}

function csSecretsManager(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.interpolated || site.literal.quote !== '"') return undefined;
  const body = enclosingChain(ctx.lx, site.literal.start)[0];
  const inClassBody = body !== undefined && ctx.text[body] === '{' && /\b(class|struct|record)\s+\w+[^{};]*$/.test(ctx.text.slice(Math.max(0, body - 200), body));
  if (inClassBody && site.decl && !site.decl.member) {
    const { secretId, key } = proposal(ctx);
    return csLazyField(ctx, secretId, key);
  }
  // async methods/lambdas, or C# 9 top-level statements (which may await)
  const fc = functionContext(ctx.lx, site.literal.start);
  if (fc !== 'async' && !(fc === 'top' && !/^\s*(?:public\s+|internal\s+)?(?:static\s+|sealed\s+|abstract\s+|partial\s+)*(?:class|record|struct)\s/m.test(ctx.text.slice(0, site.literal.start)))) return undefined;
  if (site.decl && /\bconst\b/.test(site.decl.modifiers)) return undefined;
  const { secretId, key } = proposal(ctx);
  const field = classClientField(ctx);
  const client = field ? 'SecretsManager' : 'new AmazonSecretsManagerClient()';
  const call = `(await ${client}.GetSecretValueAsync(new GetSecretValueRequest { SecretId = "${secretId}" })).SecretString`;
  const expr = key ? `JsonDocument.Parse(${call}).RootElement.GetProperty("${key}").GetString()` : call;
  const usings = ['using Amazon.SecretsManager;', 'using Amazon.SecretsManager.Model;', ...(key ? ['using System.Text.Json;'] : [])];
  const edits = [replaceLiteral(site, expr), ...(field ?? []), ...ensureLines(ctx, usings, USING_RE, NS_RE)];
  const fix = secretsManagerFix(edits, secretId, key);
  return field ? { ...fix, title: fix.title.replace('Load from AWS Secrets Manager', 'Load from AWS Secrets Manager (one shared client per class)') } : fix;
}

function csEnvVar(ctx: RecipeContext): Fix | undefined {
  const site = ctx.site;
  if (!site || site.literal.quote !== '"') return undefined;
  const env = site.names.envVar;
  const hasSystem = /^using\s+System\s*;/m.test(ctx.text);
  const expr = `${hasSystem ? '' : 'System.'}Environment.GetEnvironmentVariable("${env}")`;
  return envVarFix([...constFix(ctx), replaceLiteral(site, expr)], env);
}

export const csharpRecipe: Recipe = { defaultChain: csDefaultChain, secretsManager: csSecretsManager, envVar: csEnvVar };
