/**
 * Git sources for `scan --staged` / `scan --since REV`: which files changed, their content as it will be
 * committed, and which lines were added (from `-U0` hunks), so only new lines are reported.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

export class GitError extends Error {}

const MAX_BUFFER = 256 * 1024 * 1024;

/** Runs git with `args` in `cwd`; resolves to stdout bytes, rejects with a one-line `GitError`. */
export function git(cwd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'core.quotepath=off', ...args],
      { cwd, encoding: 'buffer', maxBuffer: MAX_BUFFER, windowsHide: true },
      (err, stdout, stderr) => {
        if (err) {
          const msg = (stderr as Buffer).toString('utf8').trim().split('\n').pop() || err.message;
          reject(new GitError((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed or not on PATH' : msg));
        } else resolve(stdout as Buffer);
      },
    );
  });
}

export async function gitToplevel(cwd: string): Promise<string> {
  try {
    return (await git(cwd, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
  } catch (e) {
    throw new GitError(`not inside a git work tree (${(e as Error).message})`);
  }
}

function nulList(buf: Buffer): string[] {
  return buf.toString('utf8').split('\0').filter(Boolean);
}

/** Staged files that will be in the commit (added, copied, modified, renamed), relative to the top level. */
export async function stagedFiles(top: string): Promise<string[]> {
  return nulList(await git(top, ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR', '--ignore-submodules']));
}

/** Files changed between REV and the working tree, and untracked (not ignored) files, which are all new. */
export async function changedFilesSince(top: string, rev: string): Promise<{ changed: string[]; untracked: string[] }> {
  await verifyRev(top, rev);
  const changed = nulList(await git(top, ['diff', '--name-only', '-z', '--diff-filter=ACMR', '--ignore-submodules', rev, '--']));
  const untracked = nulList(await git(top, ['ls-files', '--others', '--exclude-standard', '-z']));
  return { changed, untracked };
}

async function verifyRev(top: string, rev: string): Promise<void> {
  if (rev.startsWith('-')) throw new GitError(`invalid revision '${rev}'`);
  try {
    await git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  } catch {
    throw new GitError(`unknown revision '${rev}'`);
  }
}

/** The staged blob of `file` (relative to the top level). */
export function stagedContent(top: string, file: string): Promise<Buffer> {
  return git(top, ['show', `:${file}`]);
}

/** Added line numbers (new side) per file, from a `-U0` diff. */
export type AddedLines = Map<string, Set<number>>;

export async function stagedAddedLines(top: string): Promise<AddedLines> {
  return parseUnifiedZero(
    (await git(top, ['diff', '--cached', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--diff-filter=ACMR', '--ignore-submodules', '--src-prefix=a/', '--dst-prefix=b/'])).toString('utf8'),
  );
}

export async function addedLinesSince(top: string, rev: string): Promise<AddedLines> {
  return parseUnifiedZero(
    (await git(top, ['diff', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--diff-filter=ACMR', '--ignore-submodules', '--src-prefix=a/', '--dst-prefix=b/', rev, '--'])).toString('utf8'),
  );
}

/**
 * Parses `git diff -U0` output: for each `+++ b/<path>` the new-side lines of every `@@ -a,b +c,d @@` hunk.
 * Paths git quotes (`"b/with\ttab"`) are unquoted, octal escapes decoded as UTF-8.
 */
export function parseUnifiedZero(diff: string): AddedLines {
  const out: AddedLines = new Map();
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const p = unquote(line.slice(4).replace(/\t$/, ''));
      if (p === '/dev/null') current = undefined;
      else {
        const file = p.startsWith('b/') ? p.slice(2) : p;
        current = out.get(file) ?? new Set();
        out.set(file, current);
      }
    } else if (line.startsWith('@@') && current) {
      const m = /^@@+ (?:-\d+(?:,\d+)? )+\+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let i = 0; i < count; i++) current.add(start + i);
    }
  }
  return out;
}

function unquote(p: string): string {
  if (!p.startsWith('"') || !p.endsWith('"')) return p;
  const bytes: number[] = [];
  const body = p.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[i + 1];
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[n] ?? n.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Absolute hooks directory, honouring `core.hooksPath`. */
export async function hooksDir(top: string): Promise<string> {
  let configured = '';
  try {
    configured = (await git(top, ['config', '--get', 'core.hooksPath'])).toString('utf8').trim();
  } catch {
    /* not set */
  }
  if (configured) return path.resolve(top, configured.replace(/^~(?=$|\/)/, process.env.HOME ?? '~'));
  const p = (await git(top, ['rev-parse', '--git-path', 'hooks'])).toString('utf8').trim();
  return path.resolve(top, p);
}

/** Decodes a path as git prints it in diff headers (C-quoted when it has special characters). */
export const unquoteGitPath = unquote;
/**
 * Files git tracks under `dir`, relative to `dir` with `/` separators; undefined when `dir` is not in a git work
 * tree (or git is missing). Tracked files are scanned even when a `.gitignore` pattern matches them.
 */
export async function trackedFiles(dir: string): Promise<Set<string> | undefined> {
  try {
    // No fsmonitor hook: listing files must never run a command a repository's local config names.
    return new Set(nulList(await git(dir, ['-c', 'core.fsmonitor=false', 'ls-files', '-z', '--cached'])));
  } catch {
    return undefined;
  }
}
