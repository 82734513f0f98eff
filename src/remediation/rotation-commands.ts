/**
 * What to do with an AWS access key after its code was moved to the default credential chain (issue 16 point 3):
 * the account the key belongs to (decoded offline from the key id) and the AWS CLI commands that deactivate and
 * delete it. Pure text: the editor copies it to the clipboard; the key id itself is never shown in a message.
 */
import { accountIdFromKeyId } from '../engine/aws-account';
import { maskSecret } from '../engine/mask';

export interface RotationTarget {
  /** The full access key id (clipboard only). */
  keyId: string;
  /** First 4 characters then `…`. */
  masked: string;
  /** 12-digit account id, or undefined for legacy key ids that do not encode it. */
  account?: string;
}

const KEY_ID = /^(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}$/;

export function rotationTarget(keyId: string): RotationTarget | undefined {
  if (!KEY_ID.test(keyId)) return undefined;
  return { keyId, masked: maskSecret(keyId), account: accountIdFromKeyId(keyId) };
}

/**
 * Shell lines that deactivate, then delete, the key. Temporary (ASIA) keys cannot be deactivated: they expire;
 * for them the text says so and names the role session to revoke instead.
 */
export function rotationCommands(t: RotationTarget): string {
  const acct = t.account ? ` in AWS account ${t.account}` : '';
  if (t.keyId.startsWith('ASIA')) {
    return [
      `# Temporary key ${t.keyId}${acct}: it expires on its own. To cut it off now, revoke the role's active sessions`,
      '# (IAM console > Roles > <role> > Revoke active sessions).',
      `aws sts get-access-key-info --access-key-id ${t.keyId}`,
      '',
    ].join('\n');
  }
  return [
    `# Rotate access key ${t.keyId}${acct}. Run with credentials of that account.`,
    '# 1. Who owns it (the UserName to pass with --user-name if it is not your own user):',
    `aws iam get-access-key-last-used --access-key-id ${t.keyId}`,
    '# 2. Deactivate it (reversible: --status Active), check nothing breaks, then delete it:',
    `aws iam update-access-key --access-key-id ${t.keyId} --status Inactive`,
    `aws iam delete-access-key --access-key-id ${t.keyId}`,
    '',
  ].join('\n');
}

/** The IAM console, signed in to the key's account when it is known. */
export function iamConsoleUrl(t: Pick<RotationTarget, 'account'>): string {
  return t.account ? `https://${t.account}.signin.aws.amazon.com/console/iam` : 'https://console.aws.amazon.com/iam/home#/security_credentials';
}

/** The notification text: masked key and account, never the key id. */
export function rotationMessage(targets: readonly RotationTarget[]): string {
  if (targets.length === 0) {
    return 'Deactivate and rotate the AWS access key that was in this code: it is still in your git history.';
  }
  const keys = targets.map((t) => `${t.masked}${t.account ? ` (account ${t.account})` : ''}`).join(', ');
  return `The code now uses the AWS default credential chain. Deactivate and rotate access key ${keys}: it is still in your git history and in copies already pushed.`;
}
