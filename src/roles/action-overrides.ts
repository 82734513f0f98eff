/**
 * Operations whose IAM action is not `<prefix>:<Operation>` (AWS Service Authorization Reference). Everything not
 * listed here maps by name and is then checked against the action catalogue, so a wrong name can never reach a
 * policy. One entry per operation; `why` says what the reference says.
 *
 * Operations are SDK operation names in PascalCase, plus SDK helpers that are not API operations (boto3
 * `upload_file` → `UploadFile`, DocumentClient `get` → `Get`, lib-storage / v2 `Upload`).
 */
export interface ActionOverride {
  service: string;
  operation: string;
  actions: string[];
  why: string;
}

const S3_PUT = ['s3:PutObject'];
const S3_GET = ['s3:GetObject'];

export const ACTION_OVERRIDES: readonly ActionOverride[] = [
  // S3: list/head/multipart and bucket configuration operations
  { service: 's3', operation: 'ListObjectsV2', actions: ['s3:ListBucket'], why: 'listing objects is authorised as ListBucket' },
  { service: 's3', operation: 'ListObjects', actions: ['s3:ListBucket'], why: 'listing objects is authorised as ListBucket' },
  { service: 's3', operation: 'ListObjectVersions', actions: ['s3:ListBucketVersions'], why: 'reference: ListObjectVersions needs ListBucketVersions' },
  { service: 's3', operation: 'ListBuckets', actions: ['s3:ListAllMyBuckets'], why: 'reference: ListBuckets needs ListAllMyBuckets' },
  { service: 's3', operation: 'ListMultipartUploads', actions: ['s3:ListBucketMultipartUploads'], why: 'reference name' },
  { service: 's3', operation: 'ListParts', actions: ['s3:ListMultipartUploadParts'], why: 'reference name' },
  { service: 's3', operation: 'HeadObject', actions: S3_GET, why: 'HEAD on an object is authorised as GetObject' },
  { service: 's3', operation: 'HeadBucket', actions: ['s3:ListBucket'], why: 'HEAD on a bucket is authorised as ListBucket' },
  { service: 's3', operation: 'SelectObjectContent', actions: S3_GET, why: 'S3 Select reads the object' },
  { service: 's3', operation: 'CreateMultipartUpload', actions: S3_PUT, why: 'multipart parts are authorised as PutObject' },
  { service: 's3', operation: 'UploadPart', actions: S3_PUT, why: 'multipart parts are authorised as PutObject' },
  { service: 's3', operation: 'CompleteMultipartUpload', actions: S3_PUT, why: 'multipart parts are authorised as PutObject' },
  { service: 's3', operation: 'UploadPartCopy', actions: ['s3:GetObject', 's3:PutObject'], why: 'reads the source, writes the part' },
  { service: 's3', operation: 'CopyObject', actions: ['s3:GetObject', 's3:PutObject'], why: 'reads the source, writes the copy' },
  { service: 's3', operation: 'DeleteObjects', actions: ['s3:DeleteObject'], why: 'batch delete is authorised per object as DeleteObject' },
  { service: 's3', operation: 'PutBucketCors', actions: ['s3:PutBucketCORS'], why: 'reference name' },
  { service: 's3', operation: 'GetBucketCors', actions: ['s3:GetBucketCORS'], why: 'reference name' },
  { service: 's3', operation: 'DeleteBucketCors', actions: ['s3:PutBucketCORS'], why: 'reference: deleting CORS needs PutBucketCORS' },
  { service: 's3', operation: 'PutBucketLifecycleConfiguration', actions: ['s3:PutLifecycleConfiguration'], why: 'reference name' },
  { service: 's3', operation: 'GetBucketLifecycleConfiguration', actions: ['s3:GetLifecycleConfiguration'], why: 'reference name' },
  { service: 's3', operation: 'DeleteBucketLifecycle', actions: ['s3:PutLifecycleConfiguration'], why: 'reference name' },
  { service: 's3', operation: 'PutBucketEncryption', actions: ['s3:PutEncryptionConfiguration'], why: 'reference name' },
  { service: 's3', operation: 'GetBucketEncryption', actions: ['s3:GetEncryptionConfiguration'], why: 'reference name' },
  { service: 's3', operation: 'DeleteBucketEncryption', actions: ['s3:PutEncryptionConfiguration'], why: 'reference name' },
  { service: 's3', operation: 'PutBucketNotificationConfiguration', actions: ['s3:PutBucketNotification'], why: 'reference name' },
  { service: 's3', operation: 'GetBucketNotificationConfiguration', actions: ['s3:GetBucketNotification'], why: 'reference name' },
  { service: 's3', operation: 'PutBucketReplication', actions: ['s3:PutReplicationConfiguration'], why: 'reference name' },
  { service: 's3', operation: 'GetBucketReplication', actions: ['s3:GetReplicationConfiguration'], why: 'reference name' },
  { service: 's3', operation: 'PutObjectLockConfiguration', actions: ['s3:PutBucketObjectLockConfiguration'], why: 'reference name' },
  { service: 's3', operation: 'GetObjectLockConfiguration', actions: ['s3:GetBucketObjectLockConfiguration'], why: 'reference name' },
  { service: 's3', operation: 'PutPublicAccessBlock', actions: ['s3:PutBucketPublicAccessBlock'], why: 'reference name' },
  { service: 's3', operation: 'GetPublicAccessBlock', actions: ['s3:GetBucketPublicAccessBlock'], why: 'reference name' },
  { service: 's3', operation: 'DeleteBucketTagging', actions: ['s3:PutBucketTagging'], why: 'reference name' },
  { service: 's3', operation: 'DeleteObjectTagging', actions: ['s3:DeleteObjectTagging'], why: 'reference name' },
  // S3 helpers (not API operations)
  { service: 's3', operation: 'Upload', actions: S3_PUT, why: 'managed upload (lib-storage Upload, v2 s3.upload): PutObject or multipart, both PutObject' },
  { service: 's3', operation: 'UploadFile', actions: S3_PUT, why: 'transfer helper upload_file / uploadFile: PutObject or multipart' },
  { service: 's3', operation: 'UploadFileobj', actions: S3_PUT, why: 'transfer helper upload_fileobj' },
  { service: 's3', operation: 'UploadDirectory', actions: S3_PUT, why: 'transfer manager uploadDirectory' },
  { service: 's3', operation: 'DownloadFile', actions: S3_GET, why: 'transfer helper download_file / downloadFile: ranged GetObject' },
  { service: 's3', operation: 'DownloadFileobj', actions: S3_GET, why: 'transfer helper download_fileobj' },
  { service: 's3', operation: 'Download', actions: S3_GET, why: 'transfer manager / Go downloader' },
  { service: 's3', operation: 'DownloadDirectory', actions: ['s3:ListBucket', 's3:GetObject'], why: 'lists then downloads' },
  { service: 's3', operation: 'Copy', actions: ['s3:GetObject', 's3:PutObject'], why: 'managed copy' },
  { service: 's3', operation: 'CreatePresignedPost', actions: S3_PUT, why: 'the presigned POST is signed with the caller\u2019s PutObject permission' },
  // DynamoDB document clients (JS lib-dynamodb, JS v2 DocumentClient) and transactions
  { service: 'dynamodb', operation: 'Get', actions: ['dynamodb:GetItem'], why: 'DocumentClient get / GetCommand' },
  { service: 'dynamodb', operation: 'Put', actions: ['dynamodb:PutItem'], why: 'DocumentClient put / PutCommand' },
  { service: 'dynamodb', operation: 'Update', actions: ['dynamodb:UpdateItem'], why: 'DocumentClient update / UpdateCommand' },
  { service: 'dynamodb', operation: 'Delete', actions: ['dynamodb:DeleteItem'], why: 'DocumentClient delete / DeleteCommand' },
  { service: 'dynamodb', operation: 'BatchGet', actions: ['dynamodb:BatchGetItem'], why: 'DocumentClient batchGet / BatchGetCommand' },
  { service: 'dynamodb', operation: 'BatchWrite', actions: ['dynamodb:BatchWriteItem'], why: 'DocumentClient batchWrite / BatchWriteCommand' },
  { service: 'dynamodb', operation: 'TransactGet', actions: ['dynamodb:GetItem'], why: 'transactions are authorised per item: GetItem' },
  { service: 'dynamodb', operation: 'TransactGetItems', actions: ['dynamodb:GetItem'], why: 'transactions are authorised per item: GetItem' },
  { service: 'dynamodb', operation: 'TransactWrite', actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'], why: 'per item: Put/Update/Delete/ConditionCheck (narrowed to the kinds the call names)' },
  { service: 'dynamodb', operation: 'TransactWriteItems', actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'], why: 'per item: Put/Update/Delete/ConditionCheck (narrowed to the kinds the call names)' },
  { service: 'dynamodb', operation: 'BatchWriter', actions: ['dynamodb:BatchWriteItem'], why: 'boto3 Table.batch_writer()' },
  { service: 'dynamodb', operation: 'Load', actions: ['dynamodb:DescribeTable'], why: 'boto3 Table.load()' },
  // SQS / SNS batches and helpers
  { service: 'sqs', operation: 'SendMessageBatch', actions: ['sqs:SendMessage'], why: 'batches are authorised as the single action' },
  { service: 'sqs', operation: 'DeleteMessageBatch', actions: ['sqs:DeleteMessage'], why: 'batches are authorised as the single action' },
  { service: 'sqs', operation: 'ChangeMessageVisibilityBatch', actions: ['sqs:ChangeMessageVisibility'], why: 'batches are authorised as the single action' },
  { service: 'sqs', operation: 'ReceiveMessages', actions: ['sqs:ReceiveMessage'], why: 'boto3 Queue.receive_messages()' },
  { service: 'sqs', operation: 'SendMessages', actions: ['sqs:SendMessage'], why: 'boto3 Queue.send_messages()' },
  { service: 'sqs', operation: 'DeleteMessages', actions: ['sqs:DeleteMessage'], why: 'boto3 Queue.delete_messages()' },
  { service: 'sqs', operation: 'GetQueueByName', actions: ['sqs:GetQueueUrl'], why: 'boto3 resource get_queue_by_name()' },
  { service: 'sqs', operation: 'Purge', actions: ['sqs:PurgeQueue'], why: 'boto3 Queue.purge()' },
  { service: 'sns', operation: 'PublishBatch', actions: ['sns:Publish'], why: 'batches are authorised as Publish' },
  // Lambda, Bedrock, API Gateway, IoT, Secrets Manager, STS
  { service: 'lambda', operation: 'Invoke', actions: ['lambda:InvokeFunction'], why: 'reference: Invoke needs InvokeFunction' },
  { service: 'lambda', operation: 'InvokeWithResponseStream', actions: ['lambda:InvokeFunction'], why: 'reference: needs InvokeFunction' },
  { service: 'bedrock', operation: 'Converse', actions: ['bedrock:InvokeModel'], why: 'reference: Converse needs InvokeModel' },
  { service: 'bedrock', operation: 'ConverseStream', actions: ['bedrock:InvokeModelWithResponseStream'], why: 'reference name' },
  { service: 'execute-api', operation: 'PostToConnection', actions: ['execute-api:ManageConnections'], why: 'API Gateway management API' },
  { service: 'execute-api', operation: 'GetConnection', actions: ['execute-api:ManageConnections'], why: 'API Gateway management API' },
  { service: 'execute-api', operation: 'DeleteConnection', actions: ['execute-api:ManageConnections'], why: 'API Gateway management API' },
  { service: 'secretsmanager', operation: 'BatchGetSecretValue', actions: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue'], why: 'reference: also needs GetSecretValue on each secret' },
  { service: 'ses', operation: 'SendBulkTemplatedEmail', actions: ['ses:SendBulkTemplatedEmail'], why: 'reference name' },
  { service: 'logs', operation: 'GetQueryResults', actions: ['logs:GetQueryResults'], why: 'reference name' },
];

const BY_KEY = new Map(ACTION_OVERRIDES.map((o) => [`${o.service}:${o.operation.toLowerCase()}`, o]));

export function overrideFor(service: string, operation: string): ActionOverride | undefined {
  return BY_KEY.get(`${service}:${operation.toLowerCase()}`);
}
