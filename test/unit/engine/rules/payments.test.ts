import assert from 'node:assert/strict';
import { RULES } from '../../../../src/engine/rules/payments';
import { describeFamily } from './family';
import { applyRule } from './harness';

describeFamily('payments', RULES);

describe('rules/payments edge cases', () => {
  const byId = (id: string) => RULES.find((r) => r.id === id)!;

  it('never reports Stripe publishable keys, whatever their entropy', () => {
    const key = 'q8Zr3Lm1Xv7Tn2Pw5Ks9Yb4Hd6Jf0Gc';
    for (const rule of RULES) {
      assert.equal(applyRule(rule, `pk_live_${key}`).length, 0, rule.id);
      assert.equal(applyRule(rule, `pk_test_${key}`).length, 0, rule.id);
    }
    assert.equal(applyRule(byId('stripe-secret-key'), `sk_live_${key}`).length, 1);
  });

  it('stripe key glued inside a longer identifier is not reported', () => {
    const key = 'q8Zr3Lm1Xv7Tn2Pw5Ks9Yb4Hd6Jf0Gc';
    assert.equal(applyRule(byId('stripe-secret-key'), `my_sk_live_${key}`).length, 0);
  });

  it('named payment secrets ignore env-var references', () => {
    assert.equal(applyRule(byId('razorpay-key-secret'), 'RAZORPAY_KEY_SECRET=process.env.RAZORPAY_SECRET').length, 0);
  });
});
