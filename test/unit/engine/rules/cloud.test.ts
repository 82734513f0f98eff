import assert from 'node:assert/strict';
import { RULES } from '../../../../src/engine/rules/cloud';
import { describeFamily } from './family';
import { applyRule } from './harness';

describeFamily('cloud', RULES);

describe('rules/cloud edge cases', () => {
  const byId = (id: string) => RULES.find((r) => r.id === id)!;

  it('GCP service-account rule needs the service_account file context', () => {
    const rule = byId('gcp-service-account-key');
    const pos = rule.examples.positive[0];
    assert.equal(applyRule(rule, pos).length, 1);
    assert.equal(applyRule(rule, pos.replace('"service_account"', '"authorized_user"')).length, 0);
  });

  it('GCP service-account secret is the escaped PEM inside the JSON string', () => {
    const rule = byId('gcp-service-account-key');
    const [hit] = applyRule(rule, rule.examples.positive[0]);
    assert.ok(hit.secret.startsWith('-----BEGIN PRIVATE KEY-----\\n'));
    assert.ok(hit.secret.includes('-----END PRIVATE KEY-----'));
  });

  it('Azure SAS signature needs SAS fields around it', () => {
    const rule = byId('azure-sas-token');
    const pos = rule.examples.positive[0];
    const sig = /sig=([^"]+)/.exec(pos)![1];
    assert.equal(applyRule(rule, pos).length, 1);
    assert.equal(applyRule(rule, `https://cdn.example.com/a.js?v=3&sig=${sig}`).length, 0);
  });

  it('Azure AD client secret requires the digit + Q~ marker at position 4', () => {
    const rule = byId('azure-ad-client-secret');
    const secret = /=(\S+)/.exec(rule.examples.positive[0])![1];
    assert.equal(applyRule(rule, `s=${secret}`).length, 1);
    assert.equal(applyRule(rule, `s=${secret.slice(0, 3)}xQ~${secret.slice(6)}`).length, 0);
  });

  it('Azure storage key must be exactly 88 base64 chars ending in ==', () => {
    const rule = byId('azure-storage-account-key');
    const key = /AccountKey=([^;]+);/.exec(rule.examples.positive[0])![1];
    assert.equal(key.length, 88);
    assert.equal(applyRule(rule, `AccountKey=${key.slice(0, 80)}==;`).length, 0);
  });
});
