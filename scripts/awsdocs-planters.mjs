/**
 * Planting styles for scripts/eval-awsdocs-fixes.mjs: each takes the text of a real awsdocs example file and
 * the fake values { K: key id, S: secret key, T: session token } and returns the text with static credentials
 * planted the way a developer would (or undefined when the file has no spot for this style).
 * Every style edits the FIRST client construction it recognises, so a pinned (path, style) pair is reproducible.
 */

const lineStartAt = (t, i) => t.lastIndexOf('\n', i - 1) + 1;
const indentAt = (t, i) => /^[ \t]*/.exec(t.slice(lineStartAt(t, i)))[0];
const insertAt = (t, i, s) => t.slice(0, i) + s + t.slice(i);

/** Inserts `decl` (one or more lines) before the line holding offset `i`, with that line's indentation. */
function declBefore(t, i, decl) {
  const ls = lineStartAt(t, i);
  const ind = indentAt(t, i);
  return insertAt(t, ls, decl.split('\n').map((l) => ind + l).join('\n') + '\n');
}

/** Index just after the last line matching `re` (imports/requires/uses); -1 when none. */
function afterLast(t, re) {
  let at = -1;
  for (const m of t.matchAll(re)) at = m.index + m[0].length;
  if (at < 0) return -1;
  const nl = t.indexOf('\n', at);
  return nl < 0 ? t.length : nl + 1;
}

function addLineAfter(t, re, line) {
  if (t.includes(line.trim())) return t;
  const at = afterLast(t, re);
  return at < 0 ? undefined : insertAt(t, at, line + '\n');
}

