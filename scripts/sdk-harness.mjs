// Execution harness: proves that fixed code works by RUNNING it. Each case in
// test/fixtures/remediation/harness/cases.json is materialised with fake secrets, fixed with fixLine (what the CLI
// `fix` and the editor quick fix apply), then executed with credentials ONLY in the environment against a local AWS
// stand-in on 127.0.0.1 that records every request. Asserted:
//   default-chain   -> every request is SigV4-signed with Credential=<env key id>/…, none with the planted key;
//   secrets-manager -> the program POSTed X-Amz-Target: secretsmanager.GetSecretValue with the fix's SecretId and
//                      printed the value the stand-in returned (i.e. it used it).
// Endpoint: AWS_ENDPOINT_URL where the SDK honours it (JS v3); for the older Debian SDKs a test wrapper sets the
// endpoint option (Python: sitecustomize around botocore's create_client; Go: an endpoint resolver option added to
// config.LoadDefaultConfig; Ruby: Aws.config[:endpoint] preloaded). A language whose toolchain is missing is skipped
// with a message. Needs `npm run build` first (uses out/). Prints per-language and total `N passed, N failed` lines.
//   node scripts/sdk-harness.mjs [--only <id-substring>] [--no-setup]
import * as cp from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { signedKeyId, startStandIn } from '../test/harness/aws-stand-in.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { fixLine } = require(path.join(ROOT, 'out/src/remediation/fix-line.js'));
const { fakeSecrets, materialise } = require(path.join(ROOT, 'out/test/unit/remediation/fake-secrets.js'));

const HARNESS = path.join(ROOT, 'test/fixtures/remediation/harness');
const WORK = path.join(ROOT, 'out/sdk-harness');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const mask = (s) => `${String(s).slice(0, 4)}…`;

if (!args.includes('--no-setup')) {
  const r = cp.spawnSync('bash', [path.join(ROOT, 'scripts/setup-sdk-harness.sh')], { stdio: 'inherit' });
  if (r.status !== 0) console.log('sdk-harness: setup did not complete; missing toolchains are skipped below');
}

const planted = fakeSecrets();
// Credentials of the "environment" (another seed, so they can never be confused with the planted ones).
const envCreds = fakeSecrets(9001);
const cases = JSON.parse(fs.readFileSync(path.join(HARNESS, 'cases.json'), 'utf8')).cases.filter((c) => !only || c.id.includes(only));

const which = (cmd) => cp.spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
const GOPATH_SYS = '/usr/share/gocode';
const toolchain = {
  js: () => fs.existsSync(path.join(ROOT, 'node_modules/@aws-sdk/client-s3')) || 'npm devDependency @aws-sdk/client-s3 missing',
  python: () => (which('python3') && cp.spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0) || 'python3-boto3 not installed',
  go: () => (which('go') && fs.existsSync(`${GOPATH_SYS}/src/github.com/aws/aws-sdk-go-v2/config`)) || 'golang-go / golang-github-aws-aws-sdk-go-v2-dev not installed',
  ruby: () => (which('ruby') && cp.spawnSync('ruby', ['-e', 'require "aws-sdk-s3"'], { stdio: 'ignore' }).status === 0) || 'ruby-aws-sdk-s3 not installed',
};

/** Go SDK v1 (Debian golang-github-aws-aws-sdk-go-dev), for cases marked `"sdk": "aws-sdk-go"`. */
const goV1 = () => (which('go') && fs.existsSync(`${GOPATH_SYS}/src/github.com/aws/aws-sdk-go/aws/session`)) || 'golang-github-aws-aws-sdk-go-dev not installed';

