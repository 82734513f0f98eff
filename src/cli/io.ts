/** Where CLI output goes; injectable so tests can capture it without spawning processes. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Colour and progress only on an interactive terminal. */
  isTTY: boolean;
  cwd: string;
}

/**
 * A reader that stops early (`credential-hygiene rules | head`) closes the pipe: that is a normal end, not a
 * crash. EPIPE makes further stdout writes no-ops; any other stream error still surfaces.
 */
let stdoutClosed = false;
let stdoutGuarded = false;
function guardStdout(): void {
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      stdoutClosed = true;
      return;
    }
    throw e;
  });
}

export function processIO(): CliIO {
  guardStdout();
  return {
    stdout: (s) => {
      if (!stdoutClosed) process.stdout.write(s);
    },
    stderr: (s) => process.stderr.write(s),
    isTTY: !!process.stdout.isTTY && !process.env.NO_COLOR,
    cwd: process.cwd(),
  };
}

/** A user-facing failure: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {}

const codes = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 } as const;
export function paint(on: boolean, color: keyof typeof codes, s: string): string {
  return on ? `\x1b[${codes[color]}m${s}\x1b[0m` : s;
}
