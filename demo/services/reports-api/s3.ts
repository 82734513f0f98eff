// The clean way: no credentials in code. The SDK resolves them from the default provider chain
// (environment, SSO / shared config, web identity, ECS/EKS container role, EC2 instance profile).
import { S3Client, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const region = process.env.AWS_REGION ?? 'us-east-1';
const s3 = new S3Client({ region });
const secrets = new SecretsManagerClient({ region });

export async function listReports(bucket: string, prefix = 'reports/'): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!).filter(Boolean);
}

export async function getDbPassword(secretId = 'demo/reports/db'): Promise<string> {
  const { SecretString } = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  return JSON.parse(SecretString ?? '{}').password;
}