/** Go: insert the harness endpoint option as the first option of every config.LoadDefaultConfig(ctx, …) call. */
function goWithEndpoint(src) {
  let out = '';
  let i = 0;
  const re = /config\.LoadDefaultConfig\(/g;
  let m;
  while ((m = re.exec(src))) {
    let j = m.index + m[0].length;
    let depth = 0;
    for (; j < src.length; j++) {
      const ch = src[j];
      if (ch === '(' || ch === '{' || ch === '[') depth++;
      else if (ch === ')' || ch === '}' || ch === ']') { if (depth === 0) break; depth--; } else if (ch === ',' && depth === 0) break;
    }
    out += src.slice(i, j) + ', harnessEndpoint()';
    i = j;
  }
  return out + src.slice(i);
}

const GO_ENDPOINT = `package main

// Test wrapper: the Debian aws-sdk-go-v2 predates AWS_ENDPOINT_URL, so the harness adds this option.
import (
\t"os"

\t"github.com/aws/aws-sdk-go-v2/aws"
\t"github.com/aws/aws-sdk-go-v2/config"
)

func harnessEndpoint() func(*config.LoadOptions) error {
\treturn config.WithEndpointResolverWithOptions(aws.EndpointResolverWithOptionsFunc(
\t\tfunc(service, region string, options ...interface{}) (aws.Endpoint, error) {
\t\t\treturn aws.Endpoint{URL: os.Getenv("AWS_ENDPOINT_URL"), HostnameImmutable: true, SigningRegion: region}, nil
\t\t}))
}
`;

const PY_ENDPOINT = `# Test wrapper: Debian's boto3 predates AWS_ENDPOINT_URL; default every client's endpoint_url to it.
import os
import botocore.session

_create_client = botocore.session.Session.create_client


def create_client(self, service_name, *args, **kwargs):
    if kwargs.get("endpoint_url") is None and os.environ.get("AWS_ENDPOINT_URL"):
        kwargs["endpoint_url"] = os.environ["AWS_ENDPOINT_URL"]
    return _create_client(self, service_name, *args, **kwargs)


botocore.session.Session.create_client = create_client
`;

const RB_ENDPOINT = `# Test wrapper: Debian's aws-sdk-core predates AWS_ENDPOINT_URL; set the endpoint for every client.
require "aws-sdk-core"
Aws.config[:endpoint] = ENV.fetch("AWS_ENDPOINT_URL")
`;

/** Async spawn: the stand-in lives in this process, so a synchronous spawn would block it. */
function spawnAsync(cmd, argv, opts) {
  return new Promise((resolve) => {
    const child = cp.spawn(cmd, argv, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout);
    child.stdout.on('data', (b) => { stdout += b; });
    child.stderr.on('data', (b) => { stderr += b; });
    child.on('error', (error) => { clearTimeout(timer); resolve({ error, stdout, stderr, status: null }); });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, error: signal ? new Error(`killed by ${signal} (timeout ${opts.timeout / 1000} s)`) : undefined });
    });
  });
}

function runProgram(lang, dir, file, env) {
  const base = path.basename(file);
  const opts = { cwd: dir, env, timeout: lang === 'go' ? 600000 : 90000 };
  if (lang === 'js') {
    fs.cpSync(path.join(HARNESS, 'stubs'), path.join(dir, 'node_modules'), { recursive: true });
    return spawnAsync(process.execPath, [base], opts);
  }
  if (lang === 'python') {
    fs.writeFileSync(path.join(dir, 'sitecustomize.py'), PY_ENDPOINT);
    return spawnAsync('python3', [base], { ...opts, env: { ...env, PYTHONPATH: dir, PYTHONDONTWRITEBYTECODE: '1' } });
  }
  if (lang === 'ruby') {
    fs.writeFileSync(path.join(dir, 'harness_endpoint.rb'), RB_ENDPOINT);
    return spawnAsync('ruby', ['-I', dir, '-r', 'harness_endpoint', base], opts);
  }
  if (lang === 'go') {
    fs.writeFileSync(path.join(dir, base), goWithEndpoint(fs.readFileSync(path.join(dir, base), 'utf8')));
    fs.writeFileSync(path.join(dir, 'zz_harness_endpoint.go'), GO_ENDPOINT);
    const goEnv = {
      ...env, GO111MODULE: 'off', GOFLAGS: '', GOPROXY: 'off', GOPATH: GOPATH_SYS,
      GOCACHE: path.join(WORK, '.gocache'), GOTOOLCHAIN: 'local',
    };
    return spawnAsync('go', ['run', base, 'zz_harness_endpoint.go'], { ...opts, env: goEnv });
  }
  throw new Error(`unknown language ${lang}`);
}

function baseEnv(dir, standIn) {
  return {
    PATH: process.env.PATH, HOME: dir, LANG: 'C.UTF-8',
    AWS_ACCESS_KEY_ID: envCreds.AKID, AWS_SECRET_ACCESS_KEY: envCreds.ASKEY,
    AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-east-1', AWS_ENDPOINT_URL: standIn.url,
    AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: path.join(dir, 'no-config'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'no-credentials'),
    NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1',
  };
}

