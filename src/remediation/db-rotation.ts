/**
 * Pure logic of the editor's "Turn on rotation" offer after a secret was created for a database password:
 * which findings count as a database password, the validation of what the user types (RDS DB instance
 * identifier, rotation Lambda ARN, schedule) and the exact AWS CLI commands (shown on errors, copied on request).
 * No I/O and no `vscode` here.
 */
import type { FindingKind } from '../engine/types';

/** Kinds that are a database password whatever the name says. */
const DB_KINDS: readonly FindingKind[] = ['db-connection-string', 'generic-password'];

/** Words (of an identifier or secret id) that name a database; matched as whole words, never as substrings. */
const DB_WORDS = new Set([
  'db', 'database', 'databases', 'rds', 'aurora', 'postgres', 'postgresql', 'pg', 'psql', 'mysql', 'mariadb',
  'mssql', 'sqlserver', 'oracle', 'jdbc', 'redshift', 'docdb', 'documentdb',
]);
/** Glued spellings such as DBPASS, PGPASSWORD, dbpwd, mysqlpass. */
const GLUED = /^(db|pg|rds|mysql|postgres|database)(pass|passwd|password|pwd|user|secret|creds?)$/;

/** Words of an identifier or secret id: splits camelCase, snake_case, kebab-case, paths and dots. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
}

/** The identifiers left of the secret on its line, e.g. `DB_PASSWORD = "` gives ["DB_PASSWORD"]. */
export function identifiersBefore(linePrefix: string): string[] {
  return linePrefix.slice(-200).match(/[A-Za-z_$][\w$.-]*/g) ?? [];
}

/**
 * A database password: a connection string or an assigned password (by kind), or any credential whose
 * variable name or secret id names a database (`db`, `postgres`, `rds`, … as a whole word).
 */
export function isDatabasePassword(kind: FindingKind, names: readonly string[]): boolean {
  if (DB_KINDS.includes(kind)) return true;
  return names.some((n) => nameWords(n).some((w) => DB_WORDS.has(w) || GLUED.test(w)));
}

/** RDS DB instance identifier rules: 1-63 letters, digits or hyphens; a letter first; no trailing or double hyphen. */
export function validateRdsInstanceId(raw: string): string | undefined {
  const id = raw.trim();
  if (!id) return 'Enter the DB instance identifier (as shown in the RDS console), e.g. orders-db';
  if (id.length > 63) return 'At most 63 characters';
  if (!/^[A-Za-z0-9-]+$/.test(id)) return 'Use only letters, digits and hyphens';
  if (!/^[A-Za-z]/.test(id)) return 'The first character must be a letter';
  if (id.endsWith('-')) return 'Must not end with a hyphen';
  if (id.includes('--')) return 'Must not contain two consecutive hyphens';
  return undefined;
}

const LAMBDA_ARN = /^arn:(aws|aws-cn|aws-us-gov):lambda:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):function:([A-Za-z0-9_-]{1,64})(?::([A-Za-z0-9_$-]{1,128}))?$/;

export interface LambdaArn { partition: string; region: string; account: string; name: string; qualifier?: string }

export function parseLambdaArn(raw: string): LambdaArn | undefined {
  const m = LAMBDA_ARN.exec(raw.trim());
  return m ? { partition: m[1], region: m[2], account: m[3], name: m[4], qualifier: m[5] } : undefined;
}

/** `arn:aws:lambda:<region>:<account>:function:<name>`; Secrets Manager invokes it in the secret's own region. */
export function validateLambdaArn(raw: string, secretRegion?: string): string | undefined {
  if (!raw.trim()) return 'Enter the ARN of the rotation function, arn:aws:lambda:<region>:<account>:function:<name>';
  const arn = parseLambdaArn(raw);
  if (!arn) return 'Not a Lambda function ARN: arn:aws:lambda:<region>:<12-digit account>:function:<name>';
  if (secretRegion && arn.region !== secretRegion) return `The rotation function must be in ${secretRegion}, the secret's region (this ARN is in ${arn.region})`;
  return undefined;
}

export const DEFAULT_ROTATION_DAYS = 30;

/** Secrets Manager accepts a rotation interval of 1 to 1000 days. */
export function validateRotationDays(raw: string): string | undefined {
  const t = raw.trim();
  if (!/^\d{1,4}$/.test(t)) return 'Enter a whole number of days, e.g. 30';
  const n = Number(t);
  if (n < 1 || n > 1000) return 'Between 1 and 1000 days';
  return undefined;
}

/** POSIX shell quoting: plain words stay as they are, anything else goes in single quotes. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:@=+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function cli(args: string[], region: string, endpoint?: string): string {
  const all = [...args, '--region', region, ...(endpoint ? ['--endpoint-url', endpoint] : [])];
  return all.map(shellQuote).join(' ');
}

export interface RdsTarget { instanceId: string; region: string; endpoint?: string }
export interface LambdaTarget { secretId: string; lambdaArn: string; days: number; region: string; endpoint?: string }

/** The RDS request the editor sends (ModifyDBInstance parameters). */
export function rdsManagedPasswordRequest(t: RdsTarget): { DBInstanceIdentifier: string; ManageMasterUserPassword: true; ApplyImmediately: true } {
  return { DBInstanceIdentifier: t.instanceId.trim(), ManageMasterUserPassword: true, ApplyImmediately: true };
}

