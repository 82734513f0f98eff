/**
 * Clients that reach code without a construction next to them: Python helper modules that receive a session or a
 * client (typed only by a hint or a service-named receiver, never guessed from the method), and the local modules a
 * workload's entry imports (Python packages, Go packages of the same module, shared modules outside a code folder).
 */
import assert from 'node:assert/strict';
import { analyzeWorkspace } from '../../../src/roles/analyze';
import { resolveCall } from '../../../src/roles/catalogue';
import { extractCalls } from '../../../src/roles/calls';
import { serviceFromAnnotation, serviceFromName } from '../../../src/roles/calls/python-typed-receivers';
import { loadIamDataCatalogue } from '../../../src/roles/node/iam-data-catalogue';

const catalogue = loadIamDataCatalogue()!;
const actionsOf = (text: string, file: string) => [...new Set(extractCalls(text, file).flatMap((c) => resolveCall(c, catalogue).actions.map((a) => a.action)))].sort();
const run = (files: Record<string, string>) =>
  analyzeWorkspace(new Map(Object.entries(files)), catalogue, 'ws').report.workloads.map((w) => ({ name: w.name, runtime: w.runtime, files: w.files, actions: w.actions }));

describe('roles: clients received from elsewhere', () => {
  describe('receiver naming rules', () => {
    const rows: [string, string | undefined][] = [
      ['iam', 'iam'],
      ['iam_client', 'iam'],
      ['self.s3_client', 's3'],
      ['ddb_resource', 'dynamodb'],
      ['_sqs', 'sqs'],
      ['logs_client', 'logs'],
      // generic words that are also service names need a suffix or a hint
      ['logs', undefined],
      ['config', undefined],
      ['events', undefined],
      ['batch', undefined],
      ['client', undefined],
      ['session', undefined],
      ['storage_client', undefined],
    ];
    for (const [name, want] of rows) it(`name ${name} → ${want ?? 'nothing'}`, () => assert.equal(serviceFromName(name)?.service, want));

    const hints: [string, string | undefined, string?][] = [
      ['"IAMClient"', 'iam', 'client'],
      ['mypy_boto3_iam.IAMClient', 'iam', 'client'],
      ['Optional["EC2Client"]', 'ec2', 'client'],
      ['S3ServiceResource', 's3', 'resource'],
      ['SFNClient', 'stepfunctions', 'client'],
      ['"mypy_boto3_secretsmanager.client.SecretsManagerClient"', 'secretsmanager', 'client'],
      ['HttpClient', undefined],
      // a generic-word service needs boto3 or its stubs in the file
      ['BatchClient', undefined],
      ['CloudWatchLogsClient', undefined],
      ['storage.Client', undefined],
    ];
    it('hint BatchClient / CloudWatchLogsClient in a file that uses boto3 → batch / logs', () => {
      assert.equal(serviceFromAnnotation('BatchClient', true)?.service, 'batch');
      assert.equal(serviceFromAnnotation('CloudWatchLogsClient', true)?.service, 'logs');
    });
    for (const [hint, want, kind] of hints)
      it(`hint ${hint} → ${want ?? 'nothing'}`, () => {
        const got = serviceFromAnnotation(hint);
        assert.equal(got?.service, want);
        if (kind) assert.equal(got?.kind, kind);
      });
  });

  describe('Python helper modules without a boto3 import', () => {
    it('a session parameter, service-named parameters, paginators and hints', () => {
      const src = `import datetime
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    from mypy_boto3_iam import IAMClient

def stale(session, days):
    iam = session.client("iam")
    for page in iam.get_paginator("list_users").paginate():
        pass

def last_used(client: "IAMClient", key_id):
    return client.get_access_key_last_used(AccessKeyId=key_id)

def deactivate(iam_client, user, key_id):
    iam_client.update_access_key(UserName=user, AccessKeyId=key_id, Status="Inactive")

def upload(s3, body):
    s3.put_object(Bucket="audit-reports", Key="k", Body=body)
`;
      assert.deepEqual(actionsOf(src, 'keyaudit/users.py'), ['iam:GetAccessKeyLastUsed', 'iam:ListUsers', 'iam:UpdateAccessKey', 's3:PutObject']);
    });

    it('clients made from any session expression, chained', () => {
      assert.deepEqual(actionsOf('import boto3\nwho = boto3.session.Session().client("sts").get_caller_identity()\n', 'a.py'), ['sts:GetCallerIdentity']);
      assert.deepEqual(actionsOf('class A:\n    def __init__(self, session):\n        self.kms = self.session.client("kms")\n    def f(self):\n        self.kms.decrypt(CiphertextBlob=b"")\n', 'a.py'), ['kms:Decrypt']);
    });

    it('attributes: service-named self attributes and annotated class fields', () => {
      const src = `class Repo:
    table_client: "DynamoDBClient"

    def __init__(self, table_client, secretsmanager_client, secrets_client):
        self.table_client = table_client
        self.secretsmanager_client = secretsmanager_client
        self.secrets_client = secrets_client

    def load(self):
        self.secretsmanager_client.get_secret_value(SecretId="app/db")
        self.secrets_client.delete_secret(SecretId="app/db")  # "secrets" names no service: not typed
        return self.table_client.get_item(TableName="orders", Key={})
`;
      assert.deepEqual(actionsOf(src, 'repo.py'), ['dynamodb:GetItem', 'secretsmanager:GetSecretValue']);
    });

    it('never types a generic receiver, another cloud\'s client, or a method the service does not have', () => {
      const src = `from google.cloud import storage

def f(client, config, logs, events):
    client.delete_user(UserName="x")
    config.get_value("k")
    logs.put_log_events(logGroupName="g")
    events.put_events(Entries=[])

def g(s3):
    s3.not_an_operation()

gcs = storage.Client().client("storage")
gcs.delete_bucket(Bucket="b")
`;
      assert.deepEqual(actionsOf(src, 'helpers.py'), []);
    });

    it('a construction wins over a receiver name', () => {
      const src = 'import boto3\ns3 = boto3.resource("s3")\ndef f(s3_resource):\n    s3.Bucket("b").objects.all()\n';
      assert.deepEqual(actionsOf(src, 'a.py'), ['s3:ListBucket']);
    });
  });

  describe('a workload runs the local modules its entry imports', () => {
    it('a plain script and its helper package (unknown runtime)', () => {
      const got = run({
        'audit.py': 'import boto3\nfrom keyaudit.users import stale\nsession = boto3.Session()\nstale(session.client("iam"))\n',
        'keyaudit/__init__.py': '',
        'keyaudit/users.py': 'def stale(iam):\n    return iam.list_access_keys()\n',
      });
      assert.deepEqual(got, [{ name: 'ws', runtime: 'unknown', files: ['audit.py', 'keyaudit/users.py'], actions: ['iam:ListAccessKeys'] }]);
    });

    it('a generic parameter is typed by the client every caller passes, inside that function only', () => {
      const got = run({
        'tool/audit.py': `import boto3
from keyaudit.users import list_stale_keys
from keyaudit import report, store
session = boto3.Session()
iam = session.client("iam")
for user in list_stale_keys(iam, 90):
    print(user)
report.upload(session.client("s3"), "body")
report.notify(topic_client=session.client("sns"))
store.save(session.client("dynamodb"))
store.save(session.client("sqs"))
`,
        'tool/keyaudit/__init__.py': '',
        'tool/keyaudit/users.py': 'def list_stale_keys(client, days):\n    for page in client.get_paginator("list_users").paginate():\n        yield from page["Users"]\n\ndef purge(client):\n    client.delete_user(UserName="x")\n',
        'tool/keyaudit/report.py': 'def upload(client, body):\n    client.put_object(Bucket="audit-reports", Key="k", Body=body)\n\ndef notify(topic_client=None):\n    topic_client.publish(TopicArn="arn:aws:sns:us-east-1:111122223333:audit", Message="done")\n',
        // two callers pass two services: the parameter stays untyped
        'tool/keyaudit/store.py': 'def save(client):\n    client.put_item(TableName="t", Item={})\n    client.send_message(QueueUrl="u", MessageBody="x")\n',
      });
      assert.deepEqual(got, [{ name: 'tool', runtime: 'unknown', files: ['tool/audit.py', 'tool/keyaudit/report.py', 'tool/keyaudit/users.py'], actions: ['iam:ListUsers', 's3:PutObject', 'sns:Publish'] }]);
    });

    it('a Lambda handler file claims its Python package imports (and only them)', () => {
      const got = run({
        'template.yaml': 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: app.handler\n      Runtime: python3.12\n  Other:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: other.handler\n      Runtime: python3.12\n',
        'src/app.py': 'from .lib import store\nimport boto3\nsession = boto3.Session()\ndef handler(e, c):\n    store.save(session.client("dynamodb"))\n',
        'src/lib/__init__.py': '',
        'src/lib/store.py': 'def save(ddb):\n    ddb.put_item(TableName="orders", Item={})\n',
        'src/other.py': 'import boto3\ndef handler(e, c):\n    boto3.client("sqs").send_message(QueueUrl="u", MessageBody="x")\n',
      });
      assert.deepEqual(got, [
        { name: 'Fn', runtime: 'lambda', files: ['src/app.py', 'src/lib/store.py'], actions: ['dynamodb:PutItem'] },
        { name: 'Other', runtime: 'lambda', files: ['src/other.py'], actions: ['sqs:SendMessage'] },
      ]);
    });

    it('Go: the same package and packages of the same module, shared by every command that imports them', () => {
      const store = 'package store\nimport "github.com/aws/aws-sdk-go-v2/service/dynamodb"\nfunc Put(c *dynamodb.Client) { c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("jobs")}) }\n';
      const got = run({
        'go.mod': 'module example.com/jobs\n\ngo 1.22\n',
        '.github/workflows/jobs.yml': 'name: Jobs\non: push\npermissions:\n  id-token: write\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::111122223333:role/a\n      - run: go run ./cmd/a\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::111122223333:role/b\n      - run: go run ./cmd/b\n',
        'cmd/a/main.go': 'package main\nimport "example.com/jobs/internal/store"\nfunc main() { store.Put(nil) }\n',
        'cmd/b/main.go': 'package main\nimport (\n  "example.com/jobs/internal/store"\n  "github.com/aws/aws-sdk-go-v2/service/sqs"\n)\nfunc main() { store.Put(nil); sqs.NewFromConfig(cfg).SendMessage(ctx, &sqs.SendMessageInput{}) }\n',
        'internal/store/store.go': store,
        'internal/store/store_test.go': 'package store\nimport "github.com/aws/aws-sdk-go-v2/service/dynamodb"\nfunc TestX(c *dynamodb.Client) { c.DeleteTable(ctx, nil) }\n',
        'internal/unused/unused.go': 'package unused\nimport "github.com/aws/aws-sdk-go-v2/service/s3"\nfunc F(c *s3.Client) { c.DeleteBucket(ctx, nil) }\n',
      });
      assert.deepEqual(got, [
        { name: 'Jobs / a', runtime: 'github-actions', files: ['internal/store/store.go'], actions: ['dynamodb:PutItem'] },
        { name: 'Jobs / b', runtime: 'github-actions', files: ['cmd/b/main.go', 'internal/store/store.go'], actions: ['dynamodb:PutItem', 'sqs:SendMessage'] },
        { name: 'internal', runtime: 'unknown', files: ['internal/unused/unused.go'], actions: ['s3:DeleteBucket'] },
      ]);
    });
  });
});
