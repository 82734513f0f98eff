/**
 * Small offline checksum helpers used by provider rules whose tokens embed a checksum
 * (GitHub classic tokens, npm tokens). Pure functions, no I/O.
 */

let crcTable: Uint32Array | undefined;

function table(): Uint32Array {
  if (crcTable) return crcTable;
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  crcTable = t;
  return t;
}

/** CRC-32 (IEEE 802.3, reflected, as in zlib) of the UTF-8 bytes of `input`; unsigned 32-bit result. */
export function crc32(input: string | Uint8Array): number {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const t = table();
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Digits first, then upper case, then lower case (the order GitHub and npm tokens use). */
export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 of a non-negative safe integer, left-padded with `0` to at least `minLength` characters. */
export function base62Encode(value: number, minLength = 0): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('base62Encode expects a non-negative safe integer');
  let out = '';
  let v = value;
  do {
    out = BASE62_ALPHABET[v % 62] + out;
    v = Math.floor(v / 62);
  } while (v > 0);
  return out.padStart(minLength, '0');
}

/** Inverse of base62Encode; returns undefined for characters outside the alphabet or overflow. */
export function base62Decode(s: string): number | undefined {
  if (s.length === 0) return undefined;
  let v = 0;
  for (const ch of s) {
    const d = BASE62_ALPHABET.indexOf(ch);
    if (d < 0) return undefined;
    v = v * 62 + d;
    if (!Number.isSafeInteger(v)) return undefined;
  }
  return v;
}

/**
 * Checks a GitHub-style token (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `npm_`): `<prefix>_` followed by
 * 30 random base62 characters and a 6-character base62 CRC-32 of those 30 characters.
 */
export function hasValidBase62Crc32(token: string): boolean {
  const us = token.indexOf('_');
  if (us < 0) return false;
  const body = token.slice(us + 1);
  if (body.length !== 36 || !/^[A-Za-z0-9]{36}$/.test(body)) return false;
  const random = body.slice(0, 30);
  return base62Encode(crc32(random), 6) === body.slice(30);
}
