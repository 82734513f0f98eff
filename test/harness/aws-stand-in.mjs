// A local stand-in for AWS (HTTP on 127.0.0.1) that records every request. It answers the two calls the harness
// programs make: S3 ListBuckets (GET /) and Secrets Manager GetSecretValue (POST, X-Amz-Target). Anything else gets
// an empty JSON 200 so that a wrong call shows up as a missing assertion, not as a hang.
import * as http from 'node:http';

export async function startStandIn() {
  const requests = [];
  /** SecretId -> SecretString the stand-in returns. */
  const secrets = new Map();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = String(req.headers['x-amz-target'] ?? '');
      requests.push({ method: req.method, url: req.url, host: req.headers.host, target, authorization: String(req.headers.authorization ?? ''), body });
      if (target === 'secretsmanager.GetSecretValue') {
        let id = '';
        try { id = JSON.parse(body).SecretId ?? ''; } catch { /* recorded as is */ }
        if (!secrets.has(id)) {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'Secrets Manager cannot find the specified secret.' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${id}-AbCdEf`, Name: id, SecretString: secrets.get(id), VersionId: 'v1', VersionStages: ['AWSCURRENT'], CreatedDate: 1700000000 }));
        return;
      }
      if (req.method === 'GET' && (req.url === '/' || req.url.startsWith('/?'))) {
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end('<?xml version="1.0" encoding="UTF-8"?>\n<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
          + '<Owner><ID>harness</ID><DisplayName>harness</DisplayName></Owner><Buckets><Bucket><Name>harness-bucket</Name>'
          + '<CreationDate>2024-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    secrets,
    reset() { requests.length = 0; secrets.clear(); },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The access key id a SigV4 `Authorization` header names, or undefined for an unsigned request. */
export function signedKeyId(authorization) {
  return /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)\//.exec(authorization ?? '')?.[1];
}
