/**
 * Keyword-context provider rule: a random-looking token within 40 characters after a known provider's name
 * (`whoxy_token = "…"`, `Sending request to the Alchemy API … Using Key=…`, Jenkins `<secret>{…}` next to
 * `<id>{ambee}`). Most SaaS API keys have no prefix or checksum; the provider name nearby is the only anchor.
 * The providers are data (PROVIDERS below), not one regex each: adding a provider is adding a word.
 */
import { isIdentifierValue } from './generic-values';
import { shannonEntropy } from '../entropy';
import { isPlaceholder } from '../placeholders';
import { isBrokenJwtOrPublicKey, isHandEditedToken } from '../token-shape';
import type { FindingKind, MatchContext, RuleSpec, Severity } from '../types';
import { PROVIDERS } from './provider-names';
import { compileShapes, splitShapes } from './key-shapes';

export interface Provider {
  keyword: string;
  /** Whole-token test of the provider's documented key shapes (key-shapes.ts); undefined when none is known. */
  shape?: RegExp;
}

/** `name` or `name:shape|shape…` → Provider. Keywords are lower-case and at least 4 characters. */
export function parseProviders(table: readonly string[]): Provider[] {
  return table.map((entry) => {
    const colon = entry.indexOf(':');
    const keyword = colon < 0 ? entry : entry.slice(0, colon);
    if (!/^[a-z0-9][a-z0-9_.-]{3,}$/.test(keyword)) throw new Error(`provider keyword ${keyword}: lower-case, ≥ 4 chars`);
    return { keyword, shape: colon < 0 ? undefined : compileShapes(splitShapes(entry.slice(colon + 1))) };
  });
}

const TABLE = parseProviders(PROVIDERS);
/** The parsed provider table (read-only; provider-shape-veto.ts searches it). */
export const PROVIDER_TABLE: readonly Provider[] = TABLE;

/** Characters that glue onto a token: a token next to one of them is part of something longer or mangled. */
const GLUE = String.raw`\-A-Za-z0-9_~+/?!@#$%^*\\`;
/** Before a token `&` glues too (`git&2025…&<key>`); after one it only starts the next URL parameter. */
const GLUE_BEFORE = GLUE + '&.';
/**
 * Sticky at the identifier holding the provider name (captured atomically: a lookahead plus back-reference, so
 * it is never re-tried shorter); then up to 40 characters (lines included); then one whole token of 16–1026
 * characters holding a letter and a digit. Every part is bounded and the identifier and token are never re-tried
 * shorter, so a keyword hit costs at most 41 token attempts of linear cost.
 */
const PATTERN = new RegExp(
  String.raw`(?=(?<id>[\w$@.-]{1,80}))\k<id>[^]{0,40}?(?<![${GLUE_BEFORE}])(?=[A-Za-z_.~+/=-]{0,129}[0-9])(?=[0-9_.~+/=-]{0,129}[A-Za-z])` +
    // The token is taken whole (lookahead + back-reference, no backtracking into it): it must end at a non-glue
    // character; `validate` rejects one ending in punctuation (`…key.` at the end of a sentence).
    String.raw`(?=(?<tok>[A-Za-z0-9][A-Za-z0-9_.~+/-]{15,1025}={0,2}))(?<secret>\k<tok>)(?![${GLUE}=])`,
);

