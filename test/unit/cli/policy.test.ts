import assert from 'node:assert/strict';
import { scan } from '../../../src/engine';
import { secretHash } from '../../../src/engine/fingerprint';
import { BaselineIndex } from '../../../src/node/baseline';
import { parseConfig } from '../../../src/node/config-schema';
import { applyPolicy, policyFor } from '../../../src/node/policy';
import { fakeAwsKeyId } from './fake-secrets';

const A = fakeAwsKeyId(31);
const B = fakeAwsKeyId(32);
const text = `a = "${A}"  # credential-hygiene:ignore until 2001-01-01\nb = "${B}"\n`;
const findings = scan(text, { path: 'x.py' });

describe('policy: config + inline ignores + baseline for one file', () => {
  it('guards: two findings', () => assert.equal(findings.length, 2));

  it('allowlist by hash and by stopword', () => {
    const cfg = parseConfig(JSON.stringify({ allow: { hashes: [`sha256:${secretHash(B)}`] }, stopwords: [A.slice(6, 12).toLowerCase()] }), 'c', '/r');
    const out = applyPolicy(text, findings, { policy: policyFor([cfg]), today: '2026-01-01' });
    assert.deepEqual(out.kept, []);
    assert.deepEqual(out.suppressed.map((s) => s.by), ['allowlist', 'allowlist']);
    assert.deepEqual(out.expired, [], 'allowlisted before inline ignores are looked at');
  });

  it('expired ignore: reported with its finding; not when the baseline accepts the finding', () => {
    const plain = applyPolicy(text, findings, { today: '2026-01-01' });
    assert.deepEqual(plain.kept.map((f) => f.start.line), [1, 2]);
    assert.equal(plain.expired.length, 1);
    const index = new BaselineIndex({ version: 1, entries: [{ file: 'x.py', ruleId: findings[0].ruleId, fingerprint: findings[0].fingerprint }] }, '/r', 'b');
    const based = applyPolicy(text, findings, { today: '2026-01-01', baseline: { index, relFile: 'x.py' } });
    assert.deepEqual(based.kept.map((f) => f.start.line), [2]);
    assert.deepEqual(based.expired, []);
    assert.deepEqual(index.unused(() => true), []);
    const elsewhere = applyPolicy(text, findings, { today: '2026-01-01', baseline: { index: new BaselineIndex(index.baseline, '/r', 'b'), relFile: 'y.py' } });
    assert.equal(elsewhere.kept.length, 2, 'the file path is part of the identity');
  });

  it('inline ignores can be switched off for audits', () => {
    const out = applyPolicy(text, findings, { today: '2000-01-01', inlineIgnores: false });
    assert.equal(out.kept.length, 2);
    assert.equal(applyPolicy(text, findings, { today: '2000-01-01' }).kept.length, 1);
  });
});
