#!/usr/bin/env node
/**
 * Spot check of the fixes on REAL AWS SDK example files (awsdocs/aws-doc-sdk-examples), a dev tool, not in `npm test`.
 *
 * For each pinned (path, planting style) pair it reads the file from a local git mirror at a pinned commit, plants
 * fake static credentials the way a developer would (scripts/awsdocs-planters.mjs), and runs the built CLI `fix`
 * command on a copy in a temp dir:
 *   1. `fix --line <key id line>` (preferred fix), repeated on the line of any planted value still left (max 3 runs):
 *      pass = every planted value gone, fewer static-credential constructs, the client construction still there,
 *      and the file still parses (scripts/check-parse.mjs parsers; "unchecked" where no parser is installed);
 *   2. `fix --dry-run`: its output must contain no planted value;
 *   3. `fix --action env-var`: when it exits 0, no planted value may be left.
 * Output is masked (no value is printed). Nothing of awsdocs is committed: files are read from the mirror at run time.
 *
 * Usage: node scripts/eval-awsdocs-fixes.mjs [--mirror DIR] [--only LANG|PATH-SUBSTRING] [--verbose] [--json FILE]
 *        [--cases FILE]  (a JSON list of [path, style] rows instead of the built-in pinned list)
 *        [--keep DIR]   (also writes each planted file to DIR, fake values, for debugging; never commit them)
 *        node scripts/eval-awsdocs-fixes.mjs --discover STYLE [--mirror DIR]   (lists files where STYLE plants)
 * Needs a build (`npx tsc -p .`). Mirror: $AWSDOCS_MIRROR or /work/.mirror/awsdocs+aws-doc-sdk-examples/repo
 * (a git dir; `git clone --mirror https://github.com/awsdocs/aws-doc-sdk-examples` works too).
 */
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STYLES, STATIC_CONSTRUCTS } from './awsdocs-planters.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const COMMIT = '7d1e1237789cbf5033a7c22d917d17c64de1aaaa';

/**
 * `sub` replacements that turn an STS response's three fields into planted literals: `access(field)` is how the
 * example reads a field, `quote` the literal's quote.
 */
function stsFields(access, quote) {
  return ['AccessKeyId', 'SecretAccessKey', 'SessionToken'].map((f, i) => [access(f), `${quote}{${'KST'[i]}}${quote}`]);
}

