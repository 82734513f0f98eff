/**
 * A local stand-in for AWS Secrets Manager (JSON 1.1 protocol over HTTP on 127.0.0.1): answers DescribeSecret
 * from a table and records every request (target and body). It holds no secret values and serves none.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DescribedSecret {
  RotationEnabled?: boolean;
  LastRotatedDate?: string;
  NextRotationDate?: string;
}

export class SecretsManagerStandIn {
  readonly requests: { target: string; body: Record<string, unknown> }[] = [];
  private readonly server: http.Server;
  url = '';

  constructor(private readonly secrets: Map<string, DescribedSecret>) {
    this.server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target'] ?? '');
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw || '{}');
        } catch {
          /* recorded as empty */
        }
        this.requests.push({ target, body });
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        const id = String(body.SecretId ?? '');
        const s = this.secrets.get(id);
        if (target !== 'secretsmanager.DescribeSecret') {
          res.statusCode = 400;
          res.end(JSON.stringify({ __type: 'InvalidRequestException', message: 'only DescribeSecret is served here' }));
        } else if (!s) {
          res.statusCode = 400;
          res.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." }));
        } else {
          const epoch = (iso?: string) => (iso ? Date.parse(iso) / 1000 : undefined);
          res.end(JSON.stringify({
            ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${id}-AbCdEf`,
            Name: id,
            RotationEnabled: s.RotationEnabled,
            LastRotatedDate: epoch(s.LastRotatedDate),
            NextRotationDate: epoch(s.NextRotationDate),
          }));
        }
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
