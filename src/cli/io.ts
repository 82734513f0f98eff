/** Where CLI output goes; injectable so tests can capture it without spawning processes. */
export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Colour and progress only on an interactive terminal. */
  isTTY: boolean;
  cwd: string;
}

export const processIO = (): CliIO => ({
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: !!process.stdout.isTTY && !process.env.NO_COLOR,
  cwd: process.cwd(),
});

/** A user-facing failure: printed as one line, exit code 2, never a stack trace. */
export class UsageError extends Error {}

const codes = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 } as const;
export function paint(on: boolean, color: keyof typeof codes, s: string): string {
  return on ? `\x1b[${codes[color]}m${s}\x1b[0m` : s;
}
