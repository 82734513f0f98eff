/**
 * Terminal-safe text: file names and value-derived text (a JWT header's `alg`, a path from a baseline) may hold
 * newlines, ANSI escapes or bidi overrides that would forge, recolour or hide output lines. They are shown as
 * visible escapes instead (`\n`, `\x1b`, `\u202e`).
 */
// C0 and C1 controls, DEL, line/paragraph separators and the bidi embedding/override/isolate marks.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function escapeControl(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
