/**
 * Per workload: the role mechanism to use and the snippet that attaches the policy, in the descriptor's own
 * language. Placeholders (`<account-id>`) are plain; nothing here reads or repeats a credential.
 */
import { stringify } from 'yaml';
import type { DescriptorKind, Runtime, WorkloadDetail, WorkloadResult } from './types';

export const MECHANISM: Record<Runtime, string> = {
  lambda: 'Lambda execution role: the function gets temporary credentials from its execution role; remove any keys from the code and its environment.',
  ecs: 'ECS task role (`taskRoleArn`): the containers get credentials from the task role. Not the task *execution* role, which only pulls images and writes logs.',
  eks: 'EKS: IAM Roles for Service Accounts (IRSA, ServiceAccount annotation `eks.amazonaws.com/role-arn`) or EKS Pod Identity (an association for the ServiceAccount). Pods then get role credentials, no keys.',
  ec2: 'EC2 instance profile: attach a role to the instance through an instance profile; the SDK reads credentials from the instance metadata service.',
  'github-actions': 'GitHub Actions OIDC role: `aws-actions/configure-aws-credentials` with `role-to-assume` and `permissions: id-token: write`; no stored access keys.',
  unknown: 'Nothing in the workspace says where this code runs. On AWS compute use that service\u2019s role (Lambda execution role, ECS task role, EC2 instance profile, IRSA); on a workstation use IAM Identity Center (`aws sso login`) with a permission set holding this policy.',
};

const safeId = (name: string) => name.replace(/[^A-Za-z0-9]/g, '') || 'Workload';
const snake = (name: string) => name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_|_$/g, '').toLowerCase() || 'workload';
const indent = (text: string, n: number) => text.replace(/\n$/, '').split('\n').map((l) => ' '.repeat(n) + l).join('\n');
const q = (s: string) => JSON.stringify(s);

export interface Snippet {
  language: string;
  title: string;
  code: string;
}

export function snippetsFor(w: WorkloadResult, d: WorkloadDetail): Snippet[] {
  const p = w.policy;
  const stmts = p.Statement.map(({ Effect, Action, Resource }) => ({ Effect, Action, Resource }));
  const json = JSON.stringify(p, null, 2);
  const byKind: Record<DescriptorKind, () => Snippet[]> = {
    sam: () => [{ language: 'yaml', title: `${w.evidence.replace(/:\d+$/, '')} — under ${d.meta.resource ?? w.name}.Properties`, code: `Policies:\n${indent(stringify([{ Statement: stmts }]), 2)}` }],
    cloudformation: () => [
      {
        language: 'yaml',
        title: 'CloudFormation — an execution role for the function (then `Role: !GetAtt ' + safeId(w.name) + 'Role.Arn`)',
        code: stringify({
          [`${safeId(w.name)}Role`]: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
              ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
              Policies: [{ PolicyName: `${safeId(w.name)}Access`, PolicyDocument: p }],
            },
          },
        }),
      },
    ],
    serverless: () => [{ language: 'yaml', title: `${w.evidence.replace(/:\d+$/, '')} (all functions of the service share this role)`, code: stringify({ provider: { iam: { role: { statements: stmts } } } }) }],
    'cdk-typescript': () => [{ language: 'typescript', title: 'CDK (TypeScript)', code: cdkTs(w, d) }],
    'cdk-python': () => [{ language: 'python', title: 'CDK (Python)', code: cdkPy(w, d) }],
    'cdk-java': () => [{ language: 'java', title: 'CDK (Java)', code: cdkJava(w, d) }],
    'ecs-task-definition': () => [
      { language: 'json', title: `${d.meta.file ?? 'task definition'} — the task role (not executionRoleArn)`, code: `"taskRoleArn": "arn:aws:iam::<account-id>:role/${w.name}-task-role"` },
      { language: 'json', title: 'trust policy of the task role', code: JSON.stringify(trust('ecs-tasks.amazonaws.com'), null, 2) },
      { language: 'shell', title: 'attach the policy (policy.json = the policy above)', code: `aws iam put-role-policy --role-name ${w.name}-task-role --policy-name ${w.name}-access --policy-document file://policy.json` },
    ],
    kubernetes: () => k8s(w, d),
    terraform: () => [{ language: 'hcl', title: 'Terraform', code: terraform(w, d, json) }],
    'github-actions': () => [
      { language: 'yaml', title: `${d.meta.workflow ?? 'workflow'} — job ${d.meta.job ?? ''}${d.meta.staticKeysInWorkflow === 'yes' ? ' (replace aws-access-key-id / aws-secret-access-key with role-to-assume, then delete the stored keys)' : ''}`, code: `permissions:\n  id-token: write\n  contents: read\n# …\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: ${d.meta.roleToAssume ?? `arn:aws:iam::<account-id>:role/${snake(w.name)}-gha`}\n          aws-region: <region>` },
      { language: 'json', title: 'trust policy of the role (GitHub OIDC)', code: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::<account-id>:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:<owner>/<repo>:ref:refs/heads/main' } } }] }, null, 2) },
    ],
    none: () => [{ language: 'shell', title: 'local development: IAM Identity Center', code: 'aws configure sso   # once\naws sso login       # then run the code: the SDK default chain finds the session' }],
  };
  return byKind[d.descriptor]();
}

