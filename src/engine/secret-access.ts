import type { Finding } from './types';

/**
 * The only way to read a finding's raw value: findings themselves never carry it, so they can be logged,
 * serialised and sent to workers safely. Remediation code calls this with the document text.
 */
export function revealSecret(finding: Finding, text: string): string {
  return text.slice(finding.startOffset, finding.endOffset);
}
