/**
 * Shared filters for values that look like secrets but are references, templates, placeholders or
 * identifiers. Named rules opt in with `placeholderFilter: true`; provider rules with fixed prefixes
 * rarely need them.
 */

const REFERENCE_PREFIXES = [
  /^(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|getenv|System\.getenv|System\.getProperty|ENV\[|ENV\.fetch|Environment\.GetEnvironmentVariable|env\(|Deno\.env|std::env|env::var|config\(|Config\.|settings\.|secrets\.|vault\(|ssm:|\$env:)/i,
];

const TEMPLATE = [
  /\$\{[^}]*\}/, // ${VAR}, ${{ secrets.X }}
  /\{\{[^}]*\}\}/, // {{ .Values.x }}
  /#\{[^}]*\}/, // Ruby / CoffeeScript interpolation: "#{date}/#{region}"
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^\$\{?[A-Za-z_]\w*\}?[/:.@?]/, // $BASE/path, ${HOST}:port
  /^\$\(/, // $(VAR), $(command substitution)
  /^\$[A-Za-z_]\w*(?:->|::|\[|\{|\()/, // Perl/PHP variables: `$self->{pass}`, `$args[0]`
  /^\x60/, // `command`
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /^<%=?[^%]*%>$/, // ERB
  /^<[^<>]{1,80}>$/, // <your-key>
  /^\[[^\]]{1,80}\]$/, // [YOUR_KEY]
  /^@[A-Za-z_]+@$/, // @VAR@
  /^#\{[^}]*\}$/, // #{VAR}
  /^%\(?[\w]*\)?[sdr]$/, // %s, %(name)s
  /^\{\d*\}$/, // {0}
  /^\{[A-Za-z_][\w.]*\}$/, // {password}
  /^\$\d$/, // $1
  /^\{\{?$/, // half-typed template
];

const PLACEHOLDER_WORDS =
  /x{4,}|\*{3,}|\.{3}|changeme|change[_-]?me|change[_-]?this|replace[_-]?me|replace[_-]?with|your[_-]?|_here\b|example|placeholder|dummy|sample|redacted|fixme|todo|insert[_-]|put[_-]?your|enter[_-]?your|fake|notreal|not[_-]real/i;

const LITERAL_NON_SECRETS = /^(?:true|false|null|nil|none|undefined|yes|no|on|off|required|optional|string|str|bytes|secret|password|passwd|token|apikey|api_key|empty|default|test|testing|admin|root|user|guest|demo|function|object|number|boolean|symbol|bigint)$/i;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_DIGEST = /^(?:[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i; // git SHA-1, sha256/384/512
const SRI = /^(?:sha(?:1|256|384|512)[-:=])/i;

/** True when the value is obviously not a literal credential. */
export function isPlaceholder(value: string): boolean {
  if (REFERENCE_PREFIXES.some((r) => r.test(value))) return true;
  if (TEMPLATE.some((r) => r.test(value))) return true;
  if (PLACEHOLDER_WORDS.test(value)) return true;
  if (LITERAL_NON_SECRETS.test(value)) return true;
  if (isRepetitive(value)) return true;
  if (isSequential(value)) return true;
  return false;
}

/** Identifiers and hashes that are safe to commit even when named like a secret. */
export function isIdentifierOrHash(value: string): boolean {
  return UUID.test(value) || HEX_DIGEST.test(value) || SRI.test(value);
}

/** Weak test values such as `test1234` or `password123`: dictionary word plus a few digits. */
export function isWeakTestValue(value: string): boolean {
  return /^(?:test|testing|pass|password|passwd|secret|admin|root|user|demo|foo|bar|foobar|qwerty|letmein|hello|welcome|abc|local|dev|changeit|postgres|mysql|redis|rabbitmq|guest|sa|oracle|mongo|docker|jenkins|vagrant|ubuntu)[-_.!@#]?\d{0,6}[!]?$/i.test(
    value,
  );
}

function isRepetitive(value: string): boolean {
  if (value.length < 3) return true;
  const first = value[0];
  let same = 0;
  for (const c of value) if (c === first) same++;
  return same / value.length > 0.8;
}

function isSequential(value: string): boolean {
  const v = value.toLowerCase();
  return /^(?:0123456789|123456789|12345678|abcdefgh|abcdefghijklmnopqrstuvwxyz|qwertyuiop)/.test(v);
}

/** A bare code identifier / member access / call, e.g. `self.password`, `getToken()`, `cfg["x"]`. */
export function isCodeReference(value: string): boolean {
  return /^[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)*(?:\(.*\)|\[.*\])?;?$/.test(value);
}

/**
 * Encrypted forms that are safe to commit: the key that opens them is not in the repository. Each entry names the
 * form and recognises it from the value alone, or from the value plus its document (`kind: SealedSecret`).
 */
const ENCRYPTED_FORMS: { form: string; value: RegExp; document?: RegExp }[] = [
  { form: 'Ansible Vault', value: /^(?:!vault\b|\$ANSIBLE_VAULT;\d)/ },
  { form: 'SOPS', value: /^ENC\[(?:AES256_GCM|PGP|KMS|AGE),data:/ },
  // KMS ciphertext blobs start with a version byte and the key-type header: base64 `AQICAH…`, `AQIBAH…`, `AQEBAH…`.
  { form: 'AWS KMS ciphertext', value: /^AQ[EI][BC]AH[A-Za-z0-9+/]{40,}={0,2}$/ },
  { form: 'Bitnami SealedSecret', value: /^Ag[A-D][A-Za-z0-9+/]{30,}={0,2}$/, document: /^[ \t]*kind:[ \t]*["']?SealedSecret\b/m },
];

/** True when the value is ciphertext of a known encryption tool (see ENCRYPTED_FORMS), not a secret. */
export function isEncryptedForm(value: string, text?: string): boolean {
  return ENCRYPTED_FORMS.some((f) => f.value.test(value) && (!f.document || (text !== undefined && f.document.test(text))));
}
