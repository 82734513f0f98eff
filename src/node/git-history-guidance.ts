/**
 * Rotation guidance for an AWS access key id found in git history: the account it belongs to (decoded offline
 * from the id, no network), the exact IAM CLI commands to deactivate and then delete it, and how to purge
 * history afterwards for those who must. Every command exists twice: `command` with the real key id (for the
 * clipboard only) and `shown` with the id masked (for anything displayed). Pure: no I/O, no `vscode`.
 */
import { accountIdFromKeyId } from '../engine/aws-account';
import { maskSecret } from '../engine';

interface GuidanceCommand {
  /** What it does, one line. */
  title: string;
  /** The exact command (contains the key id): clipboard only. */
  command: string;
  /** The same command with the key id masked: for display. */
  shown: string;
}

export interface RotationGuidance {
  keyIdMasked: string;
  /** 12-digit account id, when the key id encodes one (ids issued since 2019). */
  account?: string;
  steps: GuidanceCommand[];
  /** Markdown: the whole procedure, key id masked, safe to display. */
  markdown: string;
}

export function rotationGuidance(keyId: string, where?: { file: string; commit: string; inHead: boolean }): RotationGuidance {
  const masked = maskSecret(keyId);
  const account = accountIdFromKeyId(keyId);
  const cmd = (title: string, template: string): GuidanceCommand => ({
    title,
    command: template.replace('<id>', keyId),
    shown: template.replace('<id>', masked),
  });
  const steps = [
    cmd('Find the IAM user that owns the key (and when it was last used)', 'aws iam get-access-key-last-used --access-key-id <id>'),
    cmd('Deactivate the key (reversible: check nothing breaks)', 'aws iam update-access-key --access-key-id <id> --status Inactive'),
    cmd('Delete the key once nothing needs it', 'aws iam delete-access-key --access-key-id <id>'),
  ];
  const md: string[] = [
    `# Rotate AWS access key ${masked}`,
    '',
    where ? `Found in \`${where.file}\` at commit \`${where.commit.slice(0, 12)}\`; ${where.inHead ? '**still in HEAD**' : 'no longer in HEAD, but still in history'}.` : '',
    account ? `Account **${account}** (decoded offline from the key id).` : 'The key id does not encode its account (issued before 2019); `aws sts get-access-key-info --access-key-id <id>` returns it.',
    '',
    'Anyone who cloned or forked the repository has the key: removing it from the code does not revoke it. Rotate first:',
    '',
    '1. Give the workload a role or the SDK default credential chain (see the quick fixes), or create a replacement key.',
    ...steps.map((s, i) => `${i + 2}. ${s.title}:\n\n   \`\`\`sh\n   ${s.shown}\n   \`\`\``),
    '',
    `   Add \`--user-name <user>\` when the key belongs to another IAM user than the one you are signed in as (step 2 shows the user). The key id is masked here; copy the exact commands from the guidance picker.`,
    '',
    '## Purge it from history (optional, after rotating)',
    '',
    'Only a rotated key is safe; purging rewrites every commit hash and needs every clone to be re-cloned. If you must:',
    '',
    '1. Put the literal key id and secret, one per line, in a file OUTSIDE the repository, e.g. `../replacements.txt`',
    '   (each line `<literal>==>REMOVED`).',
    '2. In a fresh mirror clone: `git filter-repo --replace-text ../replacements.txt`',
    '3. Force-push every branch and tag, ask collaborators to re-clone, and ask your host to purge cached views',
    '   (GitHub: "Removing sensitive data from a repository").',
    '4. Delete `../replacements.txt`.',
  ];
  return { keyIdMasked: masked, account, steps, markdown: md.filter((l, i) => l !== '' || md[i - 1] !== '').join('\n') + '\n' };
}
