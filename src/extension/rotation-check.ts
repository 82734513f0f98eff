/**
 * "Credential Hygiene: Check Secrets Manager Rotation": the hygiene report with the rotation check. The report
 * finds the secret ids the code reads; a modal names them and the endpoint before any request, and only then
 * DescribeSecret is called for each (default credential chain; rotation metadata only, never a value). Refused
 * in an untrusted workspace.
 */
import * as vscode from 'vscode';
import { secretsManagerEndpoint } from '../node/rotation-check';
import type { HygieneReport } from '../report';
import type { EditorPrompts } from './editor-context';
import type { TrustState } from './trust';

export async function checkSecretsRotation(context: vscode.ExtensionContext, trust: TrustState, prompts: EditorPrompts): Promise<HygieneReport | undefined> {
  if (!trust.isTrusted) {
    prompts.error('Checking rotation calls AWS with your credentials: this is refused in an untrusted workspace. Trust the workspace first.');
    return undefined;
  }
  const { showWorkspaceReport } = await import('./report/report-panel');
  return showWorkspaceReport(context, {
    confirmRotationCheck: (ids) => {
      const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? `, … (${ids.length - 10} more)` : '');
      return prompts.confirm(
        `Ask AWS Secrets Manager whether ${ids.length} secret${ids.length === 1 ? '' : 's'} rotate?`,
        `One DescribeSecret request per secret id (${shown}) to ${secretsManagerEndpoint() ?? 'the Secrets Manager endpoint of your AWS region'}, ` +
          'signed with your default AWS credentials. It reads rotation settings and dates only, never a secret value.',
        'Check rotation',
      );
    },
  });
}
