import type { FindingKind, MatchContext, RuleSpec } from '../types';
import { acceptAssignedValue, nameIsCredential } from './generic-values';

/** Keywords routing text to the assignment rules; the name itself is checked by `nameIsCredential`. */
const KEYWORDS = ['pass', 'pwd', 'pswd', 'secret', 'token', 'api_key', 'api-key', 'apikey', 'api.key', 'access_key',
  'accesskey', 'auth_key', 'authkey', 'signing', 'encryption_key', 'master_key', 'masterkey', 'app_key', 'appkey',
  'private_key', 'privatekey', 'client_key', 'credential', 'bearer', 'senha', 'contrasena'];

// The lookahead rejects ordinary identifiers before any backtracking into separators and values.
const NAME = String.raw`(?=[\w$@.\-]{0,60}?(?:pass|pwd|pswd|secret|token|key|credential|bearer|senha|contrasena))(?<name>[A-Za-z_$@][\w$.\-]{0,60})`;
/** `=`, `:`, `=>`, `:=`, `<-`, `==`, setter call `(`, tuple `,` (after a quoted name) or whitespace before a quoted value. */
const SEP = String.raw`["'\]]{0,2}[ \t]{0,8}(?:(?::|=>|:=|<-|\?=|\|\|=|[=!]==?|=)[ \t]{0,8}|\([ \t]{0,4}|(?<=["'])[ \t]{0,4},[ \t]{0,8}|[ \t]+(?=[rbuf@$]{0,2}["'\x60]))`;
const VALUE = String.raw`(?:[rRbBuUfF@$]{0,2}(?<q>["'\x60]))?(?<secret>[^\s"'\x60,;<>(){}\[\]\\]{4,200})(?:\k<q>|(?=[\s,;<>)}\]]|$))`;

function kindFor(name: string): FindingKind | undefined {
  const k = nameIsCredential(name);
  return k === 'password' ? 'generic-password' : k === 'secret' ? 'generic-api-key' : undefined;
}

/** The assignment rules are split by kind so each finding maps to exactly one kind. */
function assignmentValidator(kind: FindingKind) {
  return (secret: string, ctx: MatchContext): boolean => {
    const name = ctx.groups.name ?? '';
    if (kindFor(name) !== kind) return false;
    const quoted = !!ctx.groups.q;
    // In a quoted-value match, the value must be the whole quoted string (not a prefix cut at a delimiter).
    if (quoted && !ctx.match.endsWith(ctx.groups.q!)) return false;
    return acceptAssignedValue(kind === 'generic-password' ? 'password' : 'secret', secret, quoted, ctx, name);
  };
}

const ASSIGNMENT = new RegExp(String.raw`(?<![\w$.\-])${NAME}${SEP}${VALUE}`, "i");

