/**
 * After "Create secret in AWS Secrets Manager and rewrite" stored a database password (issue 15, question 4):
 * a non-modal offer "Turn on rotation for <id>…", never automatic. Two ways:
 *  - RDS-managed master password: the user names the DB instance; ModifyDBInstance with ManageMasterUserPassword
 *    (RDS then owns the password in its own secret and rotates it every 7 days). The call is made by the
 *    editor (the same explicit confirm-then-send pattern as CreateSecret); the equivalent AWS CLI command is
 *    offered on the clipboard when the call fails, so the user can run it with other credentials.
 *  - Rotation function (Lambda): the user enters the rotation function ARN and a schedule; RotateSecret.
 * Every request follows a modal that names the request, the target, the region/endpoint, the consequence and
 * the cost; it uses the region and endpoint of the create call (user settings only), is refused in an untrusted
 * workspace, and every error has buttons.
 */
import * as vscode from 'vscode';
import type { FindingKind } from '../engine';
import {
  DEFAULT_ROTATION_DAYS, describeRotationError, isDatabasePassword, lambdaConsequence, rdsConsequence, rdsManagedPasswordCli,
  rdsManagedPasswordRequest, rotateSecretCli, rotateSecretRequest, validateLambdaArn, validateRdsInstanceId, validateRotationDays,
  type LambdaTarget, type RdsTarget,
} from '../remediation/db-rotation';
import { loadAwsSdk } from './aws-sdk-loader';
import type { EditorActionContext } from './editor-context';

const RDS_WAY = 'RDS-managed master password';
const LAMBDA_WAY = 'Rotation function (Lambda)';
const RDS_CONFIRM = 'Let RDS Manage the Password';
const LAMBDA_CONFIRM = 'Turn On Rotation';
const COPY_CLI = 'Copy AWS CLI command';
const COPY_SECRET_ARN = 'Copy RDS secret ARN';
const OPEN_SETTINGS = 'Open Settings';
/** Workspace state: the last rotation function used, offered as the default next time. */
const LAST_LAMBDA_KEY = 'credentialHygiene.rotation.lastLambdaArn';

const offerLabel = (secretId: string): string => `Turn on rotation for ${secretId}…`;

export interface RotationOfferInput {
  kind: FindingKind;
  /** Identifiers left of the secret on its line (the variable name). */
  names: string[];
  secretId: string;
  region: string;
  endpoint?: string;
}

interface SdkErrorLike { name?: string; code?: string; $metadata?: { httpStatusCode?: number } }

/** Resolves when the offer is finished (declined, done or failed); the caller does not wait for it. */
export async function offerRotation(c: EditorActionContext, o: RotationOfferInput): Promise<void> {
  if (!isDatabasePassword(o.kind, [...o.names, o.secretId])) return;
  const label = offerLabel(o.secretId);
  const accepted = await c.prompts.notify(
    `"${o.secretId}" holds a database password. Turn on rotation so a leaked copy stops working? Nothing changes unless you choose to.`,
    [label],
  );
  if (accepted !== label) return;
  if (!c.trust.isTrusted) {
    c.prompts.error('Turning on rotation calls AWS with your credentials: this is refused in Restricted Mode. Trust the workspace first.');
    return;
  }
  const way = await c.prompts.pick([RDS_WAY, LAMBDA_WAY], {
    title: `Turn on rotation for ${o.secretId}`,
    placeHolder: 'RDS manages the password of an RDS DB instance, or a Lambda rotation function rotates this secret',
  });
  if (way === RDS_WAY) await viaRds(c, o);
  else if (way === LAMBDA_WAY) await viaLambda(c, o);
}

