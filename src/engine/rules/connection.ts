/**
 * Connection strings and URLs with embedded credentials: database URLs, JDBC, ADO.NET, ODBC, and
 * basic-auth URLs (http/ftp/smtp/ldap/...). The reported secret is the password (or the token used as user name),
 * so fingerprints stay stable when host or database change. Placeholders (`user:password@`, `${PASSWORD}`,
 * `:pass@`, `<password>`, `****`, `%s`, empty) are rejected. All example passwords below are generated fakes.
 */
import { shannonEntropy } from '../entropy';
import { isTestPath } from '../languages';
import { isPlaceholder } from '../placeholders';
import type { MatchContext, RuleSpec } from '../types';

const WEAK_PLACEHOLDERS =
  /^(?:pass|passwd|passw[o0]rd\d{0,3}|pwd|pw|p@ss|p@ssw[o0]rd|my[_-]?pass(?:word)?|db[_-]?pass(?:word)?|dbpassword|pass(?:word)?123|secret|s3cr3t|changeit|x-oauth-basic|\*+|x+|\.+|-+|_+|\?+|#+)$/i;
const ENCODED_TEMPLATE = /%3C|%3E|%7B|%7D|%24/i;
const LOCAL_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal)$/i;

/** True for a literal, non-placeholder password; `user == password` on a local host counts as a dev default. */
export function isRealPassword(password: string, user?: string, host?: string): boolean {
  if (password.length < 4) return false; // `a:b@`, `user:abc@` are stubs, not credentials
  if (isPlaceholder(password) || WEAK_PLACEHOLDERS.test(password) || ENCODED_TEMPLATE.test(password)) return false;
  if (/^\$|^%[sd]$|^:\w+$|^\{\d*\}$/.test(password)) return false; // $VAR, %s, :param, {0}
  if (/^[a-z]{2,12}pass(?:word|wd)?\d{0,4}$|^pass(?:word|wd)[a-z]{2,12}\d{0,4}$/i.test(password)) return false; // `authpassword`, `somepassword1`
  if (user !== undefined && password === user && host !== undefined && LOCAL_HOST.test(host)) return false;
  return true;
}

/** Tokens with a provider prefix are reported by their provider rule (better kind and advice), not as a URL password. */
const PROVIDER_TOKEN = /^(?:gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt|ft|oas)-|xox[abeoprs]-|[sr]k_(?:live|test)_|npm_|hf_|gsk_|glc_|glsa_|AKCp|dckr_pat_|pypi-|sk-(?:proj|ant|svcacct|admin)-)/;

/** The match's line, cut to 400 characters either side so a huge minified line stays linear. */
function nearbyLineText(ctx: MatchContext): string {
  const from = Math.max(0, ctx.matchOffset - 400);
  const seg = ctx.text.slice(from, Math.min(ctx.text.length, ctx.matchOffset + ctx.match.length + 400));
  const at = ctx.matchOffset - from;
  const end = seg.indexOf('\n', at);
  return seg.slice(seg.lastIndexOf('\n', at) + 1, end === -1 ? seg.length : end);
}


/**
 * URL-parser tests spell dummy credentials with escapes (`user:pa%3Fss@`) or against loopback; in a test file
 * those are inputs to the parser, not credentials. (Reserved names such as example.com are not a cue: real
 * staging credentials are often written against them in docs and scripts.)
 */
function isParserTestUrl(secret: string, ctx: MatchContext): boolean {
  if (!isTestPath(ctx.path)) return false;
  return /%[0-9A-Fa-f]{2}/.test(secret) || /%[0-9A-Fa-f]{2}/.test(ctx.groups.user ?? '') || /^127(?:\.\d{1,3}){3}$/.test(ctx.groups.host ?? '');
}

const urlPassword = (secret: string, ctx: MatchContext): boolean =>
  !PROVIDER_TOKEN.test(secret) &&
  isRealPassword(secret, ctx.groups.user, ctx.groups.host) &&
  !/^(?:host|hostname)$/i.test(ctx.groups.host ?? '') &&
  !isParserTestUrl(secret, ctx);

