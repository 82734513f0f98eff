/** JSON Web Token structure checks (no signature check: the engine never holds the key). */

export function decodeJsonSegment(seg: string): unknown {
  try {
    const json = Buffer.from(seg, 'base64url').toString('utf8');
    return json.startsWith('{') ? JSON.parse(json) : undefined;
  } catch {
    return undefined;
  }
}

/** The first segment decodes to a JSON header naming a signing algorithm (`{"alg":"HS256",…}`). */
export function hasJwtHeader(token: string): boolean {
  const segment = token.slice(0, token.indexOf('.'));
  // The decoder skips characters outside the alphabet: check them first (`eyJhbGciOiJIUzI1N^iIs…` is edited).
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(segment)) return false;
  const header = decodeJsonSegment(segment) as { alg?: unknown } | undefined;
  return !!header && typeof header.alg === 'string';
}

/** A JWT whose header decodes to JSON with a real `alg` and whose payload decodes to a JSON object. */
export function isStructuredJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const header = decodeJsonSegment(parts[0]) as { alg?: unknown } | undefined;
  if (!header || typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none') return false;
  const payload = decodeJsonSegment(parts[1]);
  return typeof payload === 'object' && payload !== null;
}
