/** Per-language extraction of AWS API calls, and their mapping to IAM actions through the catalogue. */
import assert from 'node:assert/strict';
import { resolveCall } from '../../../src/roles/catalogue';
import { extractCalls } from '../../../src/roles/calls';
import { loadIamDataCatalogue } from '../../../src/roles/node/iam-data-catalogue';
import { fakeKeys } from '../report/fake-secrets';

const catalogue = loadIamDataCatalogue()!;
const actionsOf = (text: string, file: string) => [...new Set(extractCalls(text, file).flatMap((c) => resolveCall(c, catalogue).actions.map((a) => a.action)))].sort();
const opsOf = (text: string, file: string) => extractCalls(text, file).map((c) => `${c.service}:${c.operation}`).sort();

describe('roles: calls → actions', () => {
  it('has the iam-data catalogue', () => assert.ok(catalogue && catalogue.verified));

  describe('JavaScript / TypeScript', () => {
    it('v3 commands, paginators, lib-dynamodb document commands and lib-storage Upload', () => {
      const src = `import { S3Client, HeadObjectCommand, paginateListObjectsV2, CopyObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, BatchWriteCommand, TransactWriteCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { Upload } from '@aws-sdk/lib-storage';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
await s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'k' }));
for await (const p of paginateListObjectsV2({ client: s3 }, { Bucket: 'b' })) {}
await s3.send(new CopyObjectCommand({ Bucket: 'b', CopySource: 'a/k', Key: 'k' }));
await doc.send(new GetCommand({ TableName: 't', Key: {} }));
await doc.send(new BatchWriteCommand({ RequestItems: {} }));
await doc.send(new TransactWriteCommand({ TransactItems: [{ Update: { TableName: 't' } }, { Delete: { TableName: 't' } }] }));
for await (const p of paginateQuery({ client: doc }, { TableName: 't' })) {}
await new Upload({ client: s3, params: { Bucket: 'b', Key: 'k', Body: '' } }).done();
await sfn.send(new StartExecutionCommand({ stateMachineArn: 'arn:aws:states:us-east-1:111122223333:stateMachine:x' }));`;
      assert.deepEqual(actionsOf(src, 'a.ts'), [
        'dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem',
        's3:GetObject', 's3:ListBucket', 's3:PutObject', 'states:StartExecution',
      ]);
    });

    it('v2 clients, DocumentClient methods and getSignedUrl', () => {
      const src = `const AWS = require('aws-sdk');
const s3 = new AWS.S3({ region: 'us-east-1' });
const dc = new AWS.DynamoDB.DocumentClient();
const sqs = new AWS.SQS();
exports.h = async () => {
  await s3.upload({ Bucket: 'b', Key: 'k', Body: 'x' }).promise();
  const url = s3.getSignedUrl('getObject', { Bucket: 'b', Key: 'k' });
  await dc.query({ TableName: 't' }).promise();
  await dc.batchGet({ RequestItems: {} }).promise();
  await sqs.sendMessageBatch({ QueueUrl: 'u', Entries: [] }).promise();
  s3.config.update({});
};`;
      assert.deepEqual(actionsOf(src, 'h.js'), ['dynamodb:BatchGetItem', 'dynamodb:Query', 's3:GetObject', 's3:PutObject', 'sqs:SendMessage']);
    });

    it('aggregated v3 clients and namespace imports', () => {
      const src = `import * as sm from '@aws-sdk/client-secrets-manager';
import { S3 } from '@aws-sdk/client-s3';
const s3 = new S3({});
await s3.listBuckets({});
await client.send(new sm.GetSecretValueCommand({ SecretId: 'x' }));`;
      assert.deepEqual(actionsOf(src, 'a.mjs'), ['s3:ListAllMyBuckets', 'secretsmanager:GetSecretValue']);
    });

    it('ignores look-alike names that do not come from an AWS SDK import', () => {
      const src = `import { GetObjectCommand } from './my-commands';
class PutItemCommand {}
new GetObjectCommand({}); new PutItemCommand();
const s3 = new Storage(); s3.getObject({ Bucket: 'b' });`;
      assert.deepEqual(opsOf(src, 'a.ts'), []);
    });
  });

  describe('Python (boto3)', () => {
    it('client methods, paginators, presigned URLs and transfer helpers', () => {
      const src = `import boto3
s3 = boto3.client("s3")
s3.upload_file("f", "b", "k")
s3.download_fileobj("b", "k", fh)
s3.get_paginator("list_objects_v2").paginate(Bucket="b")
s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"})
lam = boto3.client("lambda")
lam.invoke(FunctionName="f", Payload=b"{}")
s3.get_waiter("object_exists")`;
      assert.deepEqual(actionsOf(src, 'a.py'), ['lambda:InvokeFunction', 's3:GetObject', 's3:ListBucket', 's3:PutObject']);
    });

    it('resource API: Table, Bucket collections, Object actions, queues', () => {
      const src = `import boto3
ddb = boto3.resource("dynamodb")
table = ddb.Table("t")
table.update_item(Key={})
with table.batch_writer() as b:
    b.put_item(Item={})
bucket = boto3.resource("s3").Bucket("b")
for o in bucket.objects.filter(Prefix="x/"):
    pass
boto3.resource("s3").Object("b", "k").delete()
q = boto3.resource("sqs").get_queue_by_name(QueueName="q")
q.receive_messages(MaxNumberOfMessages=1)`;
      assert.deepEqual(actionsOf(src, 'a.py'), ['dynamodb:BatchWriteItem', 'dynamodb:UpdateItem', 's3:DeleteObject', 's3:ListBucket', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage']);
    });

    it('distinctive methods on receivers it cannot trace, only for services the file creates', () => {
      const src = `import boto3, os
dynamodb = boto3.resource("dynamodb")
s3 = boto3.client("s3")
def get_table():
    return dynamodb.Table(os.environ["T"])
def save(client, key):
    client.put_object(Bucket="b", Key=key, Body=b"")
def handler(e, c):
    get_table().update_item(Key={})
    table = get_table()
    table.put_item(Item=e)
    queue.send_message(MessageBody="x")
    cursor.execute("select 1")`;
      assert.deepEqual(actionsOf(src, 'h.py'), ['dynamodb:PutItem', 'dynamodb:UpdateItem', 's3:PutObject']);
    });

    it('self attributes and sessions; static keys do not change the calls', () => {
      const src = `import boto3
class Repo:
    def __init__(self):
        session = boto3.session.Session(aws_access_key_id="${fakeKeys().AKID}", aws_secret_access_key="${fakeKeys().ASKEY}")
        self.sm = session.client("secretsmanager")
    def get(self):
        return self.sm.get_secret_value(SecretId="app/db")`;
      assert.deepEqual(actionsOf(src, 'repo.py'), ['secretsmanager:GetSecretValue']);
    });
  });

  describe('Go', () => {
    it('v2 input structs, paginators, client methods and the s3 manager', () => {
      const src = `package main
import (
  "github.com/aws/aws-sdk-go-v2/service/s3"
  "github.com/aws/aws-sdk-go-v2/feature/s3/manager"
  sqs "github.com/aws/aws-sdk-go-v2/service/sqs"
)
func run() {
  c := s3.NewFromConfig(cfg)
  p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String("b")})
  _, _ = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("b"), Key: k})
  up := manager.NewUploader(c)
  up.Upload(ctx, &s3.PutObjectInput{Bucket: aws.String("b")})
  q := sqs.NewFromConfig(cfg)
  q.ReceiveMessage(ctx, in)
}`;
      assert.deepEqual(actionsOf(src, 'main.go'), ['s3:GetObject', 's3:ListBucket', 's3:PutObject', 'sqs:ReceiveMessage']);
    });
  });

  describe('Java', () => {
    it('v2 request builders, consumer-builder methods, paginators, enhanced client and transfer manager', () => {
      const src = `import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.*;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
class A {
  S3Client s3 = S3Client.create();
  SqsClient sqs = SqsClient.create();
  DynamoDbTable<Order> orders = enhanced.table("orders", TableSchema.fromBean(Order.class));
  S3TransferManager tm = S3TransferManager.create();
  void go() {
    s3.listObjectsV2Paginator(r -> r.bucket("b"));
    s3.deleteObject(DeleteObjectRequest.builder().bucket("b").key("k").build());
    sqs.sendMessage(r -> r.queueUrl(url).messageBody("x"));
    orders.putItem(o);
    tm.downloadFile(d -> d.getObjectRequest(g -> g.bucket("b").key("k")).destination(p));
  }
}`;
      assert.deepEqual(actionsOf(src, 'A.java'), ['dynamodb:PutItem', 's3:DeleteObject', 's3:GetObject', 's3:ListBucket', 'sqs:SendMessage']);
    });
  });

  describe('waiters', () => {
    it('need the operation they poll', () => {
      assert.deepEqual(actionsOf("import { waitUntilObjectExists } from '@aws-sdk/client-s3';\nawait waitUntilObjectExists({ client }, { Bucket: 'b', Key: 'k' });", 'w.ts'), ['s3:GetObject']);
      assert.deepEqual(actionsOf("import boto3\nddb = boto3.client('dynamodb')\nddb.get_waiter('table_exists').wait(TableName='t')\n", 'w.py'), ['dynamodb:DescribeTable']);
      assert.deepEqual(actionsOf('package main\nimport "github.com/aws/aws-sdk-go-v2/service/s3"\nfunc f() { _ = s3.NewBucketExistsWaiter(c) }\n', 'w.go'), ['s3:ListBucket']);
    });
  });

  describe('C#, Ruby, PHP, Kotlin', () => {
    it('maps the common client shapes of the other report languages', () => {
      assert.deepEqual(actionsOf('using Amazon.S3;\nusing Amazon.S3.Model;\nclass A { IAmazonS3 _s3; async Task F() { await _s3.GetObjectAsync(new GetObjectRequest { BucketName = "b" }); await _s3.ListObjectsV2Async(r); } }', 'A.cs'), ['s3:GetObject', 's3:ListBucket']);
      assert.deepEqual(actionsOf("require 'aws-sdk-sqs'\nsqs = Aws::SQS::Client.new\nsqs.send_message_batch(queue_url: u, entries: [])\n", 'a.rb'), ['sqs:SendMessage']);
      assert.deepEqual(actionsOf("<?php\nuse Aws\\DynamoDb\\DynamoDbClient;\n$db = new DynamoDbClient([]);\n$db->query(['TableName' => 't']);\n$db->getPaginator('Scan', []);\n", 'a.php'), ['dynamodb:Query', 'dynamodb:Scan']);
      assert.deepEqual(actionsOf('import aws.sdk.kotlin.services.s3.S3Client\nimport aws.sdk.kotlin.services.s3.model.HeadObjectRequest\nval s3 = S3Client.fromEnvironment()\nfun f() { s3.headObject(HeadObjectRequest { bucket = "b" }) }', 'a.kt'), ['s3:GetObject']);
    });
  });

  describe('resources', () => {
    it('narrows to literal names and same-file constants; anything else stays unnamed', () => {
      const calls = extractCalls(`import boto3
BUCKET = "reports"
s3 = boto3.client("s3")
s3.put_object(Bucket=BUCKET, Key="k", Body=b"")
s3.get_object(Bucket=os.environ["B"], Key="k")`, 'r.py');
      assert.deepEqual(calls.map((c) => c.resources), [[{ kind: 'bucket', name: 'reports' }], undefined]);
    });
  });
});
