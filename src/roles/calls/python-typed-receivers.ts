/**
 * Python helper modules often never import boto3: they receive a session or a client from the entry script
 * (`def list_stale_keys(iam): iam.list_users()`, `def f(session): session.client("iam")`). A receiver is typed
 * only when its own text names the service — never by guessing from the method:
 * - a type hint: `mypy_boto3_iam.IAMClient`, `client: "IAMClient"`, `s3: S3ServiceResource` (class stems below);
 * - a name: `iam_client`, `s3_resource`, `ddb_client` (any boto3 service name + `_client`/`_resource`), or a bare
 *   service name (`iam`, `s3`, `ec2`) from the distinctive list only — generic words (`config`, `logs`, `events`,
 *   `batch`, `backup`, `account`) are services too but also everyday variable names, so they need a suffix or hint.
 * The action catalogue then drops any method that is not an operation of that service.
 */
import { normaliseSdkName } from '../service-prefixes';

/** boto3 service names recognised in `.client("…")` on any receiver and in `<name>_client` names. */
export const BOTO3_SERVICES = new Set([
  'accessanalyzer', 'account', 'acm', 'acmpca', 'amplify', 'apigateway', 'apigatewaymanagementapi', 'apigatewayv2', 'appconfig',
  'appconfigdata', 'applicationautoscaling', 'appsync', 'athena', 'autoscaling', 'backup', 'batch', 'bedrock', 'bedrockagentruntime',
  'bedrockruntime', 'budgets', 'ce', 'cloudformation', 'cloudfront', 'cloudtrail', 'cloudwatch', 'codeartifact', 'codebuild',
  'codecommit', 'codedeploy', 'codepipeline', 'cognitoidentity', 'cognitoidp', 'comprehend', 'config', 'datasync', 'dax',
  'directconnect', 'dms', 'ds', 'dynamodb', 'dynamodbstreams', 'ebs', 'ec2', 'ec2instanceconnect', 'ecr', 'ecrpublic', 'ecs', 'efs',
  'eks', 'elasticache', 'elasticbeanstalk', 'elb', 'elbv2', 'emr', 'emrserverless', 'es', 'events', 'firehose', 'fsx', 'glacier',
  'glue', 'guardduty', 'health', 'iam', 'identitystore', 'inspector2', 'iot', 'iotdata', 'kafka', 'kinesis', 'kms', 'lakeformation',
  'lambda', 'lightsail', 'logs', 'mediaconvert', 'mq', 'opensearch', 'organizations', 'pinpoint', 'pricing', 'polly', 'ram', 'rds',
  'rdsdata', 'redshift', 'redshiftdata', 'rekognition', 'resourcegroupstaggingapi', 'route53', 'route53domains', 's3', 's3control',
  'sagemaker', 'sagemakerruntime', 'scheduler', 'secretsmanager', 'securityhub', 'servicecatalog', 'servicequotas', 'ses', 'sesv2',
  'shield', 'sns', 'sqs', 'ssm', 'sso', 'ssoadmin', 'stepfunctions', 'sfn', 'storagegateway', 'sts', 'support', 'textract',
  'timestreamwrite', 'transcribe', 'transfer', 'translate', 'wafv2', 'xray',
]);

/** Bare variable names distinctive enough to name their service on their own. */
const BARE_NAMES = new Set([
  'acm', 'athena', 'cloudformation', 'cloudfront', 'cloudtrail', 'cloudwatch', 'codebuild', 'codepipeline', 'dynamodb', 'ec2', 'ecr',
  'ecs', 'eks', 'elbv2', 'firehose', 'glue', 'guardduty', 'iam', 'kinesis', 'kms', 'organizations', 'rds', 'rekognition', 'route53',
  's3', 'sagemaker', 'secretsmanager', 'securityhub', 'ses', 'sesv2', 'sns', 'sqs', 'ssm', 'sts', 'sfn', 'stepfunctions', 'textract',
]);

/** Short aliases people give clients. */
const ALIASES: Record<string, string> = { ddb: 'dynamodb', dynamo: 'dynamodb', cfn: 'cloudformation', awslambda: 'lambda' };

/** mypy-boto3 / types-boto3 class stems that are not just the service name (`SFNClient`, `CloudWatchLogsClient`). */
const CLASS_STEMS: Record<string, string> = { sfn: 'stepfunctions', cloudwatchlogs: 'logs', eventbridge: 'events', elasticloadbalancingv2: 'elbv2', elasticloadbalancing: 'elb' };

