/** Derives environment-variable names and Secrets Manager secret ids from the code around a literal. */
import type { FindingKind } from '../engine/types';

function words(name: string): string[] {
  return name
    .replace(/^\$+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export const toEnvName = (name: string) => words(name).join('_').toUpperCase();
const toKebab = (name: string) => words(name).join('-');
export const toSnake = (name: string) => words(name).join('_');
export function toCamel(name: string): string {
  const w = words(name);
  return w.map((x, i) => (i === 0 ? x : x[0].toUpperCase() + x.slice(1))).join('');
}
export const toPascal = (name: string) => words(name).map((x) => x[0].toUpperCase() + x.slice(1)).join('');

const PASSWORD_FIELD = /^(password|passwd|pass|pwd|db_?password|secret|client_?secret)$/i;
const GENERIC_FIELD = /^(password|passwd|pass|pwd|secret|token|key|api_?key|apikey|access_?token|auth_?token|client_?secret|connection_?string|conn_?str|url|uri|dsn|value|auth)$/i;
const GENERIC_OWNER_WORD = /^(config|conf|cfg|options|opts|settings|params|props|env|args|kwargs|data|values|properties|credentials|creds|builder|this|self|new|default|defaults|module|exports|object|map|hash|dict|init|setup|main|client|app|application)$/i;
const GENERIC_OWNER_CALL = /^(create|new|make|build|get|init|open|connect)[A-Z_]\w*$/;
const GENERIC_OWNER = { test: (s: string) => GENERIC_OWNER_WORD.test(s) || GENERIC_OWNER_CALL.test(s) };
const DB_OWNER = /(^|[^a-z])(db|databases?|sql|pg|postgres|postgresql|mysql|mariadb|mongo|mongodb|pool|knex|sequelize|typeorm|datasource|psycopg2?|pymysql|sqlalchemy|jdbc|connection|conn)([^a-z]|$)|createpool|createconnection|dbconfig|dataSource/i;

function isGenericField(name: string): boolean { return GENERIC_FIELD.test(toSnake(name)); }
function isPasswordField(name: string): boolean { return PASSWORD_FIELD.test(toSnake(name)); }

/** Picks a meaningful owner name from enclosing names (innermost first). */
function ownerFrom(hints: string[]): string | undefined {
  for (const h of hints) if (DB_OWNER.test(h.replace(/([a-z])([A-Z])/g, '$1 $2'))) return /redis/i.test(h) ? 'redis' : 'db';
  for (const h of hints) {
    const base = h.split('.').pop() ?? h;
    if (/redis/i.test(base)) return 'redis';
    if (!GENERIC_OWNER.test(base) && /^[A-Za-z_][\w]*$/.test(base) && base.length > 1) return base;
  }
  return undefined;
}

const KIND_DEFAULT: Partial<Record<FindingKind, string>> = {
  'aws-access-key-id': 'AWS_ACCESS_KEY_ID', 'aws-secret-access-key': 'AWS_SECRET_ACCESS_KEY',
  'aws-session-token': 'AWS_SESSION_TOKEN', 'github-token': 'GITHUB_TOKEN', 'gitlab-token': 'GITLAB_TOKEN',
  'slack-token': 'SLACK_TOKEN', 'slack-webhook': 'SLACK_WEBHOOK_URL', 'stripe-key': 'STRIPE_API_KEY',
  'google-api-key': 'GOOGLE_API_KEY', 'sendgrid-key': 'SENDGRID_API_KEY', 'npm-token': 'NPM_TOKEN',
  'twilio-key': 'TWILIO_API_KEY', 'private-key': 'PRIVATE_KEY', jwt: 'JWT_TOKEN',
  'db-connection-string': 'DATABASE_URL', 'basic-auth-url': 'SERVICE_URL', 'generic-password': 'APP_PASSWORD',
  'generic-api-key': 'API_KEY', 'azure-key': 'AZURE_KEY', 'other-provider-token': 'API_TOKEN',
};

export interface NameContext {
  kind: FindingKind;
  /** Declared variable/constant name holding the literal, if any. */
  declName?: string;
  /** Property / keyword-argument / key name directly owning the literal, if any. */
  key?: string;
  /** Names of enclosing objects/calls/variables, innermost first. */
  ownerHints: string[];
  path?: string;
}

export interface DerivedNames {
  /** UPPER_SNAKE environment variable. */
  envVar: string;
  /** Base of the secret id (kebab-case), e.g. `db-password`. */
  base: string;
  /** When the literal is one field of a key/value secret: the secret's name (`db`) and the JSON key. */
  json?: { name: string; key: string };
}

export function deriveNames(ctx: NameContext): DerivedNames {
  const kindDefault = KIND_DEFAULT[ctx.kind] ?? 'APP_SECRET';
  const own = ownerFrom(ctx.ownerHints);
  const named = ctx.declName ?? ctx.key;
  // AWS keys: the SDKs and CLIs read exactly these names, whatever the code called the value
  if (ctx.kind === 'aws-access-key-id' || ctx.kind === 'aws-secret-access-key' || ctx.kind === 'aws-session-token') {
    return { envVar: kindDefault, base: toKebab(kindDefault) };
  }
  if (ctx.declName && !isGenericField(ctx.declName)) {
    const env = toEnvName(ctx.declName);
    return { envVar: env, base: toKebab(ctx.declName) };
  }
  const field = named ?? '';
  if (field && !isGenericField(field)) return { envVar: toEnvName(field), base: toKebab(field) };
  if (field && own) {
    const fieldWords = toSnake(field);
    const env = `${toEnvName(own)}_${isPasswordField(field) ? 'PASSWORD' : toEnvName(field)}`;
    const key = isPasswordField(field) ? 'password' : fieldWords === 'url' || fieldWords === 'uri' ? field : field;
    return { envVar: env, base: toKebab(env), json: own === 'db' || own === 'redis' ? { name: toKebab(own), key } : undefined };
  }
  if (field) {
    if (!isGenericField(field)) return { envVar: toEnvName(field), base: toKebab(field) };
    const env = isPasswordField(field) ? kindDefault.endsWith('PASSWORD') ? kindDefault : `APP_${toEnvName(field)}` : `APP_${toEnvName(field)}`;
    return { envVar: env, base: toKebab(env) };
  }
  return { envVar: kindDefault, base: toKebab(kindDefault) };
}

const GENERIC_DIR = /^(src|source|lib|libs|app|apps|config|configs|configuration|settings|internal|pkg|cmd|main|java|kotlin|go|python|js|ts|javascript|typescript|csharp|php|rust|ruby|terraform|dotenv|resources|res|com|org|net|io|scripts|server|service|services|test|tests|spec|specs|__tests__|fixtures|remediation|utils|util|helpers|common|shared|core|infra|infrastructure|deploy|deployment|modules|module|packages|before|after|home|users|root|work|workspace|project|projects|repo|code|dist|build|out|bin|env|envs|environments|tmp|temp|var|opt|mnt|usr|data|db|database|databases|sql|migrations|models|model|internal|public|private|web|www|api|jobs|job|worker|workers|lambda|lambdas|functions|handlers|controllers|repositories|repository|storage|queue|config|main|kotlin)$/i;
const ENV_TOKEN: [RegExp, string][] = [
  [/(^|[^a-z])(prod|production|prd)([^a-z]|$)/i, 'prod'], [/(^|[^a-z])(staging|stage|stg)([^a-z]|$)/i, 'staging'],
  [/(^|[^a-z])(dev|development|local)([^a-z]|$)/i, 'dev'], [/(^|[^a-z])(qa|uat)([^a-z]|$)/i, 'qa'],
];

/** `app/prod` style prefix from the file's folders and name; defaults to `app/prod`. */
export function secretPrefix(path?: string): string {
  let app = 'app';
  let env = 'prod';
  if (path) {
    let norm = path.replace(/\\/g, '/');
    const file0 = norm.split('/').pop() ?? '';
    // Java/Kotlin/Scala source sets: the package folders say nothing about the app
    const srcSet = /(^|\/)src\/(main|test)\/(java|kotlin|scala|groovy)\//.exec(norm);
    if (srcSet) norm = norm.slice(0, srcSet.index) + '/' + file0;
    const parts = norm.split('/').filter(Boolean);
    const file = parts.pop() ?? '';
    const scan = [...parts.slice(-3), file];
    for (const [re, name] of ENV_TOKEN) if (scan.some((p) => re.test(p))) { env = name; break; }
    for (const dir of parts.slice(-2).reverse()) {
      const d = dir.toLowerCase();
      if (GENERIC_DIR.test(d) || ENV_TOKEN.some(([re]) => re.test(d))) continue;
      if (!/^[a-z][a-z0-9_-]{1,30}$/.test(d) || /^(tmp|temp)/.test(d) || /\d{3,}/.test(d)) continue;
      app = toKebab(d);
      break;
    }
  }
  return `${app}/${env}`;
}

/** Full proposal: `{ secretId, key? }`, honouring an explicit `override` (`id` or `id#key`). */
export function proposeSecret(names: DerivedNames, path: string | undefined, override?: string): { secretId: string; key?: string } {
  if (override) {
    const hash = override.indexOf('#');
    if (hash > 0) return { secretId: override.slice(0, hash), key: override.slice(hash + 1) || undefined };
    return { secretId: override, key: names.json?.key };
  }
  const prefix = secretPrefix(path);
  if (names.json) return { secretId: `${prefix}/${names.json.name}`, key: names.json.key };
  return { secretId: `${prefix}/${names.base}` };
}
