import assert from 'node:assert/strict';
import { isStructuredJwt, RULES } from '../../../../src/engine/rules/keys';
import { describeFamily } from './family';
import { applyRule, scanWithOnly } from './harness';

describeFamily('keys', RULES);

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('rules/keys edge cases', () => {
  const byId = (id: string) => RULES.find((r) => r.id === id)!;

  it('JWT structure: header must be JSON with a non-none alg, payload a JSON object', () => {
    const sig = 'Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c';
    assert.ok(isStructuredJwt(`${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: '42' })}.${sig}`));
    assert.equal(isStructuredJwt(`${b64url({ alg: 'none' })}.${b64url({ sub: '42' })}.${sig}`), false);
    assert.equal(isStructuredJwt(`${b64url({ typ: 'JWT' })}.${b64url({ sub: '42' })}.${sig}`), false);
    assert.equal(isStructuredJwt(`${b64url({ alg: 'HS256' })}.${Buffer.from('not json').toString('base64url')}.${sig}`), false);
    assert.equal(isStructuredJwt(`${b64url({ alg: 'HS256' })}.${b64url({ sub: '42' })}`), false);
  });

  it('JWT finding describes alg and expiry', () => {
    const rule = byId('jwt');
    const tok = `${b64url({ alg: 'ES256' })}.${b64url({ sub: 'svc', exp: 1893456000 })}.Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1c`;
    assert.equal(rule.describe!(tok), 'alg ES256, expires 2030-01-01');
  });

  it('PEM: the secret spans the whole block, BEGIN to END', () => {
    const rule = byId('private-key-pem');
    const text = rule.examples.positive[0];
    const [hit] = applyRule(rule, text);
    assert.ok(hit.secret.startsWith('-----BEGIN RSA PRIVATE KEY-----'));
    assert.ok(hit.secret.endsWith('-----END RSA PRIVATE KEY-----'));
  });

  it('PEM: mismatched BEGIN/END labels are not a key block', () => {
    const rule = byId('private-key-pem');
    const text = rule.examples.positive[0].replace('END RSA PRIVATE KEY', 'END EC PRIVATE KEY');
    assert.equal(applyRule(rule, text).length, 0);
  });

  it('PEM: a key embedded in a larger file is found through the engine window', () => {
    const rule = byId('private-key-pem');
    const text = ['# config', 'name: deploy', 'key: |', ...rule.examples.positive[0].split('\n').map((l) => `  ${l}`), 'other: 1'].join('\n');
    const found = scanWithOnly(rule, text);
    if (found === undefined) return; // engine not built
    assert.equal(found.length, 1);
    assert.equal(found[0].start.line, 4);
  });

  it('PEM: encrypted keys are described as such', () => {
    const rule = byId('private-key-pem');
    assert.equal(rule.describe!(rule.examples.positive[3]), 'passphrase-encrypted');
    assert.equal(rule.describe!(rule.examples.positive[0]), undefined);
  });

  it('PEM: the secretlint corpus placeholders stay silent', () => {
    const rule = byId('private-key-pem');
    for (const body of ['***', 'xxx', '...', 'YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=']) {
      assert.equal(applyRule(rule, `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`).length, 0, body);
    }
  });
});
