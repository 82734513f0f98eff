/**
 * SDK service identifiers → IAM service prefix. SDKs name services after their API (`sfn`, `cloudwatchlogs`,
 * `bedrockruntime`, Java `DynamoDbClient`); IAM uses its own prefix (`states`, `logs`, `bedrock`, `dynamodb`).
 * Keys are normalised: lower case, letters and digits only. A key missing here maps to itself, and the action
 * catalogue then decides whether that is a real IAM service.
 */
const PREFIX_BY_SDK_NAME: Record<string, string> = {
  sfn: 'states',
  stepfunctions: 'states',
  cloudwatchlogs: 'logs',
  logs: 'logs',
  eventbridge: 'events',
  cloudwatchevents: 'events',
  bedrockruntime: 'bedrock',
  bedrockagentruntime: 'bedrock',
  sesv2: 'ses',
  email: 'ses',
  iotdataplane: 'iot',
  iotdata: 'iot',
  apigatewaymanagementapi: 'execute-api',
  elasticloadbalancingv2: 'elasticloadbalancing',
  elbv2: 'elasticloadbalancing',
  elb: 'elasticloadbalancing',
  cognitoidentityprovider: 'cognito-idp',
  cognitoidp: 'cognito-idp',
  cognitoidentity: 'cognito-identity',
  dynamodbstreams: 'dynamodb',
  dynamodbdocument: 'dynamodb',
  documentclient: 'dynamodb',
  dynamodbenhanced: 'dynamodb',
  kinesisfirehose: 'firehose',
  firehose: 'firehose',
  secretsmanager: 'secretsmanager',
  ssm: 'ssm',
  simplesystemsmanagement: 'ssm',
  sqs: 'sqs',
  sns: 'sns',
  kms: 'kms',
  sts: 'sts',
  securitytoken: 'sts',
  securitytokenservice: 'sts',
  lambda: 'lambda',
  s3: 's3',
  dynamodb: 'dynamodb',
  dynamodbv2: 'dynamodb',
  cloudwatch: 'cloudwatch',
  kinesis: 'kinesis',
  athena: 'athena',
  glue: 'glue',
  ec2: 'ec2',
  ecs: 'ecs',
  ecr: 'ecr',
  rekognition: 'rekognition',
  textract: 'textract',
  comprehend: 'comprehend',
  translate: 'translate',
  polly: 'polly',
  transcribe: 'transcribe',
  appconfigdata: 'appconfig',
  xray: 'xray',
  route53: 'route53',
  acm: 'acm',
  iam: 'iam',
  eks: 'eks',
  batch: 'batch',
  sagemakerruntime: 'sagemaker',
  timestreamwrite: 'timestream',
  timestreamquery: 'timestream',
  opensearch: 'es',
  elasticsearchservice: 'es',
  codebuild: 'codebuild',
  codepipeline: 'codepipeline',
  cloudformation: 'cloudformation',
  apigateway: 'apigateway',
  appsync: 'appsync',
  organizations: 'organizations',
  sagemaker: 'sagemaker',
  mediaconvert: 'mediaconvert',
  pinpoint: 'mobiletargeting',
  s3control: 's3',
};

/** Normalises an SDK module / package / class stem (`client-cloudwatch-logs`, `CloudWatchLogs`, `cloudwatchlogs`). */
export function normaliseSdkName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** IAM prefix for an SDK service name, or the normalised name itself when no alias is known. */
export function iamPrefixFor(sdkName: string): string {
  const key = normaliseSdkName(sdkName);
  return PREFIX_BY_SDK_NAME[key] ?? key;
}