// [path at COMMIT, planting style]; spread over services, SDK generations and example kinds
// (actions, scenarios, hello examples, helper classes).
const CASES = [
  // JavaScript SDK v3 (and one v2 file)
  ['javascriptv3/example_code/s3/actions/list-buckets.js', 'js-inline'],
  ['javascriptv3/example_code/dynamodb/actions/put-item.js', 'js-const'],
  ['javascriptv3/example_code/sqs/actions/send-message.js', 'js-inline'],
  ['javascriptv3/example_code/iam/actions/create-user.js', 'js-helper'],
  ['javascriptv3/example_code/lambda/actions/invoke.js', 'js-const'],
  ['javascriptv3/example_code/sns/libs/snsClient.js', 'js-inline'],
  ['javascriptv3/example_code/iam/scenarios/basic.js', 'sub', [['accessKeyId: AccessKeyId', 'accessKeyId: "{K}"'], ['secretAccessKey: SecretAccessKey', 'secretAccessKey: "{S}"']]],
  ['javascript/example_code/sts/sts_assumerole.js', 'sub', [['data.Credentials.AccessKeyId', '"{K}"'], ['data.Credentials.SecretAccessKey', '"{S}"'], ['data.Credentials.SessionToken', '"{T}"']]],
  ['javascriptv3/example_code/cross-services/aurora-serverless-app/src/client.ts', 'js-inline'],
  ['javascriptv3/example_code/cross-services/wkflw-pools-triggers/cdk/lib/user-repository.ts', 'js-const'],
  ['javascriptv3/example_code/iam/scenarios/basic.js', 'sub', [['accessKeyId: Credentials.AccessKeyId', 'accessKeyId: "{K}"'], ['secretAccessKey: Credentials.SecretAccessKey', 'secretAccessKey: "{S}"'], ['sessionToken: Credentials.SessionToken', 'sessionToken: "{T}"']]],
  ['javascriptv3/example_code/s3/actions/create-bucket.js', 'js-config-var'],
  ['javascriptv3/example_code/ec2/actions/describe-instances.js', 'js-config-var'],
  // Python boto3
  ['python/example_code/controltower/hello/hello_controltower.py', 'py-kwargs'],
  ['python/example_code/iam/policy_wrapper.py', 'py-consts'],
  ['python/example_code/ses/ses_receipt_handler.py', 'py-session'],
  ['python/example_code/bedrock-agent/knowledge_bases/knowledge_base.py', 'py-kwargs'],
  ['python/example_code/iam/scenario_create_user_assume_role.py', 'sub', stsFields((f) => `temp_credentials["${f}"]`, '"')],
  ['python/example_code/sts/session_token.py', 'sub', stsFields((f) => `temp_credentials["${f}"]`, '"')],
  ['python/example_code/sts/assume_role_mfa.py', 'sub', stsFields((f) => `temp_credentials["${f}"]`, '"')],
  ['python/example_code/pinpoint/pinpoint_send_templated_email_message.py', 'py-session'],
  ['python/example_code/s3/s3_basics/bucket_wrapper.py', 'py-default-session'],
  ['python/example_code/sqs/queue_wrapper.py', 'py-default-session'],
  // Go SDK v2
  ['gov2/bedrock/hello/hello.go', 'go-option'],
  ['gov2/dynamodb/cmd/main.go', 'go-assign'],
  ['gov2/rds/hello/hello.go', 'go-assign'],
  ['gov2/sqs/hello/hello.go', 'go-option'],
  ['gov2/s3/cmd/main.go', 'go-option'],
  ['gov2/iam/scenarios/scenario_assume_role.go', 'sub', [['*tempCredentials.Credentials.AccessKeyId', '"{K}"'], ['*tempCredentials.Credentials.SecretAccessKey', '"{S}"'], ['*tempCredentials.Credentials.SessionToken', '"{T}"']]],
  ['gov2/iam/scenarios/scenario_assume_role.go', 'sub', [['*accessKey.AccessKeyId, *accessKey.SecretAccessKey, ""', '"{K}", "{S}", ""']]],
  ['gov2/lambda/cmd/main.go', 'go-assign'],
  // Java SDK v2 / v1
  ['javav2/example_code/cloudtrail/src/main/java/com/example/cloudtrail/GetTrailLoggingTime.java', 'java-inline'],
  ['javav2/example_code/ecs/src/main/java/com/example/ecs/DescribeClusters.java', 'java-var'],
  ['javav2/example_code/kendra/src/main/java/com/example/kendra/DeleteIndex.java', 'java-inline'],
  ['javav2/example_code/lookoutvision/src/main/java/com/example/lookoutvision/DescribeModel.java', 'java-var'],
  ['javav2/example_code/s3/src/main/java/com/example/s3/express/S3DirectoriesScenario.java', 'sub', [['createS3ClientWithAccessKeyAsync(accessKeyIdforRegUser, secretAccessforRegUser)', 'createS3ClientWithAccessKeyAsync("{K}", "{S}")']]],
  ['java/example_code/comprehend/ComprehendMedicalSample.java', 'sub', [['"YOUR AWS ACCESS KEY", "YOUR AWS SECRET"', '"{K}", "{S}"']]],
  ['java/example_code/s3/src/main/java/aws/example/s3/GetPDFandSave.java', 'sub', [['ACCESS_KEY = "ACCESS_KEY"', 'ACCESS_KEY = "{K}"'], ['SECRET_KEY = "SECRET_KEY"', 'SECRET_KEY = "{S}"']]],
  ['java/example_code/s3/src/main/java/aws/example/s3/MakingRequestsWithIAMTempCredentials.java', 'sub', [['sessionCredentials.getAccessKeyId()', '"{K}"'], ['sessionCredentials.getSecretAccessKey()', '"{S}"'], ['sessionCredentials.getSessionToken()', '"{T}"']]],
  ['javav2/example_code/comprehend/src/main/java/com/example/comprehend/DetectSyntax.java', 'java-var'],
  ['javav2/example_code/autoscale/src/main/java/com/example/autoscaling/DescribeAutoScalingInstances.java', 'java-lambda'],
  ['javav2/example_code/glacier/src/main/java/com/example/glacier/DeleteVault.java', 'java-lambda'],
  // Kotlin SDK
  ['kotlin/services/apigateway/src/main/kotlin/com/kotlin/gateway/GetAPIKeys.kt', 'kt-inline'],
  ['kotlin/services/kms/src/main/kotlin/com/kotlin/kms/EnableCustomerKey.kt', 'kt-val'],
  ['kotlin/services/sns/src/main/kotlin/com/kotlin/sns/ListTopics.kt', 'kt-inline'],
  ['kotlin/usecases/creating_pam/src/main/kotlin/com/example/photo/services/S3Service.kt', 'kt-val'],
  ['kotlin/services/iam/src/main/kotlin/com/kotlin/iam/IAMScenario.kt', 'sub', [['accessKeyId = key\n', 'accessKeyId = "{K}"\n'], ['secretAccessKey = secKey', 'secretAccessKey = "{S}"'], ['sessionToken = secToken', 'sessionToken = "{T}"']]],
  ['kotlin/services/polly/src/main/kotlin/com/kotlin/polly/ListLexicons.kt', 'kt-val'],
  ['kotlin/services/codepipeline/src/main/kotlin/com/kotlin/pipeline/ListPipelineExecutions.kt', 'kt-inline'],
  ['kotlin/services/eventbridge/src/main/kotlin/com/kotlin/eventbridge/EventbridgeMVP.kt', 'kt-positional'],
  // C#
  ['dotnetv3/KMS/CreateGrantExample/CreateGrant.cs', 'cs-inline'],
  ['dotnetv3/Rekognition/DescribeCollectionExample/DescribeCollection.cs', 'cs-var'],
  ['dotnetv3/S3/ObjectTagExample/ObjectTag.cs', 'cs-string'],
  ['dotnetv3/SNS/PublishToSNSTopicExample/PublishToSNSTopicExample/PublishToSNSTopic.cs', 'cs-var'],
  ['dotnetv3/IAM/Scenarios/IAMBasics/IAMBasics.cs', 'sub', [['var accessKeyId = accessKey.AccessKeyId;', 'var accessKeyId = "{K}";'], ['var secretAccessKey = accessKey.SecretAccessKey;', 'var secretAccessKey = "{S}";']]],
  ['dotnetv3/Organizations/CreateOrganizationalUnitExample/CreateOrganizationalUnitExample/CreateOrganizationalUnit.cs', 'cs-inline'],
  ['dotnetv3/dynamodb/low-level-api/LowLevelTableExample/LowLevelTableExample.cs', 'cs-typed-var'],
  // Ruby
  ['ruby/example_code/auto-scaling/hello/hello_autoscaling.rb', 'rb-kwargs'],
  ['ruby/example_code/glue/hello/hello_glue.rb', 'rb-creds'],
  ['ruby/example_code/cloudtrail/lookup_events.rb', 'rb-config'],
  ['ruby/example_code/sns/send_message.rb', 'rb-kwargs'],
  ['ruby/example_code/iam/scenario_users.rb', 'sub', [['Aws::Credentials.new(user_key.access_key_id, user_key.secret_access_key)', "Aws::Credentials.new('{K}', '{S}')"]]],
  ['ruby/example_code/iam/scenario_users.rb', 'sub', [['create_sts_client(user_key.access_key_id, user_key.secret_access_key)', "create_sts_client('{K}', '{S}')"]]],
  ['ruby/example_code/ec2/ec2-ruby-example-key-pairs.rb', 'rb-creds'],
  ['ruby/example_code/lambda/lambda_basics.rb', 'rb-config'],
  // PHP
  ['php/example_code/cloudwatch/EnableAlarmActions.php', 'php-array'],
  ['php/example_code/lambda/LambdaService.php', 'php-object'],
  ['php/example_code/sqs/ListQueues.php', 'php-array'],
  ['php/example_code/secretsmanager/GetSecretValue.php', 'php-object'],
  ['php/example_code/iam/GettingStartedWithIAM.php', 'sub', [["new Credentials($key['AccessKeyId'], $key['SecretAccessKey'])", "new Credentials('{K}', '{S}')"]]],
  ['php/example_code/iam/GettingStartedWithIAM.php', 'sub', stsFields((f) => `$assumedRole['Credentials']['${f}']`, "'")],
  ['php/example_code/s3/s3-request-with-temp-credentials.php', 'sub', stsFields((f) => `$sessionToken['Credentials']['${f}']`, "'")],
  ['php/example_code/sts/AssumeRole.php', 'sub', stsFields((f) => `$result['Credentials']['${f}']`, "'")],
  // Rust
  ['rustv1/examples/auto-scaling/src/bin/list-autoscaling-groups.rs', 'rs-provider'],
  ['rustv1/examples/ecs/src/bin/describe-clusters.rs', 'rs-let'],
  ['rustv1/examples/kms/src/bin/generate-data-key.rs', 'rs-provider'],
  ['rustv1/examples/sns/src/bin/list-topics.rs', 'rs-let'],
  ['rustv1/examples/iam/src/bin/iam-getting-started.rs', 'sub', [['from_keys(key.access_key_id(), key.secret_access_key(), None)', 'from_keys("{K}", "{S}", None)']]],
  ['rustv1/examples/route53/src/bin/route53-helloworld.rs', 'rs-provider'],
  ['rustv1/cross_service/detect_faces/src/main.rs', 'rs-let'],
  ['rustv1/examples/eks/src/bin/create-cluster.rs', 'rs-service-config'],
  // C++ (no recipe: scored to show the gap)
  ['cpp/example_code/iam/iam_create_user_assume_role_scenario.cpp', 'sub', [['Aws::Auth::AWSCredentials(credentials.GetAccessKeyId(),\n                                          credentials.GetSecretAccessKey(),\n                                          credentials.GetSessionToken())', 'Aws::Auth::AWSCredentials("{K}",\n                                          "{S}",\n                                          "{T}")']]],
];

