import assert from 'node:assert/strict';
import { base62Decode, base62Encode, BASE62_ALPHABET, crc32, hasValidBase62Crc32 } from '../../../src/engine/checksums';

describe('checksums', () => {
  describe('crc32', () => {
    it('matches the standard check value', () => {
      assert.equal(crc32('123456789'), 0xcbf43926);
    });
    it('matches known vectors', () => {
      assert.equal(crc32(''), 0);
      assert.equal(crc32('a'), 0xe8b7be43);
      assert.equal(crc32('abc'), 0x352441c2);
      assert.equal(crc32('The quick brown fox jumps over the lazy dog'), 0x414fa339);
    });
    it('hashes UTF-8 bytes and accepts byte arrays', () => {
      assert.equal(crc32('é'), crc32(new Uint8Array([0xc3, 0xa9])));
      assert.notEqual(crc32('é'), crc32(new Uint8Array([0xe9])));
    });
    it('always returns an unsigned 32-bit integer', () => {
      for (const s of ['', 'x', 'ghp_', '\u0000\uffff']) {
        const v = crc32(s);
        assert.ok(Number.isInteger(v) && v >= 0 && v <= 0xffffffff);
      }
    });
  });

  describe('base62', () => {
    it('uses digits, then upper, then lower case', () => {
      assert.equal(BASE62_ALPHABET.length, 62);
      assert.equal(base62Encode(0), '0');
      assert.equal(base62Encode(9), '9');
      assert.equal(base62Encode(10), 'A');
      assert.equal(base62Encode(36), 'a');
      assert.equal(base62Encode(61), 'z');
      assert.equal(base62Encode(62), '10');
    });
    it('pads to a minimum length', () => {
      assert.equal(base62Encode(61, 6), '00000z');
      assert.equal(base62Encode(0xffffffff, 6), '4gfFC3');
    });
    it('round-trips', () => {
      for (const v of [0, 1, 61, 62, 3843, 0xcbf43926, 0xffffffff, Number.MAX_SAFE_INTEGER]) {
        assert.equal(base62Decode(base62Encode(v)), v);
      }
    });
    it('rejects bad input', () => {
      assert.throws(() => base62Encode(-1));
      assert.throws(() => base62Encode(1.5));
      assert.equal(base62Decode(''), undefined);
      assert.equal(base62Decode('ab-c'), undefined);
      assert.equal(base62Decode('z'.repeat(20)), undefined);
    });
  });

  describe('hasValidBase62Crc32', () => {
    const random = 'q9W1e2R3t4Y5u6I7o8P9a0S1d2F3g4';
    const token = `ghp_${random}${base62Encode(crc32(random), 6)}`;
    it('accepts a token whose last 6 chars are the base62 CRC-32 of the 30 random chars', () => {
      assert.ok(hasValidBase62Crc32(token));
      assert.ok(hasValidBase62Crc32(`npm_${token.slice(4)}`), 'prefix is not part of the checksum');
    });
    it('rejects wrong checksums, wrong lengths and non-base62 bodies', () => {
      assert.equal(hasValidBase62Crc32(token.slice(0, -1) + (token.endsWith('0') ? '1' : '0')), false);
      assert.equal(hasValidBase62Crc32(token.slice(0, -1)), false);
      assert.equal(hasValidBase62Crc32(token + 'a'), false);
      assert.equal(hasValidBase62Crc32('ghp' + token.slice(4)), false);
      assert.equal(hasValidBase62Crc32(`ghp_${random.slice(0, 29)}-${token.slice(-6)}`), false);
    });
  });
});