function trust(service: string) {
  return { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] };
}

function cdkTarget(w: WorkloadResult, d: WorkloadDetail, style: 'camel' | 'snake'): string {
  const id = d.meta.id ?? w.name;
  const v = style === 'camel' ? id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toLowerCase()) : snake(id);
  if (w.runtime === 'ecs') {
    // ECS patterns own their task definition: `service.taskDefinition`
    const pattern = !/TaskDefinition$/.test(d.meta.construct ?? 'TaskDefinition');
    if (style === 'camel') return pattern ? `${v}.taskDefinition.addToTaskRolePolicy` : `${v}.addToTaskRolePolicy`;
    return pattern ? `${v}.task_definition.add_to_task_role_policy` : `${v}.add_to_task_role_policy`;
  }
  return style === 'camel' ? `${v}.addToRolePolicy` : `${v}.add_to_role_policy`;
}

function cdkTs(w: WorkloadResult, d: WorkloadDetail): string {
  const target = cdkTarget(w, d, 'camel');
  const ecsNote = w.runtime === 'ecs' ? '// the task role, not the execution role\n' : '';
  return ecsNote + w.policy.Statement.map((s) => `${target}(new iam.PolicyStatement({\n  actions: ${JSON.stringify(s.Action)},\n  resources: ${JSON.stringify(s.Resource)},\n}));`).join('\n') + '\n// or, for constructs in the same app: bucket.grantRead(fn), table.grantReadWriteData(fn), queue.grantSendMessages(fn)…';
}

function cdkPy(w: WorkloadResult, d: WorkloadDetail): string {
  const target = cdkTarget(w, d, 'snake');
  return w.policy.Statement.map((s) => `${target}(iam.PolicyStatement(\n    actions=${JSON.stringify(s.Action)},\n    resources=${JSON.stringify(s.Resource)},\n))`).join('\n') + '\n# or: bucket.grant_read(fn), table.grant_read_write_data(fn), queue.grant_send_messages(fn)…';
}

function cdkJava(w: WorkloadResult, d: WorkloadDetail): string {
  const target = cdkTarget(w, d, 'camel');
  const list = (xs: string[]) => `List.of(${xs.map(q).join(', ')})`;
  return w.policy.Statement.map((s) => `${target}(PolicyStatement.Builder.create()\n    .actions(${list(s.Action)})\n    .resources(${list(s.Resource)})\n    .build());`).join('\n') + '\n// or: bucket.grantRead(fn), table.grantReadWriteData(fn)…';
}

function terraform(w: WorkloadResult, d: WorkloadDetail, json: string): string {
  const n = snake(w.name);
  const service = w.runtime === 'ec2' ? 'ec2.amazonaws.com' : w.runtime === 'ecs' ? 'ecs-tasks.amazonaws.com' : 'lambda.amazonaws.com';
  const hcl = json.replace(/"(\w+)": /g, '$1 = ').replace(/\n/g, '\n  ');
  let attach = '';
  if (w.runtime === 'ec2') attach = `\nresource "aws_iam_instance_profile" "${n}" {\n  role = aws_iam_role.${n}.name\n}\n# in ${d.meta.address ?? 'aws_instance'}: iam_instance_profile = aws_iam_instance_profile.${n}.name`;
  else if (w.runtime === 'ecs') attach = `\n# in ${d.meta.address ?? 'aws_ecs_task_definition'}: task_role_arn = aws_iam_role.${n}.arn   (not execution_role_arn)`;
  else if (w.runtime === 'lambda') attach = `\n# in ${d.meta.address ?? 'aws_lambda_function'}: role = aws_iam_role.${n}.arn`;
  return `resource "aws_iam_role" "${n}" {\n  name               = "${n}"\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "${service}" }, Action = "sts:AssumeRole" }] })\n}\n\nresource "aws_iam_role_policy" "${n}" {\n  role   = aws_iam_role.${n}.id\n  policy = jsonencode(${hcl})\n}${attach}`;
}

function k8s(w: WorkloadResult, d: WorkloadDetail): Snippet[] {
  const sa = d.meta.serviceAccount && d.meta.serviceAccount !== 'default' ? d.meta.serviceAccount : `${w.name}`;
  const ns = d.meta.namespace ?? 'default';
  const irsa: Snippet = {
    language: 'yaml',
    title: `ServiceAccount (IRSA) — and serviceAccountName: ${sa} in the pod spec`,
    code: stringify({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: ns, annotations: { 'eks.amazonaws.com/role-arn': d.meta.irsaRoleArn ?? `arn:aws:iam::<account-id>:role/${w.name}-irsa` } } }),
  };
  const podIdentity: Snippet = {
    language: 'shell',
    title: 'or EKS Pod Identity (role trusted by pods.eks.amazonaws.com)',
    code: `aws eks create-pod-identity-association --cluster-name <cluster> --namespace ${ns} --service-account ${sa} --role-arn arn:aws:iam::<account-id>:role/${w.name}-pod`,
  };
  return d.meta.podIdentity ? [podIdentity, irsa] : [irsa, podIdentity];
}
