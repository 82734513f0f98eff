/** The AWS SDK ships as dist/aws-sdk.js beside the bundle and is loaded on first use; the unbundled build imports it. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type AwsSdk = typeof import('./aws-sdk-entry');

export async function loadAwsSdk(): Promise<AwsSdk> {
  const bundled = path.join(__dirname, 'aws-sdk.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (fs.existsSync(bundled)) return require(bundled) as AwsSdk;
  return import('./aws-sdk-entry');
}
