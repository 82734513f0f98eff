/**
 * A local stand-in for AWS STS (query protocol over HTTP on 127.0.0.1): answers GetCallerIdentity for the key ids
 * it knows as live, InvalidClientTokenId for the others, and records every request it receives.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StsRequest {
  method: string;
  body: string;
  keyId: string | undefined;
  authorization: string | undefined;
}

export class StsStandIn {
  readonly requests: StsRequest[] = [];
  private readonly server: http.Server;
  url = '';

  constructor(private readonly live: Map<string, { account: string; arn: string }>) {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const authorization = req.headers.authorization;
        const keyId = /Credential=([A-Z0-9]+)\//.exec(authorization ?? '')?.[1];
        this.requests.push({ method: req.method ?? '', body, keyId, authorization });
        const who = keyId ? this.live.get(keyId) : undefined;
        res.setHeader('content-type', 'text/xml');
        if (!body.includes('Action=GetCallerIdentity')) {
          res.statusCode = 400;
          res.end(error('InvalidAction', 'only GetCallerIdentity is served here'));
        } else if (who) {
          res.end(
            `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
              `<Arn>${who.arn}</Arn><UserId>AIDAEXAMPLEUSERID</UserId><Account>${who.account}</Account>` +
              `</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
          );
        } else {
          res.statusCode = 403;
          res.end(error('InvalidClientTokenId', 'The security token included in the request is invalid.'));
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

function error(code: string, message: string): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`;
}
