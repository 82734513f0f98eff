/** `scan --verify` end to end: the built CLI against a local STS stand-in; no request at all without the flag. */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { StsStandIn } from '../node/sts-stand-in';
import { cliAsync, tempDir, write } from './cli-harness';
import { fakeAwsKeyId, fakeAwsSecret } from './fake-secrets';


describe('scan --verify', function () {
  this.timeout(30000);
  const live = fakeAwsKeyId(21);
  const dead = fakeAwsKeyId(22);
  const secrets = [fakeAwsSecret(21), fakeAwsSecret(22)];
  let sts: StsStandIn;
  let dir: string;
  let env: Record<string, string>;

  before(async () => {
    sts = new StsStandIn(new Map([[live, { account: '210987654321', arn: 'arn:aws:iam::210987654321:user/deploy' }]]));
    env = { AWS_ENDPOINT_URL_STS: await sts.start() };
    dir = tempDir();
    write(dir, 'live.py', `import boto3\ns3 = boto3.client("s3", aws_access_key_id="${live}",\n    aws_secret_access_key="${secrets[0]}")\n`);
    write(dir, 'old/settings.env', `AWS_ACCESS_KEY_ID=${dead}\nAWS_SECRET_ACCESS_KEY=${secrets[1]}\n`);
    write(dir, 'lone.txt', `key id only: ${fakeAwsKeyId(23)}\n`);
  });
  after(async () => {
    await sts.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes no request without --verify', async () => {
    const r = await cliAsync(dir, ['scan', '--format', 'json', '.'], env);
    assert.equal(r.code, 1);
    assert.equal(sts.requests.length, 0);
    assert.ok(!r.stdout.includes('"verification"'));
  });

  it('marks the live pair active with its account and the dead one invalid (JSON), checking pairs only', async () => {
    const r = await cliAsync(dir, ['scan', '--verify', '--format', 'json', '.'], env);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout) as { findings: { file: string; kind: string; verification?: { status: string; account?: string } }[] };
    const ids = doc.findings.filter((f) => f.kind === 'aws-access-key-id');
    const byFile = Object.fromEntries(ids.map((f) => [f.file, f.verification]));
    assert.deepEqual(byFile['live.py'], { status: 'active', arn: 'arn:aws:iam::210987654321:user/deploy', account: '210987654321' });
    assert.equal(byFile['old/settings.env']?.status, 'invalid');
    assert.equal(byFile['lone.txt'], undefined, 'a lone key id is not checked');
    assert.equal(sts.requests.length, 2, 'one call per pair');
    assert.ok(sts.requests.every((q) => /^Action=GetCallerIdentity&Version=2011-06-15$/.test(q.body)));
    for (const s of [...secrets, live, dead]) assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s), 'no secret printed');
    assert.match(r.stderr, /STS GetCallerIdentity/);
  });

  it('carries the outcome into SARIF properties and text', async () => {
    const sarif = JSON.parse((await cliAsync(dir, ['scan', '--verify', '--format', 'sarif', '.'], env)).stdout);
    const props = sarif.runs[0].results.map((x: { properties?: { verification?: { status: string } } }) => x.properties?.verification?.status).filter(Boolean);
    assert.ok(props.includes('active') && props.includes('invalid'));
    const text = await cliAsync(dir, ['scan', '--verify', '.'], env);
    assert.match(text.stdout, /LIVE key \(account 210987654321\)/);
    assert.match(text.stdout, /key rejected by AWS/);
  });
});