function check(c, standIn, run, fix, token) {
  const problems = [];
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  if (run.error) problems.push(`did not run: ${run.error.message}`);
  else if (run.status !== 0) problems.push(`exit ${run.status}: ${output.trim().split('\n').slice(-4).join(' | ').slice(0, 400)}`);
  const signed = standIn.requests.map((r) => signedKeyId(r.authorization));
  if (c.expect === 'default-chain') {
    if (standIn.requests.length === 0) problems.push('no request reached the stand-in');
    if (signed.some((k) => k !== envCreds.AKID)) problems.push(`a request was not signed with the environment key id (saw ${signed.map((k) => (k ? mask(k) : 'unsigned')).join(', ')})`);
  } else {
    const call = standIn.requests.find((r) => r.method === 'POST' && r.target === 'secretsmanager.GetSecretValue');
    if (!call) problems.push('no secretsmanager.GetSecretValue call');
    else {
      const id = JSON.parse(call.body || '{}').SecretId;
      if (id !== fix.secretId) problems.push(`GetSecretValue asked for ${id}, the fix chose ${fix.secretId}`);
      if (signedKeyId(call.authorization) !== envCreds.AKID) problems.push('GetSecretValue was not signed with the environment key id');
    }
    if (!output.includes(token)) problems.push('the program did not use the value Secrets Manager returned');
  }
  return problems;
}

const standIn = await startStandIn();
const results = new Map();
fs.mkdirSync(WORK, { recursive: true });
try {
  for (const c of cases) {
    const lang = c.id.split('/')[0];
    const tally = results.get(lang) ?? { passed: 0, failed: 0, skipped: 0 };
    results.set(lang, tally);
    const ok = c.skip ?? (c.sdk === 'aws-sdk-go' ? goV1() : toolchain[lang]());
    if (ok !== true) { tally.skipped++; console.log(`SKIP ${c.id}: ${ok}`); continue; }
    const original = materialise(fs.readFileSync(path.join(HARNESS, c.file), 'utf8'));
    const value = planted[c.plant];
    const line = original.slice(0, original.indexOf(value)).split('\n').length;
    const problems = [];
    const r = fixLine(original, line, { path: c.path });
    const fix = r.applied.find((f) => f.kind === c.expect);
    if (!fix) problems.push(`no ${c.expect} fix applied (got ${r.applied.map((f) => f.kind).join(', ') || 'nothing'})`);
    for (const t of r.targets) {
      const s = original.slice(t.startOffset, t.endOffset);
      if (r.text.includes(s)) problems.push(`a targeted value (${mask(s)}) is still in the file`);
    }
    if (c.expect === 'default-chain' && (r.text.includes(planted.AKID) || r.text.includes(planted.ASKEY))) problems.push('the planted key pair is still in the file');
    if (problems.length === 0) {
      const dir = path.join(WORK, c.id.replace(/\W+/g, '-'));
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, path.basename(c.file)), r.text);
      standIn.reset();
      const token = `harness-${crypto.randomBytes(6).toString('hex')}`;
      if (fix.secretId) standIn.secrets.set(fix.secretId, fix.secretKey ? JSON.stringify({ username: 'app', [fix.secretKey]: token }) : token);
      const run = await runProgram(lang, dir, c.file, baseEnv(dir, standIn));
      problems.push(...check(c, standIn, run, fix, token));
      // control: the unfixed program signs with the planted key, so the check above can tell the difference
      // (Go v2's s3.New path never reaches the wrapper's endpoint, so only the v1 case, whose program sets its
      // endpoint itself, has a control run in Go)
      if (c.expect === 'default-chain' && (lang !== 'go' || c.sdk === 'aws-sdk-go') && problems.length === 0) {
        const cdir = `${dir}-control`;
        fs.rmSync(cdir, { recursive: true, force: true });
        fs.mkdirSync(cdir, { recursive: true });
        fs.writeFileSync(path.join(cdir, path.basename(c.file)), original);
        standIn.reset();
        await runProgram(lang, cdir, c.file, baseEnv(cdir, standIn));
        if (!standIn.requests.some((q) => signedKeyId(q.authorization) === planted.AKID)) problems.push('control: the unfixed program did not sign with the planted key (harness cannot discriminate)');
      }
    }
    if (problems.length) { tally.failed++; console.log(`FAIL ${c.id}\n  - ${problems.join('\n  - ')}`); }
    else { tally.passed++; console.log(`ok   ${c.id} (${fix.title})`); }
  }
} finally {
  await standIn.close();
}
let passed = 0;
let failed = 0;
let skipped = 0;
for (const [lang, t] of results) {
  console.log(`${lang}: ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`);
  passed += t.passed; failed += t.failed; skipped += t.skipped;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
