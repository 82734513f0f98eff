/**
 * Passwords passed positionally to well-known APIs, where no name says "password": `new PDO($dsn, 'app', '…')`,
 * `DriverManager.getConnection(url, "app", "…")`, `server.login("mailer", "…")`, `new NetworkCredential("svc", "…")`.
 * One entry per API: its call, how many arguments come before the password, and its own examples. The call's
 * signature is the name here; the value must still be a literal that is not a placeholder.
 * All example passwords below are generated fakes.
 */
import type { MatchContext, RuleSpec } from '../types';
import { isRealPassword } from './connection';
import { acceptAssignedValue } from './generic-values';

interface PasswordCall {
  /** Rule id suffix: `password-argument-<id>`. */
  id: string;
  /** What the call is, for the title. */
  api: string;
  /** Lower-case literals of the call (the prefilter's routing). */
  keywords: string[];
  /** Regex source of the call up to and including its `(` (case-sensitive, as the language spells it). */
  callee: string;
  /** Arguments before the password. */
  before: number;
  examples: { positive: string[]; negative: string[] };
}

/** One earlier argument: a string literal, a number, a name or member (`$dsn`, `cfg.user`), or a short call. */
const ARG = String.raw`(?:"(?:[^"\\\r\n]|\\.){0,300}"|'(?:[^'\\\r\n]|\\.){0,300}'|\d{1,6}|[$@:]?[A-Za-z_][\w.$:>\[\]-]{0,120}(?:\([^()\r\n]{0,80}\))?)`;
const SEP = String.raw`\s{0,20},\s{0,20}`;
/** The password: a quoted literal (`@"…"`/`r"…"` prefixes allowed), optionally `.toCharArray()` after it. */
const PASSWORD = String.raw`[@rRbBuU]?(?<q>["'])(?<secret>[^"'\\\r\n]{4,200})\k<q>`;

