#!/usr/bin/env node
// Writes media/walkthrough/sample.js: the walkthrough's sample file, with FAKE but well-formed AWS credentials
// from a seeded PRNG (mulberry32, seed 2026). Never a real key and never the AWS documentation examples (the engine
// ignores those on purpose, so the walkthrough would show nothing).
//   node scripts/gen-walkthrough-sample.mjs [--check]   (--check: exit 1 if the committed file differs)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(2026);
const pick = (alphabet, n) => Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const keyId = 'AKIA' + pick(B32, 12) + '7Q' + pick(B32, 2);
const secret = pick(B64, 18) + 'k9/Z' + pick(B64, 18);

const text = `// Credential Hygiene walkthrough sample. The keys below are FAKE (generated for this demo), but they look real.
import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: {
    accessKeyId: '${keyId}',
    secretAccessKey: '${secret}',
  },
});

export async function listBuckets() {
  const { Buckets } = await s3.send(new ListBucketsCommand({}));
  return Buckets ?? [];
}
`;
const out = path.join(root, 'media/walkthrough/sample.js');
if (process.argv.includes('--check')) {
  const same = readFileSync(out, 'utf8') === text;
  console.log(same ? 'sample up to date' : 'sample differs: run node scripts/gen-walkthrough-sample.mjs');
  process.exit(same ? 0 : 1);
}
writeFileSync(out, text);
console.log('wrote', path.relative(root, out));
