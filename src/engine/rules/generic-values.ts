import { shannonEntropy } from '../entropy';
import { familyOf, isTestPath } from '../languages';
import { isCodeReference, isEncryptedForm, isPlaceholder, isWeakTestValue } from '../placeholders';
import type { MatchContext } from '../types';
import { isHandEditedToken } from '../token-shape';

/** Name fragments that make an assignment credential-like. */
const PASSWORD_NAME = /pass(?:word|wd|phrase)?|pwd|pswd|passwort|contrasena|senha/i;
const SECRET_NAME =
  /secret|token|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|app[_.-]?key|private[_.-]?key|client[_.-]?key|credentials?|bearer|license[_.-]?key|write[_.-]?key|validation[_.-]?key|decryption[_.-]?key|machine[_.-]?key|storage[_.-]?key|account[_.-]?key|authident|^(?:auth|secure_auth|logged_in|nonce)_(?:key|salt)$/i;

/** Names that talk about a credential without holding one (`password_field`, `token_url`, `csrf_token`). */
const META_SUFFIX =
  /(?:pass(?:word|wd)?|pwd|secret|token|key|credentials?)[_.-]?(?:names?|fields?|labels?|prompts?|hints?|placeholders?|urls?|uris?|paths?|files?|dirs?|env|vars?|variables?|types?|length|len|size|policy|policies|regexp?|patterns?|formats?|headers?|params?|prefix|suffix|endpoints?|expir\w*|ttl|count|reset|hash(?:ed)?|digest|salt|ids?|arns?|versions?|style|class|input|column|attr\w*|ref\w*|mode|enabled|required|confirm\w*|strength|min\w*|max\w*|message|msg|error|text|title|description|help|valid\w*|rules?|kind|location|source|store\w*|provider\w*|manager\w*|service\w*|chain|wrapper|factory|builder|helper\w*|handler\w*|client\w*|generator|lifetime|timeout|duration|index|position|limit|bytes|bits|algorithm|alg|scheme|method|query|id|uri)$/i;
const META_PREFIX_WORDS =
  'is|has|show|hide|forgot|reset|confirm|validate|verify|check|min|max|csrf|xsrf|page|next|sync|cancel\\w*|continuation|public|publishable|pub|get|fetch|load|read|make|create|generate|random|hash|encode|decode|parse|on|handle|use|no|change|idempotency|output|input|last|term|disable|enable|should|allow|skip|client(?=Token$)';
/** API ids named like tokens in PascalCase: pagination (`NextToken`), idempotency (`ClientRequestToken`, `ChangeToken`). */
const META_PREFIX_PASCAL =
  'Is|Has|Show|Hide|Forgot|Reset|Confirm|Validate|Verify|Check|Min|Max|Csrf|Xsrf|Page|Next|NextContinuation|Sync|Cancel\\w*|Continuation|Public|Publishable|Get|Fetch|Load|Read|Make|Create|Generate|Random|Hash|Encode|Decode|Parse|Handle|Change|ClientRequest|Client(?=Token)|Idempotency|LifecycleAction|Output|Input|Last|Term|Disable|Enable|Should|Allow|Skip';
/** `isPasswordValid`, `reset_token`, `MAX_TOKEN_LENGTH`, `NextToken`: camelCase needs a case-sensitive boundary. */
const META_PREFIX = [
  new RegExp(`^(?:${META_PREFIX_WORDS})(?:[_.-]|(?=[A-Z]))`),
  new RegExp(`^(?:${META_PREFIX_WORDS.toUpperCase().replace('\\W', '\\w')})[_.-]`),
  new RegExp(`^(?:${META_PREFIX_PASCAL})(?:[_.-]|(?=[A-Z]))`),
];
const NON_SECRET_NAMES = /(?:^|[_.-])(?:tokenizer|tokens|tokenize\w*|keyboard|keypress|keycode|monkey|turkey|donkey|passenger|passive|bypass|compass|passthrough|pass_?through|passport)(?:$|[_.-])/i;

/**
 * The credential word must be the head of the name: qualifiers may follow it (`DB_PASSWORD_PROD`, `apiKey2`,
 * `SECRET_KEY_BASE`) and at most one other word (`TOKEN_GITHUB`). `PasswordLastUsed`, `pass_fds`, `passing`,
 * `SESSION_TOKEN_QUERY_PARAM` name something else.
 */
