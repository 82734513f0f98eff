import assert from 'node:assert/strict';
import { base62Encode, crc32 } from '../../../../src/engine/checksums';
import { isBase64UserPass, RULES } from '../../../../src/engine/rules/packages';
import { describeFamily } from './family';
import { applyRule } from './harness';

describeFamily('packages', RULES);

describe('rules/packages validator edge cases', () => {
  const byId = (id: string) => RULES.find((r) => r.id === id)!;

  it('npm token: checksum is the base62 CRC-32 of the 30 random characters', () => {
    const random = 'Hq3Zr8Lm1Xv7Tn2Pw5Ks9Yb4Hd6Jf0';
    const ok = `npm_${random}${base62Encode(crc32(random), 6)}`;
    const rule = byId('npm-access-token');
    assert.equal(applyRule(rule, `NPM_TOKEN=${ok}`).length, 1);
    const bad = ok.slice(0, -1) + (ok.endsWith('z') ? 'y' : 'z');
    assert.equal(applyRule(rule, `NPM_TOKEN=${bad}`).length, 0);
  });

  it('npm token from the secretlint corpus validates', () => {
    assert.equal(applyRule(byId('npm-access-token'), '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').length, 1);
  });

  it('docker auth must decode to user:password', () => {
    const enc = (s: string) => Buffer.from(s).toString('base64');
    assert.ok(isBase64UserPass(enc('robot$ci:Tq8sLm2Vx9Rb')));
    assert.equal(isBase64UserPass(enc('onlyuser')), false);
    assert.equal(isBase64UserPass(enc('user:${PASSWORD}')), false);
    assert.equal(isBase64UserPass(enc('user:xx')), false);
    assert.equal(isBase64UserPass('////////'), false, 'binary garbage');
  });

  it('.npmrc env references are not findings, literal UUID tokens are', () => {
    const rule = byId('npmrc-auth-token');
    assert.equal(applyRule(rule, '//registry.npmjs.org/:_authToken=${NPM_TOKEN}').length, 0);
    assert.equal(applyRule(rule, '//registry.npmjs.org/:_authToken=3f2b8c1e-9a4d-4e7f-b2c6-5d8e1a9f3b7c').length, 1);
  });
});
