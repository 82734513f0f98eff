/**
 * Better Secrets Manager id proposals (issue 16 point 8). The remediation proposal is `<folder>/<env>/<name>`
 * from the path alone (env defaults to `prod`); the editor refines it with what the project says:
 *  - the environment the file names (`APP_ENV=staging`, `NODE_ENV: development`, `ASPNETCORE_ENVIRONMENT`…);
 *  - the service name from the nearest manifest (package.json, pyproject.toml, go.mod, Cargo.toml, composer.json);
 *  - the prefix the user chose last time (remembered per workspace folder).
 * Pure text functions; the editor reads the files.
 */

/** Variables that name the deployment environment, in any casing (`app_env`, `APP_ENV`, `appEnv`). */
const ENV_VARS = /\b(?:APP_?ENV|ENVIRONMENT|ENV|STAGE|DEPLOY(?:MENT)?_?ENV(?:IRONMENT)?|NODE_?ENV|RAILS_?ENV|RACK_?ENV|FLASK_?ENV|DJANGO_?ENV|APP_?STAGE|SPRING_?PROFILES_?ACTIVE|ASPNETCORE_?ENVIRONMENT|DOTNET_?ENVIRONMENT|GO_?ENV)\b["']?\s*(?::|=|=>|,)\s*["']?([A-Za-z][A-Za-z0-9_-]{1,24})/gi;

const ENV_ALIASES: [RegExp, string][] = [
  [/^(prod|production|prd|live)$/i, 'prod'],
  [/^(staging|stage|stg|preprod|pre-prod)$/i, 'staging'],
  [/^(dev|development|develop|local)$/i, 'dev'],
  [/^(qa|uat|test|testing)$/i, 'qa'],
];

/** Normalised environment named in the text, or undefined (none, or several different ones). */
export function environmentFromText(text: string): string | undefined {
  const found = new Set<string>();
  for (const m of text.slice(0, 200_000).matchAll(ENV_VARS)) {
    const env = normaliseEnv(m[1]);
    if (env) found.add(env);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

function normaliseEnv(value: string): string | undefined {
  for (const [re, name] of ENV_ALIASES) if (re.test(value)) return name;
  // Other names are kept when they look like an environment label, not a variable or placeholder.
  return /^[a-z][a-z0-9-]{1,15}$/.test(value) && !/^(true|false|null|none|undefined|os|process|env|getenv)$/.test(value) ? value : undefined;
}

export const MANIFESTS = ['package.json', 'pyproject.toml', 'go.mod', 'Cargo.toml', 'composer.json', 'setup.cfg'] as const;

/** The service name a manifest declares, as a secret id segment (kebab case), or undefined. */
export function serviceFromManifest(fileName: string, content: string): string | undefined {
  let name: string | undefined;
  try {
    if (fileName === 'package.json' || fileName === 'composer.json') {
      const j = JSON.parse(content) as { name?: unknown };
      if (typeof j.name === 'string') name = j.name.split('/').pop();
    } else if (fileName === 'pyproject.toml' || fileName === 'Cargo.toml') {
      name = tomlName(content);
    } else if (fileName === 'setup.cfg') {
      name = /^\[metadata\][^[]*?^name\s*=\s*(\S+)/m.exec(content)?.[1];
    } else if (fileName === 'go.mod') {
      const mod = /^module\s+(\S+)/m.exec(content)?.[1];
      const parts = mod?.split('/') ?? [];
      if (parts.length > 1 && /^v\d+$/.test(parts[parts.length - 1])) parts.pop();
      name = parts.pop();
    }
  } catch {
    return undefined;
  }
  return name ? segment(name) : undefined;
}

/** `name = "…"` in `[project]`, `[tool.poetry]` or `[package]`. */
function tomlName(content: string): string | undefined {
  let section = '';
  for (const line of content.split(/\r?\n/)) {
    const h = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (h) {
      section = h[1].trim();
      continue;
    }
    if (!/^(project|tool\.poetry|package)$/.test(section)) continue;
    const m = /^\s*name\s*=\s*["']([^"']+)["']/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** A secret id path segment: lower-case kebab, letters/digits only. */
function segment(s: string): string | undefined {
  const out = s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return out || undefined;
}

export interface SecretIdHints {
  env?: string;
  service?: string;
  /** The prefix (id without its last segment) the user chose last time in this folder. */
  rememberedPrefix?: string;
}

/** The prefix of an id: everything before the last `/` segment (`acme/staging` of `acme/staging/db`). */
export function prefixOf(id: string): string | undefined {
  const base = id.split('#')[0];
  const i = base.lastIndexOf('/');
  return i > 0 ? base.slice(0, i) : undefined;
}

/**
 * Refines a proposal `<app>/<env>/<name…>`: the remembered prefix wins (with its environment segment swapped
 * for the one the file names), else the manifest's service and the file's environment replace the path-derived
 * ones. Ids that do not have the proposal's shape are returned unchanged.
 */
export function refineSecretId(proposed: string, hints: SecretIdHints): string {
  const parts = proposed.split('/');
  if (parts.length < 3) return proposed;
  const [app, env, ...rest] = parts;
  const name = rest.join('/');
  if (hints.rememberedPrefix) {
    const pre = hints.rememberedPrefix.split('/');
    if (hints.env) {
      const i = pre.findIndex((p) => normaliseEnv(p) !== undefined && ENV_ALIASES.some(([re]) => re.test(p)));
      if (i >= 0) pre[i] = hints.env;
    }
    return `${pre.join('/')}/${name}`;
  }
  return `${hints.service ?? app}/${hints.env ?? env}/${name}`;
}
