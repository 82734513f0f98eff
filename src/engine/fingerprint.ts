import { createHash } from 'node:crypto';

/**
 * Content fingerprint of a finding: stable across edits and moves (no line numbers), and one-way
 * so baselines and SARIF can carry it without carrying the secret.
 */
export function fingerprintOf(ruleId: string, secret: string): string {
  return createHash('sha256').update(ruleId).update('\0').update(secret).digest('hex').slice(0, 32);
}

/** Hash of a secret alone, used by allowlists (`sha256:<hex>`), so configs never hold the value. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
