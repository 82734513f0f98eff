import assert from 'node:assert/strict';
import { scan } from '../../../src/engine';
import { isHandEditedToken } from '../../../src/engine/token-shape';

/** Deterministic pseudo-random tokens over an alphabet (fake material generated at test time). */
function tokens(alphabet: string, length: number, count: number, seed = 7): string[] {
  let x = seed >>> 0;
  const next = () => {
    // mulberry32
    x = (x + 0x6d2b79f5) >>> 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
}
const HEX = '0123456789abcdef';
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DJANGO = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';

describe('token shape: hand-edited keys', () => {
  it('keeps generated keys of every common alphabet', () => {
    for (const t of [...tokens(HEX, 40, 500), ...tokens(BASE62, 32, 500), ...tokens(BASE62 + '+/', 44, 500), ...tokens(BASE62 + '-_', 43, 500)]) {
      assert.equal(isHandEditedToken(t), false, t.slice(0, 4));
    }
  });

  it('keeps nearly all keys from an alphabet with symbols (Django secret keys)', () => {
    const flagged = tokens(DJANGO, 50, 5000).filter(isHandEditedToken).length;
    assert.ok(flagged < 25, `${flagged} of 5000 flagged`); // expected ≈ 1.7 per 1000
  });

  it('keeps URL-encoded base64 (percent escapes are token characters)', () => {
    assert.equal(isHandEditedToken('Zk4Pq8Wn2Rt6Yv0Xs3Ud%2B7Gf1Hj5Lm9Cb%3D'), false);
  });

  it('flags one stray symbol, a `?`, one non-hex letter in hex, and odd-length hex', () => {
    const [b62] = tokens(BASE62, 32, 1, 11);
    const [hex] = tokens(HEX, 32, 1, 13);
    assert.equal(isHandEditedToken(`${b62.slice(0, 12)}$${b62.slice(13)}`), true);
    assert.equal(isHandEditedToken(`${b62}%c^`), true);
    assert.equal(isHandEditedToken(`${b62.slice(0, 5)}?${b62.slice(6, 12)}`), true);
    assert.equal(isHandEditedToken(`${hex.slice(0, 9)}y${hex.slice(10)}`), true);
    assert.equal(isHandEditedToken(`${hex}a`), true);
  });

  it('generic key rules skip a hand-edited value but still report the generated one', () => {
    const [b62] = tokens(BASE62, 32, 1, 17);
    assert.equal(scan(`api_key = "${b62}"`).length, 1);
    assert.equal(scan(`api_key = "${b62.slice(0, 14)}?${b62.slice(15)}"`).length, 0);
  });

  it('password rules keep human passwords with one symbol', () => {
    assert.equal(scan('db_password = "Rk8vQ2pZx7Lm!Wq3"').length, 1);
  });
});
