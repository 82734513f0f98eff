/**
 * `credential-hygiene fix FILE --line N [--action default-chain|secrets-manager|env-var] [--secret-id ID] [--dry-run]`
 *
 * Scans FILE, takes the finding(s) on line N and applies the chosen (or preferred) fix to each of them.
 * `--dry-run` prints a unified diff instead of writing, with every secret of the file masked on both sides.
 * A fix counts only when every targeted value (the line's findings and the other halves of their key pairs) is
 * gone from the text; otherwise nothing is written. The file is written with the one atomic writer
 * (node/write-atomic: mode kept, fsync, through symlinks, in place for hard links); BOM and line endings are kept
 * because edits only touch the secret's spans. Files that are not UTF-8, read-only (without --force) or changed
 * while fixing are refused.
 * Exit codes: 0 applied (or would apply), 1 no complete fix at that line, 2 error. Never prints a secret.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { scan } from '../../engine';
import { shannonEntropy } from '../../engine/entropy';
import { maskSecret } from '../../engine/mask';
import { writeFileAtomic } from '../../node/write-atomic';
import type { FixKind } from '../../remediation';
import { fixLine } from '../../remediation/fix-line';
import { unifiedDiff } from '../../remediation/diff';

export interface FixIO { stdout: (s: string) => void; stderr: (s: string) => void; cwd?: string }

const ACTIONS: FixKind[] = ['default-chain', 'secrets-manager', 'env-var'];

const FIX_HELP = `Usage: credential-hygiene fix FILE --line N [--action ACTION] [--secret-id ID] [--dry-run]

Rewrites the hardcoded credential(s) found on line N of FILE.
  --line N           1-based line of the finding (required)
  --action ACTION    default-chain | secrets-manager | env-var (default: the safest fix offered)
  --secret-id ID     Secrets Manager secret id to use (ID#key reads one key of a JSON secret)
  --dry-run          print a unified diff instead of writing the file (secrets masked)
  --force            rewrite a read-only file (it stays read-only)
Refused (exit 2): files that are not valid UTF-8, read-only files without --force, a file changed while fixing.
Exit codes: 0 applied, 1 no complete fix at that line (nothing written), 2 error.
`;

class FixError extends Error {}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function writable(file: string): boolean {
  try { fs.accessSync(file, fs.constants.W_OK); return true; } catch { return false; }
}

/** Decodes strictly: a non-UTF-8 file would be corrupted by a text rewrite (é/ü turning into U+FFFD). */
function decodeUtf8(bytes: Buffer): string | undefined {
  try { return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes); } catch { return undefined; }
}

/** Masks every occurrence of every value (first 4 characters + …), longest first so no value is half-masked. */
function maskAll(text: string, values: Iterable<string>): string {
  let out = text;
  for (const v of [...new Set(values)].sort((x, y) => y.length - x.length)) {
    if (v.length >= 4) out = out.split(v).join(maskSecret(v));
  }
  return out;
}

/**
 * Belt and braces for printed diff lines: a value the scan did not report (e.g. a secret key whose key id is too
 * far away to qualify) can still sit in a context line. Random-looking tokens are masked too: 40-character
 * base64 (the shape of an AWS secret key) and other long high-entropy words. Paths (with `/` between words) and
 * identifiers are left alone; the `---`/`+++` header lines are not touched.
 */
function maskRandomTokens(diff: string): string {
  const random = (t: string) => /\d/.test(t) && /[a-z]/.test(t) && /[A-Z]/.test(t);
  return diff.split('\n').map((line) => (/^(---|\+\+\+) /.test(line) ? line : line.replace(/[A-Za-z0-9+/=_-]{20,}/g, (t) => {
    const awsShape = /^[A-Za-z0-9+/]{40}$/.test(t) && random(t) && shannonEntropy(t) >= 4;
    const word = !t.includes('/') && t.length >= 24 && random(t) && shannonEntropy(t) >= 4;
    return awsShape || word ? maskSecret(t) : t;
  }))).join('\n');
}