export const RULES: RuleSpec[] = [
  {
    id: 'db-url-credentials',
    kind: 'db-connection-string',
    severity: 'error',
    title: 'Database URL with embedded password',
    description: 'A database connection URL (PostgreSQL, MySQL/MariaDB, MongoDB, Redis, AMQP, SQL Server, Oracle, CockroachDB, ClickHouse, …) that embeds a password. Read the URL or the password from the environment or a secret store.',
    keywords: ['postgres', 'pgsql', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver', 'oracle', 'cockroach', 'clickhouse', 'couchdb', 'neo4j', 'cassandra', 'timescale', 'snowflake'],
    pattern: /\b(?:postgres(?:ql)?|pgsql|mysql[x2]?|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|cockroach(?:db)?|clickhouse|couchdbs?|neo4j(?:\+s|\+ssc)?|cassandra|timescaledb|snowflake)(?:\+[a-z0-9]{1,20})?:\/\/(?<user>[^:@/\s"'`<>]{0,64}):(?<secret>[^\s"'`<>/]{1,128})@(?<host>\[[0-9a-fA-F:]{2,45}\]|[A-Za-z0-9._-]{1,253})/,
    validate: urlPassword,
    examples: {
      positive: [
        'DATABASE_URL=postgres://app:l3k6Hog6gSJRzNJc@db.internal.acme.io:5432/app',
        "engine = create_engine('postgresql+psycopg2://etl:Dk52RYIN5UxWwc@10.0.3.7:5432/warehouse')",
        'const MONGO_SRV = "mongodb+srv://appuser:SsR8ZS04@ssw0rd@cluster0.abcde.mongodb.net/mydb?retryWrites=true";',
        'REDIS_URL=rediss://:uPwV6a4GVopKh3VsrW5FspvH@cache.acme.io:6380/0',
        'spring.rabbitmq.addresses=amqps://svc:QbA8dOzLQKqa99Vsj1@mq.acme.io:5671',
        'url = "jdbc:mysql://admin:oOnEwcYKvgZW@db.company.com:3306/app_db"',
      ],
      negative: [
        'DATABASE_URL=postgres://user:password@localhost:5432/db',
        'DATABASE_URL=postgres://user:pass@localhost/db',
        'DATABASE_URL=postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST}/app',
        'MONGO_URL=mongodb://admin:<password>@cluster0.mongodb.net/test',
        'REDIS_URL=redis://localhost:6379/0',
        'DATABASE_URL=mysql://root:****@db:3306/app',
        'fmt.Sprintf("postgres://%s:%s@%s/%s", user, pw, host, db)',
        'DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev',
        'DATABASE_URL=postgres://app:@db.internal:5432/app',
      ],
    },
  },
  {
    id: 'go-mysql-dsn-credentials',
    kind: 'db-connection-string',
    severity: 'error',
    title: 'Go MySQL DSN with embedded password',
    description: 'A go-sql-driver/mysql data source name (`user:password@tcp(host:port)/db`) that embeds a password.',
    keywords: ['@tcp(', '@unix('],
    pattern: /(?<![\w.-])(?<user>[\w.-]{1,64}):(?<secret>[^\s"'`@/]{1,128})@(?:tcp|unix)\(/,
    validate: urlPassword,
    examples: {
      positive: ['const legacyDSN = "inventory_ro:Zq2Sx9Lm4V@tcp(inventory-legacy.acme.internal:3306)/inventory?parseTime=true"'],
      negative: ['dsn := fmt.Sprintf("%s:%s@tcp(%s)/%s", user, pass, host, db)', 'dsn := "root:password@tcp(localhost:3306)/test"'],
    },
  },
  {
    id: 'jdbc-password-parameter',
    kind: 'db-connection-string',
    severity: 'error',
    title: 'JDBC URL with password parameter',
    description: 'A JDBC connection URL carrying `password=` (or `pwd=`). Pass the password from a secret store or environment instead.',
    keywords: ['jdbc:'],
    pattern: /[;?&](?:password|pwd)=(?<secret>[^;&\s"'`<>)]{1,128})/i,
    validate: (s, ctx) => {
      // Only inside a JDBC URL: `jdbc:` earlier on the same line with no whitespace or quote in between.
      const window = ctx.text.slice(Math.max(0, ctx.matchOffset - 400), ctx.matchOffset);
      const before = window.slice(window.lastIndexOf('\n') + 1);
      return /jdbc:[a-z0-9]{2,20}:[^\s"'`<>]*$/i.test(before) && isRealPassword(s);
    },
    examples: {
      positive: [
        'spring.datasource.url=jdbc:postgresql://db.acme.io:5432/app?user=app&password=TJbaaDWBqA19d27V&ssl=true',
        'String url = "jdbc:sqlserver://sql.acme.io:1433;databaseName=crm;user=svc;password=A8VRQvFjKWQvS3Bn;encrypt=true";',
      ],
      negative: [
        'jdbc:postgresql://db.acme.io:5432/app?user=app&password=${DB_PASSWORD}',
        'jdbc:mysql://localhost:3306/app?useSSL=false',
        'url=jdbc:mysql://db:3306/app login?user=a&password=WMMIAqCjua8Y',
      ],
    },
  },
  {
    id: 'jdbc-oracle-thin-credentials',
    kind: 'db-connection-string',
    severity: 'error',
    title: 'Oracle JDBC thin URL with password',
    description: 'An Oracle `jdbc:oracle:thin:user/password@host` URL.',
    keywords: ['jdbc:oracle:thin:'],
    pattern: /jdbc:oracle:thin:(?<user>[A-Za-z0-9_$#]{1,30})\/(?<secret>[^@\s"'`<>]{1,128})@/i,
    validate: urlPassword,
    examples: {
      positive: ['db.url=jdbc:oracle:thin:scott/FTIocMd9e7De@//ora.acme.io:1521/ORCLPDB1'],
      negative: ['db.url=jdbc:oracle:thin:scott/${ORACLE_PASSWORD}@//ora.acme.io:1521/ORCLPDB1', 'db.url=jdbc:oracle:thin:@//ora.acme.io:1521/ORCL'],
    },
  },
  {
    id: 'ado-net-connection-string',
    kind: 'db-connection-string',
    severity: 'error',
    title: 'ADO.NET connection string with password',
    description: 'A `Server=…;User Id=…;Password=…;` style connection string. Use integrated / managed identity auth or read the password from configuration secrets.',
    keywords: ['password='],
    pattern: /(?:^|[;"'`\s])Password\s{0,2}=\s{0,2}(?<secret>[^;"'`\s](?:[^;"'`\r\n]{0,126}[^;"'`\s])?)/i,
    validate: (secret, ctx) => {
      const line = nearbyLineText(ctx);
      return /(?:^|[;"'`\s])(?:Server|Data Source|Host|Address|Addr|Initial Catalog|Database)\s{0,2}=/i.test(line) && /(?:User ID|UserID|User|UID|Username)\s{0,2}=/i.test(line) && line.includes(';') && isRealPassword(secret);
    },
    examples: {
      positive: [
        '"DefaultConnection": "Server=sql.acme.io;Database=crm;User Id=crm_app;Password=aTZ7iqLoHDGFBaGM;Encrypt=True;"',
        'var cs = "Data Source=10.0.0.5,1433;Initial Catalog=Orders;User ID=sa;Password=fghipfiRyQ!ne7o";',
      ],
      negative: [
        '"DefaultConnection": "Server=sql.acme.io;Database=crm;User Id=crm_app;Password=${SQL_PASSWORD};"',
        '"DefaultConnection": "Server=(localdb)\\\\mssqllocaldb;Database=crm;Trusted_Connection=True;"',
        'password=LaEp7WHo6mpN25y4 # no connection-string context',
      ],
    },
  },
  {
    id: 'odbc-connection-string',
    kind: 'db-connection-string',
    severity: 'error',
    title: 'ODBC connection string with PWD',
    description: 'An ODBC `Driver=…;UID=…;PWD=…` connection string with a literal password.',
    keywords: ['pwd='],
    pattern: /(?:^|[;"'`\s])PWD\s{0,2}=\s{0,2}(?<secret>\{[^}\r\n]{1,128}\}|[^;"'`\s{](?:[^;"'`\r\n]{0,126}[^;"'`\s])?)/i,
    validate: (secret, ctx) => {
      const line = nearbyLineText(ctx);
      const bare = secret.startsWith('{') ? secret.slice(1, -1) : secret;
      return /(?:Driver|DSN|Server|UID|Database)\s{0,2}=/i.test(line) && line.includes(';') && isRealPassword(bare);
    },
    examples: {
      positive: ['conn = pyodbc.connect("DRIVER={ODBC Driver 18 for SQL Server};SERVER=sql.acme.io;DATABASE=crm;UID=etl;PWD=LZn2UUSurucCGJjd")', 'DSN=warehouse;UID=report;PWD={FY2nlseY;njyc4J};'],
      negative: ['conn = pyodbc.connect(f"DRIVER={{ODBC Driver 18}};SERVER={server};UID={user};PWD={password}")', 'PWD=/home/app # shell working dir'],
    },
  },
  {
    id: 'basic-auth-url',
    kind: 'basic-auth-url',
    severity: 'error',
    title: 'URL with embedded credentials',
    description: 'A URL (http, ftp, smtp, ldap, imap, ws, git, …) with `user:password@` credentials. Move the password to a secret store or the environment and build the URL at runtime.',
    keywords: ['://'],
    pattern: /\b(?:https?|ftps?|sftp|smtps?|ldaps?|imaps?|pop3s?|wss?|git|svn|ssh|socks5h?|nntp)(?:\+[a-z]{1,10})?:\/\/(?<user>[^:@/\s"'`<>]{1,64}):(?<secret>[^\s"'`<>/]{1,128})@(?<host>\[[0-9a-fA-F:]{2,45}\]|[A-Za-z0-9._-]{1,253})/,
    // `://`, then at most 64 + 1 + 128 characters, then `@`: most URLs in code and docs have no `@` that close.
    literalAfterKeyword: { literal: '@', chars: 194 },
    validate: urlPassword,
    examples: {
      positive: [
        'const API_URL = "https://apiuser:rE3K67CVkDsL@api.acme.io/v2";',
        'SECURE_FTP = "ftps://deployment:doRnh12JyS4T@files.acme.io/uploads"',
        'EMAIL_URL=smtp://mailer:k4AQhHiIAeO9XFCz@smtp.acme.io:587',
        'LDAP_URI=ldaps://cn=svc:jlFkQnO5ZZDA7x@ldap.acme.io',
        'git remote add origin https://x-access-token:SpdeXpzsaCvhAzhA4Y22@github.example.com/org/repo.git',
      ],
      negative: [
        'This URL: https://user:pass@example.com includes credential.',
        'proxy = "http://${PROXY_USER}:${PROXY_PASS}@proxy:3128"',
        'https://user:password@host/path',
        'https://example.com/path?next=http://foo',
        'mailto:ops@acme.io, see https://acme.io/@ops',
        'url = "https://%s:%s@%s" % (u, p, h)',
        'If you have percent-encoded credentials in a URL (e.g. `https://user:p%40ss@host`), the decoded value is used.',
      ],
    },
  },
  {
    id: 'url-embedded-token',
    kind: 'basic-auth-url',
    severity: 'error',
    title: 'URL with an access token as user name',
    description: 'A git/https URL that carries an access token as the user name (`https://<token>@host`, `…:x-oauth-basic@`).',
    keywords: ['://'],
    pattern: /\b(?:git\+)?https?:\/\/(?<secret>[A-Za-z0-9_-]{30,100})(?::x-oauth-basic)?@(?<host>[A-Za-z0-9._-]{1,253})/,
    // `://`, at most 100 + 14 characters (`:x-oauth-basic`), then `@`.
    literalAfterKeyword: { literal: '@', chars: 115 },
    entropy: 3,
    // Sentry DSNs carry a public key in the user slot; provider-prefixed tokens go to their provider rule.
    validate: (s, ctx) => !PROVIDER_TOKEN.test(s) && !/sentry/i.test(ctx.groups.host ?? '') && !isPlaceholder(s) && shannonEntropy(s) >= 3,
    examples: {
      positive: ['"private-pkg": "git+https://9516421bc5a5d774fb5239b9a821d70e9d39c80c:x-oauth-basic@github.com/acme/private.git#v1.0.0"', 'git clone https://aNCkb51g6Tfm0vNk3fjfHjP95CXY80lW4HSrf8bP@gitlab.acme.io/team/repo.git'],
      negative: ['git clone https://git@github.com/acme/repo.git', 'git clone https://xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx@github.com/acme/repo.git', 'SENTRY_DSN=https://4da7b9f1ea07e54d456aa77ab86882c0@o123456.ingest.sentry.io/4504000000000000'],
    },
  },
  {
    id: 'url-password-parameter',
    kind: 'basic-auth-url',
    severity: 'warning',
    title: 'URL with a password query parameter',
    description: 'A URL whose query string carries `password=` / `passwd=` / `pwd=`. Query strings end up in logs and proxies.',
    keywords: ['password=', 'passwd=', 'pwd='],
    pattern: /\b(?:https?|ftps?|wss?):\/\/[^\s"'`<>?]{1,200}\?(?:[^\s"'`<>#&]{0,100}&){0,10}(?:password|passwd|pwd)=(?<secret>[^&\s"'`<>#]{1,128})/i,
    validate: (s) => isRealPassword(decodeURIComponentSafe(s)),
    examples: {
      positive: ['LOGIN_URL=https://legacy.acme.io/api/login?user=svc&password=P88q1pwbT8QzqP&format=json'],
      negative: ['LOGIN_URL=https://legacy.acme.io/api/login?user=svc&password={password}', 'https://acme.io/reset?password=&token='],
    },
  },
];

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
