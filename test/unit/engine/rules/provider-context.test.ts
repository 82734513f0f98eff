import assert from 'node:assert/strict';
import { parseProviders, providerIn, RULES } from '../../../../src/engine/rules/provider-context';
import { PROVIDERS } from '../../../../src/engine/rules/provider-names';
import { describeFamily } from './family';
import { applyRule } from './harness';

describeFamily('provider-context', RULES);

describe('rules/provider-context table and mechanism', () => {
  const rule = RULES[0];
  const key = 'k3v9q0wz7m2r8t5y1u4i6o0p3a7s9d2f';

  it('has one well-formed entry per provider', () => {
    const keywords = parseProviders(PROVIDERS).map((p) => p.keyword);
    assert.equal(new Set(keywords).size, keywords.length, 'duplicate provider');
    assert.ok(keywords.length >= 300, `${keywords.length} providers`);
    assert.throws(() => parseProviders(['ab']), /at least|≥ 4/);
  });

  it('finds a key after any provider of the table, not after an unknown name', () => {
    for (const name of ['pushover', 'vatlayer', 'clicksend', 'clinchpad']) {
      assert.equal(applyRule(rule, `${name}_api_key = "${key}"`).length, 1, name);
    }
    assert.equal(applyRule(rule, `unknownvendor_api_key = "${key}"`).length, 0);
  });

  it('needs the provider name to start a word of the identifier', () => {
    assert.ok(providerIn('myWhoxyKey'));
    assert.ok(providerIn('WHOXY_KEY'));
    assert.equal(providerIn('nowhoxyhere'), undefined);
  });

  it('needs a credential word between the name and the value', () => {
    assert.equal(applyRule(rule, `pushover = "${key}"`).length, 0);
    assert.equal(applyRule(rule, `pushover token = "${key}"`).length, 1);
    assert.equal(applyRule(rule, `<secret>{pushover AQAAABAAA ${key}}</secret>`).length, 1);
  });

  it('finds keys in log lines and URLs within 40 characters, not beyond', () => {
    assert.equal(applyRule(rule, `[INFO] calling the pushover API\n[DEBUG] Using Key=${key}`).length, 1);
    assert.equal(applyRule(rule, `base_url: "https://api.coinlayer.com/live?access_key=${key}"`).length, 1);
    assert.equal(applyRule(rule, `pushover key is mentioned here but the value is much further away = "${key}"`).length, 0);
  });

  it('takes only whole tokens: a key glued to other characters is a mangled copy', () => {
    assert.equal(applyRule(rule, `pushover token = "${key.slice(0, 10)}?${key.slice(11)}"`).length, 0);
    assert.equal(applyRule(rule, `pushover token = "=${key}"`).length, 0);
  });

  it('ignores digests, UUIDs, versions, module paths and identifiers', () => {
    const cases = [
      'whoxy_token = "9d2c1f0e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d"',
      'whoxy_token = "bb8a4b6c-83b3-4cde-92ba-e3e35916ef3f"',
      'whoxy_token = "whoxy-client-2.31.4-beta.20240101"',
      'whoxy_token = process.env.WHOXY_TOKEN_V2',
      'whoxy_token = "sha512-k3v9q0wz7m2r8t5y1u4i6o0p3a7s9d2fk3v9q0wz7m2r8t5y1u4i6o0p3a7s9d2f"',
      'whoxy_token = "get_whoxy_token_for_user_id"',
      'salesforce_key = "3MVG9dBDux2v1sLoreCoilvmnP337XNeiV01JFJ8uAAVVyH5qX0NPaa0d54El.Wkce6JTB1LmsxhzVaaa.VZ7"',
    ];
    for (const c of cases) assert.equal(applyRule(rule, c).length, 0, c);
  });

  it('accepts UUID keys only for providers that issue them', () => {
    assert.equal(applyRule(rule, 'opsgenie_api_key = "bb8a4b6c-83b3-4cde-92ba-e3e35916ef3f"').length, 1);
    assert.equal(applyRule(rule, 'whoxy_api_key = "bb8a4b6c-83b3-4cde-92ba-e3e35916ef3f"').length, 0);
  });
});