type ReceiverKind = { service: string; kind: 'client' | 'resource' };

/**
 * A service from a type hint text (`IAMClient`, `"S3Client"`, `mypy_boto3_iam.client.IAMClient`, `Optional[EC2Client]`).
 * A bare class name counts for a distinctive service, or for any service when the file imports boto3 or its stubs
 * (`BatchClient` or `ConfigClient` alone may be another library's).
 */
export function serviceFromAnnotation(annotation: string, fileUsesBoto = false): ReceiverKind | undefined {
  const mod = /\b(?:mypy|types)_boto3_(\w+?)(?:\.|\b)/.exec(annotation);
  const cls = /\b([A-Z][A-Za-z0-9]*?)(Client|ServiceResource)\b/.exec(annotation);
  const kind = cls?.[2] === 'ServiceResource' ? 'resource' : 'client';
  if (mod) {
    const name = normaliseSdkName(mod[1]);
    if (BOTO3_SERVICES.has(name)) return { service: name, kind };
  }
  if (!cls) return undefined;
  const stem = normaliseSdkName(cls[1]);
  const name = CLASS_STEMS[stem] ?? stem;
  return BARE_NAMES.has(name) || (fileUsesBoto && BOTO3_SERVICES.has(name)) ? { service: name, kind } : undefined;
}

/** A service from a variable, parameter or attribute name (`iam`, `iam_client`, `s3_resource`, `self.ddb_client`). */
export function serviceFromName(name: string): ReceiverKind | undefined {
  const bare = name.replace(/^self\./, '').replace(/^_+/, '').toLowerCase();
  if (bare.includes('.')) return undefined;
  const suffixed = /^(\w+?)_?(client|resource)$/.exec(bare);
  if (suffixed) {
    const stem = normaliseSdkName(suffixed[1]);
    const service = ALIASES[stem] ?? stem;
    return BOTO3_SERVICES.has(service) ? { service, kind: suffixed[2] as 'client' | 'resource' } : undefined;
  }
  const service = ALIASES[bare] ?? bare;
  return BARE_NAMES.has(service) || (service !== bare && BOTO3_SERVICES.has(service)) ? { service, kind: 'client' } : undefined;
}

/**
 * Parameters of every `def` with their annotation text (read from the code view: string hints keep their text).
 * `offset` is where the parameter name starts.
 */
interface FunctionParameter {
  name: string;
  annotation?: string;
  offset: number;
  /** The function, the parameter's positional index (after `self`/`cls`), and the end of the function's body. */
  func: string;
  index: number;
  bodyEnd: number;
}

export function functionParameters(code: string, closeOf: (open: number) => number): FunctionParameter[] {
  const out: FunctionParameter[] = [];
  const def = /(?<![\w.])def\s+(\w+)\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = def.exec(code))) {
    const open = m.index + m[0].length - 1;
    const close = closeOf(open);
    if (close < 0) continue;
    const bodyEnd = blockEnd(code, m.index, close);
    let depth = 0;
    let start = open + 1;
    let index = 0;
    for (let i = open + 1; i <= close; i++) {
      const ch = code[i];
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch) && i < close) depth--;
      if ((ch === ',' && depth === 0) || i === close) {
        const part = code.slice(start, i);
        const p = /^\s*\**([A-Za-z_]\w*)\s*(?::\s*([^=]+?))?\s*(?:=[\s\S]*)?$/.exec(part);
        if (p && p[1] !== 'self' && p[1] !== 'cls') out.push({ name: p[1], annotation: p[2], offset: start + part.indexOf(p[1]), func: m[1], index: index++, bodyEnd });
        start = i + 1;
      }
    }
  }
  return out;
}

/** End of the indented block of the `def` at `defAt` whose parameter list closes at `after`: the next line indented no deeper. */
function blockEnd(code: string, defAt: number, after: number): number {
  const lineStart = code.lastIndexOf('\n', defAt) + 1;
  const indent = /^[ \t]*/.exec(code.slice(lineStart, defAt))![0].length;
  const re = /\n([ \t]*)(?=\S)/g;
  re.lastIndex = code.indexOf('\n', after);
  if (re.lastIndex < 0) return code.length;
  let m: RegExpExecArray | null;
  while ((m = re.exec(code))) if (m[1].length <= indent && !code.startsWith(')', m.index + 1 + m[1].length)) return m.index;
  return code.length;
}
