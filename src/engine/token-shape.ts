/**
 * Shape checks for machine-generated keys. A key comes from a generator with one uniform alphabet (hex, base36,
 * base62, base64/base64url, plus a few separators); a value that follows such an alphabet except for one odd
 * character was edited by hand (a documentation sample, a test's "invalid" variant, a half-redacted copy), and a
 * random generator practically never produces it.
 * Used by the keyword-driven rules (generic key/token/secret names, provider names), never by password rules:
 * people write passwords, and `Summer2024!` with one symbol is a real one.
 */

import { hasJwtHeader } from './jwt';

/** Characters of token alphabets: base64/base64url, hex, and the separators keys use (`.`, `~`, `:`). */
const TOKEN_CHAR = /[A-Za-z0-9+/=_.~:-]/;

/** Percent-encoding (`%2B`) is part of a URL-encoded token, not a stray character. */
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/g;

/** Characters outside every token alphabet; stops counting past `limit`. */
function strayCount(value: string, limit: number): number {
  let stray = 0;
  for (const c of value.replace(PERCENT_ESCAPE, 'A')) if (!TOKEN_CHAR.test(c) && ++stray > limit) break;
  return stray;
}

/**
 * True when `value` (a whole candidate key, no spaces) breaks the alphabet of a generated key:
 *  - one character outside every token alphabet (`$`, `%`, `^`, `!`, `?`, …) among token characters (`…Pkg$xTz…`),
 *    or two from 32 characters on (`…gSD%c^`); a lone `?` counts from 8 characters on (a URL query, a redaction
 *    mark). A generator whose alphabet has such symbols (Django's `!@#$%^&*(`, a fifth of its alphabet; WordPress
 *    salts, more) puts about 10 of them in a 50-character key; 2 or fewer happens with p ≈ 10⁻³;
 *  - hex digits plus exactly one letter beyond `f` (`eccb41…96y748…`): a typo'd or hand-made hex key;
 *  - hex of odd length: hex encodes bytes, two digits each;
 *  - a `?` at either end (not a query string): generators never emit it, people mark doubtful values with it.
 */
export function isHandEditedToken(value: string): boolean {
  if (value.length < 8) return false;
  // Wrapped in or ending with `?` (no query string): a redaction or "invalid" mark around a value.
  if ((value.startsWith('?') || value.endsWith('?')) && !value.includes('=')) return true;
  const stray = strayCount(value, 2);
  if (stray === 1 && (value.length >= 16 || value.includes('?'))) return true;
  if (value.length < 16) return false;
  if (stray === 2 && value.length >= 32) return true;
  const body = value.replace(/^0x/i, '');
  if (!/^[0-9a-zA-Z]+$/.test(body) || body.length < 16) return false;
  const lower = /^[0-9a-z]+$/.test(body);
  const upper = /^[0-9A-Z]+$/.test(body);
  if (!lower && !upper) return false;
  const beyondHex = (body.match(lower ? /[g-z]/g : /[G-Z]/g) ?? []).length;
  const hexLetters = (body.match(lower ? /[a-f]/g : /[A-F]/g) ?? []).length;
  if (beyondHex === 1 && hexLetters >= 4) return true;
  return beyondHex === 0 && hexLetters > 0 && body.length % 2 === 1;
}

/** Publishable keys are public by design (Stripe `pk_live_`, Lob `live_pub_`, Langfuse `pk-lf-`); test keys are not. */
const PUBLISHABLE_KEY = /^(?:pk_(?:live|test)_|(?:live|test)_pub_|pk-lf-)/;

/**
 * A JWT-looking value (`eyJ….…`) whose header does not decode to a JWT header (a hand-edited copy), or a publishable
 * key. Only the header is judged: generated sample tokens often carry a random payload.
 */
export function isBrokenJwtOrPublicKey(value: string): boolean {
  if (PUBLISHABLE_KEY.test(value)) return true;
  return value.startsWith('eyJ') && value.includes('.') && !hasJwtHeader(value);
}
