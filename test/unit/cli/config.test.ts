import assert from 'node:assert/strict';
import path from 'node:path';
import { scan } from '../../../src/engine';
import { ConfigResolver, loadConfig } from '../../../src/node/config';
import { ConfigError, parseConfig } from '../../../src/node/config-schema';
import { applyPolicy, excludedByConfig, policyFor, scanOptionsFor } from '../../../src/node/policy';
import { cleanup, tempDir, write } from './cli-harness';
import { fakeAwsKeyId } from './fake-secrets';

const RULE = { id: 'acme-api-token', title: 'Acme', keywords: ['acme_'], pattern: 'acme_[A-Za-z0-9]{24}' };

function error(text: string): ConfigError {
  try {
    parseConfig(text, 'c.json', '/r');
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e;
  }
  assert.fail('no error');
}

describe('project config', () => {
  it('parses JSONC with comments and trailing commas, with defaults', () => {
    const c = parseConfig('{\n // c\n "exclude": ["a/**",],\n "stopwords": ["Dummy"],\n}', 'c.json', '/r');
    assert.deepEqual(c.exclude, ['a/**']);
    assert.deepEqual(c.stopwords, ['dummy']);
    assert.deepEqual(c.customRules, []);
  });

  it('errors name file, line, column and key', () => {
    const e = error('{\n  "rules": {\n    "aws-access-key-id": { "severity": "high" }\n  }\n}');
    assert.equal(e.line, 3);
    assert.equal(e.key, 'rules.aws-access-key-id.severity');
    assert.match(e.message, /^c\.json:3:\d+: rules\.aws-access-key-id\.severity: expected one of error, warning, info$/);
    assert.match(error('{ "allow": { "hashes": ["md5:abc"] } }').message, /allow\.hashes\[0\]: expected 'sha256:'/);
    assert.match(error('{ "exclude": "a/**" }').message, /exclude: expected an array, got a string/);
    assert.match(error('{ "customRules": [ { "id": "Bad Id", "title": "x", "keywords": ["x"], "pattern": "x" } ] }').message, /customRules\[0\]\.id: 'Bad Id' must be lower-case/);
    assert.match(error('{ "customRules": [ { "id": "aws-access-key-id", "title": "x", "keywords": ["x"], "pattern": "x" } ] }').message, /built-in rule id/);
    assert.match(error('{ "customRules": [ { "id": "a-b", "keywords": ["x"], "pattern": "x" } ] }').message, /missing required key 'title'/);
    assert.match(error('[1]').message, /expected an object, got an array/);
    assert.match(error('{ "a": 1 ').message, /^c\.json:1:\d+: malformed JSON/);
  });

  it('rules may name the config\'s own custom rules', () => {
    const c = parseConfig(JSON.stringify({ customRules: [RULE], rules: { 'acme-api-token': { severity: 'info' } } }), 'c.json', '/r');
    assert.deepEqual(c.rules, { 'acme-api-token': { severity: 'info' } });
  });

  it('untrusted: custom rules are not loaded (but still validated)', async () => {
    const dir = tempDir();
    try {
      write(dir, '.credential-hygiene.json', JSON.stringify({ customRules: [RULE], exclude: ['x/**'] }));
      const trusted = await loadConfig(dir, { trusted: true });
      const untrusted = await loadConfig(dir, { trusted: false });
      assert.equal(trusted!.customRules.length, 1);
      assert.equal(untrusted!.customRules.length, 0);
      assert.equal(untrusted!.skippedCustomRules, 1);
      assert.deepEqual(untrusted!.exclude, ['x/**']);
      assert.equal(await loadConfig(path.join(dir, 'none')), undefined);
    } finally {
      cleanup(dir);
    }
  });

  it('nested configs: chain outermost first, nearer rule settings win, custom rules scoped to their subtree', async () => {
    const dir = tempDir();
    try {
      write(dir, '.credential-hygiene.json', JSON.stringify({ rules: { 'aws-access-key-id': 'off' } }));
      write(dir, 'a/.credential-hygiene.json', JSON.stringify({ rules: { 'aws-access-key-id': { severity: 'info' } }, customRules: [RULE] }));
      const r = new ConfigResolver(dir);
      const rootChain = await r.chainFor(dir);
      const deep = await r.chainFor(path.join(dir, 'a', 'b', 'c'));
      assert.equal(deep.length, 2);
      assert.equal(policyFor(rootChain).disabled.has('aws-access-key-id'), true);
      const p = policyFor(deep);
      assert.equal(p.disabled.has('aws-access-key-id'), false);
      assert.equal(p.severity.get('aws-access-key-id'), 'info');
      const opts = scanOptionsFor([rootChain, deep]);
      assert.equal(opts.customRules?.length, 1, 'the scan runs the union of custom rules');
      assert.equal(opts.disabledRules, undefined, 'a rule re-enabled somewhere is not disabled for the scan');
      const text = `k = "acme_Ab3dEf7hIj9kLm2nOp4qRs6t"\nid = "${fakeAwsKeyId(5)}"\n`;
      const findings = scan(text, opts);
      assert.deepEqual(applyPolicy(text, findings, { policy: policyFor(deep) }).kept.map((f) => `${f.ruleId}:${f.severity}`), [
        'acme-api-token:warning', 'aws-access-key-id:info',
      ]);
      const atRoot = applyPolicy(text, findings, { policy: policyFor(rootChain) });
      assert.deepEqual(atRoot.kept, [], 'outside a/ neither the custom rule nor the disabled rule reports');
      assert.deepEqual(atRoot.suppressed.map((s) => s.by), ['config', 'config']);
    } finally {
      cleanup(dir);
    }
  });

  it('exclude/include are relative to the config directory; a named path overrides a glob covering it', () => {
    const cfg = parseConfig(JSON.stringify({ exclude: ['test/fixtures/**', '*.snap'], include: ['src/**', 'test/**'] }), 'c.json', '/r');
    assert.equal(excludedByConfig([cfg], '/r/src/a.ts'), false);
    assert.equal(excludedByConfig([cfg], '/r/docs/a.md'), true, 'not included');
    assert.equal(excludedByConfig([cfg], '/r/test/fixtures/k.py'), true);
    assert.equal(excludedByConfig([cfg], '/r/src/x/y.snap'), true, 'basename globs match at any depth');
    assert.equal(excludedByConfig([cfg], '/r/test/fixtures/k.py', ['/r/test/fixtures']), false);
    assert.equal(excludedByConfig([cfg], '/r/test/fixtures/k.py', ['/r/test']), true, 'naming the parent does not');
    assert.equal(excludedByConfig([cfg], '/r/docs/a.md', ['/r/docs/a.md']), false, 'a named file is always scanned');
    assert.equal(excludedByConfig([cfg], '/elsewhere/a.md'), false);
  });
});
