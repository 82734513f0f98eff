import type { FindingKind, MatchContext, RuleSpec } from '../types';
import { familyOf } from '../languages';
import { isCodeReference } from '../placeholders';
import { acceptAssignedValue, isUnquotedCode, nameIsCredential } from './generic-values';
import { isMalformedOrPublicToken } from './prefixed-token-veto';
import { vetoedByProviderShape } from './provider-shape-veto';

/**
 * Generic credential rules. Each shape (assignment, XML element, name/value pair, Dockerfile ENV) is one
 * pattern shared by a password rule and an api-key rule: the pattern runs once, and the name decides the kind.
 */

/** Compound names are written `apiKey`, `api_key`, `api-key` or `api.key`: route every spelling. */
const COMPOUNDS = [
  ['api', 'key'], ['access', 'key'], ['auth', 'key'], ['encryption', 'key'], ['master', 'key'], ['app', 'key'],
  ['private', 'key'], ['client', 'key'], ['license', 'key'], ['write', 'key'], ['validation', 'key'],
  ['decryption', 'key'], ['machine', 'key'], ['signing', 'key'], ['logged_in', 'key'], ['nonce', 'key'],
  ['auth', 'salt'], ['logged_in', 'salt'], ['nonce', 'salt'], ['auth', 'ident'],
];
/** Keywords routing text to the assignment rules; the name itself is checked by `nameIsCredential`. */
const KEYWORDS = [
  ...new Set([
    'storage_key', 'storagekey', 'account_key', 'accountkey', 'pass', 'pwd', 'pswd', 'secret', 'token', 'credential', 'bearer', 'senha', 'contrasena',
    ...COMPOUNDS.flatMap(([a, b]) => ['', '_', '-', '.'].map((sep) => a + sep + b)),
  ]),
];

// The lookahead rejects ordinary identifiers before any backtracking into separators and values.
const NAME = String.raw`(?=[\w$@.\-]{0,60}?(?:pass|pwd|pswd|secret|token|key|credential|bearer|senha|contrasena|authident|salt))(?<name>[A-Za-z_$@][\w$.\-]{0,60})`;
/** `=`, `: Type =`, `:`, `=>`, `:=`, `<-`, `==`, setter call `(`, tuple `,` (after a quoted name) or whitespace before a quoted value. */
const SEP = String.raw`(?:\\?["'])?\]?[ \t]{0,40}(?::[ \t]{0,4}[&'\w<>\[\]., ?|*]{1,40}?[ \t]{0,4}=(?![=>])[ \t]{0,40}|(?::|=>|:=|<-|\?=|\|\|=|[=!]==?|=)[ \t]{0,40}|:[ \t]{0,4}\{[ \t]{0,4}value[ \t]{0,4}:[ \t]{0,4}|\([ \t]{0,4}(?=[rbuf@$]{0,2}\\?["'\x60])|(?<=["'])[ \t]{0,4},[ \t]{0,40}(?=[rbuf@$]{0,2}\\?["'\x60])|(?<![$@][\w.]{0,60})[ \t]{1,40}(?=[rbuf@$]{0,2}\\?["'\x60])|[ \t]{1,4}-[ \t]{1,4}(?=["']))`;
/**
 * Whether SEP could match at `at` (right after a name), judged from a few characters without the regex engine.
 * It mirrors SEP's alternatives loosely and never rules out a place where SEP matches: an optional `\\"`/`"`
 * and `]`, blanks, then an operator (`:`, `=`, `=>`, `<-`, `?=`, `||=`, `!=`), a setter call `(` before a quote,
 * a tuple `,` after a quoted name, a list ` - `, or blanks before a quoted value (with its `r`/`b`/`u`/`f`/`@`/`$`
 * prefix). Most identifiers in code fail here (`credentials)`, `token;`, `secret.length`, `(function`).
 */
function sepMayStart(text: string, at: number): boolean {
  let p = at;
  let c = text.charCodeAt(p);
  let quoted = false;
  if (c === 92) {
    c = text.charCodeAt(p + 1);
    if (c !== 34 && c !== 39) return false;
    p += 2;
    quoted = true;
  } else if (c === 34 || c === 39) {
    p++;
    quoted = true;
  }
  if (text.charCodeAt(p) === 93) p++; // ]
  const afterName = p;
  while ((text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) && p - afterName < 40) p++;
  const blanks = p - afterName;
  c = text.charCodeAt(p);
  if (c === 58 || c === 61 || c === 60 || c === 63 || c === 124 || c === 33) return true; // : = < ? | !
  if (c === 40) return quoteFollows(text, p + 1, 4); // (
  if (c === 44) return quoted; // ,
  if (c === 45) return blanks > 0; // -
  return blanks > 0 && quoteFollows(text, p, 0);
}

/** `r`, `b`, `u`, `f` (any case), `@` or `$`: string-literal prefixes (`r"…"`, `@"…"`, `$"…"`). */
function isStringPrefix(c: number): boolean {
  const lower = c | 0x20;
  return lower === 114 || lower === 98 || lower === 117 || lower === 102 || c === 64 || c === 36;
}

