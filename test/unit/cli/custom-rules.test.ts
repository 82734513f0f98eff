import assert from 'node:assert/strict';
import { revealSecret, scan, type CustomRuleDef } from '../../../src/engine';
import { compileCustomRule, CustomRuleError } from '../../../src/engine/custom-rules';

const acme: CustomRuleDef = {
  id: 'acme-api-token', kind: 'other-provider-token', severity: 'error', title: 'Acme API token',
  keywords: ['acme_'], pattern: '\\b(?P<secret>acme_[A-Za-z0-9]{24})\\b', entropy: 3,
};

function timed(fn: () => unknown): number {
  fn(); // warm-up (compilation, caches)
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

describe('custom rules (re2js)', () => {
  it('finds secrets through ScanOptions.customRules, with the named group as the range', () => {
    const text = 'x = 1\nconst t = "acme_Ab3dEf7hIj9kLm2nOp4qRs6t"; // é\nacme_aaaaaaaaaaaaaaaaaaaaaaaa\n';
    const found = scan(text, { customRules: [acme] });
    assert.equal(found.length, 1, 'the low-entropy one is dropped');
    assert.equal(found[0].ruleId, 'acme-api-token');
    assert.deepEqual(found[0].start, { line: 2, column: 12 });
    assert.equal(revealSecret(found[0], text), 'acme_Ab3dEf7hIj9kLm2nOp4qRs6t');
  });

  it('ScanOptions with custom rules survive structured cloning (worker postMessage)', () => {
    const opts = structuredClone({ customRules: [acme] });
    assert.equal(scan('acme_Ab3dEf7hIj9kLm2nOp4qRs6t', opts).length, 1);
  });

  it('rejects bad definitions naming the field', () => {
    assert.throws(() => compileCustomRule({ ...acme, pattern: '(a' }), (e: unknown) => e instanceof CustomRuleError && e.field === 'pattern');
    assert.throws(() => compileCustomRule({ ...acme, pattern: 'a(?=b)' }), /invalid RE2 pattern/);
    assert.throws(() => compileCustomRule({ ...acme, keywords: [] }), (e: unknown) => e instanceof CustomRuleError && e.field === 'keywords');
  });

  describe('a pathological pattern cannot make a 1 MB scan take more than a second', () => {
    const evil: CustomRuleDef = { ...acme, id: 'evil-rule', keywords: ['token'], pattern: 'token(?P<secret>(a+)+)$', entropy: 3 };
    const cases: [string, string][] = [
      ['one 1 MB line that matches', 'token' + 'a'.repeat(1 << 20)],
      ['one 1 MB line that almost matches', 'token' + 'a'.repeat(1 << 20) + '!'],
      ['16k lines that each match', Array.from({ length: 16_000 }, () => 'token' + 'a'.repeat(64)).join('\n')],
      ['keyword every 40 characters on one line', ('token' + 'a'.repeat(35)).repeat(26_000)],
    ];
    for (const [name, text] of cases) {
      it(name, function () {
        this.timeout(20_000);
        assert.ok(text.length >= 1_000_000);
        const ms = timed(() => scan(text, { customRules: [evil] }));
        assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
      });
    }
    it('the same pattern on the JS engine would backtrack (control)', () => {
      const t = process.hrtime.bigint();
      /^(a+)+$/.test('a'.repeat(23) + '!');
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      assert.ok(ms > 10, `JS backtracking took only ${ms.toFixed(1)} ms`);
    });
  });
});