const CREDENTIAL_WORD =
  /pass(?:word|wd|phrase|wort)?|pwd|pswd|contrasena|senha|secret|token|credentials?|bearer|api[_.-]?key|apikey|access[_.-]?key|auth[_.-]?key|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|app[_.-]?key|private[_.-]?key|client[_.-]?key|license[_.-]?key|write[_.-]?key|validation[_.-]?key|decryption[_.-]?key|machine[_.-]?key|storage[_.-]?key|account[_.-]?key|authident|salt|(?:logged_in|nonce)_key/gi;
const QUALIFIER =
  /^(?:\d+|v\d+|b64|base64|hex|raw|plain(?:text)?|str|string|enc(?:oded)?|values?|vals?|base|prod|production|dev|development|staging|stage|qa|uat|test|testing|local|live|sandbox|old|new|current|curr|prev|previous|primary|secondary|default|backup|admin|root|user|app|override|env|secret|key|token|access|pem|der|data|[a-z])$/i;
/** Words after the credential word that make the name about it, not its value (`TOKEN_FILENAME`, `KEY_CONST`). */
const NOT_A_VALUE_WORD =
  /^(?:ids?|const|constant|names?|types?|options?|opts?|flags?|modes?|files?|filename|paths?|dirs?|urls?|uris?|endpoints?|params?|fields?|labels?|prompts?|length|len|size|count|ttl|timeout|expiry|expires|expiration|policy|hash(?:er|ers)?|encoder|decoder|filter|template|manager|provider|handler|helper|service|client|ref|reference|source|store|loader|reader|writer|parser|var|header|prefix|suffix|format|pattern|regexp?|hint|message|error|text|title|enabled|disabled|required|less|rotation|reset|command|cmd|arg|args)$/i;
/** Words glued in front of a bare `pass` that still mean a password (`dbpass`), unlike `bypass`, `compass`. */
const PASS_GLUE = /(?:db|admin|root|user|my|smtp|ftp|mail|app|sql|pg|redis|ldap|proxy|key|store|trust|sa|api|bind|auth|login|web|wifi|vnc|rpc|master|sys|site|client|server|bot|ssh|db_|new|old)$/i;

const GLUED_QUALIFIERS = /^(?:s|key|keys|id|value|values|str|b64|base64|hex|prod|dev|test|live|\d+)+$/;

function headIsCredential(last: string): boolean {
  CREDENTIAL_WORD.lastIndex = 0;
  for (let m = CREDENTIAL_WORD.exec(last); m; m = CREDENTIAL_WORD.exec(last)) {
    const before = last.slice(0, m.index);
    const word = m[0].toLowerCase();
    // A lower-case letter right before a word that starts lower-case glues it into a longer word (`compassRead`).
    if (/[a-z]$/.test(before) && /^[a-z]/.test(m[0]) && /^(?:pass|pwd)$/.test(word) && !PASS_GLUE.test(before)) continue;
    const tail = last.slice(m.index + m[0].length);
    // Split the tail into qualifier words: separators and camelCase humps.
    const words = tail.split(/[_.-]+|(?<=[a-z0-9])(?=[A-Z])/).filter(Boolean);
    // A lower-case continuation makes a different word (`passing`, `passed`), unless it is a glued qualifier (`secretkey`).
    if (/^[a-z]/.test(tail) && /[a-z]$/.test(m[0]) && !GLUED_QUALIFIERS.test(tail)) continue;
    // One free word may name the service (`TOKEN_GITHUB`, `PASSWORD_SMTP_PROD`); a phrase names something else
    // (`PasswordLastUsed`, `PASSWORD_DOES_NOT_MEET_POLICY`). A bare `pass` is ambiguous and takes qualifiers only.
    const free = words.filter((w) => !QUALIFIER.test(w));
    if (words.some((w) => NOT_A_VALUE_WORD.test(w))) continue;
    if (free.length === 0 || (free.length === 1 && word !== 'pass' && /^[A-Za-z]{2,}$/.test(free[0]))) return true;
  }
  return false;
}

/** Names repeat all over a file (`credentials`, `this.accessKeyId`): each is judged once, in a bounded memo. */
const nameMemo = new Map<string, 'password' | 'secret' | undefined>();

export function nameIsCredential(name: string): 'password' | 'secret' | undefined {
  let kind = nameMemo.get(name);
  if (kind !== undefined || nameMemo.has(name)) return kind;
  kind = judgeName(name);
  if (nameMemo.size >= 4096) nameMemo.clear();
  nameMemo.set(name, kind);
  return kind;
}

