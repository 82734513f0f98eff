/**
 * Finds AWS SDK client constructions (and provider/config blocks that decide credentials) in source text and
 * classifies how each gets its credentials. Pure: no I/O, no `vscode`.
 *
 * Approach: a small lexer blanks comments and masks string contents (lexer.ts); bounded regexes find construction
 * sites on that masked "shape"; a bracket-aware scan delimits each site's argument list / builder chain / block;
 * then the region is searched for credential evidence:
 *   - key/value pairs (`accessKeyId:`, `aws_secret_access_key=`, `'key' =>`, `.accessKeyId(…)`, …),
 *   - static providers and their first two positional arguments (`StaticCredentialsProvider.create(…)`,
 *     `new BasicAWSCredentials(…)`, `credentials.NewStaticCredentialsProvider(…)`, `Credentials::new(…)`, …),
 *   - credential slots holding a variable (`credentials: creds`, `.credentialsProvider(p)`) resolved one binding
 *     at a time within the same file (bounded depth),
 *   - named default-chain / role providers and config/env/profile providers.
 * A value is `literal` when it is only string literals (no interpolation) or an identifier bound in the same file
 * to one; anything else (env lookups, parameters, config reads, other files) is a `reference`.
 * Decision: any literal → `static`; else any reference/config/profile → `config-or-env`; else `default-chain`.
 */
import { codeView, lex, shapeView, stringAt, type Lexed } from '../syntax/lexer';
import { bracketPairs, MAX_SCAN, readExpr, splitTopLevel, trimSpan, lineStarts, positionAt } from './shape';
import type { CredentialClass, SdkClient, SdkLanguage } from './types';
import { languageByExtension, languageById } from '../engine/languages';

