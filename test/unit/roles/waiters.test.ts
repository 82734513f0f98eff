/** SDK waiters → the operation they poll, one table for boto3, JS v3, Go v2 and Java v2. */
import assert from 'node:assert/strict';
import { resolveCall } from '../../../src/roles/catalogue';
import { extractCalls } from '../../../src/roles/calls';
import { WAITER_OPERATIONS, waiterOperation } from '../../../src/roles/calls/waiters';
import { loadIamDataCatalogue } from '../../../src/roles/node/iam-data-catalogue';

const catalogue = loadIamDataCatalogue()!;
const actionsOf = (text: string, file: string) => [...new Set(extractCalls(text, file).flatMap((c) => resolveCall(c, catalogue).actions.map((a) => a.action)))].sort();

describe('roles: waiters', () => {
  it('every row polls an operation the catalogue maps to a real action of that service', () => {
    for (const [service, rows] of Object.entries(WAITER_OPERATIONS))
      for (const [waiter, operation] of Object.entries(rows)) {
        const r = resolveCall({ service, operation, file: 'x', line: 1 }, catalogue);
        assert.ok(r.actions.length > 0 && r.actions.every((a) => a.action.startsWith(`${service}:`)), `${service} ${waiter} → ${operation}`);
      }
  });

  it('looks names up without regard to case or underscores, and knows nothing it was not told', () => {
    assert.equal(waiterOperation('rds', 'DbInstanceAvailable'), 'DescribeDBInstances');
    assert.equal(waiterOperation('ec2', 'snapshot_completed'), 'DescribeSnapshots');
    assert.equal(waiterOperation('ec2', 'SnapshotFinished'), undefined);
    assert.equal(waiterOperation('sqs', 'QueueExists'), undefined);
  });

  describe('boto3', () => {
    it('a waiter used in one chained expression', () => {
      assert.deepEqual(actionsOf('import boto3\nec2 = boto3.client("ec2")\nec2.get_waiter("snapshot_completed").wait(SnapshotIds=["snap-1"])\n', 'a.py'), ['ec2:DescribeSnapshots']);
      assert.deepEqual(actionsOf('import boto3\nboto3.client("cloudfront").get_waiter("invalidation_completed").wait(DistributionId="D", Id="I")\n', 'a.py'), ['cloudfront:GetInvalidation']);
    });
    it('a waiter kept in a variable, on services with acronyms', () => {
      assert.deepEqual(actionsOf('import boto3\nrds = boto3.client("rds")\nw = rds.get_waiter("db_instance_available")\nw.wait(DBInstanceIdentifier="db")\n', 'a.py'), ['rds:DescribeDBInstances']);
    });
    it('resource waiters: Bucket, Object and Table wait_until_exists', () => {
      assert.deepEqual(actionsOf('import boto3\ns3 = boto3.resource("s3")\ns3.Object("b", "k").wait_until_exists()\nboto3.resource("dynamodb").Table("t").wait_until_exists()\n', 'a.py'), ['dynamodb:DescribeTable', 's3:GetObject']);
    });
    it('an unknown waiter adds nothing', () => {
      assert.deepEqual(actionsOf('import boto3\nec2 = boto3.client("ec2")\nec2.get_waiter("made_up").wait()\n', 'a.py'), []);
    });
  });

  describe('JavaScript v3', () => {
    it('waitUntilX from the service package', () => {
      const src = "import { CloudFrontClient, CreateInvalidationCommand, waitUntilInvalidationCompleted } from '@aws-sdk/client-cloudfront';\nconst client = new CloudFrontClient({});\nconst { Invalidation } = await client.send(new CreateInvalidationCommand({ DistributionId: 'D', InvalidationBatch }));\nawait waitUntilInvalidationCompleted({ client, maxWaitTime: 600 }, { DistributionId: 'D', Id: Invalidation.Id });\n";
      assert.deepEqual(actionsOf(src, 'purge.ts'), ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation']);
    });
    it('the deprecated waitForX spelling, and v2 client.waitFor(name)', () => {
      assert.deepEqual(actionsOf("import { waitForInstanceRunning } from '@aws-sdk/client-ec2';\nawait waitForInstanceRunning({ client }, { InstanceIds: ['i-1'] });\n", 'a.ts'), ['ec2:DescribeInstances']);
      assert.deepEqual(actionsOf("const AWS = require('aws-sdk');\nconst cf = new AWS.CloudFront();\nawait cf.waitFor('invalidationCompleted', { DistributionId: 'D', Id: 'I' }).promise();\n", 'a.js'), ['cloudfront:GetInvalidation']);
    });
    it('ECS and CloudFormation waiters', () => {
      assert.deepEqual(actionsOf("const { waitUntilServicesStable } = require('@aws-sdk/client-ecs');\nawait waitUntilServicesStable({ client }, { cluster: 'c', services: ['s'] });\n", 'a.js'), ['ecs:DescribeServices']);
      assert.deepEqual(actionsOf("import * as cfn from '@aws-sdk/client-cloudformation';\nawait cfn.waitUntilStackUpdateComplete({ client }, { StackName: 's' });\n", 'a.ts'), ['cloudformation:DescribeStacks']);
    });
  });

  describe('Go v2', () => {
    it('NewXWaiter', () => {
      assert.deepEqual(actionsOf('package main\nimport "github.com/aws/aws-sdk-go-v2/service/ec2"\nfunc f() { w := ec2.NewInstanceRunningWaiter(c); _ = w }\n', 'w.go'), ['ec2:DescribeInstances']);
      assert.deepEqual(actionsOf('package main\nimport "github.com/aws/aws-sdk-go-v2/service/cloudfront"\nfunc f() { cloudfront.NewInvalidationCompletedWaiter(c).Wait(ctx, in, d) }\n', 'w.go'), ['cloudfront:GetInvalidation']);
    });
  });

  describe('Java v2', () => {
    it('client.waiter().waitUntilX(…) and a waiter variable', () => {
      const src = `import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.waiters.S3Waiter;
class W {
  Ec2Client ec2 = Ec2Client.create();
  S3Client s3 = S3Client.create();
  void go() {
    ec2.waiter().waitUntilSnapshotCompleted(r -> r.snapshotIds("snap-1"));
    S3Waiter w = s3.waiter();
    w.waitUntilBucketExists(r -> r.bucket("b"));
  }
}`;
      assert.deepEqual(actionsOf(src, 'W.java'), ['ec2:DescribeSnapshots', 's3:ListBucket']);
    });
  });
});
