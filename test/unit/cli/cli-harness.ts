/** Runs the built CLI (`bin/credential-hygiene.js`) in a directory, like a user would. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const BIN = path.join(REPO_ROOT, 'bin', 'credential-hygiene.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(cwd: string, args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Like `cli`, without blocking the event loop: for tests whose stand-in server runs in this process. */
export function cliAsync(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export function sh(cwd: string, cmd: string, args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function git(cwd: string, ...args: string[]): string {
  const r = sh(cwd, 'git', args);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export function tempDir(prefix = 'ch-cli-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempRepo(): string {
  const dir = tempDir('ch-repo-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'test@example.invalid');
  git(dir, 'config', 'user.name', 'Test');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

export function write(dir: string, rel: string, text: string): string {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Asserts no raw secret appears anywhere in the given outputs (masking). */
export function leaks(secrets: string[], ...outputs: string[]): string[] {
  return secrets.filter((s) => outputs.some((o) => o.includes(s)));
}
