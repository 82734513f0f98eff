/**
 * Offline checks before "Create secret in AWS Secrets Manager" asks anything (issue 16 point 4): which region
 * the SDK would use, a region the workspace names, and whether the default credential chain has a local source.
 * Pure text functions over environment variables and file contents; no network call (the instance metadata
 * service cannot be checked without one, so "none found" is a warning the user may override).
 */

const REGION = String.raw`(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d)`;
const REGION_RE = new RegExp(`^${REGION}$`);

export function isRegion(s: string | undefined): boolean {
  return !!s && REGION_RE.test(s);
}

/** One way a file names a region; first match wins (one entry per idiom). */
const REGION_IN_TEXT: { what: string; re: RegExp; map?: (m: string) => string }[] = [
  { what: 'AWS_REGION', re: new RegExp(String.raw`^[ \t]*(?:export[ \t]+)?AWS_(?:DEFAULT_)?REGION[ \t]*[=:][ \t]*["']?(${REGION})\b`, 'm') },
  { what: 'region =', re: new RegExp(String.raw`\bregion(?:_name|Name)?["']?\s*(?:=>|[:=])\s*(?:aws\.String\(\s*)?["'](${REGION})["']`, 'i') },
  { what: 'Region.X', re: /\bRegions?\.([A-Z]{2}(?:_GOV)?_[A-Z]+_\d)\b/, map: (m) => m.toLowerCase().replace(/_/g, '-') },
  {
    what: 'RegionEndpoint',
    re: /\bRegionEndpoint\.([A-Z]{2}(?:Gov)?[A-Z][a-z]+\d)\b/,
    map: (m) => m.replace(/^([A-Z]{2})(Gov)?([A-Z][a-z]+)(\d)$/, (_x, a, g, d, n) => [a, g, d, n].filter(Boolean).join('-')).toLowerCase(),
  },
];

/** A region named in a file (`.env` AWS_REGION, `region = "…"`, `Region.EU_WEST_1`…), or undefined. */
export function regionFromText(text: string): string | undefined {
  const head = text.slice(0, 500_000);
  for (const r of REGION_IN_TEXT) {
    const m = r.re.exec(head);
    const region = m && (r.map ? r.map(m[1]) : m[1]);
    if (region && isRegion(region)) return region;
  }
  return undefined;
}

/** Minimal INI: section → key → value (AWS config/credentials files). */
function parseIni(text: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  let cur: Map<string, string> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/^\s+/, '');
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const h = /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (h) {
      cur = new Map();
      out.set(h[1], cur);
      continue;
    }
    const kv = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (kv && cur && !/^\s/.test(raw)) cur.set(kv[1].toLowerCase(), kv[2].trim());
  }
  return out;
}

function configSection(config: Map<string, Map<string, string>>, profile: string): Map<string, string> | undefined {
  return profile === 'default' ? config.get('default') ?? config.get('profile default') : config.get(`profile ${profile}`);
}

/** The region of a profile in `~/.aws/config`. */
export function regionFromAwsConfig(configText: string, profile = 'default'): string | undefined {
  const r = configSection(parseIni(configText), profile)?.get('region');
  return r && isRegion(r) ? r : undefined;
}

export interface LocalAwsInputs {
  env: Record<string, string | undefined>;
  /** Contents of the shared config and credentials files ('' when missing). */
  configText: string;
  credentialsText: string;
}

export function profileOf(env: Record<string, string | undefined>): string {
  return env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default';
}

/** The region the SDK would resolve from the environment and the profile (no setting, no workspace). */
export function sdkRegion(i: LocalAwsInputs): string | undefined {
  const fromEnv = i.env.AWS_REGION || i.env.AWS_DEFAULT_REGION;
  if (fromEnv && isRegion(fromEnv)) return fromEnv;
  return regionFromAwsConfig(i.configText, profileOf(i.env));
}

/**
 * Local sources of the default credential chain, in the SDK's order. Empty: nothing local (only the EC2
 * instance metadata service could still answer, which needs a network call).
 */
export function credentialSources(i: LocalAwsInputs): string[] {
  const out: string[] = [];
  const e = i.env;
  if (e.AWS_ACCESS_KEY_ID && e.AWS_SECRET_ACCESS_KEY) out.push('environment variables');
  const profile = profileOf(e);
  const creds = parseIni(i.credentialsText).get(profile);
  if (creds?.get('aws_access_key_id') && creds.get('aws_secret_access_key')) out.push(`profile "${profile}" (credentials file)`);
  const conf = configSection(parseIni(i.configText), profile);
  if (conf) {
    if (conf.get('sso_session') || conf.get('sso_start_url')) out.push(`profile "${profile}" (SSO)`);
    if (conf.get('credential_process')) out.push(`profile "${profile}" (credential_process)`);
    if (conf.get('role_arn')) out.push(`profile "${profile}" (assume role)`);
    if (conf.get('aws_access_key_id') && conf.get('aws_secret_access_key')) out.push(`profile "${profile}" (config file)`);
    if (conf.get('login_session')) out.push(`profile "${profile}" (console login)`);
  }
  if (e.AWS_WEB_IDENTITY_TOKEN_FILE && e.AWS_ROLE_ARN) out.push('web identity token');
  if (e.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || e.AWS_CONTAINER_CREDENTIALS_FULL_URI) out.push('container credentials');
  return out;
}
