const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Decodes the AWS account id embedded in an access key id, offline. Key ids issued since 2019 carry the
 * account in bits of their base32 body; legacy ids (5th character I or J) do not, so this returns undefined.
 */
export function accountIdFromKeyId(keyId: string): string | undefined {
  if (!/^(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/.test(keyId)) return undefined;
  if (keyId[4] === 'I' || keyId[4] === 'J') return undefined;
  const body = keyId.slice(4);
  // First 6 bytes (48 bits) of the base32-decoded body; 48 bits are exact in a double.
  let bits = 0;
  let value = 0;
  let bytes = 0;
  let z = 0;
  for (const ch of body) {
    value = (value << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      const byte = (value >> bits) & 0xff;
      value &= (1 << bits) - 1;
      z = z * 256 + byte;
      if (++bytes === 6) break;
    }
  }
  // mask 0x7fffffffff80 then >> 7: drop the top bit and the low 7 bits.
  const masked = (z % 2 ** 47) - (z % 128);
  const account = masked / 128;
  return String(account).padStart(12, '0');
}