/** The Secrets Manager request the editor sends (RotateSecret parameters). */
export function rotateSecretRequest(t: LambdaTarget): { SecretId: string; RotationLambdaARN: string; RotationRules: { AutomaticallyAfterDays: number } } {
  return { SecretId: t.secretId, RotationLambdaARN: t.lambdaArn.trim(), RotationRules: { AutomaticallyAfterDays: t.days } };
}

export function rdsManagedPasswordCli(t: RdsTarget): string {
  return cli(['aws', 'rds', 'modify-db-instance', '--db-instance-identifier', t.instanceId.trim(), '--manage-master-user-password', '--apply-immediately'], t.region, t.endpoint);
}

export function rotateSecretCli(t: LambdaTarget): string {
  return cli(
    ['aws', 'secretsmanager', 'rotate-secret', '--secret-id', t.secretId, '--rotation-lambda-arn', t.lambdaArn.trim(), '--rotation-rules', `AutomaticallyAfterDays=${t.days}`],
    t.region,
    t.endpoint,
  );
}

/** What the RDS way does and costs; shown in the modal before ModifyDBInstance. */
export function rdsConsequence(t: RdsTarget, createdSecretId: string): string {
  return (
    `ModifyDBInstance goes to RDS${t.endpoint ? ` at ${t.endpoint}` : ''} in ${t.region} for DB instance "${t.instanceId.trim()}", with ManageMasterUserPassword and ApplyImmediately, signed with your AWS credentials. ` +
    'RDS then generates a NEW master password right away (the current one stops working), keeps it in its own Secrets Manager secret (named rds!db-…) and rotates it every 7 days. ' +
    `No Lambda function is involved. Your application must read RDS's secret instead of "${createdSecretId}", which keeps the old password. ` +
    "Cost: Secrets Manager's monthly charge per secret plus its API calls for the RDS-managed secret."
  );
}

/** What the Lambda way does and costs; shown in the modal before RotateSecret. */
export function lambdaConsequence(t: LambdaTarget): string {
  const arn = parseLambdaArn(t.lambdaArn);
  return (
    `RotateSecret goes to Secrets Manager${t.endpoint ? ` at ${t.endpoint}` : ''} in ${t.region} for "${t.secretId}", with rotation function ${arn ? arn.name : t.lambdaArn.trim()} and a schedule of every ${t.days} day${t.days === 1 ? '' : 's'}, signed with your AWS credentials. ` +
    'Rotation starts immediately: the function sets a new password on the database and stores it in the secret, so it must be able to reach and update the database. ' +
    'Applications must read the secret at run time (not copy it once) and tolerate the switch to the new password. ' +
    'Cost: Lambda invocations for each rotation plus Secrets Manager API calls, on top of the per-secret monthly charge.'
  );
}

export interface AwsErrorShape { name?: string; code?: string; status?: number }

/**
 * A fixed message per AWS error kind for the two rotation requests (the service's own text is never shown).
 * `way` says which request failed: the RDS one names the instance, the Lambda one the secret.
 */
export function describeRotationError(e: AwsErrorShape, way: 'rds' | 'lambda', target: string, region: string): string {
  const name = e.name || 'Error';
  const action = way === 'rds' ? 'rds:ModifyDBInstance' : 'secretsmanager:RotateSecret (and lambda:InvokeFunction for Secrets Manager)';
  switch (name) {
    case 'CredentialsProviderError':
      return 'No AWS credentials found. Configure the default credential chain (environment variables, an AWS profile or SSO login, or a role) and try again.';
    case 'AccessDeniedException':
    case 'AccessDenied':
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'ExpiredTokenException':
    case 'InvalidClientTokenId':
    case 'AuthorizationError':
      return `AWS refused the request (${name}). Check that your credentials are valid and allow ${action} in ${region}.`;
    case 'DBInstanceNotFoundFault':
    case 'DBInstanceNotFound':
      return `There is no RDS DB instance "${target}" in ${region} (DBInstanceNotFound). Check the identifier and the region.`;
    case 'InvalidDBInstanceStateFault':
    case 'InvalidDBInstanceState':
      return `RDS DB instance "${target}" cannot be modified in its current state (${name}); try again when it is available.`;
    case 'ResourceNotFoundException':
      return `Secrets Manager found no secret "${target}" in ${region} (ResourceNotFoundException).`;
    case 'InvalidParameterException':
    case 'InvalidParameterValue':
    case 'InvalidParameterCombination':
    case 'InvalidRequestException':
    case 'ValidationException':
      return way === 'rds'
        ? `RDS rejected the request for "${target}" (${name}); the engine or configuration may not support RDS-managed passwords.`
        : `Secrets Manager rejected the request for "${target}" (${name}); rotation may already be in progress, or the function cannot be used.`;
    case 'LimitExceededException':
    case 'ThrottlingException':
    case 'Throttling':
      return `AWS is throttling or at a limit (${name}); try again later.`;
    case 'TimeoutError':
      return 'AWS did not answer in time.';
    default: {
      const code = typeof e.code === 'string' && /^[A-Z0-9_]+$/.test(e.code) ? e.code : undefined;
      if (code) return `Could not reach ${way === 'rds' ? 'RDS' : 'Secrets Manager'} (${code}).`;
      return `${way === 'rds' ? 'RDS' : 'Secrets Manager'} request failed (${name}${e.status ? `, HTTP ${e.status}` : ''}).`;
    }
  }
}
