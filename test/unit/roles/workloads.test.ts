/** Descriptor readers on small in-memory workspaces: which workload runs which file, on which runtime. */
import assert from 'node:assert/strict';
import { analyzeWorkspace } from '../../../src/roles/analyze';
import { loadIamDataCatalogue } from '../../../src/roles/node/iam-data-catalogue';

const catalogue = loadIamDataCatalogue()!;
const run = (files: Record<string, string>) =>
  analyzeWorkspace(new Map(Object.entries(files)), catalogue, 'ws').report.workloads.map((w) => ({ name: w.name, runtime: w.runtime, files: w.files, actions: w.actions }));

const PY_S3 = 'import boto3\ns3 = boto3.client("s3")\ndef h(e, c):\n    s3.get_object(Bucket="b", Key="k")\n';
const TS_SQS = "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\nconst c = new SQSClient({});\nexport const handler = async () => c.send(new SendMessageCommand({ QueueUrl: 'u', MessageBody: 'x' }));\n";

describe('roles: workloads from descriptors', () => {
  it('SAM with short-form intrinsics, a shared CodeUri told apart by handlers, and tests left out', () => {
    const got = run({
      'template.yaml': 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    CodeUri: src/\nResources:\n  A:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.h\n      Role: !GetAtt R.Arn\n  B:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: b.handler\n      Environment:\n        Variables:\n          T: !Ref Table\n',
      'src/a.py': PY_S3,
      'src/b.ts': TS_SQS,
      'src/tests/test_a.py': 'import boto3\nboto3.client("s3").create_bucket(Bucket="t")\n',
    });
    assert.deepEqual(got, [
      { name: 'A', runtime: 'lambda', files: ['src/a.py'], actions: ['s3:GetObject'] },
      { name: 'B', runtime: 'lambda', files: ['src/b.ts'], actions: ['sqs:SendMessage'] },
    ]);
  });

  it('serverless.yml with functions included from another file', () => {
    const got = run({
      'serverless.yml': 'service: inc\nprovider:\n  name: aws\nfunctions: ${file(./functions.yml)}\n',
      'functions.yml': 'ping:\n  handler: src/ping.handler\n',
      'src/ping.ts': TS_SQS,
      'src/other.py': PY_S3,
    });
    assert.deepEqual(got.map((w) => [w.name, w.runtime, w.files]), [['inc', 'lambda', ['src/ping.ts']], ['src', 'unknown', ['src/other.py']]]);
  });

  it('serverless.ts with handlerPath(__dirname) handlers', () => {
    const got = run({
      'serverless.ts': "const c = { service: 'greeter', provider: { name: 'aws', runtime: 'nodejs20.x' }, functions: { hello } };",
      'src/functions/hello/index.ts': 'export default { handler: `${handlerPath(__dirname)}/handler.main` };',
      'src/functions/hello/handler.ts': TS_SQS,
    });
    assert.deepEqual(got.map((w) => [w.name, w.runtime, w.files]), [['greeter', 'lambda', ['src/functions/hello/handler.ts']]]);
  });

  it('ECS task definition in .aws/ wins over a workflow that only builds and deploys', () => {
    const got = run({
      '.aws/task-definition.json': '{ "family": "web", "taskRoleArn": "arn:aws:iam::111122223333:role/t", "containerDefinitions": [] }',
      '.github/workflows/deploy.yml': 'jobs:\n  d:\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with: { role-to-assume: r }\n      - run: npm ci && npm run build\n      - uses: aws-actions/amazon-ecs-deploy-task-definition@v1\n',
      'src/server.ts': TS_SQS,
    });
    assert.deepEqual(got.map((w) => [w.name, w.runtime]), [['web', 'ecs']]);
  });

  it('SAM container-image functions (DockerContext) and github-script steps that require a local script', () => {
    const got = run({
      'template.yaml': 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Img:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n    Metadata:\n      DockerContext: ./img\n',
      'img/app.py': PY_S3,
      '.github/workflows/t.yml': "name: T\njobs:\n  j:\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with: { role-to-assume: r }\n      - uses: actions/github-script@v7\n        with:\n          script: |\n            await require('./ci/tag.js')({ github })\n",
      'ci/tag.js': TS_SQS,
    });
    assert.deepEqual(got.map((w) => [w.name, w.runtime, w.files]).sort(), [['Img', 'lambda', ['img/app.py']], ['T / j', 'github-actions', ['ci/tag.js']]]);
  });

  it('EKS from eksctl ClusterConfig service accounts and from Terraform kubernetes_deployment', () => {
    const eksctl = run({
      'cluster.yaml': 'apiVersion: eksctl.io/v1alpha5\nkind: ClusterConfig\nmetadata:\n  name: c\niam:\n  withOIDC: true\n  serviceAccounts:\n    - metadata:\n        name: reporter\n        namespace: jobs\n      attachPolicyARNs: []\n',
      'main.go': 'package main\nimport "github.com/aws/aws-sdk-go-v2/service/sqs"\nfunc f() { _ = &sqs.SendMessageInput{} }\n',
    });
    assert.deepEqual(eksctl.map((w) => [w.name, w.runtime]), [['reporter', 'eks']]);
    const tf = run({
      'infra/k8s.tf': 'resource "kubernetes_deployment_v1" "api" {\n  spec {\n    template {\n      spec {\n        service_account_name = "api"\n      }\n    }\n  }\n}\n',
      'app/main.py': PY_S3,
    });
    assert.deepEqual(tf.map((w) => [w.name, w.runtime, w.files]), [['api', 'eks', ['app/main.py']]]);
  });

  it('a deploy job (npm run deploy → serverless deploy) claims no code; a job running a script it cannot find claims the project', () => {
    const deploy = run({
      '.github/workflows/d.yml': 'jobs:\n  d:\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with: { role-to-assume: r }\n      - run: npm run deploy\n',
      'package.json': '{"scripts":{"deploy":"serverless deploy --stage prod"}}',
      'src/x.ts': TS_SQS,
    });
    assert.deepEqual(deploy.map((w) => w.runtime), ['unknown']);
    const script = run({
      '.github/workflows/s.yml': 'name: S\njobs:\n  s:\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with: { role-to-assume: r }\n      - run: node dist/sync.js\n',
      'src/sync.ts': TS_SQS,
    });
    assert.deepEqual(script.map((w) => [w.name, w.runtime, w.files]), [['S / s', 'github-actions', ['src/sync.ts']]]);
  });

  it('Helm chart templates', () => {
    const got = run({
      'charts/api/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "api.fullname" . }}\nspec:\n  template:\n    spec:\n      serviceAccountName: api\n',
      'cmd/api/main.go': 'package main\nimport "github.com/aws/aws-sdk-go-v2/service/sqs"\nfunc f() { c := sqs.NewFromConfig(cfg); c.SendMessage(ctx, &sqs.SendMessageInput{}) }\n',
    });
    assert.deepEqual(got.map((w) => [w.name, w.runtime, w.actions]), [['api', 'eks', ['sqs:SendMessage']]]);
  });

  it('Terraform Lambda through data.archive_file, and an EC2 instance for the rest of the project', () => {
    const got = run({
      'terraform/main.tf': 'data "archive_file" "fn" {\n  source_dir  = "${path.module}/../lambda"\n  output_path = "fn.zip"\n}\nresource "aws_lambda_function" "fn" {\n  function_name = "sync"\n  filename = data.archive_file.fn.output_path\n  handler = "a.h"\n}\nresource "aws_instance" "box" {\n  ami = "ami-1"\n}\n',
      'lambda/a.py': PY_S3,
      'app/worker.ts': TS_SQS,
    });
    assert.deepEqual(got.map((w) => [w.name, w.runtime, w.files]), [['sync', 'lambda', ['lambda/a.py']], ['box', 'ec2', ['app/worker.ts']]]);
  });

  it('CDK TypeScript: NodejsFunction entry and a Fargate pattern with a container asset', () => {
    const got = run({
      'cdk.json': '{"app":"npx ts-node bin/app.ts"}',
      'lib/stack.ts': "import * as cdk from 'aws-cdk-lib';\nimport * as path from 'path';\nnew NodejsFunction(this, 'Api', { entry: path.join(__dirname, '../lambda/api.ts') });\nnew ecsPatterns.QueueProcessingFargateService(this, 'Worker', { image: ecs.ContainerImage.fromAsset(path.join(__dirname, '../worker')) });\n",
      'lambda/api.ts': TS_SQS,
      'worker/main.py': PY_S3,
    });
    assert.deepEqual(got.map((w) => [w.name, w.runtime, w.files]), [['Api', 'lambda', ['lambda/api.ts']], ['Worker', 'ecs', ['worker/main.py']]]);
  });

  it('CDK Python: Code.from_asset + handler', () => {
    const got = run({
      'cdk.json': '{"app":"python3 app.py"}',
      'stacks/s.py': 'from aws_cdk import aws_lambda as _lambda\nfn = _lambda.Function(self, "Proc", handler="h.main", code=_lambda.Code.from_asset("fns/proc"))\n',
      'fns/proc/h.py': PY_S3,
    });
    assert.deepEqual(got.map((w) => [w.name, w.runtime, w.files]), [['Proc', 'lambda', ['fns/proc/h.py']]]);
  });

  it('CDK asset paths built with path.join / os.path.join and asset options after the path', () => {
    const got = run({
      'cdk.json': '{}',
      'lib/stack.ts': "import * as cdk from 'aws-cdk-lib';\nnew NodejsFunction(this, 'Api', { entry: path.join(__dirname, '../lambda/api.ts'), handler: 'handler' });\nnew lambda.Function(this, 'Old', { code: lambda.Code.fromAsset(path.join(__dirname, '..', 'old'), { exclude: ['*.md'] }), handler: 'index.handler' });\n",
      'lambda/api.ts': TS_SQS,
      'old/index.py': PY_S3,
      'stacks/p.py': 'from aws_cdk import aws_lambda as _lambda\nfn = _lambda.Function(self, "Py", handler="h.main", code=_lambda.Code.from_asset(os.path.join(os.path.dirname(__file__), "..", "pyfn")))\n',
      'pyfn/h.py': PY_S3,
      'scripts/seed.ts': TS_SQS,
    });
    // each function gets exactly its own code; a script no construct points to stays unknown
    assert.deepEqual(got.map((w) => [w.name, w.runtime, w.files]), [['Api', 'lambda', ['lambda/api.ts']], ['Old', 'lambda', ['old/index.py']], ['Py', 'lambda', ['pyfn/h.py']], ['scripts', 'unknown', ['scripts/seed.ts']]]);
  });

  it('a workflow script reached through npm run and bash', () => {
    const got = run({
      '.github/workflows/x.yml': 'name: X\njobs:\n  j:\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with: { role-to-assume: r, aws-region: us-east-1 }\n      - run: bash ops/run.sh\n',
      'ops/run.sh': '#!/bin/sh\nnpm run sync\n',
      'ops/package.json': '{"scripts":{"sync":"node sync.mjs"}}',
      'package.json': '{"scripts":{"sync":"node tools/sync.mjs"}}',
      'tools/sync.mjs': TS_SQS,
      'other/unrelated.py': PY_S3,
    });
    assert.deepEqual(got.map((w) => [w.name, w.runtime, w.files]), [['X / j', 'github-actions', ['tools/sync.mjs']], ['other', 'unknown', ['other/unrelated.py']]]);
  });
});
