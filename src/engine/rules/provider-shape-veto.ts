/**
 * Shape veto for the generic key rules: a value assigned to a bare key name (`API_KEY=…`, `Using Key=…`, `token:`)
 * right after a provider is named (`Sending request to the abuseipdb API`, `# whoxy`, `whoxyToken = …`) is that
 * provider's key, so it must have the provider's documented shape (provider-names.ts). A value without it is a
 * malformed, truncated or hand-edited copy (documentation samples, test fixtures, a half-redacted paste), or not
 * this provider's key at all; the generic finding is dropped. Passwords are never vetoed: they have no shape.
 *
 * The veto only applies when the provider is unambiguous: named in the assignment's own name, or, for a bare
 * name, exactly one provider named in the value's line and the 3 lines before it (at most 300 characters, not
 * across a blank line or above a comment line that heads the value's section).
 * It runs only on values a generic rule already accepted, over a bounded window: one map lookup per word start.
 */
import type { MatchContext } from '../types';
import { PROVIDER_TABLE, type Provider } from './provider-context';

/** Provider keywords by their first 4 characters (every keyword has at least 4), longest first. */
const BY_HEAD = new Map<string, Provider[]>();
for (const p of [...PROVIDER_TABLE].sort((x, y) => y.keyword.length - x.keyword.length)) {
  const head = p.keyword.slice(0, 4);
  BY_HEAD.set(head, [...(BY_HEAD.get(head) ?? []), p]);
}

/**
 * The providers named in `text`, each at a word start (`myWhoxy`, `MY_WHOXY`, `the whoxy API`; not `xwhoxy`):
 * one map lookup per word start, so a 300-character window costs a few dozen lookups, not one per provider.
 */
function providersNamed(text: string, stopAfter: number): Provider[] {
  const lower = text.toLowerCase();
  const found: Provider[] = [];
  for (let i = 0; i + 4 <= text.length; i++) {
    const c = text.charCodeAt(i);
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    if (prev >= 97 && prev <= 122 && c >= 97 && c <= 122) continue; // inside a lower-case word
    const candidates = BY_HEAD.get(lower.slice(i, i + 4));
    const p = candidates?.find((q) => lower.startsWith(q.keyword, i));
    if (!p) continue;
    if (!found.includes(p)) found.push(p);
    if (found.length > stopAfter) break;
    i += p.keyword.length - 1;
  }
  return found;
}

/** Words of a name that only say "this is a key" without naming whose (`API_KEY`, `clientSecret`, `token`). */
const BARE_WORD = /^(?:api|apikey|key|keys|token|tokens|secret|secrets|access|auth|client|app|private|bearer|credentials?|value|my|the|x|\d+|v\d+)$/;

/** True for names made only of bare credential words: such a name leaves the provider to the context. */
export function isBareKeyName(name: string): boolean {
  const words = name
    .replace(/^[$@:]+/, '')
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .filter(Boolean);
  return words.length > 0 && words.every((w) => BARE_WORD.test(w.toLowerCase()));
}

const WINDOW_CHARS = 300;
const WINDOW_LINES = 3;

/** The one provider named in `text`, or undefined when none or several are named. */
function oneProviderNamed(text: string): Provider | undefined {
  const found = providersNamed(text, 1);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * True when a generic key finding must be dropped: its provider is known and the value lacks the provider's shape.
 * `secretAt` is the value's offset in `ctx.text`; `name` the assigned name ('' for log lines and other name-less forms).
 */
export function vetoedByProviderShape(secret: string, secretAt: number, ctx: MatchContext, name: string): boolean {
  if (name) {
    const own = providersNamed(name, 0)[0];
    if (own) return lacksShape(own, secret, secretAt, ctx.text);
    if (!isBareKeyName(name)) return false; // `SMTP_TOKEN`, `roninApiKey`: the name says whose key it is
  }
  const provider = oneProviderNamed(ctx.text.slice(contextStart(ctx.text, secretAt), secretAt));
  return !!provider && lacksShape(provider, secret, secretAt, ctx.text);
}

/** A line that only holds a comment: it heads the lines below it (`# Twilio`, `// agora settings`). */
const COMMENT_LINE = /^\s*(?:#|\/\/|\/\*|\*|;|--|<!--|')/;

/**
 * Start of the value's context: its line and up to 3 lines above it (at most 300 characters), stopping at a blank
 * line (a new paragraph or .env section) and after a comment line (a section heading): in
 * `# Twilio\nTWILIO_TOKEN=…\n# Other\nAPI_KEY=…` the twilio heading does not reach `API_KEY`.
 */
function contextStart(text: string, secretAt: number): number {
  const floor = Math.max(0, secretAt - WINDOW_CHARS);
  let start = text.lastIndexOf('\n', secretAt - 1) + 1; // the value's own line
  for (let lines = 0; lines < WINDOW_LINES && start > floor; lines++) {
    const prevStart = Math.max(floor, text.lastIndexOf('\n', start - 2) + 1);
    const line = text.slice(prevStart, start - 1);
    if (line.trim() === '') break;
    start = prevStart;
    if (COMMENT_LINE.test(line)) break;
  }
  return Math.max(floor, start);
}

/** Characters a key may hold beyond where a generic rule's value stops (`…q0q:kl0qg:2gdj…`, `…Yzt=Y1UD…`). */
const TOKEN_TAIL = /[A-Za-z0-9+/=_.:~-]{0,1100}/y;

/** True when neither the value nor the whole token it starts (a generic rule may stop early) has the shape. */
function lacksShape(provider: Provider, secret: string, secretAt: number, text: string): boolean {
  if (!provider.shape || provider.shape.test(secret)) return false;
  TOKEN_TAIL.lastIndex = secretAt;
  const token = TOKEN_TAIL.exec(text)?.[0] ?? secret;
  return !(token.length > secret.length && provider.shape.test(token.replace(/[.:]+$/, '')));
}