/** The language the detector uses for a file, or undefined when it does not look at this file type. */
export function sdkLanguageOf(path?: string, languageId?: string): SdkLanguage | undefined {
  const byId = languageId ? languageById(languageId)?.sdk : undefined;
  if (byId) return byId as SdkLanguage;
  if (!path) return undefined;
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  return dot > 0 ? languageByExtension(base.slice(dot + 1))?.sdk as SdkLanguage | undefined : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// vocabularies

const DEFAULT_PROVIDERS = new RegExp(
  '(?<![\\w$])(?:' +
    [
      // JS v3
      'fromNodeProviderChain', 'defaultProvider', 'fromInstanceMetadata', 'fromContainerMetadata', 'fromTokenFile',
      'fromWebToken', 'fromSSO', 'fromTemporaryCredentials', 'fromCognitoIdentity', 'fromCognitoIdentityPool', 'fromHttp',
      // JS v2
      'EC2MetadataCredentials', 'ECSCredentials', 'RemoteCredentials', 'TokenFileWebIdentityCredentials',
      'WebIdentityCredentials', 'ChainableTemporaryCredentials', 'TemporaryCredentials', 'CognitoIdentityCredentials',
      'CredentialProviderChain',
      // Java v2 / Kotlin
      'DefaultCredentialsProvider', 'InstanceProfileCredentialsProvider', 'ContainerCredentialsProvider',
      'WebIdentityTokenFileCredentialsProvider', 'StsAssumeRoleCredentialsProvider',
      'StsAssumeRoleWithWebIdentityCredentialsProvider', 'StsAssumeRoleWithSamlCredentialsProvider',
      'StsWebIdentityTokenFileCredentialsProvider', 'SsoCredentialsProvider', 'DefaultChainCredentialsProvider',
      'ImdsCredentialsProvider', 'EcsCredentialsProvider', 'StsWebIdentityCredentialsProvider',
      // Java v1
      'DefaultAWSCredentialsProviderChain', 'EC2ContainerCredentialsProviderWrapper', 'WebIdentityTokenCredentialsProvider',
      'STSAssumeRoleSessionCredentialsProvider', 'STSAssumeRoleWithWebIdentitySessionCredentialsProvider',
      // Go
      'NewAssumeRoleProvider', 'NewWebIdentityRoleProvider', 'ec2rolecreds\\.New', 'ssocreds\\.New',
      // .NET
      'FallbackCredentialsFactory', 'InstanceProfileAWSCredentials', 'DefaultInstanceProfileAWSCredentials',
      'AssumeRoleAWSCredentials', 'AssumeRoleWithWebIdentityCredentials', 'ECSTaskCredentials',
      // Ruby
      'InstanceProfileCredentials', 'AssumeRoleCredentials', 'AssumeRoleWebIdentityCredentials', 'SSOCredentials',
      // PHP
      'CredentialProvider::(?:defaultProvider|instanceProfile|ecsCredentials|assumeRole\\w*|sso)',
      // Rust
      'DefaultCredentialsChain', 'AssumeRoleProvider',
    ].join('|') +
    ')(?![\\w$])',
  'g',
);

const CONFIG_PROVIDERS = new RegExp(
  '(?<![\\w$])(?:' +
    [
      'fromEnv', 'fromIni', 'fromProcess',
      'EnvironmentCredentials', 'SharedIniFileCredentials', 'ProcessCredentials', 'FileSystemCredentials',
      'EnvironmentVariableCredentialsProvider', 'SystemPropertyCredentialsProvider', 'SystemPropertiesCredentialsProvider',
      'ProfileCredentialsProvider', 'ProcessCredentialsProvider', 'ClasspathPropertiesFileCredentialsProvider',
      'PropertiesFileCredentialsProvider', 'EnvironmentCredentialsProvider', 'ProfileFileCredentialsProvider',
      'EnvironmentVariablesAWSCredentials', 'StoredProfileAWSCredentials', 'CredentialProfileStoreChain',
      'NewEnvCredentials', 'NewSharedCredentials', 'WithSharedConfigProfile', 'WithSharedCredentialsFiles',
      'SharedCredentials', 'CredentialProvider::(?:ini|env|process)', 'loadFromPath',
    ].join('|') +
    ')(?![\\w$])',
  'g',
);

/** Static credential objects/providers whose first two positional arguments are the key id and secret. */
const STATIC_PROVIDER =
  /(?<![\w$])(StaticCredentialsProvider|AwsBasicCredentials|AwsSessionCredentials|BasicAWSCredentials|BasicSessionCredentials|AWSStaticCredentialsProvider|NewStaticCredentialsProvider|NewStaticCredentials|SessionAWSCredentials|ImmutableCredentials|Credentials)\s*(?:(?:\.|::)\s*(create|new|from_keys|builder)\s*)?\(/g;

const CRED_KEYS =
  'accessKeyId|secretAccessKey|sessionToken|aws_access_key_id|aws_secret_access_key|aws_session_token|access_key_id|secret_access_key|session_token|AccessKeyID|AccessKeyId|SecretAccessKey|SessionToken|accessKey|secretKey|access_key|secret_key|awsAccessKeyId|awsSecretAccessKey|awsSessionToken';
const KV = (keys: string) => new RegExp(`(?<![\\w$])(?::)?(['"]?)(${keys})\\1\\s*(?::(?![:=])|=>|=(?![=>~]))\\s*`, 'g');
const KV_CRED = KV(CRED_KEYS);
const KV_PHP_CRED = KV('key|secret|token');
const KV_PROFILE = KV('profile_name|profileName|profile|Profile|SharedConfigProfile|shared_credentials_files?|shared_config_files');
const METHOD_CRED = /\.\s*(accessKeyId|secretAccessKey|sessionToken|access_key_id|secret_access_key|session_token)\s*\(/g;
const METHOD_PROFILE = /\.\s*(profile_name|profileName)\s*\(/g;
const JS_SHORTHAND = /[{,]\s*(accessKeyId|secretAccessKey|sessionToken|credentials)\s*(?=[,}])/g;

/** Slots that hold a credentials object or provider. The expression after them is evaluated as a credential value. */
const SLOT =
  /(?:(?<![\w$])(?::)?(['"]?)credentials\1\s*(?::(?![:=])|=>|=(?![=>~]))|\.\s*(?:credentialsProvider|withCredentials|credentials_provider|credentials)\s*\(|(?<![\w$.])credentialsProvider\s*=(?![=>])|WithCredentialsProvider\s*\(|(?<![\w$])Credentials\s*:(?![:=])|(?<![\w$])o\s*\.\s*Credentials\s*=(?!=))/g;

const ENV_READ =
  /process\s*\.\s*env|import\s*\.\s*meta\s*\.\s*env|os\s*\.\s*environ|os\s*\.\s*getenv|(?<![\w$])getenv\s*\(|System\s*\.\s*(?:getenv|getProperty)|os\s*\.\s*(?:Getenv|LookupEnv)|Environment\s*\.\s*GetEnvironmentVariable|(?<![\w$])ENV\s*(?:\[|\.\s*fetch)|\$_(?:ENV|SERVER)\b|env\s*::\s*var|(?<![\w$.])env\s*\(|Deno\s*\.\s*env|System\.getenv/;

const NONE_WORDS = /^(?:null|nil|None|undefined|false|true|nullptr|NULL|FALSE|TRUE|anonymous|AnonymousAWSCredentials\s*\(\s*\))$/;

// ---------------------------------------------------------------------------------------------------------------
// evidence

interface Evidence {
  literal: string[];
  reference: string[];
  config: string[];
  defaultChain: string[];
}
const newEvidence = (): Evidence => ({ literal: [], reference: [], config: [], defaultChain: [] });
const hasAny = (ev: Evidence) => ev.literal.length + ev.reference.length + ev.config.length + ev.defaultChain.length > 0;

function decide(ev: Evidence): { cls: CredentialClass; reason: string } {
  if (ev.literal.length) return { cls: 'static', reason: unique(ev.literal).join('; ') };
  if (ev.reference.length || ev.config.length) return { cls: 'config-or-env', reason: unique([...ev.config, ...ev.reference]).join('; ') };
  if (ev.defaultChain.length) return { cls: 'default-chain', reason: unique(ev.defaultChain).join('; ') };
  return { cls: 'default-chain', reason: 'no explicit credentials (SDK default chain)' };
}
const unique = (xs: string[]) => [...new Set(xs)].slice(0, 4);

interface Ctx {
  lx: Lexed;
  lang: SdkLanguage;
  shape: string;
  code: string;
  /** The construction being classified; bindings inside it are not definitions. */
  site: [number, number];
  pairs: Int32Array;
  /** Work left (characters examined); when it runs out the detector stops adding sites. */
  budget: number;
  bindings: Map<string, number[]>;
}

/** Offset of the bracket matching the one at `open`, or -1 (unbalanced, or farther than MAX_SCAN). */
function matchAt(ctx: Ctx, open: number): number {
  const close = ctx.pairs[open] ?? -1;
  return close > open && close - open <= MAX_SCAN ? close : -1;
}

const MAX_DEPTH = 4;

// ---------------------------------------------------------------------------------------------------------------
// values

/** Strips wrappers that do not change where a value comes from. */
function unwrap(ctx: Ctx, s: number, e: number): [number, number] {
  const shape = ctx.shape;
  for (let guard = 0; guard < 8; guard++) {
    [s, e] = trimSpan(shape, s, e);
    const t = shape.slice(s, e);
    let m: RegExpExecArray | null;
    if (t.startsWith('(') && matchAt(ctx, s) === e - 1) {
      s += 1;
      e -= 1;
    } else if ((m = /^(?:await\s+|new\s+String\s*\(|String\s*::\s*from\s*\(|aws\s*\.\s*String\s*\(|str\s*\(|&)/.exec(t))) {
      const opened = m[0].endsWith('(');
      s += m[0].length;
      if (opened) e -= 1;
    } else if ((m = /(?:\.\s*(?:to_string|to_owned|into|toString|trim|freeze)\s*\(\s*\)|!|\.\s*unwrap\s*\(\s*\)|\?)$/.exec(t))) {
      e -= m[0].length;
    } else break;
  }
  return trimSpan(shape, s, e);
}

/** True when shape[s,e) is only string literals joined by `+`, `.`, `..` or whitespace. Returns the tokens. */
function stringsOnly(ctx: Ctx, s: number, e: number): { start: number; end: number; length: number; interpolated: boolean }[] | null {
  const toks = [];
  let j = s;
  while (j < e) {
    const c = ctx.shape[j];
    if (/[\s+.]/.test(c)) {
      j++;
      continue;
    }
    const idx = stringAt(ctx.lx.strings, j);
    if (idx === -1) return null;
    const tok = ctx.lx.strings[idx];
    if (tok.start !== j || tok.end > e) return null;
    toks.push(tok);
    j = tok.end;
  }
  return toks.length ? toks : null;
}

const IDENT_RE = /^(?:(?:this|self)\s*\.\s*|@|\$)?[A-Za-z_][\w]*$/;
const CONST_PATH_RE = /^[A-Za-z_][\w]*(?:\s*(?:\.|::)\s*[A-Za-z_][\w]*)*\s*(?:\.|::)\s*([A-Z][A-Z0-9_]*)$/;

type Role = 'key' | 'slot';

/**
 * Evaluates a value expression shape[s,e) and records what it is. `key` = an access key/secret value;
 * `slot` = a credentials object/provider.
 */
function evalValue(ctx: Ctx, s: number, e: number, depth: number, role: Role, ev: Evidence, label: string): void {
  [s, e] = unwrap(ctx, s, e);
  if (e <= s) return;
  const t = ctx.shape.slice(s, e);
  if (NONE_WORDS.test(t)) return;
  const toks = stringsOnly(ctx, s, e);
  if (toks) {
    if (toks.some((k) => k.interpolated)) ev.reference.push(`${label} from an interpolated string`);
    else if (toks.some((k) => k.length > 0)) ev.literal.push(`${label} is a string literal`);
    return;
  }
  if (ENV_READ.test(t)) {
    ev.reference.push(`${label} from an environment variable`);
    return;
  }
  if (ctx.lang === 'terraform') {
    const v = /^var\s*\.\s*([A-Za-z_][\w-]*)$/.exec(t);
    if (v) {
      evalTerraformVar(ctx, v[1], depth, ev, label);
      return;
    }
  }
  const name = IDENT_RE.test(t) ? t.replace(/^(?:(?:this|self)\s*\.\s*|@)/, '') : CONST_PATH_RE.exec(t)?.[1];
  if (name) {
    const init = depth < MAX_DEPTH ? findBinding(ctx, name, s) : undefined;
    if (!init) {
      ev.reference.push(`${label} from ${role === 'slot' ? 'variable' : 'variable/parameter'} ${displayName(name)}`);
      return;
    }
    const sub = newEvidence();
    evalValue(ctx, init[0], init[1], depth + 1, role, sub, label);
    if (sub.literal.length) ev.literal.push(role === 'slot' ? `${label} from variable ${displayName(name)} holding literal keys` : `${label} from constant ${displayName(name)} bound to a literal`);
    ev.reference.push(...sub.reference);
    ev.config.push(...sub.config);
    ev.defaultChain.push(...sub.defaultChain);
    if (!hasAny(sub) && role === 'slot') ev.reference.push(`${label} from variable ${displayName(name)}`);
    return;
  }
  // calls, objects, member expressions
  const sub = newEvidence();
  if (depth < MAX_DEPTH) classifyRegion(ctx, s, e, depth + 1, sub);
  mergeInto(ev, sub);
  if (!hasAny(sub)) {
    if (role === 'key') ev.reference.push(`${label} from an expression`);
    else ev.reference.push(`${label} from an expression`);
  }
}

const displayName = (n: string) => n.replace(/[^\w$]/g, '').slice(0, 60);

function mergeInto(into: Evidence, from: Evidence): void {
  into.literal.push(...from.literal);
  into.reference.push(...from.reference);
  into.config.push(...from.config);
  into.defaultChain.push(...from.defaultChain);
}

/** Initializer span of the binding of `name` nearest before `useAt` (else the first after), outside the current site. */
function findBinding(ctx: Ctx, name: string, useAt: number): [number, number] | undefined {
  let sites = ctx.bindings.get(name);
  if (!sites) {
    sites = [];
    ctx.budget -= ctx.shape.length;
    const esc = name.replace(/[$]/g, '\\$');
    const re = new RegExp(`(?<![\\w$])${esc}\\s*(?::(?![:=])[^=;\\n]{1,80}?)?\\s*:?=(?![=>~])\\s*`, 'g');
    for (const m of ctx.shape.matchAll(re)) {
      const at = m.index!;
      const before = ctx.shape.slice(Math.max(0, at - 6), at);
      if (/\.\s*$/.test(before) && !/(?:this|self)\s*\.\s*$/.test(before)) continue;
      sites.push(at, at + m[0].length);
      if (sites.length > 200) break;
    }
    ctx.bindings.set(name, sites);
  }
  let best: [number, number] | undefined;
  let bestAfter: [number, number] | undefined;
  for (let i = 0; i < sites.length; i += 2) {
    const at = sites[i];
    if (at >= ctx.site[0] && at < ctx.site[1]) continue;
    if (at >= useAt && bestAfter) continue;
    const span = readExpr(ctx.shape, sites[i + 1]);
    if (span[1] <= span[0]) continue;
    if (at < useAt) best = span;
    else bestAfter = span;
  }
  return best ?? bestAfter;
}

function evalTerraformVar(ctx: Ctx, name: string, depth: number, ev: Evidence, label: string): void {
  const re = new RegExp(`(?<![\\w-])variable\\s+"${name.replace(/-/g, '\\-')}"\\s*\\{`, 'g');
  for (const m of ctx.code.matchAll(re)) {
    const open = m.index! + m[0].length - 1;
    const close = matchAt(ctx, open);
    if (close === -1) break;
    const d = /(?<![\w-])default\s*=\s*/.exec(ctx.shape.slice(open, close));
    if (d) {
      const at = open + d.index + d[0].length;
      const span = readExpr(ctx.shape, at, close);
      const sub = newEvidence();
      evalValue(ctx, span[0], span[1], depth + 1, 'key', sub, label);
      if (sub.literal.length) {
        ev.literal.push(`${label} from variable ${displayName(name)} with a literal default`);
        return;
      }
    }
    break;
  }
  ev.reference.push(`${label} from Terraform variable ${displayName(name)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// regions

function labelFor(key: string): string {
  const k = key.toLowerCase();
  if (k.includes('secret')) return 'secret key';
  if (k.includes('session') || k === 'token') return 'session token';
  return 'access key id';
}

/** True when a key match at `keyAt` (after an optional quote at `quoteAt`) sits in code, or is itself a quoted key. */
function keyInCode(ctx: Ctx, quoteAt: number, keyAt: number, quoted: boolean): boolean {
  const idx = stringAt(ctx.lx.strings, keyAt);
  if (idx === -1) return !quoted;
  return quoted && ctx.lx.strings[idx].start === quoteAt;
}

/** Collects credential evidence inside shape[s,e). */
function classifyRegion(ctx: Ctx, s: number, e: number, depth: number, ev: Evidence): void {
  ctx.budget -= e - s;
  if (ctx.budget < 0) return;
  const code = ctx.code.slice(s, e);
  const shape = ctx.shape.slice(s, e);
  // 1. key/value pairs
  const kv = (re: RegExp, text: string, base: number) => {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const at = base + m.index!;
      const colon = ctx.code[at] === ':' ? 1 : 0;
      const quoted = m[1] === "'" || m[1] === '"';
      if (!keyInCode(ctx, at + colon, at + colon + (quoted ? 1 : 0), quoted)) continue;
      const vs = at + m[0].length;
      const span = readExpr(ctx.shape, vs, e);
      evalValue(ctx, span[0], span[1], depth, 'key', ev, labelFor(m[2]));
    }
  };
  if (ctx.lang !== 'php') kv(KV_CRED, code, s);
  for (const m of shape.matchAll(METHOD_CRED)) {
    const open = s + m.index! + m[0].length - 1;
    const close = matchAt(ctx, open);
    if (close !== -1) evalValue(ctx, open + 1, close, depth, 'key', ev, labelFor(m[1]));
  }
  if (ctx.lang === 'javascript') {
    for (const m of shape.matchAll(JS_SHORTHAND)) {
      const at = s + m.index! + m[0].indexOf(m[1]);
      evalValue(ctx, at, at + m[1].length, depth, m[1] === 'credentials' ? 'slot' : 'key', ev, m[1] === 'credentials' ? 'credentials' : labelFor(m[1]));
    }
  }
  // 2. static providers: first two positional arguments
  for (const m of shape.matchAll(STATIC_PROVIDER)) {
    if (m[2] === 'builder') continue;
    const open = s + m.index! + m[0].length - 1;
    const close = matchAt(ctx, open);
    if (close === -1) continue;
    // providers wrapping a credentials object take one argument: the object
    const wraps = m[1] === 'StaticCredentialsProvider' || m[1] === 'AWSStaticCredentialsProvider';
    const args = splitTopLevel(ctx.shape, open + 1, close).slice(0, wraps ? 1 : 2);
    for (const [i, [as, ae]] of args.entries()) {
      const a = ctx.shape.slice(as, ae);
      if (/^[\w$]+\s*(?:=(?!=)|:(?![:=]))/.test(a) || a.startsWith('{') || a.startsWith('[')) continue; // named / object args: kv handles them
      if (STATIC_PROVIDER.test(a)) {
        STATIC_PROVIDER.lastIndex = 0;
        continue; // a nested static provider is visited on its own
      }
      STATIC_PROVIDER.lastIndex = 0;
      if (wraps) evalValue(ctx, as, ae, depth, 'slot', ev, `${m[1]} credentials`);
      else evalValue(ctx, as, ae, depth, 'key', ev, `${m[1]} ${i === 0 ? 'access key id' : 'secret key'}`);
    }
  }
  // 3. credential slots holding a variable
  for (const m of code.matchAll(SLOT)) {
    const at = s + m.index!;
    const quoted = m[1] === "'" || m[1] === '"';
    const colon = ctx.code[at] === ':' ? 1 : 0;
    if (!keyInCode(ctx, at + colon, at + colon + (quoted ? 1 : 0), quoted)) continue;
    const vs = at + m[0].length;
    let span: [number, number];
    if (m[0].endsWith('(')) {
      const close = matchAt(ctx, vs - 1);
      if (close === -1) continue;
      span = trimSpan(ctx.shape, vs, close);
    } else span = readExpr(ctx.shape, vs, e);
    const [vs2, ve2] = unwrap(ctx, span[0], span[1]);
    const t = ctx.shape.slice(vs2, ve2);
    if (IDENT_RE.test(t) || CONST_PATH_RE.test(t)) evalValue(ctx, vs2, ve2, depth, 'slot', ev, 'credentials');
    else if (ctx.lang === 'php' && /^(?:\[|array\s*\()/.test(t)) kv(KV_PHP_CRED, ctx.code.slice(vs2, ve2), vs2);
  }
  // 4. named providers
  for (const m of shape.matchAll(DEFAULT_PROVIDERS)) ev.defaultChain.push(`explicit ${m[0].replace(/\\/g, '')}`);
  for (const m of shape.matchAll(CONFIG_PROVIDERS)) ev.config.push(`${m[0]} (environment/profile/config)`);
  if (ctx.lang === 'terraform') {
    for (const m of shape.matchAll(/(?<![\w-])(assume_role_with_web_identity|assume_role)\s*\{/g)) ev.defaultChain.push(`explicit ${m[1]}`);
  }
  // 5. profiles
  KV_PROFILE.lastIndex = 0;
  for (const m of code.matchAll(KV_PROFILE)) {
    const at = s + m.index!;
    const quoted = m[1] === "'" || m[1] === '"';
    const colon = ctx.code[at] === ':' ? 1 : 0;
    if (!keyInCode(ctx, at + colon, at + colon + (quoted ? 1 : 0), quoted)) continue;
    ev.config.push(`${m[2]} (named profile/config)`);
  }
  for (const m of shape.matchAll(METHOD_PROFILE)) ev.config.push(`${m[1]} (named profile)`);
}

// ---------------------------------------------------------------------------------------------------------------
// construction sites

interface RawSite {
  sdk: string;
  construct: string;
  service?: string;
  start: number;
  /** Region searched for evidence. */
  regionStart: number;
  regionEnd: number;
  end: number;
  /** Only a site when evidence is found (global config updates). */
  onlyWithEvidence?: boolean;
  /** Extra positional-argument analysis (.NET / Java v1 constructors). */
  positional?: boolean;
  /** The region is a call's argument list. */
  argList?: boolean;
}

/** Site with a parenthesised argument list starting at the `(` at `open`. */
function parenSite(ctx: Ctx, sdk: string, construct: string, start: number, open: number, extra: Partial<RawSite> = {}): RawSite | undefined {
  if (ctx.budget <= 0) return undefined;
  const close = matchAt(ctx, open);
  if (close === -1) return undefined;
  return { sdk, construct, start, regionStart: open + 1, regionEnd: close, end: close + 1, argList: true, ...extra };
}

/**
 * End of a fluent chain starting at `from` (after `builder()` etc.): the offset after the terminating
 * `.build()` / `.load()` at depth 0, or where the statement ends.
 */
function chainEnd(ctx: Ctx, from: number, terminal: RegExp): number {
  const shape = ctx.shape;
  let depth = 0;
  const limit = Math.min(shape.length, from + MAX_SCAN);
  for (let j = from; j < limit; j++) {
    ctx.budget--;
    const c = shape[j];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return j;
      depth--;
    } else if (depth === 0) {
      if (c === ';' || c === ',') return j;
      if (c === '.') {
        terminal.lastIndex = 0;
        const m = terminal.exec(shape.slice(j, j + 40));
        if (m && m.index === 0) return j + m[0].length;
      }
      if (c === '\n') {
        const rest = shape.slice(j + 1, j + 200);
        if (!/^\s*\./.test(rest)) return j;
      }
    }
  }
  return limit;
}

function serviceArg(ctx: Ctx, open: number): string | undefined {
  const m = /^\(\s*(['"])([a-z][a-z0-9-]{1,40})\1/.exec(ctx.code.slice(open, open + 48));
  return m?.[2];
}

function namesFrom(list: string, sep: RegExp): Array<[string, string]> {
  return list
    .split(',')
    .map((p) => p.replace(/^\s*type\s+/, '').trim())
    .filter(Boolean)
    .map((p) => {
      const [orig, local] = p.split(sep).map((x) => x.trim());
      return [orig, local || orig] as [string, string];
    })
    .filter(([o, l]) => /^[\w$]+$/.test(o) && /^[\w$]+$/.test(l));
}

const V2_NOT_CLIENTS = /(?:Credentials|^Config|^Endpoint|^HttpRequest|^HttpResponse|^Request|^Response|^Service|^MetadataService|^SequentialExecutor|^ParamValidator|^ResourceWaiter|^Signers|^EventListeners)$|^(?:Config|Endpoint)$/;

function findJavaScript(ctx: Ctx): RawSite[] {
  const { code, shape } = ctx;
  const sites: RawSite[] = [];
  const v3 = new Map<string, string>();
  const v3Ns = new Set<string>();
  for (const m of code.matchAll(/import\s+(?:type\s+)?\{([^}]{0,4000})\}\s*from\s*['"]@aws-sdk\/client-[\w-]+['"]/g))
    for (const [o, l] of namesFrom(m[1], /\s+as\s+/)) if (/Client$/.test(o)) v3.set(l, o);
  for (const m of code.matchAll(/(?:const|let|var)\s*\{([^}]{0,4000})\}\s*=\s*require\s*\(\s*['"]@aws-sdk\/client-[\w-]+['"]\s*\)/g))
    for (const [o, l] of namesFrom(m[1], /\s*:\s*/)) if (/Client$/.test(o)) v3.set(l, o);
  for (const m of code.matchAll(/import\s*\*\s*as\s+([\w$]+)\s+from\s*['"]@aws-sdk\/client-[\w-]+['"]/g)) v3Ns.add(m[1]);
  for (const m of code.matchAll(/(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\(\s*['"]@aws-sdk\/client-[\w-]+['"]\s*\)/g)) v3Ns.add(m[1]);

  const v2Alias = new Set<string>();
  const v2Names = new Map<string, string>();
  for (const m of code.matchAll(/(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\(\s*['"]aws-sdk['"]\s*\)/g)) v2Alias.add(m[1]);
  for (const m of code.matchAll(/import\s+([\w$]+)\s+from\s*['"]aws-sdk['"]/g)) v2Alias.add(m[1]);
  for (const m of code.matchAll(/import\s*\*\s*as\s+([\w$]+)\s+from\s*['"]aws-sdk['"]/g)) v2Alias.add(m[1]);
  for (const m of code.matchAll(/import\s*\{([^}]{0,4000})\}\s*from\s*['"]aws-sdk['"]/g))
    for (const [o, l] of namesFrom(m[1], /\s+as\s+/)) if (!V2_NOT_CLIENTS.test(o)) v2Names.set(l, `AWS.${o}`);
  for (const m of code.matchAll(/(?:const|let|var)\s*\{([^}]{0,4000})\}\s*=\s*require\s*\(\s*['"]aws-sdk['"]\s*\)/g))
    for (const [o, l] of namesFrom(m[1], /\s*:\s*/)) if (!V2_NOT_CLIENTS.test(o)) v2Names.set(l, `AWS.${o}`);
  for (const m of code.matchAll(/(?:(?:const|let|var)\s+([\w$]+)\s*=\s*require\s*\(|import\s+([\w$]+)\s+from)\s*['"]aws-sdk\/clients\/([\w-]+)['"]/g))
    v2Names.set(m[1] ?? m[2], `AWS.${m[1] ?? m[2]}`);

  for (const m of shape.matchAll(/(?<![\w$.])new\s+((?:[\w$]+\s*\.\s*){0,2})([\w$]+)\s*\(/g)) {
    const prefix = m[1].replace(/\s/g, '').split('.').filter(Boolean);
    const name = m[2];
    const open = m.index! + m[0].length - 1;
    let site: RawSite | undefined;
    if (!prefix.length && v3.has(name)) site = parenSite(ctx, 'js-v3', v3.get(name)!, m.index!, open);
    else if (prefix.length === 1 && v3Ns.has(prefix[0]) && /Client$/.test(name)) site = parenSite(ctx, 'js-v3', name, m.index!, open);
    else if (!prefix.length && v2Names.has(name)) site = parenSite(ctx, 'js-v2', v2Names.get(name)!, m.index!, open);
    else if (prefix.length && v2Alias.has(prefix[0]) && /^[A-Z]/.test(name)) {
      const path = [...prefix.slice(1), name];
      if (!path.some((p) => V2_NOT_CLIENTS.test(p)) && path.every((p) => /^[A-Z]/.test(p))) site = parenSite(ctx, 'js-v2', `AWS.${path.join('.')}`, m.index!, open);
    }
    if (site) sites.push(site);
  }
  for (const alias of v2Alias) {
    const a = alias.replace(/\$/g, '\\$');
    for (const m of shape.matchAll(new RegExp(`(?<![\\w$.])${a}\\s*\\.\\s*config\\s*\\.\\s*update\\s*\\(`, 'g'))) {
      const site = parenSite(ctx, 'js-v2', 'AWS.config.update', m.index!, m.index! + m[0].length - 1, { onlyWithEvidence: true });
      if (site) sites.push(site);
    }
    for (const m of shape.matchAll(new RegExp(`(?<![\\w$.])${a}\\s*\\.\\s*config\\s*\\.\\s*credentials\\s*=(?![=>])`, 'g'))) {
      const span = readExpr(shape, m.index! + m[0].length);
      sites.push({ sdk: 'js-v2', construct: 'AWS.config.credentials', start: m.index!, regionStart: span[0], regionEnd: span[1], end: span[1], onlyWithEvidence: true });
    }
    for (const m of shape.matchAll(new RegExp(`(?<![\\w$.])${a}\\s*\\.\\s*config\\s*\\.\\s*loadFromPath\\s*\\(`, 'g'))) {
      const site = parenSite(ctx, 'js-v2', 'AWS.config.loadFromPath', m.index!, m.index! + m[0].length - 1);
      if (site) sites.push({ ...site, regionStart: m.index!, regionEnd: site.end });
    }
  }
  return sites;
}

function findPython(ctx: Ctx): RawSite[] {
  const { code, shape } = ctx;
  const sites: RawSite[] = [];
  const aliases = new Set<string>();
  for (const m of code.matchAll(/^[ \t]*import[ \t]+boto3(?:[ \t]+as[ \t]+(\w+))?/gm)) aliases.add(m[1] ?? 'boto3');
  const bare = new Map<string, string>();
  for (const m of code.matchAll(/^[ \t]*from[ \t]+boto3(?:\.session)?[ \t]+import[ \t]+(?:\(([^)]{0,2000})\)|([\w \t,]+))/gm))
    for (const [o, l] of namesFrom(m[1] ?? m[2], /\s+as\s+/)) if (['client', 'resource', 'Session'].includes(o)) bare.set(l, `boto3.${o}`);
  if (!aliases.size && !bare.size && /\bboto3\b/.test(code)) aliases.add('boto3');
  for (const alias of aliases) {
    const re = new RegExp(`(?<![\\w.])${alias}\\s*\\.\\s*(client|resource|Session|session\\s*\\.\\s*Session)\\s*\\(`, 'g');
    for (const m of shape.matchAll(re)) {
      const open = m.index! + m[0].length - 1;
      const kind = m[1].replace(/\s/g, '');
      const site = parenSite(ctx, 'boto3', `boto3.${kind === 'session.Session' ? 'Session' : kind}`, m.index!, open, { service: serviceArg(ctx, open) });
      if (site) sites.push(site);
    }
  }
  for (const [local, construct] of bare) {
    for (const m of shape.matchAll(new RegExp(`(?<![\\w.])${local}\\s*\\(`, 'g'))) {
      const open = m.index! + m[0].length - 1;
      const before = shape.slice(Math.max(0, m.index! - 5), m.index!);
      if (/def\s+$/.test(before)) continue;
      const site = parenSite(ctx, 'boto3', construct, m.index!, open, { service: serviceArg(ctx, open) });
      if (site) sites.push(site);
    }
  }
  return sites;
}

function findJvm(ctx: Ctx): RawSite[] {
  const { code, shape } = ctx;
  const sites: RawSite[] = [];
  if (/software\s*\.\s*amazon\s*\.\s*awssdk/.test(code)) {
    for (const m of shape.matchAll(/(?<![\w$.])([A-Z]\w*Client)\s*\.\s*(builder|create)\s*\(\s*\)/g)) {
      if (/HttpClient$|Enhanced\w*Client$|^SdkClient$/.test(m[1])) continue;
      const start = m.index!;
      const after = start + m[0].length;
      const end = m[2] === 'create' ? after : chainEnd(ctx, after, /^\.\s*build\s*\(\s*\)/);
      sites.push({ sdk: 'java-v2', construct: m[1], start, regionStart: after, regionEnd: end, end });
    }
  }
  for (const m of shape.matchAll(/(?<![\w$.])((?:Amazon|AWS)\w*ClientBuilder)\s*\.\s*(standard|defaultClient)\s*\(\s*\)/g)) {
    const start = m.index!;
    const after = start + m[0].length;
    const end = m[2] === 'defaultClient' ? after : chainEnd(ctx, after, /^\.\s*build\s*\(\s*\)/);
    sites.push({ sdk: 'java-v1', construct: m[1], start, regionStart: after, regionEnd: end, end });
  }
  for (const m of shape.matchAll(/(?<![\w$.])new\s+((?:Amazon|AWS)\w*Client)\s*\(/g)) {
    const site = parenSite(ctx, 'java-v1', m[1], m.index!, m.index! + m[0].length - 1, { positional: true });
    if (site) sites.push(site);
  }
  if (ctx.lang === 'kotlin' && /aws\s*\.\s*sdk\s*\.\s*kotlin/.test(code)) {
    for (const m of shape.matchAll(/(?<![\w$.])([A-Z]\w*Client)(\s*\.\s*fromEnvironment)?\s*([{(])/g)) {
      if (/HttpClient$/.test(m[1])) continue;
      const before = shape.slice(Math.max(0, m.index! - 3), m.index!);
      if (/:\s*$/.test(before)) continue; // a type annotation followed by a function body
      const open = m.index! + m[0].length - 1;
      const close = matchAt(ctx, open);
      if (close === -1) continue;
      let end = close + 1;
      // `S3Client.fromEnvironment() { … }` / `S3Client(config) { … }`: a trailing lambda belongs to the same call
      const trail = /^\s*\{/.exec(shape.slice(end, end + 40));
      if (m[3] === '(' && trail) {
        const c2 = matchAt(ctx, end + trail[0].length - 1);
        if (c2 !== -1) end = c2 + 1;
      }
      sites.push({ sdk: 'kotlin', construct: m[2] ? `${m[1]}.fromEnvironment` : m[1], start: m.index!, regionStart: open + 1, regionEnd: end - 1, end });
    }
  }
  return sites;
}

function findGo(ctx: Ctx): RawSite[] {
  const { code, shape } = ctx;
  if (!/github\.com\/aws\/aws-sdk-go/.test(code)) return [];
  const sites: RawSite[] = [];
  for (const m of shape.matchAll(/(?<![\w.])config\s*\.\s*LoadDefaultConfig\s*\(/g)) {
    const site = parenSite(ctx, 'go-v2', 'config.LoadDefaultConfig', m.index!, m.index! + m[0].length - 1);
    if (site) sites.push(site);
  }
  for (const m of shape.matchAll(/(?<![\w.])session\s*\.\s*(NewSession|NewSessionWithOptions)\s*\(/g)) {
    const site = parenSite(ctx, 'go-v1', `session.${m[1]}`, m.index!, m.index! + m[0].length - 1);
    if (site) sites.push(site);
  }
  for (const m of shape.matchAll(/(?<![\w.])(\w+)\s*\.\s*New\s*\(\s*\1\s*\.\s*Options\s*\{/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchAt(ctx, open);
    if (close !== -1) sites.push({ sdk: 'go-v2', construct: `${m[1]}.New`, start: m.index!, regionStart: open + 1, regionEnd: close, end: close + 1 });
  }
  for (const m of shape.matchAll(/&?(?<![\w.])aws\s*\.\s*Config\s*\{/g)) {
    const open = m.index! + m[0].length - 1;
    if (sites.some((s) => open > s.start && open < s.end)) continue;
    const close = matchAt(ctx, open);
    if (close === -1 || !/(?<![\w.])Credentials\s*:/.test(shape.slice(open, close))) continue;
    sites.push({ sdk: 'go-v2', construct: 'aws.Config', start: m.index!, regionStart: open + 1, regionEnd: close, end: close + 1 });
  }
  return sites;
}

function findCSharp(ctx: Ctx): RawSite[] {
  const { shape } = ctx;
  const sites: RawSite[] = [];
  for (const m of shape.matchAll(/(?<![\w.])new\s+(?:Amazon\s*\.\s*[\w.]+\s*\.\s*)?(Amazon\w*Client)\s*\(/g)) {
    const site = parenSite(ctx, 'dotnet', m[1], m.index!, m.index! + m[0].length - 1, { positional: true });
    if (site) sites.push(site);
  }
  for (const m of shape.matchAll(/(?<![\w])AddAWSService\s*<\s*(I?Amazon\w*)\s*>\s*\(/g)) {
    const site = parenSite(ctx, 'dotnet', `AddAWSService<${m[1]}>`, m.index!, m.index! + m[0].length - 1);
    if (site) sites.push(site);
  }
  return sites;
}

function findRuby(ctx: Ctx): RawSite[] {
  const { shape } = ctx;
  const sites: RawSite[] = [];
  for (const m of shape.matchAll(/(?<![\w:])Aws\s*::\s*(\w+)\s*::\s*(Client|Resource)\s*\.\s*new\b/g)) {
    const after = m.index! + m[0].length;
    const construct = `Aws::${m[1]}::${m[2]}.new`;
    const paren = /^[ \t]*\(/.exec(shape.slice(after, after + 20));
    if (paren) {
      const site = parenSite(ctx, 'ruby', construct, m.index!, after + paren[0].length - 1);
      if (site) sites.push(site);
    } else {
      let end = after;
      for (;;) {
        const nl = shape.indexOf('\n', end);
        const lineEnd = nl === -1 ? shape.length : nl;
        end = lineEnd;
        if (nl === -1 || !/[,\\]\s*$/.test(shape.slice(after, lineEnd)) || end - after > 4000) break;
        end = nl + 1;
      }
      sites.push({ sdk: 'ruby', construct, start: m.index!, regionStart: after, regionEnd: end, end });
    }
  }
  for (const m of shape.matchAll(/(?<![\w:])Aws\s*\.\s*config\s*\.\s*update\s*\(/g)) {
    const site = parenSite(ctx, 'ruby', 'Aws.config.update', m.index!, m.index! + m[0].length - 1, { onlyWithEvidence: true });
    if (site) sites.push(site);
  }
  return sites;
}

function findPhp(ctx: Ctx): RawSite[] {
  const { code, shape } = ctx;
  if (!/\\?Aws\\/.test(code)) return [];
  const imported = new Set<string>();
  for (const m of code.matchAll(/\buse\s+\\?Aws\\[\w\\]*?\\?(\w+Client|Sdk)\b(?:\s+as\s+(\w+))?/g)) imported.add(m[2] ?? m[1]);
  const sites: RawSite[] = [];
  for (const m of shape.matchAll(/(?<![\w\\])new\s+(\\?Aws\\(?:\w+\\)*)?(\w+Client|Sdk)\s*\(/g)) {
    if (!m[1] && !imported.has(m[2])) continue;
    const site = parenSite(ctx, 'php', m[2] === 'Sdk' ? 'Aws\\Sdk' : m[2], m.index!, m.index! + m[0].length - 1);
    if (site) sites.push(site);
  }
  return sites;
}

function findRust(ctx: Ctx): RawSite[] {
  const { shape } = ctx;
  const sites: RawSite[] = [];
  for (const m of shape.matchAll(/(?<![\w:])aws_config\s*::\s*(load_from_env|load_defaults|from_env|defaults)\s*\(/g)) {
    const open = m.index! + m[0].length - 1;
    const close = matchAt(ctx, open);
    if (close === -1) continue;
    const construct = `aws_config::${m[1]}`;
    if (m[1].startsWith('load_')) sites.push({ sdk: 'rust', construct, start: m.index!, regionStart: open + 1, regionEnd: close, end: close + 1 });
    else {
      const end = chainEnd(ctx, close + 1, /^\.\s*load\s*\(\s*\)/);
      sites.push({ sdk: 'rust', construct, start: m.index!, regionStart: close + 1, regionEnd: end, end });
    }
  }
  for (const m of shape.matchAll(/(?<![\w:])((?:aws_sdk_\w+|aws_config)\s*::\s*(?:config\s*::\s*Builder\s*::\s*new|Config\s*::\s*builder|SdkConfig\s*::\s*builder))\s*\(\s*\)/g)) {
    const after = m.index! + m[0].length;
    const end = chainEnd(ctx, after, /^\.\s*build\s*\(\s*\)/);
    sites.push({ sdk: 'rust', construct: m[1].replace(/\s/g, ''), start: m.index!, regionStart: after, regionEnd: end, end });
  }
  return sites;
}

function findTerraform(ctx: Ctx): RawSite[] {
  const sites: RawSite[] = [];
  for (const m of ctx.code.matchAll(/(?<![\w-])provider\s+"aws"\s*\{/g)) {
    if (stringAt(ctx.lx.strings, m.index!) !== -1) continue;
    const open = m.index! + m[0].length - 1;
    const close = matchAt(ctx, open);
    if (close === -1) continue;
    sites.push({ sdk: 'terraform', construct: 'provider "aws"', start: m.index!, regionStart: open + 1, regionEnd: close, end: close + 1 });
  }
  return sites;
}

const FINDERS: Record<SdkLanguage, (ctx: Ctx) => RawSite[]> = {
  javascript: findJavaScript,
  python: findPython,
  java: findJvm,
  kotlin: findJvm,
  go: findGo,
  csharp: findCSharp,
  ruby: findRuby,
  php: findPhp,
  rust: findRust,
  terraform: findTerraform,
};

/** Cheap gate: files that cannot contain any construct are not lexed. */
const GATES: Record<SdkLanguage, RegExp> = {
  javascript: /aws-sdk/,
  python: /boto3/,
  java: /awssdk|ClientBuilder|new\s+(?:Amazon|AWS)/,
  kotlin: /awssdk|aws\.sdk\.kotlin|ClientBuilder|new\s+(?:Amazon|AWS)/,
  go: /aws-sdk-go/,
  csharp: /Amazon\w*Client|AddAWSService/,
  ruby: /Aws\s*(?:::|\.)/,
  php: /Aws\\/,
  rust: /aws_config|aws_sdk_/,
  terraform: /provider\s+"aws"/,
};

/** Extra analysis of constructor arguments for .NET and Java v1 (`new AmazonS3Client(creds, region)`). */
function positionalArgs(ctx: Ctx, site: RawSite, depth: number, ev: Evidence): void {
  const args = splitTopLevel(ctx.shape, site.regionStart, site.regionEnd);
  const stringArgs = args.filter(([s, e]) => stringsOnly(ctx, s, e));
  if (stringArgs.length >= 2) {
    // `new AmazonS3Client("AKIA…", "secret", region)`: the key/secret overload
    for (const [s, e] of stringArgs.slice(0, 2)) evalValue(ctx, s, e, depth, 'key', ev, 'constructor credential argument');
    return;
  }
  for (const [s, e] of args) {
    const t = ctx.shape.slice(s, e);
    if (!IDENT_RE.test(t)) continue;
    const init = findBinding(ctx, t, s);
    if (!init) {
      if (/cred/i.test(t)) ev.reference.push(`credentials from variable ${displayName(t)}`);
      continue;
    }
    const it = ctx.shape.slice(init[0], init[1]);
    if (/Config\s*(?:\(|\{)/.test(it) || /RegionEndpoint|Region\s*\./.test(it)) continue; // client config / region
    const sub = newEvidence();
    evalValue(ctx, s, e, depth, 'slot', sub, 'credentials');
    if (stringsOnly(ctx, init[0], init[1]) && !/cred|key|secret|token/i.test(t)) continue; // a string that is not a key
    mergeInto(ev, sub);
  }
}

/** `new S3Client(opts)`, `boto3.client("s3", **creds)`: arguments naming an options object defined in this file. */
function optionsVariables(ctx: Ctx, site: RawSite, ev: Evidence): void {
  for (const [s0, e] of splitTopLevel(ctx.shape, site.regionStart, site.regionEnd)) {
    const s = s0 + (/^(?:\*\*|\.\.\.|&)/.exec(ctx.shape.slice(s0, e))?.[0].length ?? 0);
    const t = ctx.shape.slice(s, e).trim();
    if (!IDENT_RE.test(t)) continue;
    const init = findBinding(ctx, t, s);
    if (!init) continue;
    const it = ctx.shape.slice(init[0], init[1]);
    if (/^(?:\{|\[|array\s*\(|dict\s*\(|&?\s*aws\s*\.\s*Config\s*\{|\w+\s*\.\s*Options\s*\{|session\s*\.\s*Options\s*\{)/.test(it)) classifyRegion(ctx, init[0], init[1], 1, ev);
  }
}

/** Work budget (characters examined) per file: linear in the file size. */
const WORK_BASE = 2_000_000;
const WORK_PER_CHAR = 40;

/** Finds and classifies AWS SDK client constructions in one file. Never returns literal values. */
export function detectSdkClients(text: string, path?: string, languageId?: string): SdkClient[] {
  const lang = sdkLanguageOf(path, languageId);
  if (!lang || !GATES[lang].test(text)) return [];
  const lx = lex(text, lang);
  const shape = shapeView(lx);
  const ctx: Ctx = { lx, lang, shape, code: codeView(lx), site: [0, 0], pairs: bracketPairs(shape), budget: WORK_BASE + WORK_PER_CHAR * text.length, bindings: new Map() };
  const raw = FINDERS[lang](ctx).sort((a, b) => a.start - b.start);
  const starts = lineStarts(text);
  const out: SdkClient[] = [];
  const seen = new Set<number>();
  for (const site of raw) {
    if (ctx.budget <= 0) break; // pathological input: keep what was classified so far
    if (seen.has(site.start)) continue;
    seen.add(site.start);
    ctx.site = [site.start, site.end];
    const ev = newEvidence();
    classifyRegion(ctx, site.regionStart, site.regionEnd, 0, ev);
    if (site.positional) positionalArgs(ctx, site, 0, ev);
    else if (site.argList) optionsVariables(ctx, site, ev);
    if (site.onlyWithEvidence && !hasAny(ev)) continue;
    const { cls, reason } = decide(ev);
    const pos = positionAt(starts, site.start);
    out.push({
      language: lang,
      sdk: site.sdk,
      construct: site.construct,
      ...(site.service ? { service: site.service } : {}),
      class: cls,
      reason,
      line: pos.line,
      column: pos.column,
      startOffset: site.start,
      endOffset: site.end,
    });
  }
  return out;
}