function parseArgs(argv) {
  const o = { mirror: process.env.AWSDOCS_MIRROR ?? '/work/.mirror/awsdocs+aws-doc-sdk-examples/repo', verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--mirror') o.mirror = argv[++i];
    else if (a === '--only') o.only = argv[++i];
    else if (a === '--verbose') o.verbose = true;
    else if (a === '--json') o.json = argv[++i];
    else if (a === '--discover') o.discover = argv[++i];
    else if (a === '--keep') o.keep = argv[++i];
    else if (a === '--cases') o.cases = argv[++i];
    else { console.error(`unknown argument ${a}`); process.exit(2); }
  }
  return o;
}

const LANG_OF = { js: 'javascript', mjs: 'javascript', ts: 'typescript', py: 'python', go: 'go', java: 'java', kt: 'kotlin', cs: 'csharp', rb: 'ruby', php: 'php', rs: 'rust', cpp: 'cpp' };
const langOf = (p) => LANG_OF[p.split('.').pop()] ?? 'other';

/** Key id / secret / token, fresh per case (seeded), all fake. */
function valuesFor(i, fakeSecrets) {
  const f = fakeSecrets(9000 + i);
  return { K: f.AKID, S: f.ASKEY, T: f.SESSION };
}

const count = (t, re) => (t.match(new RegExp(re.source, 'g')) ?? []).length;
const lineOf = (t, value) => { const i = t.indexOf(value); return i < 0 ? -1 : t.slice(0, i).split('\n').length; };
const mask = (s) => `${s.slice(0, 4)}…`;

