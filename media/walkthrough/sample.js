// Credential Hygiene walkthrough sample. The keys below are FAKE (generated for this demo), but they look real.
import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: {
    accessKeyId: 'AKIAOJVTEHVZJBCT7QMD',
    secretAccessKey: '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',
  },
});

export async function listBuckets() {
  const { Buckets } = await s3.send(new ListBucketsCommand({}));
  return Buckets ?? [];
}
