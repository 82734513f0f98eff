import assert from 'node:assert/strict';
import * as sdk from '@aws-sdk/client-sts';
import { scan } from '../../../src/engine';
import { limiter, pairAwsKeys, verifyCredentials, verifyPairs } from '../../../src/node/verify-aws';
import { fakeAwsKeyId, fakeAwsSecret } from '../cli/fake-secrets';
import { StsStandIn } from './sts-stand-in';

const LIVE = fakeAwsKeyId(11);
const DEAD = fakeAwsKeyId(12);

describe('verify-aws', () => {
  describe('pairAwsKeys', () => {
    it('pairs each key id with its nearest secret key and leaves lone key ids out', () => {
      const text = [
        `a_access_key_id = ${LIVE}`,
        `a_secret_access_key = ${fakeAwsSecret(11)}`,
        '',
        `b_access_key_id = ${DEAD}`,
        `b_secret_access_key = ${fakeAwsSecret(12)}`,
        ...Array(20).fill('# filler'),
        `lone_access_key_id = ${fakeAwsKeyId(13)}`,
      ].join('\n');
      const findings = scan(text, { path: 'config.ini' });
      const pairs = pairAwsKeys(findings);
      assert.equal(pairs.length, 2);
      assert.deepEqual(pairs.map((p) => [p.keyId.start.line, p.secret.start.line]), [[1, 2], [4, 5]]);
    });
  });

  describe('verifyCredentials against a local STS stand-in', () => {
    let sts: StsStandIn;
    let env: NodeJS.ProcessEnv;
    before(async () => {
      sts = new StsStandIn(new Map([[LIVE, { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ci' }]]));
      env = { AWS_ENDPOINT_URL_STS: await sts.start() };
    });
    after(() => sts.stop());

    it('marks a live pair active with its account and ARN, a dead one invalid', async () => {
      const live = await verifyCredentials({ accessKeyId: LIVE, secretAccessKey: fakeAwsSecret(11) }, sdk, env);
      assert.deepEqual(live, { status: 'active', account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ci' });
      const dead = await verifyCredentials({ accessKeyId: DEAD, secretAccessKey: fakeAwsSecret(12) }, sdk, env);
      assert.equal(dead.status, 'invalid');
      assert.equal(dead.reason, 'InvalidClientTokenId');
      const last = sts.requests.slice(-2);
      assert.ok(last.every((r) => r.method === 'POST' && /Action=GetCallerIdentity/.test(r.body) && /^AWS4-HMAC-SHA256 /.test(r.authorization ?? '')));
      assert.deepEqual(last.map((r) => r.keyId), [LIVE, DEAD]);
    });

    it('honours AWS_ENDPOINT_URL too, and reports an unreachable endpoint as error', async () => {
      const v = await verifyCredentials({ accessKeyId: LIVE, secretAccessKey: fakeAwsSecret(11) }, sdk, { AWS_ENDPOINT_URL: sts.url });
      assert.equal(v.status, 'active');
      const down = await verifyCredentials({ accessKeyId: LIVE, secretAccessKey: fakeAwsSecret(11) }, sdk, { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
      assert.equal(down.status, 'error');
    });

    it('runs at most N checks at once', async () => {
      let active = 0;
      let peak = 0;
      const limit = limiter(2);
      await Promise.all(Array.from({ length: 6 }, () => limit(async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
      })));
      assert.equal(peak, 2);
    });

    it('verifyPairs sends one call per pair, signed by that pair', async () => {
      const before = sts.requests.length;
      const text = `aws_access_key_id = ${LIVE}\naws_secret_access_key = ${fakeAwsSecret(11)}\n`;
      const findings = scan(text, { path: 'credentials' });
      const results = await verifyPairs(text, pairAwsKeys(findings), limiter(), sdk, env);
      assert.equal(sts.requests.length - before, 1);
      assert.equal([...results.values()][0].status, 'active');
    });
  });
});