function judgeName(name: string): 'password' | 'secret' | undefined {
  const bare = name.replace(/^[$@:]+/, '');
  const last = bare.split(/[.>]|::/).pop() ?? bare;
  if (META_SUFFIX.test(bare) || NON_SECRET_NAMES.test(bare)) return undefined;
  if (META_PREFIX.some((r) => r.test(bare) || r.test(last))) return undefined;
  if (!headIsCredential(last)) return undefined;
  if (PASSWORD_NAME.test(last)) return 'password';
  if (SECRET_NAME.test(last)) return 'secret';
  return undefined;
}

const WORDS_ONLY = /^[A-Za-z]+(?:[-_./: ][A-Za-z]+)*$/;
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const FILE_OR_URL = /:\/\/|^\/|^~\/|^\.\.?\/|\.(?:json|pem|key|crt|p12|pfx|txt|ya?ml|env|ini|cfg|conf|properties|jks|keystore)$/i;
const NUMBER_OR_VERSION = /^v?\d+(?:[.,]\d+)*(?:-(?:\d+(?:\.\d+)*)?)?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i;

/** An unquoted value that is code where a config format was assumed: a call, a block, an index, a template. */
export function isUnquotedCode(value: string): boolean {
  return (
    /^[A-Za-z_$][\w$.:]*\(/.test(value) || // a call: `getpass.getpass(`, `Aws::X.new(`
    /^&[A-Za-z_][\w.]*\{|[{(]$/.test(value) || // Go `&Block{…`, a block or call opened here
    /^!\(/.test(value) || // a negated expression: `!(err.statusCode === 401)`
    /^[A-Za-z_$][\w$.]*\[[\w'"]*$/.test(value) || // an index expression cut at `]`: `auth[1]`
    // C++/TableGen/HTML read as config: `stop_token::_Stop_state_ref`, `__use_future_ct<…>`, `None</var>`.
    /^[:_]|[A-Za-z_]<[\w ,<]|<\/?[A-Za-z]/.test(value)
  );
}

/**
 * Decides whether a value assigned to a credential-like name is a literal credential.
 * `quoted` tells whether the source wrapped it in quotes (unquoted in code = a reference).
 */
export function acceptAssignedValue(
  kind: 'password' | 'secret',
  value: string,
  quoted: boolean,
  ctx: MatchContext,
  name = '',
): boolean {
  if (!quoted && familyOf(ctx.path, ctx.languageId) === 'code') return false;
  if (!quoted && isUnquotedCode(value)) return false;
  if (!quoted && isCodeReference(value) && !/\d/.test(value) && familyOf(ctx.path, ctx.languageId) !== 'config') return false;
  // Hex and UUID values named like credentials are usually credentials (API keys, webhook secrets).
  if (isPlaceholder(value) || /^sha(?:1|256|384|512)[-:=]/i.test(value)) return false;
  if (value.length > 200 && /^Ag[A-D]/.test(value)) return false; // SealedSecrets ciphertext
  if (isEncryptedForm(value, ctx.text)) return false;
  if (FILE_OR_URL.test(value) || NUMBER_OR_VERSION.test(value) || EMAIL.test(value)) return false;
  if (NON_CREDENTIAL_VALUES.some((r) => r.test(value))) return false;
  if (isProse(kind, value) || isIdentifierValue(value)) return false;
  // Request, client and change tokens that are UUIDs are idempotency ids (`ClientRequestToken`), not credentials.
  if (UUID_ID_NAME.test(name) && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return false;
  if (/\(\?[:=!<]|\\[dwsb]|\[\^?[\w-]+\][*+?]/.test(value)) return false; // a regular expression, not a secret
  if (WORDS_ONLY.test(value) && (kind === 'secret' || /[-_./: ]/.test(value) || value.length < 8)) return false;
  if (CONSTANT_NAME.test(value)) return false;
  if (name && normalise(value) === normalise(name)) return false;
  const lower = value.toLowerCase();
  if (STOPWORDS.some((w) => lower === w || (w.length > 5 && lower.includes(w)))) return false;
  const h = shannonEntropy(value);
  if (kind === 'password') {
    if (value.length < 6 || isWeakTestValue(value) || h < 2.3) return false;
    if (isTestPath(ctx.path) && h < 3) return false;
    return true;
  }
  if (value.length < 10 || h < 3 || wordiness(value) > 0.6 || isHandEditedToken(value)) return false;
  const hasDigit = /\d/.test(value);
  const mixed = /[a-z]/.test(value) && /[A-Z]/.test(value);
  return hasDigit || mixed;
}

/** Values that are something else than a credential whatever their name says. */
const NON_CREDENTIAL_VALUES = [
  /^[-+]?(?:0x[0-9a-f]+|\d+(?:\.\d+)?(?:e[-+]?\d+)?)[lu]{0,2}$/i, // a number: error codes, flags
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}|$)/, // a date or timestamp (`PasswordLastUsed`)
  /^X-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+$/, // an HTTP header name (`X-Amz-Security-Token`)
  /^\s|[A-Za-z]:\s+$/, // a prompt or label: `getpass(' Confirm: ')`
  /^\[[^\]]{2,}\][*+?{]/, // a character class: `TOKEN = r"[!#$%&'*+.^_|~0-9A-Za-z]+"`
  /%(?:\(\w+\))?[sdr](?![A-Za-z0-9])|%\d*[sd]:/, // a format string: `'InvalidToken:%s:%s' % (…)`
  /^[^A-Za-z0-9]*(?:[A-Za-z0-9][^A-Za-z0-9]*)?$/, // punctuation only: `PASSWORD = "%!*'();:@&=+$,/?#[]"`
];
const UUID_ID_NAME = /request|client|change|action|idempot|correlation|trace|transaction|nonce|session[_.-]?id/i;

/** Sentences and translated messages: a token never holds spaces, a password rarely several words of letters. */
function isProse(kind: 'password' | 'secret', value: string): boolean {
  if (!/\s/.test(value)) return false;
  if (kind === 'secret') return true;
  const words = value.trim().split(/\s+/);
  const wordLike = words.filter((w) => (w.match(/\p{L}/gu)?.length ?? 0) >= (w.length * 2) / 3);
  return words.length >= 3 && wordLike.length >= words.length - 1;
}

/**
 * A code identifier or module path made of dictionary-like words (`_RSAPublicKey`, `overEvery`,
 * `aws-cdk-lib/aws-route53.CfnKeySigningKey`): word humps (3+ lower-case letters, short acronyms, a version digit
 * right after a word as in `route53`) cover nearly all of it. Random tokens are made of short humps and digits.
 */
export function isIdentifierValue(value: string): boolean {
  if (!/^[_@]?[A-Za-z]\w*(?:(?:::|[-./:])[A-Za-z0-9]\w*)*$/.test(value)) return false;
  const humps = [...value.matchAll(/[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g)];
  if (humps.length < 2) return false;
  let wordy = 0;
  let prevWordy = false;
  for (const m of humps) {
    const h = m[0];
    const next = value[m.index! + h.length] ?? '';
    // A version digit closes a word and is followed by a separator (`route53.`, `ec2-`), never glued to letters.
    const isWord: boolean =
      (h.length >= 3 && /^[A-Z]?[a-z]{2,}$/.test(h)) || /^[A-Z]{2,5}$/.test(h) || (prevWordy && /^\d{1,2}$/.test(h) && /^[-./:_]$/.test(next));
    if (isWord) wordy += h.length;
    prevWordy = isWord && !/^\d/.test(h);
  }
  return wordy / value.replace(/[^A-Za-z0-9]/g, '').length >= 0.85;
}

/**
 * Share of characters inside lower-case runs of 4+ letters: high for identifiers made of words
 * (`EC2ContainerCredentialsProviderWrapper`), low for random tokens (runs of 4 are rare in base62).
 */
function wordiness(value: string): number {
  let inWords = 0;
  for (const m of value.matchAll(/[a-z]{4,}/g)) inWords += m[0].length;
  return value.length ? inWords / value.length : 0;
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Values seen as assignments in real code that are never credentials. */
const STOPWORDS = [
  'password', 'passwd', 'secret', 'apikey', 'api_key', 'mytoken', 'changeit', 'changeme', 'notasecret', 'hunter2', 'letmein', 'qwerty', 'redacted',
  'placeholder', 'undefined', 'localhost', 'anonymous', 'bearer', 'basic', 'string', 'required', 'optional', 'disabled',
  'enabled', 'sample', 'example', 'template', 'default', 'foobar', 'lorem', 'ipsum', 'dummy', 'secretsmanager',
  'parameterstore', 'keyvault', 'vault:', 'arn:aws', 'awssecretsmanager', 'null', 'none', 'true', 'false',
];
