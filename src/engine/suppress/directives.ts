/**
 * Inline ignore directives. A directive is recognised anywhere on a line, so it works inside every comment
 * syntax (including ones we have never heard of); the comment syntax only matters for the text we generate
 * (see comment-syntax.ts). Parsing is per line and only runs on the lines that carry findings.
 *
 * Our own grammar (ESLint-like):
 *   credential-hygiene:ignore[-next-line|-file] [rule-id[, rule-id…]] [until YYYY-MM-DD] [-- reason]
 * Other dialects are honoured for all rules (their rule names are not ours):
 *   gitleaks:allow · trufflehog:ignore · pragma: allowlist secret · secretlint-disable-line   (same line)
 *   pragma: allowlist nextline secret · secretlint-disable-next-line                          (next line)
 */

export type DirectiveScope = 'line' | 'next-line' | 'file';
type Dialect = 'credential-hygiene' | 'gitleaks' | 'detect-secrets' | 'secretlint' | 'trufflehog';

export interface Directive {
  dialect: Dialect;
  scope: DirectiveScope;
  /** Rule ids the directive is limited to; absent = every rule. */
  rules?: string[];
  reason?: string;
  /** `until` date as written (YYYY-MM-DD). */
  until?: string;
  /** Set when the `until` date is not a real YYYY-MM-DD date: such a directive never suppresses. */
  invalid?: string;
  /** 1-based column of the directive on its line. */
  column: number;
}

const DIRECTIVE =
  /credential-hygiene:ignore(?:-(next-line|file))?(?![\w-])|gitleaks:allow\b|trufflehog:ignore\b|pragma:\s*(?:allowlist|whitelist)\s+(nextline\s+)?secret\b|secretlint-disable-(next-line|line)\b/gi;

/** Cheap gate before the regex: every directive contains one of these (lower-case) fragments. */
const GATE = /credential-hygiene:|gitleaks:|trufflehog:|pragma|secretlint-disable/i;

const RULE_ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)+$/i;
const UNTIL = /\buntil[\s:=]+(\S+)/i;
/** Where a comment ends on the line: the directive's arguments stop there. */
const COMMENT_CLOSE = /\s*(?:\*\/|-->|--\}\}|\}\}|%>|\*\)|-\})/;

export function parseDirectives(line: string): Directive[] {
  if (!GATE.test(line)) return [];
  const out: Directive[] = [];
  DIRECTIVE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIRECTIVE.exec(line)) !== null) {
    const token = m[0].toLowerCase();
    const column = m.index + 1;
    if (token.startsWith('credential-hygiene:')) {
      const scope: DirectiveScope = m[1] ? (m[1].toLowerCase() as DirectiveScope) : 'line';
      const rest = line.slice(m.index + m[0].length);
      const next = rest.search(/credential-hygiene:ignore|gitleaks:allow|trufflehog:ignore|pragma:|secretlint-disable/i);
      out.push({ dialect: 'credential-hygiene', scope, column, ...parseArguments(next === -1 ? rest : rest.slice(0, next)) });
    } else if (token.startsWith('gitleaks')) out.push({ dialect: 'gitleaks', scope: 'line', column });
    else if (token.startsWith('trufflehog')) out.push({ dialect: 'trufflehog', scope: 'line', column });
    else if (token.startsWith('pragma')) out.push({ dialect: 'detect-secrets', scope: m[2] ? 'next-line' : 'line', column });
    else out.push({ dialect: 'secretlint', scope: m[3]!.toLowerCase() === 'next-line' ? 'next-line' : 'line', column });
  }
  return out;
}

/** `[rule-id[, rule-id…]] [until YYYY-MM-DD] [-- reason]` after our directive. */
function parseArguments(raw: string): Pick<Directive, 'rules' | 'reason' | 'until' | 'invalid'> {
  const close = raw.search(COMMENT_CLOSE);
  let text = close === -1 ? raw : raw.slice(0, close);
  const out: Pick<Directive, 'rules' | 'reason' | 'until' | 'invalid'> = {};
  let reason: string | undefined;
  const dash = text.search(/(?:^|\s)--(?:\s|$)/);
  if (dash !== -1) {
    reason = text.slice(dash).replace(/^\s*--\s*/, '').trim();
    text = text.slice(0, dash);
  }
  const inText = UNTIL.exec(text);
  const until = inText ?? (reason !== undefined ? UNTIL.exec(reason) : null);
  if (until) {
    out.until = until[1].replace(/[.,;)]+$/, '');
    if (!isDate(out.until)) out.invalid = `'until ${out.until}' is not a date (use YYYY-MM-DD)`;
    if (inText) text = text.slice(0, until.index) + ' ' + text.slice(until.index + until[0].length);
    else reason = reason!.replace(until[0], '').trim();
  }
  const tokens = text.split(/[\s,]+/).filter(Boolean);
  const rules: string[] = [];
  let i = 0;
  for (; i < tokens.length && RULE_ID.test(tokens[i]); i++) rules.push(tokens[i].toLowerCase());
  const leftover = tokens.slice(i).join(' ').replace(/^(?:reason\s*[:=]\s*)/i, '');
  if (leftover) reason = reason ? `${leftover} ${reason}` : leftover;
  if (rules.length) out.rules = rules;
  if (reason) out.reason = reason;
  return out;
}

export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Today's date as YYYY-MM-DD (UTC), the format `until` dates compare against. */
export function todayString(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
