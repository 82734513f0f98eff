/**
 * `report --check-rotation` (and the editor's "Check Secrets Manager rotation"): DescribeSecret for each secret
 * id the code reads, through the SDK default credential chain. Reads rotation metadata only, never a secret
 * value. Honours `AWS_ENDPOINT_URL_SECRETS_MANAGER` / `AWS_ENDPOINT_URL`. Opt-in: nothing calls it implicitly.
 */
import type { DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { RotationStatus } from '../report/types';
import { limiter } from './verify-aws';

export interface SecretsManagerSdk {
  SecretsManagerClient: typeof SecretsManagerClient;
  DescribeSecretCommand: typeof DescribeSecretCommand;
}

const ROTATION_TIMEOUT_MS = 10_000;

export function secretsManagerEndpoint(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.AWS_ENDPOINT_URL_SECRETS_MANAGER || env.AWS_ENDPOINT_URL || undefined;
}

const iso = (d: Date | undefined): string | null => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : null);

export async function checkRotation(secretIds: readonly string[], sdk: SecretsManagerSdk, env: NodeJS.ProcessEnv = process.env): Promise<RotationStatus[]> {
  if (secretIds.length === 0) return [];
  const endpoint = secretsManagerEndpoint(env);
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  const client = new sdk.SecretsManagerClient({
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    maxAttempts: 2,
    requestHandler: { connectionTimeout: ROTATION_TIMEOUT_MS, requestTimeout: ROTATION_TIMEOUT_MS },
  });
  const limit = limiter(4);
  try {
    return await Promise.all(
      secretIds.map((secretId) =>
        limit(async (): Promise<RotationStatus> => {
          try {
            const r = await client.send(new sdk.DescribeSecretCommand({ SecretId: secretId }));
            return { secretId, rotationEnabled: r.RotationEnabled === true, lastRotated: iso(r.LastRotatedDate), nextRotation: iso(r.NextRotationDate) };
          } catch (e) {
            const err = e as { name?: string; message?: string };
            return { secretId, rotationEnabled: false, lastRotated: null, nextRotation: null, error: err.name && err.name !== 'Error' ? err.name : (err.message ?? 'error').slice(0, 120) };
          }
        }),
      ),
    );
  } finally {
    client.destroy();
  }
}
