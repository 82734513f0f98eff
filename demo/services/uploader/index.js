// Uploads generated invoices to S3.
// ⚠ Demo: the client below is built with hardcoded credentials — run `credential-hygiene scan demo`
//   and apply the quick fix to switch it to the AWS default credential chain.
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { readFile } = require('node:fs/promises');
const path = require('node:path');

const s3 = new S3Client({
  region: 'us-east-1',
  credentials: {
    accessKeyId: 'AKIALLYC6KRZ2MPVXUZH',
    secretAccessKey: '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',
  },
});

const BUCKET = process.env.INVOICE_BUCKET || 'demo-invoices';

async function uploadInvoice(file) {
  const Body = await readFile(file);
  const Key = `invoices/${path.basename(file)}`;
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body, ContentType: 'application/pdf' }));
  return Key;
}

module.exports = { uploadInvoice };