export async function runFix(argv: string[], io: FixIO): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          line: { type: 'string', short: 'l' },
          action: { type: 'string', short: 'a' },
          'secret-id': { type: 'string' },
          'dry-run': { type: 'boolean', short: 'n' },
          force: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (e) {
      throw new FixError((e as Error).message.split('\n')[0]);
    }
    const { values, positionals } = parsed;
    if (values.help) { io.stdout(FIX_HELP); return 0; }
    if (positionals.length !== 1) throw new FixError('expected exactly one FILE (see fix --help)');
    const line = Number(values.line);
    if (!values.line || !Number.isInteger(line) || line < 1) throw new FixError('--line N is required (1-based line number)');
    const action = values.action as FixKind | undefined;
    if (action && !ACTIONS.includes(action)) throw new FixError(`unknown --action '${action}' (expected ${ACTIONS.join(', ')})`);
    const secretId = values['secret-id'];
    if (secretId !== undefined && !/^[\w/+=.@#-]{1,512}$/.test(secretId)) throw new FixError('invalid --secret-id (allowed: letters, digits and /_+=.@-)');
    const display = positionals[0];
    const file = path.resolve(io.cwd ?? process.cwd(), display);

    let original: string;
    let readHash: string;
    let readOnly = false;
    try {
      const st = fs.statSync(file); // follows a symlink: the target is what gets read and written
      if (!st.isFile()) throw new FixError(`not a regular file: ${display}`);
      const bytes = fs.readFileSync(file);
      const text = decodeUtf8(bytes);
      if (text === undefined) throw new FixError(`${display} is not valid UTF-8; refusing to rewrite it (its other characters would be corrupted)`);
      original = text;
      readHash = sha256(bytes);
      // no write bit at all (root can write anything, so access() alone would not say), or not writable by us
      readOnly = (st.mode & 0o222) === 0 || !writable(file);
    } catch (e) {
      if (e instanceof FixError) throw e;
      throw new FixError(`cannot read ${display}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }

    const relPath = path.relative(io.cwd ?? process.cwd(), file) || path.basename(file);
    const result = fixLine(original, line, { path: relPath, action, secretId });
    if (result.targets.length === 0) {
      io.stdout(`${display}:${line}: no finding on this line, nothing to fix\n`);
      return 1;
    }
    const { text, applied } = result;
    if (applied.length === 0 || text === original) {
      io.stdout(`${display}:${line}: no ${action ?? 'applicable'} fix for the finding(s) on this line\n`);
      return 1;
    }
    if (result.left > 0) {
      const where = result.leftLines.length === 1 ? `line ${result.leftLines[0]}` : `lines ${result.leftLines.join(', ')}`;
      io.stdout(`${display}:${line}: the ${action ?? 'chosen'} fix would leave ${result.left} occurrence(s) of the targeted secret value(s) in the file (${where}); nothing written\n`);
      return 1;
    }
    if (values['dry-run']) {
      // every secret of the file, before and after, on both sides of the diff (first 4 characters + …)
      const secrets = [...scan(original, { path: relPath }).map((f) => original.slice(f.startOffset, f.endOffset)),
        ...scan(text, { path: relPath }).map((f) => text.slice(f.startOffset, f.endOffset)),
        ...result.targets.map((f) => original.slice(f.startOffset, f.endOffset))];
      const diff = unifiedDiff(maskAll(original, secrets), maskAll(text, secrets), `a/${relPath.replace(/\\/g, '/')}`, `b/${relPath.replace(/\\/g, '/')}`);
      io.stdout(maskRandomTokens(maskAll(diff, secrets)));
    } else {
      if (readOnly && !values.force) throw new FixError(`${display} is read-only; nothing written (use --force to rewrite it anyway)`);
      try {
        await writeFileAtomic(file, text, {
          beforeReplace: (target) => {
            if (sha256(fs.readFileSync(target)) !== readHash) throw new FixError(`${display} changed on disk while fixing; nothing written (run fix again)`);
          },
        });
      } catch (e) {
        if (e instanceof FixError) throw e;
        throw new FixError(`cannot write ${display}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      }
    }
    const verb = values['dry-run'] ? 'would apply' : 'applied';
    const seen = new Set<string>();
    for (const f of applied) {
      io.stderr(`${display}:${line}: ${verb}: ${f.title}\n`);
      if (f.notice && !seen.has(f.notice)) { seen.add(f.notice); io.stderr(`  note: ${f.notice}\n`); }
    }
    return 0;
  } catch (e) {
    const msg = e instanceof FixError ? e.message : `unexpected error: ${(e as Error).message?.split('\n')[0] ?? 'unknown'}`;
    io.stderr(`credential-hygiene fix: ${msg}\n`);
    return 2;
  }
}