/** First match of `re` on a code line (not in a `#`, `//` or `*` comment line). */
function codeExec(re, t) {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
  for (const m of t.matchAll(g)) {
    if (!/^\s*(?:#|\/\/|\/?\*)/.test(t.slice(lineStartAt(t, m.index), m.index))) return m;
  }
  return null;
}

/** Start of the statement containing offset i, approximated as the first non-blank of its line. */
const stmtStart = (t, i) => lineStartAt(t, i) + indentAt(t, i).length;

// ---------------------------------------------------------------- JavaScript SDK v3
const JS_CLIENT = /new ([A-Z]\w*Client)\((\{)?/;
const JS = {
  'js-inline': (t, v) => {
    const m = codeExec(JS_CLIENT, t);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    const creds = `credentials: { accessKeyId: "${v.K}", secretAccessKey: "${v.S}" }`;
    if (m[2]) return insertAt(t, at, /^\s*\}/.test(t.slice(at)) ? ` ${creds} ` : ` ${creds}, `);
    if (t[at] === ')') return insertAt(t, at, `{ ${creds} }`);
    return undefined; // a config variable: not this style
  },
  // a credentials object declared before the client, passed as `credentials` (shorthand or named)
  'js-const': (t, v) => {
    const m = codeExec(JS_CLIENT, t);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    let out;
    if (m[2]) out = insertAt(t, at, /^\s*\}/.test(t.slice(at)) ? ' credentials ' : ' credentials, ');
    else if (t[at] === ')') out = insertAt(t, at, '{ credentials }');
    else return undefined;
    return declBefore(out, stmtStart(out, m.index), `const credentials = {\n  accessKeyId: "${v.K}",\n  secretAccessKey: "${v.S}",\n  sessionToken: "${v.T}",\n};`);
  },
  // the client's whole configuration object held in a variable
  'js-config-var': (t, v) => {
    const m = codeExec(JS_CLIENT, t);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    let cfg;
    let out;
    if (m[2]) {
      const close = matchParen(t, at - 1);
      if (close < 0) return undefined;
      const inner = t.slice(at, close).trim().replace(/,\s*$/, '');
      cfg = inner ? `{\n  ${inner},\n  credentials: { accessKeyId: "${v.K}", secretAccessKey: "${v.S}" },\n}` : `{\n  credentials: { accessKeyId: "${v.K}", secretAccessKey: "${v.S}" },\n}`;
      out = t.slice(0, at - 1) + 'clientConfig' + t.slice(close + 1);
    } else if (t[at] === ')') {
      cfg = `{\n  credentials: { accessKeyId: "${v.K}", secretAccessKey: "${v.S}" },\n}`;
      out = insertAt(t, at, 'clientConfig');
    } else return undefined;
    return declBefore(out, stmtStart(out, m.index), `const clientConfig = ${cfg};`);
  },
  // a module-level helper that builds every client with the static keys
  'js-helper': (t, v) => {
    const m = codeExec(JS_CLIENT, t);
    if (!m || !m[2]) return undefined;
    const close = matchParen(t, m.index + m[0].length - 2);
    if (close < 0) return undefined;
    const args = t.slice(m.index + m[0].length - 1, close);
    let out = t.slice(0, m.index) + `makeClient(${m[1]}, ${args})` + t.slice(close + 1);
    const helper = `\nconst staticCredentials = { accessKeyId: "${v.K}", secretAccessKey: "${v.S}" };\nconst makeClient = (ClientClass, config = {}) =>\n  new ClientClass({ ...config, credentials: staticCredentials });\n`;
    const at = afterLast(out, /^(?:import .*|.*require\(.*\).*;?)$/gm);
    return at < 0 ? undefined : insertAt(out, at, helper);
  },
};

function matchParen(t, open) {
  const pairs = { '(': ')', '{': '}', '[': ']' };
  const stack = [];
  let q = null;
  for (let i = open; i < t.length; i++) {
    const c = t[i];
    if (q) { if (c === '\\') i++; else if (c === q) q = null; continue; }
    if (c === '"' || c === "'" || c === '`') { q = c; continue; }
    if (pairs[c]) stack.push(pairs[c]);
    else if (c === ')' || c === '}' || c === ']') { if (stack.pop() !== c) return -1; if (!stack.length) return i; }
  }
  return -1;
}

// ---------------------------------------------------------------- Python boto3
const PY_CLIENT = /boto3\.(client|resource|Session)\(/;
const PY = {
  // keys as keyword arguments (after the existing ones)
  'py-kwargs': (t, v) => {
    const m = codeExec(PY_CLIENT, t);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    const kw = `aws_access_key_id="${v.K}", aws_secret_access_key="${v.S}"`;
    if (t[at] === ')') return insertAt(t, at, kw);
    const close = matchParen(t, at - 1);
    if (close < 0) return undefined;
    return insertAt(t, close, t.slice(0, close).trimEnd().endsWith(',') ? ` ${kw}` : `, ${kw}`);
  },
  'py-session': (t, v) => {
    const m = codeExec(/boto3\.(client|resource)\(/, t);
    if (!m) return undefined;
    return t.slice(0, m.index) + `boto3.Session(\n    aws_access_key_id="${v.K}",\n    aws_secret_access_key="${v.S}",\n    aws_session_token="${v.T}",\n).${m[1]}(` + t.slice(m.index + m[0].length);
  },
  // the default session configured once at start-up
  'py-default-session': (t, v) => {
    if (!codeExec(PY_CLIENT, t)) return undefined;
    const imp = afterLast(t, /^(?:import |from \S+ import ).*$/gm);
    if (imp < 0) return undefined;
    return insertAt(t, imp, `\nboto3.setup_default_session(\n    aws_access_key_id="${v.K}",\n    aws_secret_access_key="${v.S}",\n)\n`);
  },
  'py-consts': (t, v) => {
    const m = codeExec(PY_CLIENT, t);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    const kw = 'aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY';
    const close = matchParen(t, at - 1);
    if (close < 0) return undefined;
    const out = insertAt(t, close, t[at] === ')' ? kw : t.slice(0, close).trimEnd().endsWith(',') ? ` ${kw}` : `, ${kw}`);
    const imp = afterLast(out, /^(?:import |from \S+ import ).*$/gm);
    if (imp < 0) return undefined;
    return insertAt(out, imp, `\nACCESS_KEY = "${v.K}"\nSECRET_KEY = "${v.S}"\n`);
  },
};

// ---------------------------------------------------------------- Go SDK v2
function goImport(t, pkg) {
  if (t.includes(`"${pkg}"`)) return t;
  const m = /^import \(\n/m.exec(t);
  if (m) return insertAt(t, m.index + m[0].length, `\t"${pkg}"\n`);
  const one = /^import ("[^"]+")\n/m.exec(t);
  if (one) return t.slice(0, one.index) + `import (\n\t${one[1]}\n\t"${pkg}"\n)\n` + t.slice(one.index + one[0].length);
  return undefined;
}
const GO_LOAD = /config\.LoadDefaultConfig\(([^)\n]*)\)/;
const GO = {
  'go-option': (t, v) => {
    const m = codeExec(GO_LOAD, t);
    if (!m) return undefined;
    const out = t.slice(0, m.index) + `config.LoadDefaultConfig(${m[1]},\n\t\tconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("${v.K}", "${v.S}", "")))` + t.slice(m.index + m[0].length);
    return goImport(out, 'github.com/aws/aws-sdk-go-v2/credentials');
  },
  // the config is loaded, then its Credentials field is overwritten
  'go-assign': (t, v) => {
    const m = codeExec(/(\w+), (\w+) :?= config\.LoadDefaultConfig\([^\n]*\n/, t);
    if (!m) return undefined;
    // after the error check that follows, or right after the call
    const rest = t.slice(m.index + m[0].length);
    const chk = /^([ \t]*)if \w+ != nil \{[\s\S]*?\n\1\}\n/.exec(rest);
    const at = m.index + m[0].length + (chk ? chk[0].length : 0);
    const ind = indentAt(t, m.index);
    let out = insertAt(t, at, `${ind}${m[1]}.Credentials = aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("${v.K}", "${v.S}", "${v.T}"))\n`);
    out = goImport(out, 'github.com/aws/aws-sdk-go-v2/credentials');
    return out && goImport(out, 'github.com/aws/aws-sdk-go-v2/aws');
  },
};

// ---------------------------------------------------------------- Java SDK v2
const JAVA_IMPORTS = ['software.amazon.awssdk.auth.credentials.AwsBasicCredentials', 'software.amazon.awssdk.auth.credentials.StaticCredentialsProvider'];
function javaImports(t) {
  let out = t;
  for (const i of JAVA_IMPORTS) out = out && addLineAfter(out, /^(?:package|import) [^\n]*;$/gm, `import ${i};`);
  return out;
}
const JAVA_BUILDER = /\b([A-Z]\w*Client)\.builder\(\)/;
const JAVA = {
  'java-inline': (t, v) => {
    const m = codeExec(JAVA_BUILDER, t);
    if (!m) return undefined;
    const ind = indentAt(t, m.index);
    return javaImports(insertAt(t, m.index + m[0].length, `\n${ind}        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("${v.K}", "${v.S}")))`));
  },
  // a lambda as the provider
  'java-lambda': (t, v) => {
    const m = codeExec(JAVA_BUILDER, t);
    if (!m) return undefined;
    const ind = indentAt(t, m.index);
    const out = insertAt(t, m.index + m[0].length, `\n${ind}        .credentialsProvider(() -> AwsBasicCredentials.create("${v.K}", "${v.S}"))`);
    return out && addLineAfter(out, /^(?:package|import) [^\n]*;$/gm, `import ${JAVA_IMPORTS[0]};`);
  },
  'java-var': (t, v) => {
    const m = codeExec(JAVA_BUILDER, t);
    if (!m) return undefined;
    const ind = indentAt(t, m.index);
    const out = insertAt(t, m.index + m[0].length, `\n${ind}        .credentialsProvider(StaticCredentialsProvider.create(awsCreds))`);
    return javaImports(declBefore(out, stmtStart(out, m.index), `AwsBasicCredentials awsCreds = AwsBasicCredentials.create(\n        "${v.K}",\n        "${v.S}");`));
  },
};

// ---------------------------------------------------------------- Kotlin SDK
const KT_CLIENT = /\b([A-Z]\w*Client)(?:\.fromEnvironment)?\s*\{[ \t]*/;
function ktImport(t, imp) { return addLineAfter(t, /^(?:package|import) [^\n]*$/gm, `import ${imp}`); }
const KT_PROVIDER = 'aws.smithy.kotlin.runtime.auth.awscredentials.StaticCredentialsProvider';
/** A one-line block (`{ region = "…" }`): the rest of it moves to its own line. */
const ktRest = (t, at, ind) => (t[at] === '\n' ? '' : `\n${ind}    `);
const KT = {
  'kt-inline': (t, v) => {
    const m = codeExec(KT_CLIENT, t);
    if (!m || /Client\s*\{\s*\}/.test(m[0])) return undefined;
    const ind = indentAt(t, m.index);
    const at = m.index + m[0].length;
    const out = insertAt(t, at, `\n${ind}    credentialsProvider = StaticCredentialsProvider {\n${ind}        accessKeyId = "${v.K}"\n${ind}        secretAccessKey = "${v.S}"\n${ind}    }${ktRest(t, at, ind)}`);
    return ktImport(out, KT_PROVIDER);
  },
  'kt-positional': (t, v) => {
    const m = codeExec(KT_CLIENT, t);
    if (!m || /Client\s*\{\s*\}/.test(m[0])) return undefined;
    const ind = indentAt(t, m.index);
    const at = m.index + m[0].length;
    let out = insertAt(t, at, `\n${ind}    credentialsProvider = StaticCredentialsProvider(Credentials("${v.K}", "${v.S}"))${ktRest(t, at, ind)}`);
    out = ktImport(out, KT_PROVIDER);
    return out && ktImport(out, 'aws.smithy.kotlin.runtime.auth.awscredentials.Credentials');
  },
  'kt-val': (t, v) => {
    const m = codeExec(KT_CLIENT, t);
    if (!m) return undefined;
    const ind = indentAt(t, m.index);
    const at = m.index + m[0].length;
    let out = insertAt(t, at, `\n${ind}    credentialsProvider = staticCredentials${ktRest(t, at, ind)}`);
    out = declBefore(out, stmtStart(out, m.index), `val staticCredentials = StaticCredentialsProvider(\n    Credentials(accessKeyId = "${v.K}", secretAccessKey = "${v.S}"),\n)`);
    out = ktImport(out, KT_PROVIDER);
    return out && ktImport(out, 'aws.smithy.kotlin.runtime.auth.awscredentials.Credentials');
  },
};

// ---------------------------------------------------------------- C#
const CS_CLIENT = /new (Amazon\w*Client)\(/;
const csUsing = (t) => addLineAfter(t, /^using [^\n]*;$/gm, 'using Amazon.Runtime;') ?? ('using Amazon.Runtime;\n' + t);
const CS = {
  'cs-inline': (t, v) => {
    const m = codeExec(CS_CLIENT, t);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    return csUsing(insertAt(t, at, `new BasicAWSCredentials("${v.K}", "${v.S}")${t[at] === ')' ? '' : ', '}`));
  },
  'cs-var': (t, v) => {
    const m = codeExec(CS_CLIENT, t);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    const out = insertAt(t, at, `credentials${t[at] === ')' ? '' : ', '}`);
    return csUsing(declBefore(out, stmtStart(out, m.index), `var credentials = new SessionAWSCredentials("${v.K}", "${v.S}", "${v.T}");`));
  },
  'cs-typed-var': (t, v) => {
    const m = codeExec(CS_CLIENT, t);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    const out = insertAt(t, at, `awsCredentials${t[at] === ')' ? '' : ', '}`);
    return csUsing(declBefore(out, stmtStart(out, m.index), `AWSCredentials awsCredentials = new BasicAWSCredentials(\n    "${v.K}",\n    "${v.S}");`));
  },
  'cs-string': (t, v) => {
    const m = codeExec(CS_CLIENT, t);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    return insertAt(t, at, `"${v.K}", "${v.S}"${t[at] === ')' ? '' : ', '}`);
  },
};

// ---------------------------------------------------------------- Ruby
const RB_CLIENT = /Aws::(\w+)::(Client|Resource)\.new(\()?/;
const RB = {
  'rb-kwargs': (t, v) => {
    const m = codeExec(RB_CLIENT, t);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    const kw = `access_key_id: '${v.K}', secret_access_key: '${v.S}'`;
    if (!m[3]) return /^\s*\w/.test(t.slice(at, at + 2)) && t[at] === ' ' ? undefined : insertAt(t, at, `(${kw})`);
    return insertAt(t, at, t[at] === ')' ? kw : `${kw}, `);
  },
  'rb-creds': (t, v) => {
    const m = codeExec(RB_CLIENT, t);
    if (!m) return undefined;
    const at = m.index + m[0].length;
    const kw = `credentials: Aws::Credentials.new('${v.K}', '${v.S}')`;
    if (!m[3]) return t[at] === ' ' && /\w/.test(t[at + 1]) ? undefined : insertAt(t, at, `(${kw})`);
    return insertAt(t, at, t[at] === ')' ? kw : `${kw}, `);
  },
  'rb-config': (t, v) => {
    const at = afterLast(t, /^require[^\n]*$/gm);
    if (at < 0) return undefined;
    return insertAt(t, at, `\nAws.config.update(\n  region: 'us-east-1',\n  credentials: Aws::Credentials.new('${v.K}', '${v.S}')\n)\n`);
  },
};

// ---------------------------------------------------------------- PHP
const PHP_CLIENT = /new (\w*Client)\(\[[ \t]*/;
const PHP = {
  'php-array': (t, v) => {
    const m = codeExec(PHP_CLIENT, t);
    if (!m) return undefined;
    const ind = indentAt(t, m.index);
    const multi = t[m.index + m[0].length] === '\n';
    return insertAt(t, m.index + m[0].length, multi
      ? `\n${ind}    'credentials' => [\n${ind}        'key' => '${v.K}',\n${ind}        'secret' => '${v.S}',\n${ind}    ],`
      : `'credentials' => ['key' => '${v.K}', 'secret' => '${v.S}'], `);
  },
  'php-object': (t, v) => {
    const m = codeExec(PHP_CLIENT, t);
    if (!m) return undefined;
    let out = insertAt(t, m.index + m[0].length, `'credentials' => $credentials, `);
    out = declBefore(out, stmtStart(out, m.index), `$credentials = new Credentials('${v.K}', '${v.S}');`);
    return addLineAfter(out, /^(?:namespace|use) [^\n]*;$/gm, 'use Aws\\Credentials\\Credentials;');
  },
};

// ---------------------------------------------------------------- Rust
const RS_LOAD = /aws_config::(load_from_env\(\)|from_env\(\)|load_defaults\((BehaviorVersion::[\w:]+\(\))\)|defaults\((BehaviorVersion::[\w:]+\(\))\))/;
function rsImport(t) {
  if (t.includes('use aws_credential_types::Credentials;')) return t;
  const at = afterLast(t, /^use [^\n]*;$/gm);
  return at < 0 ? 'use aws_credential_types::Credentials;\n' + t : insertAt(t, at, 'use aws_credential_types::Credentials;\n');
}
function rsLoader(t, provider) {
  const m = codeExec(RS_LOAD, t);
  if (!m) return undefined;
  const bv = m[2] ?? m[3];
  let repl;
  if (m[1] === 'load_from_env()') repl = `aws_config::from_env().credentials_provider(${provider}).load()`;
  else if (m[1] === 'from_env()') repl = `aws_config::from_env().credentials_provider(${provider})`;
  else if (m[2]) repl = `aws_config::defaults(${bv}).credentials_provider(${provider}).load()`;
  else repl = `aws_config::defaults(${bv}).credentials_provider(${provider})`;
  return { out: t.slice(0, m.index) + repl + t.slice(m.index + m[0].length), at: m.index };
}
const RS_CLIENT = /(aws_sdk_\w+)::Client::new\(&(\w+)\)/;
const RS = {
  // a service config built from the shared one, with a static provider
  'rs-service-config': (t, v) => {
    const m = codeExec(RS_CLIENT, t);
    if (!m) return undefined;
    const out = t.slice(0, m.index) + `${m[1]}::Client::from_conf(\n        ${m[1]}::config::Builder::from(&${m[2]})\n            .credentials_provider(Credentials::new("${v.K}", "${v.S}", None, None, "static"))\n            .build(),\n    )` + t.slice(m.index + m[0].length);
    return rsImport(out);
  },
  'rs-provider': (t, v) => {
    const r = rsLoader(t, `Credentials::new("${v.K}", "${v.S}", None, None, "static")`);
    return r && rsImport(r.out);
  },
  'rs-let': (t, v) => {
    const r = rsLoader(t, 'creds');
    if (!r) return undefined;
    return rsImport(declBefore(r.out, stmtStart(r.out, r.at), `let creds = Credentials::from_keys(\n    "${v.K}",\n    "${v.S}",\n    Some("${v.T}".to_string()),\n);`));
  },
};

// ---------------------------------------------------------------- C++
const CPP_CLIENT = /\bAws::(\w+)::(\w+Client) (\w+)\((\w+)\);/;
const CPP = {
  'cpp-ctor': (t, v) => {
    const m = codeExec(CPP_CLIENT, t);
    if (!m) return undefined;
    const out = t.slice(0, m.index) + `Aws::${m[1]}::${m[2]} ${m[3]}(credentials, ${m[4]});` + t.slice(m.index + m[0].length);
    return declBefore(out, stmtStart(out, m.index), `Aws::Auth::AWSCredentials credentials("${v.K}", "${v.S}");`);
  },
};

export const STYLES = { ...JS, ...PY, ...GO, ...JAVA, ...KT, ...CS, ...RB, ...PHP, ...RS, ...CPP };

/** Static-credential constructs per language: a fix must leave fewer of them. */
export const STATIC_CONSTRUCTS = {
  javascript: /accessKeyId\s*:|secretAccessKey\s*:|sessionToken\s*:/g,
  typescript: /accessKeyId\s*:|secretAccessKey\s*:|sessionToken\s*:/g,
  python: /aws_access_key_id\s*=|aws_secret_access_key\s*=|aws_session_token\s*=/g,
  go: /NewStaticCredentialsProvider|NewStaticCredentials\b|aws\.Credentials\{/g,
  java: /AwsBasicCredentials\.create|AwsSessionCredentials\.create|StaticCredentialsProvider\.create|new (?:BasicAWSCredentials|BasicSessionCredentials|AWSStaticCredentialsProvider)\b/g,
  kotlin: /StaticCredentialsProvider|Credentials\s*\(\s*accessKeyId|accessKeyId\s*=/g,
  csharp: /new (?:Basic|Session)AWSCredentials\b|new Amazon\w*Client\(\s*(?:"|[\w.]*(?:[Kk]ey|[Ss]ecret|[Cc]redential))/g,
  ruby: /access_key_id:|secret_access_key:|Aws::Credentials\.new/g,
  php: /'key'\s*=>|'secret'\s*=>|new Credentials\(/g,
  rust: /Credentials::new|Credentials::from_keys/g,
  cpp: /AWSCredentials\s+\w+\(|SimpleAWSCredentialsProvider/g,
};