const CALLS: PasswordCall[] = [
  {
    id: 'pdo',
    api: 'PHP PDO / mysqli connection',
    keywords: ['pdo(', 'mysqli(', 'mysqli_connect('],
    callee: String.raw`\b(?:new\s+\\?PDO|new\s+\\?mysqli|mysqli_connect)\s*\(`,
    before: 2,
    examples: {
      positive: [
        "$pdo = new PDO('mysql:host=db;dbname=shop', 'shop', 'Vq7xL2mR9tKp');",
        '$db = mysqli_connect("db.internal", "app", "Hn4Wz8qLr2Ty", "orders");',
      ],
      negative: [
        "$pdo = new PDO($dsn, $user, $password);",
        "$pdo = new PDO('mysql:host=db;dbname=shop', 'shop', getenv('DB_PASSWORD'));",
        "$pdo = new PDO('mysql:host=db', 'root', 'password');",
      ],
    },
  },
  {
    id: 'jdbc',
    api: 'JDBC DriverManager connection',
    keywords: ['getconnection('],
    callee: String.raw`\bDriverManager\s*\.\s*getConnection\s*\(`,
    before: 2,
    examples: {
      positive: ['Connection c = DriverManager.getConnection("jdbc:postgresql://db/app", "app", "Tz6pQ1vMx8Lw");'],
      negative: [
        'Connection c = DriverManager.getConnection(url, user, System.getenv("DB_PASSWORD"));',
        'Connection c = DriverManager.getConnection("jdbc:h2:mem:test", "sa", "");',
      ],
    },
  },
  {
    id: 'login',
    api: 'login(user, password) call (smtplib, ftplib, imaplib, test clients)',
    keywords: ['.login('],
    callee: String.raw`\.login\s*\(`,
    before: 1,
    examples: {
      positive: ['server.login("alerts@acme.io", "Rk3vX9pLq2Wn")', "ftp.login('deploy', 'Mb7Qz4xT1vRs')"],
      negative: ['server.login(user, password)', 'server.login("alerts@acme.io", os.environ["SMTP_PASSWORD"])', "client.login('admin', 'changeme')"],
    },
  },
  {
    id: 'mysql-python',
    api: 'Python MySQL connection (MySQLdb, pymysql, mysql.connector)',
    keywords: ['mysqldb.connect(', 'pymysql.connect(', 'connector.connect('],
    callee: String.raw`\b(?:MySQLdb|pymysql|mysql\.connector)\s*\.\s*connect\s*\(`,
    before: 2,
    examples: {
      positive: ['db = MySQLdb.connect("db.internal", "shop", "Pw8kL3zQv6Xn", "shop")'],
      negative: ['db = pymysql.connect(host, user, password, "shop")', 'db = pymysql.connect(host="db", user="shop")'],
    },
  },
  {
    id: 'net-smtp',
    api: 'Ruby Net::SMTP session',
    keywords: ['smtp.start('],
    callee: String.raw`\bNet::SMTP\s*\.\s*start\s*\(`,
    before: 4,
    examples: {
      positive: ["Net::SMTP.start('smtp.acme.io', 587, 'acme.io', 'mailer', 'Jq5Vn2xKt8Lz', :login) do |smtp|"],
      negative: ["Net::SMTP.start('smtp.acme.io', 587, 'acme.io', 'mailer', ENV['SMTP_PASSWORD'], :login)"],
    },
  },
  {
    id: 'network-credential',
    api: '.NET NetworkCredential',
    keywords: ['networkcredential('],
    callee: String.raw`\bnew\s+(?:System\.Net\.)?NetworkCredential\s*\(`,
    before: 1,
    examples: {
      positive: ['var cred = new NetworkCredential("svc-backup", "Xw4Lp9qZm2Rt");'],
      negative: ['var cred = new NetworkCredential(user, password);', 'var cred = new NetworkCredential("svc-backup", config["Smtp:Password"]);'],
    },
  },
  {
    id: 'smtp-plain-auth',
    api: 'Go smtp.PlainAuth',
    keywords: ['plainauth('],
    callee: String.raw`\bsmtp\s*\.\s*PlainAuth\s*\(`,
    before: 2,
    examples: {
      positive: ['auth := smtp.PlainAuth("", "alerts@acme.io", "Gz7Tq3vNk9Lp", "smtp.acme.io")'],
      negative: ['auth := smtp.PlainAuth("", user, os.Getenv("SMTP_PASSWORD"), host)'],
    },
  },
  {
    id: 'sequelize',
    api: 'Sequelize connection',
    keywords: ['sequelize('],
    callee: String.raw`\bnew\s+Sequelize\s*\(`,
    before: 2,
    examples: {
      positive: ["const sequelize = new Sequelize('shop', 'shop', 'Lc8Vw2pQx5Tn', { host: 'db', dialect: 'mysql' });"],
      negative: ["const sequelize = new Sequelize('shop', 'shop', process.env.DB_PASSWORD, { dialect: 'mysql' });"],
    },
  },
  {
    id: 'basic-auth',
    api: 'HTTP basic-auth credentials object',
    keywords: ['basicauth(', 'digestauth(', 'passwordcredentials(', 'passwordauthentication(', 'basicauthentication('],
    callee: String.raw`\b(?:new\s+)?(?:HTTPBasicAuth|HTTPDigestAuth|UsernamePasswordCredentials|PasswordAuthentication|basicAuthentication|setBasicAuth|withBasicAuth)\s*\(`,
    before: 1,
    examples: {
      positive: [
        'r = requests.get(url, auth=HTTPBasicAuth("reporter", "Nv3Kq8zLx1Wp"))',
        'new UsernamePasswordCredentials("jenkins", "Fp6Rz1xQv9Mt")',
        'return new PasswordAuthentication("mailer", "Yt2Lq7vXn4Kz".toCharArray());',
      ],
      negative: ['auth=HTTPBasicAuth(user, os.environ["API_PASSWORD"])', 'new UsernamePasswordCredentials("jenkins", "${JENKINS_PASSWORD}")'],
    },
  },
];

function passwordRule(call: PasswordCall): RuleSpec {
  const pattern = new RegExp(`${call.callee}\\s{0,20}(?:${ARG}${SEP}){${call.before}}${PASSWORD}`);
  return {
    id: `password-argument-${call.id}`,
    kind: 'generic-password',
    severity: 'warning',
    title: `Password argument of ${call.api}`,
    description: `A literal password passed to ${call.api}. Load it from AWS Secrets Manager or the environment.`,
    keywords: call.keywords,
    pattern,
    spanLines: 4, // one argument per line is common in long calls
    validate: (secret: string, ctx: MatchContext) =>
      isRealPassword(secret) && acceptAssignedValue('password', secret, true, ctx, 'password'),
    examples: call.examples,
  };
}

export const RULES: RuleSpec[] = CALLS.map(passwordRule);