/** Words that say the next value is a credential: `token`, `api_key`, `Key=`, `<secret>`, `Bearer`, `?apikey=`. */
const CREDENTIAL_WORD = /key|token|secret|pass|auth|cred|bearer|sid\b|signature|private/i;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_DIGEST = /^(?:[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i;
const SRI_OR_MODULE_HASH = /^(?:sha(?:1|256|384|512)[-:=]|h1:)/i;
/**
 * Public identifiers with a fixed shape: a Salesforce connected-app consumer key (3MVG9…); a Twilio resource SID
 * (two letters + 32 hex: AC account, SK API key, PN number, MG service…) names a resource, its secret is separate.
 */
const PUBLIC_CLIENT_ID = /^(?:3MVG9|[A-Z]{2}[0-9a-f]{32}$)/;

/** Words that make the named value something else than a key: ids, addresses, names, versions, digests. */
const NOT_A_KEY_NAME =
  /(?:\b|_|(?<=[a-z])(?=[A-Z]))(?:id|ids|uuid|guid|url|uri|host|domain|name|version|commit|hash|sha\d*|digest|path|file|order|user|email|account|project|org|workspace|region|endpoint|number|phone|tag|ref|build|release|channel|list|index)(?:\b|_|[A-Z\d])/i;

/** True when `keyword` starts a word in the identifier (`postmarkToken`, `MY_POSTMARK`, not `xpostmark`). */
function namesKeyword(identifier: string, lower: string, keyword: string): boolean {
  let at = lower.indexOf(keyword);
  while (at >= 0) {
    const before = identifier.charCodeAt(at - 1);
    const glued = at > 0 && before >= 97 && before <= 122 && identifier.charCodeAt(at) >= 97;
    if (!glued) return true;
    at = lower.indexOf(keyword, at + 1);
  }
  return false;
}

/** The provider named in the identifier. */
export function providerIn(identifier: string): Provider | undefined {
  // The first provider in table order named at a place that is not inside a lower-case word: one map lookup per
  // such place (keywords have at least 4 characters), not one search per provider (a thousand per match).
  const lower = identifier.toLowerCase();
  let best = -1;
  for (let i = 0; i + 4 <= lower.length; i++) {
    const prev = identifier.charCodeAt(i - 1);
    if (i > 0 && prev >= 97 && prev <= 122 && identifier.charCodeAt(i) >= 97) continue; // glued: `xwhoxy`
    const candidates = BY_HEAD.get(lower.slice(i, i + 4));
    if (!candidates) continue;
    for (const at of candidates) if ((best === -1 || at < best) && lower.startsWith(TABLE[at].keyword, i)) best = at;
  }
  return best === -1 ? undefined : TABLE[best];
}

/** Table positions of the provider keywords, by their first 4 characters. */
const BY_HEAD = new Map<string, number[]>();
TABLE.forEach((p, at) => {
  const head = p.keyword.slice(0, 4);
  BY_HEAD.set(head, [...(BY_HEAD.get(head) ?? []), at]);
});

/** A credential word between the provider name and the value, or in the 40 characters before the name. */
function credentialWordNear(secret: string, ctx: MatchContext): boolean {
  const before = ctx.text.slice(Math.max(0, ctx.matchOffset - 40), ctx.matchOffset);
  return CREDENTIAL_WORD.test(before + ctx.match.slice(0, ctx.match.length - secret.length));
}

/** One provider whose key has a known shape but no prefix: the provider's name must come first (≤ 40 chars). */
export interface ContextRuleDef {
  id: string;
  title: string;
  description: string;
  /** Lower-case provider names; one must start a word of the identifier the match begins at. */
  keywords: string[];
  /** Regex source of the whole key (no anchors, no groups named `secret`). */
  value: string;
  kind?: FindingKind;
  severity?: Severity;
  entropy?: number;
  /** Structural check of the key (checksum, decoded layout); false drops it. */
  check?: (secret: string) => boolean;
  /** Shapes distinctive on their own (`KEY0…_…`) need no credential word between name and value. */
  needsCredentialWord?: boolean;
  /** A literal every value ends with and the value's length (`==`, 88): a speed hint (see RuleSpec.literalWithin). */
  valueEnd?: { literal: string; length: number };
  examples: { positive: string[]; negative: string[] };
}

/** Builds a keyword-context rule for one provider with a known key shape. */
export function contextRule(def: ContextRuleDef): RuleSpec {
  // The identifier must hold one of the keywords (any case): checked inside the regex, so the pattern also
  // stays cheap and correct where it is tried at every position rather than at keyword hits.
  const names = def.keywords.map((k) => k.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`).replace(/[.+]/g, '\\$&')).join('|');
  const pattern = new RegExp(
    String.raw`(?=(?<id>[\w$@.-]{0,60}?(?:${names})[\w$@.-]{0,60}))\k<id>[^]{0,40}?(?<![${GLUE_BEFORE}])(?<secret>${def.value})(?![${GLUE}=]|\.[A-Za-z0-9])`,
  );
  const needsWord = def.needsCredentialWord ?? true;
  return {
    id: def.id,
    kind: def.kind ?? 'other-provider-token',
    severity: def.severity ?? 'error',
    title: def.title,
    description: def.description,
    keywords: def.keywords,
    pattern,
    anchor: 'identifier',
    // A match is the identifier (at most 60 + keyword + 60 characters), up to 40 more, then the value.
    literalWithin: def.valueEnd && {
      literal: def.valueEnd.literal,
      chars: 120 + Math.max(...def.keywords.map((k) => k.length)) + 40 + def.valueEnd.length,
    },
    entropy: def.entropy ?? 3,
    placeholderFilter: false,
    validate: (secret, ctx) => {
      const id = ctx.groups.id ?? '';
      const lower = id.toLowerCase();
      if (!def.keywords.some((k) => namesKeyword(id, lower, k))) return false;
      if (isPlaceholder(secret) || (needsWord && !credentialWordNear(secret, ctx))) return false;
      // Generated keys mix letters and digits; a run of letters alone is a word or an identifier.
      if (!/[0-9]/.test(secret) || !/[A-Za-z]/.test(secret)) return false;
      if (def.check && !def.check(secret)) return false;
      return !quotedEquals(ctx, secret);
    },
    examples: def.examples,
  };
}

/**
 * `'=abc…'` or `…Bt+=abc…`: the `=` belongs to the value (a quoted value starting with it, or base64 padding
 * glued to more characters), so the token is only a tail of it.
 */
function quotedEquals(ctx: MatchContext, secret: string): boolean {
  const at = ctx.matchOffset + ctx.match.length - secret.length;
  return ctx.text[at - 1] === '=' && /["'`+/=]/.test(ctx.text[at - 2] ?? '');
}

/** True when the token has the provider's documented shape, or (shape unknown) looks random rather than a name. */
function looksLikeProviderKey(secret: string, provider: Provider, ctx?: MatchContext): boolean {
  if (!/[A-Za-z0-9]={0,2}$/.test(secret) || /=[^=]/.test(secret)) return false; // ends in punctuation, `=` inside
  if (SRI_OR_MODULE_HASH.test(secret) || PUBLIC_CLIENT_ID.test(secret) || isPlaceholder(secret)) return false;
  if (ctx && /\bh1:$/.test(ctx.match.slice(0, ctx.match.length - secret.length))) return false; // go.sum
  if (secret.toLowerCase().includes(provider.keyword)) return false; // `postmark-3.1.0`, module paths
  if (isBrokenJwtOrPublicKey(secret)) return false; // a hand-edited JWT, a publishable key
  if (provider.shape) {
    // The documented shape is the strongest evidence: without it the value is a malformed or hand-edited copy, an
    // id or something else; with it, the value only has to be random (not a word, not a run of few characters).
    if (!provider.shape.test(secret)) return false;
    // A long single-case value of the exact documented shape is no class name even when its letters run long;
    // a camel-case one (`OAuth2CredentialProvider` has Atlassian's 24 characters) still may be.
    const singleCase = !/[a-z]/.test(secret) || !/[A-Z]/.test(secret);
    return shannonEntropy(secret) >= 3 && !isHandEditedToken(secret) && ((singleCase && secret.length >= 20) || !isIdentifierValue(secret));
  }
  // Shape unknown: UUIDs and digest-length hex are ids and hashes far more often than keys.
  if (UUID.test(secret) || HEX_DIGEST.test(secret)) return false;
  if (shannonEntropy(secret) < 3.5 || isHandEditedToken(secret)) return false;
  if (isIdentifierValue(secret)) return false; // `OAuth2CredentialProviderVendor`: a class name, not a key
  // Names, paths and versions split into short word-like parts; a key has one long mixed run.
  return secret.split(/[_.~+/-]/).some((part) => part.length >= 8 && /[0-9]/.test(part) && /[A-Za-z]/.test(part));
}

export const RULES: RuleSpec[] = [
  {
    id: 'provider-keyword-token',
    kind: 'generic-api-key',
    severity: 'warning',
    title: 'API key next to a provider name',
    description:
      'A token within 40 characters after the name of a known API provider (Alchemy, Whoxy, Opsgenie, …, see ' +
      'provider-names.ts) that has the documented shape of that provider\'s keys (or, shape unknown, looks random). ' +
      'Most SaaS keys have no prefix, so the provider name is the context: rotate the key at that provider and load ' +
      'it from the environment or a secret store.',
    keywords: TABLE.map((p) => p.keyword),
    pattern: PATTERN,
    anchor: 'identifier',
    validate: (secret, ctx) => {
      const provider = providerIn(ctx.groups.id ?? '');
      if (!provider) return false;
      if (quotedEquals(ctx, secret)) return false;
      // A provider name next to any random token is too weak: a credential word must sit between them, or just
      // before the name (`<secret>{ambee …}`, `// Postmark server token` above the client call). A value of the
      // provider's documented shape (20+ characters) is evidence enough, unless the name says it is an id.
      if (!credentialWordNear(secret, ctx) && !(provider.shape?.test(secret) && secret.length >= 20 && !NOT_A_KEY_NAME.test(ctx.match))) {
        return false;
      }
      return looksLikeProviderKey(secret, provider, ctx);
    },
    examples: {
      positive: [
        "pushover token = 'e2kq7v0c-4j1m-88pw-t0a9-3hqz51nbw7xd'",
        'OPSGENIE_API_KEY=bb8a4b6c-83b3-4cde-92ba-e3e35916ef3f',
        'WHOXY_API_KEY=k3v9q0wz7m2r8t5y1u4i6o0p3a7s9d2fx',
        '[INFO] Sending request to the alienvault API\n[DEBUG] Using Key=9f3kq2m8v7x1c5b0n4z6a8s2d7f3g1h5j9k0l2p4o6i8u7y3t1r5e9w0q2a4s6d8',
        '<id>{alchemy}</id>\n<secret>{alchemy AQAAABAAA Qm7xR2tV9wL4kZ8pN3cF6hJ1sD5gB0yE}</secret>',
        'base_url: "https://api.coinlayer.com/v1/live?access_key=r8t2v6x0z4b7n1m5q9w3e7r1t5y9u3i7"',
        'const clinchpadKey = "zk4pq8wn2rt6yv0xs3ud7gf1hj5lm9cb"',
        // A value of the documented shape needs no credential word (alconost: 32 lower-case letters and digits).
        "const client = new AlconostClient('r8t2v6x0z4b7n1m5q9w3e7r1t5y9u3i7');",
        // A documented shape (aha.io: 64 hex) is taken even though hex alone would read as a digest.
        'url = "https://acme.aha.io/api/v1/features?token=81a1411a7e276fd88819df3137eb406e0f281f8a8c417947ca4b025890c8541c"',
      ],
      negative: [
        'static SALESFORCE = new OAuth2CredentialProviderVendor("SalesforceOauth2");',
        "const twilioAccountSid = 'ACfca175c7762a5a4373f067d73ba3b891';",
        "whoxy token = 'e2kq7v0c?4j1m-88pw-t0a9-3hqz51nbw7xd'",
        'whoxy keyword is far from the key in this sentence here\n = "k3v9q0wz7m2r8t5y1u4i6o0p3a7s9d2f"',
        'const client = new whoxy.Client(process.env.WHOXY_SERVER_TOKEN_V2);',
        'WHOXY_REQUEST_ID=bb8a4b6c-83b3-4cde-92ba-e3e35916ef3f',
        'github.com/sendgrid/sendgrid-go v3.11.1+incompatible h1:k3v9q0wz7m2r8t5y1u4iQo0p3a7s9d2fZx1c5V8bN0m=',
        '"whoxy": "https://registry.npmjs.org/whoxy/-/whoxy-4.0.5.tgz"',
        'WHOXY_API_KEY=your_whoxy_api_key_1234567890',
        'whoxy_commit = "9d2c1f0e8b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d"',
        // Documented shapes: agora keys are 32 lower-case letters and digits, aha.io keys 64 lower-case hex.
        '[INFO] Sending request to the agora API\n[DEBUG] Using Key=qi6txx6vd0qzn6j01xj9rr6clyejvjw',
        'url = "https://acme.aha.io/api/v1/features?token=81a1411a7e276fd88819df3137eJ406e0f281f8a8c417947ca4b025890c8541c"',
        'pushover token = "eyJhbGciOiJIUzI1N.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlMTIzNDU2"',
        // Without a credential word, a shaped value named as an id, or a class name of the right length, is no key.
        'const alconostProjectId = "r8t2v6x0z4b7n1m5q9w3e7r1t5y9u3i7";',
        'static usingAtlassian(scope: Construct, id: string, props: AtlassianOAuth2CredentialProviderProps): OAuth2CredentialProvider;',
      ],
    },
  },
];
