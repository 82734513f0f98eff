/**
 * Malformed copies of prefixed tokens. A value that starts with a token prefix one of our provider rules owns
 * (`bkua_`, `gloas-`, `sk-or-v1-`, `duffel_test_`, `cfut_`, …) is that provider's token; when the provider rule's
 * own pattern only matches a shorter start of the value, or the value completed to a longer one, it is padded or
 * truncated (`cfut_…EXTRA`, `gloas-` + 32 hex of 64), and the generic rules must not report it either. A value in a
 * layout the rule does not know at all is left to the generic rules (the provider may have a newer format). Likewise a JWT-looking value (`eyJ….….`) that does not decode
 * to a JWT, and publishable keys (`pk_live_`, Lob `live_pub_`), which are public by design.
 * Test keys (`sk_test_`) stay secrets: they are not publishable, and a shortened test key is still test material.
 */
import type { RuleSpec } from '../types';
import { RULES as AI } from './ai';
import { RULES as AWS } from './aws';
import { RULES as AZURE } from './azure';
import { RULES as CHAT } from './chat';
import { RULES as CLOUD } from './cloud';
import { RULES as DEVOPS } from './devops';
import { RULES as FINTECH } from './fintech';
import { RULES as KEYS } from './keys';
import { isBrokenJwtOrPublicKey } from '../token-shape';
import { RULES as MESSAGING } from './messaging';
import { RULES as PACKAGES } from './packages';
import { RULES as PAYMENTS } from './payments';
import { RULES as SAAS } from './saas';
import { RULES as VCS } from './vcs';

/** Prefix keywords that are ordinary words: a value starting with them may belong to anyone. */
const WORD_PREFIX = /^(?:api|key|keys|secret|token|pat|private|public|test|live|session|access|account|search|function|primary|message|sl|sg|t1|a3|pul|ingest|vf)[_.-]$/;

/** Token prefix (lower-case) → the rules owning it. Built once, on first use. */
let owners: Map<string, RuleSpec[]> | undefined;
let prefixLengths: number[] = [];

function prefixOwners(): Map<string, RuleSpec[]> {
  if (owners) return owners;
  owners = new Map();
  const families = [AI, AWS, AZURE, CHAT, CLOUD, DEVOPS, FINTECH, KEYS, MESSAGING, PACKAGES, PAYMENTS, SAAS, VCS];
  for (const rule of families.flat()) {
    // Only rules that judge a bare token: no file context, no neighbour requirement, no identifier anchor.
    if (rule.fileContext || rule.requiresNearby || rule.anchor) continue;
    for (const k of rule.keywords) {
      if (k.length < 4 || !/^[a-z0-9]+(?:[_.-][a-z0-9]+)*[_.-]$/.test(k) || WORD_PREFIX.test(k)) continue;
      if (/test/.test(k)) continue; // test key material stays flagged, even in a shortened sample (`sk_test_abcd1234…`)
      const list = owners.get(k) ?? [];
      list.push(rule);
      owners.set(k, list);
    }
  }
  prefixLengths = [...new Set([...owners.keys()].map((k) => k.length))].sort((a, b) => a - b);
  return owners;
}

const globalPatterns = new WeakMap<RuleSpec, RegExp>();

/** True when a rule's pattern, run on the value alone, takes the whole value as its secret. */
function ownsWhole(rule: RuleSpec, value: string): boolean {
  let re = globalPatterns.get(rule);
  if (!re) globalPatterns.set(rule, (re = new RegExp(rule.pattern.source, rule.pattern.flags.replace(/[gy]/g, '') + 'g')));
  for (const m of value.matchAll(re)) {
    const secret = m.groups?.secret ?? m.groups?.secret2 ?? m[0];
    if (secret === value) return true;
  }
  return false;
}

/** True when the value is a malformed copy of a prefixed token, a broken JWT or a publishable key. */
export function isMalformedOrPublicToken(value: string): boolean {
  if (isBrokenJwtOrPublicKey(value)) return true;
  const table = prefixOwners();
  const lower = value.slice(0, 40).toLowerCase();
  let owned: RuleSpec[] = [];
  for (const n of prefixLengths) {
    if (n >= value.length) break;
    owned = owned.concat(table.get(lower.slice(0, n)) ?? []);
  }
  if (!owned.length) return false;
  const fits = (candidate: string): boolean => owned.some((r) => ownsWhole(r, candidate));
  // The alphabet is not judged (our pattern may be stricter about it than the provider): with every letter and
  // digit after the prefix set to `0`, a value of the right length and layout still fits.
  const cut = prefixLengths.find((n) => table.has(lower.slice(0, n))) ?? 0;
  const layout = value.slice(0, cut) + value.slice(cut).replace(/[A-Za-z0-9]/g, '0');
  if (fits(value) || fits(layout)) return false;
  // Too long: its start is a whole token (`cfut_…EXTRA`, `spu-…badwad`): padded or glued to more text.
  for (let n = layout.length - 1; n >= cut + 8; n--) if (fits(layout.slice(0, n))) return true;
  // Too short: a truncated copy, completed by zeros. Any other layout may be a format our rule does not know yet.
  for (let pad = '0'; pad.length <= 64; pad += '0') if (fits(layout + pad)) return true;
  return false;
}
