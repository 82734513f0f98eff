/**
 * "Check whether this key is live": for an AWS key id whose secret key is in the same file, one STS
 * GetCallerIdentity call signed with that pair (node/verify-aws.ts), only after a modal that names what is sent
 * and where. Refused in an untrusted workspace. A live key is an incident to handle now; a dead one is clean-up.
 */
import * as vscode from 'vscode';
import { pairAwsKeys, stsEndpoint, verifyCredentials, type KeyPair } from '../node/verify-aws';
import { loadAwsSdk } from './aws-sdk-loader';
import { revealSecret } from '../engine';
import { ActionOrder, type FindingActionProvider, type FindingWithDiagnostic } from './code-actions';
import { currentFindings, documentFor, refOf, resolveRef, type EditorActionContext, type FindingRef } from './editor-context';

const VERIFY_KEY = 'credentialHygiene.checkKeyIsLive';
const AWS_PAIR_KINDS = new Set(['aws-access-key-id', 'aws-secret-access-key']);

function pairOf(pairs: readonly KeyPair[], f: FindingWithDiagnostic['finding']): KeyPair | undefined {
  return pairs.find((p) => p.keyId === f || p.secret === f);
}

class VerifyKeyActionProvider implements FindingActionProvider {
  constructor(private readonly c: EditorActionContext) {}

  provideFindingActions(document: vscode.TextDocument, items: readonly FindingWithDiagnostic[]): vscode.CodeAction[] {
    if (!this.c.trust.isTrusted) return [];
    const aws = items.filter((i) => AWS_PAIR_KINDS.has(i.finding.kind));
    if (aws.length === 0) return [];
    const pairs = pairAwsKeys(currentFindings(this.c, document));
    const out: vscode.CodeAction[] = [];
    for (const { finding, diagnostic } of aws) {
      const pair = pairs.find((p) => p.keyId.fingerprint === finding.fingerprint || p.secret.fingerprint === finding.fingerprint);
      if (!pair) continue;
      const a = new vscode.CodeAction('Check whether this key is live (one request to AWS STS)…', vscode.CodeActionKind.QuickFix);
      a.diagnostics = [diagnostic];
      a.command = { command: VERIFY_KEY, title: a.title, arguments: [refOf(document.uri, pair.keyId)] };
      out.push(a);
      break; // one per request: both findings of a pair name the same key
    }
    return out;
  }
}

async function checkKeyIsLive(c: EditorActionContext, ref: FindingRef | undefined): Promise<'active' | 'invalid' | 'error' | 'cancelled' | 'refused'> {
  if (!c.trust.isTrusted) {
    c.prompts.error('Checking a key sends it to AWS: this is refused in an untrusted workspace. Trust the workspace first.');
    return 'refused';
  }
  const doc = ref && (await documentFor(ref.uri));
  const found = doc && ref && resolveRef(c, doc, ref);
  const pair = found && pairOf(pairAwsKeys(found.findings), found.finding);
  if (!doc || !found || !pair) {
    c.prompts.error('Only an AWS key id whose secret access key is in the same file can be checked.');
    return 'refused';
  }
  const endpoint = stsEndpoint();
  const ok = await c.prompts.confirm(
    `Check whether AWS key ${pair.keyId.secretMasked} is live?`,
    `Credential Hygiene will send ONE request, STS GetCallerIdentity, signed with this key id and its secret access key, to ${endpoint}. ` +
      'Nothing else is sent and the secret itself never leaves this machine (only a signature made with it). ' +
      "The call needs no permission and is recorded in the key owner's CloudTrail.",
    'Send request',
  );
  if (!ok) return 'cancelled';
  const text = doc.getText();
  const v = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Credential Hygiene: asking AWS STS…' }, async () => {
    const sdk = await loadAwsSdk();
    return verifyCredentials(
      {
        accessKeyId: revealSecret(pair.keyId, text),
        secretAccessKey: revealSecret(pair.secret, text),
        sessionToken: pair.sessionToken && revealSecret(pair.sessionToken, text),
      },
      sdk,
    );
  });
  c.log.info(`key check: ${pair.keyId.secretMasked} → ${v.status}${v.account ? ` (account ${v.account})` : ''}`);
  if (v.status === 'active') {
    c.prompts.error(`LIVE: AWS key ${pair.keyId.secretMasked} works${v.account ? ` (account ${v.account}, ${v.arn})` : ''}. Deactivate and rotate it now, then move this code to roles or the default credential chain.`);
  } else if (v.status === 'invalid') {
    c.prompts.info(`AWS rejected key ${pair.keyId.secretMasked} (${v.reason}): it is not live. Remove it from the code all the same.`);
  } else {
    c.prompts.error(`Could not check key ${pair.keyId.secretMasked}: ${v.reason ?? 'error'}.`);
  }
  return v.status;
}

export function registerVerifyKey(c: EditorActionContext): vscode.Disposable {
  return vscode.Disposable.from(
    c.registerFindingActions(new VerifyKeyActionProvider(c), ActionOrder.contributed),
    vscode.commands.registerCommand(VERIFY_KEY, (ref?: FindingRef) => checkKeyIsLive(c, ref)),
  );
}