/** Up to `blanks` spaces/tabs, up to two of `rbuf@$` (any case), an optional backslash, then a quote. */
function quoteFollows(text: string, at: number, blanks: number): boolean {
  let p = at;
  for (let i = 0; i < blanks && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9); i++) p++;
  for (let i = 0; i < 2 && isStringPrefix(text.charCodeAt(p)); i++) p++;
  if (text.charCodeAt(p) === 92) p++;
  const c = text.charCodeAt(p);
  return c === 34 || c === 39 || c === 96;
}

/**
 * A quoted value may hold anything but its own quote; an optional auth scheme word is not part of it, nor a
 * byte/secret wrapper call around the literal (Go `[]byte("…")`, `Buffer.from("…")`, pydantic `SecretStr("…")`).
 */
const QUOTED = String.raw`(?:(?:\[\]byte|Buffer\.from|SecretStr|bytes)\([ \t]{0,4})?(?:[rRbBuUfF@$]{1,2}(?=["'\x60]))?\\?(?<q>["'\x60])(?:(?:Bearer|Basic|Token) (?=\S))?(?<secret>(?:(?!\\?\k<q>)[^\r\n]){4,300})\\?\k<q>`;
/** An unquoted value (config formats) ends at whitespace or quotes and not on trailing punctuation. */
const UNQUOTED = String.raw`(?<secret2>[^\s"'\x60<>(){}\[\]\\;,#][^\s"'\x60]{2,498}[^\s"'\x60,;)\]}])(?=[\s"'\x60,;)\]}]|$)`;
const VALUE = `(?:${QUOTED}|${UNQUOTED})`;

/**
 * The kind a name implies. Both rules of a shape ask about the same match in turn, so the last answer is
 * remembered: the name regexes then run once per match, not once per rule.
 */
let lastName = '';
let lastKind: FindingKind | undefined;
function kindFor(name: string): FindingKind | undefined {
  if (name !== lastName) {
    const k = nameIsCredential(name);
    lastKind = k === 'password' ? 'generic-password' : k === 'secret' ? 'generic-api-key' : undefined;
    lastName = name;
  }
  return lastKind;
}

