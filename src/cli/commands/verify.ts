/** `scan --verify`: the live check of each reported AWS key pair, attached to both findings of the pair. */
import path from 'node:path';
import { readTextFile } from '../../node/read-text';
import { limiter, pairAwsKeys, stsEndpoint, verifyPairs } from '../../node/verify-aws';
import type { CliIO } from '../io';
import type { ScanReport } from '../report-model';

export async function verifyReport(report: ScanReport, io: CliIO, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const work = report.files.map((f) => ({ f, pairs: pairAwsKeys(f.findings) })).filter((w) => w.pairs.length);
  const total = work.reduce((n, w) => n + w.pairs.length, 0);
  if (total === 0) {
    io.stderr('verify: no AWS key id + secret key pair to check\n');
    return;
  }
  io.stderr(`verify: ${total} AWS key pair${total === 1 ? '' : 's'}: one STS GetCallerIdentity call each to ${stsEndpoint(env)}\n`);
  const limit = limiter();
  // The SDK's notice about future Node.js versions is not this command's business (it would pollute stderr).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const sdk = await import('@aws-sdk/client-sts');
  await Promise.all(
    work.map(async ({ f, pairs }) => {
      const read = await readTextFile(path.resolve(io.cwd, f.file), Number.MAX_SAFE_INTEGER);
      if ('skipped' in read) return;
      const results = await verifyPairs(read.text, pairs, limit, sdk, env);
      for (const finding of f.findings) {
        const v = results.get(finding);
        if (v) finding.verification = v;
      }
    }),
  );
}