async function runCli(runFix, argv, cwd) {
  let out = '';
  const io = { stdout: (s) => { out += s; }, stderr: (s) => { out += s; }, cwd };
  const code = await runFix(argv, io);
  return { code, out };
}

/** The client construction a fix must keep (a default-chain fix edits it, never deletes it). */
const CLIENT_CALL = {
  javascript: /new [\w.]+\(|makeClient\(/g, typescript: /new [\w.]+\(/g, python: /boto3\.(?:client|resource|Session)\(|\.(?:client|resource)\(/g,
  go: /NewFromConfig\(|LoadDefaultConfig\(|\.New\(/g, java: /\.builder\(\)|\.standard\(\)|new Amazon\w*Client\(/g, kotlin: /Client(?:\.fromEnvironment)?\s*\{|Client\(/g,
  csharp: /new Amazon\w*Client\(/g, ruby: /Aws::\w+::(?:Client|Resource)\.new|Aws\.config/g, php: /new \w*Client\(|new Sdk\(/g,
  rust: /aws_config::|Client::new\(/g, cpp: /Client \w+\(/g,
};

async function evalCase(i, [path, style, subs], ctx) {
  const lang = langOf(path);
  const res = { path, style, lang, plant: false };
  let original;
  try { original = execFileSync('git', [`--git-dir=${ctx.mirror}`, 'show', `${COMMIT}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 26 }); } catch {
    return { ...res, note: 'not in the mirror at the pinned commit' };
  }
  const v = valuesFor(i, ctx.fakeSecrets);
  const planted = style === 'sub' ? substitute(original, subs, v) : STYLES[style]?.(original, v);
  if (!planted) return { ...res, note: `style ${style} found no spot` };
  const values = [v.K, v.S, v.T].filter((x) => planted.includes(x));
  // a plant that breaks a file the parser accepts is a planter bug: skip; a parser that rejects the original
  // (newer syntax than it knows) cannot judge the fix either
  const orig = ctx.parseFor(path, original);
  const before = ctx.parseFor(path, planted);
  if (orig?.ok && before && !before.ok) return { ...res, note: `planted file does not parse: ${maskAll(before.message, [v.K, v.S, v.T])}` };
  const parser = orig?.ok ? ctx.parseFor : () => undefined;
  res.plant = true;
  if (ctx.keep) { fs.mkdirSync(ctx.keep, { recursive: true }); fs.writeFileSync(join(ctx.keep, `${i}-${basename(path)}`), planted); }
  const dir = fs.mkdtempSync(join(os.tmpdir(), 'ch-awsdocs-'));
  const file = join(dir, basename(path));
  try {
    const line = lineOf(planted, v.K);
    // 1. preferred fix, repeated on the lines of values still left
    fs.writeFileSync(file, planted);
    let runs = 0;
    let lastOut = '';
    for (let target = line; target > 0 && runs < 3; runs++) {
      const r = await runCli(ctx.runFix, [basename(path), '--line', String(target)], dir);
      lastOut = r.out;
      if (r.code !== 0) break;
      const now = fs.readFileSync(file, 'utf8');
      const left = values.find((x) => now.includes(x));
      target = left ? lineOf(now, left) : -1;
    }
    const fixed = fs.readFileSync(file, 'utf8');
    const leftValues = values.filter((x) => fixed.includes(x));
    const re = STATIC_CONSTRUCTS[lang];
    const parsed = fixed === planted ? undefined : parser(path, fixed);
    res.runs = runs;
    res.valuesLeft = leftValues.length;
    res.fewerStatic = re ? count(fixed, re) < count(planted, re) : false;
    res.clientKept = count(fixed, CLIENT_CALL[lang] ?? /$^/) >= 1;
    res.parses = parsed ? parsed.ok : undefined;
    res.parseMessage = parsed && !parsed.ok ? maskAll(parsed.message, values) : undefined;
    res.pass = fixed !== planted && leftValues.length === 0 && res.fewerStatic && res.clientKept && res.parses !== false;
    if (!res.pass) res.why = fixed === planted ? maskAll(lastOut.split('\n')[0], values) : [
      leftValues.length ? `${leftValues.length} value(s) left` : '', !res.fewerStatic ? 'static constructs not fewer' : '',
      !res.clientKept ? 'client construction gone' : '', res.parses === false ? `does not parse: ${res.parseMessage}` : '',
    ].filter(Boolean).join('; ');
    if (ctx.verbose && fixed !== planted) res.diff = maskAll(diffLines(planted, fixed), values);
    // 2. dry run prints no planted value
    fs.writeFileSync(file, planted);
    const dry = await runCli(ctx.runFix, [basename(path), '--line', String(line), '--dry-run'], dir);
    res.dryLeak = values.some((x) => dry.out.includes(x));
    // 3. env-var: exit 0 means every planted value is gone
    fs.writeFileSync(file, planted);
    const env = await runCli(ctx.runFix, [basename(path), '--line', String(line), '--action', 'env-var'], dir);
    const envText = fs.readFileSync(file, 'utf8');
    res.envExit = env.code;
    res.envLeak = env.code === 0 && values.some((x) => envText.includes(x));
    const envParsed = env.code === 0 ? parser(path, envText) : undefined;
    res.envParses = envParsed ? envParsed.ok : undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return res;
}

/** A hand-written plant: each [find, replace] pair replaces the first occurrence ({K}/{S}/{T} = values). */
function substitute(text, subs, v) {
  let out = text;
  for (const [find, repl] of subs) {
    const i = out.indexOf(find);
    if (i < 0) return undefined;
    out = out.slice(0, i) + repl.replace(/\{([KST])\}/g, (_, k) => v[k]) + out.slice(i + find.length);
  }
  return out;
}

function maskAll(text, values) {
  let t = text ?? '';
  for (const x of values) t = t.split(x).join(mask(x));
  return t;
}

/** Changed lines only (- / +), enough to read what a fix did. */
function diffLines(a, b) {
  const A = a.split('\n');
  const B = b.split('\n');
  let s = 0;
  while (s < A.length && s < B.length && A[s] === B[s]) s++;
  let ea = A.length - 1;
  let eb = B.length - 1;
  while (ea >= s && eb >= s && A[ea] === B[eb]) { ea--; eb--; }
  return [`@@ line ${s + 1}`, ...A.slice(s, ea + 1).map((l) => `- ${l}`), ...B.slice(s, eb + 1).map((l) => `+ ${l}`)].join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opts.mirror)) {
    console.log(`awsdocs mirror not found at ${opts.mirror}: skipping (set AWSDOCS_MIRROR or pass --mirror DIR)`);
    return 0;
  }
  if (!fs.existsSync(join(root, 'out/src/cli/commands/fix.js'))) {
    console.error('no build: run `npx tsc -p .` first');
    return 2;
  }
  const { runFix } = require(join(root, 'out/src/cli/commands/fix.js'));
  const { parseFor } = require(join(root, 'out/test/unit/remediation/parsers.js'));
  const { fakeSecrets } = require(join(root, 'out/test/unit/remediation/fake-secrets.js'));
  if (opts.discover) {
    const files = execFileSync('git', [`--git-dir=${opts.mirror}`, 'ls-tree', '-r', '--name-only', COMMIT], { encoding: 'utf8', maxBuffer: 1 << 26 }).split('\n');
    const v = valuesFor(0, fakeSecrets);
    const exts = { js: /\.js$/, py: /\.py$/, go: /\.go$/, java: /\.java$/, kt: /\.kt$/, cs: /\.cs$/, rb: /\.rb$/, php: /\.php$/, rs: /\.rs$/, cpp: /\.cpp$/ };
    const ext = exts[opts.discover.split('-')[0]];
    for (const f of files.filter((p) => ext?.test(p) && !/test|spec/i.test(p) && (!opts.only || p.includes(opts.only)))) {
      const t = execFileSync('git', [`--git-dir=${opts.mirror}`, 'show', `${COMMIT}:${f}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
      const out = STYLES[opts.discover](t, v);
      if (out) { const r = parseFor(f, out); console.log(`${r ? (r.ok ? 'parses' : 'NOPARSE') : 'unchecked'} ${f}`); }
    }
    return 0;
  }
  const ctx = { mirror: opts.mirror, runFix, parseFor, fakeSecrets, verbose: opts.verbose, keep: opts.keep };
  const results = [];
  // --cases FILE: another pinned list ([path, style, subs?] rows, JSON) instead of the built-in one
  const cases = opts.cases ? JSON.parse(fs.readFileSync(opts.cases, 'utf8')) : CASES;
  for (const [i, c] of cases.entries()) {
    if (opts.only && !(langOf(c[0]) === opts.only || c[0].includes(opts.only) || c[1] === opts.only)) continue;
    const r = await evalCase(i, c, ctx);
    results.push(r);
    const status = !r.plant ? 'SKIP' : r.pass ? 'pass' : 'FAIL';
    const extra = [r.parses === undefined && r.plant ? 'unparsed' : '', 
      r.dryLeak ? 'DRY-RUN LEAK' : '', r.envLeak ? 'ENV-VAR LEAK' : '', r.plant && r.envExit !== 0 ? `env-var exit ${r.envExit}` : '', r.envParses === false ? 'env-var output does not parse' : ''].filter(Boolean).join(', ');
    console.log(`${status} ${r.lang.padEnd(10)} ${r.style.padEnd(12)} ${r.path}${r.why ? `  — ${r.why}` : ''}${r.note ? `  — ${r.note}` : ''}${extra ? `  [${extra}]` : ''}`);
    if (r.diff) console.log(r.diff.split('\n').map((l) => `      ${l}`).join('\n'));
  }
  const planted = results.filter((r) => r.plant);
  const byLang = {};
  for (const r of planted) { const b = (byLang[r.lang] ??= { pass: 0, total: 0 }); b.total++; if (r.pass) b.pass++; }
  console.log('\nper language: ' + Object.entries(byLang).map(([l, b]) => `${l} ${b.pass}/${b.total}`).join(', '));
  console.log(`total ${planted.filter((r) => r.pass).length}/${planted.length} pass (${results.length - planted.length} not planted); ` +
    `dry-run leaks ${planted.filter((r) => r.dryLeak).length}; env-var leaks ${planted.filter((r) => r.envLeak).length} ` +
    `(env-var exit 0 in ${planted.filter((r) => r.envExit === 0).length})`);
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(results.map((r) => ({ ...r, diff: undefined })), null, 1));
  return 0;
}

main().then((c) => { process.exitCode = c; }, (e) => { console.error(`eval-awsdocs-fixes: ${e.message.split('\n')[0]}`); process.exitCode = 2; });