/** Validator for one kind of a shared shape: the name picks the kind, then the value must be a literal. */
function valueValidator(kind: FindingKind, opts: { alwaysQuoted?: boolean; nameRequired?: boolean } = {}) {
  return (secret: string, ctx: MatchContext): boolean => {
    const name = ctx.groups.name ?? '';
    // Cheapest rejections first (each shape's two rules see every match): the name's kind (judged once per name),
    // then an unquoted value that is code, a reference in a programming language (`this.token = token`) or a call.
    if ((name || opts.nameRequired !== false) && kindFor(name) !== kind) return false;
    const quoted = opts.alwaysQuoted || !!ctx.groups.q;
    if (!quoted) {
      const family = familyOf(ctx.path, ctx.languageId);
      if (family === 'code' || (family !== 'config' && isCodeReference(secret) && !/\d/.test(secret))) return false;
      if (isUnquotedCode(secret)) return false;
    }
    // `new NetworkCredential("user", …)`, `PSCredential("CORP\\svc", …)`: a constructor's first argument is a user.
    const last = name.split('.').pop() ?? '';
    if (/^[A-Z]/.test(last) && /^["'\]]{0,2}\s*\(/.test(ctx.match.slice(name.length))) return false;
    if (name && !separatorFits(name, secret, ctx)) return false;
    if (!acceptAssignedValue(kind === 'generic-password' ? 'password' : 'secret', secret, quoted, ctx, name)) return false;
    return kind === 'generic-password' || !shapeVetoed(secret, ctx, name);
  };
}

/**
 * A malformed copy of a prefixed token, a broken JWT or a publishable key is no key; a key whose provider is named
 * (in its name or just above) must have that provider's shape.
 */
function shapeVetoed(secret: string, ctx: MatchContext, name: string): boolean {
  if (isMalformedOrPublicToken(secret)) return true;
  return vetoedByProviderShape(secret, ctx.matchOffset + ctx.match.lastIndexOf(secret), ctx, name);
}

/**
 * Rejects separators that only look like assignments in prose, lists and test output:
 * - a bare `pass` is a verb (`t.pass('x')`, "pass `--no-cache`", `--- PASS: TestX`) unless assigned with `=`/`:`;
 * - a name then whitespace then a value is a config form (`password "x"`), not a sentence ("the password `x`")
 *   and never backticks (inline code in Markdown and JSDoc);
 * - `"name", "value"` is a pair only as a whole call or tuple, not two items of a longer list (lexer keywords).
 */
const PAIR_CALLEE =
  /^(?:set|put|add|update|store|save|with|use|assign|define|getenv|get|fetch|default|env|environ|config|configure|opt|option|param|arg|header|login|auth|connect|credentials?|pair|tuple|of|entry|item|field|property|secret|kv|map|dict|array|list)/i;

function separatorFits(name: string, secret: string, ctx: MatchContext): boolean {
  const at = ctx.match.indexOf(secret, name.length);
  const between = at < 0 ? '' : ctx.match.slice(name.length, at);
  const sep = between.replace(/^["'\]\\]+/, '').replace(/[rRbBuUfF@$]{0,2}\\?["'\x60]$/, '');
  const assigned = /[=:]/.test(sep);
  const bareVerb = /^pass$/i.test(name.split(/[.>]|::/).pop() ?? name);
  if (bareVerb && !assigned) return false;
  // At most 200 characters back, cut at the line start: a huge minified line stays linear.
  const window = ctx.text.slice(Math.max(0, ctx.matchOffset - 200), ctx.matchOffset);
  const before = window.slice(window.lastIndexOf('\n') + 1);
  if (/(?:^|[\s"'])(?:---|===)\s*$/.test(before)) return false; // go test / TAP runner output
  if (/\btypeof\s+[\w$.]*$/.test(before)) return false; // `typeof this.password === 'function'`
  if (!assigned && sep.trim() === '') {
    if (between.endsWith('\x60')) return false;
    if (/[A-Za-z]{2,}[,;]? [a-z]{2,}[,;]? $/.test(before)) return false; // two words then the name: a sentence
  }
  if (sep.includes(',') && !assigned) {
    const open = before.replace(/["']$/, '').trimEnd();
    const after = ctx.text.slice(ctx.matchOffset + ctx.match.length, ctx.matchOffset + ctx.match.length + 80);
    if (!/^\s*(?:[)\]};]|$)/.test(after)) return false;
    // A bare tuple/array, or a call that stores a pair (`setdefault`, `put`, `define`, `Map.of`), not `writeString(`.
    const callee = /([A-Za-z_$][\w$]*)\s*\($/.exec(open)?.[1];
    if (callee ? !PAIR_CALLEE.test(callee) : !/(?:^|[([{=]|=>)$/.test(open)) return false;
  }
  return true;
}

interface Shape {
  id: string;
  pattern: RegExp;
  keywords: string[];
  spanLines?: number;
  what: string;
  alwaysQuoted?: boolean;
  anchor?: 'identifier';
  separatorAfterName?: RegExp;
  separatorMayStart?: (text: string, at: number) => boolean;
  literalAfterKeyword?: { literal: string; chars: number };
  keywordShape?: RegExp;
  password: { positive: string[]; negative: string[] };
  secret: { positive: string[]; negative: string[] };
}

function pair(shape: Shape): RuleSpec[] {
  const base = {
    pattern: shape.pattern,
    keywords: shape.keywords,
    spanLines: shape.spanLines,
    anchor: shape.anchor,
    separatorAfterName: shape.separatorAfterName,
    separatorMayStart: shape.separatorMayStart,
    literalAfterKeyword: shape.literalAfterKeyword,
    keywordShape: shape.keywordShape,
    severity: 'warning' as const,
  };
  return [
    {
      ...base,
      id: `generic-password-${shape.id}`,
      kind: 'generic-password',
      title: 'Password',
      description: `A password-like name assigned a literal value (${shape.what}). Load it from AWS Secrets Manager or the environment.`,
      validate: valueValidator('generic-password', shape),
      examples: shape.password,
    },
    {
      ...base,
      id: `generic-api-key-${shape.id}`,
      kind: 'generic-api-key',
      title: 'API key or token',
      description: `A secret/token/api-key-like name assigned a high-entropy literal (${shape.what}). Load it from AWS Secrets Manager or the environment.`,
      validate: valueValidator('generic-api-key', shape),
      examples: shape.secret,
    },
  ];
}

export const RULES: RuleSpec[] = [
  ...pair({
    id: 'assignment',
    what: 'code, YAML, .env, INI, properties, JSON, HCL, XML attributes, setter calls',
    keywords: KEYWORDS,
    // Not inside a larger token (`arn:aws:secretsmanager:…`, URLs), but Ruby symbols (` :password =>`) are fine.
    pattern: new RegExp(String.raw`(?<![\w$.\-/=@#%&?~+*\\])(?:(?<=\$env:)|(?<![\w)\]+*?]:))${NAME}${SEP}${VALUE}`, 'i'),
    anchor: 'identifier',
    // The pattern's own separator, tried first after the name (a speed hint: see RuleSpec.separatorAfterName).
    separatorAfterName: new RegExp(SEP, 'i'),
    separatorMayStart: sepMayStart,
    password: {
      positive: [
        'DB_PASSWORD=Xk9#mQ2vLp7!',
        'db.password: "N0t-So-S3cure!"',
        '    password = "Tr0ub4dor&3x"',
        "$config['db_password'] = 'h7Gq2mZpW4';",
        "define( 'DB_PASSWORD', 'q8Lm3Vx2Rt' );",
        'ds.setPassword("Pg!4wZ9qLm");',
        'mysql_root_password: e,S9qLm_2vX',
        "  :password => 'w3N3qLx8Vm2',",
        'private val dbPassword: String = "Kq8#vL2xZp9"',
        'const DB_PASSWORD: &str = "Kq8#vL2xZp9";',
        'password                = "~e%sSFB-o5.ftLexLquOTxIz"',
        'sasl.jaas.config = "org.apache.kafka.PlainLoginModule required username=\\"svc\\" password=\\"7m2JqLx9Vb\\";"',
      ],
      negative: [
        'password = os.environ["DB_PASSWORD"]',
        'password: ${DB_PASSWORD}',
        'const password = req.body.password;',
        'password = "changeme"',
        'PASSWORD=<your-password>',
        'password_field = "user_password"',
        'password: str',
        'label = "Enter your password"',
        'password = getPassword()',
        'test_password = "test1234"',
        'POSTGRES_PASSWORD: postgres',
        '--- PASS: TestParseHeaders (0.00s)',
        'Disable the cache and pass `--no-cache` to the `docker build` command.',
        '"PasswordLastUsed": "2016-05-03T18:12:41Z",',
        'MovedAttribute("HTTPPasswordMgr", "urllib2", "urllib.request"),',
        "    'motorsWrite', 'drawCompass', 'digitalRead', 'compassRead', 'analogRead',",
        "if (typeof this.password === 'function') {",
      ],
    },
    secret: {
      positive: [
        'API_KEY=4f9c2a7be13d48e0a6b5c2d9e8f7a1b3',
        'client_secret: "q8Zr3LmT5vN2xK7pW9yB4cF6"',
        '"apiKey": "Zx81kLq0Pm27NvB4tY6wR3sQ",',
        "config.auth_token = 'tk_9Hq2Lm7Vx4Rp8Zn3Bw6C'",
        'export SERVICE_TOKEN="Ab3Cd4Ef5Gh6Ij7Kl8Mn9"',
        'token = "Bearer aYG8qLm2Vx7Rt4Np9Wk3Bc"',
        "define('AUTH_KEY',         'YvAj!x9#Lq2$mZ7^pW4&');",
        'var webhookSecret = []byte("Hq7Lm2Zx9Vb4Nc8Rt3Wk")',
        "api_key - 'Zx81kLq0Pm27NvB4tY6wR3sQ'",
      ],
      negative: [
        'API_KEY=${API_KEY}',
        'secret_name = "prod/db/password"',
        'token = get_token()',
        'api_key: "<your-api-key>"',
        'csrf_token = "a8f5f167f44f4964e6c998dee827110c"',
        'integrity_token = "sha512-Vq0vYbvQbq3m2Lr0qLx4Tkp3Y7g=="',
        'api_key = "abcdefghijklmnop"',
        'token_type = "Bearer"',
        'Resource = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/api-token-Ab12Cd"',
        '"ChangeToken": "abcd12f2-46da-4fdb-b8d5-fbd4c466928f",',
        '"NextToken": "U2FsdGVkX1+eXAMPLEKu5k3qkHjBt7cfqOIeqJvD8RnR"',
        'export declare const SESSION_TOKEN_QUERY_PARAM = "X-Amz-S3session-Token";',
        '"Unexpected_token_1012": "Neočekávaný token.",',
        'key: typing.Union["_RSAPrivateKey", "_RSAPublicKey"],',
        'api_token: AQICAHhLz8mT2vB3cQ9rX1yZ4wK7pN6uJ5sD0fG8hE2aR9tY6uIoAGTq7Lm2xZp9Kd3Vb4Nc8Rt3Wk==',
        // A boolean flag set from an expression, in a file of unknown language (no path): code, not a token.
        'self.disableFetchToken = !(err.statusCode === 401);',
        'ENABLE_TOKEN_AUTH=Xk9mQ2vLp7Rt4Np9',
        'db_password: ENC[AES256_GCM,data:Zq8Lm3Vx7Rt2Np9W,iv:k4Bc6Df0,tag:Lm3Vx7Rt,type:str]',
        // A provider named just above whose documented shape the value lacks (agora: 32 lower-case), a truncated
        // prefixed token, a provider in the name itself (bitbar: 32 characters).
        '[INFO] Sending request to the agora API\n[DEBUG] Using API_KEY=qi6txx6vd0qzn6j01xj9rr6clyejvjw',
        'token := "cfut_ZE4CrcFhEIDXk9vL2sTLe"',
        'bitbarSecret = "DyV64pq66z15thg8fh3Q"',
      ],
    },
  }),
  ...pair({
    id: 'xml-element',
    what: 'XML element body: Maven settings.xml, Spring, Hibernate, web.config',
    keywords: ['</'], // every element needs a closing tag; far rarer in code than the credential words
    alwaysQuoted: true,
    // Up to 4000 characters: Jenkins stores encrypted SSH keys as one long `{AQAAABAAAAAQ…}` element body.
    pattern:
      /<(?<tag>[\w:.-]{1,60})(?:\s{1,4}name\s{0,2}=\s{0,2}["'](?<name>[\w.:-]{1,80})["'])?\s{0,4}>\s{0,10}(?<secret>[^<\s]{4,4000})\s{0,10}<\/\k<tag>>/i,
    password: {
      positive: [
        '<server><id>corp</id><password>Mv8#qL2xTp9</password></server>',
        '<property name="hibernate.connection.password">ZLL9qXm2Vp</property>',
      ],
      negative: ['<password>${env.MAVEN_PASSWORD}</password>', '<password>changeme</password>'],
    },
    secret: {
      positive: [
        '<apiToken>Hq7Lm2Zx9Vb4Nc8Rt3Wk</apiToken>',
        '<org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>\n  <id>slack</id>\n  <secret>Zq8Lm3Vx7Rt2Np9Wk4Bc6Df</secret>\n</org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>',
      ],
      negative: ['<tokenUrl>https://auth.example.org/token</tokenUrl>', '<apiToken>${API_TOKEN}</apiToken>'],
    },
  }).map((r) => ({ ...r, validate: xmlValidator(r.kind) })),
  ...pair({
    id: 'name-value-pair',
    what: '`name: DB_PASSWORD` / `value: …` pairs in Kubernetes env, ECS task definitions, Spring beans, .NET appSettings',
    // `value` and what must follow it: the bare word is everywhere in code (`value)`, `value.length`).
    keywords: ['value"', "value'", 'value:', 'value=', 'value ', 'value\t', 'value\n', 'value\r'],
    spanLines: 1,
    // After the keyword (which holds the character after `value`), the `:` or `=` of the pair: prose ("the value
    // of the tag") opens no window.
    keywordShape: /(?<=[:=])|["']?[ \t\r\n]{0,4}[:=]/,
    pattern:
      /(?:\bname|\bkey)["']?\s{0,4}[:=]\s{0,4}["']?(?<name>[\w.-]{1,80})["']?\s{0,4},?\s{0,40}(?:-\s{1,4})?["']?value["']?[ \t\r\n]{0,4}[:=]\s{0,4}(?<q>["']?)(?<secret>[^\s"'}]{4,300})\k<q>/i,
    password: {
      positive: [
        '- name: DB_PASSWORD\n  value: "Lk8#vQ2pZx7"',
        '{ "name": "DB_PASSWORD", "value": "Lk8#vQ2pZx7" }',
        '<add key="SmtpPassword" value="Lk8vQ2pZx7w" />',
        '<property name="password" value="Xz3LQ,=?uGQV6tUh"/>',
      ],
      negative: ['- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, key: pw}', '- name: DB_PASSWORD\n  value: ""'],
    },
    secret: {
      positive: ['- name: STRIPE_API_KEY\n  value: "Qw7Er9Ty2Ui4Op6As8Df"'],
      negative: ['- name: API_TOKEN\n  valueFrom:\n    secretKeyRef: {name: api, key: token}'],
    },
  }).map((r) => ({ ...r, validate: valueValidator(r.kind, { alwaysQuoted: true }) })),
  ...pair({
    id: 'dockerfile-env',
    what: 'Dockerfile `ENV NAME value` / `ARG NAME=value`',
    keywords: ['env ', 'arg ', 'env\t', 'arg\t'],
    alwaysQuoted: true,
    pattern: /^[ \t]*(?:ENV|ARG)[ \t]{1,8}(?<name>[A-Za-z_][\w.-]{0,80})[ \t]{1,8}(?<q>["']?)(?<secret>[^\s"']{4,300})\k<q>[ \t]*$/im,
    password: { positive: ['ENV ADMIN_PASSWORD Wb7!kP2qZx'], negative: ['ENV ADMIN_PASSWORD $ADMIN_PASSWORD'] },
    secret: { positive: ['ENV API_KEY h6y8VJ7qxZB77SaBkUePpqGYsakel69M'], negative: ['ARG API_KEY ""'] },
  }),
  ...pair({
    id: 'terraform-variable',
    what: 'Terraform `variable "db_password" { default = "…" }`: the name is the block label',
    keywords: ['variable'],
    spanLines: 12,
    // `variable`, 1–8 blanks, then the label's opening quote: the word in code and prose is followed by no quote.
    literalAfterKeyword: { literal: '"', chars: 9 },
    alwaysQuoted: true,
    pattern:
      /\bvariable[ \t]{1,8}"(?<name>[\w-]{1,80})"[ \t]{0,8}\{(?:[^{}"]|"[^"\r\n]{0,300}"|\{[^{}]{0,300}\}){0,600}?\bdefault[ \t]{0,8}=[ \t]{0,8}"(?<secret>[^"\r\n]{4,300})"/,
    password: {
      positive: ['variable "db_password" {\n  type      = string\n  sensitive = true\n  default   = "Vq7Lm2xZp9Kd"\n}'],
      negative: ['variable "db_password" {\n  type      = string\n  sensitive = true\n}', 'variable "password_length" {\n  default = "24"\n}'],
    },
    secret: {
      positive: ['variable "analytics_api_key" {\n  description = "Analytics key"\n  default     = "Zx81kLq0Pm27NvB4tY6wR3sQ"\n}'],
      negative: ['variable "api_token" {\n  default = ""\n}', 'variable "token_ttl" {\n  default = "3600s"\n}'],
    },
  }),
  ...pair({
    id: 'sql-insert-column',
    what: 'SQL `INSERT INTO t (client_id, client_secret) VALUES (…)`: the name is the column at the same position',
    keywords: ['insert into', 'insert  into'],
    spanLines: 6,
    alwaysQuoted: true,
    pattern: /'(?<secret>(?:[^'\r\n]|''){4,300})'/,
    password: {
      positive: ["INSERT INTO users (email, password) VALUES ('ops@acme.io', 'Vq7#Lm2xZp9');"],
      negative: ["INSERT INTO users (email, password_hash) VALUES ('ops@acme.io', 'Vq7#Lm2xZp9');", "INSERT INTO users (password, email) VALUES ('changeme', 'Vq7#Lm2xZp9');"],
    },
    secret: {
      positive: [
        "INSERT INTO oauth_clients (client_id, client_secret, name)\nVALUES ('web-app', 'Zx81kLq0Pm27NvB4tY6wR3sQ', 'Web'),\n       ('cli', 'Hq7Lm2Zx9Vb4Nc8Rt3Wk', 'CLI');",
      ],
      negative: ["INSERT INTO oauth_clients (client_secret, client_id) VALUES ('${SECRET}', 'Zx81kLq0Pm27NvB4tY6wR3sQ');"],
    },
  }).map((r) => ({ ...r, validate: sqlInsertValidator(r.kind) })),
  {
    id: 'generic-log-key',
    kind: 'generic-api-key',
    severity: 'warning',
    title: 'Key printed in a log line',
    description: 'A log or console line that prints a key (`Using Key=…`, `loaded api key: …`). Logs are kept and shared: rotate the key and stop logging it.',
    keywords: ['using key', 'using api', 'using access', 'using secret', 'loaded key', 'loaded api', 'with key'],
    pattern:
      /\b(?:using|loaded|with)[ \t]{1,4}(?:(?:api|access|secret|private|signing)[ \t_-]?)?key[ \t]{0,2}[=:][ \t]{0,2}["']?(?<secret>[A-Za-z0-9+/_\-.]{16,200}={0,2})/i,
    validate: (s, ctx) => acceptAssignedValue('secret', s, true, { ...ctx, path: undefined }, '') && !shapeVetoed(s, ctx, ''),
    examples: {
      positive: ['2024-05-01 12:00:01 INFO Using Key=Zx81kLq0Pm27NvB4tY6wR3sQ for upload', 'DEBUG loaded api key: Hq7Lm2Zx9Vb4Nc8Rt3Wk'],
      negative: [
        'INFO Using Key=${API_KEY}',
        'Signing with key: arn:aws:kms:us-east-1:123456789012:key/abcd',
        '[INFO] Sending request to the agora API\n[DEBUG] Using Key=qi6txx6vd0qzn6j01xj9rr6clyejvjw',
      ],
    },
  },
  {
    id: 'generic-cli-password-flag',
    kind: 'generic-password',
    severity: 'warning',
    title: 'Password on a command line',
    description:
      'A password passed as a command-line flag (`--password X`, `mysql -pX`, `--requirepass X`, `curl -u user:X`). It also lands in shell history and process lists.',
    keywords: ['--pass', '--pwd', '--db-pass', '--admin-pass', '--requirepass', 'mysql', 'curl', ' login '],
    pattern:
      /(?:(?<=[\s"'[]|^)--?(?<name>[\w-]{0,20}pass(?:word|wd)?|requirepass)["']?(?:=|[ \t]{1,4}|,[ \t]{0,4})|\bmysql(?:dump|admin)?\b[^\n]{0,200}?[ \t]-p|\bcurl\b[^\n]{0,200}?[ \t](?:-u|--user)[ \t]{1,4}["']?[\w.@-]{1,64}:|\b(?:docker|podman|helm\s{1,4}registry)\s{1,4}login\b[^\n]{0,200}?[ \t]-p[ \t]{1,4})(?<q>["']?)(?<secret>[^\s"'$`;|&<>]{4,100})\k<q>/,
    validate: (s, ctx) => acceptAssignedValue('password', s, true, ctx, ''),
    examples: {
      positive: [
        'mysql -u admin -pRk8vQ2pZx7 appdb',
        'app migrate --db-password "Zr7#kLq2Vm" --verbose',
        'command: ["redis-server", "--requirepass", "l8gEq2Vx9Lm"]',
        'curl -sf -u admin:y51QmZ7xLp https://search.internal/_bulk',
        'docker login -u deployer -p OqGB7xLm2Vq registry.acme.io',
      ],
      negative: ['mysql -u admin -p appdb', 'app --password "$DB_PASSWORD"', 'psql --password', 'curl -u "$USER:$PASS" https://x'],
    },
  },
  {
    id: 'generic-authorization-header',
    kind: 'generic-api-key',
    severity: 'warning',
    title: 'Bearer or Basic credential in an Authorization header',
    description: 'A literal bearer token or basic credential in an Authorization header (code, curl, nginx).',
    keywords: ['authorization'],
    pattern: /authorization["']?\s{0,4}[:=,]?\s{0,4}["'\x60]?(?:Bearer|Basic|Token)\s{1,4}(?<secret>[A-Za-z0-9._~+/\-]{16,1000}={0,2})/i,
    // The pattern starts at the keyword: the scheme must follow it (the word in prose and API docs has none).
    keywordShape: /["']?\s{0,4}[:=,]?\s{0,4}["'\x60]?(?:Bearer|Basic|Token)\s/i,
    validate: (s, ctx) => acceptAssignedValue('secret', s, true, ctx, ''),
    examples: {
      positive: [
        'curl -H "Authorization: Bearer Zq8Lm3Vx7Rt2Np9Wk4Bc6Df" https://api.internal',
        'proxy_set_header Authorization "Basic YWNtZTpTM2NyM3RQYXNzdzByZA==";',
      ],
      negative: ['headers = {"Authorization": f"Bearer {token}"}', '"Authorization: Bearer $TOKEN"'],
    },
  },
  {
    id: 'pgpass-entry',
    kind: 'generic-password',
    severity: 'warning',
    title: 'Password in a .pgpass entry',
    description: 'A `host:port:database:user:password` line of a PostgreSQL password file committed to the repository.',
    keywords: [':5432:', ':5433:', ':6432:', ':*:'],
    pattern: /^(?<host>[^:\s#]{1,253}):(?:\d{1,5}|\*):[^:\s]{1,63}:[^:\s]{1,63}:(?<secret>\S{4,200})$/m,
    validate: (s, ctx) => acceptAssignedValue('password', s, true, { ...ctx, path: undefined }, ''),
    examples: {
      positive: ['orders-db.prod.internal:5432:orders:orders_app:kIEyu85~tTK~Msc+fgBa'],
      negative: ['localhost:5432:*:postgres:postgres', '# hostname:port:database:username:password'],
    },
  },
  {
    id: 'netrc-password',
    kind: 'generic-password',
    severity: 'warning',
    title: 'Password in a .netrc file',
    description: 'A `machine … login … password …` entry of a .netrc file (used by curl, git, ftp, Heroku CLI).',
    keywords: ['password ', 'password\t'], // the pattern needs a blank after the word
    fileContext: /machine[ \t]+[\w.-]+[ \t\r\n]/, // a literal first: looked up with indexOf
    spanLines: 4,
    // The whole entry, token by token: `machine` (or `default`), then only netrc keywords up to `password`.
    // A sentence that mentions a password between other words is not an entry.
    pattern:
      /(?:^|[ \t\r\n])(?:machine[ \t]+[^\s]{1,253}|default)(?:\s{1,20}(?:login|account|port)[ \t]+[^\s]{1,200}){0,3}\s{1,20}password[ \t]+(?<secret>[^\s]{4,200})/,
    // Anonymous FTP entries take an e-mail address by convention.
    validate: (s, ctx) => !/\blogin\s+(?:anonymous|ftp)\b/.test(ctx.match) && acceptAssignedValue('password', s, true, { ...ctx, path: undefined }, ''),
    examples: {
      positive: ['machine api.heroku.com\n  login ci@acme.io\n  password 6ee4Lm9qXz2V', 'machine git.acme.io login ci password fhhN7qLx2Vm'],
      negative: [
        'machine api.heroku.com\n  login ci@acme.io\n  password $HEROKU_TOKEN',
        'Enter the password below',
        'A machine learning model.\n * Errors that you want to return during authentication, account confirmation, and password recovery when the user does not exist.',
      ],
    },
  },
  {
    id: 'cdk-secret-value-plaintext',
    kind: 'generic-password',
    severity: 'warning',
    title: 'Plain-text secret in AWS CDK code',
    description: '`SecretValue.unsafePlainText("…")` puts the secret into the synthesized template and the repository. Use `SecretValue.secretsManager(…)`.',
    keywords: ['plaintext('],
    // A user name may be wrapped the same way (`username: SecretValue.unsafePlainText('admin')`): not a secret.
    pattern: /(?<user>user(?:_?name)?["']?\s{0,4}:\s{0,4}(?:\w{1,20}\.)?)?SecretValue\.(?:unsafePlainText|plainText)\(\s{0,4}["'\x60](?<secret>[^"'\x60\r\n]{4,300})["'\x60]/i,
    validate: (s, ctx) => !ctx.groups.user && acceptAssignedValue('password', s, true, { ...ctx, path: undefined }, ''),
    examples: {
      positive: ["password: cdk.SecretValue.unsafePlainText('PhRu7qLx2Vm9'),"],
      negative: [
        "password: cdk.SecretValue.secretsManager('prod/db'),",
        'SecretValue.unsafePlainText(props.password)',
        "username: SecretValue.unsafePlainText('svcDeploy42'),",
      ],
    },
  },
  {
    id: 'powershell-securestring-plaintext',
    kind: 'generic-password',
    severity: 'warning',
    title: 'Plain-text password converted to a SecureString',
    description: '`ConvertTo-SecureString "…" -AsPlainText` embeds the password in the script.',
    keywords: ['convertto-securestring'],
    pattern: /ConvertTo-SecureString\s{1,4}(?:-String\s{1,4})?["'](?<secret>[^"'$]{4,200})["']\s{1,4}-AsPlainText/i,
    validate: (s, ctx) => acceptAssignedValue('password', s, true, { ...ctx, path: undefined }, ''),
    examples: {
      positive: ['$pw = ConvertTo-SecureString "Vq7#Lm2xZp9" -AsPlainText -Force'],
      negative: ['$pw = ConvertTo-SecureString $env:PW -AsPlainText -Force'],
    },
  },
  {
    id: 'sql-identified-by-password',
    kind: 'generic-password',
    severity: 'warning',
    title: 'Password in a SQL user statement',
    description: '`CREATE USER … IDENTIFIED BY` / `WITH PASSWORD` with a literal password.',
    keywords: ['identified', 'with password', 'password \'', 'password='],
    pattern:
      /(?:IDENTIFIED\s{1,4}(?:WITH\s{1,4}\w{1,40}\s{1,4})?BY|WITH\s{1,4}(?:ENCRYPTED\s{1,4})?PASSWORD|PASSWORD\s{0,4}=?)\s{0,4}'(?<secret>[^'\s]{4,100})'/i,
    validate: (s, ctx) => acceptAssignedValue('password', s, true, { ...ctx, path: undefined }, ''),
    examples: {
      positive: [
        "CREATE USER app WITH PASSWORD 'Qm7#vL2xZ9';",
        "CREATE USER 'app'@'%' IDENTIFIED BY 'Rt8!kWq3Pz';",
        "CREATE USER 'etl'@'10.%' IDENTIFIED WITH caching_sha2_password BY 'MiPZ7q#Lx2';",
      ],
      negative: ["CREATE USER app WITH PASSWORD 'changeme';", "ALTER USER app WITH PASSWORD :'pw';"],
    },
  },
];

/**
 * The column a quoted SQL value fills: counts top-level commas from the row's `(` and reads the same position of
 * the nearest `INSERT INTO t (cols…) VALUES` before it. Multi-row VALUES lists are walked row by row.
 * Values of one statement arrive in order, so the walk resumes where the previous value left it (linear in the
 * statement, not quadratic in a dump of thousands of INSERT lines).
 */
interface SqlWalk {
  text: string;
  columns: string[];
  pos: number;
  depth: number;
  index: number;
  inQuote: boolean;
}
let sqlWalk: SqlWalk | undefined;
let sqlSeen: { text: string; pos: number } = { text: '', pos: 0 };
let sqlLast: { text: string; offset: number; name: string | undefined } = { text: '', offset: -1, name: undefined };
const SQL_HEAD = /insert\s+into\s+[\w.`"\[\]]{1,128}\s*\(([^()]{1,2000})\)\s*values\s*/iy;

function sqlInsertColumn(ctx: MatchContext): string | undefined {
  // The password rule and the api-key rule ask about the same value in turn.
  if (sqlLast.text === ctx.text && sqlLast.offset === ctx.matchOffset) return sqlLast.name;
  const name = walkToColumn(ctx);
  sqlLast = { text: ctx.text, offset: ctx.matchOffset, name };
  return name;
}

function walkToColumn(ctx: MatchContext): string | undefined {
  let w = sqlWalk;
  if (!w || w.text !== ctx.text || ctx.matchOffset < w.pos) {
    // The nearest `insert` keyword before the value (either case), then the statement head parsed right there.
    // The search never goes back past the end of the statement walked last, so a dump costs one pass.
    let floor = Math.max(0, ctx.matchOffset - 4000);
    if (sqlSeen.text === ctx.text && sqlSeen.pos <= ctx.matchOffset) floor = Math.max(floor, sqlSeen.pos);
    sqlSeen = { text: ctx.text, pos: ctx.matchOffset };
    const at = ctx.text.slice(floor, ctx.matchOffset).toLowerCase().lastIndexOf('insert');
    if (at < 0) return undefined;
    SQL_HEAD.lastIndex = floor + at;
    const head = SQL_HEAD.exec(ctx.text);
    if (!head || head.index + head[0].length > ctx.matchOffset) return undefined;
    const columns = head[1].split(',').map((c) => c.trim().replace(/^[`"\[]|[`"\]]$/g, ''));
    w = sqlWalk = { text: ctx.text, columns, pos: head.index + head[0].length, depth: 0, index: 0, inQuote: false };
  }
  const text = ctx.text;
  for (; w.pos < ctx.matchOffset; w.pos++) {
    const c = text[w.pos];
    if (w.inQuote) {
      if (c === "'") {
        if (text[w.pos + 1] === "'") w.pos++;
        else w.inQuote = false;
      }
    } else if (c === "'") w.inQuote = true;
    else if (c === '(') {
      if (++w.depth === 1) w.index = 0;
    } else if (c === ')') w.depth--;
    else if (c === ',' && w.depth === 1) w.index++;
    else if (c === ';') {
      sqlWalk = undefined; // the statement ended: the next value belongs to another one, if any
      return undefined;
    }
  }
  if (w.inQuote || w.depth !== 1) return undefined;
  // Skip past this value so the next call resumes after it.
  const name = w.columns[w.index];
  w.pos = ctx.matchOffset + ctx.match.length;
  return name;
}

function sqlInsertValidator(kind: FindingKind) {
  return (secret: string, ctx: MatchContext): boolean => {
    const name = sqlInsertColumn(ctx);
    if (!name || kindFor(name) !== kind) return false;
    return acceptAssignedValue(kind === 'generic-password' ? 'password' : 'secret', secret.replace(/''/g, "'"), true, ctx, name);
  };
}

/** An XML element's credential name is its `name=` attribute when present, else its tag. */
function xmlValidator(kind: FindingKind) {
  return (secret: string, ctx: MatchContext): boolean => {
    const name = ctx.groups.name ?? ctx.groups.tag ?? '';
    if (kindFor(name) !== kind) return false;
    if (!acceptAssignedValue(kind === 'generic-password' ? 'password' : 'secret', secret, true, ctx, name)) return false;
    return kind === 'generic-password' || !shapeVetoed(secret, ctx, name);
  };
}
