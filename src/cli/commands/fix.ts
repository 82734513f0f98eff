/**
 * `credential-hygiene fix FILE --line N [--action default-chain|secrets-manager|env-var] [--secret-id ID] [--dry-run]`
 *
 * Scans FILE, takes the finding(s) on line N and applies the chosen (or preferred) fix to each of them.
 * `--dry-run` prints a unified diff instead of writing. The file is written atomically (temp file in the same
 * directory + rename) with its mode, BOM and line endings preserved.
 * Exit codes: 0 applied (or would apply), 1 nothing to fix at that line, 2 error. Never prints a secret.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { scan } from '../../engine';
import type { FixKind } from '../../remediation';
import { fixLine } from '../../remediation/fix-line';
import { unifiedDiff } from '../../remediation/diff';

export interface FixIO { stdout: (s: string) => void; stderr: (s: string) => void; cwd?: string }

const ACTIONS: FixKind[] = ['default-chain', 'secrets-manager', 'env-var'];

export const FIX_HELP = `Usage: credential-hygiene fix FILE --line N [--action ACTION] [--secret-id ID] [--dry-run]

Rewrites the hardcoded credential(s) found on line N of FILE.
  --line N           1-based line of the finding (required)
  --action ACTION    default-chain | secrets-manager | env-var (default: the safest fix offered)
  --secret-id ID     Secrets Manager secret id to use (ID#key reads one key of a JSON secret)
  --dry-run          print a unified diff instead of writing the file
Exit codes: 0 applied, 1 nothing to fix at that line, 2 error.
`;

class FixError extends Error {}

function writeAtomic(file: string, content: string): void {
  const dir = path.dirname(file);
  const st = fs.statSync(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', st.mode & 0o7777);
    fs.writeSync(fd, content, null, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.chmodSync(tmp, st.mode & 0o7777);
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) try { fs.closeSync(fd); } catch { /* ignore */ }
    try { fs.unlinkSync(tmp); } catch { /* ignore */ }
    throw e;
  }
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
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) throw new FixError(`not a regular file: ${display}`);
      original = fs.readFileSync(file, 'utf8');
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
    if (values['dry-run']) {
      // the removed lines would show the secrets: mask them (first 4 characters + …)
      let shown = original;
      for (const f of scan(original, { path: relPath })) {
        const secret = original.slice(f.startOffset, f.endOffset);
        if (secret.length >= 4) shown = shown.split(secret).join(f.secretMasked);
      }
      io.stdout(unifiedDiff(shown, text, `a/${relPath.replace(/\\/g, '/')}`, `b/${relPath.replace(/\\/g, '/')}`));
    } else {
      try { writeAtomic(file, text); } catch (e) {
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
