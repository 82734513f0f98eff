import * as assert from 'node:assert/strict';
import {
  describeRotationError, identifiersBefore, isDatabasePassword, lambdaConsequence, nameWords, parseLambdaArn, rdsConsequence, rdsManagedPasswordCli,
  rdsManagedPasswordRequest, rotateSecretCli, rotateSecretRequest, shellQuote, validateLambdaArn, validateRdsInstanceId,
  validateRotationDays,
} from '../../../src/remediation/db-rotation';

describe('database password rotation offer (issue 15, pure logic)', () => {
  describe('isDatabasePassword', () => {
    const cases: { kind: Parameters<typeof isDatabasePassword>[0]; names: string[]; want: boolean }[] = [
      // by kind
      { kind: 'db-connection-string', names: ['CONN'], want: true },
      { kind: 'generic-password', names: ['ADMIN_SECRET'], want: true },
      // by name, any kind
      { kind: 'generic-api-key', names: ['DB_TOKEN'], want: true },
      { kind: 'generic-api-key', names: ['postgresSecret'], want: true },
      { kind: 'other-provider-token', names: ['x', 'team/prod/mysql-admin'], want: true },
      { kind: 'generic-api-key', names: ['PGPASSWORD'], want: true },
      { kind: 'generic-api-key', names: ['rdsMasterKey'], want: true },
      { kind: 'generic-api-key', names: ['settings.database.key'], want: true },
      // not a database
      { kind: 'generic-api-key', names: ['API_TOKEN', 'app/prod/api-token'], want: false },
      { kind: 'github-token', names: ['GITHUB_TOKEN'], want: false },
      // "pg"/"db" inside other words does not count
      { kind: 'generic-api-key', names: ['UPGRADE_TOKEN', 'feedback_key', 'dbx'], want: false },
      { kind: 'slack-token', names: [], want: false },
    ];
    for (const c of cases) {
      it(`${c.kind} ${JSON.stringify(c.names)} -> ${c.want}`, () => assert.equal(isDatabasePassword(c.kind, c.names), c.want));
    }
  });

  it('nameWords splits identifiers and ids into words', () => {
    assert.deepEqual(nameWords('myDBPassword'), ['my', 'db', 'password']);
    assert.deepEqual(nameWords('team/prod/pg-admin.pass'), ['team', 'prod', 'pg', 'admin', 'pass']);
    assert.deepEqual(nameWords('DB_PASSWORD'), ['db', 'password']);
  });

  it('identifiersBefore reads the names left of the secret', () => {
    assert.deepEqual(identifiersBefore('DB_PASSWORD = "'), ['DB_PASSWORD']);
    assert.deepEqual(identifiersBefore('  conn = psycopg2.connect(password="'), ['conn', 'psycopg2.connect', 'password']);
  });

  it('validateRdsInstanceId follows the RDS identifier rules', () => {
    for (const ok of ['orders-db', 'a', 'Prod1', 'x'.repeat(63)]) assert.equal(validateRdsInstanceId(ok), undefined, ok);
    for (const bad of ['', '1db', 'db-', 'a--b', 'db_1', 'db.prod', 'x'.repeat(64), 'arn:aws:rds:eu-west-1:123456789012:db:x']) {
      assert.equal(typeof validateRdsInstanceId(bad), 'string', bad);
    }
  });

  it('validateLambdaArn accepts function ARNs in the secret region only', () => {
    const arn = 'arn:aws:lambda:eu-west-3:123456789012:function:SecretsManagerRDSPostgreSQLRotationSingleUser';
    assert.equal(validateLambdaArn(arn), undefined);
    assert.equal(validateLambdaArn(arn, 'eu-west-3'), undefined);
    assert.match(validateLambdaArn(arn, 'us-east-1') ?? '', /must be in us-east-1/);
    assert.equal(validateLambdaArn('arn:aws:lambda:eu-west-3:123456789012:function:rot:live'), undefined, 'alias qualifier');
    assert.equal(parseLambdaArn(arn)?.account, '123456789012');
    for (const bad of ['', 'rotate-fn', 'arn:aws:lambda:eu-west-3:12345:function:f', 'arn:aws:lambda:eu-west-3:123456789012:layer:f',
      'arn:aws:s3:::bucket', 'arn:aws:lambda:eu-west-3:123456789012:function:bad name', 'arn:aws:lambda:EU:123456789012:function:f']) {
      assert.equal(typeof validateLambdaArn(bad), 'string', bad);
    }
  });

  it('validateRotationDays: whole days 1..1000', () => {
    for (const ok of ['1', '30', '1000', ' 7 ']) assert.equal(validateRotationDays(ok), undefined, ok);
    for (const bad of ['', '0', '1001', '1.5', '-3', 'thirty']) assert.equal(typeof validateRotationDays(bad), 'string', bad);
  });

  it('builds the requests and the matching CLI commands (quoted for a POSIX shell)', () => {
    const lambda = { secretId: 'team/prod/db-password', lambdaArn: 'arn:aws:lambda:eu-west-3:123456789012:function:rot', days: 14, region: 'eu-west-3' };
    assert.deepEqual(rotateSecretRequest(lambda), { SecretId: 'team/prod/db-password', RotationLambdaARN: lambda.lambdaArn, RotationRules: { AutomaticallyAfterDays: 14 } });
    assert.equal(
      rotateSecretCli(lambda),
      'aws secretsmanager rotate-secret --secret-id team/prod/db-password --rotation-lambda-arn arn:aws:lambda:eu-west-3:123456789012:function:rot --rotation-rules AutomaticallyAfterDays=14 --region eu-west-3',
    );
    const rds = { instanceId: 'orders-db', region: 'eu-west-3', endpoint: 'http://127.0.0.1:4566' };
    assert.deepEqual(rdsManagedPasswordRequest(rds), { DBInstanceIdentifier: 'orders-db', ManageMasterUserPassword: true, ApplyImmediately: true });
    assert.equal(
      rdsManagedPasswordCli(rds),
      'aws rds modify-db-instance --db-instance-identifier orders-db --manage-master-user-password --apply-immediately --region eu-west-3 --endpoint-url http://127.0.0.1:4566',
    );
    assert.equal(shellQuote("it's here"), `'it'\\''s here'`);
    assert.equal(shellQuote('a$b'), `'a$b'`);
  });

  it('consequence texts state what happens, the cost and where the request goes', () => {
    const rds = rdsConsequence({ instanceId: 'orders-db', region: 'eu-west-3' }, 'team/db');
    assert.match(rds, /ModifyDBInstance/);
    assert.match(rds, /"orders-db"/);
    assert.match(rds, /every 7 days/);
    assert.match(rds, /No Lambda/);
    assert.match(rds, /instead of "team\/db"/);
    assert.match(rds, /Cost:/);
    const l = lambdaConsequence({ secretId: 'team/db', lambdaArn: 'arn:aws:lambda:eu-west-3:123456789012:function:rot', days: 1, region: 'eu-west-3', endpoint: 'https://sm.example' });
    assert.match(l, /RotateSecret goes to Secrets Manager at https:\/\/sm\.example in eu-west-3/);
    assert.match(l, /every 1 day,/);
    assert.match(l, /starts immediately/);
    assert.match(l, /read the secret at run time/);
    assert.match(l, /Lambda invocations/);
  });

  it('describeRotationError: a fixed message per error kind, naming the target and the permission', () => {
    assert.match(describeRotationError({ name: 'DBInstanceNotFoundFault' }, 'rds', 'orders-db', 'eu-west-1'), /no RDS DB instance "orders-db" in eu-west-1/);
    assert.match(describeRotationError({ name: 'AccessDeniedException' }, 'lambda', 'team/db', 'eu-west-1'), /secretsmanager:RotateSecret/);
    assert.match(describeRotationError({ name: 'AccessDenied' }, 'rds', 'orders-db', 'eu-west-1'), /rds:ModifyDBInstance/);
    assert.match(describeRotationError({ name: 'InvalidRequestException' }, 'lambda', 'team/db', 'eu-west-1'), /already be in progress/);
    assert.match(describeRotationError({ name: 'Error', code: 'ECONNREFUSED' }, 'rds', 'x', 'eu-west-1'), /Could not reach RDS \(ECONNREFUSED\)/);
    assert.match(describeRotationError({ name: 'Weird', status: 500 }, 'lambda', 'x', 'eu-west-1'), /Secrets Manager request failed \(Weird, HTTP 500\)/);
    assert.equal(describeRotationError({ name: 'Error', code: 'lower case text' }, 'rds', 'x', 'r').includes('lower case'), false, 'free text is never echoed');
  });
});