async function viaRds(c: EditorActionContext, o: RotationOfferInput): Promise<void> {
  const instanceId = (
    await c.prompts.inputBox({
      title: 'RDS-managed master password',
      prompt: `Identifier of the RDS DB instance in ${o.region} whose master password this is`,
      placeHolder: 'e.g. orders-db',
      validateInput: (v) => validateRdsInstanceId(v),
    })
  )?.trim();
  if (!instanceId || validateRdsInstanceId(instanceId)) return;
  const target: RdsTarget = { instanceId, region: o.region, endpoint: o.endpoint };
  const ok = await c.prompts.confirm(
    `Let RDS manage and rotate the master password of DB instance "${instanceId}" (${o.region})?`,
    rdsConsequence(target, o.secretId),
    RDS_CONFIRM,
  );
  if (!ok || !c.trust.isTrusted) return;
  const sdk = await loadAwsSdk();
  const client = new sdk.RDSClient({ region: o.region, ...(o.endpoint ? { endpoint: o.endpoint } : {}) });
  try {
    const out = await client.send(new sdk.ModifyDBInstanceCommand(rdsManagedPasswordRequest(target)));
    const arn = out.DBInstance?.MasterUserSecret?.SecretArn;
    c.log.info(`rotation: RDS manages the master password of ${instanceId} in ${o.region}${arn ? ` (${arn})` : ''}`);
    const done = `RDS now manages the master password of "${instanceId}" and rotates it every 7 days` +
      (arn ? ` in secret ${arn}. Point the code at that secret instead of "${o.secretId}".` : `. Point the code at RDS's secret (rds!db-…) instead of "${o.secretId}".`);
    if (!arn) return c.prompts.info(done);
    if ((await c.prompts.notify(done, [COPY_SECRET_ARN])) === COPY_SECRET_ARN) await vscode.env.clipboard.writeText(arn);
  } catch (err) {
    await failed(c, err, 'rds', instanceId, o, rdsManagedPasswordCli(target));
  } finally {
    client.destroy();
  }
}

async function viaLambda(c: EditorActionContext, o: RotationOfferInput): Promise<void> {
  const last = c.memento.get<string>(LAST_LAMBDA_KEY);
  const lambdaArn = (
    await c.prompts.inputBox({
      title: 'Rotation function (Lambda)',
      prompt: `ARN of the rotation function in ${o.region} that can change this database password (e.g. one deployed from the Secrets Manager rotation templates)`,
      placeHolder: `arn:aws:lambda:${o.region}:<account>:function:<name>`,
      value: last && !validateLambdaArn(last, o.region) ? last : undefined,
      validateInput: (v) => validateLambdaArn(v, o.region),
    })
  )?.trim();
  if (!lambdaArn || validateLambdaArn(lambdaArn, o.region)) return;
  const daysText = (
    await c.prompts.inputBox({
      title: 'Rotation schedule',
      prompt: 'Rotate every how many days? (1-1000)',
      value: String(DEFAULT_ROTATION_DAYS),
      validateInput: validateRotationDays,
    })
  )?.trim();
  if (!daysText || validateRotationDays(daysText)) return;
  const target: LambdaTarget = { secretId: o.secretId, lambdaArn, days: Number(daysText), region: o.region, endpoint: o.endpoint };
  const ok = await c.prompts.confirm(
    `Turn on rotation for "${o.secretId}" (${o.region}) every ${target.days} day${target.days === 1 ? '' : 's'}?`,
    lambdaConsequence(target),
    LAMBDA_CONFIRM,
  );
  if (!ok || !c.trust.isTrusted) return;
  await c.memento.update(LAST_LAMBDA_KEY, lambdaArn);
  const sdk = await loadAwsSdk();
  const client = new sdk.SecretsManagerClient({ region: o.region, ...(o.endpoint ? { endpoint: o.endpoint } : {}) });
  try {
    await client.send(new sdk.RotateSecretCommand(rotateSecretRequest(target)));
    c.log.info(`rotation: turned on for "${o.secretId}" in ${o.region}, every ${target.days} days`);
    c.prompts.info(`Rotation is on for "${o.secretId}": every ${target.days} days; the first rotation has started. Check the function's logs if the secret does not change.`);
  } catch (err) {
    await failed(c, err, 'lambda', o.secretId, o, rotateSecretCli(target));
  } finally {
    client.destroy();
  }
}

async function failed(c: EditorActionContext, err: unknown, way: 'rds' | 'lambda', target: string, o: RotationOfferInput, cliText: string): Promise<void> {
  const e = (err ?? {}) as SdkErrorLike;
  const msg = describeRotationError({ name: e.name, code: e.code, status: e.$metadata?.httpStatusCode }, way, target, o.region);
  c.log.warn(`rotation: ${msg}`);
  const pick = await c.prompts.errorWithActions(msg, [COPY_CLI, OPEN_SETTINGS]);
  if (pick === COPY_CLI) {
    await vscode.env.clipboard.writeText(cliText);
    c.prompts.info('Copied the AWS CLI command: run it with credentials allowed to make this change.');
  } else if (pick === OPEN_SETTINGS) {
    await vscode.commands.executeCommand('workbench.action.openSettings', `@id:credentialHygiene.aws.${o.endpoint ? 'endpoint' : 'region'}`);
  }
}
