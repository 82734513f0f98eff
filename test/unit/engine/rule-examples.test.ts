import assert from 'node:assert/strict';
import { BUILTIN_RULES, scan, revealSecret, type RuleSpec } from '../../../src/engine';

/** A rule's dependencies: rules producing the kinds it must sit near. */
function withDeps(rule: RuleSpec): string[] {
  const kinds = rule.requiresNearby?.kinds ?? [];
  return [rule.id, ...BUILTIN_RULES.filter((r) => kinds.includes(r.kind) && !r.requiresNearby).map((r) => r.id)];
}

describe('built-in rules: every rule fires on its own positives and stays quiet on its negatives', () => {
  it('has at least 100 rules with unique ids', () => {
    const ids = BUILTIN_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
    assert.ok(ids.length >= 100, `only ${ids.length} rules`);
  });

  for (const rule of BUILTIN_RULES) {
    describe(rule.id, () => {
      it('declares keywords, examples and a secret group', () => {
        assert.ok(rule.keywords.length > 0, 'no keywords');
        assert.ok(rule.examples.positive.length > 0, 'no positive example');
        assert.ok(rule.examples.negative.length > 0, 'no negative example');
        assert.ok(!rule.pattern.global && !rule.pattern.sticky, 'pattern must not carry g/y');
        for (const k of rule.keywords) assert.equal(k, k.toLowerCase(), `keyword ${k} must be lower-case`);
      });
      rule.examples.positive.forEach((example, i) => {
        it(`positive #${i + 1} is found`, () => {
          const found = scan(example, { onlyRules: withDeps(rule) }).filter((f) => f.ruleId === rule.id);
          assert.ok(found.length > 0, `no ${rule.id} finding in: ${example.slice(0, 60)}`);
          for (const f of found) {
            const secret = revealSecret(f, example);
            assert.ok(secret.length >= 4, 'secret range too short');
            assert.ok(!f.message.includes(secret), 'message leaks the secret');
            assert.equal(f.kind, rule.kind);
          }
        });
      });
      rule.examples.negative.forEach((example, i) => {
        it(`negative #${i + 1} is not found`, () => {
          const found = scan(example, { onlyRules: withDeps(rule) }).filter((f) => f.ruleId === rule.id);
          assert.deepEqual(found.map((f) => f.secretMasked), [], `unexpected ${rule.id} in: ${example.slice(0, 60)}`);
        });
      });
    });
  }
});
