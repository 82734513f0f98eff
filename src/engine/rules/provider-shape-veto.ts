/**
 * Shape veto for the generic key rules: a value assigned to a bare key name (`API_KEY=…`, `Using Key=…`, `token:`)
 * right after a provider is named (`Sending request to the abuseipdb API`, `# whoxy`, `whoxyToken = …`) is that
 * provider's key, so it must have the provider's documented shape (provider-names.ts). A value without it is a
 * malformed, truncated or hand-edited copy (documentation samples, test fixtures, a half-redacted paste), or not
 * this provider's key at all; the generic finding is dropped. Passwords are never vetoed: they have no shape.
 *
 * The veto only applies when the provider is unambiguous: named in the assignment's own name, or, for a bare
 * name, exactly one provider named in the value's line and the 3 lines before it (at most 300 characters).
 * It runs only on values a generic rule already accepted, over a bounded window: one regex pass per finding.
 */
import type { MatchContext } from '../types';
import { PROVIDER_TABLE, providerByKeyword, providerIn, type Provider } from './provider-context';

/** Every provider keyword, longest first so `rawg.io` wins over `rawg`. */
const NAMED = new RegExp(
  [...PROVIDER_TABLE]
    .map((p) => p.keyword)
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.+]/g, '\\$&'))
    .join('|'),
  'gi',
);

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

/** The one provider named in `text` (at word starts), or undefined when none or several are named. */
function oneProviderNamed(text: string): Provider | undefined {
  let only: Provider | undefined;
  NAMED.lastIndex = 0;
  for (let m = NAMED.exec(text); m; m = NAMED.exec(text)) {
    const before = text.charCodeAt(m.index - 1);
    // `xwhoxy` is a longer word; `myWhoxy`, `MY_WHOXY`, `the whoxy API` name it.
    if (m.index > 0 && before >= 97 && before <= 122 && text.charCodeAt(m.index) >= 97) continue;
    const p = providerByKeyword(m[0].toLowerCase());
    if (!p || (only && only !== p)) return undefined;
    only = p;
  }
  return only;
}

/**
 * True when a generic key finding must be dropped: its provider is known and the value lacks the provider's shape.
 * `secretAt` is the value's offset in `ctx.text`; `name` the assigned name ('' for log lines and other name-less forms).
 */
export function vetoedByProviderShape(secret: string, secretAt: number, ctx: MatchContext, name: string): boolean {
  if (name) {
    const own = providerIn(name);
    if (own) return lacksShape(own, secret, secretAt, ctx.text);
    if (!isBareKeyName(name)) return false; // `SMTP_TOKEN`, `roninApiKey`: the name says whose key it is
  }
  let from = Math.max(0, secretAt - WINDOW_CHARS);
  for (let i = secretAt - 1, lines = 0; i >= from; i--) {
    if (ctx.text.charCodeAt(i) === 10 && ++lines > WINDOW_LINES) {
      from = i + 1;
      break;
    }
  }
  const provider = oneProviderNamed(ctx.text.slice(from, secretAt));
  return !!provider && lacksShape(provider, secret, secretAt, ctx.text);
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