export const RULES: RuleSpec[] = [
  {
    id: 'generic-password-assignment',
    kind: 'generic-password',
    severity: 'warning',
    title: 'Password',
    description:
      'A password-like name assigned a literal value, in any syntax (code, YAML, .env, INI, properties, JSON, HCL, XML attributes). Load it from AWS Secrets Manager or the environment.',
    keywords: KEYWORDS,
    pattern: ASSIGNMENT,
    validate: assignmentValidator('generic-password'),
    examples: {
      positive: [
        'DB_PASSWORD=Xk9#mQ2vLp7!',
        'db.password: "N0t-So-S3cure!"',
        '    password = "Tr0ub4dor&3x"',
        '$config[\'db_password\'] = \'h7Gq2mZpW4\';',
        'define(\'DB_PASSWORD\', \'q8Lm3Vx2Rt\');',
        'ds.setPassword("Pg!4wZ9qLm");',
        'ENV MYSQL_ROOT_PASSWORD="Wb7!kP2qZx"',
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
      ],
    },
  },
  {
    id: 'generic-api-key-assignment',
    kind: 'generic-api-key',
    severity: 'warning',
    title: 'API key or token',
    description:
      'A secret/token/api-key-like name assigned a high-entropy literal. Load it from AWS Secrets Manager or the environment.',
    keywords: KEYWORDS,
    pattern: ASSIGNMENT,
    validate: assignmentValidator('generic-api-key'),
    examples: {
      positive: [
        'API_KEY=4f9c2a7be13d48e0a6b5c2d9e8f7a1b3',
        'client_secret: "q8Zr3LmT5vN2xK7pW9yB4cF6"',
        '"apiKey": "Zx81kLq0Pm27NvB4tY6wR3sQ",',
        'config.auth_token = \'tk_9Hq2Lm7Vx4Rp8Zn3Bw6C\'',
        'export SERVICE_TOKEN="Ab3Cd4Ef5Gh6Ij7Kl8Mn9"',
      ],
      negative: [
        'API_KEY=${API_KEY}',
        'secret_name = "prod/db/password"',
        'token = get_token()',
        'api_key: "<your-api-key>"',
        'csrf_token = "a8f5f167f44f4964e6c998dee827110c"',
        'integrity_token = "sha512-Vq0vYbvQbq3m2Lr0qLx4Tkp3Y7g=="',
        'request_id = "9b2f4c1e-7a3d-4e5f-8b6a-1c2d3e4f5a6b"',
        'api_key = "abcdefghijklmnop"',
        'token_type = "Bearer"',
      ],
    },
  },
  {
    id: 'generic-xml-element-credential',
    kind: 'generic-password',
    severity: 'warning',
    title: 'Password in an XML element',
    description: 'A password-like XML element with a literal body (Maven settings.xml, Spring, web.config).',
    keywords: ['pass', 'pwd'],
    pattern: /<(?<name>[\w:.-]{0,40}(?:password|passwd|pwd|passphrase)[\w.-]{0,20})>\s{0,10}(?<secret>[^<\s]{4,200})\s{0,10}<\/\k<name>>/i,
    validate: (s, ctx) => acceptAssignedValue('password', s, true, ctx, ctx.groups.name),
    examples: {
      positive: ['<server><id>corp</id><password>Mv8#qL2xTp9</password></server>'],
      negative: ['<password>${env.MAVEN_PASSWORD}</password>', '<password>changeme</password>'],
    },
  },
  {
    id: 'generic-xml-element-token',
    kind: 'generic-api-key',
    severity: 'warning',
    title: 'Secret in an XML element',
    description: 'A secret/token/api-key XML element with a high-entropy literal body.',
    keywords: ['secret', 'token', 'apikey', 'api-key', 'api_key'],
    pattern: /<(?<name>[\w:.-]{0,40}(?:secret|token|apikey|api-key|api_key)[\w.-]{0,20})>\s{0,10}(?<secret>[^<\s]{8,300})\s{0,10}<\/\k<name>>/i,
    validate: (s, ctx) => !!nameIsCredential(ctx.groups.name ?? '') && acceptAssignedValue('secret', s, true, ctx, ctx.groups.name),
    examples: {
      positive: ['<apiToken>Hq7Lm2Zx9Vb4Nc8Rt3Wk</apiToken>'],
      negative: ['<tokenUrl>https://auth.example.org/token</tokenUrl>', '<apiToken>${API_TOKEN}</apiToken>'],
    },
  },
  {
    id: 'generic-key-value-pair',
    kind: 'generic-password',
    severity: 'warning',
    title: 'Password in a name/value pair',
    description:
      'A `name: DB_PASSWORD` / `value: …` pair (Kubernetes env, ECS task definitions, .NET appSettings `key`/`value`).',
    keywords: ['pass', 'pwd'],
    spanLines: 1,
    pattern: /(?:\bname|\bkey)["']?\s{0,4}[:=]\s{0,4}["']?(?<name>[\w.-]{0,40}(?:password|passwd|pwd|passphrase)[\w.-]{0,20})["']?\s{0,4},?\s{0,40}(?:-\s{1,4})?["']?value["']?\s{0,4}[:=]\s{0,4}(?<q>["']?)(?<secret>[^\s"',}]{4,200})\k<q>/i,
    validate: (s, ctx) => acceptAssignedValue('password', s, true, ctx, ctx.groups.name),
    examples: {
      positive: [
        '- name: DB_PASSWORD\n  value: "Lk8#vQ2pZx7"',
        '{ "name": "DB_PASSWORD", "value": "Lk8#vQ2pZx7" }',
        '<add key="SmtpPassword" value="Lk8vQ2pZx7w" />',
        '<property name="password" value="Jq8vN3xLp2"/>',
      ],
      negative: ['- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, key: pw}', '- name: DB_PASSWORD\n  value: ""'],
    },
  },
  {
    id: 'generic-key-value-pair-token',
    kind: 'generic-api-key',
    severity: 'warning',
    title: 'Secret in a name/value pair',
    description: 'A `name: API_TOKEN` / `value: …` pair with a high-entropy literal.',
    keywords: ['secret', 'token', 'api_key', 'apikey', 'api-key', 'access_key', 'accesskey'],
    spanLines: 1,
    pattern: /(?:\bname|\bkey)["']?\s{0,4}[:=]\s{0,4}["']?(?<name>[\w.-]{0,40}(?:secret|token|api_?key|apikey|access_?key)[\w.-]{0,20})["']?\s{0,4},?\s{0,40}(?:-\s{1,4})?["']?value["']?\s{0,4}[:=]\s{0,4}(?<q>["']?)(?<secret>[^\s"',}]{8,300})\k<q>/i,
    validate: (s, ctx) => !!nameIsCredential(ctx.groups.name ?? '') && acceptAssignedValue('secret', s, true, ctx, ctx.groups.name),
    examples: {
      positive: ['- name: STRIPE_API_KEY\n  value: "Qw7Er9Ty2Ui4Op6As8Df"'],
      negative: ['- name: API_TOKEN\n  valueFrom:\n    secretKeyRef: {name: api, key: token}'],
    },
  },
  {
    id: 'generic-cli-password-flag',
    kind: 'generic-password',
    severity: 'warning',
    title: 'Password on a command line',
    description: 'A password passed as a command-line flag (`--password X`, `mysql -pX`). It also lands in shell history and process lists.',
    keywords: ['--pass', '--pwd', '-p', '--db-pass', '--admin-pass'],
    pattern: /(?:(?<=\s|^)--(?<name>[\w-]{0,20}pass(?:word|wd)?)(?:=|[ \t]{1,4})|\bmysql(?:dump|admin)?\b[^\n]{0,200}?[ \t]-p)(?<q>["']?)(?<secret>[^\s"'$`;|&<>]{4,100})\k<q>/,
    validate: (s, ctx) => acceptAssignedValue('password', s, true, ctx, ''),
    examples: {
      positive: ['mysql -u admin -pRk8vQ2pZx7 appdb', 'app migrate --db-password "Zr7#kLq2Vm" --verbose'],
      negative: ['mysql -u admin -p appdb', 'app --password "$DB_PASSWORD"', 'psql --password'],
    },
  },
  {
    id: 'generic-authorization-header',
    kind: 'generic-api-key',
    severity: 'warning',
    title: 'Bearer or Basic credential in an Authorization header',
    description: 'A literal bearer token or basic credential in an Authorization header.',
    keywords: ['authorization'],
    pattern: /authorization["']?\s{0,4}[:=,]\s{0,4}["'\x60]?(?:Bearer|Basic|Token)\s{1,4}(?<secret>[A-Za-z0-9._~+/\-]{16,1000}={0,2})/i,
    validate: (s, ctx) => acceptAssignedValue('secret', s, true, ctx, ''),
    examples: {
      positive: ['curl -H "Authorization: Bearer Zq8Lm3Vx7Rt2Np9Wk4Bc6Df" https://api.internal'],
      negative: ['headers = {"Authorization": f"Bearer {token}"}', '"Authorization: Bearer $TOKEN"'],
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
    keywords: ['identified by', 'with password', 'password \''],
    pattern: /(?:IDENTIFIED\s{1,4}BY|WITH\s{1,4}(?:ENCRYPTED\s{1,4})?PASSWORD|PASSWORD\s{0,4}=?)\s{0,4}'(?<secret>[^'\s]{4,100})'/i,
    validate: (s, ctx) => acceptAssignedValue('password', s, true, { ...ctx, path: undefined }, ''),
    examples: {
      positive: ["CREATE USER app WITH PASSWORD 'Qm7#vL2xZ9';", "CREATE USER 'app'@'%' IDENTIFIED BY 'Rt8!kWq3Pz';"],
      negative: ["CREATE USER app WITH PASSWORD 'changeme';", "ALTER USER app WITH PASSWORD :'pw';"],
    },
  },
];
