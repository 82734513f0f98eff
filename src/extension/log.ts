/**
 * The extension's output channel. Every line goes through `redact`, which runs the engine over the text and
 * masks anything that looks like a credential: even a careless caller cannot print a secret.
 */
import * as vscode from 'vscode';
import { maskSecret, scan } from '../engine';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  debug(message: string): void;
  show(): void;
  readonly channel: vscode.LogOutputChannel;
}

/** Masks every credential the engine finds in `text` (first 4 chars + `…`). */
export function redact(text: string): string {
  let findings;
  try {
    findings = scan(text);
  } catch {
    return text.replace(/[A-Za-z0-9+/=_-]{16,}/g, (s) => maskSecret(s)); // engine failure: mask every long token
  }
  if (findings.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.startOffset - b.startOffset)) {
    if (f.startOffset < at) continue;
    out += text.slice(at, f.startOffset) + f.secretMasked;
    at = f.endOffset;
  }
  return out + text.slice(at);
}

/** Error text for the log: message only (stack frames hold paths, not secrets, but keep it short). */
export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

export function createLogger(name = 'Credential Hygiene'): Logger {
  const channel = vscode.window.createOutputChannel(name, { log: true });
  return {
    channel,
    info: (m) => channel.info(redact(m)),
    warn: (m) => channel.warn(redact(m)),
    debug: (m) => channel.debug(redact(m)),
    error: (m, err) => channel.error(redact(err === undefined ? m : `${m}: ${describeError(err)}`)),
    show: () => channel.show(true),
  };
}
