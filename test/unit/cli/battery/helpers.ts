/** Bad-input battery helpers: the built CLI run as a child process with wall time and peak RSS measured. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN } from '../cli-harness';

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident set of the CLI process (all its threads), MB. */
  maxRssMb: number;
  timedOut: boolean;
}

let preload: string | undefined;
/** `--require`d into the CLI: prints the process's peak RSS on exit (resourceUsage covers the worker threads). */
function preloadFile(): string {
  if (!preload) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ch-battery-preload-'));
    preload = path.join(dir, 'rss.js');
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(
      preload,
      "process.on('exit', () => { try { require('fs').writeSync(2, '\\nCH_MAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'); } catch {} });\n",
    );
  }
  return preload;
}

/** Runs the CLI with a hard timeout (a hang fails the test instead of the suite). Extra `--require`s allowed. */
export function runCli(cwd: string, args: string[], opts: { timeoutMs?: number; require?: string[]; env?: Record<string, string> } = {}): Promise<MeasuredRun> {
  const started = Date.now();
  const requires = [preloadFile(), ...(opts.require ?? [])].flatMap((r) => ['--require', r]);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...requires, BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...opts.env } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const m = /\nCH_MAXRSS_KB=(\d+)\n/.exec(stderr);
      stderr = stderr.replace(/\nCH_MAXRSS_KB=\d+\n/, '');
      resolve({ code, stdout, stderr, ms: Date.now() - started, maxRssMb: m ? Number(m[1]) / 1024 : NaN, timedOut });
    });
  });
}

export interface JsonReport {
  findings: { file: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string; kind: string; secret: string }[];
  errors: { file: string; message: string }[];
  stats: { files: number; bytes: number; skipped: number; lossy: number; durationMs: number };
}

export function parseJson(run: MeasuredRun): JsonReport {
  try {
    return JSON.parse(run.stdout) as JsonReport;
  } catch {
    throw new Error(`CLI did not print JSON (exit ${run.code}): ${run.stdout.slice(0, 500)} ${run.stderr.slice(0, 500)}`);
  }
}

/** One line for the test log: what a battery case cost. */
export function costLine(name: string, run: MeasuredRun): string {
  return `      ${name}: ${run.ms} ms, peak RSS ${run.maxRssMb.toFixed(0)} MB, exit ${run.code}`;
}
