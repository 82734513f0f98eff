/**
 * Applies inline ignore directives to findings. Only the lines that carry findings (and the line above each,
 * plus the first lines of the file for `ignore-file`) are read, so the cost is independent of file size.
 */
import type { Finding } from '../types';
import { parseDirectives, todayString, type Directive } from './directives';

/** `credential-hygiene:ignore-file` must appear within the first lines of a file. */
export const FILE_DIRECTIVE_LINES = 10;

interface SuppressedFinding {
  finding: Finding;
  directive: Directive;
  /** 1-based line of the directive. */
  line: number;
}

/** A directive that would have matched but whose `until` date has passed (or is not a date). */
export interface ExpiredIgnore {
  finding: Finding;
  directive: Directive;
  line: number;
  /** Why it no longer applies, e.g. `expired on 2025-01-31`. */
  message: string;
}

export interface InlineIgnoreResult {
  /** Findings to report. Findings whose only matching directive expired are here too. */
  kept: Finding[];
  suppressed: SuppressedFinding[];
  expired: ExpiredIgnore[];
}

export interface InlineIgnoreOptions {
  /** YYYY-MM-DD or a Date; default: today (UTC). */
  today?: string | Date;
}

export function applyInlineIgnores(
  text: string,
  findings: readonly Finding[],
  opts: InlineIgnoreOptions = {},
): InlineIgnoreResult {
  const result: InlineIgnoreResult = { kept: [], suppressed: [], expired: [] };
  if (findings.length === 0) return result;
  const today = typeof opts.today === 'string' ? opts.today : todayString(opts.today);
  let fileDirectives: { directive: Directive; line: number }[] | undefined;
  const lineCache = new Map<number, Directive[]>();
  const directivesAt = (lineStart: number): Directive[] => {
    let d = lineCache.get(lineStart);
    if (!d) lineCache.set(lineStart, (d = parseDirectives(lineAt(text, lineStart))));
    return d;
  };

  for (const f of findings) {
    const candidates: { directive: Directive; line: number }[] = [];
    const startLine = lineStartOf(text, f.startOffset);
    for (const d of directivesAt(startLine)) if (d.scope === 'line') candidates.push({ directive: d, line: f.start.line });
    if (f.end.line !== f.start.line) {
      const endLine = lineStartOf(text, Math.max(f.startOffset, f.endOffset - 1));
      for (const d of directivesAt(endLine)) if (d.scope === 'line') candidates.push({ directive: d, line: f.end.line });
    }
    if (startLine > 0) {
      const prev = lineStartOf(text, startLine - 1);
      for (const d of directivesAt(prev)) if (d.scope === 'next-line') candidates.push({ directive: d, line: f.start.line - 1 });
    }
    fileDirectives ??= headerDirectives(text);
    candidates.push(...fileDirectives);

    const applicable = candidates.filter(({ directive: d }) => !d.rules || d.rules.includes(f.ruleId));
    const live = applicable.find(({ directive: d }) => !d.invalid && (!d.until || d.until >= today));
    if (live) {
      result.suppressed.push({ finding: f, ...live });
      continue;
    }
    result.kept.push(f);
    const dead = applicable[0];
    if (dead) {
      const d = dead.directive;
      result.expired.push({ finding: f, ...dead, message: d.invalid ?? `ignore expired on ${d.until}` });
    }
  }
  return result;
}

function headerDirectives(text: string): { directive: Directive; line: number }[] {
  const out: { directive: Directive; line: number }[] = [];
  let start = 0;
  for (let line = 1; line <= FILE_DIRECTIVE_LINES && start <= text.length; line++) {
    for (const d of parseDirectives(lineAt(text, start))) if (d.scope === 'file') out.push({ directive: d, line });
    const nl = text.indexOf('\n', start);
    if (nl === -1) break;
    start = nl + 1;
  }
  return out;
}

function lineStartOf(text: string, offset: number): number {
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

function lineAt(text: string, start: number): string {
  const nl = text.indexOf('\n', start);
  return text.slice(start, nl === -1 ? text.length : nl);
}
