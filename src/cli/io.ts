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
const closed = new WeakSet<NodeJS.WriteStream>();
const guarded = new WeakSet<NodeJS.WriteStream>();
function guard(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      closed.add(stream);
      return;
    }
    throw e;
  });
}

/** Writes unless the reader has gone (`scan 2>&1 | head` closes stderr's pipe too). */
function writeTo(stream: NodeJS.WriteStream, s: string): void {
  if (!closed.has(stream)) stream.write(s);
}

export function processIO(): CliIO {
  guard(process.stdout);
  guard(process.stderr);
  return {
    stdout: (s) => writeTo(process.stdout, s),
    stderr: (s) => writeTo(process.stderr, s),
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
