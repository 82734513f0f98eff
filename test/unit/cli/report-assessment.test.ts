/**
 * `report --format json [--check-rotation]` answers the seed's four questions on a temporary repository with a
 * dated history, against a local Secrets Manager stand-in; without the flag it makes no request.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { SecretsManagerStandIn } from '../node/sm-stand-in';
import { fakeGithubToken } from '../lsp/lsp-client';
import { cliAsync, git, tempRepo, write } from './cli-harness';
import { fakeAwsKeyId, fakeAwsSecret } from './fake-secrets';


function commitAt(dir: string, date: string, message: string): void {
  const env = { GIT_AUTHOR_DATE: `${date}T10:00:00Z`, GIT_COMMITTER_DATE: `${date}T10:00:00Z` };
  git(dir, 'add', '-A');
  const r = spawnSync('git', ['commit', '-q', '-m', message], { cwd: dir, env: { ...process.env, ...env } });
  assert.equal(r.status, 0, String(r.stderr));
}

interface AssessmentJson {
  rolesVsKeys: { defaultChain: number; static: number; configOrEnv: number; percentRoles: number };
  trend: { month: string; added: number; removed: number }[];
  controls: { preCommit: boolean; ciGate: boolean; baseline: { entries: number; ageDays: number } | null };
  secretsManager: { lookups: number; secretIds: string[]; rotation: { secretId: string; rotationEnabled: boolean; lastRotated: string | null }[] | null };
  verdicts: { question: number; status: string; practice: { id: string } }[];
}

describe('report: the seed assessment', function () {
  this.timeout(60000);
  let dir: string;
  let sm: SecretsManagerStandIn;
  let env: Record<string, string>;
  const secrets = [fakeAwsKeyId(61), fakeAwsSecret(61), fakeGithubToken(62), 'Qv7#mX2p!Lr9wZ4k'];

  before(async () => {
    sm = new SecretsManagerStandIn(new Map([
      ['prod/db', { RotationEnabled: true, LastRotatedDate: '2026-11-20T00:00:00Z', NextRotationDate: '2026-12-20T00:00:00Z' }],
      ['prod/api-key', { RotationEnabled: false }],
    ]));
    env = { AWS_ENDPOINT_URL_SECRETS_MANAGER: await sm.start(), AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAENVIRONMENTONLY1', AWS_SECRET_ACCESS_KEY: 'env-only-test-value', CREDENTIAL_HYGIENE_TODAY: '2026-12-06' };
    dir = tempRepo();
    write(dir, 'app.py', 'import boto3\n\ns3 = boto3.client("s3")\n');
    commitAt(dir, '2026-02-10', 'app');
    write(dir, 'legacy.py', `import boto3\n\niam = boto3.client("iam", aws_access_key_id="${secrets[0]}", aws_secret_access_key="${secrets[1]}")\n`);
    commitAt(dir, '2026-03-15', 'legacy client');
    write(dir, 'deploy.env', `GITHUB_TOKEN=${secrets[2]}\n`);
    commitAt(dir, '2026-05-20', 'deploy token');
    rmSync(`${dir}/deploy.env`);
    commitAt(dir, '2026-08-03', 'remove deploy token');
    write(dir, 'src/config.ts', `export const config = {\n  dbPassword: "${secrets[3]}",\n};\n`);
    commitAt(dir, '2026-09-12', 'config');
    write(dir, '.pre-commit-config.yaml', 'repos:\n  - repo: local\n    hooks:\n      - id: credential-hygiene\n        entry: credential-hygiene scan --staged\n        language: system\n');
    write(dir, '.github/workflows/secrets.yml', 'on: [push]\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npx credential-hygiene scan --format sarif\n');
    write(dir, 'db.py', 'import json, boto3\n\ndef password():\n    sm = boto3.client("secretsmanager")\n    return json.loads(sm.get_secret_value(SecretId="prod/db")["SecretString"])["password"]\n');
    write(dir, 'api.js', "const { SecretsManagerClient, GetSecretValueCommand } = require('@aws-sdk/client-secrets-manager');\nconst sm = new SecretsManagerClient({});\nexports.apiKey = async () => (await sm.send(new GetSecretValueCommand({ SecretId: 'prod/api-key' }))).SecretString;\n");
    commitAt(dir, '2026-10-01', 'controls and secrets manager');
  });

  after(async () => {
    await sm.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without --check-rotation: counts, months and controls, and no request', async () => {
    const r = await cliAsync(dir, ['report', '--format', 'json', '.'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(sm.requests.length, 0, 'no request without --check-rotation');
    const a = JSON.parse(r.stdout).assessment as AssessmentJson;
    assert.deepEqual({ ...a.rolesVsKeys, percentRoles: undefined }, { defaultChain: 3, static: 1, configOrEnv: 0, percentRoles: undefined });
    assert.equal(a.trend.length, 12);
    assert.equal(a.trend[0].month, '2026-01');
    assert.equal(a.trend[11].month, '2026-12');
    const nonZero = a.trend.filter((m) => m.added || m.removed).map((m) => `${m.month}:+${m.added}-${m.removed}`);
    assert.deepEqual(nonZero, ['2026-03:+1-0', '2026-05:+1-0', '2026-08:+0-1', '2026-09:+1-0']);
    assert.equal(a.controls.preCommit, true);
    assert.equal(a.controls.ciGate, true);
    assert.equal(a.controls.baseline, null);
    assert.deepEqual(a.secretsManager.secretIds, ['prod/api-key', 'prod/db']);
    assert.equal(a.secretsManager.lookups, 2);
    assert.equal(a.secretsManager.rotation, null);
    assert.deepEqual(a.verdicts.map((v) => v.practice.id), ['SEC02-BP02', 'SEC02-BP03', 'SEC02-BP03', 'SEC02-BP03']);
    for (const s of secrets) assert.ok(!r.stdout.includes(s), 'no secret in the report');
  });

  it('with --check-rotation: one DescribeSecret per id through the default chain, flags and dates', async () => {
    const r = await cliAsync(dir, ['report', '--format', 'json', '--check-rotation', '.'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sm.requests.map((q) => q.target).sort(), ['secretsmanager.DescribeSecret', 'secretsmanager.DescribeSecret']);
    assert.deepEqual(sm.requests.map((q) => q.body.SecretId).sort(), ['prod/api-key', 'prod/db']);
    const a = JSON.parse(r.stdout).assessment as AssessmentJson;
    const byId = Object.fromEntries(a.secretsManager.rotation!.map((x) => [x.secretId, x]));
    assert.equal(byId['prod/db'].rotationEnabled, true);
    assert.equal(byId['prod/db'].lastRotated, '2026-11-20T00:00:00.000Z');
    assert.equal(byId['prod/api-key'].rotationEnabled, false);
    assert.equal(byId['prod/api-key'].lastRotated, null);
    assert.match(r.stderr, /DescribeSecret for 2 secret ids/);
  });

  it('markdown and HTML answer each question with a verdict, the evidence and the next step', async () => {
    const md = (await cliAsync(dir, ['report', '--format', 'markdown', '.'], env)).stdout;
    for (const q of ['### 1. Roles vs durable credentials', '### 2.', '### 3. Is the check enforced', '### 4.']) assert.ok(md.includes(q), q);
    assert.match(md, /SEC02-BP02 Use temporary credentials\]\(https:\/\/docs\.aws\.amazon\.com\//);
    assert.match(md, /iam:CreateAccessKey/);
    const html = (await cliAsync(dir, ['report', '--format', 'html', '.'], env)).stdout;
    assert.match(html, /<svg class="trend"/);
    assert.ok(!/<script/i.test(html));
  });
});
