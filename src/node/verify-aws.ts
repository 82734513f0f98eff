/**
 * Opt-in live check of AWS key pairs (`scan --verify`, the editor's "Check whether this key is live"): one STS
 * `GetCallerIdentity` call per key id paired with its secret key, signed with that pair, nothing else sent.
 * GetCallerIdentity needs no permission, so any valid key answers; it reveals the key's account and ARN.
 *
 * Only pairs are checked (a lone key id cannot be tested without guessing); 5 s time-out; bounded concurrency;
 * `AWS_ENDPOINT_URL_STS` / `AWS_ENDPOINT_URL` honoured (local stand-ins, VPC endpoints).
 */
import type { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { revealSecret, type Finding, type Verification } from '../engine';

/** The two SDK classes the check needs: the CLI imports them from npm, the extension from its lazily loaded bundle. */
export interface StsSdk {
  STSClient: typeof STSClient;
  GetCallerIdentityCommand: typeof GetCallerIdentityCommand;
}

export type { Verification } from '../engine';

export interface KeyPair {
  keyId: Finding;
  secret: Finding;
  sessionToken?: Finding;
}

/** Secret keys further than this (in lines) from a key id are not taken as its pair. */
const PAIR_WITHIN_LINES = 10;
const VERIFY_TIMEOUT_MS = 5000;
const VERIFY_CONCURRENCY = 4;

const SECRET_KINDS = new Set(['aws-secret-access-key']);

/** Pairs each AWS key id with the nearest unpaired secret access key of the same file (and a session token). */
export function pairAwsKeys(findings: readonly Finding[]): KeyPair[] {
  const ids = findings.filter((f) => f.kind === 'aws-access-key-id');
  const secrets = findings.filter((f) => SECRET_KINDS.has(f.kind));
  const tokens = findings.filter((f) => f.kind === 'aws-session-token');
  const candidates: { id: Finding; secret: Finding; distance: number }[] = [];
  for (const id of ids) {
    for (const secret of secrets) {
      const distance = Math.abs(secret.start.line - id.start.line);
      if (distance <= PAIR_WITHIN_LINES) candidates.push({ id, secret, distance });
    }
  }
  candidates.sort((a, b) => a.distance - b.distance || a.secret.startOffset - b.secret.startOffset);
  const usedIds = new Set<Finding>();
  const usedSecrets = new Set<Finding>();
  const pairs: KeyPair[] = [];
  for (const c of candidates) {
    if (usedIds.has(c.id) || usedSecrets.has(c.secret)) continue;
    usedIds.add(c.id);
    usedSecrets.add(c.secret);
    const token = c.id.secretMasked.startsWith('ASIA')
      ? tokens.filter((t) => Math.abs(t.start.line - c.id.start.line) <= PAIR_WITHIN_LINES).sort((a, b) => Math.abs(a.start.line - c.id.start.line) - Math.abs(b.start.line - c.id.start.line))[0]
      : undefined;
    pairs.push({ keyId: c.id, secret: c.secret, sessionToken: token });
  }
  return pairs.sort((a, b) => a.keyId.startOffset - b.keyId.startOffset);
}

/** The STS endpoint the check will call (for messages that say what is sent where). */
export function stsEndpoint(env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || `https://sts.${regionOf(env)}.amazonaws.com`;
}

function regionOf(env: NodeJS.ProcessEnv): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1';
}

/** STS error codes that mean "this key pair does not authenticate". */
const INVALID = new Set(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken', 'ExpiredTokenException', 'UnrecognizedClientException', 'InvalidAccessKeyId', 'AuthFailure']);

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** One GetCallerIdentity call with the given credentials. */
export async function verifyCredentials(creds: Credentials, sdk: StsSdk, env: NodeJS.ProcessEnv = process.env): Promise<Verification> {
  const { STSClient, GetCallerIdentityCommand } = sdk;
  const endpoint = env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL;
  const client = new STSClient({
    region: regionOf(env),
    credentials: creds,
    maxAttempts: 1,
    ...(endpoint ? { endpoint } : {}),
    requestHandler: { connectionTimeout: VERIFY_TIMEOUT_MS, requestTimeout: VERIFY_TIMEOUT_MS },
  });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), VERIFY_TIMEOUT_MS);
  try {
    const r = await client.send(new GetCallerIdentityCommand({}), { abortSignal: abort.signal });
    return { status: 'active', arn: r.Arn, account: r.Account };
  } catch (e) {
    const err = e as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
    const code = err.Code ?? err.name ?? 'Error';
    if (INVALID.has(code)) return { status: 'invalid', reason: code };
    if (abort.signal.aborted) return { status: 'error', reason: `no answer within ${VERIFY_TIMEOUT_MS / 1000} s` };
    return { status: 'error', reason: err.$metadata?.httpStatusCode ? `${code} (HTTP ${err.$metadata.httpStatusCode})` : code };
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
}

/** Verifies every pair of one file's text, at most `VERIFY_CONCURRENCY` calls in flight across calls of `limit`. */
export async function verifyPairs(text: string, pairs: readonly KeyPair[], limit: Limiter, sdk: StsSdk, env: NodeJS.ProcessEnv = process.env): Promise<Map<Finding, Verification>> {
  const out = new Map<Finding, Verification>();
  await Promise.all(
    pairs.map((p) =>
      limit(async () => {
        const creds: Credentials = { accessKeyId: revealSecret(p.keyId, text), secretAccessKey: revealSecret(p.secret, text) };
        if (p.sessionToken) creds.sessionToken = revealSecret(p.sessionToken, text);
        const v = await verifyCredentials(creds, sdk, env);
        out.set(p.keyId, v);
        out.set(p.secret, v);
      }),
    ),
  );
  return out;
}

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** A tiny semaphore: at most `n` tasks run at once. */
export function limiter(n = VERIFY_CONCURRENCY): Limiter {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (task) => {
    if (active >= n) await new Promise<void>((r) => queue.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      queue.shift()?.();
    }
  };
}
